import type { Metadata } from "next";

import { pointRead } from "@/lib/page-reads";
import { Prefetched } from "@/server/prefetch";

import { AuditPage } from "./view";

export const metadata: Metadata = { title: "Audit" };

/** The page with its first reads made by the server (see Prefetched): the same reads its view makes. */
export default async function Page({ searchParams }: { searchParams: Promise<{ proposal?: string | string[] }> }) {
  // `?proposal=<id>`: a proposal's page links its transactions here when the chain has no explorer.
  const { proposal } = await searchParams;
  return (
    <Prefetched reads={[pointRead("auditEvents", [])]}>
      <AuditPage {...(typeof proposal === "string" ? { proposal } : {})} />
    </Prefetched>
  );
}
