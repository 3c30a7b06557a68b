import type { Address } from "viem";

import type { MemberView } from "@weconet/sdk";

/** A member as the SDK's reads give it: an active member with one vote and no role, changed by `over`. */
export function memberView(account: Address, over: Partial<MemberView> = {}): MemberView {
  return {
    account,
    status: "active",
    since: 1,
    memberSince: 1,
    profile: "0x",
    roles: [],
    heldRoles: [],
    isManager: false,
    suspendedBy: "none",
    votes: 1n,
    voteActivatesAt: 0,
    ...over,
  };
}
