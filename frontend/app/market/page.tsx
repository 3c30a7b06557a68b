import type { Metadata } from "next";

import { listRead } from "@/lib/page-reads";
import { Prefetched } from "@/server/prefetch";

import { MarketPage } from "./view";

export const metadata: Metadata = { title: "Market" };

/** The page with its first reads made by the server (see Prefetched): the same reads its view makes. */
export default function Page() {
  return (
    <Prefetched reads={[listRead("attributes"), listRead("offers", { all: true }), listRead("marketRequests")]}>
      <MarketPage />
    </Prefetched>
  );
}
