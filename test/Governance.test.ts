import { expect } from "chai";
import { encodeBytes32String, toBeHex, Wallet, ZeroAddress, ZeroHash } from "ethers";

import {
  ERC1271Wallet__factory,
  Membership__factory,
  NetworkRules__factory,
  WeconetGovernor__factory,
  WeconetTimelock__factory,
} from "../typechain-types/index.js";
import { signingWallet } from "./helpers/accounts.js";
import {
  DEFAULT_ADMIN_ROLE,
  deployWeconet,
  LEADER_ROLE,
  MANAGER_ROLE,
  nth,
  profileHash,
  reason,
  TEST_SETTINGS,
  type Weconet,
} from "./helpers/deployment.js";
import { activateVotes, admitNewcomer, admitVoter, applicantAndSuspended, coreFixture } from "./helpers/fixtures.js";
import {
  CANCELLER_ROLE,
  castVotes,
  enact,
  EXECUTOR_ROLE,
  PROPOSER_ROLE,
  endVoting,
  founders,
  propose,
  proposalOf,
  ProposalState,
  queueAndExecute,
  signBallot,
  startVoting,
  Vote,
  type Call,
  type Proposal,
} from "./helpers/governance.js";
import { ethers, networkHelpers } from "./helpers/network.js";

const MARKET_FEE_BPS = encodeBytes32String("marketFeeBps");
const RULE_CHANGE = "# Raise the market fee to 2.5%\n\nThe treasury needs to fund the data socket's hosting.";

function ruleChange(w: Weconet, fee = 250n): Promise<Call> {
  return w.networkRules.getAddress().then((target) => ({
    target,
    data: w.networkRules.interface.encodeFunctionData("setRule", [MARKET_FEE_BPS, fee]),
  }));
}

/** Proposes `calls` as the first plain member and opens voting; returns the proposal and its id. */
async function openVote(w: Weconet, calls: Call[], description = RULE_CHANGE): Promise<[Proposal, bigint]> {
  const p = proposalOf(calls, description);
  const proposalId = await propose(w, p, nth(w.members, 0));
  await startVoting(w.governor, proposalId);
  return [p, proposalId];
}

/** Everyone but the manager votes for, then the vote closes: the proposal succeeds. */
async function passVote(w: Weconet, proposalId: bigint): Promise<void> {
  await castVotes(w.governor, proposalId, founders(w).slice(1), Vote.For);
  await endVoting(w.governor, proposalId);
}

describe("Governance", () => {
  describe("the governor and its timelock as deployed", () => {
    it("has the configured settings, the membership's clock and simple counting", async () => {
      const w = await coreFixture();
      expect(await w.governor.name()).to.equal("Weconet");
      expect(await w.governor.version()).to.equal("1");
      expect(await w.governor.votingDelay()).to.equal(BigInt(TEST_SETTINGS.votingDelay));
      expect(await w.governor.votingPeriod()).to.equal(BigInt(TEST_SETTINGS.votingPeriod));
      expect(await w.governor.proposalThreshold()).to.equal(1n);
      expect(await w.governor["quorumNumerator()"]()).to.equal(BigInt(TEST_SETTINGS.quorumPercent));
      expect(await w.governor.quorumDenominator()).to.equal(100n);
      expect(await w.governor.lateQuorumVoteExtension()).to.equal(BigInt(TEST_SETTINGS.lateQuorumExtension));
      expect(await w.governor.token()).to.equal(await w.membership.getAddress());
      expect(await w.governor.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await w.governor.clock()).to.equal(await w.membership.clock());
      expect(await w.governor.COUNTING_MODE()).to.equal("support=bravo&quorum=for,abstain");
      expect(await w.governor.timelock()).to.equal(await w.timelock.getAddress());
    });

    it("computes the quorum as a share of the votes at the snapshot, rounded up (newcomers count once activated)", async () => {
      const w = await coreFixture();
      await networkHelpers.mine();
      const before = BigInt(await networkHelpers.time.latest());
      const newcomers = [0, 1, 2].map((i) => w.outsider(i));
      for (const [i, n] of newcomers.entries()) await admitNewcomer(w, n, `newcomer-${i}`);
      await networkHelpers.mine();
      // on probation: no votes yet, so the quorum's basis is still the 7 founders
      expect(await w.governor.quorum(BigInt(await networkHelpers.time.latest()) - 1n)).to.equal(
        await w.governor.quorum(before),
      );
      await activateVotes(w, newcomers);
      await networkHelpers.mine();
      // 7 founders: 20% is 1.4, rounded up; 10 members: 2
      expect(await w.governor.quorum(before)).to.equal(2n);
      expect(await w.governor.quorum(BigInt(await networkHelpers.time.latest()) - 1n)).to.equal(2n);
    });

    it("the timelock holds the treasury; the governor refuses deposits", async () => {
      const w = await coreFixture();
      const timelock = await w.timelock.getAddress();
      const before = await ethers.provider.getBalance(timelock);
      await w.deployer.sendTransaction({ to: timelock, value: 10n ** 18n });
      expect(await ethers.provider.getBalance(timelock)).to.equal(before + 10n ** 18n);
      await expect(
        w.deployer.sendTransaction({ to: await w.governor.getAddress(), value: 1n }),
      ).to.be.revertedWithCustomError(w.governor, "GovernorDisabledDeposit");
    });

    it("the governor is the only proposer and canceller, anyone executes, the deployer holds nothing", async () => {
      const w = await coreFixture();
      const [governor, timelock] = [await w.governor.getAddress(), await w.timelock.getAddress()];
      expect(await w.timelock.hasRole(PROPOSER_ROLE, governor)).to.equal(true);
      expect(await w.timelock.hasRole(CANCELLER_ROLE, governor)).to.equal(true);
      expect(await w.timelock.hasRole(EXECUTOR_ROLE, ZeroAddress)).to.equal(true);
      expect(await w.timelock.hasRole(DEFAULT_ADMIN_ROLE, timelock)).to.equal(true);
      for (const role of [DEFAULT_ADMIN_ROLE, PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE]) {
        for (const account of [w.deployer, ...founders(w)]) {
          expect(await w.timelock.hasRole(role, account.address), `${role} of ${account.address}`).to.equal(false);
        }
      }
      const granted = await w.timelock.queryFilter(w.timelock.filters.RoleGranted(), 0);
      const proposers = granted.filter((e) => e.args.role === PROPOSER_ROLE).map((e) => e.args.account);
      expect(proposers).to.deep.equal([governor]);
      expect(await w.timelock.getMinDelay()).to.equal(BigInt(TEST_SETTINGS.timelockMinDelay));
    });
  });

  describe("a proposal that passes is queued in and executed by the timelock", () => {
    it("a rule change: every state from pending to executed, with its events", async () => {
      const w = await coreFixture();
      const p = proposalOf([await ruleChange(w)], RULE_CHANGE);
      const proposer = nth(w.members, 0);
      await expect(w.governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description)).to.emit(
        w.governor,
        "ProposalCreated",
      );
      const proposalId = await w.governor.hashProposal(p.targets, p.values, p.calldatas, p.descriptionHash);
      expect(await w.governor.proposalProposer(proposalId)).to.equal(proposer.address);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Pending);
      expect(await w.governor.proposalNeedsQueuing(proposalId)).to.equal(true);

      await startVoting(w.governor, proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Active);
      await expect(w.governor.connect(w.developer).castVoteWithReason(proposalId, Vote.For, "Hosting must be paid."))
        .to.emit(w.governor, "VoteCast")
        .withArgs(w.developer.address, proposalId, Vote.For, 1n, "Hosting must be paid.");
      await castVotes(w.governor, proposalId, [proposer, nth(w.members, 1)], Vote.For);
      await castVotes(w.governor, proposalId, [nth(w.members, 2)], Vote.Against);
      await castVotes(w.governor, proposalId, [w.manager], Vote.Abstain);
      expect(await w.governor.proposalVotes(proposalId)).to.deep.equal([1n, 3n, 1n]);
      expect(await w.governor.hasVoted(proposalId, w.manager.address)).to.equal(true);
      await expect(w.governor.connect(w.manager).castVote(proposalId, Vote.For))
        .to.be.revertedWithCustomError(w.governor, "GovernorAlreadyCastVote")
        .withArgs(w.manager.address);

      await endVoting(w.governor, proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Succeeded);
      await expect(
        w.governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash),
      ).to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState");
      await expect(w.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.emit(w.governor, "ProposalQueued")
        .and.to.emit(w.timelock, "CallScheduled");
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Queued);
      // not before the timelock's delay
      await expect(
        w.governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash),
      ).to.be.revertedWithCustomError(w.timelock, "TimelockUnexpectedOperationState");
      await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay);
      await expect(w.governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.emit(w.governor, "ProposalExecuted")
        .withArgs(proposalId)
        .and.to.emit(w.timelock, "CallExecuted")
        .and.to.emit(w.networkRules, "RuleChanged")
        .withArgs(MARKET_FEE_BPS, 100n, 250n);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Executed);
      expect(await w.networkRules.marketFeeBps()).to.equal(250n);
      await expect(
        w.governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash),
      ).to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState");
    });

    it("anyone may execute the queued operation on the timelock directly; the proposal then reads executed", async () => {
      const w = await coreFixture();
      const [p, proposalId] = await openVote(w, [await ruleChange(w)]);
      await passVote(w, proposalId);
      await w.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash);
      await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay);
      const salt = await w.governor.getAddress().then((g) => {
        // GovernorTimelockControl salts the operation with the governor's address and the description hash
        const governorBytes = BigInt(g) << 96n;
        return "0x" + (governorBytes ^ BigInt(p.descriptionHash)).toString(16).padStart(64, "0");
      });
      await expect(
        w.timelock.connect(w.outsider(0)).executeBatch(p.targets, p.values, p.calldatas, ZeroHash, salt),
      ).to.emit(w.networkRules, "RuleChanged");
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Executed);
    });

    it("a leader appointment", async () => {
      const w = await coreFixture();
      const next = nth(w.members, 2);
      const call = {
        target: await w.membership.getAddress(),
        data: w.membership.interface.encodeFunctionData("grantRole", [LEADER_ROLE, next.address]),
      };
      const [p, proposalId] = await openVote(w, [call], "# Appoint a leader\n\nMember 2 leads the couriers.");
      await passVote(w, proposalId);
      await queueAndExecute(w, p);
      const granted = await w.membership.queryFilter(w.membership.filters.RoleGranted(LEADER_ROLE, next.address));
      expect(granted.map((e) => e.args.sender)).to.deep.equal([await w.timelock.getAddress()]);
      expect(await w.membership.hasActiveRole(LEADER_ROLE, next.address)).to.equal(true);
    });

    it("a member's removal", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 2);
      const call = {
        target: await w.membership.getAddress(),
        data: w.membership.interface.encodeFunctionData("remove", [member.address, reason("fraud")]),
      };
      const [p, proposalId] = await openVote(w, [call], "# Remove member 2\n\nRepeated fraud, see dispute 7.");
      await passVote(w, proposalId);
      await queueAndExecute(w, p);
      const removed = await w.membership.queryFilter(w.membership.filters.MemberRemoved(member.address));
      expect(removed.map((e) => e.args.reason)).to.deep.equal([reason("fraud")]);
      expect(await w.membership.statusOf(member.address)).to.equal(4n);
    });

    it("a taxonomy addition", async () => {
      const w = await coreFixture();
      const vehicle = await w.taxonomy.attributeId("vehicle");
      const input = { name: "cargo_bike", domain: 1, dataType: 0, parent: vehicle };
      const call = {
        target: await w.taxonomy.getAddress(),
        data: w.taxonomy.interface.encodeFunctionData("addAttribute", [input]),
      };
      const [p, proposalId] = await openVote(w, [call], "# Add cargo bikes\n\nA class under vehicle.");
      await passVote(w, proposalId);
      await queueAndExecute(w, p);
      const newId = await w.taxonomy.attributeId("cargo_bike");
      expect(newId).to.equal(await w.taxonomy.attributeCount());
      expect((await w.taxonomy.attribute(newId)).parent).to.equal(vehicle);
    });

    it("a manager appointment", async () => {
      const w = await coreFixture();
      const next = nth(w.leaders, 0);
      const call = {
        target: await w.membership.getAddress(),
        data: w.membership.interface.encodeFunctionData("appointManager", [next.address]),
      };
      const [p, proposalId] = await openVote(w, [call], "# New manager\n\nLeader A takes over.");
      await passVote(w, proposalId);
      await queueAndExecute(w, p);
      expect(await w.membership.manager()).to.equal(next.address);
    });
  });

  describe("a proposal that fails", () => {
    it("is defeated when more vote against than for, and cannot be queued", async () => {
      const w = await coreFixture();
      const [p, proposalId] = await openVote(w, [await ruleChange(w)]);
      await castVotes(w.governor, proposalId, [nth(w.members, 0), nth(w.members, 1)], Vote.For);
      await castVotes(w.governor, proposalId, [w.manager, ...w.leaders], Vote.Against);
      await endVoting(w.governor, proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Defeated);
      await expect(w.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(proposalId, ProposalState.Defeated, toBeHex(1n << ProposalState.Succeeded, 32));
    });

    it("is defeated when a tie", async () => {
      const w = await coreFixture();
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      await castVotes(w.governor, proposalId, [nth(w.members, 0)], Vote.For);
      await castVotes(w.governor, proposalId, [nth(w.members, 1)], Vote.Against);
      await endVoting(w.governor, proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Defeated);
    });

    it("is defeated when the quorum is not reached, even with only votes for", async () => {
      const w = await networkHelpers.loadFixture(deployWithHalfQuorum);
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      const snapshot = await w.governor.proposalSnapshot(proposalId);
      expect(await w.governor.quorum(snapshot)).to.equal(4n); // half of 7 members, rounded up
      await castVotes(w.governor, proposalId, [nth(w.members, 2)], Vote.Abstain);
      await castVotes(w.governor, proposalId, [nth(w.members, 0), nth(w.members, 1)], Vote.For);
      await endVoting(w.governor, proposalId);
      expect(await w.governor.proposalVotes(proposalId)).to.deep.equal([0n, 2n, 1n]);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Defeated);
    });

    it("succeeds once abstentions bring it to quorum", async () => {
      const w = await networkHelpers.loadFixture(deployWithHalfQuorum);
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      await castVotes(w.governor, proposalId, [nth(w.members, 0), nth(w.members, 1)], Vote.For);
      await castVotes(w.governor, proposalId, [nth(w.members, 2), w.developer], Vote.Abstain);
      await endVoting(w.governor, proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Succeeded);
    });
  });

  describe("late quorum", () => {
    it("a quorum reached near the end extends the deadline", async () => {
      const w = await coreFixture();
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      await castVotes(w.governor, proposalId, [nth(w.members, 1)], Vote.For); // one short of quorum (2 of 7)
      const deadline = await w.governor.proposalDeadline(proposalId);
      const lateVoteAt = deadline - 10n;
      await networkHelpers.time.setNextBlockTimestamp(lateVoteAt);
      const extended = lateVoteAt + BigInt(TEST_SETTINGS.lateQuorumExtension);
      await expect(w.governor.connect(nth(w.members, 0)).castVote(proposalId, Vote.For))
        .to.emit(w.governor, "ProposalExtended")
        .withArgs(proposalId, extended);
      expect(await w.governor.proposalDeadline(proposalId)).to.equal(extended);
      // the original deadline passes, and others can still react
      await networkHelpers.time.increaseTo(deadline + 100n);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Active);
      await castVotes(w.governor, proposalId, [w.manager, ...w.leaders], Vote.Against);
      await networkHelpers.time.increaseTo(extended + 1n);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Defeated);
    });

    it("a quorum reached early leaves the deadline as it was", async () => {
      const w = await coreFixture();
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      const deadline = await w.governor.proposalDeadline(proposalId);
      await castVotes(w.governor, proposalId, [nth(w.members, 1)], Vote.For);
      await expect(w.governor.connect(nth(w.members, 0)).castVote(proposalId, Vote.For)).not.to.emit(
        w.governor,
        "ProposalExtended",
      );
      expect(await w.governor.proposalDeadline(proposalId)).to.equal(deadline);
    });

    it("votes against do not count towards quorum and do not extend", async () => {
      const w = await coreFixture();
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      const deadline = await w.governor.proposalDeadline(proposalId);
      await networkHelpers.time.setNextBlockTimestamp(deadline - 10n);
      await expect(w.governor.connect(nth(w.members, 0)).castVote(proposalId, Vote.Against)).not.to.emit(
        w.governor,
        "ProposalExtended",
      );
      expect(await w.governor.proposalDeadline(proposalId)).to.equal(deadline);
    });
  });

  describe("quorum: rounded up, at least one vote", () => {
    /** Quorum percent → the expected quorum with 1, 2, …, 10 members (ceil(n × percent / 100), at least 1). */
    const EXPECTED: Record<number, bigint[]> = {
      0: [1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n],
      20: [1n, 1n, 1n, 1n, 1n, 2n, 2n, 2n, 2n, 2n],
      33: [1n, 1n, 1n, 2n, 2n, 2n, 3n, 3n, 3n, 4n],
      50: [1n, 1n, 2n, 2n, 3n, 3n, 4n, 4n, 5n, 5n],
      100: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n],
    };

    it("with 1 to 10 members: the exact quorum for 0%, 20%, 33%, 50% and 100%", async () => {
      const signers = await ethers.getSigners();
      const deployer = nth(signers, 0);
      for (let members = 1; members <= 10; members++) {
        const founders = signers.slice(1, 1 + members).map((s, i) => ({
          account: s.address,
          profile: profileHash(`quorum-${members}-${i}`),
          role: i === 0 ? MANAGER_ROLE : DEFAULT_ADMIN_ROLE,
        }));
        const rules = await new NetworkRules__factory(deployer).deploy(deployer.address, TEST_SETTINGS);
        const membership = await new Membership__factory(deployer).deploy(deployer.address, rules, founders);
        const timelock = await new WeconetTimelock__factory(deployer).deploy(60n, [], [ZeroAddress], ZeroAddress);
        const governors = [];
        for (const [percent, expected] of Object.entries(EXPECTED)) {
          const governor = await new WeconetGovernor__factory(deployer).deploy(membership, timelock, {
            ...governorSettings(),
            quorumPercent: Number(percent),
          });
          governors.push({ governor, percent, expected });
        }
        // The snapshot is after every deployment: the quorum fraction has no value before its governor existed.
        await networkHelpers.mine();
        const snapshot = BigInt(await networkHelpers.time.latest()) - 1n;
        expect(await membership.getPastTotalSupply(snapshot)).to.equal(BigInt(members));
        for (const { governor, percent, expected } of governors) {
          expect(await governor.quorum(snapshot), `${members} members, ${percent}%`).to.equal(
            nth(expected, members - 1),
          );
        }
      }
    });

    it("attack: a single member of seven cannot pass a proposal alone (20% of 7 is 1.4: two votes)", async () => {
      const w = await coreFixture();
      const attacker = nth(w.members, 0);
      const [p, proposalId] = await openVote(w, [await ruleChange(w, 1_000n)]);
      expect(await w.governor.quorum(await w.governor.proposalSnapshot(proposalId))).to.equal(2n);
      await castVotes(w.governor, proposalId, [attacker], Vote.For);
      await endVoting(w.governor, proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Defeated);
      await expect(w.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash)).to.be.revertedWithCustomError(
        w.governor,
        "GovernorUnexpectedProposalState",
      );
    });

    it("with quorum 0% a proposal still needs a vote for or an abstention", async () => {
      const w = await networkHelpers.loadFixture(deployWithZeroQuorum);
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      expect(await w.governor.quorum(await w.governor.proposalSnapshot(proposalId))).to.equal(1n);
      await castVotes(w.governor, proposalId, [nth(w.members, 0)], Vote.Against);
      await endVoting(w.governor, proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Defeated);
    });
  });

  describe("the governor's and the timelock's bounds (VotingBounds)", () => {
    const DAY = 86_400n;
    const MAX_VOTING_DELAY = 7n * DAY;
    const MAX_VOTING_PERIOD = 14n * DAY;
    const MAX_LATE_QUORUM_EXTENSION = 7n * DAY;
    const MAX_TIMELOCK_DELAY = 7n * DAY;
    const UINT48_MAX = (1n << 48n) - 1n;
    const UINT32_MAX = (1n << 32n) - 1n;

    async function deployGovernor(w: Weconet, settings: Partial<GovernorSettings>) {
      return new WeconetGovernor__factory(w.deployer).deploy(w.membership, w.timelock, {
        ...governorSettings(),
        ...settings,
      });
    }

    it("the longest voting delay, voting period and late-quorum bound are accepted at construction", async () => {
      const w = await coreFixture();
      const governor = await deployGovernor(w, {
        votingDelay: MAX_VOTING_DELAY,
        votingPeriod: MAX_VOTING_PERIOD,
        lateQuorumExtension: MAX_LATE_QUORUM_EXTENSION,
        maxLateQuorumExtension: MAX_LATE_QUORUM_EXTENSION,
      });
      expect(await governor.votingDelay()).to.equal(MAX_VOTING_DELAY);
      expect(await governor.votingPeriod()).to.equal(MAX_VOTING_PERIOD);
      expect(await governor.MAX_LATE_QUORUM_VOTE_EXTENSION()).to.equal(MAX_LATE_QUORUM_EXTENSION);
    });

    it("a voting delay or period beyond the bounds is refused at construction, up to the largest values", async () => {
      const w = await coreFixture();
      const factory = new WeconetGovernor__factory(w.deployer);
      for (const votingDelay of [MAX_VOTING_DELAY + 1n, UINT48_MAX]) {
        await expect(deployGovernor(w, { votingDelay }))
          .to.be.revertedWithCustomError(factory, "WeconetGovernorVotingDelayTooLong")
          .withArgs(votingDelay, MAX_VOTING_DELAY);
      }
      for (const votingPeriod of [MAX_VOTING_PERIOD + 1n, UINT32_MAX]) {
        await expect(deployGovernor(w, { votingPeriod }))
          .to.be.revertedWithCustomError(factory, "WeconetGovernorVotingPeriodTooLong")
          .withArgs(votingPeriod, MAX_VOTING_PERIOD);
      }
    });

    it("a late-quorum bound beyond the voting period or beyond 7 days is refused at construction", async () => {
      const w = await coreFixture();
      const factory = new WeconetGovernor__factory(w.deployer);
      const period = BigInt(TEST_SETTINGS.votingPeriod);
      await expect(deployGovernor(w, { maxLateQuorumExtension: period + 1n }))
        .to.be.revertedWithCustomError(factory, "GovernorLateQuorumBoundAboveVotingPeriod")
        .withArgs(period + 1n, period);
      for (const maxLateQuorumExtension of [MAX_LATE_QUORUM_EXTENSION + 1n, UINT48_MAX]) {
        await expect(deployGovernor(w, { votingPeriod: MAX_VOTING_PERIOD, maxLateQuorumExtension }))
          .to.be.revertedWithCustomError(factory, "GovernorLateQuorumBoundTooLarge")
          .withArgs(maxLateQuorumExtension, MAX_LATE_QUORUM_EXTENSION);
      }
    });

    it("the members' vote may set the longest voting delay and period, and not beyond", async () => {
      const w = await coreFixture();
      const governor = await w.governor.getAddress();
      const call = (fn: "setVotingDelay" | "setVotingPeriod", value: bigint): Call => ({
        target: governor,
        data:
          fn === "setVotingDelay"
            ? w.governor.interface.encodeFunctionData("setVotingDelay", [value])
            : w.governor.interface.encodeFunctionData("setVotingPeriod", [value]),
      });
      await enact(
        w,
        [call("setVotingDelay", MAX_VOTING_DELAY), call("setVotingPeriod", MAX_VOTING_PERIOD)],
        "# Voting: the longest delay and period\n\nMore time to read and to vote.",
      );
      expect(await w.governor.votingDelay()).to.equal(MAX_VOTING_DELAY);
      expect(await w.governor.votingPeriod()).to.equal(MAX_VOTING_PERIOD);

      const tooLong: [Call, string, bigint][] = [
        [call("setVotingDelay", MAX_VOTING_DELAY + 1n), "WeconetGovernorVotingDelayTooLong", MAX_VOTING_DELAY],
        [call("setVotingPeriod", MAX_VOTING_PERIOD + 1n), "WeconetGovernorVotingPeriodTooLong", MAX_VOTING_PERIOD],
      ];
      for (const [change, error, max] of tooLong) {
        const p = proposalOf([change], `# Voting: beyond the bound (${error})\n\nMust fail.`);
        const proposalId = await propose(w, p, nth(w.members, 0));
        await startVoting(w.governor, proposalId);
        await castVotes(w.governor, proposalId, founders(w), Vote.For);
        await endVoting(w.governor, proposalId);
        await (await w.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash)).wait();
        await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay + 1);
        await expect(w.governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash))
          .to.be.revertedWithCustomError(w.governor, error)
          .withArgs(max + 1n, max);
      }
    });

    it("the timelock refuses a delay beyond 7 days at construction and in updateDelay; only it may call that", async () => {
      const w = await coreFixture();
      const [deployer, stranger] = [w.deployer, w.outsider(0)];
      const factory = new WeconetTimelock__factory(deployer);
      for (const delay of [MAX_TIMELOCK_DELAY + 1n, UINT48_MAX, 2n ** 256n - 1n]) {
        await expect(factory.deploy(delay, [], [ZeroAddress], ZeroAddress))
          .to.be.revertedWithCustomError(factory, "WeconetTimelockDelayTooLong")
          .withArgs(delay, MAX_TIMELOCK_DELAY);
      }
      // A timelock without delay whose deployer proposes and executes, to reach updateDelay quickly.
      const timelock = await factory.deploy(0n, [deployer.address], [deployer.address], ZeroAddress);
      const target = await timelock.getAddress();
      const update = async (delay: bigint) => {
        const data = timelock.interface.encodeFunctionData("updateDelay", [delay]);
        const salt = toBeHex(delay, 32);
        await (await timelock.schedule(target, 0n, data, ZeroHash, salt, 0n)).wait();
        return timelock.execute(target, 0n, data, ZeroHash, salt);
      };
      await expect(update(MAX_TIMELOCK_DELAY + 1n))
        .to.be.revertedWithCustomError(timelock, "WeconetTimelockDelayTooLong")
        .withArgs(MAX_TIMELOCK_DELAY + 1n, MAX_TIMELOCK_DELAY);
      await expect(update(MAX_TIMELOCK_DELAY)).to.emit(timelock, "MinDelayChange").withArgs(0n, MAX_TIMELOCK_DELAY);
      expect(await timelock.getMinDelay()).to.equal(MAX_TIMELOCK_DELAY);
      await expect(timelock.connect(stranger).updateDelay(60n))
        .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
        .withArgs(stranger.address);
    });
  });

  describe("cancelling", () => {
    it("the proposer may cancel while the proposal is pending; nobody else, and not later", async () => {
      const w = await coreFixture();
      const proposer = nth(w.members, 0);
      const p = proposalOf([await ruleChange(w)], RULE_CHANGE);
      const proposalId = await propose(w, p, proposer);
      const cancel = (as: typeof proposer) =>
        w.governor.connect(as).cancel(p.targets, p.values, p.calldatas, p.descriptionHash);
      for (const other of [nth(w.members, 1), w.manager, w.outsider(0)]) {
        await expect(cancel(other))
          .to.be.revertedWithCustomError(w.governor, "GovernorUnableToCancel")
          .withArgs(proposalId, other.address);
      }
      await expect(cancel(proposer)).to.emit(w.governor, "ProposalCanceled").withArgs(proposalId);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Canceled);
      await startVoting(w.governor, proposalId);
      await expect(w.governor.connect(nth(w.members, 1)).castVote(proposalId, Vote.For)).to.be.revertedWithCustomError(
        w.governor,
        "GovernorUnexpectedProposalState",
      );
      // the same proposal cannot be made again
      await expect(
        w.governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description),
      ).to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState");
    });

    it("the proposer may not cancel once voting has started", async () => {
      const w = await coreFixture();
      const [p, proposalId] = await openVote(w, [await ruleChange(w)]);
      await expect(w.governor.connect(nth(w.members, 0)).cancel(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnableToCancel")
        .withArgs(proposalId, nth(w.members, 0).address);
    });
  });

  describe("voting by signature", () => {
    async function signerMember(w: Weconet): Promise<Wallet> {
      const wallet = await signingWallet();
      await admitVoter(w, wallet, "signer");
      return wallet;
    }

    it("an EOA's EIP-712 ballot counts, whoever submits it; a replay fails", async () => {
      const w = await coreFixture();
      const voter = await signerMember(w);
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      const nonce = await w.governor.nonces(voter.address);
      const signature = await signBallot(w.governor, voter, {
        proposalId,
        support: Vote.For,
        voter: voter.address,
        nonce,
      });
      const relayer = w.outsider(3);
      await expect(w.governor.connect(relayer).castVoteBySig(proposalId, Vote.For, voter.address, signature))
        .to.emit(w.governor, "VoteCast")
        .withArgs(voter.address, proposalId, Vote.For, 1n, "");
      expect(await w.governor.hasVoted(proposalId, voter.address)).to.equal(true);
      expect(await w.governor.hasVoted(proposalId, relayer.address)).to.equal(false);
      expect(await w.governor.nonces(voter.address)).to.equal(nonce + 1n);
      await expect(w.governor.connect(relayer).castVoteBySig(proposalId, Vote.For, voter.address, signature))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(voter.address);
    });

    it("a forged ballot fails: another key, another choice, another proposal, another voter", async () => {
      const w = await coreFixture();
      const voter = await signerMember(w);
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      const [, otherProposal] = await openVote(w, [await ruleChange(w, 300n)], "# Another fee\n\n3%.");
      const nonce = await w.governor.nonces(voter.address);
      const ballot = { proposalId, support: Vote.For, voter: voter.address, nonce };
      const forger = Wallet.createRandom();
      const forged: [string, string, number, string][] = [
        ["another key", await signBallot(w.governor, forger, ballot), Vote.For, voter.address],
        ["another choice", await signBallot(w.governor, voter, ballot), Vote.Against, voter.address],
        [
          "another proposal",
          await signBallot(w.governor, voter, { ...ballot, proposalId: otherProposal }),
          Vote.For,
          voter.address,
        ],
        [
          "a future nonce",
          await signBallot(w.governor, voter, { ...ballot, nonce: nonce + 1n }),
          Vote.For,
          voter.address,
        ],
        ["another voter", await signBallot(w.governor, voter, ballot), Vote.For, nth(w.members, 0).address],
        ["garbage", "0x" + "11".repeat(65), Vote.For, voter.address],
      ];
      for (const [label, signature, support, claimedVoter] of forged) {
        await expect(w.governor.castVoteBySig(proposalId, support, claimedVoter, signature), label)
          .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
          .withArgs(claimedVoter);
      }
      expect(await w.governor.hasVoted(proposalId, voter.address)).to.equal(false);
      expect(await w.governor.nonces(voter.address)).to.equal(nonce);
    });

    it("a contract wallet votes by ERC-1271 signature; its owner's replay or a stranger's signature fails", async () => {
      const w = await coreFixture();
      const owner = await signingWallet();
      const wallet = await new ERC1271Wallet__factory(owner).deploy(owner.address);
      const walletAddress = await wallet.getAddress();
      const membership = await w.membership.getAddress();
      await wallet
        .connect(owner)
        .execute(membership, w.membership.interface.encodeFunctionData("applyForMembership", [profileHash("wallet")]));
      await w.membership.connect(nth(w.leaders, 0)).admit(walletAddress);
      await networkHelpers.time.increase(TEST_SETTINGS.probationPeriod);
      await w.membership.activateVote(walletAddress);
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);

      const nonce = await w.governor.nonces(walletAddress);
      const ballot = { proposalId, support: Vote.For, voter: walletAddress, nonce };
      const stranger = await signBallot(w.governor, Wallet.createRandom(), ballot);
      await expect(w.governor.castVoteBySig(proposalId, Vote.For, walletAddress, stranger))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(walletAddress);

      const signature = await signBallot(w.governor, owner, ballot);
      await expect(w.governor.connect(w.outsider(3)).castVoteBySig(proposalId, Vote.For, walletAddress, signature))
        .to.emit(w.governor, "VoteCast")
        .withArgs(walletAddress, proposalId, Vote.For, 1n, "");
      await expect(w.governor.castVoteBySig(proposalId, Vote.For, walletAddress, signature))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(walletAddress);
    });

    it("a valid signature of someone without a vote is refused for lack of voting power", async () => {
      const w = await coreFixture();
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      const outsider = await signingWallet();
      const signature = await signBallot(w.governor, outsider, {
        proposalId,
        support: Vote.For,
        voter: outsider.address,
        nonce: 0n,
      });
      await expect(w.governor.castVoteBySig(proposalId, Vote.For, outsider.address, signature))
        .to.be.revertedWithCustomError(w.governor, "WeconetGovernorNoVotingPower")
        .withArgs(outsider.address);
    });
  });

  describe("who may vote", () => {
    it("a member suspended since the snapshot still votes: a suspension stops acting, not voting", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 1);
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      await w.membership.connect(nth(w.leaders, 0)).suspend(member.address, reason("x"));
      await expect(w.governor.connect(member).castVote(proposalId, Vote.For))
        .to.emit(w.governor, "VoteCast")
        .withArgs(member.address, proposalId, Vote.For, 1n, "");
    });

    it("a member suspended at the snapshot votes too, and counts in the quorum's basis", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 1);
      await w.membership.connect(nth(w.leaders, 0)).suspend(member.address, reason("x"));
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      const snapshot = await w.governor.proposalSnapshot(proposalId);
      expect(await w.membership.getPastTotalSupply(snapshot)).to.equal(BigInt(founders(w).length));
      await expect(w.governor.connect(member).castVote(proposalId, Vote.For)).to.emit(w.governor, "VoteCast");
    });

    it("a member who left since the snapshot still votes on it (plain snapshot semantics), not on later ones", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 1);
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      await w.membership.connect(member).leave();
      await expect(w.governor.connect(member).castVote(proposalId, Vote.For)).to.emit(w.governor, "VoteCast");
      const [, later] = await openVote(w, [await ruleChange(w, 300n)], "# Another fee\n\n3%.");
      await expect(w.governor.connect(member).castVote(later, Vote.For))
        .to.be.revertedWithCustomError(w.governor, "WeconetGovernorNoVotingPower")
        .withArgs(member.address);
    });

    it("a member on probation at the snapshot cannot vote on it, even once their vote is activated", async () => {
      const w = await coreFixture();
      const newcomer = w.outsider(0);
      await admitNewcomer(w, newcomer, "newcomer");
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      await expect(w.governor.connect(newcomer).castVote(proposalId, Vote.For))
        .to.be.revertedWithCustomError(w.governor, "WeconetGovernorNoVotingPower")
        .withArgs(newcomer.address);
      await activateVotes(w, [newcomer]);
      const [, later] = await openVote(w, [await ruleChange(w, 300n)], "# Another fee\n\n3%.");
      await expect(w.governor.connect(newcomer).castVote(later, Vote.For)).to.emit(w.governor, "VoteCast");
    });

    it("a member admitted after the snapshot, and an outsider, cannot vote", async () => {
      const w = await coreFixture();
      const [, proposalId] = await openVote(w, [await ruleChange(w)]);
      await admitNewcomer(w, w.outsider(0), "late");
      for (const account of [w.outsider(0), w.outsider(1)]) {
        await expect(w.governor.connect(account).castVote(proposalId, Vote.For))
          .to.be.revertedWithCustomError(w.governor, "WeconetGovernorNoVotingPower")
          .withArgs(account.address);
      }
    });

    it("nobody votes before the snapshot or after the deadline", async () => {
      const w = await coreFixture();
      const p = proposalOf([await ruleChange(w)], RULE_CHANGE);
      const proposalId = await propose(w, p, nth(w.members, 0));
      await expect(w.governor.connect(nth(w.members, 1)).castVote(proposalId, Vote.For))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(proposalId, ProposalState.Pending, toBeHex(1n << ProposalState.Active, 32));
      await startVoting(w.governor, proposalId);
      await endVoting(w.governor, proposalId);
      await expect(w.governor.connect(nth(w.members, 1)).castVote(proposalId, Vote.For)).to.be.revertedWithCustomError(
        w.governor,
        "GovernorUnexpectedProposalState",
      );
    });
  });

  describe("who may propose, and how", () => {
    it("non-members, applicants and suspended members cannot propose", async () => {
      const w = await coreFixture();
      const { applicant, suspended } = await applicantAndSuspended(w);
      const p = proposalOf([await ruleChange(w)], RULE_CHANGE);
      for (const account of [w.outsider(0), applicant, suspended, w.deployer]) {
        await expect(w.governor.connect(account).propose(p.targets, p.values, p.calldatas, p.description))
          .to.be.revertedWithCustomError(w.governor, "WeconetGovernorProposerNotActive")
          .withArgs(account.address);
      }
    });

    it("a member on probation cannot propose: no vote yet", async () => {
      const w = await coreFixture();
      await admitNewcomer(w, w.outsider(0), "newcomer");
      const p = proposalOf([await ruleChange(w)], RULE_CHANGE);
      await expect(w.governor.connect(w.outsider(0)).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.governor, "GovernorInsufficientProposerVotes")
        .withArgs(w.outsider(0).address, 0n, 1n);
    });

    it("a description is required", async () => {
      const w = await coreFixture();
      const call = await ruleChange(w);
      await expect(
        w.governor.connect(nth(w.members, 0)).propose([call.target], [0n], [call.data], ""),
      ).to.be.revertedWithCustomError(w.governor, "WeconetGovernorEmptyDescription");
      await expect(w.governor.connect(nth(w.members, 0)).propose([call.target], [0n], [call.data], " ")).to.emit(
        w.governor,
        "ProposalCreated",
      );
    });

    it("a description restricted to another proposer is refused", async () => {
      const w = await coreFixture();
      const call = await ruleChange(w);
      const description = `${RULE_CHANGE}#proposer=${nth(w.members, 1).address}`;
      await expect(w.governor.connect(nth(w.members, 0)).propose([call.target], [0n], [call.data], description))
        .to.be.revertedWithCustomError(w.governor, "GovernorRestrictedProposer")
        .withArgs(nth(w.members, 0).address);
    });

    it("a proposal needs calls, and as many values as targets and calldatas", async () => {
      const w = await coreFixture();
      const call = await ruleChange(w);
      const proposer = w.governor.connect(nth(w.members, 0));
      await expect(proposer.propose([], [], [], RULE_CHANGE))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidProposalLength")
        .withArgs(0n, 0n, 0n);
      await expect(proposer.propose([call.target], [0n, 0n], [call.data], RULE_CHANGE))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidProposalLength")
        .withArgs(1n, 1n, 2n);
    });

    it("a failing call makes the whole execution revert, and the proposal stays queued", async () => {
      const w = await coreFixture();
      const bad = {
        target: await w.networkRules.getAddress(),
        data: w.networkRules.interface.encodeFunctionData("setRule", [MARKET_FEE_BPS, 10_001n]),
      };
      const [p, proposalId] = await openVote(w, [await ruleChange(w), bad], "# Two fees\n\nThe second is too high.");
      await passVote(w, proposalId);
      await w.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash);
      await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay);
      await expect(w.governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.be.revertedWithCustomError(w.networkRules, "InvalidRuleValue")
        .withArgs(MARKET_FEE_BPS, 10_001n);
      expect(await w.governor.state(proposalId)).to.equal(ProposalState.Queued);
      expect(await w.networkRules.marketFeeBps()).to.equal(BigInt(TEST_SETTINGS.marketFeeBps));
    });
  });

  it("the timelock, not the governor, executes: the rules see the timelock as caller", async () => {
    const w = await coreFixture();
    const [p, proposalId] = await openVote(w, [await ruleChange(w)]);
    await passVote(w, proposalId);
    const receipt = await queueAndExecute(w, p);
    const timelock = await w.timelock.getAddress();
    const executed = receipt.logs.flatMap((log) => {
      const parsed = log.address === timelock ? w.timelock.interface.parseLog(log) : null;
      return parsed?.name === "CallExecuted" ? [parsed.args.target] : [];
    });
    expect(executed).to.deep.equal([await w.networkRules.getAddress()]);
    expect(await w.networkRules.governance()).to.equal(timelock);
    expect(await w.taxonomy.governance()).to.equal(timelock);
  });
});

async function deployWithHalfQuorum(): Promise<Weconet> {
  return deployWeconet({ quorumPercent: 50 });
}

async function deployWithZeroQuorum(): Promise<Weconet> {
  return deployWeconet({ quorumPercent: 0 });
}

/** The governor's constructor settings (WeconetGovernor.Settings). */
interface GovernorSettings {
  votingDelay: bigint;
  votingPeriod: bigint;
  quorumPercent: number;
  lateQuorumExtension: bigint;
  maxLateQuorumExtension: bigint;
}

/** The test network's governor settings, for governors the tests deploy themselves. */
function governorSettings(): GovernorSettings {
  return {
    votingDelay: BigInt(TEST_SETTINGS.votingDelay),
    votingPeriod: BigInt(TEST_SETTINGS.votingPeriod),
    quorumPercent: TEST_SETTINGS.quorumPercent,
    lateQuorumExtension: BigInt(TEST_SETTINGS.lateQuorumExtension),
    maxLateQuorumExtension: BigInt(TEST_SETTINGS.maxLateQuorumExtension),
  };
}
