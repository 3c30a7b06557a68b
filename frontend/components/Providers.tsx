"use client";

import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { WagmiProvider } from "wagmi";

import { ActiveExplorer } from "@/components/Explorer";
import type { NetworkConfig } from "@/lib/network";
import { hashQueryKey } from "@/lib/page-reads";
import { SocketSessionsProvider } from "@/lib/socket";
import { wagmiConfigOf } from "@/lib/wagmi";
import { HeadProvider, LiveUpdates, NetworkConfigProvider } from "@/lib/weconet";

/**
 * Wallets (wagmi), cached reads (TanStack Query), the networks the server found and the data socket sessions, for
 * every page.
 */
export function Providers({ network, children }: { network: NetworkConfig; children: ReactNode }) {
  const [config] = useState(() => wagmiConfigOf(network));
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // A hash that understands bigints (proposal ids in keys), the server's too; refetches come from what changed
        // (LiveUpdates), not focus.
        defaultOptions: { queries: { queryKeyHashFn: hashQueryKey, staleTime: 5_000, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <NetworkConfigProvider value={network}>
      <WagmiProvider config={config}>
        <QueryClientProvider client={queryClient}>
          <HeadProvider>
            <LiveUpdates />
            <SocketSessionsProvider>
              <ActiveExplorer>{children}</ActiveExplorer>
            </SocketSessionsProvider>
          </HeadProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </NetworkConfigProvider>
  );
}
