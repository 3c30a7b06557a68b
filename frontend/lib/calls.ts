import { decodeFunctionData, type Abi, type Address, type Hex } from "viem";

import { abiOfKey, CONTRACT_KEYS, type ContractKey, type Deployment } from "@weconet/sdk";

import { describeDecoded, type DecodedCall, type DescribedCall } from "./call-text";

/** The SDK key of the Weconet contract at `address`, if it is one. */
function keyAt(deployment: Deployment, address: Address): ContractKey | undefined {
  const keys = Object.values(CONTRACT_KEYS) as ContractKey[];
  return keys.find((key) => deployment.contracts[key].toLowerCase() === address.toLowerCase());
}

/** A proposal's call decoded from its target and calldata (the same bytes the governor will execute). */
export function decodeCall(deployment: Deployment, call: { target: Address; data: Hex }): DecodedCall {
  const key = keyAt(deployment, call.target);
  const selector = call.data.slice(0, 10) as Hex;
  if (key === undefined) return { contract: call.target, selector, outside: true };
  const contract = Object.entries(CONTRACT_KEYS).find(([, k]) => k === key)?.[0] ?? key;
  try {
    const decoded = decodeFunctionData({ abi: abiOfKey(key) as Abi, data: call.data });
    return { contract, functionName: decoded.functionName, args: decoded.args ?? [] };
  } catch {
    return { contract, selector, outside: false };
  }
}

/** What a proposal's call will do when executed, in words (see {@link describeDecoded}). */
export function describeCall(
  deployment: Deployment,
  call: { target: Address; data: Hex; value?: bigint },
  options: Parameters<typeof describeDecoded>[1] = {},
): DescribedCall {
  return describeDecoded(decodeCall(deployment, call), options);
}
