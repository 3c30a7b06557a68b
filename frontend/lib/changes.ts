import type { Address, PublicClient } from "viem";

import type { ContractKey, TableName } from "@weconet/sdk";

/** A row of the read model's `change` table: the last block at which the fold wrote to `table`. */
export interface TableChange {
  table: TableName;
  block: bigint;
}

/**
 * What changed on a chain, as a snapshot that two of can be compared: the latest block and its time, the last block
 * at which each contract emitted an event (since the watcher started), and the last block at which each table of
 * the read model changed (null when no read model answers: then any event may have changed any table).
 */
export interface WatchedHead {
  block: bigint;
  /** The latest block's timestamp (seconds). */
  timestamp: number;
  contracts: Partial<Record<ContractKey, bigint>>;
  tables: Partial<Record<TableName, bigint>> | null;
}

/** Where a {@link headWatcher} looks: the node, and the read model when there is one. */
export interface HeadSource {
  latestBlock(): Promise<{ number: bigint; timestamp: number }>;
  /** The address and block of every log of `addresses` in blocks `fromBlock`…`toBlock` (both included). */
  logs(
    addresses: readonly Address[],
    fromBlock: bigint,
    toBlock: bigint,
  ): Promise<{ address: Address; block: bigint }[]>;
  /** The read model's `change` rows (the SDK's `w.reads.changes()`); absent when there is no read model. */
  tableChanges?: () => Promise<readonly TableChange[]>;
}

/** The node's side of a {@link HeadSource} over a viem public client. */
export function nodeHeadSource(client: PublicClient): HeadSource {
  return {
    async latestBlock() {
      const block = await client.getBlock({ blockTag: "latest" });
      return { number: block.number, timestamp: Number(block.timestamp) };
    },
    async logs(addresses, fromBlock, toBlock) {
      const logs = await client.getLogs({ address: [...addresses], fromBlock, toBlock });
      return logs.map((l) => ({ address: l.address, block: l.blockNumber }));
    },
  };
}

export interface HeadWatcher {
  /**
   * The chain's head now; concurrent callers share one look, and a look is reused for `reuseMs` — unless it is
   * older than block `atLeast` (a caller who saw that block, e.g. its own transaction's, gets a look that includes it).
   */
  head(atLeast?: bigint): Promise<WatchedHead>;
}

/**
 * Watches a deployment's contracts for events, block range by block range (one `eth_getLogs` by address per new
 * range: cheap), and the read model's change rows. It starts at the latest block: what happened before is what the
 * first reads already show. A gap wider than `maxRange` blocks (a server asleep for hours) is not scanned: every
 * contract counts as changed at its end, which refreshes everything once.
 */
export function headWatcher(
  source: HeadSource,
  contracts: Readonly<Partial<Record<ContractKey, Address>>>,
  options: { reuseMs?: number; maxRange?: bigint; now?: () => number } = {},
): HeadWatcher {
  const reuseMs = options.reuseMs ?? 250;
  const maxRange = options.maxRange ?? 5_000n;
  const now = options.now ?? Date.now;
  const byAddress = new Map<string, ContractKey>();
  for (const [key, address] of Object.entries(contracts) as [ContractKey, Address][]) {
    byAddress.set(address.toLowerCase(), key);
  }
  const addresses = Object.values(contracts) as Address[];
  let cursor: bigint | undefined;
  const lastEvent: Partial<Record<ContractKey, bigint>> = {};
  let last: { at: number; pending: boolean; block?: bigint; head: Promise<WatchedHead> } | undefined;

  async function look(): Promise<WatchedHead> {
    const [latest, tables] = await Promise.all([source.latestBlock(), source.tableChanges?.()]);
    if (cursor !== undefined && latest.number > cursor) {
      if (latest.number - cursor > maxRange) {
        for (const key of byAddress.values()) lastEvent[key] = latest.number;
      } else {
        for (const log of await source.logs(addresses, cursor + 1n, latest.number)) {
          const key = byAddress.get(log.address.toLowerCase());
          if (key !== undefined && (lastEvent[key] ?? -1n) < log.block) lastEvent[key] = log.block;
        }
      }
    }
    // A node that went back (a restarted local chain) starts the watch again from where it is now.
    if (cursor === undefined || latest.number !== cursor) cursor = latest.number;
    return {
      block: latest.number,
      timestamp: latest.timestamp,
      contracts: { ...lastEvent },
      tables: tables === undefined ? null : Object.fromEntries(tables.map((c) => [c.table, c.block])),
    };
  }

  return {
    async head(atLeast?: bigint) {
      // One look at a time (each moves the cursor); a finished one serves callers for `reuseMs`.
      for (;;) {
        const current = last;
        if (current?.pending === true) {
          const shared = await current.head;
          if (atLeast === undefined || shared.block >= atLeast) return shared;
          continue;
        }
        const fresh = current !== undefined && now() - current.at < reuseMs;
        if (fresh && (atLeast === undefined || (current.block ?? -1n) >= atLeast)) return current.head;
        break;
      }
      const entry: { at: number; pending: boolean; block?: bigint; head: Promise<WatchedHead> } = {
        at: now(),
        pending: true,
        head: look(),
      };
      last = entry;
      entry.head.then(
        (h) => {
          entry.pending = false;
          entry.at = now();
          entry.block = h.block;
        },
        // A failed look is not reused: the next caller asks again.
        () => {
          if (last === entry) last = undefined;
        },
      );
      return entry.head;
    },
  };
}
