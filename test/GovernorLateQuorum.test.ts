import { expect } from "chai";
import { encodeBytes32String } from "ethers";

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
import { networkHelpers } from "./helpers/network.js";

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
