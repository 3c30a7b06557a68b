import type { Hex } from "viem";

import type { WeconetContext } from "../client.js";
import { bytes32ToText } from "../errors.js";

/** A network rule: its key, readable name, value and the bounds (inclusive) the contract holds it within. */
export interface Rule {
  key: Hex;
  name: string;
  value: bigint;
  min: bigint;
  max: bigint;
}

/**
 * Every rule of the network with its bounds, in the contract's order (read from its own key list and bounds view,
 * so new rules appear by themselves).
 */
export async function readRules(ctx: WeconetContext, options: { blockNumber?: bigint } = {}): Promise<Rule[]> {
  const rules = ctx.contracts.networkRules;
  const keys = await rules.read.ruleKeys(options);
  return Promise.all(
    keys.map(async (key) => {
      const [value, [min, max]] = await Promise.all([
        rules.read.rule([key], options),
        rules.read.ruleBounds([key], options),
      ]);
      return { key, name: bytes32ToText(key), value, min, max };
    }),
  );
}
