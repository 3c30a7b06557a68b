import type { Hex } from "viem";

import type { WeconetContext } from "../client.js";
import { bytes32ToText } from "../errors.js";
import { selectAll, type RowSource } from "../model/store.js";
import type { RowOf } from "../model/tables.js";
import { inOneBatch } from "./batch.js";
import { readPoint } from "./rows.js";

/** A network rule: its key, readable name, value and the bounds (inclusive) the contract holds it within. */
export interface Rule {
  key: Hex;
  name: string;
  value: bigint;
  min: bigint;
  max: bigint;
}

/** The one builder of a {@link Rule}: its `rule` row (the value its events set) and its bounds. */
export function ruleView(row: RowOf<"rule">, bounds: { min: bigint; max: bigint }): Rule {
  return { key: row.key, name: bytes32ToText(row.key), value: row.value, min: bounds.min, max: bounds.max };
}

interface RuleBook {
  /** The rules' keys in the contract's order. */
  keys: readonly Hex[];
  /** By lower-case key. */
  bounds: Map<Hex, { min: bigint; max: bigint }>;
}

/** The rule book is `pure` in NetworkRules (its code): read once per client (per row source). */
const books = new WeakMap<RowSource, Promise<RuleBook>>();

async function readRuleBook(ctx: WeconetContext): Promise<RuleBook> {
  const keys = await ctx.contracts.networkRules.read.ruleKeys();
  const bounds = await inOneBatch(ctx, undefined, (batch) =>
    Promise.all(keys.map((key) => batch.view("networkRules", "ruleBounds", [key]))),
  );
  return {
    keys,
    bounds: new Map(
      keys.map((key, i) => [key.toLowerCase() as Hex, { min: bounds[i]?.[0] ?? 0n, max: bounds[i]?.[1] ?? 0n }]),
    ),
  };
}

function ruleBookOf(ctx: WeconetContext): Promise<RuleBook> {
  let book = books.get(ctx.rows);
  if (book === undefined) {
    book = readRuleBook(ctx);
    // a failed read is not kept: the next call tries again
    book.catch(() => books.delete(ctx.rows));
    books.set(ctx.rows, book);
  }
  return book;
}

/**
 * Every rule of the network with its bounds, in the contract's order: the values from the `rule` rows (every
 * rule's event is emitted at deployment), the keys and bounds from the contract's own lists (so new rules appear
 * by themselves).
 */
export async function readRules(ctx: WeconetContext): Promise<Rule[]> {
  const [{ rows }, book] = await Promise.all([readPoint(ctx), ruleBookOf(ctx)]);
  const values = await selectAll(rows, "rule");
  const order = new Map(book.keys.map((key, i) => [key.toLowerCase(), i]));
  const rank = (key: Hex) => order.get(key.toLowerCase()) ?? order.size;
  return values
    .sort((a, b) => rank(a.key) - rank(b.key))
    .map((row) => ruleView(row, book.bounds.get(row.key.toLowerCase() as Hex) ?? { min: 0n, max: 0n }));
}
