import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { getAddress, type Address } from "viem";
import type { NetworkConnection } from "hardhat/types/network";

import { weconetOverProvider, type Deployment, type Eip1193Provider, type Weconet } from "@weconet/sdk";

/**
 * The people of the demo network, each a funded account of the local node (Hardhat's default accounts).
 * Names and roles exist only in this script and its printout: the chain sees addresses and hashes.
 */
export interface DemoPeople {
  /** Account 0: deploys, then holds no power. */
  deployer: HardhatEthersSigner;
  /** Account 1: the network manager (a founder). */
  manager: HardhatEthersSigner;
  /** Accounts 2 and 3: the network leaders (founders). */
  leaders: { lars: HardhatEthersSigner; lena: HardhatEthersSigner };
  /** Accounts 4 and 5: community developers (admitted, then granted the role by a leader). */
  developers: { daan: HardhatEthersSigner; dina: HardhatEthersSigner };
  /**
   * Accounts 6 to 10: members (admitted through applications). Alice runs a bike courier service, Bob a
   * co-working space, Carol publishes datasets; Dave and Eve are consumers.
   */
  members: {
    alice: HardhatEthersSigner;
    bob: HardhatEthersSigner;
    carol: HardhatEthersSigner;
    dave: HardhatEthersSigner;
    eve: HardhatEthersSigner;
  };
  /** Account 11: has applied and waits for a leader. */
  applicant: HardhatEthersSigner;
}

/** What each domain's demo seeding gets: the SDK, the people, the clock and the printout. */
export interface DemoNetwork {
  /** The SDK, read-only: lists, views, the audit trail. */
  weconet: Weconet;
  /** The SDK acting as `person` (the node signs for the demo's development accounts). */
  as(person: { address: string }): Weconet;
  people: DemoPeople;
  /** Moves the local chain's clock forward by `seconds` and mines a block (local node only). */
  increaseTime(seconds: number | bigint): Promise<void>;
  /** Adds a line to what the main command prints about the demo network. */
  log(line: string): void;
  /** Ignition on the demo's chain, for modules only the demo deploys (e.g. the market's play-money token). */
  ignition: NetworkConnection["ignition"];
  /**
   * Publishes an off-chain document (an offer's description with its attribute values) where the demo's users find
   * it: the chain holds only its hash.
   */
  publish(document: string): void;
}

/** A demo person's address, checksummed for the SDK. */
export function addressOf(person: { address: string }): Address {
  return getAddress(person.address);
}

/** The demo network over a node's EIP-1193 provider (the local HTTP node, or the in-process one in tests). */
export function demoNetwork(options: {
  provider: Eip1193Provider;
  deployment: Deployment;
  people: DemoPeople;
  increaseTime: (seconds: number) => Promise<void>;
  log: (line: string) => void;
  ignition: NetworkConnection["ignition"];
  publish: (document: string) => void;
}): DemoNetwork {
  const sdk = weconetOverProvider({ provider: options.provider, deployment: options.deployment });
  return {
    weconet: sdk.reader,
    as: (person) => sdk.as(addressOf(person)),
    people: options.people,
    increaseTime: (seconds) => options.increaseTime(Number(seconds)),
    log: options.log,
    ignition: options.ignition,
    publish: options.publish,
  };
}
