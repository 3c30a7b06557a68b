/**
 * The scale benchmark's measurements that need the read model (the SDK's fold into a MemoryStore) and the
 * indexer: none yet on this branch (bench/scale.ts prints "not measured").
 */
import type { ScaleHooks } from "./scale.js";

export const SCALE_HOOKS: ScaleHooks = {};
