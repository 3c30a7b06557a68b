import type { RefusalReason } from "./types.js";

/**
 * Why a socket refused a read, in words for the grantee (the CLI and the dApp show these): one sentence per
 * refusal reason of the socket's `not_authorized` answer and of a refused attribute in a read of several.
 */
export const REFUSAL_TEXT: Readonly<Record<RefusalReason, string>> = {
  no_consent: "no live connection from the owner shares this attribute with you (never granted, or closed)",
  expired: "the connection that shared it has expired",
  attribute_deprecated: "the attribute is deprecated: no one may read it any more",
  owner_not_active: "the owner is not an active member (suspended or gone)",
  grantee_not_active: "you are not an active member or a live application",
  application_not_live: "the application is suspended or retired, or its developer is no longer active",
  not_a_party: "only the booking's consumer and provider and the network's active leaders may",
};

/** The sentence for a refusal reason; an unknown reason (a newer socket) as it is. */
export function describeRefusal(reason: string): string {
  return (REFUSAL_TEXT as Readonly<Record<string, string>>)[reason] ?? reason;
}
