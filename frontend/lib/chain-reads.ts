import type { PublicClient } from "viem";

import { createWeconet, type PersonNames, type Weconet } from "@weconet/sdk";

import { headWatcher, nodeHeadSource, type HeadWatcher } from "./changes";
import { deploymentOf, type ChainConfig } from "./network";
import type { Reads } from "./reads";
import { readsOf } from "./registry";

/** The pages' reads of one chain and the watcher that says what changed, wherever they run (server or browser). */
export interface ChainReads {
  weconet: Weconet;
  reads: Reads;
  head: HeadWatcher;
}

/**
 * The SDK over `publicClient` for `chain`: its lists read the chain's indexer when it has one, else the SDK's own
 * fold of the node's events (brought up to date from its last block); the model's change rows say which tables moved.
 * `names`: what its sentences call accounts (see readsOf).
 */
export function chainReads(chain: ChainConfig, publicClient: PublicClient, names?: PersonNames): ChainReads {
  const weconet = createWeconet({
    deployment: deploymentOf(chain),
    publicClient,
    ...(chain.indexerUrl === null ? {} : { indexer: chain.indexerUrl }),
  });
  const head = headWatcher(
    { ...nodeHeadSource(publicClient), tableChanges: () => weconet.reads.changes() },
    chain.contracts,
  );
  return { weconet, reads: readsOf(weconet, chain, names), head };
}
