/**
 * The scale benchmark's measurements that need the read model and the indexer: the SDK's fold into a
 * MemoryStore (the same reducers as `audit verify` and the indexer), the indexer's throughput, and the SDK reading
 * its lists through the indexer (`createWeconet({ indexer })` with the indexer's GraphQL as its RowSource).
 */
import { applyEvents, createWeconet, indexerSource, MemoryStore } from "@weconet/sdk";

import { startScaleIndexer } from "./scale-indexer.js";
import type { ScaleHooks } from "./scale.js";

export const SCALE_HOOKS: ScaleHooks = {
  fold: (events) => applyEvents(new MemoryStore(), events),
  indexer: {
    start: startScaleIndexer,
    weconet: (chain, url) =>
      createWeconet({ deployment: chain.deployment, publicClient: chain.publicClient, indexer: indexerSource(url) }),
  },
};
