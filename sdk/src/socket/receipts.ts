import {
  concat,
  encodeAbiParameters,
  getAddress,
  isAddressEqual,
  keccak256,
  recoverMessageAddress,
  zeroHash,
  type Address,
  type Hex,
} from "viem";

import type { Receipt, ReceiptHead, ReceiptProof } from "./types.js";

/**
 * Access receipts: one hash chain per owner, the operator's signature of each head, and a Merkle tree over all
 * heads whose root the socket anchors on-chain (`ReceiptAnchors.anchor`). The service builds them with these
 * functions and an auditor checks them with the same ones, without seeing any value.
 */

/** The `prev` of an owner's first receipt, and the head of an empty chain. */
export const GENESIS: Hex = zeroHash;

/** The fields a receipt's hash covers (all but the hash itself). */
export type ReceiptBody = Omit<Receipt, "hash">;

/** Unix seconds of an ISO time; receipts keep whole seconds so that the text and the hash agree. */
function seconds(iso: string): bigint {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || ms % 1000 !== 0) throw new Error(`receipt time "${iso}" is not a whole-second ISO time`);
  return BigInt(ms / 1000);
}

/**
 * `keccak256(abi.encode(owner, seq, grantee, attributeId, connectionId, purpose, block, at, allowed, reason, prev))`
 * with `purpose` 0 when none was stated and `reason` "" when the read was allowed.
 */
export function receiptHash(r: ReceiptBody): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: "address" },
        { type: "uint64" },
        { type: "address" },
        { type: "uint16" },
        { type: "uint256" },
        { type: "bytes32" },
        { type: "uint64" },
        { type: "uint64" },
        { type: "bool" },
        { type: "string" },
        { type: "bytes32" },
      ],
      [
        r.owner,
        BigInt(r.seq),
        r.grantee,
        r.attributeId,
        BigInt(r.connectionId),
        r.purpose ?? zeroHash,
        BigInt(r.block),
        seconds(r.at),
        r.decision === "allowed",
        r.reason ?? "",
        r.prev,
      ],
    ),
  );
}

/** `keccak256(abi.encode(owner, count, head))`: what the operator signs (EIP-191) for a head. */
export function headDigest(owner: Address, count: number, head: Hex): Hex {
  return keccak256(
    encodeAbiParameters([{ type: "address" }, { type: "uint256" }, { type: "bytes32" }], [owner, BigInt(count), head]),
  );
}

/**
 * The Merkle leaf of a head, as OpenZeppelin's StandardMerkleTree makes it:
 * `keccak256(bytes.concat(keccak256(abi.encode(owner, count, head))))`.
 */
export function headLeaf(owner: Address, count: number, head: Hex): Hex {
  return keccak256(headDigest(owner, count, head));
}

/** OpenZeppelin's `Hashes.commutativeKeccak256`: the pair sorted, then hashed. */
function hashPair(a: Hex, b: Hex): Hex {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

/**
 * The levels of the Merkle tree over `leaves` (sorted and deduplicated first, so that every socket builds the same
 * tree from the same heads); a node without a sibling moves up as it is. Level 0 is the leaves, the last the root.
 */
function levels(leaves: readonly Hex[]): Hex[][] {
  const sorted = [...new Set(leaves.map((l) => l.toLowerCase() as Hex))].sort((a, b) =>
    BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0,
  );
  const out: Hex[][] = [sorted];
  let level = sorted;
  while (level.length > 1) {
    const next: Hex[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as Hex;
      const right = level[i + 1];
      next.push(right === undefined ? left : hashPair(left, right));
    }
    out.push(next);
    level = next;
  }
  return out;
}

/** The Merkle root over `leaves` (zero for none). */
export function merkleRoot(leaves: readonly Hex[]): Hex {
  const tree = levels(leaves);
  return tree[tree.length - 1]?.[0] ?? zeroHash;
}

/** The proof of `leaf` in the tree over `leaves`, for OpenZeppelin's `MerkleProof.verify`. */
export function merkleProof(leaves: readonly Hex[], leaf: Hex): Hex[] {
  const tree = levels(leaves);
  let index = tree[0]?.indexOf(leaf.toLowerCase() as Hex) ?? -1;
  if (index < 0) throw new Error(`the leaf ${leaf} is not in the tree`);
  const proof: Hex[] = [];
  for (const level of tree.slice(0, -1)) {
    const sibling = level[index % 2 === 0 ? index + 1 : index - 1];
    if (sibling !== undefined) proof.push(sibling);
    index = Math.floor(index / 2);
  }
  return proof;
}

/** What OpenZeppelin's `MerkleProof.verify(proof, root, leaf)` answers. */
export function verifyMerkleProof(proof: readonly Hex[], root: Hex, leaf: Hex): boolean {
  return BigInt(proof.reduce((node, sibling) => hashPair(node, sibling), leaf)) === BigInt(root);
}

/** What an auditor learns from checking a receipt log. */
export interface ReceiptChainReport {
  ok: boolean;
  /** How many receipts were checked. */
  count: number;
  /** Each problem found, readable (empty when ok). */
  problems: string[];
  /** Who signed the head (when it was signed and the signature is valid). */
  signer: Address | null;
}

/**
 * Checks an owner's receipt log: every receipt's hash, every link to the previous one, consecutive numbers from
 * `1` (or from the first given receipt's `seq` when `from` is a known earlier head), the head's count and hash, and
 * the operator's signature of the head (when `operator` is given, it must be the signer).
 */
export async function verifyReceiptChain(input: {
  receipts: readonly Receipt[];
  head: ReceiptHead;
  /** The head the given receipts continue from (defaults to the genesis: the log from its first receipt). */
  from?: { count: number; hash: Hex };
  operator?: Address;
}): Promise<ReceiptChainReport> {
  const problems: string[] = [];
  const owner = getAddress(input.head.owner);
  let prev = input.from?.hash ?? GENESIS;
  let seq = input.from?.count ?? 0;
  for (const r of input.receipts) {
    seq += 1;
    if (r.seq !== seq) problems.push(`receipt ${r.seq}: expected number ${seq} (a receipt is missing or repeated)`);
    if (!isAddressEqual(r.owner, owner)) problems.push(`receipt ${r.seq}: belongs to ${r.owner}, not ${owner}`);
    if (r.prev.toLowerCase() !== prev.toLowerCase()) problems.push(`receipt ${r.seq}: does not link to the one before`);
    const { hash, ...body } = r;
    let computed: Hex | undefined;
    try {
      computed = receiptHash(body);
    } catch (error) {
      problems.push(`receipt ${r.seq}: ${(error as Error).message}`);
    }
    if (computed !== undefined && computed.toLowerCase() !== hash.toLowerCase()) {
      problems.push(`receipt ${r.seq}: its hash does not match its contents (rewritten?)`);
    }
    prev = hash;
  }
  if (input.head.count !== seq) problems.push(`the head counts ${input.head.count} receipts, the log has ${seq}`);
  if (input.head.hash.toLowerCase() !== prev.toLowerCase()) problems.push("the head is not the last receipt's hash");
  let signer: Address | null = null;
  if (input.head.signature !== null) {
    try {
      signer = await recoverMessageAddress({
        message: { raw: headDigest(owner, input.head.count, input.head.hash) },
        signature: input.head.signature,
      });
    } catch {
      problems.push("the head's signature is not a valid signature");
    }
    if (signer !== null && input.head.operator !== null && !isAddressEqual(signer, input.head.operator)) {
      problems.push(`the head was signed by ${signer}, not by the operator ${input.head.operator}`);
    }
  }
  if (input.operator !== undefined && (signer === null || !isAddressEqual(signer, input.operator))) {
    problems.push(`the head is not signed by the operator ${input.operator}`);
  }
  return { ok: problems.length === 0, count: seq, problems, signer };
}

/**
 * Checks that an owner's head as it was anchored (its count and the hash of its receipt number `count`) is in an
 * anchored root: the leaf is the head's, and the proof leads to the root.
 * Compare `proof.root` with `ReceiptAnchors.latestOf(operator)` on the chain to finish the check.
 */
export function verifyReceiptProof(input: {
  head: Pick<ReceiptHead, "owner" | "count" | "hash">;
  proof: ReceiptProof;
}): {
  ok: boolean;
  problems: string[];
} {
  const problems: string[] = [];
  if (input.head.count !== input.proof.count) {
    problems.push(`the proof is for the head at ${input.proof.count} receipts, not at ${input.head.count}`);
  }
  const leaf = headLeaf(getAddress(input.head.owner), input.head.count, input.head.hash);
  if (leaf.toLowerCase() !== input.proof.leaf.toLowerCase()) problems.push("the proof's leaf is not this head's");
  if (!verifyMerkleProof(input.proof.proof, input.proof.root, leaf))
    problems.push("the proof does not lead to the root");
  return { ok: problems.length === 0, problems };
}
