import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionReceipt, ContractTransactionResponse, TypedDataDomain } from "ethers";
import { dataSlice, getAddress, id, Wallet } from "ethers";

import { deployWeconet, nth, profileHash, type Weconet } from "../test/helpers/deployment.js";
import { ethers, networkHelpers } from "../test/helpers/network.js";
import { IERC5267__factory } from "../typechain-types/index.js";

/** One gas figure: an operation measured with `scale` existing members (or grants, offers, bookings). */
export interface Measurement {
  /** The domain the operation belongs to, e.g. "membership". */
  domain: string;
  /** What the user does, e.g. "admit". */
  operation: string;
  /** How many members (or grants, offers, bookings) existed when it was measured. */
  scale: number;
  gas: bigint;
}

/**
 * A benchmark scenario measures its domain's user operations on a network populated to `scale`.
 *
 * All scenarios share one chain. For each scale (ascending) the runner calls every scenario's `grow`, takes a
 * snapshot, and restores it before each scenario's `measure`: so `grow` adds to what earlier scales built (1,000
 * members are admitted once, not once per scenario and scale), and whatever `measure` does is undone before the
 * next scenario measures. A scenario without `grow` builds its own state in `measure`.
 */
export interface Scenario {
  domain: string;
  /** Why an operation may grow with scale (e.g. a checkpoint search), keyed by operation. */
  expectedGrowth?: Record<string, string>;
  /** Grows this scenario's state (members, grants, offers, bookings) to `scale`, by real transactions. */
  grow?(scale: number): Promise<void>;
  measure(scale: number): Promise<Measurement[]>;
}

/** Sends a transaction and returns its receipt, failing loudly if it reverted. */
export async function receiptOf(sent: Promise<ContractTransactionResponse>): Promise<ContractTransactionReceipt> {
  const receipt = await (await sent).wait();
  if (receipt === null || receipt.status !== 1) throw new Error("benchmark transaction failed");
  return receipt;
}

/** Sends a transaction and returns the gas it used, failing loudly if it reverted. */
export async function gasOf(sent: Promise<ContractTransactionResponse>): Promise<bigint> {
  return (await receiptOf(sent)).gasUsed;
}

/** The EIP-712 domain that the contract at `address` signs in (ERC-5267), for typed-data signatures. */
export async function signingDomain(address: string): Promise<TypedDataDomain> {
  const domain = await IERC5267__factory.connect(address, ethers.provider).eip712Domain();
  return {
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.verifyingContract,
  };
}

// Accounts and keys are derived from a counter rather than drawn at random: runs are reproducible (calldata costs
// less for zero bytes, so random addresses would move figures by a few gas), and deriving is fast
// (Wallet.createRandom derives an HD wallet, about 10 ms each).
let accountsMade = 0;
const derived = (kind: string) => id(`weconet-bench:${kind}:${accountsMade++}`);

/**
 * `count` fresh funded accounts that the node signs for (impersonated): cheap to create in bulk, for
 * applicants, voters and consumers. Use {@link signingWallet} where a real private key is needed.
 */
export async function fundedAccounts(count: number): Promise<HardhatEthersSigner[]> {
  const accounts: HardhatEthersSigner[] = [];
  for (let i = 0; i < count; i++) {
    const address = getAddress(dataSlice(derived("account"), 12));
    await networkHelpers.impersonateAccount(address);
    await networkHelpers.setBalance(address, 10n ** 20n);
    accounts.push(await ethers.getSigner(address));
  }
  return accounts;
}

/** A funded account with its own private key, for EIP-712 signatures (votes and grants by signature). */
export async function signingWallet(): Promise<Wallet> {
  const wallet = new Wallet(derived("key"), ethers.provider);
  await networkHelpers.setBalance(wallet.address, 10n ** 20n);
  return wallet;
}

/** The Weconet network the scenarios share, with the members admitted so far by {@link benchNetwork}. */
export interface BenchNetwork {
  w: Weconet;
  /** Members admitted by the benchmark (besides the founders), in order of admission. */
  members: HardhatEthersSigner[];
}

let shared: BenchNetwork | undefined;

/**
 * The one Weconet network of this benchmark run, deployed on first use and grown to `scale` active members:
 * every scenario's `grow` calls it, so they measure on the same network (see {@link Scenario}).
 */
export async function benchNetwork(scale: number): Promise<BenchNetwork> {
  shared ??= { w: await deployWeconet(), members: [] };
  shared.members.push(...(await growMembership(shared.w, scale)));
  return shared;
}

/**
 * Grows the network to `total` active members: fresh accounts apply and the first leader admits them, one
 * block each, as they would in real life (so the vote supply has one checkpoint per admission).
 */
export async function growMembership(w: Weconet, total: number): Promise<HardhatEthersSigner[]> {
  const existing = Number(await w.membership.activeMemberCount());
  const newcomers = await fundedAccounts(Math.max(0, total - existing));
  const leader = nth(w.leaders, 0);
  for (const [i, newcomer] of newcomers.entries()) {
    await (await w.membership.connect(newcomer).applyForMembership(profileHash(`bench-${i}`))).wait();
    await (await w.membership.connect(leader).admit(newcomer.address)).wait();
  }
  return newcomers;
}
