/**
 * The indexer as a `RowSource`: the model's rows read from the Weconet indexer's GraphQL (Ponder 0.16), filtered,
 * sorted and paged by the indexer's database — the same answers `MemoryStore` gives for the same rows. Browser-safe.
 *
 * Ponder's GraphQL, as 0.16 builds it from the schema generated from MODEL_TABLES: a table `offer` has the queries
 * `offer(id: …)` (by key) and `offers(where, orderBy, orderDirection, limit ≤ 1000, after)` returning `items`,
 * `pageInfo { hasNextPage endCursor }` and `totalCount`; filters are `column`, `column_not`, `column_in`, `column_gt`,
 * `column_gte`, `column_lt`, `column_lte`, `column_has` and `OR`. Values travel as GraphQL variables: uint256s
 * (`BigInt`) as decimal strings, `int` columns as numbers, addresses and hex as strings (stored lower-cased and
 * returned checksummed here).
 */
import { getAddress } from "viem";

import { WeconetError } from "../errors.js";
import { limitOf, type Condition, type Filter, type Page, type RowSource, type SelectOptions } from "../model/store.js";
import {
  keyColumns,
  kindOf,
  MODEL_TABLES,
  type ColumnKind,
  type KeyOf,
  type RowOf,
  type TableName,
} from "../model/tables.js";

export interface IndexerSourceOptions {
  /** How long one request may take (default 30 s). */
  timeoutMs?: number;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
}

/** At most this many queries travel in one request (Ponder refuses more than 30 aliases). */
const BATCH_QUERIES = 16;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A column's kind without `?`, and whether it is a list. */
function baseKind(kind: ColumnKind): string {
  return kind.endsWith("?") ? kind.slice(0, -1) : kind;
}

/** The GraphQL type of a key column (an argument of the by-key query). */
function graphqlType(kind: ColumnKind): string {
  switch (baseKind(kind)) {
    case "address":
    case "hex":
    case "text":
      return "String";
    case "bigint":
      return "BigInt";
    case "int":
      // Stored as numeric(15, 0): Ponder serves it as a Float (see indexer/lib/schema.ts).
      return "Float";
    case "bool":
      return "Boolean";
    default:
      throw new Error(`weconet indexer source: a key column cannot be of kind ${kind}`);
  }
}

/** One scalar as a GraphQL variable value. */
function encodeScalar(kind: string, value: unknown): Json {
  if (value === null) return null;
  switch (kind) {
    case "bigint":
      if (typeof value !== "bigint")
        throw new WeconetError(`a uint256 filter value must be a bigint, not ${String(value)}`);
      return value.toString();
    case "int":
      if (typeof value !== "number")
        throw new WeconetError(`a number filter value must be a number, not ${String(value)}`);
      return value;
    case "bool":
      if (typeof value !== "boolean")
        throw new WeconetError(`a yes/no filter value must be a boolean, not ${String(value)}`);
      return value;
    case "address":
    case "hex":
    case "text":
      if (typeof value !== "string")
        throw new WeconetError(`a text filter value must be a string, not ${String(value)}`);
      return value;
    default:
      throw new Error(`weconet indexer source: no scalar kind ${kind}`);
  }
}

/** A value of a column of `kind` (a scalar, a list, or null) as a GraphQL variable value. */
function encodeValue(kind: ColumnKind, value: unknown): Json {
  if (value === null) return null;
  const base = baseKind(kind);
  if (base.endsWith("[]")) {
    if (!Array.isArray(value))
      throw new WeconetError(`a list column's filter value must be a list, not ${String(value)}`);
    return value.map((v: unknown) => encodeScalar(base.slice(0, -2), v));
  }
  return encodeScalar(base, value);
}

const isCondition = (value: unknown): value is Condition<unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Ponder's filter suffix of each condition. */
const SUFFIXES = { in: "_in", ne: "_not", gt: "_gt", gte: "_gte", lt: "_lt", lte: "_lte", has: "_has" } as const;

/**
 * One alternative of an `OR`. Ponder 0.16 flattens each alternative's conditions into the `OR` list itself
 * (`OR: [{ a, b }]` means a OR b), so an alternative with several conditions goes in as one `AND` of them.
 */
function alternative(where: Record<string, Json>): Record<string, Json> {
  const entries = Object.entries(where);
  return entries.length > 1 ? { AND: entries.map(([key, value]) => ({ [key]: value })) } : where;
}

/**
 * A model filter as Ponder's `where`, or `{}` when it holds for every row. An `or` with an alternative that holds
 * for every row holds for every row too: it is left out (Ponder would drop the empty alternative and keep the rest).
 */
export function toWhere<T extends TableName>(table: T, filter: Filter<RowOf<T>>): Record<string, Json> {
  const where: Record<string, Json> = {};
  for (const [column, wanted] of Object.entries(filter) as [string, unknown][]) {
    if (wanted === undefined) continue;
    if (column === "or") {
      const alternatives = (wanted as readonly Filter<RowOf<T>>[]).map((f) => toWhere(table, f));
      if (alternatives.length > 0 && alternatives.every((a) => Object.keys(a).length > 0)) {
        where.OR = alternatives.map(alternative);
      }
      continue;
    }
    const kind = kindOf(table, column);
    if (!isCondition(wanted)) {
      where[column] = encodeValue(kind, wanted);
      continue;
    }
    for (const [op, bound] of Object.entries(wanted) as [string, unknown][]) {
      if (bound === undefined) continue;
      const suffix = (SUFFIXES as Record<string, string>)[op];
      if (suffix === undefined) throw new WeconetError(`unknown filter condition "${op}" on ${table}.${column}`);
      if (op === "in") {
        if (!Array.isArray(bound)) throw new WeconetError(`"in" on ${table}.${column} needs a list of values`);
        where[`${column}${suffix}`] = bound.map((v: unknown) => encodeValue(kind, v));
      } else if (op === "has") {
        const base = baseKind(kind);
        if (!base.endsWith("[]")) throw new WeconetError(`"has" needs a list column; ${table}.${column} is not one`);
        where[`${column}${suffix}`] = encodeScalar(base.slice(0, -2), bound);
      } else {
        where[`${column}${suffix}`] = encodeValue(kind, bound);
      }
    }
  }
  return where;
}

/** A row as GraphQL gives it, as the model's row: uint256s as bigints, addresses checksummed. */
function decodeRow<T extends TableName>(table: T, raw: Record<string, unknown>, url: string): RowOf<T> {
  const row: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(MODEL_TABLES[table].columns) as [string, ColumnKind][]) {
    const value = raw[column];
    if (value === null || value === undefined) {
      if (!kind.endsWith("?")) {
        throw new WeconetError(
          `the indexer at ${url} gave a ${table} row without ${column}: does it run this SDK's model?`,
        );
      }
      row[column] = null;
      continue;
    }
    const base = baseKind(kind);
    const decode = (k: string, v: unknown): unknown => {
      switch (k) {
        case "address":
          return getAddress(String(v));
        case "bigint":
          return BigInt(String(v));
        case "int":
          return Number(v);
        case "hex":
        case "text":
          return String(v);
        case "bool":
          return v === true;
        default:
          throw new Error(`weconet indexer source: no kind ${k}`);
      }
    };
    row[column] = base.endsWith("[]")
      ? (value as unknown[]).map((v) => decode(base.slice(0, -2), v))
      : decode(base, value);
  }
  return row as RowOf<T>;
}

/** Ponder's query names: `offer` → `offer` (by key) and `offers` (pages). */
function queryNames(table: TableName): { one: string; many: string; filter: string } {
  const one = table.charAt(0).toLowerCase() + table.slice(1);
  return { one, many: `${one}s`, filter: `${table}Filter` };
}

/** The base URL of an indexer (its GraphQL endpoint is `<base>/graphql`). */
function baseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/graphql") ? trimmed.slice(0, -"/graphql".length) : trimmed;
}

/**
 * The model's rows from the Weconet indexer at `url` (its base URL, e.g. `http://127.0.0.1:42069`, or its
 * `/graphql` endpoint). `block()` is the block the indexer has applied up to (Ponder's checkpoint: blocks without
 * Weconet events count too).
 */
export function indexerSource(url: string, options: IndexerSourceOptions = {}): RowSource {
  const base = baseUrl(url);
  const endpoint = `${base}/graphql`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

  /** One top-level query of a batch: its variables' declarations and selection, written for a variable prefix. */
  interface Part {
    declarations: string;
    selection: string;
    variables: Record<string, Json>;
  }
  interface Queued {
    build: (prefix: string) => Part;
    what: string;
    resolve: (data: unknown) => void;
    reject: (error: unknown) => void;
  }
  let queue: Queued[] = [];
  let scheduled = false;

  /**
   * Runs `build`'s query in the next batch: the queries a page makes together (its lists start in the same turn of
   * the event loop) travel as one GraphQL request of aliased fields, because a request costs the indexer more than
   * a small query does (Ponder answers one request after another on PGlite).
   */
  function enqueue<D>(build: (prefix: string) => Part, what: string): Promise<D> {
    return new Promise<D>((resolve, reject) => {
      queue.push({ build, what, resolve: (data) => resolve(data as D), reject });
      if (scheduled) return;
      scheduled = true;
      setTimeout(() => {
        scheduled = false;
        const batch = queue;
        queue = [];
        for (let i = 0; i < batch.length; i += BATCH_QUERIES) void send(batch.slice(i, i + BATCH_QUERIES));
      }, 0);
    });
  }

  async function send(batch: Queued[]): Promise<void> {
    const parts: { queued: Queued; alias: string; part: Part }[] = [];
    for (const queued of batch) {
      const alias = `q${parts.length}`;
      try {
        parts.push({ queued, alias, part: queued.build(`${alias}_`) });
      } catch (error) {
        queued.reject(error);
      }
    }
    if (parts.length === 0) return;
    const declarations = parts.map((p) => p.part.declarations).filter((d) => d !== "");
    const text =
      `query${declarations.length === 0 ? "" : `(${declarations.join(", ")})`} {` +
      parts.map((p) => ` ${p.alias}: ${p.part.selection}`).join("") +
      " }";
    const variables: Record<string, Json> = {};
    for (const p of parts) for (const [name, value] of Object.entries(p.part.variables)) variables[name] = value;
    const what = parts.map((p) => p.queued.what).join(", ");
    let data: Record<string, unknown>;
    let errors: { message: string; path?: readonly (string | number)[] }[];
    try {
      ({ data, errors } = await post(text, variables, what));
    } catch (error) {
      for (const p of parts) p.queued.reject(error);
      return;
    }
    // A query the indexer refuses as a whole (no path: it failed validation) would fail its neighbours too: each
    // query of the batch is then asked alone, so only the faulty one fails.
    if (parts.length > 1 && errors.some((e) => e.path === undefined)) {
      for (const p of parts) void send([p.queued]);
      return;
    }
    for (const p of parts) {
      const own = errors.filter((e) => e.path === undefined || e.path[0] === p.alias);
      if (own.length > 0) {
        p.queued.reject(
          new WeconetError(
            `the indexer at ${base} refused the query (${p.queued.what}): ${own.map((e) => e.message).join("; ")}`,
          ),
        );
      } else if (!(p.alias in data)) {
        p.queued.reject(new WeconetError(`the indexer at ${base} answered without data (${p.queued.what})`));
      } else {
        p.queued.resolve(data[p.alias]);
      }
    }
  }

  async function post(
    text: string,
    variables: Record<string, Json>,
    what: string,
  ): Promise<{ data: Record<string, unknown>; errors: { message: string; path?: readonly (string | number)[] }[] }> {
    let response: Response;
    try {
      response = await fetchImpl(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: text, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause =
        error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      throw new WeconetError(
        timedOut
          ? `the indexer at ${base} did not answer within ${timeoutMs / 1000} s (${what})`
          : `the indexer at ${base} is not reachable (${cause}): is it running? (npm start runs one)`,
        undefined,
        { cause: error },
      );
    }
    const body = await response.text();
    if (!response.ok) {
      throw new WeconetError(
        `the indexer at ${base} answered HTTP ${response.status} (${what}): ${body.slice(0, 300)}`,
      );
    }
    let parsed: {
      data?: Record<string, unknown> | null;
      errors?: { message: string; path?: readonly (string | number)[] }[];
    };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      throw new WeconetError(`the indexer at ${base} did not answer with GraphQL (${what}): is it a Weconet indexer?`);
    }
    const errors = parsed.errors ?? [];
    if ((parsed.data === undefined || parsed.data === null) && errors.length === 0) {
      throw new WeconetError(`the indexer at ${base} answered without data (${what})`);
    }
    return { data: parsed.data ?? {}, errors };
  }

  const fields = (table: TableName) => Object.keys(MODEL_TABLES[table].columns).join(" ");

  return {
    async get<T extends TableName>(table: T, key: KeyOf<T>): Promise<RowOf<T> | undefined> {
      const { one } = queryNames(table);
      const columns = keyColumns(table) as readonly string[];
      const values = key as Record<string, unknown>;
      for (const column of columns) {
        const value = values[column];
        if (value === undefined || value === null)
          throw new WeconetError(`a key of ${table} needs its column ${column}`);
      }
      const raw = await enqueue<Record<string, unknown> | null>(
        (prefix) => ({
          declarations: columns.map((c) => `$${prefix}${c}: ${graphqlType(kindOf(table, c))}!`).join(", "),
          selection: `${one}(${columns.map((c) => `${c}: $${prefix}${c}`).join(", ")}) { ${fields(table)} }`,
          variables: Object.fromEntries(
            columns.map((c) => [`${prefix}${c}`, encodeValue(kindOf(table, c), values[c])]),
          ) as Record<string, Json>,
        }),
        `${table} by key`,
      );
      return raw === null || raw === undefined ? undefined : decodeRow(table, raw, base);
    },

    async select<T extends TableName>(table: T, options: SelectOptions<RowOf<T>> = {}): Promise<Page<RowOf<T>>> {
      const { many, filter } = queryNames(table);
      const direction = options.direction ?? "asc";
      if (direction !== "asc" && direction !== "desc")
        throw new WeconetError(`no sort direction "${String(direction)}"`);
      if (options.orderBy !== undefined) kindOf(table, options.orderBy);
      const given: Record<string, Json> = {
        limit: limitOf(options.limit),
        orderDirection: direction,
        ...(options.where === undefined ? {} : { where: toWhere(table, options.where) }),
        ...(options.orderBy === undefined ? {} : { orderBy: options.orderBy }),
        ...(options.after === undefined ? {} : { after: options.after }),
      };
      const types: Record<string, string> = {
        where: filter,
        orderBy: "String",
        orderDirection: "String",
        limit: "Int",
        after: "String",
      };
      const page = await enqueue<
        | {
            items: Record<string, unknown>[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            totalCount: number;
          }
        | undefined
      >(
        (prefix) => ({
          declarations: Object.keys(given)
            .map((name) => `$${prefix}${name}: ${types[name] ?? "String"}`)
            .join(", "),
          selection:
            `${many}(${Object.keys(given)
              .map((name) => `${name}: $${prefix}${name}`)
              .join(", ")})` + ` { items { ${fields(table)} } pageInfo { hasNextPage endCursor } totalCount }`,
          variables: Object.fromEntries(Object.entries(given).map(([name, value]) => [`${prefix}${name}`, value])),
        }),
        `${table} rows`,
      );
      if (page === undefined) throw new WeconetError(`the indexer at ${base} has no table ${table}`);
      return {
        items: page.items.map((raw) => decodeRow(table, raw, base)),
        next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
        total: page.totalCount,
      };
    },

    async block(): Promise<bigint> {
      const meta = await enqueue<{ status: Record<string, { block?: { number?: number } }> | null } | null>(
        () => ({ declarations: "", selection: "_meta { status }", variables: {} }),
        "status",
      );
      let block = 0n;
      for (const chain of Object.values(meta?.status ?? {})) {
        const number = chain.block?.number;
        if (typeof number === "number" && BigInt(number) > block) block = BigInt(number);
      }
      return block;
    },
  };
}
