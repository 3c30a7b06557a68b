import type { Metadata } from "next";

import { listRead } from "@/lib/page-reads";
import { Prefetched } from "@/server/prefetch";

import { LeadersPage } from "./view";

export const metadata: Metadata = { title: "Leaders" };

/** The page with its first reads made by the server (see Prefetched): the same reads its view makes. */
export default function Page() {
  return (
    <Prefetched
      reads={[listRead("members"), listRead("applications"), listRead("bookings", { statuses: ["disputed"] })]}
    >
      <LeadersPage />
    </Prefetched>
  );
}
