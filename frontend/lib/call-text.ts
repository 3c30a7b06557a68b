import type { Address, Hex } from "viem";

import { bytes32ToText, roleName } from "@weconet/sdk";

import { formatRuleValue, ruleInfo } from "./rules";

/**
 * One call of a proposal, decoded (see lib/calls.ts: that needs the contracts' ABIs, so the governance page gets its
 * proposals' calls decoded by the dApp's server): the contract's name, and the function and its arguments when the
 * calldata is one of its functions.
 */
export type DecodedCall =
  | { contract: string; functionName: string; args: readonly unknown[] }
  | { contract: string; selector: Hex; outside: boolean };

/** One call of a proposal, decoded: the contract, the function and its arguments, and what it means in words. */
export interface DescribedCall {
  contract: string;
  signature: string;
  sentence: string;
}

const show = (value: unknown): string =>
  typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value) ? bytes32ToText(value as Hex) || value : String(value);

/**
 * What a decoded call will do when executed, in words. `name` turns addresses into the local demo's names;
 * `currentRule` gives a rule's present value.
 */
export function describeDecoded(
  decoded: DecodedCall,
  options: { name?: (a: Address) => string; currentRule?: (name: string) => bigint | undefined } = {},
): DescribedCall {
  const { contract } = decoded;
  if (!("functionName" in decoded)) {
    return decoded.outside
      ? { contract, signature: decoded.selector, sentence: `call ${contract}` }
      : { contract, signature: decoded.selector, sentence: `an unknown call to ${contract}` };
  }
  const name = options.name ?? ((a: Address) => a);
  const { functionName, args } = decoded;
  const signature = `${functionName}(${args.map(show).join(", ")})`;
  return { contract, signature, sentence: sentenceOf(functionName, args, name, options.currentRule) };
}

function sentenceOf(
  fn: string,
  args: readonly unknown[],
  name: (a: Address) => string,
  currentRule: ((name: string) => bigint | undefined) | undefined,
): string {
  const [a0, a1] = args;
  switch (fn) {
    case "setRule": {
      const rule = bytes32ToText(a0 as Hex);
      const value = a1 as bigint;
      const now = currentRule?.(rule);
      const from = now === undefined ? "" : ` from ${formatRuleValue(rule, now)}`;
      return `Change the rule "${ruleInfo(rule).label}"${from} to ${formatRuleValue(rule, value)}.`;
    }
    case "grantRole":
      return `Make ${name(a1 as Address)} a network ${roleName(a0 as Hex)}.`;
    case "revokeRole":
      return `End the ${roleName(a0 as Hex)} role of ${name(a1 as Address)}.`;
    case "appointManager":
      return `Appoint ${name(a0 as Address)} as the network manager.`;
    case "remove":
      return `Remove ${name(a0 as Address)} from the network (reason: ${bytes32ToText(a1 as Hex)}).`;
    case "setDefaultSocket":
      return `Make ${String(a0)} the network's default socket (where members who name none keep their data).`;
    case "deprecateAttribute":
      return `Deprecate attribute ${String(a0)} of the taxonomy.`;
    case "addAttribute": {
      const input = a0 as { name: string };
      return `Add the attribute "${input.name}" to the taxonomy.`;
    }
    default:
      return `Call ${fn}.`;
  }
}
