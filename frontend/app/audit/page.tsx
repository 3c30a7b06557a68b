import type { Metadata } from "next";

import { pointRead } from "@/lib/page-reads";
import { Prefetched } from "@/server/prefetch";

import { AuditPage } from "./view";

export const metadata: Metadata = { title: "Audit" };

/** The page with its first reads made by the server (see Prefetched): the same reads its view makes. */
export default function Page() {
  return (
    <Prefetched reads={[pointRead("auditEvents", [])]}>
      <AuditPage />
    </Prefetched>
  );
}
