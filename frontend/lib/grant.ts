import { isAddress, type Address, type Hex } from "viem";

import type { Attribute } from "@weconet/sdk";

import { attributeSetProblem } from "./attributes";
import { parseDays } from "./fields";
import { formatDuration } from "./format";
import { checkPurpose } from "./purpose";

/** The form to open a connection, as typed. */
export interface GrantDraft {
  granteeKind: "member" | "application";
  grantee: string;
  attributes: readonly number[];
  /** The purpose code the picker chose ("" for none yet). */
  purpose: string;
  /** Days from now. */
  days: string;
}

export type GrantErrors = Partial<Record<"grantee" | "attributes" | "purpose" | "days", string>>;

export interface GrantTerms {
  grantee: Address;
  attributes: number[];
  /** The purpose code (a W3C DPV term's, see `PURPOSES`). */
  purpose: Hex;
  duration: number;
}

/**
 * Checks a connection before anything is sent — a grantee that is not the member themself, active person
 * attributes of the taxonomy, a purpose of the network's W3C DPV purposes, an expiry within the network rule `maxGrantDuration` — and gives
 * the SDK's terms. Pure, so it is tested on its own.
 */
export function checkGrant(
  draft: GrantDraft,
  context: { me: Address | undefined; attributes: readonly Attribute[]; maxGrantDuration: bigint | undefined },
): { terms?: GrantTerms; errors: GrantErrors } {
  const errors: GrantErrors = {};
  const grantee = draft.grantee.trim();
  if (!isAddress(grantee)) {
    errors.grantee =
      draft.granteeKind === "member" ? "Choose a member, or enter an address (0x…)." : "Choose an application.";
  } else if (context.me !== undefined && grantee.toLowerCase() === context.me.toLowerCase()) {
    errors.grantee = "You cannot open a connection to yourself.";
  }
  const attributeProblem = attributeSetProblem(draft.attributes, context.attributes);
  if (attributeProblem === "empty") errors.attributes = "Choose at least one attribute to share.";
  if (attributeProblem === "unusable") errors.attributes = "Only active person attributes can be shared.";
  const purpose = checkPurpose(draft.purpose);
  if (purpose.problem !== undefined) errors.purpose = purpose.problem;
  const duration = parseDays(draft.days, "Enter how many days it lasts (more than 0).");
  if (!duration.ok) {
    errors.days = duration.error;
  } else if (context.maxGrantDuration !== undefined && duration.value > context.maxGrantDuration) {
    errors.days = `The network allows at most ${formatDuration(context.maxGrantDuration)} (rule maxGrantDuration).`;
  }
  if (Object.keys(errors).length > 0 || purpose.code === undefined || !duration.ok) return { errors };
  return {
    terms: {
      grantee: grantee as Address,
      attributes: [...draft.attributes].sort((a, b) => a - b),
      purpose: purpose.code,
      duration: Number(duration.value),
    },
    errors,
  };
}
