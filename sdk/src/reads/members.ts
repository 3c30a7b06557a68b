import { isAddressEqual, type Address, type Hex } from "viem";

import type { WeconetContext } from "../client.js";
import { MEMBER_STATUSES, ROLES, type MemberStatus, type RoleName } from "../errors.js";
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
  isManager: boolean;
  /** 1 while the member's vote counts (from its activation after probation until leaving), else 0. */
  votes: bigint;
  /**
   * For a member whose vote does not count yet: when `activateVote` succeeds (admission + the probation period
   * in force); 0 otherwise.
   */
  voteActivatesAt: number;
}

/** A member's facts as the events record them (a `member` row). */
export type MemberFacts = Pick<RowOf<"member">, "account" | "status" | "since" | "memberSince" | "profile" | "votes">;

/** What the membership derives for a member (by its views: the rules of roles and probation live there). */
export interface MemberDerived {
  /** The roles it holds and may use now (`hasActiveRole`). */
  roles: RoleName[];
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
    isManager: manager !== null && isAddressEqual(manager, facts.account),
    votes: facts.votes,
    voteActivatesAt: derived.voteActivatesAt,
  };
}

/** Queues the views that derive `account`'s active roles and vote activation. */
async function derivedOf(batch: ViewBatch, account: Address): Promise<MemberDerived> {
  const [held, voteActivatesAt] = await Promise.all([
    Promise.all(MEMBERSHIP_ROLES.map((role) => batch.view("membership", "hasActiveRole", [ROLES[role], account]))),
    batch.view("membership", "voteActivatesAt", [account]),
  ]);
  return { roles: MEMBERSHIP_ROLES.filter((_, i) => held[i]), voteActivatesAt };
}

/** One account's standing, from the contract's views (one request). */
export async function readMember(ctx: WeconetContext, account: Address): Promise<MemberView> {
  return inOneBatch(ctx, undefined, async (batch) => {
    const [[status, since, memberSince, profile], manager, votes, derived] = await Promise.all([
      batch.view("membership", "memberInfo", [account]),
      batch.view("membership", "manager", []),
      batch.view("membership", "getVotes", [account]),
      derivedOf(batch, account),
    ]);
    const facts = { account, status: MEMBER_STATUSES[status] ?? "none", since, memberSince, profile, votes };
    return memberView(facts, derived, manager);
  });
}

/**
 * Every account that ever applied or was admitted (the `member` rows: the contract cannot list them), by address,
 * with what the contract derives for the page's members read in one batch; optionally only those in `statuses`.
 */
export async function listMembers(
  ctx: WeconetContext,
  options: PageOptions & { statuses?: readonly MemberStatus[] } = {},
): Promise<ViewPage<MemberView>> {
  const { rows, block } = await readPoint(ctx);
  const settings = await rows.get("settings", { id: "network" });
  const manager = settings?.manager ?? null;
  return pageOf(
    rows,
    "member",
    { where: options.statuses === undefined ? {} : { status: { in: options.statuses } } },
    options,
    (members) =>
      inOneBatch(ctx, block, (batch) =>
        Promise.all(members.map(async (m) => memberView(m, await derivedOf(batch, m.account), manager))),
      ),
  );
}
