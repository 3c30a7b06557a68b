import { getAddress, zeroAddress, zeroHash, type Abi, type Address } from "viem";
import { describe, expect, it } from "vitest";

import {
  abis,
  applyEvent,
  applyEvents,
  CONTRACT_NAMES,
  MAX_LIMIT,
  MemoryStore,
  MODEL_TABLES,
  REDUCERS,
  selectAll,
  TABLE_NAMES,
  type AuditEventBase,
  type EventOf,
  type Reducers,
  type RowOf,
} from "../src/index.js";

const A = getAddress("0x00000000000000000000000000000000000000aa");
const B = getAddress("0x00000000000000000000000000000000000000bb");
const C = getAddress("0x00000000000000000000000000000000000000cc");

/** A consent row with the given differences from a plain open one. */
function consent(id: bigint, slot: number, change: Partial<RowOf<"connection">> = {}): RowOf<"connection"> {
  return {
    id,
    slot,
    owner: A,
    grantee: B,
    attributeIds: [1, 2],
    purpose: zeroHash,
    expiresAt: 100,
    grantedAt: 10,
    openedAt: 10,
    consent: "owner",
    connector: zeroAddress,
    open: true,
    closedAt: null,
    closedBy: null,
    closeReason: null,
    changes: 1,
    ...change,
  };
}

/** A store holding six consents, ids 1..6 (slot 0), with different owners, expiries, attributes and closes. */
function sample(): MemoryStore {
  const store = new MemoryStore();
  store.put("connection", consent(3n, 0, { owner: C, expiresAt: 50, attributeIds: [3] }));
  store.put("connection", consent(1n, 0, { expiresAt: 50 }));
  store.put("connection", consent(2n, 0, { owner: B, grantee: A, expiresAt: 70, attributeIds: [2, 3] }));
  store.put("connection", consent(5n, 0, { open: false, closedAt: 40, closedBy: A, closeReason: "revoked" }));
  store.put("connection", consent(4n, 0, { expiresAt: 70, attributeIds: [] }));
  store.put("connection", consent(6n, 0, { open: false, closedAt: 30, closedBy: B, closeReason: "relinquished" }));
  return store;
}

const ids = (rows: readonly { id: bigint }[]) => rows.map((r) => Number(r.id));

describe("MemoryStore", () => {
  it("gets and replaces rows by key; rows are frozen", async () => {
    const store = new MemoryStore();
    expect(await store.get("member", { account: A })).toBeUndefined();
    store.put("connection", consent(1n, 0));
    store.put("connection", consent(1n, 1, { connector: C }));
    store.put("connection", consent(1n, 0, { changes: 2 }));
    expect(store.size("connection")).toBe(2);
    const row = await store.get("connection", { id: 1n, slot: 0 });
    expect(row?.changes).toBe(2);
    if (row === undefined) throw new Error("no row");
    // rows are frozen: shared with readers, changed only by a put
    expect(Object.isFrozen(row)).toBe(true);
    expect(Reflect.set(row, "changes", 99)).toBe(false);
    expect((await store.get("connection", { id: 1n, slot: 0 }))?.changes).toBe(2);
    // keys compare addresses case-insensitively: a store may hold them lower-cased
    store.put("credit", { token: zeroAddress, account: A, amount: 5n });
    expect((await store.get("credit", { token: zeroAddress, account: A.toLowerCase() as Address }))?.amount).toBe(5n);
    expect(await store.block()).toBe(0n);
  });

  it("filters: equality, in, ne, gt/gte/lt/lte, has, or, null", async () => {
    const store = sample();
    const where = async (filter: Parameters<typeof store.select<"connection">>[1]) =>
      ids((await store.select("connection", filter)).items);
    expect(await where({ where: { owner: A } })).toEqual([1, 4, 5, 6]);
    expect(await where({ where: { owner: C.toLowerCase() as Address } })).toEqual([3]);
    expect(await where({ where: { id: { in: [2n, 4n, 9n] } } })).toEqual([2, 4]);
    expect(await where({ where: { id: { in: [] } } })).toEqual([]);
    expect(await where({ where: { owner: { ne: A } } })).toEqual([2, 3]);
    expect(await where({ where: { expiresAt: { gt: 50 } } })).toEqual([2, 4, 5, 6]);
    expect(await where({ where: { expiresAt: { gte: 50, lt: 100 } } })).toEqual([1, 2, 3, 4]);
    expect(await where({ where: { expiresAt: { lte: 50 } } })).toEqual([1, 3]);
    expect(await where({ where: { attributeIds: { has: 3 } } })).toEqual([2, 3]);
    expect(await where({ where: { attributeIds: [1, 2] } })).toEqual([1, 5, 6]);
    expect(await where({ where: { attributeIds: [] } })).toEqual([4]);
    expect(await where({ where: { or: [{ owner: C }, { id: 1n }] } })).toEqual([1, 3]);
    expect(await where({ where: { open: true, or: [{ owner: C }, { owner: B }] } })).toEqual([2, 3]);
    expect(await where({ where: { or: [] } })).toEqual([1, 2, 3, 4, 5, 6]);
    // null: equality is IS NULL, `ne: null` IS NOT NULL, and comparisons never match a null
    expect(await where({ where: { closedAt: null } })).toEqual([1, 2, 3, 4]);
    expect(await where({ where: { closedAt: { ne: null } } })).toEqual([5, 6]);
    expect(await where({ where: { closedAt: { lt: 100 } } })).toEqual([5, 6]);
    expect(await where({ where: { closeReason: { ne: "revoked" } } })).toEqual([6]);
    await expect(store.select("connection", { where: { nope: 1 } as never })).rejects.toThrow(
      "table connection has no column nope",
    );
  });

  it("selects by an address through its index, kept up to date as rows are replaced", async () => {
    const store = sample();
    const where = async (filter: Parameters<typeof store.select<"connection">>[1]) =>
      ids((await store.select("connection", filter)).items);
    // the first select by owner or grantee builds the index; later puts keep it
    expect(await where({ where: { owner: A, open: true } })).toEqual([1, 4]);
    expect(await where({ where: { or: [{ owner: C }, { grantee: A }] } })).toEqual([2, 3]);
    store.put("connection", consent(1n, 0, { owner: C }));
    store.put("connection", consent(7n, 0, { owner: A.toLowerCase() as Address, grantee: C }));
    expect(await where({ where: { owner: A } })).toEqual([4, 5, 6, 7]);
    expect(await where({ where: { owner: { in: [C.toLowerCase() as Address] } } })).toEqual([1, 3]);
    expect(await where({ where: { or: [{ owner: B, open: true }, { grantee: C }] } })).toEqual([2, 7]);
    // an alternative without an address takes every row, as without the index
    expect(await where({ where: { or: [{ owner: C }, { id: 4n }] } })).toEqual([1, 3, 4]);
    const total = (await store.select("connection", { where: { grantee: B }, limit: 1 })).total;
    expect(total).toBe(5);
    // a select that matches no row through the index still refuses what no row could match
    const nobody = getAddress("0x00000000000000000000000000000000000000dd");
    await expect(store.select("connection", { where: { owner: nobody, nope: 1 } as never })).rejects.toThrow(
      "table connection has no column nope",
    );
    await expect(
      store.select("connection", { where: { owner: nobody, expiresAt: { near: 1 } } as never }),
    ).rejects.toThrow('unknown condition "near"');
  });

  it("sorts by a column, ties broken by the key in the same direction, nulls last ascending", async () => {
    const store = sample();
    const sorted = async (options: Parameters<typeof store.select<"connection">>[1]) =>
      ids((await store.select("connection", options)).items);
    expect(await sorted({})).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await sorted({ direction: "desc" })).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await sorted({ orderBy: "expiresAt" })).toEqual([1, 3, 2, 4, 5, 6]);
    expect(await sorted({ orderBy: "expiresAt", direction: "desc" })).toEqual([6, 5, 4, 2, 3, 1]);
    expect(await sorted({ orderBy: "owner" })).toEqual([1, 4, 5, 6, 2, 3]);
    expect(await sorted({ orderBy: "closedAt" })).toEqual([6, 5, 1, 2, 3, 4]);
    expect(await sorted({ orderBy: "closedAt", direction: "desc" })).toEqual([4, 3, 2, 1, 5, 6]);
    await expect(store.select("connection", { orderBy: "attributeIds" })).rejects.toThrow("list column");
  });

  it("pages with an opaque cursor, the total counting every matching row", async () => {
    const store = sample();
    const pages: number[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.select("connection", {
        where: { id: { ne: 2n } },
        orderBy: "expiresAt",
        direction: "desc",
        limit: 2,
        ...(after === undefined ? {} : { after }),
      });
      expect(page.total).toBe(5);
      pages.push(ids(page.items));
      if (page.next === null) break;
      after = page.next;
    }
    expect(pages).toEqual([[6, 5], [4, 3], [1]]);
    // a cursor stays valid while rows change: it names a position, not an offset
    const first = await store.select("connection", { limit: 2 });
    store.put("connection", consent(0n, 0));
    expect(ids((await store.select("connection", { limit: 2, after: first.next ?? "" })).items)).toEqual([3, 4]);
    expect((await store.select("connection", { limit: 3 })).next).not.toBeNull();
    expect((await store.select("connection", { limit: 7 })).next).toBeNull();
    expect((await store.select("connection")).items).toHaveLength(7);
    await expect(store.select("connection", { limit: MAX_LIMIT + 1 })).rejects.toThrow("0 to 1000 rows");
    await expect(store.select("connection", { after: "garbage" })).rejects.toThrow("not a cursor");
  });

  it("selectAll pages through more rows than one page holds", async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 2_345; i++)
      store.put("rule", { key: `0x${i.toString(16).padStart(64, "0")}`, value: BigInt(i) });
    const all = await selectAll(store, "rule", {
      where: { value: { gte: 100n } },
      orderBy: "value",
      direction: "desc",
    });
    expect(all).toHaveLength(2_245);
    expect(all[0]?.value).toBe(2_344n);
    expect(all.at(-1)?.value).toBe(100n);
  });
});

describe("the reducer table", () => {
  it("has a reducer for every event of every contract, checked by the type", () => {
    const complete: Reducers = REDUCERS;
    // @ts-expect-error a table missing one event (Taxonomy.AttributeDeprecated) does not type-check
    const missing: Reducers = { ...REDUCERS, Taxonomy: { AttributeAdded: REDUCERS.Taxonomy.AttributeAdded } };
    expect(Object.keys(missing.Taxonomy)).toEqual(["AttributeAdded"]);
    for (const name of CONTRACT_NAMES) {
      const events = (abis[name] as Abi).flatMap((item) => (item.type === "event" ? [item.name] : []));
      expect(Object.keys(complete[name]).sort()).toEqual([...new Set(events)].sort());
    }
  });

  it("describes every table with its key among its columns", () => {
    for (const table of TABLE_NAMES) {
      for (const column of MODEL_TABLES[table].key) expect(Object.keys(MODEL_TABLES[table].columns)).toContain(column);
    }
  });
});

/** A normalized event for the fold (what the reader would give), at `block`/`logIndex`. */
function event<E extends "OfferListed" | "OfferPaused">(
  name: E,
  block: bigint,
  logIndex: number,
  args: EventOf<"Market", E>["args"],
): EventOf<"Market", E> {
  const base: AuditEventBase = {
    chainId: 31337,
    block,
    logIndex,
    tx: zeroHash,
    timestamp: Number(block) * 12,
    address: zeroAddress,
    actor: null,
    subjects: { accounts: [], attributes: [], proposals: [], resources: [], offers: [], bookings: [], requests: [] },
    summary: name,
  };
  return { ...base, contract: "Market", event: name, args } as EventOf<"Market", E>;
}

const terms = {
  classId: 7,
  token: zeroAddress,
  unitPrice: 5n,
  capacity: 2n,
  validFrom: 0,
  validUntil: 0,
  metadata: zeroHash,
};
const listed = (offerId: bigint, block: bigint) =>
  event("OfferListed", block, 0, {
    party: A,
    offerId,
    bookingId: 0n,
    resourceId: 1n,
    terms,
    dataRequest: { attributeIds: [], purpose: zeroHash, duration: 0 },
  });
const paused = (offerId: bigint, block: bigint) => event("OfferPaused", block, 1, { party: A, offerId, bookingId: 0n });

describe("the fold", () => {
  it("moves its cursor, counts events, notes changed tables and skips what it folded already", async () => {
    const store = new MemoryStore();
    expect(await applyEvents(store, [listed(1n, 5n), paused(1n, 5n), listed(2n, 8n)])).toBe(3);
    expect(store.row("settings", { id: "network" })).toMatchObject({ events: 3, lastBlock: 8n, lastLogIndex: 0 });
    expect(await store.block()).toBe(8n);
    expect(store.rows("change")).toEqual([{ table: "offer", block: 8n, count: 3 }]);
    expect(store.row("offer", { id: 1n })?.status).toBe("paused");
    // the same events again, and one at the cursor: skipped; a later one applies
    expect(await applyEvents(store, [listed(1n, 5n), paused(1n, 5n), listed(2n, 8n)])).toBe(0);
    expect(await applyEvent(store, paused(2n, 8n))).toBe(true);
    expect(store.row("offer", { id: 2n })?.status).toBe("paused");
    expect(store.row("settings", { id: "network" })?.events).toBe(4);
  });

  it("reports an event about a record never seen, unless the fold is partial", async () => {
    await expect(applyEvent(new MemoryStore(), paused(9n, 3n))).rejects.toThrow(
      "weconet audit: an event names offer 9, which never appeared",
    );
    const partial = new MemoryStore();
    expect(await applyEvent(partial, paused(9n, 3n), { partial: true })).toBe(true);
    expect(partial.size("offer")).toBe(0);
    // nothing written but the cursor: no change row
    expect(partial.rows("change")).toEqual([]);
  });
});
