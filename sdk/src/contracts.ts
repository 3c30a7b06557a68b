import { toEventSelector, type Abi, type Address, type Hex } from "viem";

import { abis } from "./generated/abis.js";

/** Every Weconet contract by its Solidity name, each with its ABI (generated from the compiled artifacts). */
export { abis };

/** The Solidity name of a Weconet contract, e.g. "Membership". */
export type ContractName = keyof typeof abis;

/** The ABI of contract `C`. */
export type AbiOf<C extends ContractName> = (typeof abis)[C];

/** The SDK's key for each contract (how a deployment, the client and the CLI call it), by Solidity name. */
export const CONTRACT_KEYS = {
  AccessGrants: "accessGrants",
  Applications: "applications",
  Market: "market",
  Membership: "membership",
  NetworkRules: "networkRules",
  ReceiptAnchors: "receiptAnchors",
  Resources: "resources",
  SocketDirectory: "socketDirectory",
  Taxonomy: "taxonomy",
  WeconetGovernor: "governor",
  WeconetTimelock: "timelock",
} as const satisfies Record<ContractName, string>;

/** The SDK's key of a contract, e.g. "membership" or "governor". */
export type ContractKey = (typeof CONTRACT_KEYS)[ContractName];

/** The Solidity name behind each key. */
export type NameOfKey<K extends ContractKey> = {
  [C in ContractName]: (typeof CONTRACT_KEYS)[C] extends K ? C : never;
}[ContractName];

export const CONTRACT_NAMES = Object.keys(abis) as ContractName[];

/** The Solidity name of the contract with SDK key `key`. */
export function nameOfKey<K extends ContractKey>(key: K): NameOfKey<K> {
  const name = CONTRACT_NAMES.find((n) => CONTRACT_KEYS[n] === key);
  if (name === undefined) throw new Error(`weconet: no contract has the key "${key}"`);
  return name as NameOfKey<K>;
}

/** Every error, event and function of every Weconet contract in one ABI (duplicates inherited from OpenZeppelin kept once). */
export const allAbiItems: Abi = /* @__PURE__ */ (() => {
  const seen = new Set<string>();
  const items: Abi[number][] = [];
  for (const name of CONTRACT_NAMES) {
    for (const item of abis[name] as Abi) {
      if (item.type === "constructor") continue;
      const signature = JSON.stringify(item);
      if (seen.has(signature)) continue;
      seen.add(signature);
      items.push(item);
    }
  }
  return items;
})();

/**
 * A deployed Weconet network: where each contract lives on which chain, and the block the deployment started at
 * (where the audit trail begins).
 */
export interface Deployment {
  chainId: number;
  contracts: Record<ContractKey, Address>;
  /** The first block of the deployment; events before it cannot belong to the network. */
  fromBlock: bigint;
}

/** The ABI of the contract with SDK key `key`. */
export function abiOfKey<K extends ContractKey>(key: K): AbiOf<NameOfKey<K>> {
  return abis[nameOfKey(key)] as unknown as AbiOf<NameOfKey<K>>;
}

/** The topic of event `eventName` of the contract with SDK key `key` (for `eth_getLogs` filters). */
export function eventSelectorOf(key: ContractKey, eventName: string): Hex {
  const event = (abiOfKey(key) as Abi).find((item) => item.type === "event" && item.name === eventName);
  if (event === undefined || event.type !== "event") {
    throw new Error(`weconet: ${nameOfKey(key)} has no event ${eventName}`);
  }
  return toEventSelector(event);
}
