/**
 * A chain's head as the browser polls it: the latest block, its time, and a version per read (lib/refresh.ts, on
 * the server) that changes exactly when that read is to be read again.
 */
export interface Head {
  block: bigint;
  /** The latest block's timestamp (seconds). */
  timestamp: number;
  versions: Readonly<Record<string, string>>;
}

/** The reads whose version changed from one head to the next (none at the first head: the reads were just made). */
export function readsToRefresh(previous: Head | undefined, next: Head): Set<string> {
  const names = new Set<string>();
  if (previous === undefined) return names;
  for (const [name, version] of Object.entries(next.versions)) {
    const before = previous.versions[name];
    if (before !== undefined && before !== version) names.add(name);
  }
  return names;
}
