import type { Metadata } from "next";

import { listRead } from "@/lib/page-reads";
import { Prefetched } from "@/server/prefetch";

import { ConnectionsPage } from "./view";

export const metadata: Metadata = { title: "Connections" };

/** The page with its first reads made by the server (see Prefetched): the same reads its view makes. */
export default function Page() {
  return (
    <Prefetched reads={[listRead("attributes"), listRead("applications"), listRead("members"), listRead("rules")]}>
      <ConnectionsPage />
    </Prefetched>
  );
}
