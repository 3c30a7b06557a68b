import type { Address, Hex } from "viem";

import { readEvents, type ReadEventsOptions } from "../audit/reader.js";
import type { WeconetContext } from "../client.js";
import { foldToMemory } from "../model/fold.js";
import { MEMBER_STATUSES, ROLES, type MemberStatus, type RoleName } from "../errors.js";

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

type ReadOptions = Pick<ReadEventsOptions, "fromBlock" | "toBlock" | "onProgress" | "source">;

const MEMBER_ROLES = ["manager", "leader", "developer"] as const;

/** One account's standing, from the contract's views. */
export async function readMember(ctx: WeconetContext, account: Address): Promise<MemberView> {
  const m = ctx.contracts.membership;
  const [[status, since, memberSince, profile], manager, roles, votes, voteActivatesAt] = await Promise.all([
    m.read.memberInfo([account]),
    m.read.manager(),
    Promise.all(MEMBER_ROLES.map((role) => m.read.hasActiveRole([ROLES[role], account]))),
    m.read.getVotes([account]),
    m.read.voteActivatesAt([account]),
  ]);
  return {
    account,
    status: MEMBER_STATUSES[status] ?? "none",
    since,
    memberSince,
    profile,
    roles: MEMBER_ROLES.filter((_, i) => roles[i]),
    isManager: manager.toLowerCase() === account.toLowerCase(),
    votes,
    voteActivatesAt,
  };
}

/**
 * Every account that ever applied or was admitted (found in the membership's events — the contract cannot list
 * them), with its current standing from the contract's views; optionally only those in `statuses`.
 */
export async function listMembers(
  ctx: WeconetContext,
  options: ReadOptions & { statuses?: readonly MemberStatus[] } = {},
): Promise<MemberView[]> {
  const store = await foldToMemory(
    readEvents(ctx.publicClient, ctx.deployment, { ...options, contracts: ["membership"] }),
  );
  const views = await Promise.all(store.rows("member").map((m) => readMember(ctx, m.account)));
  return views.filter((v) => options.statuses === undefined || options.statuses.includes(v.status));
}
