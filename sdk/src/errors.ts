import { hexToString, trim, type ContractErrorName, type Hash, type Hex } from "viem";

import type { abis, ContractName } from "./contracts.js";
import type { DecodedError } from "./error-decoding.js";
import { enumWords, ROLES } from "./vocabulary.js";

// The sentences of contract errors and their decoding need every ABI and every error's NatSpec: they live in
// error-decoding.ts, so that code which only names a status or throws a WeconetError does not load them.
export { decodeWeconetError, natSpecSentence, toWeconetError } from "./error-decoding.js";
export type { DecodedError, ErrorArgs } from "./error-decoding.js";

type AllAbis = (typeof abis)[ContractName];

/** The name of any custom error a Weconet contract (or the OpenZeppelin code it uses) can raise. */
export type WeconetErrorName = ContractErrorName<AllAbis>;

/** Membership statuses, in the order of `IMembership.Status`. */
export const MEMBER_STATUSES = enumWords("IMembership.Status");
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Governor proposal states, in the order of OpenZeppelin's `IGovernor.ProposalState`. */
export const PROPOSAL_STATES = enumWords("IGovernor.ProposalState");
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** How a member votes, in the order of OpenZeppelin's `GovernorCountingSimple.VoteType` (the value cast). */
export const VOTE_TYPES = enumWords("GovernorCountingSimple.VoteType");
export type Support = (typeof VOTE_TYPES)[number];

/**
 * The role ids of Weconet contracts (Membership and the timelock, and AccessControl's admin), by word: every
 * `X_ROLE` constant of the build as `x` (`DEFAULT_ADMIN_ROLE` as `admin`).
 */
export { ROLES };
export type RoleName = keyof typeof ROLES;

const ROLE_BY_ID = new Map<string, string>(Object.entries(ROLES).map(([name, id]) => [id.toLowerCase(), name]));

/** A role id as a word ("leader"), or the id itself when it is not a Weconet role. */
export function roleName(role: Hex): string {
  return ROLE_BY_ID.get(role.toLowerCase()) ?? role;
}

/** A `bytes32` short code (a rule key, a reason code) as text when it is one, else the hex. */
export function bytes32ToText(value: Hex): string {
  const trimmed = trim(value, { dir: "right" });
  if (trimmed === "0x00") return "";
  const text = hexToString(trimmed);
  return /^[\x20-\x7e]+$/.test(text) ? text : value;
}

/** Application statuses, in the order of `IApplications.Status`. */
export const APPLICATION_STATUSES = enumWords("IApplications.Status");
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Who imposed a suspension, in the order of the `Authority` enum (contracts/governance/Authority.sol), lowest first. */
export const AUTHORITY_LEVELS = enumWords("Authority");
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

/** How each authority reads in a sentence ("suspended by a leader"); the type asks for one per `Authority` member. */
const AUTHORITY_PHRASES: { readonly [A in AuthorityLevel]: string } = {
  none: "nobody",
  leader: "a leader",
  manager: "the manager",
  members_vote: "the members' vote",
};

/** Who imposed a suspension, as phrases, in the order of the `Authority` enum: for members and applications. */
export const AUTHORITIES: readonly string[] = AUTHORITY_LEVELS.map((level) => AUTHORITY_PHRASES[level]);

/** How an owner consented to a connection, in the order of `AccessGrants.Consent`. */
export const CONSENTS = enumWords("AccessGrants.Consent");
export type Consent = (typeof CONSENTS)[number];

/** Why a connection closed, in the order of `AccessGrants.CloseReason`. */
export const CLOSE_REASONS = enumWords("AccessGrants.CloseReason");
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Offer statuses, in the order of `Market.OfferStatus`. */
export const OFFER_STATUSES = enumWords("Market.OfferStatus");
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** Market request statuses, in the order of `Market.RequestStatus`. */
export const MARKET_REQUEST_STATUSES = enumWords("Market.RequestStatus");
export type MarketRequestStatus = (typeof MARKET_REQUEST_STATUSES)[number];

/**
 * Booking statuses, in the order of `Market.BookingStatus`; those after "disputed" are final (settled).
 * "defaulted" is a dispute nobody ruled on by its final deadline, settled by the default outcome (full refund).
 */
export const BOOKING_STATUSES = enumWords("Market.BookingStatus");
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * The outcomes that end a booking: its escrow is credited out. `Market.BookingStatus` lists them last, after
 * `Disputed` (its NatSpec: "The last six are final").
 */
export const SETTLED_STATUSES: readonly BookingStatus[] = BOOKING_STATUSES.slice(
  BOOKING_STATUSES.indexOf("disputed") + 1,
);

/** A unix time as an ISO date, for messages. */
export function isoTime(seconds: number | bigint): string {
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && ms <= 8.64e15 ? new Date(ms).toISOString().replace(".000Z", "Z") : String(seconds);
}

/** An error from the SDK: a readable message, and the decoded custom error when a contract reverted. */
export class WeconetError<Reason = DecodedError> extends Error {
  override readonly name: string = "WeconetError";
  constructor(
    message: string,
    /** Why: the decoded contract error (or, for a subclass such as `SocketError`, its own kind of reason). */
    readonly reason?: NoInfer<Reason>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A transaction that ran out of gas: mined and reverted having used (about) all the gas its wallet allowed, or
 * refused before sending because the node found that no allowed amount of gas would do. What was allowed, what
 * was used and the transaction are given where known.
 */
export class OutOfGasError extends WeconetError {
  readonly gasLimit: bigint | undefined;
  readonly gasUsed: bigint | undefined;
  readonly hash: Hash | undefined;
  constructor(
    doing: string | undefined,
    facts: { gasLimit?: bigint; gasUsed?: bigint; hash?: Hash },
    options?: { cause?: unknown },
  ) {
    const prefix = doing === undefined ? "" : `${doing}: `;
    const sent = facts.hash === undefined ? "" : `the transaction ${facts.hash} `;
    const allowed =
      facts.gasLimit === undefined
        ? "more gas than the wallet allowed"
        : `more than the ${facts.gasLimit} gas the wallet allowed`;
    const used = facts.gasUsed === undefined ? "" : ` (it used ${facts.gasUsed})`;
    const outcome = facts.hash === undefined ? "nothing was sent." : "it changed nothing, but its fee is spent.";
    super(
      `${prefix}${sent}ran out of gas: the network needed ${allowed}${used}; ${outcome} Send it again with a higher gas limit.`,
      undefined,
      options,
    );
    this.gasLimit = facts.gasLimit;
    this.gasUsed = facts.gasUsed;
    this.hash = facts.hash;
  }
}

/**
 * Whether a reverted transaction ran out of gas rather than being refused by a contract: it used all of its gas
 * limit, or all but 1/16 of it. When a call runs out of gas inside a contract, EIP-150 leaves each caller the 1/64
 * it kept back, which it then hands back reverting; a members' vote runs the removal four calls deep at most
 * (governor, timelock, target, the contract the target calls), so up to 4/64 of the limit may be left. A
 * contract's own refusal in a transaction sent with the SDK's margin (see `withGasMargin` in client.ts) stops
 * far below that.
 */
export function ranOutOfGas(gasUsed: bigint, gasLimit: bigint): boolean {
  return gasLimit > 0n && gasUsed * 16n >= gasLimit * 15n;
}

/** A mined transaction that reverted: out of gas (see {@link ranOutOfGas}) or refused by the contract. */
export function revertedTransactionError(
  doing: string,
  receipt: { transactionHash: Hash; gasUsed: bigint },
  gasLimit: bigint,
): WeconetError {
  const hash = receipt.transactionHash;
  if (ranOutOfGas(receipt.gasUsed, gasLimit))
    return new OutOfGasError(doing, { gasLimit, gasUsed: receipt.gasUsed, hash });
  return new WeconetError(`${doing}: the transaction ${hash} reverted`);
}
