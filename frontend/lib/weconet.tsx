"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useConnection, usePublicClient, useWalletClient, useWatchBlockNumber } from "wagmi";
import type { Address, PublicClient } from "viem";

import { createWeconet, type Deployment, type SigningClient, type Weconet } from "@weconet/sdk";

import type { ChainConfig, NetworkConfig } from "./network";
import { pollingIntervalOf } from "./wagmi";

const NetworkContext = createContext<NetworkConfig | null>(null);

export function NetworkConfigProvider({ value, children }: { value: NetworkConfig; children: ReactNode }) {
  return <NetworkContext value={value}>{children}</NetworkContext>;
}

export function useNetworkConfig(): NetworkConfig {
  const config = useContext(NetworkContext);
  if (config === null) throw new Error("useNetworkConfig outside NetworkConfigProvider");
  return config;
}

/** The SDK's deployment of a chain the server found. */
export function deploymentOf(chain: ChainConfig): Deployment {
  return { chainId: chain.chainId, contracts: chain.contracts, fromBlock: BigInt(chain.fromBlock) };
}

/**
 * Which network the dApp shows: the wallet's chain when it has a Weconet deployment, otherwise the first one found
 * (the local chain when it runs). `wrongNetwork` says the wallet is connected to a chain without Weconet.
 */
export function useActiveChain(): { chain: ChainConfig; wrongNetwork: boolean; walletChainId: number | undefined } {
  const { chains } = useNetworkConfig();
  const { chainId: walletChainId, isConnected } = useConnection();
  const first = chains[0];
  if (first === undefined) throw new Error("no Weconet deployment");
  const matching = chains.find((c) => c.chainId === walletChainId);
  return { chain: matching ?? first, wrongNetwork: isConnected && matching === undefined, walletChainId };
}

export interface WeconetHandle {
  /** The SDK for reads on the active network. */
  weconet: Weconet;
  chain: ChainConfig;
  /** The connected account, when connected to the active network. */
  account: Address | undefined;
  wrongNetwork: boolean;
}

/** The SDK over wagmi's public client for the active network. */
export function useWeconet(): WeconetHandle {
  const { chain, wrongNetwork } = useActiveChain();
  const { address } = useConnection();
  // wagmi's client is a viem public client for this chain; the SDK takes any chain's.
  const publicClient = usePublicClient({ chainId: chain.chainId }) as PublicClient | undefined;
  if (publicClient === undefined) throw new Error(`no client for chain ${chain.chainId}`);
  const weconet = useMemo(
    () => createWeconet({ deployment: deploymentOf(chain), publicClient }),
    [chain, publicClient],
  );
  return { weconet, chain, account: wrongNetwork ? undefined : address, wrongNetwork };
}

/** The connected wallet as a signing client on the active network (undefined until connected there). */
export function useSigner(): SigningClient | undefined {
  const { chain, wrongNetwork } = useActiveChain();
  const { data } = useWalletClient({ chainId: chain.chainId });
  return wrongNetwork ? undefined : (data as SigningClient | undefined);
}

/** Query keys of Weconet reads start with this, per chain: one invalidation refreshes every list. */
export const weconetKey = (chainId: number) => ["weconet", chainId] as const;

/** A read through the SDK, cached by TanStack Query and refreshed on every new block. */
export function useWeconetQuery<T>(
  key: readonly unknown[],
  read: (weconet: Weconet) => Promise<T>,
  options: { enabled?: boolean } = {},
): UseQueryResult<T> {
  const { weconet, chain } = useWeconet();
  return useQuery({
    queryKey: [...weconetKey(chain.chainId), ...key],
    queryFn: () => read(weconet),
    enabled: options.enabled ?? true,
    // Keep showing the last answer while a refresh after a new block runs: lists never flash empty.
    placeholderData: (previous) => previous,
  });
}

/**
 * Keeps every Weconet read live: on each new block of the active chain (anyone's transaction, also from the CLI),
 * the reads are marked stale and the visible ones refetch.
 */
export function LiveUpdates() {
  const { chain } = useActiveChain();
  const queryClient = useQueryClient();
  useWatchBlockNumber({
    chainId: chain.chainId,
    pollingInterval: pollingIntervalOf(chain.chainId),
    onBlockNumber: () => void queryClient.invalidateQueries({ queryKey: weconetKey(chain.chainId) }),
  });
  return null;
}
