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
