import type { Address } from "viem";

import type { PersonNames } from "@weconet/sdk";

import type { ChainConfig } from "./network";

/**
 * The names the dApp knows for accounts: the network's own contracts (the timelock as "members' vote": it acts on
 * the members' decisions) and the demo people on the local chain. One table for the browser's sentences (error
 * messages) and the server's (the audit trail's summaries).
 */
export function accountNames(
  contracts: ChainConfig["contracts"],
  people: readonly { address: Address; name: string }[],
): PersonNames {
  const names = new Map<string, string>();
  for (const [key, address] of Object.entries(contracts)) {
    names.set(address.toLowerCase(), key === "timelock" ? "members' vote" : key[0]?.toUpperCase() + key.slice(1));
  }
  for (const person of people) names.set(person.address.toLowerCase(), person.name);
  return (address: Address) => names.get(address.toLowerCase());
}
