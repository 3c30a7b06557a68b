import { describeRefusal, SocketError } from "@weconet/sdk";

/** What each error code of the socket means for the member (the socket's own message adds the details). */
const CODES: Record<string, string> = {
  bad_request: "The data socket could not use this request",
  unauthenticated: "Sign in to the data socket first.",
  session_expired: "Your session with the data socket has expired: sign in again.",
  forbidden: "The data socket does not allow this",
  not_found: "The data socket has no such item.",
  no_value: "No value is stored for this attribute.",
  unknown_attribute: "The taxonomy has no such attribute.",
  deprecated_attribute: "This attribute is deprecated: it takes no new values.",
  not_a_person_attribute: "Only person attributes hold a member's values.",
  wrong_type: "The value does not fit the attribute's data type",
  too_large: "The value is too large for the data socket.",
  malformed_hash: "That is not a document hash (0x and 64 hex digits).",
  hash_mismatch: "The document does not match its hash.",
  network: "The data socket cannot be reached",
  internal: "The data socket failed",
  chain_unreachable:
    "The data socket cannot reach the chain now, so it refuses every read until it can (it fails closed). Try again shortly.",
};

/**
 * Why a read was refused, as a sentence for the reader: the SDK's words for the refusal reason (the same the CLI
 * prints), and that it was the socket that refused.
 */
export function refusalText(reason: string): string {
  const why = describeRefusal(reason);
  return `${why.charAt(0).toUpperCase()}${why.slice(1)}: the socket refused the read.`;
}

/** Codes whose own text is complete; for the others the socket's message says what exactly was wrong. */
const COMPLETE = new Set(["unauthenticated", "session_expired", "not_found", "no_value", "chain_unreachable"]);

/**
 * A socket failure in plain words — the one place where the dApp turns the socket's error codes and refusal reasons
 * into text (every page shows these through messageOf in lib/message.ts).
 */
export function socketErrorText(error: SocketError): string {
  if (error.code === "not_authorized") {
    return refusalText(error.reason ?? "not authorized");
  }
  const text = CODES[error.code];
  if (text === undefined) return error.message;
  return COMPLETE.has(error.code) ? text : `${text.replace(/\.$/, "")}: ${error.message}`;
}

/** Whether the member has to sign in (again) before trying once more. */
export function needsSignIn(error: unknown): boolean {
  return error instanceof SocketError && (error.code === "unauthenticated" || error.code === "session_expired");
}

/** A refusal reason in a few words, for the owner's receipts. */
const REASON_LABELS: Record<string, string> = {
  no_consent: "no open connection",
  expired: "connection expired",
  attribute_deprecated: "attribute deprecated",
  owner_not_active: "owner not active",
  grantee_not_active: "reader not active",
  application_not_live: "application not live",
  not_a_party: "not a party",
};

/** Why a read was refused, in a few words (the code itself when it is new to the dApp). */
export function refusalLabel(reason: string | null): string {
  return reason === null ? "refused" : (REASON_LABELS[reason] ?? reason);
}
