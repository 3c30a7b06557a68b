import type { Address, Hex } from "viem";

import type { WeconetContext } from "../client.js";

/**
 * The URL of the socket serving `member`'s data: the one they named, else the network's default; undefined only
 * when neither is set (a directory always has a default, so that means no socket is known).
 */
export async function socketOf(
  ctx: WeconetContext,
  member: Address,
  options: { blockNumber?: bigint } = {},
): Promise<string | undefined> {
  const url = await ctx.contracts.socketDirectory.read.socketOf([member], options);
  return url === "" ? undefined : url;
}

/** The socket `member` named themselves, or undefined when the network's default serves them. */
export async function ownSocketOf(
  ctx: WeconetContext,
  member: Address,
  options: { blockNumber?: bigint } = {},
): Promise<string | undefined> {
  const url = await ctx.contracts.socketDirectory.read.ownSocketOf([member], options);
  return url === "" ? undefined : url;
}

/** The network's default socket (the community's data commons), which the members' vote changes. */
export function defaultSocket(ctx: WeconetContext, options: { blockNumber?: bigint } = {}): Promise<string> {
  return ctx.contracts.socketDirectory.read.defaultSocket(options);
}

/** An operator's latest receipt anchor. */
export interface ReceiptAnchor {
  operator: Address;
  /** The Merkle root of the operator's receipt-log heads. */
  root: Hex;
  /** How many receipts it covers, across all owners. */
  receipts: bigint;
  /** The anchor's number for this operator, from 1. */
  seq: bigint;
  /** When it was anchored (unix seconds). */
  anchoredAt: number;
}

/** `operator`'s latest receipt anchor, or undefined when it anchored nothing yet. */
export async function latestAnchor(
  ctx: WeconetContext,
  operator: Address,
  options: { blockNumber?: bigint } = {},
): Promise<ReceiptAnchor | undefined> {
  const [root, receipts, seq, anchoredAt] = await ctx.contracts.receiptAnchors.read.latestOf([operator], options);
  if (seq === 0n) return undefined;
  return { operator, root, receipts, seq, anchoredAt };
}
