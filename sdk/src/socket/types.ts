import type { Address, Hex } from "viem";

/**
 * The shapes of the data socket's HTTP API (JSON), shared by the service (`@weconet/socket`) and its client.
 */

/** What the socket says about itself (`GET /v1/info`). */
export interface SocketInfo {
  chainId: number;
  /** The SIWE domain sign-in messages must name. */
  domain: string;
  url: string;
  accessGrants: Address;
  /** Who signs the receipt heads and anchors them (null when the socket has no operator key). */
  operator: Address | null;
  version: string;
}

/** An owner's stored value of one attribute. */
export interface ValueRecord {
  attributeId: number;
  name: string;
  dataType: string;
  value: unknown;
  /** 1 for the first write, one more for every replacement. */
  version: number;
  updatedAt: string;
}

/** A grantee's read of one value: the block its live check ran at and the connection it went through. */
export interface GranteeValue {
  owner: Address;
  attributeId: number;
  name: string;
  dataType: string;
  value: unknown;
  version: number;
  block: string;
  connectionId: string;
}

/** One attribute of a grantee's read of several: the value, or why it was refused. */
export type ManyValue =
  | { attributeId: number; name: string; dataType: string; value: unknown; version: number }
  | { attributeId: number; refused: RefusalReason };

/** Why a grantee's read was refused (`not_authorized`). */
export type RefusalReason =
  | "no_consent"
  | "expired"
  | "attribute_deprecated"
  | "owner_not_active"
  | "grantee_not_active"
  | "application_not_live"
  | "not_a_party";

export const REFUSAL_REASONS: readonly RefusalReason[] = [
  "no_consent",
  "expired",
  "attribute_deprecated",
  "owner_not_active",
  "grantee_not_active",
  "application_not_live",
  "not_a_party",
];

/** An access receipt: one read (allowed or refused) in the owner's hash-chained log (after ISO/IEC TS 27560). */
export interface Receipt {
  seq: number;
  owner: Address;
  /** Who asked (the data recipient). */
  grantee: Address;
  attributeId: number;
  /** The connection the read went through, `connectionIdOf(owner, grantee)`, as a decimal string. */
  connectionId: string;
  /** The W3C DPV purpose code the grantee stated (`keccak256` of the DPV IRI), or null. */
  purpose: Hex | null;
  /** The block the live check ran at. */
  block: string;
  /** When, ISO 8601 in whole seconds. */
  at: string;
  decision: "allowed" | "refused";
  reason: string | null;
  prev: Hex;
  hash: Hex;
}

/** The head of an owner's receipt chain, signed by the operator (EIP-191 over `headDigest`). */
export interface ReceiptHead {
  owner: Address;
  count: number;
  hash: Hex;
  signature: Hex | null;
  operator: Address | null;
}

/** The Merkle proof of an owner's head in the latest anchored root. */
export interface ReceiptProof {
  leaf: Hex;
  proof: Hex[];
  root: Hex;
  /** The head's count when the root was anchored. */
  count: number;
  anchor: { block: string; tx: Hex } | null;
}

/** The latest root anchored on-chain. */
export interface SocketAnchor {
  root: Hex;
  receipts: number;
  block: string;
  tx: Hex;
}

/** A booking document as listed. */
export interface BookingDocument {
  hash: Hex;
  size: number;
  author: Address;
  at: string;
}

/** The body of every error response. */
export interface SocketErrorBody {
  error: { code: SocketErrorCode; message: string; reason?: string };
}

export type SocketErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "session_expired"
  | "forbidden"
  | "not_authorized"
  | "not_found"
  | "no_value"
  | "unknown_attribute"
  | "deprecated_attribute"
  | "not_a_person_attribute"
  | "wrong_type"
  | "too_large"
  | "malformed_hash"
  | "hash_mismatch"
  | "chain_unreachable"
  | "internal";
