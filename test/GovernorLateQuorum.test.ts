import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { encodeBytes32String, id, type ContractTransactionReceipt, type ContractTransactionResponse } from "ethers";

import {
  LateQuorumVotesToken__factory,
  OZLateQuorumGovernor__factory,
  WeconetLateQuorumGovernor__factory,
  type LateQuorumVotesToken,
  type OZLateQuorumGovernor,
  type WeconetLateQuorumGovernor,
} from "../typechain-types/index.js";

import { nth, TEST_SETTINGS, type Weconet } from "./helpers/deployment.js";
import { coreFixture } from "./helpers/fixtures.js";
import {
  castVotes,
  enact,
  founders,
  propose,
  proposalOf,
  ProposalState,
  startVoting,
  Vote,
  type Call,
} from "./helpers/governance.js";
import { ethers, networkHelpers } from "./helpers/network.js";

const EXTENSION = BigInt(TEST_SETTINGS.lateQuorumExtension);
const CAP = BigInt(TEST_SETTINGS.maxLateQuorumExtension);

async function feeChange(w: Weconet, bps: bigint): Promise<Call> {
  return {
    target: await w.networkRules.getAddress(),
    data: w.networkRules.interface.encodeFunctionData("setRule", [encodeBytes32String("marketFeeBps"), bps]),
  };
}

/**
 * Opens a vote on a fee change and returns its id and original deadline. Quorum: 2 of the 7 founders (20% of 7
 * rounded up), so a test that wants one vote to cross it casts {@link oneShort} first.
 */
async function openVote(w: Weconet, bps = 250n): Promise<{ proposalId: bigint; deadline: bigint }> {
  const p = proposalOf([await feeChange(w, bps)], `# Set the market fee to ${bps} bps\n\nA test proposal.`);
  const proposalId = await propose(w, p, nth(w.members, 0));
  await startVoting(w.governor, proposalId);
  return { proposalId, deadline: await w.governor.proposalDeadline(proposalId) };
}

/** Casts the one For vote (the last plain founder's) that leaves the proposal one vote short of quorum. */
async function oneShort(w: Weconet, proposalId: bigint): Promise<void> {
  await castVotes(w.governor, proposalId, [nth(w.members, 2)], Vote.For);
}

/** GovernorLateQuorum: OpenZeppelin's late-quorum protection, checked only where it can change the outcome. */
describe("GovernorLateQuorum", () => {
  it("exposes the extension and its bound fixed at deployment", async () => {
    const w = await coreFixture();
    expect(await w.governor.lateQuorumVoteExtension()).to.equal(EXTENSION);
    expect(await w.governor.MAX_LATE_QUORUM_VOTE_EXTENSION()).to.equal(CAP);
  });

  it("does not extend when quorum was crossed before the final window, even if more votes come inside it", async () => {
    const w = await coreFixture();
    const { proposalId, deadline } = await openVote(w);
    await oneShort(w, proposalId);
    await castVotes(w.governor, proposalId, [nth(w.members, 0)], Vote.For); // crosses quorum early
    await networkHelpers.time.setNextBlockTimestamp(deadline - 10n);
    await expect(w.governor.connect(nth(w.members, 1)).castVote(proposalId, Vote.For)).not.to.emit(
      w.governor,
      "ProposalExtended",
    );
    expect(await w.governor.proposalDeadline(proposalId)).to.equal(deadline);
  });

  it("extends when an Abstain vote crosses quorum inside the final window, and only once", async () => {
    const w = await coreFixture();
    const { proposalId, deadline } = await openVote(w);
    await oneShort(w, proposalId);
    const lateVoteAt = deadline - EXTENSION / 2n;
    await networkHelpers.time.setNextBlockTimestamp(lateVoteAt);
    await expect(w.governor.connect(nth(w.members, 0)).castVote(proposalId, Vote.Abstain))
      .to.emit(w.governor, "ProposalExtended")
      .withArgs(proposalId, lateVoteAt + EXTENSION);
    // Inside the window, before the original deadline, the deadline already reads as extended.
    expect(await w.governor.proposalDeadline(proposalId)).to.equal(lateVoteAt + EXTENSION);

    await networkHelpers.time.setNextBlockTimestamp(deadline + 5n);
    await expect(w.governor.connect(nth(w.members, 1)).castVote(proposalId, Vote.For)).not.to.emit(
      w.governor,
      "ProposalExtended",
    );
    expect(await w.governor.proposalDeadline(proposalId)).to.equal(lateVoteAt + EXTENSION);
    expect(await w.governor.state(proposalId)).to.equal(ProposalState.Active);
  });

  it("does not extend for a vote just before the final window", async () => {
    const w = await coreFixture();
    const { proposalId, deadline } = await openVote(w);
    await oneShort(w, proposalId);
    await networkHelpers.time.setNextBlockTimestamp(deadline - EXTENSION);
    await expect(w.governor.connect(nth(w.members, 0)).castVote(proposalId, Vote.For)).not.to.emit(
      w.governor,
      "ProposalExtended",
    );
    expect(await w.governor.proposalDeadline(proposalId)).to.equal(deadline);
  });

  it("the members' vote changes the extension up to the bound, and not beyond", async () => {
    const w = await coreFixture();
    const governor = await w.governor.getAddress();
    const set = (seconds: bigint): Call => ({
      target: governor,
      data: w.governor.interface.encodeFunctionData("setLateQuorumVoteExtension", [seconds]),
    });
    await enact(w, [set(CAP)], "# Late quorum: the longest extension\n\nMore time to react.");
    expect(await w.governor.lateQuorumVoteExtension()).to.equal(CAP);

    const tooLong = proposalOf([set(CAP + 1n)], "# Late quorum: beyond the bound\n\nMust fail.");
    const proposalId = await propose(w, tooLong, nth(w.members, 0));
    await startVoting(w.governor, proposalId);
    await castVotes(w.governor, proposalId, founders(w), Vote.For);
    await networkHelpers.time.increaseTo((await w.governor.proposalDeadline(proposalId)) + 1n);
    await (await w.governor.queue(tooLong.targets, tooLong.values, tooLong.calldatas, tooLong.descriptionHash)).wait();
    await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay + 1);
    await expect(w.governor.execute(tooLong.targets, tooLong.values, tooLong.calldatas, tooLong.descriptionHash))
      .to.be.revertedWithCustomError(w.governor, "GovernorPreventLateQuorumVoteExtensionTooLarge")
      .withArgs(CAP + 1n, CAP);
  });

  it("keeps reporting an extension after the members' vote shortens the extension", async () => {
    const w = await coreFixture();
    const shorten = proposalOf(
      [
        {
          target: await w.governor.getAddress(),
          data: w.governor.interface.encodeFunctionData("setLateQuorumVoteExtension", [10n]),
        },
      ],
      "# Late quorum: ten seconds\n\nA shorter extension.",
    );
    // Pass and queue the shortening first; open the other vote so that its final window spans the execution.
    const shortenId = await propose(w, shorten, nth(w.members, 2));
    await startVoting(w.governor, shortenId);
    await castVotes(w.governor, shortenId, founders(w), Vote.For);
    await networkHelpers.time.increaseTo((await w.governor.proposalDeadline(shortenId)) + 1n);
    await (await w.governor.queue(shorten.targets, shorten.values, shorten.calldatas, shorten.descriptionHash)).wait();
    const executableAt = (await w.governor.proposalEta(shortenId)) + 1n;

    await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay / 3);
    const { proposalId, deadline } = await openVote(w, 300n);
    await oneShort(w, proposalId);
    expect(deadline - EXTENSION / 2n).to.be.greaterThan(executableAt);
    await networkHelpers.time.setNextBlockTimestamp(deadline - EXTENSION / 2n);
    await castVotes(w.governor, proposalId, [nth(w.members, 0)], Vote.For);
    const extended = deadline - EXTENSION / 2n + EXTENSION;
    expect(await w.governor.proposalDeadline(proposalId)).to.equal(extended);

    await (
      await w.governor.execute(shorten.targets, shorten.values, shorten.calldatas, shorten.descriptionHash)
    ).wait();
    expect(await w.governor.lateQuorumVoteExtension()).to.equal(10n);
    // Now far more than ten seconds before the original deadline: still the recorded, extended deadline.
    expect(await w.governor.proposalDeadline(proposalId)).to.equal(extended);
    await networkHelpers.time.increaseTo(deadline + 1n);
    expect(await w.governor.state(proposalId)).to.equal(ProposalState.Active);
  });
});

/** The two governors the harness tests compare: OpenZeppelin's GovernorPreventLateQuorum and Weconet's module. */
type Harness = OZLateQuorumGovernor | WeconetLateQuorumGovernor;

interface Pair {
  token: LateQuorumVotesToken;
  oz: OZLateQuorumGovernor;
  weconet: WeconetLateQuorumGovernor;
  /** Voters with one vote each, then one without any vote (the last). */
  voters: HardhatEthersSigner[];
  proposalId: bigint;
  snapshot: bigint;
  deadline: bigint;
}

interface PairSettings {
  quorumNumerator: bigint;
  votingDelay: bigint;
  votingPeriod: bigint;
  extension: bigint;
  maxExtension: bigint;
  /** Added to the block timestamp by the token's clock (and so the governors'). */
  clockOffset: bigint;
  /** The token clock's value when the proposal is made (default: the next block's). */
  proposeAt?: bigint;
}

const HARNESS: PairSettings = {
  quorumNumerator: 0n,
  votingDelay: 10n,
  votingPeriod: 1_000n,
  extension: 300n,
  maxExtension: 600n,
  clockOffset: 0n,
};

/** One event a governor emitted: its name and arguments. */
interface Emitted {
  name: string;
  args: unknown[];
}

/**
 * Deploys a vote token (four voters with a vote, a fifth without), both governors with the same settings and the
 * same proposal on both; returns them once voting is open.
 */
async function deployPair(overrides: Partial<PairSettings> = {}): Promise<Pair> {
  const s = { ...HARNESS, ...overrides };
  const signers = await ethers.getSigners();
  const deployer = nth(signers, 0);
  const voters = signers.slice(12, 17);
  const token = await new LateQuorumVotesToken__factory(deployer).deploy(s.clockOffset);
  for (const voter of voters.slice(0, 4)) await (await token.mint(voter.address, 1n)).wait();
  const oz = await new OZLateQuorumGovernor__factory(deployer).deploy(
    token,
    s.votingDelay,
    s.votingPeriod,
    s.extension,
    s.quorumNumerator,
  );
  const weconet = await new WeconetLateQuorumGovernor__factory(deployer).deploy(
    token,
    s.votingDelay,
    s.votingPeriod,
    s.extension,
    s.maxExtension,
    s.quorumNumerator,
  );
  const target = await token.getAddress();
  if (s.proposeAt !== undefined) await networkHelpers.time.setNextBlockTimestamp(s.proposeAt - s.clockOffset);
  const receipts = await inOneBlock([
    () => oz.propose([target], [0n], ["0x"], "late quorum"),
    () => weconet.propose([target], [0n], ["0x"], "late quorum"),
  ]);
  expect(receipts).to.have.length(2);
  const proposalId = await oz.hashProposal([target], [0n], ["0x"], id("late quorum"));
  const snapshot = await oz.proposalSnapshot(proposalId);
  expect(await weconet.proposalSnapshot(proposalId)).to.equal(snapshot);
  const deadline = await oz.proposalDeadline(proposalId);
  await networkHelpers.time.increaseTo(snapshot + 1n - s.clockOffset);
  return { token, oz, weconet, voters, proposalId, snapshot, deadline };
}

/**
 * Sends the transactions of `sends` with automining off, then mines them in one block (at block timestamp `at`
 * if given). Thunks, so that nothing is sent before automining is off.
 */
async function inOneBlock(
  sends: (() => Promise<ContractTransactionResponse>)[],
  at?: bigint,
): Promise<ContractTransactionReceipt[]> {
  await ethers.provider.send("evm_setAutomine", [false]);
  try {
    const sent = [];
    for (const send of sends) sent.push(await send());
    if (at !== undefined) await networkHelpers.time.setNextBlockTimestamp(at);
    await networkHelpers.mine();
    const receipts = [];
    for (const tx of sent) {
      const receipt = await tx.wait();
      if (receipt === null) throw new Error("not mined");
      receipts.push(receipt);
    }
    return receipts;
  } finally {
    await ethers.provider.send("evm_setAutomine", [true]);
  }
}

/** The events `governor` emitted in `receipt`, in order. */
function emitted(governor: Harness, receipt: ContractTransactionReceipt, address: string): Emitted[] {
  return receipt.logs.flatMap((log) => {
    if (log.address !== address) return [];
    const parsed = governor.interface.parseLog(log);
    return parsed === null ? [] : [{ name: parsed.name, args: [...parsed.args] }];
  });
}

/**
 * `voter` votes `support` on both governors in the same block, at token-clock time `at`; both must emit the same
 * events and then report the same deadline and state. Returns the events (OpenZeppelin's) and the deadline.
 */
async function voteOnBoth(
  pair: Pair,
  voter: HardhatEthersSigner,
  support: number,
  at: bigint,
): Promise<{ events: Emitted[]; deadline: bigint }> {
  const { oz, weconet, proposalId } = pair;
  const gas = { gasLimit: 1_000_000n };
  const [ozReceipt, weconetReceipt] = await inOneBlock(
    [
      () => oz.connect(voter).castVote(proposalId, support, gas),
      () => weconet.connect(voter).castVote(proposalId, support, gas),
    ],
    at - (await pair.token.CLOCK_OFFSET()),
  );
  if (ozReceipt === undefined || weconetReceipt === undefined) throw new Error("a vote was not mined");
  expect(weconetReceipt.blockNumber).to.equal(ozReceipt.blockNumber);
  const events = emitted(oz, ozReceipt, await oz.getAddress());
  expect(emitted(weconet, weconetReceipt, await weconet.getAddress())).to.deep.equal(events);
  return { events, deadline: await sameView(pair) };
}

/** Both governors' deadline and state of the pair's proposal, which must agree; returns the deadline. */
async function sameView(pair: Pair): Promise<bigint> {
  const { oz, weconet, proposalId } = pair;
  const deadline = await oz.proposalDeadline(proposalId);
  expect(await weconet.proposalDeadline(proposalId)).to.equal(deadline);
  expect(await weconet.state(proposalId)).to.equal(await oz.state(proposalId));
  return deadline;
}

function extensions(events: Emitted[]): unknown[][] {
  return events.filter((e) => e.name === "ProposalExtended").map((e) => e.args);
}

/**
 * GovernorLateQuorum on its own (contracts/test/LateQuorumHarness.sol), next to OpenZeppelin's
 * GovernorPreventLateQuorum on the same token with the same settings: every vote is cast on both in the same
 * block, and both must emit the same events and report the same deadline and state. (The random sequences are in
 * test/GovernorLateQuorum.t.sol.)
 */
describe("GovernorLateQuorum next to OpenZeppelin's GovernorPreventLateQuorum", () => {
  const ext = HARNESS.extension;

  for (const [name, support] of [
    ["For", Vote.For],
    ["Abstain", Vote.Abstain],
  ] as const) {
    it(`with a quorum of zero, a ${name} vote in the final window extends the deadline`, async () => {
      const pair = await deployPair();
      const at = pair.deadline - 100n;
      const { events, deadline } = await voteOnBoth(pair, nth(pair.voters, 0), support, at);
      expect(extensions(events)).to.deep.equal([[pair.proposalId, at + ext]]);
      expect(deadline).to.equal(at + ext);
      await networkHelpers.time.increaseTo(pair.deadline + 1n);
      expect(await pair.weconet.state(pair.proposalId)).to.equal(ProposalState.Active);
      await sameView(pair);
    });
  }

  it("with a quorum of zero, the first vote extends whatever its support, and no later vote does", async () => {
    const pair = await deployPair();
    const first = await voteOnBoth(pair, nth(pair.voters, 0), Vote.Against, pair.deadline - 200n);
    expect(extensions(first.events)).to.deep.equal([[pair.proposalId, pair.deadline + 100n]]);
    const second = await voteOnBoth(pair, nth(pair.voters, 1), Vote.For, pair.deadline + 50n);
    expect(extensions(second.events)).to.deep.equal([]);
    expect(second.deadline).to.equal(pair.deadline + 100n);
  });

  it("with a quorum of zero, a first vote before the final window reaches it: a later vote inside does not extend", async () => {
    const pair = await deployPair();
    await voteOnBoth(pair, nth(pair.voters, 0), Vote.Against, pair.snapshot + 5n);
    const late = await voteOnBoth(pair, nth(pair.voters, 1), Vote.For, pair.deadline - 10n);
    expect(extensions(late.events)).to.deep.equal([]);
    expect(late.deadline).to.equal(pair.deadline);
  });

  it("with a quorum of zero, a first vote without weight before the final window reaches it as well", async () => {
    const pair = await deployPair();
    const weightless = nth(pair.voters, 4);
    expect(await pair.token.getVotes(weightless.address)).to.equal(0n);
    await voteOnBoth(pair, weightless, Vote.For, pair.snapshot + 5n);
    const late = await voteOnBoth(pair, nth(pair.voters, 1), Vote.For, pair.deadline - 10n);
    expect(extensions(late.events)).to.deep.equal([]);
    expect(late.deadline).to.equal(pair.deadline);
  });

  it("with a quorum of two, the vote that reaches it in the final window extends; Against votes never do", async () => {
    const pair = await deployPair({ quorumNumerator: 50n }); // 50% of 4 votes
    await voteOnBoth(pair, nth(pair.voters, 0), Vote.For, pair.snapshot + 5n);
    const against = await voteOnBoth(pair, nth(pair.voters, 1), Vote.Against, pair.deadline - 150n);
    expect(extensions(against.events)).to.deep.equal([]);
    const weightless = await voteOnBoth(pair, nth(pair.voters, 4), Vote.For, pair.deadline - 120n);
    expect(extensions(weightless.events)).to.deep.equal([]);
    const reaching = await voteOnBoth(pair, nth(pair.voters, 2), Vote.Abstain, pair.deadline - 100n);
    expect(extensions(reaching.events)).to.deep.equal([[pair.proposalId, pair.deadline + 200n]]);
    const after = await voteOnBoth(pair, nth(pair.voters, 3), Vote.For, pair.deadline + 150n);
    expect(extensions(after.events)).to.deep.equal([]);
    expect(after.deadline).to.equal(pair.deadline + 200n);
  });

  it("emits ProposalExtended after VoteCast, in OpenZeppelin's order", async () => {
    const pair = await deployPair();
    const { events } = await voteOnBoth(pair, nth(pair.voters, 0), Vote.For, pair.deadline - 1n);
    expect(events.map((e) => e.name)).to.deep.equal(["VoteCast", "ProposalExtended"]);
  });

  it("refuses at construction a bound beyond the voting period or beyond 7 days, even one that would overflow", async () => {
    const signers = await ethers.getSigners();
    const deployer = nth(signers, 0);
    const token = await new LateQuorumVotesToken__factory(deployer).deploy(0n);
    const factory = new WeconetLateQuorumGovernor__factory(deployer);
    const deploy = (period: bigint, max: bigint) => factory.deploy(token, 1n, period, 0n, max, 20n);
    const week = 7n * 86_400n;
    await expect(deploy(1_000n, 1_001n))
      .to.be.revertedWithCustomError(factory, "GovernorLateQuorumBoundAboveVotingPeriod")
      .withArgs(1_001n, 1_000n);
    for (const max of [week + 1n, (1n << 48n) - 1n]) {
      await expect(deploy(30n * 86_400n, max))
        .to.be.revertedWithCustomError(factory, "GovernorLateQuorumBoundTooLarge")
        .withArgs(max, week);
    }
    const longest = await deploy(week, week);
    expect(await longest.MAX_LATE_QUORUM_VOTE_EXTENSION()).to.equal(week);
  });

  it("near the end of the uint48 clock the deadline and the state never overflow", async () => {
    const UINT48_MAX = (1n << 48n) - 1n;
    const { votingDelay, votingPeriod } = HARNESS;
    // The original deadline lands 10 s before the clock's end; Weconet's bound (the voting period) reaches past it.
    const proposeAt = UINT48_MAX - 10n - votingDelay - votingPeriod;
    const now = BigInt(await networkHelpers.time.latest());
    const pair = await deployPair({
      maxExtension: votingPeriod,
      clockOffset: proposeAt - (now + 100n),
      proposeAt,
    });
    expect(pair.deadline).to.equal(UINT48_MAX - 10n);
    // Inside the final window, where clock + bound > 2^48 - 1.
    await networkHelpers.time.increaseTo(pair.deadline - 500n - (await pair.token.CLOCK_OFFSET()));
    await sameView(pair);
    const at = pair.deadline - ext + 5n; // the extension still fits in uint48
    const { events, deadline } = await voteOnBoth(pair, nth(pair.voters, 0), Vote.For, at);
    expect(extensions(events)).to.deep.equal([[pair.proposalId, at + ext]]);
    expect(deadline).to.equal(at + ext);
    await networkHelpers.time.increaseTo(deadline + 1n - (await pair.token.CLOCK_OFFSET()));
    expect(await pair.weconet.state(pair.proposalId)).to.equal(ProposalState.Succeeded);
    await sameView(pair);
  });
});
