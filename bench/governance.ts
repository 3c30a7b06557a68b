import type { ContractRunner, Signer, Wallet } from "ethers";
import { encodeBytes32String, id } from "ethers";

import type { NetworkRules, WizardGovernor } from "../typechain-types/index.js";
import { networkHelpers } from "../test/helpers/network.js";
import { gasOf, signingDomain } from "./lib.js";

/** The OpenZeppelin Governor API that Weconet's governor and the wizard's share. */
type GovernorMethods = Pick<
  WizardGovernor,
  | "propose"
  | "castVote"
  | "castVoteWithReason"
  | "castVoteBySig"
  | "queue"
  | "execute"
  | "hashProposal"
  | "proposalSnapshot"
  | "quorum"
  | "nonces"
  | "getAddress"
>;
export interface GovernorLike extends GovernorMethods {
  connect(runner: ContractRunner | null): GovernorLike;
}

/** One proposal carried from `propose` to `execute`, with who does what. */
export interface GovernanceJourney {
  governor: GovernorLike;
  /** The rules contract the governor's timelock owns: the proposal changes one rule ({@link RULE_CHANGE}). */
  rules: NetworkRules;
  proposer: Signer;
  /** Cast the first, a later, and a with-reason Against vote: Against votes never count towards quorum. */
  againstVoters: readonly [Signer, Signer, Signer];
  /** A member with a private key who signs an Against ballot that `relayer` submits. */
  bySig: { voter: Wallet; relayer: Signer };
  /** Vote For, in this order, until the proposal passes (quorum, and more For than Against votes). */
  forVoters: readonly Signer[];
  /** Seconds: voting delay, voting period (with any late-quorum extension), timelock delay. */
  delays: { votingDelay: number; votingPeriod: number; timelock: number };
}

/**
 * The fewest members a journey needs: a proposer, three Against voters, a relayer, and five For votes to outvote
 * the four Against votes (the proposer and the relayer among them).
 */
export const MIN_MEMBERS = 8;

/** What the measured proposal does: raise the market fee, with a description saying why. */
export const RULE_CHANGE = {
  key: encodeBytes32String("marketFeeBps"),
  value: 250n,
  description: "# Raise the market fee to 2.5%\n\nThe treasury needs to fund the data socket's hosting.",
};

const AGAINST = 0;
const FOR = 1;
const AGAINST_VOTES = 4n;

/**
 * Measures a governor's user operations at equal positions, so that two governors compare fairly: the first
 * and a later Against vote, a vote with a reason, one by signature, the For vote that reaches quorum (where a
 * late-quorum extension costs extra), then queue and execute.
 */
export async function measureGovernance(j: GovernanceJourney): Promise<[operation: string, gas: bigint][]> {
  const { governor } = j;
  const targets = [await j.rules.getAddress()];
  const values = [0n];
  const calldatas = [j.rules.interface.encodeFunctionData("setRule", [RULE_CHANGE.key, RULE_CHANGE.value])];
  const { description } = RULE_CHANGE;
  const descriptionHash = id(description);
  const rows: [string, bigint][] = [];

  rows.push(["propose", await gasOf(governor.connect(j.proposer).propose(targets, values, calldatas, description))]);
  const proposalId = await governor.hashProposal(targets, values, calldatas, descriptionHash);
  await networkHelpers.time.increase(j.delays.votingDelay + 1);

  const [first, later, withReason] = j.againstVoters;
  rows.push(["castVote (first vote)", await gasOf(governor.connect(first).castVote(proposalId, AGAINST))]);
  rows.push(["castVote (later vote)", await gasOf(governor.connect(later).castVote(proposalId, AGAINST))]);
  rows.push([
    "castVoteWithReason",
    await gasOf(governor.connect(withReason).castVoteWithReason(proposalId, AGAINST, "The fee should stay low.")),
  ]);

  const { voter, relayer } = j.bySig;
  const signature = await voter.signTypedData(
    await signingDomain(await governor.getAddress()),
    {
      Ballot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "voter", type: "address" },
        { name: "nonce", type: "uint256" },
      ],
    },
    { proposalId, support: AGAINST, voter: voter.address, nonce: await governor.nonces(voter.address) },
  );
  rows.push([
    "castVoteBySig",
    await gasOf(governor.connect(relayer).castVoteBySig(proposalId, AGAINST, voter.address, signature)),
  ]);

  // To pass, For votes must reach quorum and outnumber the four Against votes.
  const quorum = await governor.quorum(await governor.proposalSnapshot(proposalId));
  const needed = quorum > AGAINST_VOTES ? quorum : AGAINST_VOTES + 1n;
  if (BigInt(j.forVoters.length) < needed) {
    throw new Error(`governance journey: ${j.forVoters.length} For voters cannot pass (quorum ${quorum})`);
  }
  for (const [i, member] of j.forVoters.slice(0, Number(needed)).entries()) {
    const gas = await gasOf(governor.connect(member).castVote(proposalId, FOR));
    if (BigInt(i + 1) === quorum) rows.push(["castVote (reaches quorum)", gas]);
  }

  await networkHelpers.time.increase(j.delays.votingPeriod + 1);
  rows.push(["queue", await gasOf(governor.connect(j.proposer).queue(targets, values, calldatas, descriptionHash))]);
  await networkHelpers.time.increase(j.delays.timelock + 1);
  rows.push([
    "execute (rule change)",
    await gasOf(governor.connect(j.proposer).execute(targets, values, calldatas, descriptionHash)),
  ]);
  return rows;
}
