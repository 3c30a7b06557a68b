import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { encodeBytes32String, id, ZeroAddress, ZeroHash } from "ethers";

import type { WeconetGovernor } from "../typechain-types/index.js";
import { WeconetTimelock__factory } from "../typechain-types/index.js";
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
import { applicantAndSuspended, coreFixture, type Core } from "./helpers/fixtures.js";
import {
  CANCELLER_ROLE,
  castVotes,
  enact,
  endVoting,
  founders,
  propose,
  proposalOf,
  PROPOSER_ROLE,
  startVoting,
  Vote,
} from "./helpers/governance.js";
import { ethers, networkHelpers } from "./helpers/network.js";

const MARKET_FEE_BPS = encodeBytes32String("marketFeeBps");
/** Solidity's panic code for popping an empty array or queue (the governor's check that a call was voted). */
const PANIC_EMPTY_POP = 0x31;

/** Everyone who might call a restricted function. */
const ACTORS = [
  "outsider",
  "applicant",
  "member",
  "suspendedMember",
  "developer",
  "leader",
  "suspendedLeader",
  "manager",
  "deployer",
  "governor",
  "timelock",
] as const;
type Actor = (typeof ACTORS)[number];

/** Mirrors `IMembership.Status`, for the status each actor has in the matrix's network. */
const STATUS_OF: Record<Actor, bigint> = {
  outsider: 0n,
  applicant: 1n,
  member: 2n,
  suspendedMember: 3n,
  developer: 2n,
  leader: 2n,
  suspendedLeader: 3n,
  manager: 2n,
  deployer: 0n,
  governor: 0n,
  timelock: 0n,
};

/** The network every matrix row starts from: one account in each situation, plus things to act on. */
interface Setup extends Core {
  actor: Record<Actor, HardhatEthersSigner>;
  /** A second applicant and an active plain member, suspended plain member: the targets of leaders' actions. */
  targetApplicant: HardhatEthersSigner;
  targetMember: HardhatEthersSigner;
  /** When {admitTarget} admitted the target applicant (0 before). */
  targetAdmittedAt: bigint;
  /** A resource of `actor.member`, and one of `actor.suspendedMember` (registered before the suspension). */
  memberResource: bigint;
  suspendedResource: bigint;
  bikeClass: bigint;
  /** An operation the governor scheduled on the timelock, pending until the minimum delay has passed. */
  scheduled: { target: string; data: string; salt: string; id: string };
  /** A proposal `actor.member` made, still pending. */
  pendingProposal: { id: bigint; args: ReturnType<typeof proposalOf> };
}

async function deployMatrixNetwork(): Promise<Setup> {
  const w = await coreFixture();
  const [applicant, targetApplicant] = [w.outsider(1), w.outsider(2)];
  const [member, suspendedMember, targetMember] = [nth(w.members, 0), nth(w.members, 1), nth(w.members, 2)];
  const [leader, suspendedLeader] = [nth(w.leaders, 0), nth(w.leaders, 1)];
  await w.membership.connect(applicant).applyForMembership(profileHash("applicant"));
  await w.membership.connect(targetApplicant).applyForMembership(profileHash("target"));

  const bikeClass = await w.taxonomy.attributeId("bike");
  await w.resources.connect(member).register(bikeClass, id("member's bike"));
  await w.resources.connect(suspendedMember).register(bikeClass, id("suspended member's bike"));

  await w.socketDirectory.connect(member).setSocket("https://member.example.org");
  await w.socketDirectory.connect(suspendedMember).setSocket("https://suspended.example.org");

  await w.membership.connect(leader).suspend(suspendedMember.address, reason("spam"));
  await w.membership.connect(w.manager).suspend(suspendedLeader.address, reason("inactive"));

  const target = await w.networkRules.getAddress();
  const data = w.networkRules.interface.encodeFunctionData("setRule", [MARKET_FEE_BPS, 200n]);
  const salt = id("scheduled");
  await w.timelock.connect(w.asGovernor).schedule(target, 0n, data, ZeroHash, salt, TEST_SETTINGS.timelockMinDelay);
  const scheduledId = await w.timelock.hashOperation(target, 0n, data, ZeroHash, salt);

  const args = proposalOf([{ target, data }], "# Pending proposal\n\nRaise the fee to 2%.");
  const pendingId = await propose(w, args, member);

  return {
    ...w,
    actor: {
      outsider: w.outsider(0),
      applicant,
      member,
      suspendedMember,
      developer: w.developer,
      leader,
      suspendedLeader,
      manager: w.manager,
      deployer: w.deployer,
      governor: w.asGovernor,
      timelock: w.asTimelock,
    },
    targetApplicant,
    targetMember,
    targetAdmittedAt: 0n,
    memberResource: 1n,
    suspendedResource: 2n,
    bikeClass,
    scheduled: { target, data, salt, id: scheduledId },
    pendingProposal: { id: pendingId, args },
  };
}

function matrixFixture(): Promise<Setup> {
  return networkHelpers.loadFixture(deployMatrixNetwork);
}

/** What a refused call must revert with. */
type Refusal =
  { contract: { interface: unknown }; error: string; args: unknown[] } | { panic: number; contract?: undefined };

interface Row {
  /** The function and the situation, e.g. "Membership.suspend(a plain member)". */
  fn: string;
  allowed: readonly Actor[];
  call(s: Setup, as: HardhatEthersSigner): Promise<unknown>;
  /** The custom error a caller not in `allowed` gets. */
  refusal(s: Setup, actor: Actor, as: HardhatEthersSigner): Refusal;
  /** An event an allowed call emits, to prove it did its job. */
  emits?: (s: Setup) => [contract: { interface: unknown }, event: string];
}

// ---- refusals shared by many rows ---------------------------------------------------------------------------

const missingRole =
  (role: string): Row["refusal"] =>
  (s, _actor, as) => ({ contract: s.membership, error: "AccessControlUnauthorizedAccount", args: [as.address, role] });

/** A leader's function: a suspended leader holds the role but is not an active member. */
const leadersOnly: Row["refusal"] = (s, actor, as) =>
  actor === "suspendedLeader"
    ? { contract: s.membership, error: "MembershipNotActiveMember", args: [as.address] }
    : missingRole(LEADER_ROLE)(s, actor, as);

const invalidStatus: Row["refusal"] = (s, actor, as) => ({
  contract: s.membership,
  error: "MembershipInvalidStatus",
  args: [as.address, STATUS_OF[actor]],
});

const managerMustBeReplaced: Row["refusal"] = (s) => ({
  contract: s.membership,
  error: "MembershipManagerMustBeReplaced",
  args: [s.manager.address],
});

/** The `Authority` of a suspension by the manager, and by the members' vote. */
const MANAGER_AUTHORITY = 2n;
const MEMBERS_VOTE = 3n;

/**
 * Reinstating a suspension imposed by `imposedBy`: the overseers in `lower` (who may reinstate otherwise) have too
 * low an authority; anyone else is no overseer (a leader's function).
 */
const lowerAuthority =
  (imposedBy: bigint, lower: readonly Actor[]): Row["refusal"] =>
  (s, actor, as) =>
    lower.includes(actor)
      ? {
          contract: s.membership,
          error: "MembershipSuspendedByHigherAuthority",
          args: [s.targetMember.address, imposedBy],
        }
      : leadersOnly(s, actor, as);

/** The first leader admits the target applicant (who then is on probation); remembers when. */
async function admitTarget(s: Setup): Promise<void> {
  await (await s.membership.connect(s.actor.leader).admit(s.targetApplicant.address)).wait();
  s.targetAdmittedAt = BigInt(await networkHelpers.time.latest());
}

const managerIsAppointed: Row["refusal"] = (s) => ({
  contract: s.membership,
  error: "MembershipManagerIsAppointed",
  args: [],
});

const notGovernance =
  (contract: (s: Setup) => { interface: unknown }): Row["refusal"] =>
  (s, _actor, as) => ({ contract: contract(s), error: "NotGovernance", args: [as.address] });

/** The governor's own settings change only through an executed proposal: even the timelock calling directly fails. */
const onlyExecutedProposals: Row["refusal"] = (s, actor, as) =>
  actor === "timelock"
    ? { panic: PANIC_EMPTY_POP }
    : { contract: s.governor, error: "GovernorOnlyExecutor", args: [as.address] };

const timelockRole =
  (role: string): Row["refusal"] =>
  (s, _actor, as) => ({ contract: s.timelock, error: "AccessControlUnauthorizedAccount", args: [as.address, role] });

/** Only the owner of resource `id` may change it, and only while an active member (`owner` is that actor). */
const notOwnerOf =
  (id: (s: Setup) => bigint, owner?: Actor): Row["refusal"] =>
  (s, actor, as) =>
    actor === owner
      ? { contract: s.resources, error: "ResourcesNotActiveMember", args: [as.address] }
      : { contract: s.resources, error: "ResourcesNotOwner", args: [id(s), as.address] };

const ACTIVE_MEMBERS: readonly Actor[] = ["member", "developer", "leader", "manager"];

// ---- the matrix ---------------------------------------------------------------------------------------------

const ROWS: Row[] = [
  // Membership: leaders' work
  {
    fn: "Membership.admit",
    allowed: ["leader"],
    call: (s, as) => s.membership.connect(as).admit(s.targetApplicant.address),
    refusal: leadersOnly,
    emits: (s) => [s.membership, "MemberAdmitted"],
  },
  {
    fn: "Membership.rejectApplication",
    allowed: ["leader"],
    call: (s, as) => s.membership.connect(as).rejectApplication(s.targetApplicant.address, reason("incomplete")),
    refusal: leadersOnly,
    emits: (s) => [s.membership, "ApplicationRejected"],
  },
  {
    fn: "Membership.suspend(a plain member)",
    allowed: ["leader", "manager", "timelock"],
    call: (s, as) => s.membership.connect(as).suspend(s.targetMember.address, reason("spam")),
    refusal: leadersOnly,
    emits: (s) => [s.membership, "MemberSuspended"],
  },
  {
    fn: "Membership.reinstate(a plain member)",
    allowed: ["leader", "manager", "timelock"],
    call: (s, as) => s.membership.connect(as).reinstate(s.actor.suspendedMember.address),
    refusal: leadersOnly,
    emits: (s) => [s.membership, "MemberReinstated"],
  },
  {
    fn: "Membership.suspend(a leader)",
    allowed: ["manager", "timelock"],
    call: (s, as) => s.membership.connect(as).suspend(s.actor.leader.address, reason("abuse")),
    refusal: missingRole(MANAGER_ROLE),
    emits: (s) => [s.membership, "MemberSuspended"],
  },
  {
    fn: "Membership.reinstate(a leader)",
    allowed: ["manager", "timelock"],
    call: (s, as) => s.membership.connect(as).reinstate(s.actor.suspendedLeader.address),
    refusal: missingRole(MANAGER_ROLE),
    emits: (s) => [s.membership, "MemberReinstated"],
  },
  {
    fn: "Membership.suspend(the manager)",
    allowed: ["timelock"],
    call: (s, as) => s.membership.connect(as).suspend(s.manager.address, reason("abuse")),
    refusal: missingRole(DEFAULT_ADMIN_ROLE),
    emits: (s) => [s.membership, "MemberSuspended"],
  },
  {
    fn: "Membership.reinstate(the manager the members' vote suspended)",
    allowed: ["timelock"],
    call: async (s, as) => {
      await (await s.membership.connect(s.asTimelock).suspend(s.manager.address, reason("abuse"))).wait();
      return s.membership.connect(as).reinstate(s.manager.address);
    },
    refusal: missingRole(DEFAULT_ADMIN_ROLE),
    emits: (s) => [s.membership, "MemberReinstated"],
  },
  {
    fn: "Membership.reinstate(a plain member the members' vote suspended)",
    allowed: ["timelock"],
    call: async (s, as) => {
      await (await s.membership.connect(s.asTimelock).suspend(s.targetMember.address, reason("fraud"))).wait();
      return s.membership.connect(as).reinstate(s.targetMember.address);
    },
    refusal: lowerAuthority(MEMBERS_VOTE, ["leader", "manager"]),
    emits: (s) => [s.membership, "MemberReinstated"],
  },
  {
    fn: "Membership.reinstate(a plain member the manager suspended)",
    allowed: ["manager", "timelock"],
    call: async (s, as) => {
      await (await s.membership.connect(s.manager).suspend(s.targetMember.address, reason("fraud"))).wait();
      return s.membership.connect(as).reinstate(s.targetMember.address);
    },
    refusal: lowerAuthority(MANAGER_AUTHORITY, ["leader"]),
    emits: (s) => [s.membership, "MemberReinstated"],
  },
  {
    fn: "Membership.activateVote(a newcomer whose probation is over)",
    allowed: ACTORS,
    call: async (s, as) => {
      await admitTarget(s);
      await networkHelpers.time.increase(TEST_SETTINGS.probationPeriod);
      return s.membership.connect(as).activateVote(s.targetApplicant.address);
    },
    refusal: missingRole(DEFAULT_ADMIN_ROLE), // never used: everyone may
    emits: (s) => [s.membership, "VoteActivated"],
  },
  {
    fn: "Membership.activateVote(a newcomer on probation)",
    allowed: [],
    call: async (s, as) => {
      await admitTarget(s);
      return s.membership.connect(as).activateVote(s.targetApplicant.address);
    },
    refusal: (s) => ({
      contract: s.membership,
      error: "MembershipProbationNotOver",
      args: [s.targetApplicant.address, s.targetAdmittedAt + BigInt(TEST_SETTINGS.probationPeriod)],
    }),
  },
  // Membership: the members' vote
  {
    fn: "Membership.remove",
    allowed: ["timelock"],
    call: (s, as) => s.membership.connect(as).remove(s.targetMember.address, reason("fraud")),
    refusal: missingRole(DEFAULT_ADMIN_ROLE),
    emits: (s) => [s.membership, "MemberRemoved"],
  },
  {
    fn: "Membership.remove(the manager)",
    allowed: [],
    call: (s, as) => s.membership.connect(as).remove(s.manager.address, reason("fraud")),
    refusal: (s, actor, as) =>
      actor === "timelock" ? managerMustBeReplaced(s, actor, as) : missingRole(DEFAULT_ADMIN_ROLE)(s, actor, as),
  },
  {
    fn: "Membership.appointManager",
    allowed: ["timelock"],
    call: (s, as) => s.membership.connect(as).appointManager(s.targetMember.address),
    refusal: missingRole(DEFAULT_ADMIN_ROLE),
    emits: (s) => [s.membership, "ManagerAppointed"],
  },
  {
    fn: "Membership.grantRole(LEADER_ROLE)",
    allowed: ["timelock"],
    call: (s, as) => s.membership.connect(as).grantRole(LEADER_ROLE, s.targetMember.address),
    refusal: missingRole(DEFAULT_ADMIN_ROLE),
    emits: (s) => [s.membership, "RoleGranted"],
  },
  {
    fn: "Membership.revokeRole(LEADER_ROLE)",
    allowed: ["timelock"],
    call: (s, as) => s.membership.connect(as).revokeRole(LEADER_ROLE, s.actor.leader.address),
    refusal: missingRole(DEFAULT_ADMIN_ROLE),
    emits: (s) => [s.membership, "RoleRevoked"],
  },
  {
    fn: "Membership.grantRole(DEFAULT_ADMIN_ROLE)",
    allowed: ["timelock"],
    call: (s, as) => s.membership.connect(as).grantRole(DEFAULT_ADMIN_ROLE, s.targetMember.address),
    refusal: missingRole(DEFAULT_ADMIN_ROLE),
    emits: (s) => [s.membership, "RoleGranted"],
  },
  // Membership: developers, granted by leaders
  {
    fn: "Membership.grantRole(DEVELOPER_ROLE)",
    allowed: ["leader"],
    call: (s, as) => s.membership.connect(as).grantRole(DEVELOPER_ROLE, s.targetMember.address),
    refusal: leadersOnly,
    emits: (s) => [s.membership, "RoleGranted"],
  },
  {
    fn: "Membership.revokeRole(DEVELOPER_ROLE)",
    allowed: ["leader"],
    call: (s, as) => s.membership.connect(as).revokeRole(DEVELOPER_ROLE, s.developer.address),
    refusal: leadersOnly,
    emits: (s) => [s.membership, "RoleRevoked"],
  },
  // Membership: the manager role moves only by appointment
  {
    fn: "Membership.grantRole(MANAGER_ROLE)",
    allowed: [],
    call: (s, as) => s.membership.connect(as).grantRole(MANAGER_ROLE, s.targetMember.address),
    refusal: managerIsAppointed,
  },
  {
    fn: "Membership.revokeRole(MANAGER_ROLE)",
    allowed: [],
    call: (s, as) => s.membership.connect(as).revokeRole(MANAGER_ROLE, s.manager.address),
    refusal: managerIsAppointed,
  },
  {
    fn: "Membership.renounceRole(MANAGER_ROLE)",
    allowed: [],
    call: (s, as) => s.membership.connect(as).renounceRole(MANAGER_ROLE, as.address),
    refusal: managerIsAppointed,
  },
  // Membership: what each account does for itself, by status
  {
    fn: "Membership.applyForMembership",
    allowed: ["outsider", "deployer", "governor", "timelock"],
    call: (s, as) => s.membership.connect(as).applyForMembership(profileHash("again")),
    refusal: invalidStatus,
    emits: (s) => [s.membership, "MembershipApplied"],
  },
  {
    fn: "Membership.withdrawApplication",
    allowed: ["applicant"],
    call: (s, as) => s.membership.connect(as).withdrawApplication(),
    refusal: invalidStatus,
    emits: (s) => [s.membership, "ApplicationWithdrawn"],
  },
  {
    fn: "Membership.updateProfile",
    allowed: ["applicant", ...ACTIVE_MEMBERS],
    call: (s, as) => s.membership.connect(as).updateProfile(profileHash("new")),
    refusal: invalidStatus,
    emits: (s) => [s.membership, "ProfileUpdated"],
  },
  {
    fn: "Membership.leave",
    allowed: ["member", "suspendedMember", "developer", "leader", "suspendedLeader"],
    call: (s, as) => s.membership.connect(as).leave(),
    refusal: (s, actor, as) =>
      actor === "manager" ? managerMustBeReplaced(s, actor, as) : invalidStatus(s, actor, as),
    emits: (s) => [s.membership, "MemberLeft"],
  },
  // Resources: active members, and only the owner of a resource
  {
    fn: "Resources.register",
    allowed: ACTIVE_MEMBERS,
    call: (s, as) => s.resources.connect(as).register(s.bikeClass, id("a bike")),
    refusal: (s, _actor, as) => ({ contract: s.resources, error: "ResourcesNotActiveMember", args: [as.address] }),
    emits: (s) => [s.resources, "ResourceRegistered"],
  },
  {
    fn: "Resources.update",
    allowed: ["member"],
    call: (s, as) => s.resources.connect(as).update(s.memberResource, s.bikeClass, id("repainted")),
    refusal: notOwnerOf((s) => s.memberResource),
    emits: (s) => [s.resources, "ResourceUpdated"],
  },
  {
    fn: "Resources.setActive",
    allowed: ["member"],
    call: (s, as) => s.resources.connect(as).setActive(s.memberResource, false),
    refusal: notOwnerOf((s) => s.memberResource),
    emits: (s) => [s.resources, "ResourceActiveSet"],
  },
  {
    fn: "Resources.update(a suspended owner's resource)",
    allowed: [],
    call: (s, as) => s.resources.connect(as).update(s.suspendedResource, s.bikeClass, id("repainted")),
    refusal: notOwnerOf((s) => s.suspendedResource, "suspendedMember"),
  },
  {
    fn: "Resources.setActive(a suspended owner's resource)",
    allowed: [],
    call: (s, as) => s.resources.connect(as).setActive(s.suspendedResource, false),
    refusal: notOwnerOf((s) => s.suspendedResource, "suspendedMember"),
  },
  // NetworkRules and Taxonomy: the timelock only
  {
    fn: "NetworkRules.setRule",
    allowed: ["timelock"],
    call: (s, as) => s.networkRules.connect(as).setRule(MARKET_FEE_BPS, 250n),
    refusal: notGovernance((s) => s.networkRules),
    emits: (s) => [s.networkRules, "RuleChanged"],
  },
  {
    fn: "Taxonomy.addAttribute",
    allowed: ["timelock"],
    call: (s, as) => s.taxonomy.connect(as).addAttribute({ name: "boat", domain: 1, dataType: 0, parent: 0 }),
    refusal: notGovernance((s) => s.taxonomy),
    emits: (s) => [s.taxonomy, "AttributeAdded"],
  },
  {
    fn: "Taxonomy.addAttributes",
    allowed: ["timelock"],
    call: (s, as) => s.taxonomy.connect(as).addAttributes([{ name: "boat", domain: 1, dataType: 0, parent: 0 }]),
    refusal: notGovernance((s) => s.taxonomy),
    emits: (s) => [s.taxonomy, "AttributeAdded"],
  },
  {
    fn: "Taxonomy.deprecateAttribute",
    allowed: ["timelock"],
    call: (s, as) => s.taxonomy.connect(as).deprecateAttribute(1),
    refusal: notGovernance((s) => s.taxonomy),
    emits: (s) => [s.taxonomy, "AttributeDeprecated"],
  },
  // SocketDirectory: a member names and drops only their own pointer; the timelock alone sets the default
  {
    fn: "SocketDirectory.setSocket",
    allowed: ACTIVE_MEMBERS,
    call: (s, as) => s.socketDirectory.connect(as).setSocket("https://socket.example.net"),
    refusal: (s, _actor, as) => ({
      contract: s.socketDirectory,
      error: "SocketDirectoryNotActiveMember",
      args: [as.address],
    }),
    emits: (s) => [s.socketDirectory, "SocketSet"],
  },
  {
    fn: "SocketDirectory.clearSocket",
    // whoever holds a pointer (also while suspended: it only reverts them to the default)
    allowed: ["member", "suspendedMember"],
    call: (s, as) => s.socketDirectory.connect(as).clearSocket(),
    refusal: (s, _actor, as) => ({ contract: s.socketDirectory, error: "SocketDirectoryNoSocket", args: [as.address] }),
    emits: (s) => [s.socketDirectory, "SocketCleared"],
  },
  {
    fn: "SocketDirectory.setDefaultSocket",
    allowed: ["timelock"],
    call: (s, as) => s.socketDirectory.connect(as).setDefaultSocket("https://commons.example.net"),
    refusal: notGovernance((s) => s.socketDirectory),
    emits: (s) => [s.socketDirectory, "DefaultSocketSet"],
  },
  // ReceiptAnchors: any operator anchors its own log
  {
    fn: "ReceiptAnchors.anchor",
    allowed: ACTORS,
    call: (s, as) => s.receiptAnchors.connect(as).anchor(id("heads"), 1n),
    refusal: () => {
      throw new Error("anchor is open to everyone");
    },
    emits: (s) => [s.receiptAnchors, "ReceiptsAnchored"],
  },
  // WeconetGovernor: the members' propose; its settings change only through an executed proposal
  {
    fn: "WeconetGovernor.propose",
    allowed: ACTIVE_MEMBERS,
    call: async (s, as) => {
      const p = s.pendingProposal.args;
      return s.governor.connect(as).propose(p.targets, p.values, p.calldatas, "# Another proposal\n\nSame change.");
    },
    // only active members propose: a suspended member keeps the vote but may not propose
    refusal: (s, _actor, as) => ({
      contract: s.governor,
      error: "WeconetGovernorProposerNotActive",
      args: [as.address],
    }),
    emits: (s) => [s.governor, "ProposalCreated"],
  },
  {
    fn: "WeconetGovernor.cancel",
    allowed: ["member"],
    call: (s, as) => {
      const p = s.pendingProposal.args;
      return s.governor.connect(as).cancel(p.targets, p.values, p.calldatas, p.descriptionHash);
    },
    refusal: (s, _actor, as) => ({
      contract: s.governor,
      error: "GovernorUnableToCancel",
      args: [s.pendingProposal.id, as.address],
    }),
    emits: (s) => [s.governor, "ProposalCanceled"],
  },
  ...(
    [
      ["relay", (g, s) => g.relay(s.scheduled.target, 0n, "0x")],
      ["updateQuorumNumerator", (g) => g.updateQuorumNumerator(50n)],
      ["setVotingDelay", (g) => g.setVotingDelay(1n)],
      ["setVotingPeriod", (g) => g.setVotingPeriod(60n)],
      ["setProposalThreshold", (g) => g.setProposalThreshold(0n)],
      ["setLateQuorumVoteExtension", (g) => g.setLateQuorumVoteExtension(0n)],
    ] as [string, (governor: WeconetGovernor, s: Setup) => Promise<unknown>][]
  ).map(([name, call]): Row => ({
    fn: `WeconetGovernor.${name}`,
    allowed: [],
    call: (s, as) => call(s.governor.connect(as), s),
    refusal: onlyExecutedProposals,
  })),
  // The timelock is permanent: nobody, not even an executed proposal, may replace it.
  {
    fn: "WeconetGovernor.updateTimelock",
    allowed: [],
    call: (s, as) => s.governor.connect(as).updateTimelock(s.outsider(5).address),
    refusal: (s) => ({ contract: s.governor, error: "WeconetGovernorTimelockIsPermanent", args: [] }),
  },
  // WeconetTimelock: the governor proposes and cancels, anyone executes what is ready, the timelock administers
  {
    fn: "WeconetTimelock.schedule",
    allowed: ["governor"],
    call: (s, as) =>
      s.timelock
        .connect(as)
        .schedule(s.scheduled.target, 0n, s.scheduled.data, ZeroHash, id("other"), TEST_SETTINGS.timelockMinDelay),
    refusal: timelockRole(PROPOSER_ROLE),
    emits: (s) => [s.timelock, "CallScheduled"],
  },
  {
    fn: "WeconetTimelock.scheduleBatch",
    allowed: ["governor"],
    call: (s, as) =>
      s.timelock
        .connect(as)
        .scheduleBatch(
          [s.scheduled.target],
          [0n],
          [s.scheduled.data],
          ZeroHash,
          id("other"),
          TEST_SETTINGS.timelockMinDelay,
        ),
    refusal: timelockRole(PROPOSER_ROLE),
    emits: (s) => [s.timelock, "CallScheduled"],
  },
  {
    fn: "WeconetTimelock.cancel",
    allowed: ["governor"],
    call: (s, as) => s.timelock.connect(as).cancel(s.scheduled.id),
    refusal: timelockRole(CANCELLER_ROLE),
    emits: (s) => [s.timelock, "Cancelled"],
  },
  {
    fn: "WeconetTimelock.execute (a ready operation)",
    allowed: ACTORS,
    call: async (s, as) => {
      await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay);
      return s.timelock.connect(as).execute(s.scheduled.target, 0n, s.scheduled.data, ZeroHash, s.scheduled.salt);
    },
    refusal: () => {
      throw new Error("execute is open to everyone");
    },
    emits: (s) => [s.timelock, "CallExecuted"],
  },
  {
    fn: "WeconetTimelock.updateDelay",
    allowed: ["timelock"],
    call: (s, as) => s.timelock.connect(as).updateDelay(60n),
    refusal: (s, _actor, as) => ({ contract: s.timelock, error: "TimelockUnauthorizedCaller", args: [as.address] }),
    emits: (s) => [s.timelock, "MinDelayChange"],
  },
  {
    fn: "WeconetTimelock.grantRole(PROPOSER_ROLE)",
    allowed: ["timelock"],
    call: (s, as) => s.timelock.connect(as).grantRole(PROPOSER_ROLE, s.outsider(5).address),
    refusal: timelockRole(DEFAULT_ADMIN_ROLE),
    emits: (s) => [s.timelock, "RoleGranted"],
  },
  {
    fn: "WeconetTimelock.revokeRole(PROPOSER_ROLE)",
    allowed: ["timelock"],
    call: (s, as) => s.timelock.connect(as).revokeRole(PROPOSER_ROLE, s.asGovernor.address),
    refusal: timelockRole(DEFAULT_ADMIN_ROLE),
    emits: (s) => [s.timelock, "RoleRevoked"],
  },
];

describe("Roles: every restricted function, called by every role", () => {
  for (const row of ROWS) {
    describe(row.fn, () => {
      for (const actor of ACTORS) {
        const allowed = row.allowed.includes(actor);
        it(`${allowed ? "succeeds" : "reverts"} for the ${actor}`, async () => {
          const s = await matrixFixture();
          const as = s.actor[actor];
          if (allowed) {
            const sent = row.call(s, as);
            if (row.emits === undefined) await expect(sent).not.to.revert(ethers);
            else await expect(sent).to.emit(...row.emits(s));
            return;
          }
          const refusal = row.refusal(s, actor, as);
          if (refusal.contract === undefined) {
            await expect(row.call(s, as)).to.be.revertedWithPanic(refusal.panic);
          } else {
            await expect(row.call(s, as))
              .to.be.revertedWithCustomError(refusal.contract, refusal.error)
              .withArgs(...refusal.args);
          }
        });
      }
    });
  }

  it("executing an operation that is not ready reverts for everyone", async () => {
    const s = await matrixFixture();
    for (const actor of ACTORS) {
      await expect(
        s.timelock
          .connect(s.actor[actor])
          .execute(s.scheduled.target, 0n, s.scheduled.data, ZeroHash, s.scheduled.salt),
      ).to.be.revertedWithCustomError(s.timelock, "TimelockUnexpectedOperationState");
    }
  });
});

describe("Roles: the governor's settings through an executed proposal", () => {
  it("the members' vote changes every voting setting and relays a call", async () => {
    const w = await coreFixture();
    const governor = await w.governor.getAddress();
    const call = (data: string) => ({ target: governor, data });
    const encode = w.governor.interface;
    const { receipt } = await enact(
      w,
      [
        call(encode.encodeFunctionData("setVotingDelay", [120n])),
        call(encode.encodeFunctionData("setVotingPeriod", [7200n])),
        call(encode.encodeFunctionData("setProposalThreshold", [1n])),
        call(encode.encodeFunctionData("setLateQuorumVoteExtension", [1200n])),
        call(encode.encodeFunctionData("updateQuorumNumerator", [30n])),
        call(
          encode.encodeFunctionData("relay", [
            await w.networkRules.getAddress(),
            0n,
            w.networkRules.interface.encodeFunctionData("ruleKeys"),
          ]),
        ),
      ],
      "# Slower, more careful votes\n\nDouble the voting period and raise the quorum to 30%.",
    );
    const events = receipt.logs
      .map((log) => w.governor.interface.parseLog(log))
      .flatMap((e) => (e === null ? [] : [[e.name, ...e.args.map(String)].join(" ")]));
    expect(events).to.include.members([
      "VotingDelaySet 60 120",
      "VotingPeriodSet 3600 7200",
      "ProposalThresholdSet 1 1",
      "LateQuorumVoteExtensionSet 600 1200",
      "QuorumNumeratorUpdated 20 30",
    ]);
    expect(await w.governor.votingDelay()).to.equal(120n);
    expect(await w.governor.votingPeriod()).to.equal(7200n);
    expect(await w.governor.lateQuorumVoteExtension()).to.equal(1200n);
    expect(await w.governor["quorumNumerator()"]()).to.equal(30n);
  });

  it("not even the members' vote moves the governor to another timelock: what it governs is bound to this one", async () => {
    const w = await coreFixture();
    const governor = await w.governor.getAddress();
    const next = await new WeconetTimelock__factory(w.deployer).deploy(60n, [governor], [ZeroAddress], ZeroAddress);
    const p = proposalOf(
      [
        {
          target: governor,
          data: w.governor.interface.encodeFunctionData("updateTimelock", [await next.getAddress()]),
        },
      ],
      "# New timelock\n\nMove execution to a timelock with a shorter delay.",
    );
    const proposalId = await propose(w, p, nth(w.members, 0));
    await startVoting(w.governor, proposalId);
    await castVotes(w.governor, proposalId, founders(w), Vote.For);
    await endVoting(w.governor, proposalId);
    await (await w.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash)).wait();
    await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay + 1);
    await expect(w.governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash)).to.be.revertedWithCustomError(
      w.governor,
      "WeconetGovernorTimelockIsPermanent",
    );
    expect(await w.governor.timelock()).to.equal(await w.timelock.getAddress());
  });
});

describe("Roles: the network manager", () => {
  it("appointManager swaps the role atomically: one manager before and after", async () => {
    const w = await coreFixture();
    const next = nth(w.members, 0);
    await expect(w.membership.connect(w.asTimelock).appointManager(next.address))
      .to.emit(w.membership, "RoleRevoked")
      .withArgs(MANAGER_ROLE, w.manager.address, w.asTimelock.address)
      .and.to.emit(w.membership, "RoleGranted")
      .withArgs(MANAGER_ROLE, next.address, w.asTimelock.address)
      .and.to.emit(w.membership, "ManagerAppointed")
      .withArgs(w.manager.address, next.address);
    expect(await w.membership.manager()).to.equal(next.address);
    const holders = [];
    for (const f of founders(w)) if (await w.membership.hasRole(MANAGER_ROLE, f.address)) holders.push(f.address);
    expect(holders).to.deep.equal([next.address]);
  });

  it("appoints only an active member other than the current manager", async () => {
    const w = await coreFixture();
    const suspended = nth(w.members, 1);
    await w.membership.connect(nth(w.leaders, 0)).suspend(suspended.address, reason("x"));
    await expect(w.membership.connect(w.asTimelock).appointManager(w.manager.address))
      .to.be.revertedWithCustomError(w.membership, "MembershipAlreadyManager")
      .withArgs(w.manager.address);
    for (const account of [suspended.address, w.outsider(0).address, ZeroAddress]) {
      await expect(w.membership.connect(w.asTimelock).appointManager(account))
        .to.be.revertedWithCustomError(w.membership, "MembershipNotActiveMember")
        .withArgs(account);
    }
    expect(await w.membership.manager()).to.equal(w.manager.address);
  });

  it("the former manager can leave, be suspended or removed once replaced; the new one cannot", async () => {
    const w = await coreFixture();
    const [former, next] = [w.manager, nth(w.members, 0)];
    await w.membership.connect(w.asTimelock).appointManager(next.address);
    await expect(w.membership.connect(nth(w.leaders, 0)).suspend(former.address, reason("x"))).to.emit(
      w.membership,
      "MemberSuspended",
    );
    await expect(w.membership.connect(w.asTimelock).remove(former.address, reason("x"))).to.emit(
      w.membership,
      "MemberRemoved",
    );
    await expect(w.membership.connect(next).leave())
      .to.be.revertedWithCustomError(w.membership, "MembershipManagerMustBeReplaced")
      .withArgs(next.address);
    await expect(w.membership.connect(next).suspend(nth(w.leaders, 0).address, reason("x"))).to.emit(
      w.membership,
      "MemberSuspended",
    );
  });
});

describe("Roles: held by active members only", () => {
  it("granting a role to a non-member, an applicant or a suspended member reverts", async () => {
    const w = await coreFixture();
    const { applicant, suspended } = await applicantAndSuspended(w);
    for (const account of [w.outsider(0), applicant, suspended]) {
      await expect(w.membership.connect(w.asTimelock).grantRole(LEADER_ROLE, account.address))
        .to.be.revertedWithCustomError(w.membership, "MembershipNotActiveMember")
        .withArgs(account.address);
      await expect(w.membership.connect(nth(w.leaders, 0)).grantRole(DEVELOPER_ROLE, account.address))
        .to.be.revertedWithCustomError(w.membership, "MembershipNotActiveMember")
        .withArgs(account.address);
    }
  });

  it("a leader who is also a developer loses both roles on leaving, with an event each", async () => {
    const w = await coreFixture();
    const leader = nth(w.leaders, 1);
    await w.membership.connect(nth(w.leaders, 0)).grantRole(DEVELOPER_ROLE, leader.address);
    await expect(w.membership.connect(leader).leave())
      .to.emit(w.membership, "RoleRevoked")
      .withArgs(LEADER_ROLE, leader.address, leader.address)
      .and.to.emit(w.membership, "RoleRevoked")
      .withArgs(DEVELOPER_ROLE, leader.address, leader.address);
    expect(await w.membership.hasRole(LEADER_ROLE, leader.address)).to.equal(false);
    expect(await w.membership.hasRole(DEVELOPER_ROLE, leader.address)).to.equal(false);
  });

  it("removal drops the roles too, and re-joining does not bring them back", async () => {
    const w = await coreFixture();
    const developer = w.developer;
    await expect(w.membership.connect(w.asTimelock).remove(developer.address, reason("x")))
      .to.emit(w.membership, "RoleRevoked")
      .withArgs(DEVELOPER_ROLE, developer.address, w.asTimelock.address);
    const leader = nth(w.leaders, 1);
    await w.membership.connect(leader).leave();
    await w.membership.connect(leader).applyForMembership(profileHash("back"));
    await w.membership.connect(nth(w.leaders, 0)).admit(leader.address);
    expect(await w.membership.hasRole(LEADER_ROLE, leader.address)).to.equal(false);
  });

  it("a suspended role holder keeps the role but cannot use it until reinstated", async () => {
    const w = await coreFixture();
    const [leader, applicant] = [nth(w.leaders, 1), w.outsider(0)];
    await w.membership.connect(applicant).applyForMembership(profileHash("a"));
    await w.membership.connect(w.manager).suspend(leader.address, reason("x"));
    expect(await w.membership.hasRole(LEADER_ROLE, leader.address)).to.equal(true);
    expect(await w.membership.hasActiveRole(LEADER_ROLE, leader.address)).to.equal(false);
    await expect(w.membership.connect(leader).admit(applicant.address))
      .to.be.revertedWithCustomError(w.membership, "MembershipNotActiveMember")
      .withArgs(leader.address);
    await w.membership.connect(w.manager).reinstate(leader.address);
    expect(await w.membership.hasActiveRole(LEADER_ROLE, leader.address)).to.equal(true);
    await expect(w.membership.connect(leader).admit(applicant.address)).to.emit(w.membership, "MemberAdmitted");
  });

  it("leaders and developers may step down; the confirmation must be their own address", async () => {
    const w = await coreFixture();
    const leader = nth(w.leaders, 0);
    await expect(
      w.membership.connect(leader).renounceRole(LEADER_ROLE, w.developer.address),
    ).to.be.revertedWithCustomError(w.membership, "AccessControlBadConfirmation");
    await expect(w.membership.connect(leader).renounceRole(LEADER_ROLE, leader.address))
      .to.emit(w.membership, "RoleRevoked")
      .withArgs(LEADER_ROLE, leader.address, leader.address);
    await expect(w.membership.connect(w.developer).renounceRole(DEVELOPER_ROLE, w.developer.address))
      .to.emit(w.membership, "RoleRevoked")
      .withArgs(DEVELOPER_ROLE, w.developer.address, w.developer.address);
  });
});
