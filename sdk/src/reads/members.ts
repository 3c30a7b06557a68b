import { isAddressEqual, type Address, type Hex } from "viem";

import type { WeconetContext } from "../client.js";
import {
  AUTHORITY_LEVELS,
  MEMBER_STATUSES,
  ROLES,
  type AuthorityLevel,
  type MemberStatus,
  type RoleName,
} from "../errors.js";
import { selectAll } from "../model/store.js";
import type { RowOf } from "../model/tables.js";
import { MEMBERSHIP_ROLES } from "../vocabulary.js";
import { inOneBatch, type ViewBatch } from "./batch.js";
import { pageOf, readPoint, type PageOptions, type ViewPage } from "./rows.js";

/** An account known to the membership, with its current standing. */
export interface MemberView {
  account: Address;
  status: MemberStatus;
  /** When the status began and when the current membership began (0 when not a member). */
  since: number;
  memberSince: number;
  profile: Hex;
  roles: RoleName[];
  /**
   * The roles granted to it, usable now or not (a suspended leader still holds the leader role: the oversight rule
   * looks at the role held, see {@link oversightOf}).
   */
  heldRoles: RoleName[];
  isManager: boolean;
  /** Who imposed its current suspension ("none" unless suspended): only that authority or a higher one lifts it. */
  suspendedBy: AuthorityLevel;
  /** 1 while the member's vote counts (from its activation after probation until leaving), else 0. */
  votes: bigint;
  /**
   * For a member whose vote does not count yet: when `activateVote` succeeds (admission + the probation period
   * in force); 0 otherwise.
   */
  voteActivatesAt: number;
}

/** A member's facts as the events record them (a `member` row). */
export type MemberFacts = Pick<
  RowOf<"member">,
  "account" | "status" | "since" | "memberSince" | "profile" | "votes" | "suspendedBy"
>;

/** What the membership derives for a member (by its views: the rules of roles and probation live there). */
export interface MemberDerived {
  /** The roles it holds and may use now (`hasActiveRole`). */
  roles: RoleName[];
  /** The roles granted to it (`hasRole`), usable now or not. */
  heldRoles: RoleName[];
  voteActivatesAt: number;
}

/** The one builder of a {@link MemberView}: the member's facts, what the contract derives, and the manager. */
export function memberView(facts: MemberFacts, derived: MemberDerived, manager: Address | null): MemberView {
  return {
    account: facts.account,
    status: facts.status,
    since: facts.since,
    memberSince: facts.memberSince,
    profile: facts.profile,
    roles: derived.roles,
    heldRoles: derived.heldRoles,
    isManager: manager !== null && isAddressEqual(manager, facts.account),
    suspendedBy: AUTHORITY_LEVELS[facts.suspendedBy] ?? "none",
    votes: facts.votes,
    voteActivatesAt: derived.voteActivatesAt,
  };
}

/** Queues the views that derive `account`'s active roles and vote activation. */
async function derivedOf(batch: ViewBatch, account: Address): Promise<MemberDerived> {
  const [active, held, voteActivatesAt] = await Promise.all([
    Promise.all(MEMBERSHIP_ROLES.map((role) => batch.view("membership", "hasActiveRole", [ROLES[role], account]))),
    Promise.all(MEMBERSHIP_ROLES.map((role) => batch.view("membership", "hasRole", [ROLES[role], account]))),
    batch.view("membership", "voteActivatesAt", [account]),
  ]);
  return {
    roles: MEMBERSHIP_ROLES.filter((_, i) => active[i]),
    heldRoles: MEMBERSHIP_ROLES.filter((_, i) => held[i]),
    voteActivatesAt,
  };
}

/** One account's standing, from the contract's views (one request). */
export async function readMember(ctx: WeconetContext, account: Address): Promise<MemberView> {
  return inOneBatch(ctx, undefined, async (batch) => {
    const [[status, since, memberSince, profile], manager, votes, suspendedBy, derived] = await Promise.all([
      batch.view("membership", "memberInfo", [account]),
      batch.view("membership", "manager", []),
      batch.view("membership", "getVotes", [account]),
      batch.view("membership", "suspensionAuthority", [account]),
      derivedOf(batch, account),
    ]);
    const facts = {
      account,
      status: MEMBER_STATUSES[status] ?? "none",
      since,
      memberSince,
      profile,
      votes,
      suspendedBy,
    };
    return memberView(facts, derived, manager);
  });
}

/**
 * Queues only the views whose answer the rows do not already give: `hasActiveRole` (= `hasRole` and an active
 * member) is false for a role the `role` rows say the account does not hold, and `voteActivatesAt` is 0 for an
 * account that is no member (`memberSince` 0) or whose vote counts (`votes` 1: `hasVote`). A page of members who
 * hold no role and vote asks the contract nothing.
 */
async function derivedOfRow(batch: ViewBatch, m: MemberFacts, held: ReadonlySet<string>): Promise<MemberDerived> {
  const [active, voteActivatesAt] = await Promise.all([
    Promise.all(
      MEMBERSHIP_ROLES.map((role) =>
        held.has(roleKey(ROLES[role], m.account))
          ? batch.view("membership", "hasActiveRole", [ROLES[role], m.account])
          : false,
      ),
    ),
    m.memberSince === 0 || m.votes > 0n ? 0 : batch.view("membership", "voteActivatesAt", [m.account]),
  ]);
  return {
    roles: MEMBERSHIP_ROLES.filter((_, i) => active[i]),
    heldRoles: MEMBERSHIP_ROLES.filter((role) => held.has(roleKey(ROLES[role], m.account))),
    voteActivatesAt,
  };
}

const roleKey = (role: Hex, account: Address) => `${role.toLowerCase()} ${account.toLowerCase()}`;

/**
 * Every account that ever applied or was admitted (the `member` rows: the contract cannot list them), by address,
 * with what the contract derives for the page's members read in one batch; optionally only those in `statuses`.
 */
export async function listMembers(
  ctx: WeconetContext,
  options: PageOptions & { statuses?: readonly MemberStatus[] } = {},
): Promise<ViewPage<MemberView>> {
  const { rows, block } = await readPoint(ctx);
  // read beside the page's rows, not before them (one round trip less through an indexer)
  const settings = rows.get("settings", { id: "network" });
  settings.catch(() => undefined);
  return pageOf(
    rows,
    "member",
    { where: options.statuses === undefined ? {} : { status: { in: options.statuses } } },
    options,
    async (members) => {
      const accounts = members.map((m) => m.account);
      const [network, roles] = await Promise.all([
        settings,
        accounts.length === 0
          ? []
          : selectAll(rows, "role", { where: { contract: "membership", held: true, account: { in: accounts } } }),
      ]);
      const held = new Set(roles.map((r) => roleKey(r.role, r.account)));
      const manager = network?.manager ?? null;
      return inOneBatch(ctx, block, (batch) =>
        Promise.all(members.map(async (m) => memberView(m, await derivedOfRow(batch, m, held), manager))),
      );
    },
  );
}
