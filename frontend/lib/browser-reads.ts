import type { PublicClient } from "viem";
import { getPublicClient } from "wagmi/actions";

import { chainReads } from "./chain-reads";
import { headOf } from "./refresh";
import type { ChainConfig } from "./network";
import type { ReadClient } from "./read-client";
import { runRead } from "./registry";
import type { WeconetWagmiConfig } from "./wagmi";

/**
 * The pages' reads run in the browser over the wallet's connection to the chain (loaded lazily by
 * `walletReadClient`, only for a chain the dApp's server cannot reach): the same registry as the server's.
 */
export function browserReadClient(chain: ChainConfig, config: WeconetWagmiConfig): ReadClient {
  // wagmi's client is a viem public client for this chain; the SDK takes any chain's.
  const publicClient = getPublicClient(config, { chainId: chain.chainId }) as PublicClient | undefined;
  if (publicClient === undefined) throw new Error(`no client for chain ${chain.chainId}`);
  const { reads, head } = chainReads(chain, publicClient);
  return { read: (name, args) => runRead(reads, name, args), head: async () => headOf(await head.head()) };
}
