import type { Metadata } from "next";

import { listRead, pointRead } from "@/lib/page-reads";
import { Prefetched } from "@/server/prefetch";

import { DataPage } from "./view";

export const metadata: Metadata = { title: "My data" };

/** The page with its first reads made by the server (see Prefetched): the same reads its view makes. */
export default function Page() {
  return (
    <Prefetched reads={[listRead("attributes"), listRead("applications"), pointRead("socketUrl", [undefined])]}>
      <DataPage />
    </Prefetched>
  );
}
