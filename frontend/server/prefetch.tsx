import type { ReactNode } from "react";
// The core, not @tanstack/react-query: the React package's client components would join every page's JavaScript.
import { dehydrate, QueryClient } from "@tanstack/query-core";

import { Hydrate } from "../components/Hydrate";
import { hashQueryKey, queryKeyOf, type PageRead } from "../lib/page-reads";
import { chainServer, currentNetworkConfig } from "./weconet";

/**
 * A page's first reads, made by the server with its HTML (from the server's cache of answers, see
 * lib/read-cache.ts) and handed to the browser's query cache: the page shows its data as soon as the HTML arrives,
 * before any JavaScript ran, and the browser reads nothing again until it changes. `reads` are the page's own
 * (pointRead/listRead with the arguments its hooks use, so the keys match); reads that need a wallet's account
 * are not among them (the server does not know it). A read that fails here is simply made by the browser.
 */
export async function Prefetched({ reads, children }: { reads: readonly PageRead[]; children: ReactNode }) {
  // The same hash as the browser's cache (Providers): keys may hold bigints.
  const queryClient = new QueryClient({ defaultOptions: { queries: { queryKeyHashFn: hashQueryKey } } });
  // Without a wallet the dApp shows the first network the server found (see useActiveChain).
  const chain = (await currentNetworkConfig()).chains[0];
  const server = chain === undefined ? undefined : await chainServer(chain.chainId).catch(() => undefined);
  if (chain !== undefined && server !== undefined) {
    await Promise.all(
      reads.map(async (read) => {
        try {
          queryClient.setQueryData(queryKeyOf(chain.chainId, read), await server.cache.read(read.name, read.args));
        } catch {
          // The browser reads it and shows why it failed.
        }
      }),
    );
  }
  return <Hydrate state={dehydrate(queryClient)}>{children}</Hydrate>;
}
