import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionReceipt, ContractTransactionResponse, TypedDataDomain } from "ethers";
import { Wallet } from "ethers";
import { getAddress, keccak256, slice, stringToHex, type Address, type Hex } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { weconetOverProvider, type ProviderWeconet, type Sent } from "@weconet/sdk";

import { deployWeconet, nth, sdkDeployment } from "../test/helpers/deployment.js";
import { connection, ethers, networkHelpers } from "../test/helpers/network.js";
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

/** Sends a transaction with ethers (the anchors) and returns its receipt, failing loudly if it reverted. */
export async function receiptOf(sent: Promise<ContractTransactionResponse>): Promise<ContractTransactionReceipt> {
  const receipt = await (await sent).wait();
  if (receipt === null || receipt.status !== 1) throw new Error("benchmark transaction failed");
  return receipt;
}

/**
 * The gas a transaction used: sent by a Weconet SDK action (which fails on a revert), or with ethers by an
 * anchor (failing loudly if it reverted).
 */
export async function gasOf(
  sent: Sent | ContractTransactionResponse | Promise<Sent | ContractTransactionResponse>,
): Promise<bigint> {
  const done = await sent;
  if ("receipt" in done) return done.receipt.gasUsed;
  return (await receiptOf(Promise.resolve(done))).gasUsed;
}

/** The EIP-712 domain that the contract at `address` signs in (ERC-5267), for the anchors' typed-data signatures. */
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
// less for zero bytes, so random addresses would move figures by a few gas), and deriving is fast.
let accountsMade = 0;
const derived = (kind: string): Hex => keccak256(stringToHex(`weconet-bench:${kind}:${accountsMade++}`));

/**
 * `count` fresh funded addresses that the node signs for (impersonated): cheap to create in bulk, for applicants,
 * voters and consumers. Use {@link signingKey} where a real private key is needed.
 */
export async function fundedAddresses(count: number): Promise<Address[]> {
  const addresses: Address[] = [];
  for (let i = 0; i < count; i++) {
    const address = getAddress(slice(derived("account"), 12));
    await networkHelpers.impersonateAccount(address);
    await networkHelpers.setBalance(address, 10n ** 20n);
    addresses.push(address);
  }
  return addresses;
}

/** {@link fundedAddresses} as ethers signers, for the anchors. */
export async function fundedAccounts(count: number): Promise<HardhatEthersSigner[]> {
  return Promise.all((await fundedAddresses(count)).map((address) => ethers.getSigner(address)));
}

/** A funded account's private key, for EIP-712 signatures (votes and grants by signature). */
export async function signingKey(): Promise<Hex> {
  const key = derived("key");
  await networkHelpers.setBalance(privateKeyToAccount(key).address, 10n ** 20n);
  return key;
}

/** A funded account with its own key, for the SDK's signatures (ballots, grants). */
export async function signingAccount(): Promise<PrivateKeyAccount> {
  return privateKeyToAccount(await signingKey());
}

/** A funded ethers wallet with its own key, for the anchors' signatures. */
export async function signingWallet(): Promise<Wallet> {
  return new Wallet(await signingKey(), ethers.provider);
}

/** The founders of a network deployed by deployWeconet, by role (see test/helpers/deployment.ts). */
export interface Founders {
  manager: Address;
  leaders: [Address, Address];
  developer: Address;
  /** Founding members without a role. */
  members: [Address, Address, Address];
}

/** A Weconet network of the benchmark, driven through the SDK as a dApp or script would. */
export interface BenchNetwork {
  sdk: ProviderWeconet;
  founders: Founders;
  /** Members admitted by the benchmark (besides the founders), in order of admission. */
  members: Address[];
}

/** Deploys a network with the real Ignition module (as the tests do) and wraps it in the SDK. */
export async function deployBenchNetwork(): Promise<BenchNetwork> {
  const fromBlock = BigInt(await ethers.provider.getBlockNumber()) + 1n;
  const w = await deployWeconet();
  const sdk = weconetOverProvider({
    provider: connection.provider,
    deployment: await sdkDeployment(w, fromBlock),
    pollingInterval: 1,
  });
  const address = (signer: { address: string }) => getAddress(signer.address);
  return {
    sdk,
    founders: {
      manager: address(w.manager),
      leaders: [address(nth(w.leaders, 0)), address(nth(w.leaders, 1))],
      developer: address(w.developer),
      members: [address(nth(w.members, 0)), address(nth(w.members, 1)), address(nth(w.members, 2))],
    },
    members: [],
  };
}

let shared: BenchNetwork | undefined;

/**
 * The one Weconet network of this benchmark run, deployed on first use and grown to `scale` active members:
 * every scenario's `grow` calls it, so they measure on the same network (see {@link Scenario}).
 */
export async function benchNetwork(scale: number): Promise<BenchNetwork> {
  shared ??= await deployBenchNetwork();
  shared.members.push(...(await growMembership(shared, scale)));
  return shared;
}

/** Everyone active in `net`: the founders, then the members the benchmark admitted. */
export function everyone(net: BenchNetwork): Address[] {
  const f = net.founders;
  return [f.manager, ...f.leaders, f.developer, ...f.members, ...net.members];
}

/**
 * Grows the network to `total` voting members through the SDK: fresh accounts apply and the first leader admits
 * them, one block each, as they would in real life; then, past the probation period, each newcomer activates
 * their vote (so the vote supply has one history entry per activation). The leader admits at most
 * `admissionsPerLeader` per probation period: the clock moves a probation period ahead before each such batch.
 */
export async function growMembership(net: BenchNetwork, total: number): Promise<Address[]> {
  const { membership, networkRules } = net.sdk.reader.contracts;
  const existing = Number(await membership.read.voterCount());
  const newcomers = await fundedAddresses(Math.max(0, total - existing));
  if (newcomers.length === 0) return [];
  const [cap, probation] = await Promise.all([
    networkRules.read.admissionsPerLeader(),
    networkRules.read.probationPeriod(),
  ]);
  const leader = net.sdk.as(net.founders.leaders[0]);
  for (const [i, applicant] of newcomers.entries()) {
    if (i % cap === 0) await networkHelpers.time.increase(probation);
    await net.sdk.as(applicant).membership.apply({ profile: `bench member ${i}` });
    await leader.membership.admit({ applicant });
  }
  // past the probation period (which also closes the leader's admission window)
  await networkHelpers.time.increase(probation);
  for (const applicant of newcomers) await net.sdk.as(applicant).membership.activateVote();
  return newcomers;
}

/** Lets `account` apply and has the first leader admit it, through the SDK (no vote yet: see {admitVoter}). */
export async function admit(net: BenchNetwork, account: Address | PrivateKeyAccount): Promise<void> {
  const applicant = typeof account === "string" ? account : account.address;
  await net.sdk.as(account).membership.apply({ profile: `bench applicant ${applicant}` });
  await net.sdk.as(net.founders.leaders[0]).membership.admit({ applicant });
}

/** {admit}, then the probation period passes and `account`'s vote is activated: a newcomer who votes. */
export async function admitVoter(net: BenchNetwork, account: Address | PrivateKeyAccount): Promise<void> {
  await admit(net, account);
  await networkHelpers.time.increase(await net.sdk.reader.contracts.networkRules.read.probationPeriod());
  await net.sdk.as(account).membership.activateVote();
}

/** The governance timelock acting (impersonated, funded): what an executed proposal does. */
export async function asGovernance(net: BenchNetwork) {
  const timelock = net.sdk.reader.deployment.contracts.timelock;
  await networkHelpers.impersonateAccount(timelock);
  await networkHelpers.setBalance(timelock, 10n ** 18n);
  return net.sdk.as(timelock);
}
