/**
 * Attacks on the members' vote by a single role holder (issue 11, points 1 to 3), each written from the
 * attacker's side: the attacker does everything their role allows, and the test asserts that the members'
 * decision holds anyway. Each of these failed on the contracts before issue 11 (suspension took votes, a newcomer
 * voted at once, any leader lifted any suspension, the manager could not be suspended).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Interface, parseEther } from "ethers";

import {
  deployWeconet,
  LEADER_ROLE,
  nth,
  profileHash,
  reason,
  TEST_SETTINGS,
  type Weconet,
} from "./helpers/deployment.js";
import { activateVotes, admitNewcomer, coreFixture } from "./helpers/fixtures.js";
import {
  castVotes,
  endVoting,
  enact,
  founders,
  propose,
  proposalOf,
  ProposalState,
  queueAndExecute,
  startVoting,
  Vote,
  type Call,
} from "./helpers/governance.js";
import { ethers, networkHelpers } from "./helpers/network.js";

/** Mirrors `Membership.Authority`. */
const Authority = { None: 0n, Leader: 1n, Manager: 2n, MembersVote: 3n } as const;

/** A call that pays `amount` from the treasury (the timelock) to `to`. */
function payout(to: string, amount: bigint): Call {
  return { target: to, data: "0x", value: amount };
}

function call(w: Weconet, fn: "suspend" | "reinstate" | "appointManager" | "remove", args: unknown[]): Promise<Call> {
  return w.membership.getAddress().then((target) => ({
    target,
    // the generic Interface: one helper for four functions of different arguments
    data: (w.membership.interface as Interface).encodeFunctionData(fn, args),
  }));
}

async function fundTreasury(w: Weconet, amount: bigint): Promise<void> {
  await (await w.deployer.sendTransaction({ to: await w.timelock.getAddress(), value: amount })).wait();
}

/** Suspends every account in `victims` as `attacker`, one transaction each. */
async function suspendAll(w: Weconet, attacker: HardhatEthersSigner, victims: readonly HardhatEthersSigner[]) {
  for (const v of victims) await (await w.membership.connect(attacker).suspend(v.address, reason("attack"))).wait();
}

describe("Attacks on the members' vote by a single role holder", () => {
  describe("point 1: a suspension stops a member acting, never voting", () => {
    it("the manager suspends every other member during the voting delay to pay themselves the treasury: the members still vote it down", async () => {
      const w = await coreFixture();
      await fundTreasury(w, parseEther("10"));
      const treasury = await ethers.provider.getBalance(await w.timelock.getAddress());
      const attacker = w.manager;
      const others = founders(w).filter((f) => f.address !== attacker.address);
      const p = proposalOf([payout(attacker.address, parseEther("10"))], "# Pay the manager\n\nFor their work.");
      const proposalId = await propose(w, p, attacker);
      await suspendAll(w, attacker, others); // before the snapshot
      await startVoting(w.governor, proposalId);
      await castVotes(w.governor, proposalId, [attacker], Vote.For);
      // the victims, suspended, still hold the votes they had at the snapshot
      await castVotes(w.governor, proposalId, others, Vote.Against);
      await endVoting(w.governor, proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Defeated);
      expect(await ethers.provider.getBalance(await w.timelock.getAddress())).to.equal(treasury);
    });

    it("the manager suspends every other member during the voting delay of their replacement: the replacement passes", async () => {
      const w = await coreFixture();
      const attacker = w.manager;
      const successor = nth(w.leaders, 1);
      const others = founders(w).filter((f) => f.address !== attacker.address);
      // the members' vote lifts the manager's suspension of the successor (a higher authority) and appoints them
      const p = proposalOf(
        [await call(w, "reinstate", [successor.address]), await call(w, "appointManager", [successor.address])],
        "# New manager\n\nBob.",
      );
      const proposalId = await propose(w, p, nth(w.members, 0));
      await suspendAll(w, attacker, others);
      await startVoting(w.governor, proposalId);
      await castVotes(w.governor, proposalId, [attacker], Vote.Against);
      await castVotes(w.governor, proposalId, others, Vote.For);
      await endVoting(w.governor, proposalId);
      await queueAndExecute(w, p);
      expect(await w.membership.manager()).to.equal(successor.address);
    });

    it("a leader suspends every non-leader during the voting delay of their removal: the removal passes", async () => {
      const w = await coreFixture();
      const attacker = nth(w.leaders, 0);
      const nonLeaders = [w.developer, ...w.members];
      const p = proposalOf([await call(w, "remove", [attacker.address, reason("abuse")])], "# Remove Alice\n\nAbuse.");
      const proposalId = await propose(w, p, nth(w.members, 0));
      await suspendAll(w, attacker, nonLeaders);
      await startVoting(w.governor, proposalId);
      await castVotes(w.governor, proposalId, [attacker], Vote.Against);
      await castVotes(w.governor, proposalId, nonLeaders, Vote.For);
      await endVoting(w.governor, proposalId);
      await queueAndExecute(w, p);
      expect(await w.membership.statusOf(attacker.address)).to.equal(4n); // Removed
    });

    it("a suspended member cannot propose, but their vote counts on the proposals of others", async () => {
      const w = await coreFixture();
      const victim = nth(w.members, 1);
      await suspendAll(w, nth(w.leaders, 0), [victim]);
      const p = proposalOf([payout(victim.address, 0n)], "# Nothing\n\nA test.");
      await expect(w.governor.connect(victim).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.governor, "WeconetGovernorProposerNotActive")
        .withArgs(victim.address);
      const proposalId = await propose(w, p, nth(w.members, 0));
      await startVoting(w.governor, proposalId);
      await expect(w.governor.connect(victim).castVote(proposalId, Vote.For))
        .to.emit(w.governor, "VoteCast")
        .withArgs(victim.address, proposalId, Vote.For, 1n, "");
    });
  });

  describe("point 2: a leader cannot manufacture voters", () => {
    it("a leader admits many accounts to outvote everyone: their votes do not count within the probation period", async () => {
      const w = await coreFixture();
      await fundTreasury(w, parseEther("10"));
      const attacker = nth(w.leaders, 0);
      const sockPuppets = Array.from({ length: 10 }, (_, i) => w.outsider(i));
      for (const [i, puppet] of sockPuppets.entries()) await admitNewcomer(w, puppet, `puppet-${i}`);
      const p = proposalOf([payout(attacker.address, parseEther("10"))], "# Pay Alice\n\nShe deserves it.");
      const proposalId = await propose(w, p, attacker);
      await startVoting(w.governor, proposalId);
      await castVotes(w.governor, proposalId, [attacker], Vote.For);
      for (const puppet of sockPuppets) {
        await expect(w.governor.connect(puppet).castVote(proposalId, Vote.For))
          .to.be.revertedWithCustomError(w.governor, "WeconetGovernorNoVotingPower")
          .withArgs(puppet.address);
      }
      const others = founders(w).filter((f) => f.address !== attacker.address);
      await castVotes(w.governor, proposalId, others, Vote.Against);
      await endVoting(w.governor, proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Defeated);
      // and a puppet cannot activate its vote before the probation ends, whoever asks
      const due = (await w.membership.memberSince(nth(sockPuppets, 0).address)) + BigInt(TEST_SETTINGS.probationPeriod);
      await expect(w.membership.connect(attacker).activateVote(nth(sockPuppets, 0).address))
        .to.be.revertedWithCustomError(w.membership, "MembershipProbationNotOver")
        .withArgs(nth(sockPuppets, 0).address, due);
    });

    it("the members see the admissions and remove the leader before the puppets' votes count", async () => {
      const w = await coreFixture();
      const attacker = nth(w.leaders, 0);
      const puppets = [w.outsider(0), w.outsider(1)];
      for (const [i, puppet] of puppets.entries()) await admitNewcomer(w, puppet, `puppet-${i}`);
      const admitted = await w.membership.queryFilter(w.membership.filters.MemberAdmitted(undefined, attacker.address));
      expect(admitted.map((e) => e.args.member)).to.deep.equal(puppets.map((p) => p.address));
      await enact(
        w,
        [
          await call(w, "remove", [attacker.address, reason("puppets")]),
          ...(await Promise.all(puppets.map((p) => call(w, "remove", [p.address, reason("puppet")])))),
        ],
        "# Remove Alice and her puppets",
      );
      for (const puppet of puppets) {
        await expect(w.membership.activateVote(puppet.address))
          .to.be.revertedWithCustomError(w.membership, "MembershipNotMember")
          .withArgs(puppet.address);
      }
    });

    it("a leader admits more than the cap per probation period: refused until the window resets", async () => {
      const w = await deployWeconet({ admissionsPerLeader: 2 });
      const attacker = nth(w.leaders, 0);
      const accounts = [0, 1, 2].map((i) => w.outsider(i));
      for (const [i, a] of accounts.entries()) {
        await (await w.membership.connect(a).applyForMembership(profileHash(`a-${i}`))).wait();
      }
      await (await w.membership.connect(attacker).admit(nth(accounts, 0).address)).wait();
      const windowStart = BigInt(await networkHelpers.time.latest());
      await (await w.membership.connect(attacker).admit(nth(accounts, 1).address)).wait();
      const resetsAt = windowStart + BigInt(TEST_SETTINGS.probationPeriod);
      await expect(w.membership.connect(attacker).admit(nth(accounts, 2).address))
        .to.be.revertedWithCustomError(w.membership, "MembershipAdmissionLimitReached")
        .withArgs(attacker.address, resetsAt);
      // another leader's window is their own
      await expect(w.membership.connect(nth(w.leaders, 1)).admit(nth(accounts, 2).address)).to.emit(
        w.membership,
        "MemberAdmitted",
      );
      await networkHelpers.time.increaseTo(resetsAt);
      await (await w.membership.connect(w.outsider(3)).applyForMembership(profileHash("a-3"))).wait();
      await expect(w.membership.connect(attacker).admit(w.outsider(3).address)).to.emit(w.membership, "MemberAdmitted");
    });
  });

  describe("point 3: a suspension is lifted only by the same or a higher authority", () => {
    it("a leader (or the manager) lifts a suspension the members' vote imposed: refused", async () => {
      const w = await coreFixture();
      const victim = nth(w.members, 0);
      await enact(w, [await call(w, "suspend", [victim.address, reason("fraud")])], "# Suspend Dave");
      expect(await w.membership.suspensionAuthority(victim.address)).to.equal(Authority.MembersVote);
      for (const attacker of [nth(w.leaders, 0), w.manager]) {
        await expect(w.membership.connect(attacker).reinstate(victim.address))
          .to.be.revertedWithCustomError(w.membership, "MembershipSuspendedByHigherAuthority")
          .withArgs(victim.address, Authority.MembersVote);
      }
      expect(await w.membership.isActiveMember(victim.address)).to.equal(false);
    });

    it("a leader lifts the manager's suspension of a member: refused; the manager may raise a leader's suspension", async () => {
      const w = await coreFixture();
      const [victim, leader] = [nth(w.members, 0), nth(w.leaders, 0)];
      await suspendAll(w, w.manager, [victim]);
      await expect(w.membership.connect(leader).reinstate(victim.address))
        .to.be.revertedWithCustomError(w.membership, "MembershipSuspendedByHigherAuthority")
        .withArgs(victim.address, Authority.Manager);
      // a leader's suspension: another leader cannot re-suspend it (same level), the manager raises it
      const other = nth(w.members, 1);
      await suspendAll(w, leader, [other]);
      await expect(w.membership.connect(nth(w.leaders, 1)).suspend(other.address, reason("again")))
        .to.be.revertedWithCustomError(w.membership, "MembershipAlreadySuspended")
        .withArgs(other.address, Authority.Leader);
      await expect(w.membership.connect(w.manager).suspend(other.address, reason("serious")))
        .to.emit(w.membership, "MemberSuspended")
        .withArgs(other.address, w.manager.address, Authority.Manager, reason("serious"));
      await expect(w.membership.connect(leader).reinstate(other.address)).to.be.revertedWithCustomError(
        w.membership,
        "MembershipSuspendedByHigherAuthority",
      );
      await expect(w.membership.connect(w.manager).reinstate(other.address))
        .to.emit(w.membership, "MemberReinstated")
        .withArgs(other.address, w.manager.address);
    });
  });

  describe("the manager answers to the members' vote", () => {
    it("the members' vote suspends the manager, who can no longer act, and appoints a successor", async () => {
      const w = await coreFixture();
      const [oldManager, successor] = [w.manager, nth(w.leaders, 1)];
      await enact(
        w,
        [
          await call(w, "suspend", [oldManager.address, reason("abuse")]),
          await call(w, "appointManager", [successor.address]),
        ],
        "# Suspend and replace the manager",
      );
      expect(await w.membership.statusOf(oldManager.address)).to.equal(3n); // Suspended
      expect(await w.membership.manager()).to.equal(successor.address);
      // the old manager cannot suspend anyone any more, nor lift their own suspension
      await expect(w.membership.connect(oldManager).suspend(nth(w.members, 0).address, reason("revenge")))
        .to.be.revertedWithCustomError(w.membership, "AccessControlUnauthorizedAccount")
        .withArgs(oldManager.address, LEADER_ROLE);
      await expect(w.membership.connect(oldManager).reinstate(oldManager.address))
        .to.be.revertedWithCustomError(w.membership, "AccessControlUnauthorizedAccount")
        .withArgs(oldManager.address, LEADER_ROLE);
      // their vote counts still (a suspension takes no vote); the members may remove them now
      expect(await w.membership.getVotes(oldManager.address)).to.equal(1n);
      await enact(w, [await call(w, "remove", [oldManager.address, reason("abuse")])], "# Remove the old manager");
      expect(await w.membership.getVotes(oldManager.address)).to.equal(0n);
    });

    it("neither a leader nor the manager themselves can suspend the manager", async () => {
      const w = await coreFixture();
      for (const attacker of [nth(w.leaders, 0), w.manager]) {
        await expect(w.membership.connect(attacker).suspend(w.manager.address, reason("x")))
          .to.be.revertedWithCustomError(w.membership, "AccessControlUnauthorizedAccount")
          .withArgs(attacker.address, "0x" + "00".repeat(32));
      }
    });
  });

  it("a vote activation needs nobody's permission: a suspended newcomer's vote is activated by anyone when due", async () => {
    const w = await coreFixture();
    const newcomer = w.outsider(0);
    await admitNewcomer(w, newcomer, "newcomer");
    await suspendAll(w, nth(w.leaders, 0), [newcomer]);
    await networkHelpers.time.increase(TEST_SETTINGS.probationPeriod);
    await expect(w.membership.connect(w.outsider(5)).activateVote(newcomer.address))
      .to.emit(w.membership, "VoteActivated")
      .withArgs(newcomer.address)
      .and.to.emit(w.membership, "DelegateVotesChanged")
      .withArgs(newcomer.address, 0n, 1n);
    expect(await w.membership.getVotes(newcomer.address)).to.equal(1n);
    // and the helper works for the others
    await admitNewcomer(w, w.outsider(1), "second");
    await activateVotes(w, [w.outsider(1)]);
    expect(await w.membership.getVotes(w.outsider(1).address)).to.equal(1n);
  });
});
