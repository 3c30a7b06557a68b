import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import type { WeconetContracts } from "../../deploy/contracts.js";

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

/** What each domain's demo seeding gets: the deployed contracts, the people, the clock and the printout. */
export interface DemoNetwork {
  /** Every contract, connected to the deployer; use `.connect(person)` to act as someone else. */
  contracts: WeconetContracts;
  people: DemoPeople;
  /** Moves the local chain's clock forward by `seconds` and mines a block (local node only). */
  increaseTime(seconds: number): Promise<void>;
  /** Adds a line to what the main command prints about the demo network. */
  log(line: string): void;
  /** Ignition on the demo's chain, for modules only the demo deploys (e.g. the market's play-money token). */
  ignition: NetworkConnection["ignition"];
}
