import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { encodeBytes32String, id, Signature, Wallet, ZeroAddress, ZeroHash } from "ethers";

import { enumBigInts } from "@weconet/sdk";

import type { Membership } from "../typechain-types/index.js";
import { Membership__factory } from "../typechain-types/index.js";
import { minedAt, signTyped } from "./helpers/accounts.js";
import {
  DEFAULT_ADMIN_ROLE,
  DEVELOPER_ROLE,
  LEADER_ROLE,
  MANAGER_ROLE,
  nth,
  profileHash,
  reason,
  TEST_SETTINGS,
} from "./helpers/deployment.js";
import { activateVotes, admitNewcomer, applicantAndSuspended, coreFixture, type Core } from "./helpers/fixtures.js";
import { founders } from "./helpers/governance.js";
import { ethers, networkHelpers } from "./helpers/network.js";

/** `IMembership.Status`. */
const Status = enumBigInts("IMembership.Status");

const INTERFACE_ID = {
  ERC165: "0x01ffc9a7",
  ERC721: "0x80ac58cd",
  ERC721Metadata: "0x5b5e139f",
  ERC721Enumerable: "0x780e9d63",
  ERC5192: "0xb45a3c0e",
  AccessControl: "0x7965db0b",
} as const;

const ADMISSION_POLICY = encodeBytes32String("admissionPolicy");

/** Mirrors the `Authority` enum (contracts/governance/Authority.sol). */
const Authority = { None: 0n, Leader: 1n, Manager: 2n, MembersVote: 3n } as const;

function tokenId(account: { address: string }): bigint {
  return BigInt(account.address);
}

async function latest(): Promise<number> {
  return networkHelpers.time.latest();
}

describe("Membership", () => {
  describe("deployment", () => {
    it("admits every founder with one vote, a locked badge and their profile", async () => {
      const w = await coreFixture();
      const all = founders(w);
      expect(await w.membership.voterCount()).to.equal(BigInt(all.length));
      for (const founder of all) {
        expect(await w.membership.statusOf(founder.address)).to.equal(Status.Active);
        expect(await w.membership.isActiveMember(founder.address)).to.equal(true);
        expect(await w.membership.ownerOf(tokenId(founder))).to.equal(founder.address);
        expect(await w.membership.locked(tokenId(founder))).to.equal(true);
        expect(await w.membership.getVotes(founder.address)).to.equal(1n);
        expect(await w.membership.memberSince(founder.address)).to.be.greaterThan(0n);
      }
      expect(await w.membership.profileOf(w.manager.address)).to.equal(profileHash("manager"));
      expect(await w.membership.name()).to.equal("Weconet Member");
      expect(await w.membership.symbol()).to.equal("WECO");
      expect(await w.membership.networkRules()).to.equal(await w.networkRules.getAddress());
    });

    it("emits an admission by nobody, a Locked badge and the profile for each founder, and appoints the manager", async () => {
      const w = await coreFixture();
      const admitted = await w.membership.queryFilter(w.membership.filters.MemberAdmitted(), 0);
      expect(admitted.map((e) => [e.args.member, e.args.by])).to.deep.equal(
        founders(w).map((f) => [f.address, ZeroAddress]),
      );
      const lockedIds = (await w.membership.queryFilter(w.membership.filters.Locked(), 0)).map((e) => e.args.tokenId);
      expect(lockedIds).to.deep.equal(founders(w).map(tokenId));
      const profiles = await w.membership.queryFilter(w.membership.filters.ProfileUpdated(), 0);
      expect(profiles.map((e) => e.args.account)).to.deep.equal(founders(w).map((f) => f.address));
      const appointed = await w.membership.queryFilter(w.membership.filters.ManagerAppointed(), 0);
      expect(appointed.map((e) => [e.args.previous, e.args.next])).to.deep.equal([[ZeroAddress, w.manager.address]]);
    });

    it("gives the founders their roles, the timelock the admin role, and the deployer nothing", async () => {
      const w = await coreFixture();
      const timelock = await w.timelock.getAddress();
      expect(await w.membership.manager()).to.equal(w.manager.address);
      expect(await w.membership.hasRole(MANAGER_ROLE, w.manager.address)).to.equal(true);
      for (const leader of w.leaders) expect(await w.membership.hasRole(LEADER_ROLE, leader.address)).to.equal(true);
      expect(await w.membership.hasRole(DEVELOPER_ROLE, w.developer.address)).to.equal(true);
      expect(await w.membership.hasRole(DEFAULT_ADMIN_ROLE, timelock)).to.equal(true);
      for (const role of [DEFAULT_ADMIN_ROLE, MANAGER_ROLE, LEADER_ROLE, DEVELOPER_ROLE]) {
        expect(await w.membership.hasRole(role, w.deployer.address)).to.equal(false);
      }
      expect(await w.membership.getRoleAdmin(DEVELOPER_ROLE)).to.equal(LEADER_ROLE);
      expect(await w.membership.getRoleAdmin(LEADER_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
      expect(await w.membership.getRoleAdmin(MANAGER_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
      expect(await w.membership.MANAGER_ROLE()).to.equal(MANAGER_ROLE);
      expect(await w.membership.LEADER_ROLE()).to.equal(LEADER_ROLE);
      expect(await w.membership.DEVELOPER_ROLE()).to.equal(DEVELOPER_ROLE);
      expect(await w.membership.hasActiveRole(LEADER_ROLE, nth(w.leaders, 0).address)).to.equal(true);
      expect(await w.membership.hasActiveRole(LEADER_ROLE, w.developer.address)).to.equal(false);
    });

    it("emitted every role given at deployment, so that an auditor sees who holds what", async () => {
      const w = await coreFixture();
      const granted = await w.membership.queryFilter(w.membership.filters.RoleGranted(), 0);
      expect(granted.map((e) => [e.args.role, e.args.account])).to.deep.equal([
        [DEFAULT_ADMIN_ROLE, await w.timelock.getAddress()],
        [MANAGER_ROLE, w.manager.address],
        ...w.leaders.map((l) => [LEADER_ROLE, l.address]),
        [DEVELOPER_ROLE, w.developer.address],
      ]);
      const admins = await w.membership.queryFilter(w.membership.filters.RoleAdminChanged(), 0);
      expect(admins.map((e) => [e.args.role, e.args.previousAdminRole, e.args.newAdminRole])).to.deep.equal([
        [DEVELOPER_ROLE, DEFAULT_ADMIN_ROLE, LEADER_ROLE],
      ]);
    });
  });

  describe("constructor: founders", () => {
    async function deployWith(w: Core, list: { account: string; profile: string; role: string }[]) {
      return new Membership__factory(w.deployer).deploy(
        await w.timelock.getAddress(),
        await w.networkRules.getAddress(),
        list,
      );
    }
    const f = (account: string, role = ZeroHash, profile = profileHash(account)) => ({ account, profile, role });

    it("accepts a single manager, and founders with each valid role or none", async () => {
      const w = await coreFixture();
      const [a, b, c, d] = [1, 2, 3, 4].map((i) => w.outsider(i).address) as [string, string, string, string];
      const m = await deployWith(w, [f(a, LEADER_ROLE), f(b, MANAGER_ROLE), f(c, DEVELOPER_ROLE), f(d)]);
      expect(await m.manager()).to.equal(b);
      expect(await m.voterCount()).to.equal(4n);
      expect(await m.hasRole(LEADER_ROLE, a)).to.equal(true);
      expect(await m.hasRole(DEVELOPER_ROLE, c)).to.equal(true);
      expect(await m.hasRole(DEFAULT_ADMIN_ROLE, d)).to.equal(false);
    });

    const invalid: [string, (a: string, b: string) => ReturnType<typeof f>[]][] = [
      ["no founders at all", () => []],
      ["no manager", (a, b) => [f(a, LEADER_ROLE), f(b)]],
      ["two managers", (a, b) => [f(a, MANAGER_ROLE), f(b, MANAGER_ROLE)]],
      ["the same account twice", (a) => [f(a, MANAGER_ROLE), f(a)]],
      ["the manager twice", (a) => [f(a, MANAGER_ROLE), f(a, MANAGER_ROLE)]],
      ["the zero address", (a) => [f(a, MANAGER_ROLE), f(ZeroAddress)]],
      ["the zero address as manager", () => [f(ZeroAddress, MANAGER_ROLE)]],
      ["an unknown role", (a, b) => [f(a, MANAGER_ROLE), f(b, id("OWNER_ROLE"))]],
    ];
    for (const [label, list] of invalid) {
      it(`rejects ${label} with MembershipInvalidFounders`, async () => {
        const w = await coreFixture();
        await expect(deployWith(w, list(w.outsider(1).address, w.outsider(2).address))).to.be.revertedWithCustomError(
          w.membership,
          "MembershipInvalidFounders",
        );
      });
    }

    it("rejects a founder without a profile with MembershipEmptyProfile", async () => {
      const w = await coreFixture();
      const list = [f(w.outsider(1).address, MANAGER_ROLE), f(w.outsider(2).address, ZeroHash, ZeroHash)];
      await expect(deployWith(w, list)).to.be.revertedWithCustomError(w.membership, "MembershipEmptyProfile");
    });

    it("rejects a zero governance or rules address with MembershipZeroAddress", async () => {
      const w = await coreFixture();
      const founders = [f(w.outsider(1).address, MANAGER_ROLE)];
      const [governance, rules] = [await w.timelock.getAddress(), await w.networkRules.getAddress()];
      for (const [g, r] of [
        [ZeroAddress, rules],
        [governance, ZeroAddress],
      ] as const) {
        await expect(new Membership__factory(w.deployer).deploy(g, r, founders)).to.be.revertedWithCustomError(
          w.membership,
          "MembershipZeroAddress",
        );
      }
    });
  });

  describe("applications", () => {
    it("records an application with its profile pointer, without a badge or a vote", async () => {
      const w = await coreFixture();
      const applicant = w.outsider(0);
      const sent = w.membership.connect(applicant).applyForMembership(profileHash("applicant"));
      await expect(sent)
        .to.emit(w.membership, "MembershipApplied")
        .withArgs(applicant.address, profileHash("applicant"))
        .and.to.emit(w.membership, "ProfileUpdated")
        .withArgs(applicant.address, profileHash("applicant"));
      const [status, since, joinedAt, profile] = await w.membership.memberInfo(applicant.address);
      expect([status, since, joinedAt, profile]).to.deep.equal([
        Status.Applicant,
        BigInt(await latest()),
        0n,
        profileHash("applicant"),
      ]);
      expect(await w.membership.balanceOf(applicant.address)).to.equal(0n);
      expect(await w.membership.getVotes(applicant.address)).to.equal(0n);
      expect(await w.membership.isActiveMember(applicant.address)).to.equal(false);
      expect(await w.membership.memberSince(applicant.address)).to.equal(0n);
    });

    it("refuses an empty profile pointer", async () => {
      const w = await coreFixture();
      await expect(w.membership.connect(w.outsider(0)).applyForMembership(ZeroHash)).to.be.revertedWithCustomError(
        w.membership,
        "MembershipEmptyProfile",
      );
    });

    it("refuses anyone who is already an applicant, a member, suspended or removed", async () => {
      const w = await coreFixture();
      const { applicant, suspended } = await applicantAndSuspended(w);
      const removed = nth(w.members, 2);
      await w.membership.connect(w.asTimelock).remove(removed.address, reason("fraud"));
      const cases: [HardhatEthersSigner, bigint][] = [
        [applicant, Status.Applicant],
        [nth(w.members, 0), Status.Active],
        [suspended, Status.Suspended],
        [removed, Status.Removed],
      ];
      for (const [account, status] of cases) {
        await expect(w.membership.connect(account).applyForMembership(profileHash("again")))
          .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
          .withArgs(account.address, status);
      }
    });

    it("refuses applications while the admission policy is closed, and accepts them again once it reopens", async () => {
      const w = await coreFixture();
      const pending = w.outsider(1);
      await w.membership.connect(pending).applyForMembership(profileHash("pending"));
      await w.networkRules.connect(w.asTimelock).setRule(ADMISSION_POLICY, 0n);
      await expect(
        w.membership.connect(w.outsider(0)).applyForMembership(profileHash("late")),
      ).to.be.revertedWithCustomError(w.membership, "MembershipApplicationsClosed");
      // closing the door does not strand those already waiting
      await expect(w.membership.connect(nth(w.leaders, 0)).admit(pending.address)).to.emit(
        w.membership,
        "MemberAdmitted",
      );
      await w.networkRules.connect(w.asTimelock).setRule(ADMISSION_POLICY, 1n);
      await expect(w.membership.connect(w.outsider(0)).applyForMembership(profileHash("late"))).to.emit(
        w.membership,
        "MembershipApplied",
      );
    });

    it("lets an applicant withdraw, clearing the profile, and apply again", async () => {
      const w = await coreFixture();
      const applicant = w.outsider(0);
      await w.membership.connect(applicant).applyForMembership(profileHash("a"));
      await expect(w.membership.connect(applicant).withdrawApplication())
        .to.emit(w.membership, "ApplicationWithdrawn")
        .withArgs(applicant.address);
      expect(await w.membership.memberInfo(applicant.address)).to.deep.equal([
        Status.None,
        BigInt(await latest()),
        0n,
        ZeroHash,
      ]);
      await w.membership.connect(applicant).applyForMembership(profileHash("b"));
      expect(await w.membership.profileOf(applicant.address)).to.equal(profileHash("b"));
    });

    it("refuses to withdraw what is not a pending application", async () => {
      const w = await coreFixture();
      for (const [account, status] of [
        [w.outsider(0), Status.None],
        [nth(w.members, 0), Status.Active],
      ] as const) {
        await expect(w.membership.connect(account).withdrawApplication())
          .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
          .withArgs(account.address, status);
      }
    });

    it("lets a leader reject an application with a reason code; the applicant may apply again", async () => {
      const w = await coreFixture();
      const [applicant, leader] = [w.outsider(0), nth(w.leaders, 1)];
      await w.membership.connect(applicant).applyForMembership(profileHash("a"));
      await expect(w.membership.connect(leader).rejectApplication(applicant.address, reason("incomplete-profile")))
        .to.emit(w.membership, "ApplicationRejected")
        .withArgs(applicant.address, leader.address, reason("incomplete-profile"));
      expect(await w.membership.statusOf(applicant.address)).to.equal(Status.None);
      expect(await w.membership.profileOf(applicant.address)).to.equal(ZeroHash);
      await w.membership.connect(applicant).applyForMembership(profileHash("b"));
      expect(await w.membership.statusOf(applicant.address)).to.equal(Status.Applicant);
    });

    it("rejects only pending applications", async () => {
      const w = await coreFixture();
      const leader = nth(w.leaders, 0);
      for (const [account, status] of [
        [w.outsider(0), Status.None],
        [nth(w.members, 0), Status.Active],
      ] as const) {
        await expect(w.membership.connect(leader).rejectApplication(account.address, reason("x")))
          .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
          .withArgs(account.address, status);
      }
    });
  });

  describe("admission", () => {
    it("mints a locked badge but no vote: the vote counts from its activation after the probation period", async () => {
      const w = await coreFixture();
      const [applicant, leader] = [w.outsider(0), nth(w.leaders, 0)];
      await w.membership.connect(applicant).applyForMembership(profileHash("a"));
      const before = await w.membership.voterCount();
      const sent = w.membership.connect(leader).admit(applicant.address);
      await expect(sent)
        .to.emit(w.membership, "MemberAdmitted")
        .withArgs(applicant.address, leader.address)
        .and.to.emit(w.membership, "Transfer")
        .withArgs(ZeroAddress, applicant.address, tokenId(applicant))
        .and.to.emit(w.membership, "Locked")
        .withArgs(tokenId(applicant))
        .and.not.to.emit(w.membership, "DelegateVotesChanged");
      const admittedAt = BigInt(await latest());
      expect(await w.membership.memberInfo(applicant.address)).to.deep.equal([
        Status.Active,
        admittedAt,
        admittedAt,
        profileHash("a"),
      ]);
      expect(await w.membership.memberSince(applicant.address)).to.equal(admittedAt);
      expect(await w.membership.balanceOf(applicant.address)).to.equal(1n);
      expect(await w.membership.ownerOf(tokenId(applicant))).to.equal(applicant.address);
      expect(await w.membership.hasBeenMember(applicant.address)).to.equal(true);
      expect(await w.membership.isActiveMember(applicant.address)).to.equal(true);
      expect(await w.membership.getVotes(applicant.address)).to.equal(0n);
      expect(await w.membership.voterCount()).to.equal(before);
      const due = admittedAt + BigInt(TEST_SETTINGS.probationPeriod);
      expect(await w.membership.voteActivatesAt(applicant.address)).to.equal(due);

      // one second early: refused, saying when
      await networkHelpers.time.setNextBlockTimestamp(due - 1n);
      await expect(w.membership.connect(w.outsider(5)).activateVote(applicant.address))
        .to.be.revertedWithCustomError(w.membership, "MembershipProbationNotOver")
        .withArgs(applicant.address, due);
      // when due, anyone activates it: no self-delegation step, no role holder's consent
      await networkHelpers.time.setNextBlockTimestamp(due);
      await expect(w.membership.connect(w.outsider(5)).activateVote(applicant.address))
        .to.emit(w.membership, "VoteActivated")
        .withArgs(applicant.address)
        .and.to.emit(w.membership, "DelegateVotesChanged")
        .withArgs(applicant.address, 0n, 1n);
      expect(await w.membership.getVotes(applicant.address)).to.equal(1n);
      expect(await w.membership.voterCount()).to.equal(before + 1n);
      expect(await w.membership.voteActivatesAt(applicant.address)).to.equal(0n);
      expect(await w.membership.delegates(applicant.address)).to.equal(applicant.address);
      await networkHelpers.mine();
      expect(await w.membership.getPastVotes(applicant.address, due)).to.equal(1n);
      expect(await w.membership.getPastVotes(applicant.address, due - 1n)).to.equal(0n);
      expect(await w.membership.getPastTotalSupply(due)).to.equal(before + 1n);
      expect(await w.membership.getPastTotalSupply(due - 1n)).to.equal(before);
      await expect(w.membership.activateVote(applicant.address))
        .to.be.revertedWithCustomError(w.membership, "MembershipVoteAlreadyActive")
        .withArgs(applicant.address);
    });

    it("activates only members' votes, and the probation rule in force applies", async () => {
      const w = await coreFixture();
      for (const account of [w.outsider(0), nth(w.members, 0)]) {
        const error = account === w.outsider(0) ? "MembershipNotMember" : "MembershipVoteAlreadyActive";
        await expect(w.membership.activateVote(account.address))
          .to.be.revertedWithCustomError(w.membership, error)
          .withArgs(account.address);
      }
      await admitNewcomer(w, w.outsider(1), "late");
      const joined = await w.membership.memberSince(w.outsider(1).address);
      const longer = TEST_SETTINGS.probationPeriod + 86_400;
      await w.networkRules.connect(w.asTimelock).setRule(encodeBytes32String("probationPeriod"), longer);
      expect(await w.membership.voteActivatesAt(w.outsider(1).address)).to.equal(joined + BigInt(longer));
    });

    it("admits only pending applicants", async () => {
      const w = await coreFixture();
      const leader = nth(w.leaders, 0);
      for (const [account, status] of [
        [w.outsider(0), Status.None],
        [nth(w.members, 0), Status.Active],
      ] as const) {
        await expect(w.membership.connect(leader).admit(account.address))
          .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
          .withArgs(account.address, status);
      }
    });
  });

  describe("profiles", () => {
    it("lets members and applicants point to a new profile", async () => {
      const w = await coreFixture();
      const [member, applicant] = [nth(w.members, 0), w.outsider(0)];
      await w.membership.connect(applicant).applyForMembership(profileHash("a"));
      for (const account of [member, applicant]) {
        await expect(w.membership.connect(account).updateProfile(profileHash("new")))
          .to.emit(w.membership, "ProfileUpdated")
          .withArgs(account.address, profileHash("new"));
        expect(await w.membership.profileOf(account.address)).to.equal(profileHash("new"));
      }
    });

    it("refuses an empty pointer, and anyone neither an active member nor an applicant", async () => {
      const w = await coreFixture();
      const suspended = nth(w.members, 1);
      await w.membership.connect(nth(w.leaders, 0)).suspend(suspended.address, reason("spam"));
      await expect(w.membership.connect(nth(w.members, 0)).updateProfile(ZeroHash)).to.be.revertedWithCustomError(
        w.membership,
        "MembershipEmptyProfile",
      );
      for (const [account, status] of [
        [w.outsider(0), Status.None],
        [suspended, Status.Suspended],
      ] as const) {
        await expect(w.membership.connect(account).updateProfile(profileHash("x")))
          .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
          .withArgs(account.address, status);
      }
    });
  });

  describe("suspension and reinstatement", () => {
    it("a suspended member keeps the badge and the vote, but has no active status and no active roles", async () => {
      const w = await coreFixture();
      const [developer, leader] = [w.developer, nth(w.leaders, 0)];
      const count = await w.membership.voterCount();
      await expect(w.membership.connect(leader).suspend(developer.address, reason("spam")))
        .to.emit(w.membership, "MemberSuspended")
        .withArgs(developer.address, leader.address, Authority.Leader, reason("spam"))
        .and.not.to.emit(w.membership, "DelegateVotesChanged");
      const suspendedAt = BigInt(await latest());
      const [status, since, joinedAt] = await w.membership.memberInfo(developer.address);
      expect([status, since]).to.deep.equal([Status.Suspended, suspendedAt]);
      expect(joinedAt).to.be.lessThan(suspendedAt);
      expect(await w.membership.ownerOf(tokenId(developer))).to.equal(developer.address);
      expect(await w.membership.locked(tokenId(developer))).to.equal(true);
      expect(await w.membership.getVotes(developer.address)).to.equal(1n);
      expect(await w.membership.voterCount()).to.equal(count);
      expect(await w.membership.suspensionAuthority(developer.address)).to.equal(Authority.Leader);
      expect(await w.membership.isActiveMember(developer.address)).to.equal(false);
      expect(await w.membership.activeSince(developer.address)).to.equal(0n);
      expect(await w.membership.memberSince(developer.address)).to.equal(joinedAt);
      expect(await w.membership.hasRole(DEVELOPER_ROLE, developer.address)).to.equal(true);
      expect(await w.membership.hasActiveRole(DEVELOPER_ROLE, developer.address)).to.equal(false);
    });

    it("a reinstated member acts again, with the same membership; their vote never moved", async () => {
      const w = await coreFixture();
      const [member, leader] = [nth(w.members, 0), nth(w.leaders, 1)];
      const joinedAt = await w.membership.memberSince(member.address);
      await w.membership.connect(leader).suspend(member.address, reason("spam"));
      await networkHelpers.time.increase(100);
      await expect(w.membership.connect(leader).reinstate(member.address))
        .to.emit(w.membership, "MemberReinstated")
        .withArgs(member.address, leader.address)
        .and.not.to.emit(w.membership, "DelegateVotesChanged");
      const reinstatedAt = BigInt(await latest());
      expect(await w.membership.memberInfo(member.address)).to.deep.equal([
        Status.Active,
        reinstatedAt,
        joinedAt,
        profileHash("member-0"),
      ]);
      expect(await w.membership.suspensionAuthority(member.address)).to.equal(Authority.None);
      expect(await w.membership.getVotes(member.address)).to.equal(1n);
      await networkHelpers.mine();
      expect(await w.membership.getPastVotes(member.address, reinstatedAt - 1n)).to.equal(1n);
      expect(await w.membership.getPastVotes(member.address, reinstatedAt)).to.equal(1n);
    });

    it("a higher authority raises a suspension; the same or a lower one cannot, and cannot lift it", async () => {
      const w = await coreFixture();
      const [member, leader] = [nth(w.members, 0), nth(w.leaders, 0)];
      await w.membership.connect(leader).suspend(member.address, reason("x"));
      const since = (await w.membership.memberInfo(member.address))[1];
      await expect(w.membership.connect(nth(w.leaders, 1)).suspend(member.address, reason("y")))
        .to.be.revertedWithCustomError(w.membership, "MembershipAlreadySuspended")
        .withArgs(member.address, Authority.Leader);
      await expect(w.membership.connect(w.manager).suspend(member.address, reason("y")))
        .to.emit(w.membership, "MemberSuspended")
        .withArgs(member.address, w.manager.address, Authority.Manager, reason("y"));
      await expect(w.membership.connect(w.asTimelock).suspend(member.address, reason("z")))
        .to.emit(w.membership, "MemberSuspended")
        .withArgs(member.address, await w.timelock.getAddress(), Authority.MembersVote, reason("z"));
      // the suspension began with the first one
      expect((await w.membership.memberInfo(member.address))[1]).to.equal(since);
      await expect(w.membership.connect(w.asTimelock).suspend(member.address, reason("z")))
        .to.be.revertedWithCustomError(w.membership, "MembershipAlreadySuspended")
        .withArgs(member.address, Authority.MembersVote);
      for (const lower of [leader, w.manager]) {
        await expect(w.membership.connect(lower).reinstate(member.address))
          .to.be.revertedWithCustomError(w.membership, "MembershipSuspendedByHigherAuthority")
          .withArgs(member.address, Authority.MembersVote);
      }
      await expect(w.membership.connect(w.asTimelock).reinstate(member.address)).to.emit(
        w.membership,
        "MemberReinstated",
      );
    });

    it("suspends only active members and reinstates only suspended ones", async () => {
      const w = await coreFixture();
      const leader = nth(w.leaders, 0);
      const [active, suspended, outsider] = [nth(w.members, 0), nth(w.members, 1), w.outsider(0)];
      await w.membership.connect(leader).suspend(suspended.address, reason("x"));
      await expect(w.membership.connect(leader).suspend(suspended.address, reason("x")))
        .to.be.revertedWithCustomError(w.membership, "MembershipAlreadySuspended")
        .withArgs(suspended.address, Authority.Leader);
      const cases: [string, (a: string) => Promise<ContractTransactionResponse>, HardhatEthersSigner, bigint][] = [
        ["suspend", (a) => w.membership.connect(leader).suspend(a, reason("x")), outsider, Status.None],
        ["reinstate", (a) => w.membership.connect(leader).reinstate(a), active, Status.Active],
        ["reinstate", (a) => w.membership.connect(leader).reinstate(a), outsider, Status.None],
      ];
      for (const [, call, account, status] of cases) {
        await expect(call(account.address))
          .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
          .withArgs(account.address, status);
      }
    });
  });

  describe("leaving", () => {
    it("burns the badge, ends the vote, drops the roles and the profile", async () => {
      const w = await coreFixture();
      const developer = w.developer;
      const count = await w.membership.voterCount();
      await expect(w.membership.connect(developer).leave())
        .to.emit(w.membership, "MemberLeft")
        .withArgs(developer.address)
        .and.to.emit(w.membership, "Transfer")
        .withArgs(developer.address, ZeroAddress, tokenId(developer))
        .and.to.emit(w.membership, "DelegateVotesChanged")
        .withArgs(developer.address, 1n, 0n)
        .and.to.emit(w.membership, "RoleRevoked")
        .withArgs(DEVELOPER_ROLE, developer.address, developer.address)
        .and.to.emit(w.membership, "ProfileUpdated")
        .withArgs(developer.address, ZeroHash);
      expect(await w.membership.activeSince(developer.address)).to.equal(0n);
      expect(await w.membership.memberInfo(developer.address)).to.deep.equal([
        Status.None,
        BigInt(await latest()),
        0n,
        ZeroHash,
      ]);
      expect(await w.membership.balanceOf(developer.address)).to.equal(0n);
      expect(await w.membership.getVotes(developer.address)).to.equal(0n);
      expect(await w.membership.voterCount()).to.equal(count - 1n);
      expect(await w.membership.hasRole(DEVELOPER_ROLE, developer.address)).to.equal(false);
      await expect(w.membership.ownerOf(tokenId(developer)))
        .to.be.revertedWithCustomError(w.membership, "ERC721NonexistentToken")
        .withArgs(tokenId(developer));
      await expect(w.membership.locked(tokenId(developer)))
        .to.be.revertedWithCustomError(w.membership, "ERC721NonexistentToken")
        .withArgs(tokenId(developer));
    });

    it("lets a suspended leader leave, dropping the leader role and ending the vote the suspension left", async () => {
      const w = await coreFixture();
      const leader = nth(w.leaders, 1);
      await w.membership.connect(w.manager).suspend(leader.address, reason("inactive"));
      const count = await w.membership.voterCount();
      const sent = w.membership.connect(leader).leave();
      await expect(sent)
        .to.emit(w.membership, "RoleRevoked")
        .withArgs(LEADER_ROLE, leader.address, leader.address)
        .and.to.emit(w.membership, "DelegateVotesChanged")
        .withArgs(leader.address, 1n, 0n);
      expect(await w.membership.voterCount()).to.equal(count - 1n);
      expect(await w.membership.statusOf(leader.address)).to.equal(Status.None);
    });

    it("refuses non-members and the manager (who must be replaced first)", async () => {
      const w = await coreFixture();
      const applicant = w.outsider(1);
      await w.membership.connect(applicant).applyForMembership(profileHash("a"));
      for (const [account, status] of [
        [w.outsider(0), Status.None],
        [applicant, Status.Applicant],
      ] as const) {
        await expect(w.membership.connect(account).leave())
          .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
          .withArgs(account.address, status);
      }
      await expect(w.membership.connect(w.manager).leave())
        .to.be.revertedWithCustomError(w.membership, "MembershipManagerMustBeReplaced")
        .withArgs(w.manager.address);
    });

    it("lets a former member apply again and start a new membership with the same badge id", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 0);
      const firstJoin = await w.membership.memberSince(member.address);
      await w.membership.connect(member).leave();
      await networkHelpers.time.increase(1000);
      await admitNewcomer(w, member, "back");
      const secondJoin = await w.membership.memberSince(member.address);
      expect(secondJoin).to.be.greaterThan(firstJoin + 1000n);
      expect(await w.membership.activeSince(member.address)).to.equal(secondJoin);
      expect(await w.membership.ownerOf(tokenId(member))).to.equal(member.address);
      expect(await w.membership.hasBeenMember(member.address)).to.equal(true);
      // a new membership, a new probation
      expect(await w.membership.getVotes(member.address)).to.equal(0n);
    });

    it("a member on probation leaves without a vote change", async () => {
      const w = await coreFixture();
      await admitNewcomer(w, w.outsider(0), "brief");
      await expect(w.membership.connect(w.outsider(0)).leave()).not.to.emit(w.membership, "DelegateVotesChanged");
      expect(await w.membership.hasBeenMember(w.outsider(0).address)).to.equal(true);
      expect(await w.membership.hasBeenMember(w.outsider(1).address)).to.equal(false);
      expect(await w.membership.voteActivatesAt(w.outsider(0).address)).to.equal(0n);
    });
  });

  describe("removal by the members' vote", () => {
    it("burns the badge, drops the roles and bars the member from applying again", async () => {
      const w = await coreFixture();
      const leader = nth(w.leaders, 0);
      await expect(w.membership.connect(w.asTimelock).remove(leader.address, reason("fraud")))
        .to.emit(w.membership, "MemberRemoved")
        .withArgs(leader.address, reason("fraud"))
        .and.to.emit(w.membership, "RoleRevoked")
        .withArgs(LEADER_ROLE, leader.address, w.asTimelock.address)
        .and.to.emit(w.membership, "Transfer")
        .withArgs(leader.address, ZeroAddress, tokenId(leader));
      expect(await w.membership.memberInfo(leader.address)).to.deep.equal([
        Status.Removed,
        BigInt(await latest()),
        0n,
        ZeroHash,
      ]);
      expect(await w.membership.getVotes(leader.address)).to.equal(0n);
      expect(await w.membership.hasRole(LEADER_ROLE, leader.address)).to.equal(false);
      await expect(w.membership.connect(leader).applyForMembership(profileHash("again")))
        .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
        .withArgs(leader.address, Status.Removed);
      await expect(w.membership.connect(leader).leave())
        .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
        .withArgs(leader.address, Status.Removed);
    });

    it("removes suspended members too, and refuses non-members and the manager", async () => {
      const w = await coreFixture();
      const suspended = nth(w.members, 0);
      await w.membership.connect(nth(w.leaders, 0)).suspend(suspended.address, reason("x"));
      const count = await w.membership.voterCount();
      await expect(w.membership.connect(w.asTimelock).remove(suspended.address, reason("x")))
        .to.emit(w.membership, "DelegateVotesChanged")
        .withArgs(suspended.address, 1n, 0n);
      expect(await w.membership.voterCount()).to.equal(count - 1n);
      expect(await w.membership.hasBeenMember(suspended.address)).to.equal(true);
      await expect(w.membership.connect(w.asTimelock).remove(w.outsider(0).address, reason("x")))
        .to.be.revertedWithCustomError(w.membership, "MembershipInvalidStatus")
        .withArgs(w.outsider(0).address, Status.None);
      await expect(w.membership.connect(w.asTimelock).remove(w.manager.address, reason("x")))
        .to.be.revertedWithCustomError(w.membership, "MembershipManagerMustBeReplaced")
        .withArgs(w.manager.address);
      // suspended by the members' vote, the manager still must be replaced before removal
      await w.membership.connect(w.asTimelock).suspend(w.manager.address, reason("x"));
      await expect(w.membership.connect(w.asTimelock).remove(w.manager.address, reason("x")))
        .to.be.revertedWithCustomError(w.membership, "MembershipManagerMustBeReplaced")
        .withArgs(w.manager.address);
    });
  });

  describe("ERC-721, ERC-5192 and ERC-165", () => {
    it("supports ERC-165, ERC-721, its metadata, ERC-5192 and AccessControl, and nothing else", async () => {
      const w = await coreFixture();
      for (const interfaceId of [
        INTERFACE_ID.ERC165,
        INTERFACE_ID.ERC721,
        INTERFACE_ID.ERC721Metadata,
        INTERFACE_ID.ERC5192,
        INTERFACE_ID.AccessControl,
      ]) {
        expect(await w.membership.supportsInterface(interfaceId), interfaceId).to.equal(true);
      }
      expect(await w.membership.supportsInterface(INTERFACE_ID.ERC721Enumerable)).to.equal(false);
      expect(await w.membership.supportsInterface("0xffffffff")).to.equal(false);
    });

    it("derives a member's token id from their address", async () => {
      const w = await coreFixture();
      expect(await w.membership.tokenIdOf(w.manager.address)).to.equal(tokenId(w.manager));
      expect(await w.membership.tokenIdOf(ZeroAddress)).to.equal(0n);
    });

    it("reports badges locked, and only existing ones", async () => {
      const w = await coreFixture();
      expect(await w.membership.locked(tokenId(w.manager))).to.equal(true);
      await expect(w.membership.locked(tokenId(w.outsider(0))))
        .to.be.revertedWithCustomError(w.membership, "ERC721NonexistentToken")
        .withArgs(tokenId(w.outsider(0)));
    });

    it("has no approvals and an empty token URI", async () => {
      const w = await coreFixture();
      expect(await w.membership.getApproved(tokenId(w.manager))).to.equal(ZeroAddress);
      expect(await w.membership.isApprovedForAll(w.manager.address, w.deployer.address)).to.equal(false);
      expect(await w.membership.tokenURI(tokenId(w.manager))).to.equal("");
      expect(await w.membership.balanceOf(w.outsider(0).address)).to.equal(0n);
    });

    describe("no badge ever moves and none can be approved", () => {
      // Every way of moving or approving a badge, tried by its owner, by another member and by an outsider.
      const attempts: [string, (m: Membership, owner: string, to: string, tokenId: bigint) => Promise<unknown>][] = [
        ["transferFrom", (m, owner, to, t) => m.transferFrom(owner, to, t)],
        ["safeTransferFrom", (m, owner, to, t) => m["safeTransferFrom(address,address,uint256)"](owner, to, t)],
        [
          "safeTransferFrom with data",
          (m, owner, to, t) => m["safeTransferFrom(address,address,uint256,bytes)"](owner, to, t, "0x1234"),
        ],
        ["approve", (m, _owner, to, t) => m.approve(to, t)],
      ];
      for (const [label, attempt] of attempts) {
        it(`${label} reverts with MembershipBadgeLocked whoever calls it`, async () => {
          const w = await coreFixture();
          const owner = nth(w.members, 0);
          const callers = [owner, nth(w.members, 1), w.manager, w.outsider(0), w.asTimelock];
          for (const caller of callers) {
            for (const to of [w.outsider(1).address, nth(w.members, 2).address, caller.address]) {
              await expect(attempt(w.membership.connect(caller), owner.address, to, tokenId(owner)), caller.address)
                .to.be.revertedWithCustomError(w.membership, "MembershipBadgeLocked")
                .withArgs(tokenId(owner));
            }
          }
          expect(await w.membership.ownerOf(tokenId(owner))).to.equal(owner.address);
          expect(await w.membership.getApproved(tokenId(owner))).to.equal(ZeroAddress);
        });
      }

      it("setApprovalForAll reverts with MembershipBadgeLocked, granting or revoking", async () => {
        const w = await coreFixture();
        for (const caller of [nth(w.members, 0), w.outsider(0)]) {
          for (const approved of [true, false]) {
            await expect(w.membership.connect(caller).setApprovalForAll(w.outsider(1).address, approved))
              .to.be.revertedWithCustomError(w.membership, "MembershipBadgeLocked")
              .withArgs(0n);
          }
        }
      });
    });
  });

  describe("votes: timestamp clock, one vote per active member, no delegation", () => {
    it("uses the block timestamp as its ERC-6372 clock", async () => {
      const w = await coreFixture();
      await networkHelpers.mine();
      expect(await w.membership.clock()).to.equal(BigInt(await latest()));
      expect(await w.membership.CLOCK_MODE()).to.equal("mode=timestamp");
    });

    it("every account delegates to itself and delegation reverts", async () => {
      const w = await coreFixture();
      for (const account of [nth(w.members, 0), w.outsider(0)]) {
        expect(await w.membership.delegates(account.address)).to.equal(account.address);
        for (const delegatee of [w.outsider(1).address, account.address, ZeroAddress]) {
          await expect(w.membership.connect(account).delegate(delegatee)).to.be.revertedWithCustomError(
            w.membership,
            "MembershipVotesNotDelegable",
          );
        }
      }
    });

    it("delegation by signature reverts too, even with a valid signature", async () => {
      const w = await coreFixture();
      const signer = Wallet.createRandom();
      const expiry = BigInt(await latest()) + 3600n;
      const signature = await signTyped(
        w.membership,
        signer,
        {
          Delegation: [
            { name: "delegatee", type: "address" },
            { name: "nonce", type: "uint256" },
            { name: "expiry", type: "uint256" },
          ],
        },
        { delegatee: w.outsider(1).address, nonce: 0n, expiry },
      );
      const { v, r, s } = Signature.from(signature);
      await expect(
        w.membership.delegateBySig(w.outsider(1).address, 0n, expiry, v, r, s),
      ).to.be.revertedWithCustomError(w.membership, "MembershipVotesNotDelegable");
      await expect(w.membership.delegateBySig(w.outsider(1).address, 0n, 1n, v, r, s))
        .to.be.revertedWithCustomError(w.membership, "VotesExpiredSignature")
        .withArgs(1n);
    });

    it("refuses lookups at the present or in the future", async () => {
      const w = await coreFixture();
      await networkHelpers.mine();
      const now = BigInt(await latest());
      for (const timepoint of [now, now + 1000n]) {
        await expect(w.membership.getPastVotes(w.manager.address, timepoint))
          .to.be.revertedWithCustomError(w.membership, "ERC5805FutureLookup")
          .withArgs(timepoint, now);
        await expect(w.membership.getPastTotalSupply(timepoint))
          .to.be.revertedWithCustomError(w.membership, "ERC5805FutureLookup")
          .withArgs(timepoint, now);
      }
    });

    it("the vote at a snapshot stays whatever happens later: suspension, reinstatement, leaving, admissions", async () => {
      const w = await coreFixture();
      const [member, leader] = [nth(w.members, 0), nth(w.leaders, 0)];
      await networkHelpers.mine();
      const snapshot = BigInt(await latest());
      await networkHelpers.mine();
      const total = await w.membership.getPastTotalSupply(snapshot);
      await w.membership.connect(leader).suspend(member.address, reason("x"));
      expect(await w.membership.getPastVotes(member.address, snapshot)).to.equal(1n);
      expect(await w.membership.getVotes(member.address)).to.equal(1n);
      await w.membership.connect(leader).reinstate(member.address);
      await w.membership.connect(member).leave();
      expect(await w.membership.getPastVotes(member.address, snapshot)).to.equal(1n);
      expect(await w.membership.getVotes(member.address)).to.equal(0n);
      // a newcomer admitted after the snapshot had no vote at it, nor after their activation
      await admitNewcomer(w, w.outsider(0), "late");
      await activateVotes(w, [w.outsider(0)]);
      expect(await w.membership.getPastVotes(w.outsider(0).address, snapshot)).to.equal(0n);
      expect(await w.membership.getPastTotalSupply(snapshot)).to.equal(total);
    });

    describe("vote history against an independent model", () => {
      /** What each account's vote and the total were after each change, by timestamp. */
      class VoteModel {
        private readonly changes = new Map<string, { at: number; votes: number }[]>();
        private readonly totals: { at: number; total: number }[] = [];

        constructor(initial: readonly string[], at: number) {
          for (const account of initial) this.changes.set(account, [{ at, votes: 1 }]);
          this.totals.push({ at, total: initial.length });
        }

        set(account: string, at: number, votes: number): void {
          const list = this.changes.get(account) ?? [];
          const previous = this.votesAt(account, at);
          list.push({ at, votes });
          this.changes.set(account, list);
          const total = this.totalAt(at) + votes - previous;
          this.totals.push({ at, total });
        }

        votesAt(account: string, timepoint: number): number {
          let votes = 0;
          for (const c of this.changes.get(account) ?? []) if (c.at <= timepoint) votes = c.votes;
          return votes;
        }

        totalAt(timepoint: number): number {
          let total = 0;
          for (const t of this.totals) if (t.at <= timepoint) total = t.total;
          return total;
        }

        /** Every timestamp at which something changed, with its neighbours. */
        interesting(): number[] {
          const points = new Set<number>();
          for (const t of this.totals) for (const d of [-1, 0, 1]) points.add(t.at + d);
          return [...points].sort((a, b) => a - b);
        }
      }

      async function compare(m: Membership, model: VoteModel, accounts: readonly string[], timepoints: number[]) {
        const now = await latest();
        const observed: string[] = [];
        for (const t of timepoints.filter((t) => t < now && t >= 0)) {
          expect(await m.getPastTotalSupply(t), `total at ${t}`).to.equal(BigInt(model.totalAt(t)));
          for (const account of accounts) {
            const votes = await m.getPastVotes(account, t);
            expect(votes, `votes of ${account} at ${t}`).to.equal(BigInt(model.votesAt(account, t)));
            observed.push(`${account}@${t}=${votes}`);
          }
        }
        return observed;
      }

      /** Sends `calls` into one block (so they share its timestamp) and returns that timestamp. */
      async function inOneBlock(calls: (() => Promise<ContractTransactionResponse>)[]): Promise<number> {
        await networkHelpers.mine();
        await ethers.provider.send("evm_setAutomine", [false]);
        try {
          const sent: ContractTransactionResponse[] = [];
          for (const call of calls) sent.push(await call());
          await networkHelpers.mine();
          const receipts = await Promise.all(sent.map((tx) => tx.wait()));
          const blocks = new Set(receipts.map((r) => r?.blockNumber));
          expect(blocks.size, "all in one block").to.equal(1);
          expect(receipts.every((r) => r?.status === 1)).to.equal(true);
        } finally {
          await ethers.provider.send("evm_setAutomine", [true]);
        }
        return latest();
      }

      it("a vote change costs the same gas whether or not another one happened in the same second", async () => {
        const w = await coreFixture();
        const gas = { gasLimit: 1_000_000n };
        const accounts = [0, 1, 2, 3, 4, 5].map((i) => w.outsider(i));
        for (const [i, a] of accounts.entries()) await admitNewcomer(w, a, `same-second-${i}`);
        await networkHelpers.time.increase(TEST_SETTINGS.probationPeriod);
        const used = async (sent: Promise<ContractTransactionResponse>) => (await (await sent).wait())?.gasUsed;
        const [a, b, c, d, e, f] = accounts.map((x) => x.address) as [string, string, string, string, string, string];
        // alone in its second, then second in a block (the same timestamp) after another vote change
        await used(w.membership.activateVote(a, gas));
        await used(w.membership.activateVote(e, gas));
        await networkHelpers.time.increase(5);
        const alone = await used(w.membership.activateVote(b, gas));
        await inOneBlock([() => w.membership.activateVote(c, gas), () => w.membership.activateVote(d, gas)]);
        const logs = await w.membership.queryFilter(w.membership.filters.VoteActivated(d));
        const inSameSecond = (await nth(logs, 0).getTransactionReceipt()).gasUsed;
        expect(inSameSecond).to.equal(alone);
        // the same for leaving (the vote ends): alone, and after another vote change in the same second
        await networkHelpers.time.increase(5);
        const leftAlone = await used(w.membership.connect(w.outsider(4)).leave(gas));
        await inOneBlock([
          () => w.membership.activateVote(f, gas),
          () => w.membership.connect(w.outsider(2)).leave(gas),
        ]);
        const left = await w.membership.queryFilter(w.membership.filters.MemberLeft(c));
        expect((await nth(left, 0).getTransactionReceipt()).gasUsed).to.equal(leftAlone);
      });

      it("getPastVotes and getPastTotalSupply match the model at every second, and never change afterwards", async () => {
        const w = await coreFixture();
        const leader = nth(w.leaders, 0);
        const gas = { gasLimit: 1_000_000n };
        const [a, b, c] = [w.outsider(0), w.outsider(1), w.outsider(2)];
        const [m0, m1] = [nth(w.members, 0), nth(w.members, 1)];
        const deployedAt = Number(await w.membership.memberSince(w.manager.address));
        const model = new VoteModel(
          founders(w).map((f) => f.address),
          deployedAt,
        );
        const tracked = [a.address, b.address, c.address, m0.address, m1.address, w.manager.address];
        const step = async (gap: number, call: () => Promise<ContractTransactionResponse>) => {
          await networkHelpers.time.setNextBlockTimestamp((await latest()) + gap);
          return minedAt(call());
        };

        const probation = TEST_SETTINGS.probationPeriod;
        await w.membership.connect(a).applyForMembership(profileHash("a"));
        await w.membership.connect(b).applyForMembership(profileHash("b"));
        await w.membership.connect(c).applyForMembership(profileHash("c"));
        // admissions, suspensions and reinstatements change no vote
        const admittedA = await step(7, () => w.membership.connect(leader).admit(a.address));
        await step(1, () => w.membership.connect(leader).suspend(m0.address, reason("x")));
        await step(13, () => w.membership.connect(leader).admit(b.address));
        await step(2, () => w.membership.connect(leader).admit(c.address));
        await step(30, () => w.membership.connect(leader).reinstate(m0.address));
        model.set(m1.address, await step(5, () => w.membership.connect(m1).leave()), 0);
        const startEnds = await latest();

        // votes count from activation, after the probation period
        model.set(
          a.address,
          await step(admittedA + probation - (await latest()), () => w.membership.activateVote(a.address)),
          1,
        );
        // several changes within the same timestamp: each vote change is written at that second
        await networkHelpers.time.increase(probation);
        const sameAt = await inOneBlock([
          () => w.membership.activateVote(b.address, gas),
          () => w.membership.connect(leader).suspend(c.address, reason("x"), gas),
          () => w.membership.activateVote(c.address, gas),
          () => w.membership.connect(leader).reinstate(c.address, gas),
        ]);
        model.set(b.address, sameAt, 1);
        model.set(c.address, sameAt, 1);
        await networkHelpers.mine();
        const midwayNow = await latest();
        const midway = model.interesting().filter((t) => t < midwayNow);
        const observedMidway = await compare(w.membership, model, tracked, midway);

        model.set(b.address, await step(3, () => w.membership.connect(b).leave()), 0);
        await w.membership.connect(m1).applyForMembership(profileHash("m1-again"));
        await step(365 * 86_400, () => w.membership.connect(leader).admit(m1.address));
        model.set(m1.address, await step(probation, () => w.membership.activateVote(m1.address)), 1);
        const bothAt = await inOneBlock([
          () => w.membership.connect(a).leave(gas),
          () => w.membership.connect(w.asTimelock).remove(m1.address, reason("x"), gas),
        ]);
        model.set(a.address, bothAt, 0);
        model.set(m1.address, bothAt, 0);
        await step(1, () => w.membership.connect(leader).suspend(m0.address, reason("x")));
        model.set(
          m0.address,
          await step(1, () => w.membership.connect(w.asTimelock).remove(m0.address, reason("x"))),
          0,
        );
        await networkHelpers.mine();

        // The past seen midway reads the same now; and every second of the eventful start is checked.
        expect(await compare(w.membership, model, tracked, midway)).to.deep.equal(observedMidway);
        const everySecond = Array.from({ length: startEnds + 3 - (deployedAt - 2) }, (_, i) => deployedAt - 2 + i);
        await compare(w.membership, model, tracked, [...new Set([...everySecond, ...model.interesting()])]);
        expect(await w.membership.voterCount()).to.equal(BigInt(model.totalAt(await latest())));
        for (const account of tracked) {
          expect(await w.membership.getVotes(account)).to.equal(BigInt(model.votesAt(account, await latest())));
        }
      });
    });
  });
});
