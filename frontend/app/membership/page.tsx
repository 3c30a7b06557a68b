import type { Metadata } from "next";

import { listRead } from "@/lib/page-reads";
import { Prefetched } from "@/server/prefetch";

import { MembershipPage } from "./view";

export const metadata: Metadata = { title: "Me" };

/** The page with its first reads made by the server (see Prefetched): the same reads its view makes. */
export default function Page() {
  return (
    <Prefetched reads={[listRead("attributes")]}>
      <MembershipPage />
    </Prefetched>
  );
}
