import type { WatchedHead } from "./changes";
import { encode } from "./codec";
import { REFRESH, versionsOf, type Refresh } from "./refresh";

/**
 * The server's answers kept until what they read changed, by the same versions that refresh a page's reads
 * (lib/refresh.ts): a visitor who opens a page another opened a moment ago gets its answers at once, and an answer
 * is read again only when its tables, its contracts or the clock moved.
 */
export interface ReadCache {
  /** Read `name` with `args` (as `run` does), or its kept answer; `atLeast`: see {@link HeadWatcher}. */
  read(name: string, args: readonly unknown[], atLeast?: bigint): Promise<unknown>;
}

export function readCache(options: {
  run: (name: string, args: readonly unknown[]) => Promise<unknown>;
  head: (atLeast?: bigint) => Promise<WatchedHead>;
  refresh?: Readonly<Record<string, Refresh>>;
  /** The most answers kept (the least recently used go first). */
  maxEntries?: number;
}): ReadCache {
  const { run, head } = options;
  const refresh: Readonly<Record<string, Refresh>> = options.refresh ?? REFRESH;
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, { value: Promise<unknown>; version: string }>();
  return {
    async read(name, args, atLeast) {
      const policy = refresh[name];
      // A read without a refresh rule is never kept: nothing would say when it changed.
      if (policy === undefined) return run(name, args);
      const version = versionsOf(await head(atLeast), { [name]: policy })[name] ?? "";
      const key = encode([name, args]);
      const kept = entries.get(key);
      entries.delete(key);
      if (kept !== undefined && kept.version === version) {
        // Most recently used last: a Map iterates in insertion order.
        entries.set(key, kept);
        return kept.value;
      }
      const value = run(name, args);
      entries.set(key, { value, version });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      // A failed read is not kept: the next caller tries again.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}
