import type { Metadata } from "next";

import { listRead, pointRead } from "@/lib/page-reads";
import { Prefetched } from "@/server/prefetch";

import { NetworkPage } from "./view";

// The layout's title template applies below it, not to its own segment's page: the home page names itself in full.
export const metadata: Metadata = { title: { absolute: "Network · Weconet" } };

/** The page with its first reads made by the server (see Prefetched): the same reads its view makes. */
export default function Page() {
  return (
    <Prefetched reads={[pointRead("status", []), listRead("members"), listRead("attributes"), listRead("resources")]}>
      <NetworkPage />
    </Prefetched>
  );
}
