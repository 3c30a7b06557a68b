import type { Hex } from "viem";

import type { WeconetContext } from "../client.js";
import { bytes32ToText } from "../errors.js";

/** A network rule: its key, readable name and value. */
export interface Rule {
  key: Hex;
  name: string;
  value: bigint;
}

/** Every rule of the network, in the contract's order (read from its own key list, so new rules appear by themselves). */
export async function readRules(ctx: WeconetContext, options: { blockNumber?: bigint } = {}): Promise<Rule[]> {
  const rules = ctx.contracts.networkRules;
  const keys = await rules.read.ruleKeys(options);
  return Promise.all(
    keys.map(async (key) => ({ key, name: bytes32ToText(key), value: await rules.read.rule([key], options) })),
  );
}
