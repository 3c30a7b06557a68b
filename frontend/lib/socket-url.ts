import type { Address } from "viem";

import type { Weconet } from "@weconet/sdk";

import type { ChainConfig } from "./network";

/**
 * Where `member`'s data lives: the URL their SocketDirectory entry names (their own, else the network's default);
 * the server's configured socket only when the deployment has no SocketDirectory or it names none.
 */
export async function socketUrlOf(w: Weconet, chain: ChainConfig, member: Address | undefined): Promise<string | null> {
  if ("socketDirectory" in chain.contracts) {
    const onChain = member === undefined ? await w.reads.defaultSocket() : await w.reads.socketOf(member);
    if (onChain !== undefined && onChain !== "") return onChain;
  }
  return chain.socketUrl;
}
