import type { Address, Hex } from "viem";

import { accountOf, send, type Sent, type WeconetContext } from "../client.js";
import { toBytes32Code, toContentHash } from "../codes.js";
import { ROLES, WeconetError } from "../errors.js";
import { checkProfile, type ProfileDocument } from "../member-documents.js";

/**
 * The content hash of a profile: of its canonical document text when given as fields (checked first: a bad field
 * throws a readable error and nothing is sent), else of the text, or the hash as given.
 */
function profileHash(profile: Hex | string | ProfileDocument, doing: string): Hex {
  if (typeof profile !== "object") return toContentHash(profile);
  const checked = checkProfile(profile);
  if (!checked.ok) throw new WeconetError(`${doing}: ${Object.values(checked.errors).join(" ")}`);
  return checked.hash;
}

/** What applicants, members and leaders do in the membership. */
export function membershipActions(ctx: WeconetContext) {
  return {
    /**
     * Applies for membership with the content hash of one's off-chain profile: its fields (see `profileText`, the
     * document to publish), its text, or its hash.
     */
    apply: async ({ profile }: { profile: Hex | string | ProfileDocument }): Promise<Sent> =>
      send(ctx, "membership", "applyForMembership", [profileHash(profile, "apply")], { doing: "apply" }),
    /** Withdraws one's pending application. */
    withdrawApplication: (): Promise<Sent> =>
      send(ctx, "membership", "withdrawApplication", [], { doing: "withdraw application" }),
    /** Points one's membership or application to a new off-chain profile. */
    updateProfile: async ({ profile }: { profile: Hex | string | ProfileDocument }): Promise<Sent> =>
      send(ctx, "membership", "updateProfile", [profileHash(profile, "update profile")], { doing: "update profile" }),
    /** Leaves the network: the badge is burnt, the vote (if it counts yet) and roles end. */
    leave: (): Promise<Sent> => send(ctx, "membership", "leave", [], { doing: "leave" }),
    /**
     * Makes a member's vote count, once their probation period since admission is over. Anyone may send it, for
     * any member (oneself by default), so no role holder can hold a vote back.
     */
    activateVote: ({ member }: { member?: Address } = {}): Promise<Sent> => {
      const target = member ?? accountOf(ctx);
      return send(ctx, "membership", "activateVote", [target], { doing: `activate the vote of ${target}` });
    },
    /** A leader admits an applicant (at most `admissionsPerLeader` per probation period); their vote counts later. */
    admit: ({ applicant }: { applicant: Address }): Promise<Sent> =>
      send(ctx, "membership", "admit", [applicant], { doing: `admit ${applicant}` }),
    /** A leader rejects an application with a short reason code. */
    reject: ({ applicant, reason }: { applicant: Address; reason: string }): Promise<Sent> =>
      send(ctx, "membership", "rejectApplication", [applicant, toBytes32Code(reason)], {
        doing: `reject ${applicant}`,
      }),
    /**
     * Suspends a member with a short reason code: they cannot act, but keep their vote. A leader suspends
     * non-leaders, the manager also leaders; a higher authority may suspend again to raise the suspension.
     */
    suspend: ({ member, reason }: { member: Address; reason: string }): Promise<Sent> =>
      send(ctx, "membership", "suspend", [member, toBytes32Code(reason)], { doing: `suspend ${member}` }),
    /** Reinstates a suspended member: needs the same or a higher authority than the one that suspended them. */
    reinstate: ({ member }: { member: Address }): Promise<Sent> =>
      send(ctx, "membership", "reinstate", [member], { doing: `reinstate ${member}` }),
    /** A leader makes an active member a community developer. */
    grantDeveloper: ({ account }: { account: Address }): Promise<Sent> =>
      send(ctx, "membership", "grantRole", [ROLES.developer, account], { doing: `grant developer to ${account}` }),
    /** A leader takes the developer role back. */
    revokeDeveloper: ({ account }: { account: Address }): Promise<Sent> =>
      send(ctx, "membership", "revokeRole", [ROLES.developer, account], {
        doing: `revoke developer from ${account}`,
      }),
    /** Gives up one's own leader or developer role. */
    renounceRole: ({ role }: { role: "leader" | "developer" }): Promise<Sent> =>
      send(ctx, "membership", "renounceRole", [ROLES[role], accountOf(ctx)], {
        doing: `renounce the ${role} role`,
      }),
  };
}
