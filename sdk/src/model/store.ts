import {
  keyColumns,
  kindOf,
  TABLE_NAMES,
  type AnyRow,
  type ColumnKind,
  type KeyOf,
  type RowOf,
  type TableName,
} from "./tables.js";

export type MaybePromise<T> = T | Promise<T>;

/** What the reducers see: read a row by its key, write a whole row. The memory store and the indexer's both are. */
export interface ModelStore {
  get<T extends TableName>(table: T, key: KeyOf<T>): MaybePromise<RowOf<T> | undefined>;
  /** Inserts the row, or replaces the row with the same key whole. */
  put<T extends TableName>(table: T, row: RowOf<T>): MaybePromise<void>;
}

type Element<V> = V extends readonly (infer E)[] ? E : never;

/** A condition on one column (all the given parts must hold). */
export interface Condition<V> {
  in?: readonly V[];
  ne?: V;
  gt?: V;
  gte?: V;
  lt?: V;
  lte?: V;
  /** For a list column: the list contains this element. */
  has?: Element<V>;
}

/**
 * Which rows: every named column equals its value or meets its condition, and (when `or` is given and not empty)
 * at least one of the `or` filters holds. A `null` value matches a null column; comparisons never match a null
 * column (as in SQL).
 */
export type Filter<R> = { [K in keyof R]?: R[K] | Condition<R[K]> } & { or?: readonly Filter<R>[] };

/** The most rows one page may hold, and how many a page holds when no limit is given (as the indexer's GraphQL). */
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 50;

export interface SelectOptions<R> {
  where?: Filter<R>;
  /** The column to sort by; ties are broken by the key columns, in the same direction. By default the key. */
  orderBy?: keyof R & string;
  direction?: "asc" | "desc";
  /** At most {@link MAX_LIMIT}; {@link DEFAULT_LIMIT} when not given. */
  limit?: number;
  /** The `next` cursor of the previous page (opaque). */
  after?: string;
}

export interface Page<R> {
  items: R[];
  /** The cursor of the next page; null on the last page. */
  next: string | null;
  /** How many rows match the filter, on all pages. */
  total: number;
}

/** What reads and verification see: rows, filtered, sorted and paged by the source (memory or the indexer). */
export interface RowSource {
  get<T extends TableName>(table: T, key: KeyOf<T>): Promise<RowOf<T> | undefined>;
  select<T extends TableName>(table: T, options?: SelectOptions<RowOf<T>>): Promise<Page<RowOf<T>>>;
  /** The block the source has applied up to (the fold's cursor; 0 before any event). */
  block(): Promise<bigint>;
}

/** Every row of `table` that matches `options` (paging through the source until the last page). */
export async function selectAll<T extends TableName>(
  source: RowSource,
  table: T,
  options: Omit<SelectOptions<RowOf<T>>, "limit" | "after"> = {},
): Promise<RowOf<T>[]> {
  const rows: RowOf<T>[] = [];
  let after: string | undefined;
  for (;;) {
    const page: Page<RowOf<T>> = await source.select(table, {
      ...options,
      limit: MAX_LIMIT,
      ...(after === undefined ? {} : { after }),
    });
    rows.push(...page.items);
    if (page.next === null) return rows;
    after = page.next;
  }
}

type Scalar = string | number | bigint | boolean;
/** Any column's value. */
type Value = Scalar | readonly Scalar[] | null;

/** A row's columns by name, for code that works on any table (the table's kinds say what each value is). */
function valuesOf(row: AnyRow | KeyOf<TableName>): Readonly<Record<string, Value>> {
  return row as unknown as Readonly<Record<string, Value>>;
}

/** A scalar as text that sorts and compares as its kind does (addresses and hex case-insensitively). */
function canonical(kind: ColumnKind, value: Scalar): string {
  return kind.startsWith("address") || kind.startsWith("hex") ? String(value).toLowerCase() : String(value);
}

function baseOf(kind: ColumnKind): string {
  return kind.endsWith("?") ? kind.slice(0, -1) : kind;
}

/** -1, 0 or 1: how two non-null scalars of `kind` compare. */
function compareScalars(kind: string, a: Scalar, b: Scalar): number {
  switch (kind) {
    case "bigint":
    case "int":
    case "bool": {
      const x = typeof a === "boolean" ? Number(a) : a;
      const y = typeof b === "boolean" ? Number(b) : b;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case "address":
    case "hex": {
      const x = String(a).toLowerCase();
      const y = String(b).toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case "text":
      return a < b ? -1 : a > b ? 1 : 0;
    case "int[]":
    case "bigint[]":
    case "address[]":
    case "hex[]":
      throw new Error("weconet model: a list column cannot be sorted or compared");
    default:
      throw new Error(`weconet model: unknown column kind ${kind}`);
  }
}

function elementKind(kind: string): string {
  if (!kind.endsWith("[]")) throw new Error(`weconet model: "has" needs a list column, not one of kind ${kind}`);
  return kind.slice(0, -2);
}

function equalValues(kind: ColumnKind, a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  const base = baseOf(kind);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const element = elementKind(base);
    return a.every((x: Scalar, i) => compareScalars(element, x, b[i] as Scalar) === 0);
  }
  return compareScalars(base, a as Scalar, b as Scalar) === 0;
}

/** Sorting: nulls after every value ascending (before them descending), as PostgreSQL sorts. */
function compareForSort(kind: ColumnKind, a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareScalars(baseOf(kind), a as Scalar, b as Scalar);
}

function isCondition(value: unknown): value is Condition<Value> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const CONDITIONS = new Set(["in", "ne", "gt", "gte", "lt", "lte", "has"]);

function compared(kind: ColumnKind, actual: Value, bound: Value): number | null {
  if (actual === null || bound === null) return null;
  return compareScalars(baseOf(kind), actual as Scalar, bound as Scalar);
}

function meets(kind: ColumnKind, actual: Value, condition: Condition<Value>): boolean {
  for (const [op, bound] of Object.entries(condition) as [keyof Condition<Value>, Value][]) {
    if (!CONDITIONS.has(op)) throw new Error(`weconet model: unknown condition "${op}"`);
    if (bound === undefined) continue;
    let ok: boolean;
    switch (op) {
      case "in":
        ok = actual !== null && (bound as readonly Value[]).some((v) => v !== null && equalValues(kind, actual, v));
        break;
      case "ne":
        ok = bound === null ? actual !== null : actual !== null && !equalValues(kind, actual, bound);
        break;
      case "gt":
      case "gte":
      case "lt":
      case "lte": {
        const c = compared(kind, actual, bound);
        ok = c !== null && (op === "gt" ? c > 0 : op === "gte" ? c >= 0 : op === "lt" ? c < 0 : c <= 0);
        break;
      }
      case "has": {
        const element = elementKind(baseOf(kind));
        ok = Array.isArray(actual) && actual.some((x: Scalar) => compareScalars(element, x, bound as Scalar) === 0);
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

/** Whether `row` of `table` matches `filter`. */
export function rowMatches<T extends TableName>(table: T, row: RowOf<T>, filter: Filter<RowOf<T>>): boolean {
  const values = valuesOf(row);
  for (const [column, wanted] of Object.entries(filter) as [string, unknown][]) {
    if (wanted === undefined) continue;
    if (column === "or") {
      const alternatives = wanted as readonly Filter<RowOf<T>>[];
      if (alternatives.length > 0 && !alternatives.some((f) => rowMatches(table, row, f))) return false;
      continue;
    }
    const kind = kindOf(table, column);
    const actual = values[column] as Value;
    if (isCondition(wanted) ? !meets(kind, actual, wanted) : !equalValues(kind, actual, wanted as Value)) {
      return false;
    }
  }
  return true;
}

/** The columns a select sorts by: the chosen one, then the key columns (all in one direction). */
function sortColumns(table: TableName, orderBy: string | undefined): string[] {
  const key = keyColumns(table) as readonly string[];
  if (orderBy === undefined) return [...key];
  kindOf(table, orderBy);
  return [orderBy, ...key.filter((c) => c !== orderBy)];
}

/** The text of a row's sort values (a cursor): each value's canonical text, null as null. */
function sortValues(table: TableName, columns: readonly string[], row: AnyRow): (string | null)[] {
  const values = valuesOf(row);
  return columns.map((c) => {
    const v = values[c] as Value;
    if (v === null) return null;
    if (Array.isArray(v)) throw new Error(`weconet model: cannot sort by the list column ${c}`);
    return canonical(kindOf(table, c), v as Scalar);
  });
}

function parseScalar(kind: string, text: string): Scalar {
  switch (kind) {
    case "bigint":
      return BigInt(text);
    case "int":
      return Number(text);
    case "bool":
      return text === "true";
    default:
      return text;
  }
}

function encodeCursor(values: (string | null)[]): string {
  return encodeURIComponent(JSON.stringify(values));
}

function decodeCursor(cursor: string, count: number): (string | null)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(cursor));
  } catch {
    throw new Error(`weconet model: "${cursor}" is not a cursor of this source`);
  }
  if (!Array.isArray(parsed) || parsed.length !== count || !parsed.every((v) => v === null || typeof v === "string")) {
    throw new Error(`weconet model: "${cursor}" is not a cursor of this select`);
  }
  return parsed as (string | null)[];
}

/** Per table, its key columns and whether each compares case-insensitively (worked out once: keys are hot). */
const KEY_SPECS = new Map<TableName, readonly { column: string; lower: boolean }[]>(
  TABLE_NAMES.map((table) => [
    table,
    (keyColumns(table) as readonly string[]).map((column) => {
      const kind = kindOf(table, column);
      return { column, lower: kind.startsWith("address") || kind.startsWith("hex") };
    }),
  ]),
);

/** The canonical values of a key's columns, in order. */
function keyParts<T extends TableName>(table: T, key: KeyOf<T>): string[] {
  const values = valuesOf(key);
  const spec = KEY_SPECS.get(table);
  if (spec === undefined) throw new Error(`weconet model: there is no table ${String(table)}`);
  const parts: string[] = [];
  for (const { column, lower } of spec) {
    const v = values[column];
    if (v === undefined || v === null || Array.isArray(v)) {
      throw new Error(`weconet model: a key of ${table} needs its column ${column}`);
    }
    parts.push(lower ? String(v).toLowerCase() : String(v));
  }
  return parts;
}

/** The key of a row as one string: the JSON list of its key columns' canonical values. */
export function keyString<T extends TableName>(table: T, key: KeyOf<T>): string {
  return JSON.stringify(keyParts(table, key));
}

/** The key of a row in a memory map: its canonical values joined by NUL (cheaper than JSON; keys hold no NUL). */
function mapKey<T extends TableName>(table: T, key: KeyOf<T>): string {
  const parts = keyParts(table, key);
  if (parts.some((p) => p.includes("\0"))) throw new Error(`weconet model: a key of ${table} holds a NUL character`);
  return parts.join("\0");
}

/** An address column's value as an index key (lower-cased), or null when it holds none. */
function addressText(value: Value | undefined): string | null {
  return typeof value === "string" ? value.toLowerCase() : null;
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  let keys = index.get(value);
  if (keys === undefined) {
    keys = new Set();
    index.set(value, keys);
  }
  keys.add(key);
}

/**
 * Throws on a filter naming a column the table lacks or an unknown condition — as matching every row would, so
 * that a select through an index (which may match no row at all) refuses the same filters.
 */
function checkFilter(table: TableName, filter: Filter<AnyRow>): void {
  for (const [column, wanted] of Object.entries(filter) as [string, unknown][]) {
    if (wanted === undefined) continue;
    if (column === "or") {
      for (const alternative of wanted as readonly Filter<AnyRow>[]) checkFilter(table, alternative);
      continue;
    }
    kindOf(table, column);
    if (isCondition(wanted)) {
      for (const op of Object.keys(wanted)) {
        if (!CONDITIONS.has(op)) throw new Error(`weconet model: unknown condition "${op}"`);
      }
    }
  }
}

/** Checks a select's limit: a whole number from 0 to {@link MAX_LIMIT}. */
export function limitOf(limit: number | undefined): number {
  const n = limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(n) || n < 0 || n > MAX_LIMIT) {
    throw new Error(`weconet model: a page holds 0 to ${MAX_LIMIT} rows, not ${String(limit)}`);
  }
  return n;
}

/**
 * The model in memory: one map per table. What the SDK folds a node's events into (audit verify, reads without
 * an indexer); selects filter, sort and page as the indexer's GraphQL does.
 */
export class MemoryStore implements ModelStore, RowSource {
  readonly #tables = new Map<TableName, Map<string, AnyRow>>();
  /**
   * Secondary indexes on address columns (table → column → lower-cased address → map keys): a list of one
   * account's rows (connections by owner or grantee, bookings by party) reads those rows, not the whole table.
   * Each is built by the first select that filters by its column and kept up to date by `put` from then on (a
   * fold that is never read pays nothing).
   */
  readonly #indexes = new Map<TableName, Map<string, Map<string, Set<string>>>>();

  #table(table: TableName): Map<string, AnyRow> {
    let rows = this.#tables.get(table);
    if (rows === undefined) {
      if (!TABLE_NAMES.includes(table)) throw new Error(`weconet model: there is no table ${String(table)}`);
      rows = new Map();
      this.#tables.set(table, rows);
    }
    return rows;
  }

  /** The row synchronously (for callers that hold a memory store). */
  row<T extends TableName>(table: T, key: KeyOf<T>): RowOf<T> | undefined {
    return this.#table(table).get(mapKey(table, key)) as RowOf<T> | undefined;
  }

  async get<T extends TableName>(table: T, key: KeyOf<T>): Promise<RowOf<T> | undefined> {
    return this.row(table, key);
  }

  put<T extends TableName>(table: T, row: RowOf<T>): void {
    const rows = this.#table(table);
    const key = mapKey(table, row);
    const indexes = this.#indexes.get(table);
    if (indexes !== undefined) {
      const before = rows.get(key);
      for (const [column, index] of indexes) {
        const old = before === undefined ? null : addressText(valuesOf(before)[column]);
        const now = addressText(valuesOf(row)[column]);
        if (old === now) continue;
        if (old !== null) index.get(old)?.delete(key);
        if (now !== null) addTo(index, now, key);
      }
    }
    // stored frozen: readers share the row, and none can change it behind the store's back
    rows.set(key, Object.freeze<AnyRow>({ ...row }));
  }

  /** The index of `table` by address column `column`, built on first use. */
  #index(table: TableName, column: string): Map<string, Set<string>> {
    let indexes = this.#indexes.get(table);
    if (indexes === undefined) {
      indexes = new Map();
      this.#indexes.set(table, indexes);
    }
    let index = indexes.get(column);
    if (index === undefined) {
      index = new Map();
      for (const [key, row] of this.#table(table)) {
        const value = addressText(valuesOf(row)[column]);
        if (value !== null) addTo(index, value, key);
      }
      indexes.set(column, index);
    }
    return index;
  }

  /**
   * The map keys of the only rows that can match `filter`, from the address indexes: when it sets an address
   * column to a value (or `in` values), or when each of its `or` alternatives does. Undefined: every row may.
   */
  #candidates(table: TableName, filter: Filter<AnyRow>): Set<string> | undefined {
    for (const [column, wanted] of Object.entries(filter) as [string, unknown][]) {
      if (column === "or" || wanted === undefined || wanted === null) continue;
      if (kindOf(table, column) !== "address") continue;
      const values = isCondition(wanted) ? wanted.in : [wanted as Value];
      if (values === undefined || !values.every((v) => typeof v === "string")) continue;
      const index = this.#index(table, column);
      const keys = new Set<string>();
      for (const v of values) for (const key of index.get(v.toLowerCase()) ?? []) keys.add(key);
      return keys;
    }
    const alternatives = filter.or;
    if (alternatives === undefined || alternatives.length === 0) return undefined;
    const keys = new Set<string>();
    for (const alternative of alternatives) {
      const some = this.#candidates(table, alternative);
      if (some === undefined) return undefined;
      for (const key of some) keys.add(key);
    }
    return keys;
  }

  /** The rows of `table` that match `where` (through an address index when the filter allows). */
  #matching(table: TableName, where: Filter<AnyRow> | undefined): AnyRow[] {
    if (where === undefined) return this.rows(table);
    const rows = this.#table(table);
    checkFilter(table, where);
    const keys = this.#candidates(table, where);
    const candidates = keys === undefined ? rows.values() : [...keys].flatMap((k) => rows.get(k) ?? []);
    const matching: AnyRow[] = [];
    for (const row of candidates) if (rowMatches(table, row as RowOf<TableName>, where)) matching.push(row);
    return matching;
  }

  /** Every row of `table`, in the order they were first put. */
  rows<T extends TableName>(table: T): RowOf<T>[] {
    return [...this.#table(table).values()] as RowOf<T>[];
  }

  /** How many rows `table` holds. */
  size(table: TableName): number {
    return this.#table(table).size;
  }

  async select<T extends TableName>(table: T, options: SelectOptions<RowOf<T>> = {}): Promise<Page<RowOf<T>>> {
    const limit = limitOf(options.limit);
    const direction = options.direction ?? "asc";
    if (direction !== "asc" && direction !== "desc")
      throw new Error(`weconet model: no direction "${String(direction)}"`);
    const columns = sortColumns(table, options.orderBy);
    const sign = direction === "asc" ? 1 : -1;
    const where = options.where;
    const matching = this.#matching(table, where as Filter<AnyRow> | undefined) as RowOf<T>[];
    const order = (a: Record<string, Value>, b: Record<string, Value>) => {
      for (const c of columns) {
        const d = compareForSort(kindOf(table, c), a[c] as Value, b[c] as Value);
        if (d !== 0) return d * sign;
      }
      return 0;
    };
    matching.sort((a, b) => order(a as Record<string, Value>, b as Record<string, Value>));
    let start = 0;
    if (options.after !== undefined) {
      const texts = decodeCursor(options.after, columns.length);
      const bound: Record<string, Value> = {};
      columns.forEach((c, i) => {
        const text = texts[i] ?? null;
        bound[c] = text === null ? null : parseScalar(baseOf(kindOf(table, c)), text);
      });
      start = matching.findIndex((r) => order(r as Record<string, Value>, bound) > 0);
      if (start === -1) start = matching.length;
    }
    const items = matching.slice(start, start + limit);
    const last = items.at(-1);
    const more = start + items.length < matching.length;
    return {
      items,
      next: more && last !== undefined ? encodeCursor(sortValues(table, columns, last)) : null,
      total: matching.length,
    };
  }

  async block(): Promise<bigint> {
    return this.row("settings", { id: "network" })?.lastBlock ?? 0n;
  }
}
