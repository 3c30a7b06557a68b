/**
 * The scale benchmark's network: a Hardhat node over HTTP (the indexer and the SDK reach it as they reach any
 * node) with the whole network deployed by the real Ignition module and parameters, then seeded to a size — up to
 * 10,000 members, 2,000 offers, 20,000 bookings and 100,000 events of connections — by the real Weconet
 * contracts emitting their own events. The bulk comes from bench/contracts/ScaleLoad.sol: members that are
 * contracts (clones), driven hundreds per transaction by a loader that is itself a member and, by the members'
 * vote, a leader. A handful of proposals, votes, applications and market requests come through the SDK, as a
 * user's would. Nothing is cached: every run seeds a fresh node.
 */
import { rmSync } from "node:fs";
import path from "node:path";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  http,
  keccak256,
  stringToHex,
  toHex,
  zeroAddress,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { abiOfKey, createWeconet, type Deployment, type Weconet } from "@weconet/sdk";
import { loadDeployment } from "@weconet/sdk/node";

import WeconetModule from "../deploy/modules/Weconet.js";
import { ScaleLoad__factory, type ScaleLoad } from "../typechain-types/index.js";

/** How big a network to seed. */
export interface ScaleSize {
  /** Members created by the loader (besides the founders and a few people acting through the SDK). */
  members: number;
  /** Offers, one resource each, listed by the first `offers` members; half ask for consumer data. */
  offers: number;
  /** Bookings by the other members; a quarter are then accepted, a quarter accepted and completed. */
  bookings: number;
  /** Events of AccessGrants to reach in total (bookings' data connections included): opened, changed, closed,
   * requested, accepted and rejected, between members. */
  connectionEvents: number;
}

/** The network (≥ 100,000 events). */
export const LARGE: ScaleSize = { members: 10_000, offers: 2_000, bookings: 20_000, connectionEvents: 100_000 };
/** About 100 events (the deployment emits most of them). */
export const SMALL: ScaleSize = { members: 2, offers: 1, bookings: 1, connectionEvents: 4 };

/** `size` scaled by `factor` (for developing the benchmark on a smaller network), each count at least 1. */
export function scaled(size: ScaleSize, factor: number): ScaleSize {
  const of = (n: number) => Math.max(1, Math.round(n * factor));
  return {
    members: Math.max(2, of(size.members)),
    offers: of(size.offers),
    bookings: of(size.bookings),
    connectionEvents: of(size.connectionEvents),
  };
}

/** A seeded network, ready to read. */
export interface ScaleChain {
  rpcUrl: string;
  deploymentDir: string;
  deployment: Deployment;
  publicClient: PublicClient;
  /** What was seeded (the counts reached, which may exceed the size asked for). */
  seeded: ScaleSize & { proposals: number; applications: number; marketRequests: number; disputes: number };
  /** Accounts whose pages the benchmark reads: a provider and a consumer with bookings, an owner with connections. */
  accounts: { provider: Address; consumer: Address; owner: Address };
  /** Seconds the seeding took, deployment included. */
  seconds: number;
  /** The most gas one member's call of each kind took (batches stay under the transaction gas cap). */
  gasPerCall: Record<string, number>;
  close(): Promise<void>;
}

/** Osaka caps a transaction at 2^24 gas. */
const TX_GAS = 16_000_000n;
/**
 * Calls per transaction, from the gas one call of each kind takes (measured: `gasPerCall` in the figures), so a
 * batch stays near 13M gas: under Osaka's cap of 2^24 gas per transaction with a margin.
 */
const BATCH = {
  create: 110, // clone + apply ~116k
  admit: 200, // ~64k
  activate: 340, // ~39k
  register: 220, // ~59k
  list: 130, // ~97k
  book: 90, // ~140k with a data connection
  accept: 600, // ~18k
  complete: 400, // ~30k
  dispute: 250, // ~48k
  grant: 270, // ~46k
  change: 340, // ~37k
  revoke: 600, // ~19k
  request: 270, // ~46k
  acceptRequest: 240, // ~52k
  reject: 800, // ~12k
  post: 130, // ~94k
};

const DAY = 86_400;
const batchGas = { gasLimit: TX_GAS };

/** Seeds a fresh node to `size`. */
export async function seedScaleNetwork(size: ScaleSize, progress: (line: string) => void): Promise<ScaleChain> {
  const started = performance.now();
  const server = await network.createServer({ network: "node" }, "127.0.0.1", 0);
  const { port } = await server.listen();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deploymentId = `bench-scale-${process.pid}-${size.members}`;
  const deploymentDir = path.join("deploy", "deployments", deploymentId);
  const close = async () => {
    rmSync(deploymentDir, { recursive: true, force: true });
    await server.close();
  };
  try {
    const connection = await network.create({ network: "localhost", override: { url: rpcUrl } });
    const { ignition, ethers } = connection;
    await ignition.deploy(WeconetModule, {
      parameters: path.resolve("deploy", "parameters", "localhost.json"),
      deploymentId,
    });
    const chain = defineChain({
      id: 31337,
      name: "Weconet scale benchmark",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
    });
    const publicClient: PublicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 });
    const testClient = createTestClient({ chain, mode: "hardhat", transport: http(rpcUrl) });
    const deployment = loadDeployment({ chainId: chain.id, dir: deploymentDir });
    const as = (account: Address | PrivateKeyAccount): Weconet =>
      createWeconet({
        deployment,
        publicClient,
        walletClient: createWalletClient({ account, chain, transport: http(rpcUrl) }),
      });
    const reader = createWeconet({ deployment, publicClient });
    const c = deployment.contracts;
    // deploy/parameters/localhost.json: the node's account 1 is the manager, accounts 2 and 3 the founding leaders
    const nodeAccounts = await createWalletClient({ chain, transport: http(rpcUrl) }).getAddresses();
    const [deployer, manager, leader, otherLeader] = nodeAccounts;
    if (deployer === undefined || manager === undefined || leader === undefined || otherLeader === undefined) {
      throw new Error("bench: the node has fewer than four accounts");
    }
    const increaseTime = async (seconds: number | bigint) => {
      await testClient.increaseTime({ seconds: Number(seconds) });
      await testClient.mine({ blocks: 1 });
    };
    const now = async () => Number((await publicClient.getBlock()).timestamp);

    // The governance timelock acts as an executed proposal would (impersonated): it makes the loader a leader
    // and lets a leader admit 1,000 members per probation period (the rule's upper bound).
    const timelock = c.timelock;
    await testClient.impersonateAccount({ address: timelock });
    await testClient.setBalance({ address: timelock, value: 10n ** 18n });
    const governance = createWalletClient({ account: timelock, chain, transport: http(rpcUrl) });
    const asGovernance = async (address: Address, data: Hex) =>
      publicClient.waitForTransactionReceipt({ hash: await governance.sendTransaction({ to: address, data }) });

    // Every block from here on is the benchmark's own.
    const firstBlock = await publicClient.getBlockNumber();
    const signer: HardhatEthersSigner = await ethers.getSigner(deployer);
    const load: ScaleLoad = await new ScaleLoad__factory(signer).deploy(c.membership);
    await load.waitForDeployment();
    const loader = (await load.getAddress()) as Address;
    // The most gas a call of each kind took (per member acted for), to check the batch sizes against TX_GAS.
    const gasPerCall = new Map<string, number>();
    // Events emitted by the loader's transactions, by contract (lower-case address).
    const logsOf = new Map<string, number>();
    const sent = async (
      tx: Promise<{ wait(): Promise<{ gasUsed: bigint; logs: readonly { address: string }[] } | null> }>,
      kind = "setup",
      calls = 1,
    ) => {
      const receipt = await (await tx).wait();
      if (receipt === null) throw new Error(`bench: no receipt for a ${kind} transaction`);
      if (receipt.gasUsed > (TX_GAS * 95n) / 100n) {
        throw new Error(`bench: a ${kind} batch used ${receipt.gasUsed} gas, near the cap ${TX_GAS}: make it smaller`);
      }
      for (const log of receipt.logs) {
        const address = log.address.toLowerCase();
        logsOf.set(address, (logsOf.get(address) ?? 0) + 1);
      }
      const each = Math.round(Number(receipt.gasUsed) / calls);
      gasPerCall.set(kind, Math.max(each, gasPerCall.get(kind) ?? 0));
    };
    await sent(load.join(keccak256(stringToHex("scale-loader"))));
    await as(leader).membership.admit({ applicant: loader });
    const leaderRole = await reader.contracts.membership.read.LEADER_ROLE();
    await asGovernance(
      c.membership,
      encodeFunctionData({ abi: abiOfKey("membership"), functionName: "grantRole", args: [leaderRole, loader] }),
    );
    const [probation, perLeaderMax] = await Promise.all([
      reader.contracts.networkRules.read.probationPeriod(),
      reader.contracts.networkRules.read.MAX_ADMISSIONS_PER_LEADER(),
    ]);
    await asGovernance(
      c.networkRules,
      encodeFunctionData({
        abi: abiOfKey("networkRules"),
        functionName: "setRule",
        args: [toHex("admissionsPerLeader", { size: 32 }), perLeaderMax],
      }),
    );
    const perWindow = Number(perLeaderMax);

    // Members: created (each applies), admitted 1,000 per probation period, then their votes activated.
    progress(`scale: creating ${size.members} members`);
    for (let done = 0; done < size.members; done += BATCH.create) {
      const n = Math.min(BATCH.create, size.members - done);
      await sent(load.createMembers(n, keccak256(stringToHex(`scale-members-${done}`)), batchGas), "create", n);
    }
    const members = [] as Address[];
    for (let from = 0; from < size.members; from += 1000) {
      members.push(...((await load.membersIn(from, Math.min(1000, size.members - from))) as Address[]));
    }
    progress(`scale: admitting ${size.members} members`);
    for (let window = 0; window < size.members; window += perWindow) {
      if (window > 0) await increaseTime(probation);
      const end = Math.min(window + perWindow, size.members);
      for (let from = window; from < end; from += BATCH.admit) {
        const count = Math.min(BATCH.admit, end - from);
        await sent(load.admitMembers(from, count, batchGas), "admit", count);
      }
    }
    await increaseTime(probation);
    progress(`scale: activating ${size.members} votes`);
    for (let from = 0; from < size.members; from += BATCH.activate) {
      const count = Math.min(BATCH.activate, size.members - from);
      await sent(load.activateVotes(from, count, batchGas), "activate", count);
    }

    const runEach = async (
      who: readonly Address[],
      target: Address,
      calls: readonly Hex[],
      kind: keyof typeof BATCH,
    ) => {
      const batch = BATCH[kind];
      for (let from = 0; from < calls.length; from += batch) {
        const slice = calls.slice(from, from + batch);
        await sent(load.runEach(who.slice(from, from + batch), target, slice, batchGas), kind, slice.length);
      }
    };
    const [bike, givenName, email, phone] = await Promise.all([
      reader.reads.attributeId("bike"),
      reader.reads.attributeId("given_name"),
      reader.reads.attributeId("email"),
      reader.reads.attributeId("phone"),
    ]);
    const personal = [givenName, email].sort((a, b) => a - b);
    const purpose = keccak256(stringToHex("dpv:ServiceProvision"));

    // Offers: each provider registers a resource and lists it; every other offer asks for consumer data, so
    // booking it opens a connection through the market (a connector of AccessGrants).
    const offers = Math.min(size.offers, size.members - 1);
    const providers = members.slice(0, offers);
    progress(`scale: ${offers} resources and offers`);
    const firstResource = (await reader.contracts.resources.read.resourceCount()) + 1n;
    await runEach(
      providers,
      c.resources,
      providers.map((_, i) =>
        encodeFunctionData({
          abi: abiOfKey("resources"),
          functionName: "register",
          args: [bike, keccak256(stringToHex(`scale-resource-${i}`))],
        }),
      ),
      "register",
    );
    const dataRequestOf = (i: number) =>
      i % 2 === 0
        ? { attributeIds: personal, purpose, duration: 90 * DAY }
        : { attributeIds: [] as number[], purpose: `0x${"00".repeat(32)}` as Hex, duration: 0 };
    const firstOffer = (await reader.contracts.market.read.offerCount()) + 1n;
    await runEach(
      providers,
      c.market,
      providers.map((_, i) =>
        encodeFunctionData({
          abi: abiOfKey("market"),
          functionName: "listOffer",
          args: [
            firstResource + BigInt(i),
            {
              classId: bike,
              token: zeroAddress,
              unitPrice: 0n,
              capacity: 1_000_000n,
              validFrom: 0,
              validUntil: 0,
              metadata: keccak256(stringToHex(`scale-offer-${i}`)),
            },
            dataRequestOf(i),
          ],
        }),
      ),
      "list",
    );

    // Bookings by the other members, free (price 0): booking j takes offer (j + j div consumers) mod offers, so a
    // consumer's bookings are of different offers.
    const consumers = members.slice(offers);
    const consumerOf = (j: number) => consumers[j % consumers.length] as Address;
    const offerOf = (j: number) => (j + Math.floor(j / consumers.length)) % offers;
    progress(`scale: ${size.bookings} bookings`);
    const firstBooking = (await reader.contracts.market.read.bookingCount()) + 1n;
    const bookingJobs = Array.from({ length: size.bookings }, (_, j) => j);
    await runEach(
      bookingJobs.map(consumerOf),
      c.market,
      bookingJobs.map((j) =>
        encodeFunctionData({
          abi: abiOfKey("market"),
          functionName: "book",
          args: [firstOffer + BigInt(offerOf(j)), 0, 1n, dataRequestOf(offerOf(j))], // version 0: never updated
        }),
      ),
      "book",
    );
    // Half are accepted by their provider; of those, half are completed by their consumer (the settlement
    // closes the booking's data connection); a few are disputed, for the leaders' page.
    const accepted = bookingJobs.filter((j) => j % 2 === 0);
    const completed = accepted.filter((j) => j % 4 === 0);
    const disputed = accepted.filter((j) => j % 4 === 2).slice(0, Math.max(1, Math.floor(size.bookings / 1000)));
    const bookingCall = (functionName: "acceptBooking" | "completeBooking", j: number) =>
      encodeFunctionData({ abi: abiOfKey("market"), functionName, args: [firstBooking + BigInt(j)] });
    await runEach(
      accepted.map((j) => providers[offerOf(j)] as Address),
      c.market,
      accepted.map((j) => bookingCall("acceptBooking", j)),
      "accept",
    );
    await runEach(
      completed.map(consumerOf),
      c.market,
      completed.map((j) => bookingCall("completeBooking", j)),
      "complete",
    );
    await runEach(
      disputed.map(consumerOf),
      c.market,
      disputed.map((j) =>
        encodeFunctionData({
          abi: abiOfKey("market"),
          functionName: "openDispute",
          args: [firstBooking + BigInt(j), keccak256(stringToHex(`scale-dispute-${j}`))],
        }),
      ),
      "dispute",
    );

    // Connections between members until AccessGrants has emitted `connectionEvents`: rounds of grants along a
    // ring (owner i → member i + round + 1), each round followed by some changes (a grant again: widened),
    // revocations and, every third round, access requests answered by acceptance or rejection.
    const n = members.length;
    // AccessGrants' events of the deployment (its connectors), then those of the loader's transactions
    const deployed = (
      await publicClient.getLogs({ address: c.accessGrants, fromBlock: deployment.fromBlock, toBlock: firstBlock })
    ).length;
    const countAccessEvents = () => deployed + (logsOf.get(c.accessGrants.toLowerCase()) ?? 0);
    let accessEvents = countAccessEvents();
    progress(`scale: connections to ${size.connectionEvents} AccessGrants events (${accessEvents} so far)`);
    const expiresAt = (await now()) + 300 * DAY;
    const grantCall = (grantee: Address, ids: readonly number[]) =>
      encodeFunctionData({
        abi: abiOfKey("accessGrants"),
        functionName: "grant",
        args: [grantee, ids, purpose, expiresAt],
      });
    const access = c.accessGrants;
    for (let round = 0; accessEvents < size.connectionEvents; round++) {
      const left = size.connectionEvents - accessEvents;
      const owners = Array.from({ length: Math.min(n, Math.ceil(left / 1.3)) }, (_, i) => i);
      // offsets 1 … n − 1: nobody grants to themselves, also on a network of a few members
      const offset = 1 + (round % (n - 1));
      const granteeOf = (i: number) => members[(i + offset) % n] as Address;
      const ownerOf = (i: number) => members[i] as Address;
      await runEach(
        owners.map(ownerOf),
        access,
        owners.map((i) => grantCall(granteeOf(i), personal)),
        "grant",
      );
      const changed = owners.filter((i) => i % 5 === 0);
      await runEach(
        changed.map(ownerOf),
        access,
        changed.map((i) =>
          grantCall(
            granteeOf(i),
            [givenName, email, phone].sort((a, b) => a - b),
          ),
        ),
        "change",
      );
      const revoked = owners.filter((i) => i % 10 === 3);
      await runEach(
        revoked.map(ownerOf),
        access,
        revoked.map((i) =>
          encodeFunctionData({ abi: abiOfKey("accessGrants"), functionName: "revoke", args: [granteeOf(i)] }),
        ),
        "revoke",
      );
      if (round % 3 === 0) {
        // the member after the round's grantee asks member i for phone; half of the owners accept, a tenth reject
        const asked = owners.filter((i) => i % 10 < 6);
        const askerOf = (i: number) => members[(i + 1 + (offset % (n - 1))) % n] as Address;
        await runEach(
          asked.map(askerOf),
          access,
          asked.map((i) =>
            encodeFunctionData({
              abi: abiOfKey("accessGrants"),
              functionName: "requestAccess",
              args: [ownerOf(i), [phone], purpose, 60 * DAY],
            }),
          ),
          "request",
        );
        const answered = asked.filter((i) => i % 10 < 5);
        await runEach(
          answered.map(ownerOf),
          access,
          answered.map((i) =>
            encodeFunctionData({
              abi: abiOfKey("accessGrants"),
              functionName: "acceptRequest",
              args: [askerOf(i), [phone], purpose, 60 * DAY],
            }),
          ),
          "acceptRequest",
        );
        const rejected = asked.filter((i) => i % 10 === 5);
        await runEach(
          rejected.map(ownerOf),
          access,
          rejected.map((i) =>
            encodeFunctionData({
              abi: abiOfKey("accessGrants"),
              functionName: "rejectRequest",
              args: [askerOf(i), toHex("not-now", { size: 32 })],
            }),
          ),
          "reject",
        );
      }
      accessEvents = countAccessEvents();
      progress(`scale: round ${round + 1} of connections: ${accessEvents} AccessGrants events`);
    }

    // A few of everything else, through the SDK as a user would: proposals with votes, applications, requests.
    progress("scale: proposals, applications and market requests through the SDK");
    const proposals = Math.max(2, Math.ceil(size.members / 2000));
    for (let i = 0; i < proposals; i++) {
      const { proposalId } = await as(manager).governance.proposeRuleChange({
        rule: "disputeWindow",
        value: BigInt((8 + i) * DAY),
        title: `Dispute window of ${8 + i} days`,
        rationale: "A benchmark proposal.",
      });
      if (i === 0) {
        await increaseTime((await reader.contracts.governor.read.votingDelay()) + 1n);
        for (const voter of [manager, leader, otherLeader]) {
          await as(voter).governance.vote({ proposalId, support: "for", reason: "benchmark" });
        }
      }
    }
    const key = (kind: string, i: number) => keccak256(stringToHex(`weconet-bench-scale:${kind}:${i}`));
    const developer = privateKeyToAccount(key("developer", 0));
    await testClient.setBalance({ address: developer.address, value: 10n ** 20n });
    await as(developer).membership.apply({ profile: "bench scale developer" });
    await as(otherLeader).membership.admit({ applicant: developer.address });
    await as(otherLeader).membership.grantDeveloper({ account: developer.address });
    const applications = Math.max(2, Math.ceil(size.members / 2000));
    for (let i = 0; i < applications; i++) {
      const app = privateKeyToAccount(key("application", i));
      const consent = await as(developer).applications.consentToRegistration({
        developer: developer.address,
        signer: app,
      });
      await as(developer).applications.register({
        account: app.address,
        consent,
        name: `Benchmark app ${i + 1}`,
        metadataURI: `ipfs://weconet-bench/app-${i + 1}`,
        attributes: ["email"],
        purpose: "dpv:ServiceProvision",
      });
    }
    const marketRequests = Math.max(2, Math.ceil(size.offers / 100));
    const requesters = consumers.slice(0, marketRequests);
    const deadline = (await now()) + 30 * DAY;
    await runEach(
      requesters,
      c.market,
      requesters.map((_, i) =>
        encodeFunctionData({
          abi: abiOfKey("market"),
          functionName: "postRequest",
          args: [
            {
              classId: bike,
              token: zeroAddress,
              quantity: 1n,
              maxUnitPrice: 0n,
              deadline,
              metadata: keccak256(stringToHex(`scale-request-${i}`)),
            },
          ],
        }),
      ),
      "post",
    );

    return {
      rpcUrl,
      deploymentDir,
      deployment,
      publicClient,
      seeded: {
        members: members.length,
        offers,
        bookings: size.bookings,
        connectionEvents: accessEvents,
        proposals,
        applications,
        marketRequests,
        disputes: disputed.length,
      },
      accounts: {
        provider: providers[offerOf(0)] as Address,
        consumer: consumerOf(0),
        owner: members[0] as Address,
      },
      seconds: Math.round((performance.now() - started) / 100) / 10,
      gasPerCall: Object.fromEntries(gasPerCall),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
