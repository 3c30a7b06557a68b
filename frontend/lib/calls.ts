import { decodeFunctionData, type Abi, type Address, type Hex } from "viem";

import { abiOfKey, bytes32ToText, CONTRACT_KEYS, roleName, type ContractKey, type Deployment } from "@weconet/sdk";

import { formatRuleValue, ruleInfo } from "./rules";

/** One call of a proposal, decoded: the contract, the function and its arguments, and what it means in words. */
export interface DescribedCall {
  contract: string;
  signature: string;
  sentence: string;
}

/** The SDK key of the Weconet contract at `address`, if it is one. */
function keyAt(deployment: Deployment, address: Address): ContractKey | undefined {
  const keys = Object.values(CONTRACT_KEYS) as ContractKey[];
  return keys.find((key) => deployment.contracts[key].toLowerCase() === address.toLowerCase());
}

const show = (value: unknown): string =>
  typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value) ? bytes32ToText(value as Hex) || value : String(value);

/**
 * What a proposal's call will do when executed, in words, from its target and calldata (the same bytes the governor
 * will execute). `names` turns addresses into the local demo's names; `current` gives a rule's present value.
 */
export function describeCall(
  deployment: Deployment,
  call: { target: Address; data: Hex; value?: bigint },
  options: { name?: (a: Address) => string; currentRule?: (name: string) => bigint | undefined } = {},
): DescribedCall {
  const key = keyAt(deployment, call.target);
  if (key === undefined) {
    return { contract: call.target, signature: call.data.slice(0, 10), sentence: `call ${call.target}` };
  }
  const name = options.name ?? ((a: Address) => a);
  const contract = Object.entries(CONTRACT_KEYS).find(([, k]) => k === key)?.[0] ?? key;
  let decoded: { functionName: string; args?: readonly unknown[] };
  try {
    decoded = decodeFunctionData({ abi: abiOfKey(key) as Abi, data: call.data });
  } catch {
    return { contract, signature: call.data.slice(0, 10), sentence: `an unknown call to ${contract}` };
  }
  const args = decoded.args ?? [];
  const signature = `${decoded.functionName}(${args.map(show).join(", ")})`;
  return { contract, signature, sentence: sentenceOf(decoded.functionName, args, name, options.currentRule) };
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
