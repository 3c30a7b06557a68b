"use client";

import { useMemo } from "react";
import type { Address } from "viem";

import { personName, type PersonNames } from "@weconet/sdk";

import { useNetworkConfig, useWeconet } from "./weconet";

/**
 * The names the dApp knows for accounts: the demo people on the local chain, and the network's own contracts (the
 * timelock as "members' vote": it acts on the members' decisions). For sentences that name accounts (the audit
 * trail, error messages), through the SDK's `personName`.
 */
export function usePersonNames(): PersonNames {
  const { devAccounts } = useNetworkConfig();
  const { chain } = useWeconet();
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const [key, address] of Object.entries(chain.contracts)) {
      names.set(address.toLowerCase(), key === "timelock" ? "members' vote" : key[0]?.toUpperCase() + key.slice(1));
    }
    for (const person of devAccounts) names.set(person.address.toLowerCase(), person.name);
    return (address: Address) => names.get(address.toLowerCase());
  }, [devAccounts, chain.contracts]);
}

/** How the dApp names an account inside a sentence: "Ada (0x1234…abcd)", or its short address. */
export function usePersonName(): (address: Address) => string {
  const names = usePersonNames();
  return useMemo(() => (address: Address) => personName(address, names), [names]);
}
