import type { Signer, Wallet } from "ethers";
import { encodeBytes32String, id } from "ethers";
import type { Address } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";

import { proposalCalls, type ProviderWeconet } from "@weconet/sdk";

import type { NetworkRules, WizardGovernor } from "../typechain-types/index.js";
import { networkHelpers } from "../test/helpers/network.js";
import { gasOf, signingDomain } from "./lib.js";

/** What the measured proposal does: raise the market fee, with a description saying why. */
export const RULE_CHANGE = {
  rule: "marketFeeBps",
  value: 250n,
  description: "# Raise the market fee to 2.5%\n\nThe treasury needs to fund the data socket's hosting.",
};

/** Against, For (OpenZeppelin's simple counting). */
type Support = 0 | 1;
const AGAINST = 0;
const FOR = 1;

/**
 * One governor under measurement, carrying one proposal ({@link RULE_CHANGE}) through its life. Each system is
 * driven as its users would drive it: Weconet through its SDK, the OpenZeppelin anchor through ethers. Every
 * method returns the gas of the transaction it sends.
 */
export interface GovernorUnderTest<Voter, SigningVoter> {
  propose(proposer: Voter): Promise<bigint>;
  vote(voter: Voter, support: Support, reason?: string): Promise<bigint>;
  /** `voter` signs a ballot; `relayer` submits it. */
  voteBySignature(voter: SigningVoter, relayer: Voter, support: Support): Promise<bigint>;
  /** The votes the proposal needs for quorum. */
  quorum(): Promise<bigint>;
  queue(by: Voter): Promise<bigint>;
  execute(by: Voter): Promise<bigint>;
}

/** One proposal carried from `propose` to `execute`, with who does what. */
export interface GovernanceJourney<Voter, SigningVoter> {
  governor: GovernorUnderTest<Voter, SigningVoter>;
  proposer: Voter;
  /** Cast the first, a later, and a with-reason Against vote: Against votes never count towards quorum. */
  againstVoters: readonly [Voter, Voter, Voter];
  /** A member with a private key who signs an Against ballot that `relayer` submits. */
  bySig: { voter: SigningVoter; relayer: Voter };
  /** Vote For, in this order, until the proposal passes (quorum, and more For than Against votes). */
  forVoters: readonly Voter[];
  /** Seconds: voting delay, voting period (with any late-quorum extension), timelock delay. */
  delays: { votingDelay: number; votingPeriod: number; timelock: number };
}

/**
 * The fewest members a journey needs: a proposer, three Against voters, a relayer, and five For votes to outvote
 * the four Against votes (the proposer and the relayer among them).
 */
export const MIN_MEMBERS = 8;

const AGAINST_VOTES = 4n;

/**
 * Measures a governor's user operations at equal positions, so that two governors compare fairly: the first
 * and a later Against vote, a vote with a reason, one by signature, the For vote that reaches quorum (where a
 * late-quorum extension costs extra), then queue and execute.
 */
export async function measureGovernance<Voter, SigningVoter>(
  j: GovernanceJourney<Voter, SigningVoter>,
): Promise<[operation: string, gas: bigint][]> {
  const { governor } = j;
  const rows: [string, bigint][] = [];
  rows.push(["propose", await governor.propose(j.proposer)]);
  await networkHelpers.time.increase(j.delays.votingDelay + 1);

  const [first, later, withReason] = j.againstVoters;
  rows.push(["castVote (first vote)", await governor.vote(first, AGAINST)]);
  rows.push(["castVote (later vote)", await governor.vote(later, AGAINST)]);
  rows.push(["castVoteWithReason", await governor.vote(withReason, AGAINST, "The fee should stay low.")]);
  rows.push(["castVoteBySig", await governor.voteBySignature(j.bySig.voter, j.bySig.relayer, AGAINST)]);

  // To pass, For votes must reach quorum and outnumber the four Against votes.
  const quorum = await governor.quorum();
  const needed = quorum > AGAINST_VOTES ? quorum : AGAINST_VOTES + 1n;
  if (BigInt(j.forVoters.length) < needed) {
    throw new Error(`governance journey: ${j.forVoters.length} For voters cannot pass (quorum ${quorum})`);
  }
  for (const [i, member] of j.forVoters.slice(0, Number(needed)).entries()) {
    const gas = await governor.vote(member, FOR);
    if (BigInt(i + 1) === quorum) rows.push(["castVote (reaches quorum)", gas]);
  }

  await networkHelpers.time.increase(j.delays.votingPeriod + 1);
  rows.push(["queue", await governor.queue(j.proposer)]);
  await networkHelpers.time.increase(j.delays.timelock + 1);
  rows.push(["execute (rule change)", await governor.execute(j.proposer)]);
  return rows;
}

const SUPPORT = ["against", "for"] as const;

/** Weconet's governor, driven through the SDK: members as addresses, a signing voter with its own key. */
export function weconetGovernor(sdk: ProviderWeconet): GovernorUnderTest<Address, PrivateKeyAccount> {
  let proposalId: bigint | undefined;
  const proposal = () => {
    if (proposalId === undefined) throw new Error("governance journey: nothing proposed yet");
    return proposalId;
  };
  const { deployment } = sdk.reader;
  return {
    async propose(proposer) {
      const sent = await sdk.as(proposer).governance.propose({
        calls: [proposalCalls.setRule(deployment, RULE_CHANGE.rule, RULE_CHANGE.value)],
        description: RULE_CHANGE.description,
      });
      proposalId = sent.proposalId;
      return gasOf(Promise.resolve(sent));
    },
    vote: (voter, support, reason) =>
      gasOf(
        sdk.as(voter).governance.vote({
          proposalId: proposal(),
          support: SUPPORT[support],
          ...(reason === undefined ? {} : { reason }),
        }),
      ),
    async voteBySignature(voter, relayer, support) {
      const ballot = await sdk.as(voter).governance.signVote({ proposalId: proposal(), support: SUPPORT[support] });
      return gasOf(sdk.as(relayer).governance.voteBySignature(ballot));
    },
    async quorum() {
      const governor = sdk.reader.contracts.governor;
      return governor.read.quorum([await governor.read.proposalSnapshot([proposal()])]);
    },
    queue: (by) => gasOf(sdk.as(by).governance.queue({ proposalId: proposal() })),
    execute: (by) => gasOf(sdk.as(by).governance.execute({ proposalId: proposal() })),
  };
}

/** The OpenZeppelin Governor API that the wizard's governor shares with Weconet's, driven through ethers. */
export function ozGovernor(governor: WizardGovernor, rules: NetworkRules): GovernorUnderTest<Signer, Wallet> {
  let call: { targets: string[]; values: bigint[]; calldatas: string[]; descriptionHash: string } | undefined;
  let proposalId: bigint | undefined;
  const proposal = () => {
    if (call === undefined || proposalId === undefined) throw new Error("governance journey: nothing proposed yet");
    return { ...call, proposalId };
  };
  return {
    async propose(proposer) {
      const targets = [await rules.getAddress()];
      const values = [0n];
      const calldatas = [
        rules.interface.encodeFunctionData("setRule", [encodeBytes32String(RULE_CHANGE.rule), RULE_CHANGE.value]),
      ];
      const descriptionHash = id(RULE_CHANGE.description);
      const gas = await gasOf(governor.connect(proposer).propose(targets, values, calldatas, RULE_CHANGE.description));
      call = { targets, values, calldatas, descriptionHash };
      proposalId = await governor.hashProposal(targets, values, calldatas, descriptionHash);
      return gas;
    },
    vote: (voter, support, reason) =>
      gasOf(
        reason === undefined
          ? governor.connect(voter).castVote(proposal().proposalId, support)
          : governor.connect(voter).castVoteWithReason(proposal().proposalId, support, reason),
      ),
    async voteBySignature(voter, relayer, support) {
      const { proposalId: ballotFor } = proposal();
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
        { proposalId: ballotFor, support, voter: voter.address, nonce: await governor.nonces(voter.address) },
      );
      return gasOf(governor.connect(relayer).castVoteBySig(ballotFor, support, voter.address, signature));
    },
    async quorum() {
      return governor.quorum(await governor.proposalSnapshot(proposal().proposalId));
    },
    queue: (by) => {
      const p = proposal();
      return gasOf(governor.connect(by).queue(p.targets, p.values, p.calldatas, p.descriptionHash));
    },
    execute: (by) => {
      const p = proposal();
      return gasOf(governor.connect(by).execute(p.targets, p.values, p.calldatas, p.descriptionHash));
    },
  };
}
