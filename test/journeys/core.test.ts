import { expect } from "chai";
import { encodeBytes32String, id } from "ethers";

import { nth, profileHash, reason, TEST_SETTINGS } from "../helpers/deployment.js";
import { coreFixture } from "../helpers/fixtures.js";
import {
  castVotes,
  endVoting,
  propose,
  proposalOf,
  ProposalState,
  queueAndExecute,
  startVoting,
  Vote,
} from "../helpers/governance.js";
import { networkHelpers } from "../helpers/network.js";

const MARKET_FEE_BPS = encodeBytes32String("marketFeeBps");

describe("Journey: a newcomer joins, organises, votes after probation, is suspended, comes back and leaves", () => {
  it("walks the whole membership lifecycle on the real deployment, and the events tell the same story", async () => {
    const w = await coreFixture();
    const newcomer = w.outsider(0);
    const leader = nth(w.leaders, 0);
    const membership = w.membership.connect(newcomer);

    // 1. Applies with a pointer to a profile kept off-chain, and a leader admits them.
    await membership.applyForMembership(profileHash("newcomer"));
    expect(await w.membership.isActiveMember(newcomer.address)).to.equal(false);
    await w.membership.connect(leader).admit(newcomer.address);
    expect(await w.membership.isActiveMember(newcomer.address)).to.equal(true);
    // no vote yet: it counts after the probation period, so the members can react to who a leader admits
    expect(await w.membership.getVotes(newcomer.address)).to.equal(0n);

    // 2. Registers a resource: a member with a resource is an organisation.
    const bike = await w.taxonomy.attributeId("bike");
    await w.resources.connect(newcomer).register(bike, id("cargo bike, 2 seats"));
    const resourceId = await w.resources.resourceCount();
    expect(await w.resources.isAvailable(resourceId)).to.equal(true);

    // 3. After the probation period anyone activates their vote; they vote on a rule change that passes.
    await networkHelpers.time.increase(TEST_SETTINGS.probationPeriod);
    await expect(w.membership.connect(nth(w.members, 2)).activateVote(newcomer.address))
      .to.emit(w.membership, "VoteActivated")
      .withArgs(newcomer.address);
    const rulesAddress = await w.networkRules.getAddress();
    const raiseFee = proposalOf(
      [{ target: rulesAddress, data: w.networkRules.interface.encodeFunctionData("setRule", [MARKET_FEE_BPS, 250n]) }],
      "# Raise the market fee to 2.5%\n\nThe treasury funds the data socket's hosting.",
    );
    const raiseFeeId = await propose(w, raiseFee, nth(w.members, 0));
    await startVoting(w.governor, raiseFeeId);
    await castVotes(w.governor, raiseFeeId, [newcomer, nth(w.members, 0), w.manager], Vote.For);
    await castVotes(w.governor, raiseFeeId, [nth(w.members, 1)], Vote.Against);
    await endVoting(w.governor, raiseFeeId);
    await queueAndExecute(w, raiseFee);
    expect(await w.governor.state(raiseFeeId)).to.equal(ProposalState.Executed);
    expect(await w.networkRules.marketFeeBps()).to.equal(250n);

    // 4. A second vote opens; then a leader suspends the newcomer, who can no longer act (offer the resource,
    // update the profile) but keeps the vote: a suspension by a single role holder never changes who votes.
    const lowerFee = proposalOf(
      [{ target: rulesAddress, data: w.networkRules.interface.encodeFunctionData("setRule", [MARKET_FEE_BPS, 150n]) }],
      "# Lower the market fee to 1.5%\n\nHosting turned out cheaper.",
    );
    const lowerFeeId = await propose(w, lowerFee, nth(w.members, 1));
    await startVoting(w.governor, lowerFeeId);
    await w.membership.connect(leader).suspend(newcomer.address, reason("no-show"));
    await expect(w.governor.connect(newcomer).castVote(lowerFeeId, Vote.Against)).to.emit(w.governor, "VoteCast");
    expect(await w.resources.isAvailable(resourceId)).to.equal(false);
    await expect(w.resources.connect(newcomer).setActive(resourceId, false))
      .to.be.revertedWithCustomError(w.resources, "ResourcesNotActiveMember")
      .withArgs(newcomer.address);
    await expect(membership.updateProfile(profileHash("newcomer-v2")))
      .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
      .withArgs(newcomer.address, 3n);

    // 5. Reinstated: the resource is back.
    await w.membership.connect(leader).reinstate(newcomer.address);
    expect(await w.resources.isAvailable(resourceId)).to.equal(true);

    // 6. Leaves: the badge is burnt, the vote and the resource's availability end.
    await membership.leave();
    expect(await w.membership.balanceOf(newcomer.address)).to.equal(0n);
    expect(await w.membership.getVotes(newcomer.address)).to.equal(0n);
    expect(await w.resources.isAvailable(resourceId)).to.equal(false);
    const third = proposalOf(
      [{ target: rulesAddress, data: w.networkRules.interface.encodeFunctionData("setRule", [MARKET_FEE_BPS, 50n]) }],
      "# Lower the market fee to 0.5%",
    );
    await expect(propose(w, third, newcomer))
      .to.be.revertedWithCustomError(w.governor, "WeconetGovernorProposerNotActive")
      .withArgs(newcomer.address);
    await endVoting(w.governor, lowerFeeId);
    // the only vote on it was the suspended newcomer's, against
    expect(await w.governor.state(lowerFeeId)).to.equal(ProposalState.Defeated);

    // An auditor rebuilds the newcomer's story from events alone.
    const who = newcomer.address;
    const story = [
      ...(await w.membership.queryFilter(w.membership.filters.MembershipApplied(who))),
      ...(await w.membership.queryFilter(w.membership.filters.MemberAdmitted(who))),
      ...(await w.resources.queryFilter(w.resources.filters.ResourceRegistered(undefined, who))),
      ...(await w.membership.queryFilter(w.membership.filters.VoteActivated(who))),
      ...(await w.governor.queryFilter(w.governor.filters.VoteCast(who))),
      ...(await w.membership.queryFilter(w.membership.filters.MemberSuspended(who))),
      ...(await w.membership.queryFilter(w.membership.filters.MemberReinstated(who))),
      ...(await w.membership.queryFilter(w.membership.filters.MemberLeft(who))),
    ]
      .sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index)
      .map((e) => e.eventName);
    expect(story).to.deep.equal([
      "MembershipApplied",
      "MemberAdmitted",
      "ResourceRegistered",
      "VoteActivated",
      "VoteCast",
      "MemberSuspended",
      "VoteCast",
      "MemberReinstated",
      "MemberLeft",
    ]);
  });
});
