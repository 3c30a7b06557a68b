import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { encodeBytes32String, keccak256, toUtf8Bytes } from "ethers";

import { CONTRACT_KEYS, ROLE_IDS, type ContractKey, type Deployment } from "@weconet/sdk";

import { addressesOf, attachWeconet, type WeconetContracts } from "../../deploy/contracts.js";
import WeconetModule from "../../deploy/modules/Weconet.js";
import { ethers, ignition } from "./network.js";

export const { MANAGER_ROLE, LEADER_ROLE, DEVELOPER_ROLE } = ROLE_IDS.Membership;
export const { DEFAULT_ADMIN_ROLE } = ROLE_IDS.AccessControl;

/** Voting settings for tests: short, but distinct, so each phase is easy to reach with `time.increase`. */
export const TEST_SETTINGS = {
  timelockMinDelay: 3_600,
  votingDelay: 60,
  votingPeriod: 3_600,
  quorumPercent: 20,
  lateQuorumExtension: 600,
  maxLateQuorumExtension: 1_200,
  admissionPolicy: 1,
  marketFeeBps: 100,
  maxGrantDuration: 30 * 86_400,
  disputeWindow: 3 * 86_400,
  accessRequestLifetime: 7 * 86_400,
  probationPeriod: 35 * 86_400,
  admissionsPerLeader: 100,
  disputeRulingPeriod: 14 * 86_400,
} as const;

/** A profile pointer for tests: the hash of a label, standing in for the hash of an off-chain document. */
export function profileHash(label: string): string {
  return keccak256(toUtf8Bytes(`profile:${label}`));
}

export function reason(code: string): string {
  return encodeBytes32String(code);
}

export interface Weconet extends WeconetContracts {
  deployer: HardhatEthersSigner;
  manager: HardhatEthersSigner;
  leaders: HardhatEthersSigner[];
  developer: HardhatEthersSigner;
  /** Founding members without a role. */
  members: HardhatEthersSigner[];
  /** Signer `i` of those that are not members (0 to 11). */
  outsider(i: number): HardhatEthersSigner;
}

/** `items[i]`, or a clear failure when a test asks for more than exists. */
export function nth<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`test setup: no item ${i} (only ${items.length})`);
  return item;
}

/**
 * Deploys the network with the real Ignition module: account 1 is the manager, 2 and 3 are leaders, 4 a
 * developer, 5 to 7 plain founding members, 8 onwards outsiders.
 */
export async function deployWeconet(
  overrides: Partial<Record<keyof typeof TEST_SETTINGS, number>> = {},
): Promise<Weconet> {
  const signers = await ethers.getSigners();
  const signer = (i: number) => nth(signers, i);
  const [deployer, manager, leaderA, leaderB, developer] = [0, 1, 2, 3, 4].map(signer) as [
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
  ];
  const members = [5, 6, 7].map(signer);
  const founder = (signer: HardhatEthersSigner, role: string, label: string) => ({
    account: signer.address,
    profile: profileHash(label),
    role,
  });
  const founders = [
    founder(manager, MANAGER_ROLE, "manager"),
    founder(leaderA, LEADER_ROLE, "leader-a"),
    founder(leaderB, LEADER_ROLE, "leader-b"),
    founder(developer, DEVELOPER_ROLE, "developer"),
    ...members.map((m, i) => founder(m, DEFAULT_ADMIN_ROLE, `member-${i}`)),
  ];

  const deployed = await ignition.deploy(WeconetModule, {
    parameters: { WeconetCore: { ...TEST_SETTINGS, ...overrides, founders } },
  });
  return {
    ...attachWeconet(await addressesOf(deployed), deployer),
    deployer,
    manager,
    leaders: [leaderA, leaderB],
    developer,
    members,
    outsider: (i: number) => signer(8 + i),
  };
}

/**
 * The SDK's deployment of a network deployed in-process (by {@link deployWeconet} or the Ignition module): the
 * chain and every contract's address; its audit trail starts at `fromBlock`.
 */
export async function sdkDeployment(
  contracts: Record<ContractKey, { getAddress(): Promise<string> }>,
  fromBlock = 0n,
): Promise<Deployment> {
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const entries = await Promise.all(
    Object.values(CONTRACT_KEYS).map(async (key) => [key, await contracts[key].getAddress()] as const),
  );
  return { chainId, contracts: Object.fromEntries(entries) as Deployment["contracts"], fromBlock };
}
