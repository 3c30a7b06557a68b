import {
  GENESIS,
  headDigest,
  headLeaf,
  merkleProof,
  merkleRoot,
  receiptHash,
  verifyMerkleProof,
  verifyReceiptChain,
  type Receipt,
  type ReceiptHead,
} from "@weconet/sdk";
import { concat, encodeAbiParameters, keccak256, zeroHash, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";

/** The receipt hashing an auditor re-does (sdk/src/socket/receipts.ts), checked against the formulas it documents. */
const owner: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const grantee: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

function chainOf(n: number): Receipt[] {
  const out: Receipt[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const body = {
      seq,
      owner,
      grantee,
      attributeId: 6,
      connectionId: "123",
      purpose: seq % 2 === 0 ? keccak256("0x01") : null,
      block: String(100 + seq),
      at: new Date(Date.UTC(2026, 11, 1, 12, 0, seq)).toISOString(),
      decision: seq === 3 ? ("refused" as const) : ("allowed" as const),
      reason: seq === 3 ? "no_consent" : null,
      prev,
    };
    const hash = receiptHash(body);
    out.push({ ...body, hash });
    prev = hash;
  }
  return out;
}

describe("receipt hashing", () => {
  it("hashes a receipt as abi.encode of its fields", () => {
    const [r] = chainOf(1) as [Receipt];
    const expected = keccak256(
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
          owner,
          1n,
          grantee,
          6,
          123n,
          zeroHash,
          101n,
          BigInt(Date.UTC(2026, 11, 1, 12, 0, 1) / 1000),
          true,
          "",
          zeroHash,
        ],
      ),
    );
    expect(r.hash).toBe(expected);
    expect(() => receiptHash({ ...r, at: "2026-12-01T12:00:00.500Z" })).toThrow(/whole-second/);
  });

  it("makes the leaf OpenZeppelin's StandardMerkleTree makes of (owner, count, head)", () => {
    const head = keccak256("0x02");
    const inner = keccak256(
      encodeAbiParameters([{ type: "address" }, { type: "uint256" }, { type: "bytes32" }], [owner, 7n, head]),
    );
    expect(headDigest(owner, 7, head)).toBe(inner);
    expect(headLeaf(owner, 7, head)).toBe(keccak256(concat([inner])));
  });

  it("builds a sorted-pair Merkle tree whose proofs OpenZeppelin's MerkleProof.verify accepts", () => {
    const leaves = [1, 2, 3, 4, 5].map((i) => keccak256(`0x0${i}` as Hex));
    const sorted = [...leaves].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const pair = (a: Hex, b: Hex) => (BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a])));
    const [s0, s1, s2, s3, s4] = sorted as [Hex, Hex, Hex, Hex, Hex];
    const expectedRoot = pair(pair(pair(s0, s1), pair(s2, s3)), s4);
    expect(merkleRoot(leaves)).toBe(expectedRoot);
    expect(merkleRoot([])).toBe(zeroHash);
    expect(merkleRoot([s0])).toBe(s0.toLowerCase());
    for (const leaf of leaves) {
      const proof = merkleProof(leaves, leaf);
      expect(verifyMerkleProof(proof, expectedRoot, leaf)).toBe(true);
      expect(verifyMerkleProof(proof, expectedRoot, keccak256("0x99"))).toBe(false);
    }
    expect(() => merkleProof(leaves, keccak256("0x99"))).toThrow(/not in the tree/);
  });
});

describe("verifyReceiptChain", () => {
  it("accepts an intact, signed log and names each kind of tampering", async () => {
    const receipts = chainOf(5);
    const operator = privateKeyToAccount(generatePrivateKey());
    const last = receipts[4] as Receipt;
    const head: ReceiptHead = {
      owner,
      count: 5,
      hash: last.hash,
      signature: await operator.signMessage({ message: { raw: headDigest(owner, 5, last.hash) } }),
      operator: operator.address,
    };
    expect(await verifyReceiptChain({ receipts, head, operator: operator.address })).toEqual({
      ok: true,
      count: 5,
      problems: [],
      signer: operator.address,
    });
    // continuing from a known earlier head
    const tail = await verifyReceiptChain({
      receipts: receipts.slice(2),
      head,
      from: { count: 2, hash: receipts[1]?.hash ?? zeroHash },
    });
    expect(tail.ok).toBe(true);

    const problems = async (r: Receipt[], h = head) =>
      (await verifyReceiptChain({ receipts: r, head: h, operator: operator.address })).problems;
    expect(await problems(receipts.map((r) => (r.seq === 2 ? { ...r, grantee: owner } : r)))).toContain(
      "receipt 2: its hash does not match its contents (rewritten?)",
    );
    expect((await problems(receipts.filter((r) => r.seq !== 4)))[0]).toMatch(/receipt 5: expected number 4/);
    expect(await problems(receipts.slice(0, 4))).toContain("the head counts 5 receipts, the log has 4");
    const other = privateKeyToAccount(generatePrivateKey());
    const forged = {
      ...head,
      signature: await other.signMessage({ message: { raw: headDigest(owner, 5, last.hash) } }),
    };
    expect(await problems(receipts, forged)).toEqual([
      `the head was signed by ${other.address}, not by the operator ${operator.address}`,
      `the head is not signed by the operator ${operator.address}`,
    ]);
    expect(await problems(receipts, { ...head, signature: null })).toEqual([
      `the head is not signed by the operator ${operator.address}`,
    ]);
  });
});
