import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionReceipt, Signer } from "ethers";
import { id } from "ethers";

import { BALLOT_TYPES as SDK_BALLOT_TYPES, enumBigInts, enumValues, ROLE_IDS } from "@weconet/sdk";

import type { WeconetGovernor } from "../../typechain-types/index.js";
import { signTyped } from "./accounts.js";
import { TEST_SETTINGS, type Weconet } from "./deployment.js";
import { networkHelpers } from "./network.js";

/** The timelock's roles (OpenZeppelin TimelockController). */
export const { PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE } = ROLE_IDS.TimelockController;

/** `IGovernor.ProposalState`. */
export const ProposalState = enumBigInts("IGovernor.ProposalState");

/** `GovernorCountingSimple.VoteType`. */
export const Vote = enumValues("GovernorCountingSimple.VoteType");

/** One call a proposal makes through the timelock. */
export interface Call {
  target: string;
  data: string;
  value?: bigint;
}

/** A proposal's arguments, as `propose`, `queue`, `execute` and `cancel` take them. */
export interface Proposal {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
  descriptionHash: string;
}

export function proposalOf(calls: readonly Call[], description: string): Proposal {
  return {
    targets: calls.map((c) => c.target),
    values: calls.map((c) => c.value ?? 0n),
    calldatas: calls.map((c) => c.data),
    description,
    descriptionHash: id(description),
  };
}

export function proposalIdOf(w: Weconet, p: Proposal): Promise<bigint> {
  return w.governor.hashProposal(p.targets, p.values, p.calldatas, p.descriptionHash);
}

/** Submits `p` as `proposer` and returns its id. */
export async function propose(w: Weconet, p: Proposal, proposer: Signer): Promise<bigint> {
  await (await w.governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description)).wait();
  return proposalIdOf(w, p);
}

/** Moves the clock past the voting delay of proposal `proposalId`, so that voting is open. */
export async function startVoting(governor: WeconetGovernor, proposalId: bigint): Promise<void> {
  const snapshot = await governor.proposalSnapshot(proposalId);
  await networkHelpers.time.increaseTo(snapshot + 1n);
}

/** Moves the clock past the (possibly extended) deadline of proposal `proposalId`. */
export async function endVoting(governor: WeconetGovernor, proposalId: bigint): Promise<void> {
  const deadline = await governor.proposalDeadline(proposalId);
  await networkHelpers.time.increaseTo(deadline + 1n);
}

/** Every founder of the test network (manager, leaders, developer, members), in a fixed order. */
export function founders(w: Weconet): HardhatEthersSigner[] {
  return [w.manager, ...w.leaders, w.developer, ...w.members];
}

/** Casts `support` for every account in `voters`. */
export async function castVotes(
  governor: WeconetGovernor,
  proposalId: bigint,
  voters: readonly Signer[],
  support: number,
): Promise<void> {
  for (const voter of voters) await (await governor.connect(voter).castVote(proposalId, support)).wait();
}

/** Queues passed proposal `p` and executes it once the timelock delay has passed; returns the execution's receipt. */
export async function queueAndExecute(w: Weconet, p: Proposal): Promise<ContractTransactionReceipt> {
  await (await w.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash)).wait();
  await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay + 1);
  const receipt = await (await w.governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash)).wait();
  if (receipt === null) throw new Error("execute was not mined");
  return receipt;
}

/**
 * Carries `calls` through the members' vote: an active founder proposes, every founder with a vote votes for
 * (suspended ones too: a suspension does not take the vote), and the timelock executes. Returns the proposal
 * (for event assertions on the execution use {queueAndExecute}).
 */
export async function enact(
  w: Weconet,
  calls: readonly Call[],
  description: string,
): Promise<{ proposalId: bigint; receipt: ContractTransactionReceipt }> {
  const p = proposalOf(calls, description);
  const voters = await votersWithPower(w);
  const proposer = await firstActive(w, voters);
  const proposalId = await propose(w, p, proposer);
  await startVoting(w.governor, proposalId);
  await castVotes(w.governor, proposalId, voters, Vote.For);
  await endVoting(w.governor, proposalId);
  return { proposalId, receipt: await queueAndExecute(w, p) };
}

/** The founders with a vote now (so they can vote on a new proposal). */
async function votersWithPower(w: Weconet): Promise<HardhatEthersSigner[]> {
  const voters: HardhatEthersSigner[] = [];
  for (const founder of founders(w)) {
    if ((await w.membership.getVotes(founder.address)) > 0n) voters.push(founder);
  }
  return voters;
}

/** The first of `voters` who is an active member (so may propose). */
async function firstActive(w: Weconet, voters: readonly HardhatEthersSigner[]): Promise<HardhatEthersSigner> {
  for (const voter of voters) if (await w.membership.isActiveMember(voter.address)) return voter;
  throw new Error("enact: no founder can propose");
}

/** The EIP-712 ballot `signer` signs so that `voter` (the signer, or a wallet it controls) votes `support`. */
export function signBallot(
  governor: WeconetGovernor,
  signer: Signer,
  ballot: { proposalId: bigint; support: number; voter: string; nonce: bigint },
): Promise<string> {
  return signTyped(governor, signer, BALLOT_TYPES, ballot);
}

/** The SDK's ballot type, as ethers takes it (mutable arrays). */
const BALLOT_TYPES = { Ballot: [...SDK_BALLOT_TYPES.Ballot] };
