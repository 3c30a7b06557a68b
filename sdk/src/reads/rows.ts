import type { Hex, PublicClient } from "viem";

import type { WeconetContext } from "../client.js";
import { WeconetError } from "../errors.js";
import { MAX_LIMIT, selectAll, type RowSource, type SelectOptions } from "../model/store.js";
import type { RowOf, TableName } from "../model/tables.js";

/** The chain's latest block as a read sees it: how far the rows must have come, and the contracts' clock. */
export interface ChainHead {
  number: bigint;
  hash: Hex;
  /** The block's timestamp: `block.timestamp` for the contracts, `now` for the reads' filters. */
  timestamp: number;
}

/** The latest block, uncached (a read right after an action must see the action's block). */
export async function chainHead(client: PublicClient): Promise<ChainHead> {
  const block = await client.getBlock({ blockTag: "latest" });
  if (block.number === null || block.hash === null) {
    throw new WeconetError("the node returned a pending block as its latest block");
  }
  return { number: block.number, hash: block.hash, timestamp: Number(block.timestamp) };
}

/**
 * A row source that the reads bring up to the chain's head before they read (the SDK's own fold from a node).
 * An indexer is its own writer and has no `sync`.
 */
export interface SyncingRowSource extends RowSource {
  /** Folds the events up to `head` (by default the chain's latest block) into the rows. */
  sync(head?: ChainHead): Promise<void>;
}

/** Whether `source` is brought up to date by its reader (see {@link SyncingRowSource}). */
export function isSyncing(source: RowSource): source is SyncingRowSource {
  return "sync" in source && typeof source.sync === "function";
}

/** What one read works with: the rows, and the block and time its filters and views are taken at. */
export interface ReadPoint {
  rows: RowSource;
  /** The chain's latest block: the contracts' views are read at it. */
  block: bigint;
  /** Its timestamp: what "live", "lapsed", "open" and "bookable" compare with. */
  now: number;
}

/** The chain's head, and the rows brought up to it (when the SDK folds them itself). */
export async function readPoint(ctx: WeconetContext): Promise<ReadPoint> {
  const head = await chainHead(ctx.publicClient);
  if (isSyncing(ctx.rows)) await ctx.rows.sync(head);
  return { rows: ctx.rows, block: head.number, now: head.timestamp };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits, at most `timeoutMs`, until a source that writes on its own (an indexer, which may lag the chain by a
 * block or two) has applied block `block`. Returns whether it has.
 */
export async function rowsReach(rows: RowSource, block: bigint, timeoutMs = 10_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if ((await rows.block()) >= block) return true;
    if (isSyncing(rows) || Date.now() >= until) return false;
    await sleep(200);
  }
}

/**
 * A point read of rows that an action relies on (a proposal's calls, an offer's terms): read again once a lagging
 * indexer has reached the chain's head, when the first answer is not `good` (missing, or older than the contract).
 */
export async function readFresh<T>(point: ReadPoint, read: () => Promise<T>, good: (value: T) => boolean): Promise<T> {
  const first = await read();
  if (good(first) || isSyncing(point.rows)) return first;
  return (await rowsReach(point.rows, point.block)) ? read() : first;
}

/** Paging of a list: at most `limit` items (1 to 1,000; every item when not given) after cursor `after`. */
export interface PageOptions {
  limit?: number;
  /** The `next` of the page before (opaque; only valid with the same filters). */
  after?: string;
}

/** A page of a list. */
export interface ViewPage<V> {
  items: V[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
  /**
   * How many items the whole list holds; null when the list also filters by what the contracts' views say (only
   * reading to the end tells how many pass: e.g. proposals by state, bookable offers).
   */
  total: number | null;
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new WeconetError(`a page holds 1 to ${MAX_LIMIT} items, not ${String(limit)}`);
  }
  return limit;
}

/**
 * A page of a list: the rows of `table` that `select` filters and sorts (at the source: the indexer filters on
 * its server), each built into its view by `build` (which reads what the page needs besides, in a bounded number
 * of requests). When `refine` is set, `build` may drop rows (undefined) by what the contracts' views say; the page
 * then reads on until it holds `limit` items or the rows end.
 */
export async function pageOf<T extends TableName, V>(
  rows: RowSource,
  table: T,
  select: Omit<SelectOptions<RowOf<T>>, "limit" | "after">,
  page: PageOptions,
  build: (rows: RowOf<T>[]) => Promise<(V | undefined)[]>,
  refine = false,
): Promise<ViewPage<V>> {
  const kept = (built: (V | undefined)[]) => built.filter((v): v is V => v !== undefined);
  if (page.limit === undefined) {
    if (page.after !== undefined) throw new WeconetError("`after` pages a list: give a `limit` too");
    const items = kept(await build(await selectAll(rows, table, select)));
    return { items, next: null, total: items.length };
  }
  const limit = checkedLimit(page.limit);
  const items: V[] = [];
  let after = page.after;
  for (;;) {
    const found = await rows.select(table, {
      ...select,
      limit: limit - items.length,
      ...(after === undefined ? {} : { after }),
    });
    items.push(...kept(await build(found.items)));
    if (!refine) return { items, next: found.next, total: found.total };
    if (found.next === null || items.length >= limit) {
      // read from the start to the end: then the count is known
      const total = found.next === null && page.after === undefined ? items.length : null;
      return { items, next: found.next, total };
    }
    after = found.next;
  }
}
