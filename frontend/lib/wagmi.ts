import { createConfig, createStorage, http, injected, unstable_connector, type Transport } from "wagmi";
import { defineChain, type Chain } from "viem";

import { devWallet } from "./dev-connector";
import { LOCAL_CHAIN_ID, type ChainConfig, type NetworkConfig } from "./network";

/** The viem chain of a Weconet deployment. */
export function chainOf(c: ChainConfig): Chain {
  return defineChain({
    id: c.chainId,
    name: c.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: c.rpcUrl === null ? [] : [c.rpcUrl] } },
    testnet: true,
  });
}

/** How often the dApp asks the node for a new block: instantly-mining local chains are worth watching closely. */
export function pollingIntervalOf(chainId: number): number {
  return chainId === LOCAL_CHAIN_ID ? 500 : 4_000;
}

/**
 * The wagmi config for the networks the server found: injected wallets by EIP-6963 discovery, and on the local
 * chain the development wallet (one connector per demo person). Chains without an RPC URL are read through the
 * connected wallet.
 */
export function wagmiConfigOf(network: NetworkConfig) {
  const [first, ...rest] = network.chains.map(chainOf);
  if (first === undefined) throw new Error("no Weconet deployment: nothing to configure");
  const chains: [Chain, ...Chain[]] = [first, ...rest];
  const transports: Record<number, Transport> = {};
  for (const c of network.chains) {
    transports[c.chainId] = c.rpcUrl === null ? unstable_connector(injected) : http(c.rpcUrl, { batch: true });
  }
  const local = network.chains.find((c) => c.chainId === LOCAL_CHAIN_ID);
  const localChain = chains.find((c) => c.id === LOCAL_CHAIN_ID);
  const dev =
    local?.rpcUrl != null && localChain !== undefined
      ? network.devAccounts.map((person) => devWallet(person, localChain, local.rpcUrl ?? ""))
      : [];
  return createConfig({
    chains,
    transports,
    connectors: dev,
    multiInjectedProviderDiscovery: true,
    ssr: true,
    pollingInterval: pollingIntervalOf(first.id),
    storage: createStorage({
      storage: typeof window === "undefined" ? undefined : window.localStorage,
      key: "weconet",
    }),
  });
}

export type WeconetWagmiConfig = ReturnType<typeof wagmiConfigOf>;
