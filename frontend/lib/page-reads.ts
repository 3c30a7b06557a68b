import type { ListName, ListOptions, ReadArgs, ReadName } from "./reads";

/**
 * A read as a page makes it: its name, the arguments it is run with, and the part of its query key after
 * `["weconet", chainId, name]` — one definition for the hooks (lib/weconet.tsx) and for the server, which runs a
 * page's first reads with its HTML (server/prefetch.tsx) under the same keys.
 */
export interface PageRead {
  name: ReadName;
  args: readonly unknown[];
  keyArgs: unknown;
}

/** Point read `name` with `args`: keyed by its arguments. */
export function pointRead<N extends ReadName>(name: N, args: ReadArgs<N>): PageRead {
  return { name, args, keyArgs: args };
}

/** List `name` with `options`: keyed by its options (`{}` for none). */
export function listRead<N extends ListName>(name: N, options?: ListOptions<N>): PageRead {
  return { name, args: options === undefined ? [] : [options], keyArgs: options ?? {} };
}

/** The query key of a read on chain `chainId`. */
export function queryKeyOf(chainId: number, read: Pick<PageRead, "name" | "keyArgs">): readonly unknown[] {
  return ["weconet", chainId, read.name, read.keyArgs];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The hash of a query key, for the browser's query cache and the server's (which hands its first reads over under
 * the same hashes): JSON with bigints as their digits and object keys in order, so `{ a, b }` and `{ b, a }` are one
 * query (as TanStack's own hash does, which throws on bigints).
 */
export function hashQueryKey(key: readonly unknown[]): string {
  return JSON.stringify(key, (_name, value: unknown) => {
    if (typeof value === "bigint") return value.toString();
    if (!isPlainObject(value)) return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, value[k]]),
    );
  });
}
