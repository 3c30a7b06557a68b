import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  type Address,
  type PublicClient,
} from "viem";
import { afterAll, beforeAll, inject } from "vitest";

import { createWeconet, type Weconet } from "../../src/index.js";
import { loadDeployment } from "../../src/node/index.js";

const { url, deploymentDir } = inject("chain");

/** The test chain (Hardhat's chain id), reached over HTTP like any node. */
export const chain = defineChain({
  id: 31337,
  name: "Weconet test chain",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [url] } },
});
export const rpcUrl = url;
export const deploymentDirectory = deploymentDir;
export const publicClient: PublicClient = createPublicClient({ chain, transport: http(url), pollingInterval: 50 });
export const testClient = createTestClient({ chain, mode: "hardhat", transport: http(url) });
export const deployment = loadDeployment({ chainId: chain.id, dir: deploymentDir });

/** The node's development accounts (the node signs for them). */
export const accounts = (await createWalletClient({ chain, transport: http(url) }).getAddresses()).map((a) =>
  getAddress(a),
);
const account = (i: number): Address => {
  const a = accounts[i];
  if (a === undefined) throw new Error(`test setup: the node has no account ${i}`);
  return a;
};
/** deploy/parameters/localhost.json: account 1 is the manager, 2 and 3 are the leaders. */
export const people = {
  deployer: account(0),
  manager: account(1),
  lars: account(2),
  lena: account(3),
  /** Accounts 4 onwards are not members yet. */
  outsider: (i: number) => account(4 + i),
};

/** Read-only SDK. */
export const reader: Weconet = createWeconet({ deployment, publicClient });

/** The SDK acting as `address` (a development account the node signs for), reading the reader's rows. */
export function as(address: Address): Weconet {
  return reader.connect(createWalletClient({ account: address, chain, transport: http(url) }));
}

/** The latest block's timestamp. */
export async function latestTime(): Promise<number> {
  return Number((await publicClient.getBlock()).timestamp);
}

/** Moves the chain's clock forward and mines a block. */
export async function increaseTime(seconds: bigint | number): Promise<void> {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
}

/** Each test file starts from the chain as it found it and leaves it so. */
export function isolateFile(): void {
  let id: `0x${string}` | undefined;
  beforeAll(async () => {
    id = await testClient.snapshot();
  });
  afterAll(async () => {
    if (id !== undefined) await testClient.revert({ id });
  });
}

/** Admits `address` as a member: it applies, leader lars admits it. Its vote counts only after {activateVotes}. */
export async function admitMember(address: Address, label: string = address): Promise<void> {
  await as(address).membership.apply({ profile: `profile of ${label}` });
  await as(people.lars).membership.admit({ applicant: address });
}

/** Moves the clock past the probation period (the rule in force) and activates the vote of each of `members`. */
export async function activateVotes(members: readonly Address[]): Promise<void> {
  await increaseTime(await reader.contracts.networkRules.read.probationPeriod());
  for (const member of members) await as(member).membership.activateVote();
}
