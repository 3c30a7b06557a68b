import { hexToString, keccak256, stringToHex, trim, zeroHash, type ContractErrorName, type Hash, type Hex } from "viem";

import type { abis, ContractName } from "./contracts.js";
import type { DecodedError } from "./error-decoding.js";

// The sentences of contract errors and their decoding need every ABI: they live in error-decoding.ts.
export { decodeWeconetError, toWeconetError } from "./error-decoding.js";
export type { DecodedError } from "./error-decoding.js";

type AllAbis = (typeof abis)[ContractName];

/** The name of any custom error a Weconet contract (or the OpenZeppelin code it uses) can raise. */
export type WeconetErrorName = ContractErrorName<AllAbis>;

/** Membership statuses, in the order of `IMembership.Status`. */
export const MEMBER_STATUSES = ["none", "applicant", "active", "suspended", "removed"] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Governor proposal states, in the order of OpenZeppelin's `IGovernor.ProposalState`. */
export const PROPOSAL_STATES = [
  "pending",
  "active",
  "canceled",
  "defeated",
  "succeeded",
  "queued",
  "expired",
  "executed",
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** The role ids of Weconet contracts (Membership and the timelock), as OpenZeppelin's AccessControl names them. */
export const ROLES = {
  admin: zeroHash,
  manager: keccak256(stringToHex("MANAGER_ROLE")),
  leader: keccak256(stringToHex("LEADER_ROLE")),
  developer: keccak256(stringToHex("DEVELOPER_ROLE")),
  proposer: keccak256(stringToHex("PROPOSER_ROLE")),
  executor: keccak256(stringToHex("EXECUTOR_ROLE")),
  canceller: keccak256(stringToHex("CANCELLER_ROLE")),
} as const;
export type RoleName = keyof typeof ROLES;

const ROLE_BY_ID = new Map<string, RoleName>(Object.entries(ROLES).map(([name, id]) => [id, name as RoleName]));

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
export const APPLICATION_STATUSES = ["none", "active", "suspended", "retired"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Who imposed a suspension, in the order of the `Authority` enum (contracts/governance/Authority.sol), lowest first: for members and applications. */
export const AUTHORITIES = ["nobody", "a leader", "the manager", "the members' vote"] as const;

/** How an owner consented to a connection, in the order of `AccessGrants.Consent`. */
export const CONSENTS = ["owner", "signature", "request", "connector"] as const;
export type Consent = (typeof CONSENTS)[number];

/** Why a connection closed, in the order of `AccessGrants.CloseReason`. */
export const CLOSE_REASONS = ["revoked", "relinquished", "connector"] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Offer statuses, in the order of `Market.OfferStatus`. */
export const OFFER_STATUSES = ["none", "active", "paused", "closed"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** Market request statuses, in the order of `Market.RequestStatus`. */
export const MARKET_REQUEST_STATUSES = ["none", "open", "cancelled", "accepted"] as const;
export type MarketRequestStatus = (typeof MARKET_REQUEST_STATUSES)[number];

/**
 * Booking statuses, in the order of `Market.BookingStatus`; the last six are final (settled). "defaulted" is a
 * dispute nobody ruled on by its final deadline, settled by the default outcome (full refund to the consumer).
 */
export const BOOKING_STATUSES = [
  "none",
  "booked",
  "accepted",
  "delivered",
  "disputed",
  "completed",
  "claimed",
  "declined",
  "cancelled",
  "ruled",
  "defaulted",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** The outcomes that end a booking: its escrow is credited out. */
export const SETTLED_STATUSES: readonly BookingStatus[] = [
  "completed",
  "claimed",
  "declined",
  "cancelled",
  "ruled",
  "defaulted",
];

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
