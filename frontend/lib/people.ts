"use client";

import { useMemo } from "react";
import type { Address } from "viem";

import { personName, type PersonNames } from "@weconet/sdk";

import { accountNames } from "./account-names";
import { useNetworkConfig, useWeconet } from "./weconet";

/** The names the dApp knows for accounts ({@link accountNames}), for sentences that name them (error messages). */
export function usePersonNames(): PersonNames {
  const { devAccounts } = useNetworkConfig();
  const { chain } = useWeconet();
  return useMemo(() => accountNames(chain.contracts, devAccounts), [devAccounts, chain.contracts]);
}

/** How the dApp names an account inside a sentence: "Ada (0x1234…abcd)", or its short address. */
export function usePersonName(): (address: Address) => string {
  const names = usePersonNames();
  return useMemo(() => (address: Address) => personName(address, names), [names]);
}
