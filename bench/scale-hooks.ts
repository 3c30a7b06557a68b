/**
 * The scale benchmark's measurements that need the read model and the indexer: the SDK's fold into a
 * MemoryStore (the same reducers as `audit verify` and the indexer). The indexer's part is not on this branch yet
 * (bench/scale.ts prints "not measured").
 */
import { applyEvents, MemoryStore } from "@weconet/sdk";

import type { ScaleHooks } from "./scale.js";

export const SCALE_HOOKS: ScaleHooks = {
  fold: (events) => applyEvents(new MemoryStore(), events),
};
