import {
  GENESIS,
  headDigest,
  headLeaf,
  merkleProof,
  merkleRoot,
  receiptHash,
  type SocketAnchor,
  type Receipt,
  type ReceiptHead,
  type ReceiptProof,
} from "@weconet/sdk";
import { and, asc, desc, eq, gt, inArray, param, sql } from "drizzle-orm";
import { getAddress, type Address, type Hex, type LocalAccount } from "viem";

import type { Database, Db, Tx } from "./db/open.js";
import { anchorHeads, anchors, receiptHeads, receipts } from "./db/schema.js";

/** A receipt before it is chained (the service fills in seq, prev and hash). */
export interface ReceiptInput {
  owner: Address;
  grantee: Address;
  attributeId: number;
  connectionId: bigint;
  purpose: Hex | null;
  block: bigint;
  decision: "allowed" | "refused";
  reason: string | null;
}

/** The most receipts one transaction appends. */
const MAX_BATCH = 500;

/** Where an owner's chain stands: its count and the hash of its last receipt. */
interface Chain {
  seq: number;
  prev: Hex;
}

/**
 * The per-owner hash chains of access receipts; the operator signs every new head. On PostgreSQL, appending locks
 * the owners' head rows (`SELECT … FOR UPDATE`), so that several socket processes on one database never fork a
 * chain. PGlite serves exactly one process (the socket opens its folder itself), so there this process's own copy
 * of the heads is the authority and a batch costs one statement.
 */
export function receiptLog(options: { db: Db; engine: Database["engine"]; operator: LocalAccount | undefined }) {
  const { db, engine, operator } = options;

  const sign = async (owner: Address, count: number, hash: Hex) =>
    operator === undefined ? null : await operator.signMessage({ message: { raw: headDigest(owner, count, hash) } });

  /** The receipts of `inputs` chained on from `chains` (moved on to the new heads), each owner's in order. */
  function chainUp(inputs: readonly ReceiptInput[], at: Date, chains: Map<string, Chain>): Receipt[] {
    return inputs.map((input) => {
      const chain = chains.get(input.owner);
      if (chain === undefined) throw new Error(`the receipt head of ${input.owner} vanished`);
      chain.seq += 1;
      const body = {
        seq: chain.seq,
        owner: input.owner,
        grantee: input.grantee,
        attributeId: input.attributeId,
        connectionId: input.connectionId.toString(),
        purpose: input.purpose,
        block: input.block.toString(),
        at: at.toISOString(),
        decision: input.decision,
        reason: input.reason,
        prev: chain.prev,
      };
      chain.prev = receiptHash(body);
      return { ...body, hash: chain.prev };
    });
  }

  /**
   * One statement writes the receipts and moves the heads (signed when next read, see head(), not on every read's
   * hot path), each column sent as one array whatever the batch's size. A receipt whose seq is taken already
   * breaks the primary key, so a stale head fails the whole statement instead of forking a chain.
   */
  async function write(runner: Db | Tx, made: readonly Receipt[], chains: Map<string, Chain>, at: Date) {
    const column = (pick: (r: Receipt) => string | number | null) => param(made.map(pick));
    const heads = [...chains];
    const head = (pick: (h: [string, Chain]) => string | number) => param(heads.map(pick));
    await runner.execute(sql`
      with written as (
        insert into ${receipts} (owner, seq, grantee, attribute_id, connection_id, purpose, block, at, decision,
                                 reason, prev, hash)
        select r.owner, r.seq, r.grantee, r.attribute_id, r.connection_id, r.purpose, r.block, ${at.toISOString()}::timestamptz,
               r.decision, r.reason, r.prev, r.hash
        from unnest(${column((r) => r.owner)}::text[], ${column((r) => r.seq)}::integer[],
                    ${column((r) => r.grantee)}::text[], ${column((r) => r.attributeId)}::integer[],
                    ${column((r) => r.connectionId)}::text[], ${column((r) => r.purpose)}::text[],
                    ${column((r) => r.block)}::bigint[], ${column((r) => r.decision)}::text[],
                    ${column((r) => r.reason)}::text[], ${column((r) => r.prev)}::text[],
                    ${column((r) => r.hash)}::text[])
          as r(owner, seq, grantee, attribute_id, connection_id, purpose, block, decision, reason, prev, hash)
      )
      insert into ${receiptHeads} (owner, count, hash, signature)
      select v.owner, v.count, v.hash, null
      from unnest(${head(([o]) => o)}::text[], ${head(([, c]) => c.seq)}::integer[], ${head(([, c]) => c.prev)}::text[])
        as v(owner, count, hash)
      on conflict (owner) do update set count = excluded.count, hash = excluded.hash, signature = null`);
  }

  /** The heads of `owners` as stored (GENESIS for an owner without receipts). */
  async function stored(runner: Db | Tx, owners: readonly string[], lock: boolean): Promise<Map<string, Chain>> {
    const query = runner
      .select()
      .from(receiptHeads)
      .where(inArray(receiptHeads.owner, [...owners]))
      .orderBy(asc(receiptHeads.owner));
    const rows = await (lock ? query.for("update") : query);
    const chains = new Map<string, Chain>(owners.map((o) => [o, { seq: 0, prev: GENESIS }]));
    for (const r of rows) chains.set(r.owner, { seq: r.count, prev: r.hash as Hex });
    return chains;
  }

  /**
   * PostgreSQL: appends in one transaction. The heads of all the owners are locked together, in the order of their
   * addresses, so that two processes appending for overlapping owners wait for each other instead of deadlocking.
   */
  function appendLocked(inputs: readonly ReceiptInput[], owners: readonly string[], at: Date): Promise<Receipt[]> {
    return db.transaction(async (tx) => {
      const lockHeads = () => stored(tx, owners, true);
      let chains = await lockHeads();
      if (![...chains.values()].every((c) => c.seq > 0)) {
        // first receipts of some owners: make their head rows (another process may be making them too), then lock
        await tx
          .insert(receiptHeads)
          .values(owners.map((owner) => ({ owner, count: 0, hash: GENESIS })))
          .onConflictDoNothing();
        chains = await lockHeads();
      }
      const made = chainUp(inputs, at, chains);
      await write(tx, made, chains, at);
      return made;
    });
  }

  // PGlite: the heads this process has committed, loaded from the database once per owner. They move only after a
  // write succeeded; after a failed one they are all forgotten and read again.
  const known = new Map<string, Chain>();
  async function appendAlone(inputs: readonly ReceiptInput[], owners: readonly string[], at: Date) {
    const missing = owners.filter((o) => !known.has(o));
    if (missing.length > 0) for (const [o, c] of await stored(db, missing, false)) known.set(o, c);
    const chains = new Map(owners.map((o) => [o, { ...(known.get(o) ?? { seq: 0, prev: GENESIS }) }]));
    const made = chainUp(inputs, at, chains);
    try {
      // one statement is one transaction: all of the batch is committed, or none of it
      await write(db, made, chains, at);
    } catch (error) {
      known.clear();
      throw error;
    }
    for (const [o, c] of chains) known.set(o, c);
    return made;
  }

  /** Appends `inputs` (of any owners) in one transaction, each owner's in the order given. */
  function appendAll(inputs: readonly ReceiptInput[]): Promise<Receipt[]> {
    // Whole seconds: the hash covers the time as Unix seconds, and the text must say the same.
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const owners = [...new Set(inputs.map((i) => i.owner))].sort();
    return engine === "pglite" ? appendAlone(inputs, owners, at) : appendLocked(inputs, owners, at);
  }

  // Group commit: receipts that arrive while an append is running wait for it and then go together, whatever
  // their owners, in one transaction: a burst of reads costs one commit per batch instead of one per read. Each
  // owner's chain keeps the order in which its receipts arrived. A read resolves only once its receipt is committed.
  let queue: { input: ReceiptInput; resolve: (r: Receipt) => void; reject: (e: unknown) => void }[] = [];
  let draining = false;
  async function drain(): Promise<void> {
    draining = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      try {
        const made = await appendAll(batch.map((b) => b.input));
        batch.forEach((b, i) => b.resolve(made[i] as Receipt));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    draining = false;
  }

  /** Appends one receipt to its owner's chain; resolves once it is committed. */
  function append(input: ReceiptInput): Promise<Receipt> {
    return new Promise((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!draining) void drain();
    });
  }

  function toReceipt(row: typeof receipts.$inferSelect): Receipt {
    return {
      seq: row.seq,
      owner: getAddress(row.owner),
      grantee: getAddress(row.grantee),
      attributeId: row.attributeId,
      connectionId: row.connectionId,
      purpose: row.purpose as Hex | null,
      block: row.block.toString(),
      at: row.at.toISOString(),
      decision: row.decision === "allowed" ? "allowed" : "refused",
      reason: row.reason,
      prev: row.prev as Hex,
      hash: row.hash as Hex,
    };
  }

  /** The owner's head, signed by the operator (signed now and kept, when it changed since it was last signed). */
  async function head(owner: Address): Promise<ReceiptHead> {
    const [row] = await db.select().from(receiptHeads).where(eq(receiptHeads.owner, owner));
    const count = row?.count ?? 0;
    const hash = (row?.hash ?? GENESIS) as Hex;
    let signature = (row?.signature ?? null) as Hex | null;
    if (signature === null) {
      signature = await sign(owner, count, hash);
      // kept only if no receipt was appended meanwhile (else the next read signs the newer head)
      if (row !== undefined && signature !== null) {
        await db
          .update(receiptHeads)
          .set({ signature })
          .where(and(eq(receiptHeads.owner, owner), eq(receiptHeads.count, count)));
      }
    }
    return { owner, count, hash, signature, operator: operator?.address ?? null };
  }

  async function list(
    owner: Address,
    after: number,
    limit: number,
  ): Promise<{ receipts: Receipt[]; head: ReceiptHead }> {
    const rows = await db
      .select()
      .from(receipts)
      .where(and(eq(receipts.owner, owner), gt(receipts.seq, after)))
      .orderBy(asc(receipts.seq))
      .limit(limit);
    return { receipts: rows.map(toReceipt), head: await head(owner) };
  }

  /** The heads of every owner now, and the Merkle root over them. */
  async function snapshot(): Promise<{
    heads: { owner: Address; count: number; hash: Hex }[];
    root: Hex;
    total: bigint;
  }> {
    const rows = await db.select().from(receiptHeads).where(gt(receiptHeads.count, 0));
    const heads = rows.map((r) => ({ owner: getAddress(r.owner), count: r.count, hash: r.hash as Hex }));
    const root = merkleRoot(heads.map((h) => headLeaf(h.owner, h.count, h.hash)));
    const total = heads.reduce((sum, h) => sum + BigInt(h.count), 0n);
    return { heads, root, total };
  }

  /** Records a root that was anchored on-chain, with the heads it covers. */
  async function recordAnchor(a: {
    root: Hex;
    receipts: bigint;
    block: bigint;
    tx: Hex;
    heads: { owner: Address; count: number; hash: Hex }[];
  }) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(anchors)
        .values({ root: a.root, receipts: a.receipts, block: a.block, tx: a.tx })
        .returning({ id: anchors.id });
      if (row === undefined) throw new Error("the anchor was not recorded");
      if (a.heads.length > 0) {
        await tx
          .insert(anchorHeads)
          .values(a.heads.map((h) => ({ anchorId: row.id, owner: h.owner, count: h.count, hash: h.hash })));
      }
    });
  }

  async function latestAnchor(): Promise<(SocketAnchor & { id: number }) | undefined> {
    const [row] = await db.select().from(anchors).orderBy(desc(anchors.id)).limit(1);
    if (row === undefined) return undefined;
    return {
      id: row.id,
      root: row.root as Hex,
      receipts: Number(row.receipts),
      block: row.block.toString(),
      tx: row.tx as Hex,
    };
  }

  /** The proof of `owner`'s head in the latest anchored root, or undefined when it is not in one. */
  async function proof(owner: Address): Promise<ReceiptProof | undefined> {
    const anchor = await latestAnchor();
    if (anchor === undefined) return undefined;
    const heads = await db.select().from(anchorHeads).where(eq(anchorHeads.anchorId, anchor.id));
    const leaves = heads.map((h) => headLeaf(getAddress(h.owner), h.count, h.hash as Hex));
    const mine = heads.find((h) => h.owner === owner);
    if (mine === undefined) return undefined;
    const leaf = headLeaf(owner, mine.count, mine.hash as Hex);
    return {
      leaf,
      proof: merkleProof(leaves, leaf),
      root: anchor.root,
      count: mine.count,
      anchor: { block: anchor.block, tx: anchor.tx },
    };
  }

  /** How many receipts the log holds (for the anchor's count). */
  async function total(): Promise<bigint> {
    const [row] = await db.select({ n: sql<string>`coalesce(sum(${receiptHeads.count}), 0)` }).from(receiptHeads);
    return BigInt(row?.n ?? 0);
  }

  return { append, list, head, snapshot, recordAnchor, latestAnchor, proof, total };
}
export type ReceiptLog = ReturnType<typeof receiptLog>;
