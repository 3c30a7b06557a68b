import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer } from "ethers";

import { impersonate } from "./accounts.js";
import { deployWeconet, nth, profileHash, reason, TEST_SETTINGS, type Weconet } from "./deployment.js";
import { networkHelpers } from "./network.js";

/** The deployed network plus signers that act as its contracts (for calls only they may make). */
export interface Core extends Weconet {
  /** Sends as the timelock: the governance executor, as if a passed proposal made the call. */
  asTimelock: HardhatEthersSigner;
  /** Sends as the governor contract. */
  asGovernor: HardhatEthersSigner;
}

async function deployCore(): Promise<Core> {
  const w = await deployWeconet();
  return {
    ...w,
    asTimelock: await impersonate(await w.timelock.getAddress()),
    asGovernor: await impersonate(await w.governor.getAddress()),
  };
}

/** The real Ignition deployment with the test settings, restored from a snapshot after the first call. */
export function coreFixture(): Promise<Core> {
  return networkHelpers.loadFixture(deployCore);
}

/**
 * `account` applies with a profile labelled `label` and the first leader admits them. They may act at once, but
 * have no vote until {activateVotes} (after the probation period).
 */
export async function admitNewcomer(w: Weconet, account: Signer, label: string): Promise<void> {
  await (await w.membership.connect(account).applyForMembership(profileHash(label))).wait();
  await (await w.membership.connect(nth(w.leaders, 0)).admit(await account.getAddress())).wait();
}

/**
 * Moves the clock past the probation period of the test settings and activates the vote of each of `accounts`
 * (as anyone may: here the first account itself). Time-travels 35 days: grants and offers made before may expire.
 */
export async function activateVotes(w: Weconet, accounts: readonly Signer[]): Promise<void> {
  await networkHelpers.time.increase(TEST_SETTINGS.probationPeriod);
  for (const account of accounts) {
    await (await w.membership.connect(account).activateVote(await account.getAddress())).wait();
  }
}

/** {admitNewcomer}, then the probation period and the vote's activation: a newcomer who votes. */
export async function admitVoter(w: Weconet, account: Signer, label: string): Promise<void> {
  await admitNewcomer(w, account, label);
  await activateVotes(w, [account]);
}

/**
 * Two accounts that are not active members: outsider 1 applies (an applicant) and the first leader suspends
 * plain member 1 (a suspended member).
 */
export async function applicantAndSuspended(
  w: Weconet,
): Promise<{ applicant: HardhatEthersSigner; suspended: HardhatEthersSigner }> {
  const [applicant, suspended] = [w.outsider(1), nth(w.members, 1)];
  await (await w.membership.connect(applicant).applyForMembership(profileHash("applicant"))).wait();
  await (await w.membership.connect(nth(w.leaders, 0)).suspend(suspended.address, reason("spam"))).wait();
  return { applicant, suspended };
}
