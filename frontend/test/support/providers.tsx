import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { WagmiProvider } from "wagmi";
import type { Address } from "viem";

import { ActiveExplorer } from "@/components/Explorer";
import type { ChainConfig, NetworkConfig } from "@/lib/network";
import { hashQueryKey } from "@/lib/page-reads";
import { wagmiConfigOf } from "@/lib/wagmi";
import { HeadProvider, NetworkConfigProvider } from "@/lib/weconet";

const zero = "0x0000000000000000000000000000000000000001" as Address;

/** A chain as the server would describe it (the contracts' addresses do not matter to a component). */
export function chainConfig(patch: Partial<ChainConfig> = {}): ChainConfig {
  return {
    chainId: 31337,
    name: "Weconet local",
    // A port nothing listens on: a component test sends nothing.
    rpcUrl: "http://127.0.0.1:9",
    contracts: new Proxy({}, { get: () => zero }) as ChainConfig["contracts"],
    fromBlock: "0",
    socketUrl: null,
    indexerUrl: null,
    explorerUrl: null,
    demoToken: null,
    ...patch,
  };
}

/** A query client as the dApp's, without retries: `setQueryData` gives a component its reads. */
export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { queryKeyHashFn: hashQueryKey, retry: false, staleTime: Infinity } },
  });
}

/**
 * The dApp's providers without its live updates (which poll the server): networks, wagmi, queries and the head, so
 * that a component with transactions and reads renders as on a page.
 */
export function TestProviders({
  network,
  children,
  client,
}: {
  network: NetworkConfig;
  children: ReactNode;
  /** A query client holding answers already (reads the test gives instead of a server). */
  client?: QueryClient;
}) {
  const [config] = useState(() => wagmiConfigOf(network));
  const [queryClient] = useState(() => client ?? testQueryClient());
  return (
    <NetworkConfigProvider value={network}>
      <WagmiProvider config={config}>
        <QueryClientProvider client={queryClient}>
          <HeadProvider>
            <ActiveExplorer>{children}</ActiveExplorer>
          </HeadProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </NetworkConfigProvider>
  );
}
