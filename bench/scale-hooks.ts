/**
 * The scale benchmark's measurements that need the read model and the indexer: the SDK's fold into a
 * MemoryStore (the same reducers as `audit verify` and the indexer) and the indexer's throughput. Pages through
 * the indexer need the SDK's lists on rows (`createWeconet({ indexer })`): not on this branch yet.
 */
import { applyEvents, MemoryStore } from "@weconet/sdk";

import { startScaleIndexer } from "./scale-indexer.js";
import type { ScaleHooks } from "./scale.js";

export const SCALE_HOOKS: ScaleHooks = {
  fold: (events) => applyEvents(new MemoryStore(), events),
  indexer: { start: startScaleIndexer },
};
