import type { ContractRunner } from "ethers";

import {
  AccessGrants__factory,
  Applications__factory,
  Market__factory,
  Membership__factory,
  NetworkRules__factory,
  ReceiptAnchors__factory,
  Resources__factory,
  SocketDirectory__factory,
  Taxonomy__factory,
  WeconetGovernor__factory,
  WeconetTimelock__factory,
} from "../typechain-types/index.js";
import type {
  AccessGrants,
  Applications,
  Market,
  Membership,
  NetworkRules,
  ReceiptAnchors,
  Resources,
  SocketDirectory,
  Taxonomy,
  WeconetGovernor,
  WeconetTimelock,
} from "../typechain-types/index.js";

/** Every contract of a deployed Weconet network, typed (TypeChain, ethers v6). */
export interface WeconetContracts {
  timelock: WeconetTimelock;
  networkRules: NetworkRules;
  taxonomy: Taxonomy;
  membership: Membership;
  resources: Resources;
  governor: WeconetGovernor;
  applications: Applications;
  accessGrants: AccessGrants;
  market: Market;
  socketDirectory: SocketDirectory;
  receiptAnchors: ReceiptAnchors;
}

/** The addresses of a deployed network, keyed like the "Weconet" Ignition module's results. */
export type WeconetAddresses = Record<keyof WeconetContracts, string>;

/** Typed contracts at `addresses`, sending through `runner`. */
export function attachWeconet(addresses: WeconetAddresses, runner: ContractRunner): WeconetContracts {
  return {
    timelock: WeconetTimelock__factory.connect(addresses.timelock, runner),
    networkRules: NetworkRules__factory.connect(addresses.networkRules, runner),
    taxonomy: Taxonomy__factory.connect(addresses.taxonomy, runner),
    membership: Membership__factory.connect(addresses.membership, runner),
    resources: Resources__factory.connect(addresses.resources, runner),
    governor: WeconetGovernor__factory.connect(addresses.governor, runner),
    applications: Applications__factory.connect(addresses.applications, runner),
    accessGrants: AccessGrants__factory.connect(addresses.accessGrants, runner),
    market: Market__factory.connect(addresses.market, runner),
    socketDirectory: SocketDirectory__factory.connect(addresses.socketDirectory, runner),
    receiptAnchors: ReceiptAnchors__factory.connect(addresses.receiptAnchors, runner),
  };
}

/** The addresses of the contracts an Ignition deployment of the "Weconet" module returned. */
export async function addressesOf(
  deployed: Record<keyof WeconetContracts, { getAddress(): Promise<string> }>,
): Promise<WeconetAddresses> {
  const entries = await Promise.all(
    Object.entries(deployed).map(async ([name, contract]) => [name, await contract.getAddress()] as const),
  );
  return Object.fromEntries(entries) as WeconetAddresses;
}
