import type { Metadata } from "next";

import { listRead } from "@/lib/page-reads";
import { Prefetched } from "@/server/prefetch";

import { GovernancePage } from "./view";

export const metadata: Metadata = { title: "Governance" };

/** The page with its first reads made by the server (see Prefetched): the same reads its view makes. */
export default function Page() {
  return (
    <Prefetched reads={[listRead("proposals"), listRead("rules"), listRead("members")]}>
      <GovernancePage />
    </Prefetched>
  );
}
