import type { Hex, PublicClient } from "viem";

import { readEvents, type LogSource } from "../audit/reader.js";
import type { Deployment } from "../contracts.js";
import { applyEvent } from "../model/fold.js";
import { MemoryStore, type Page, type SelectOptions } from "../model/store.js";
import type { KeyOf, RowOf, TableName } from "../model/tables.js";
import { chainHead, type ChainHead, type SyncingRowSource } from "./rows.js";

/**
 * The rows folded by the SDK itself from a node's events, in memory: what the reads use when no indexer is
 * configured. Each `sync` reads only the blocks after the last one it folded (from the deployment's first block
 * the first time), so a list never replays the history twice.
 */
export interface NodeRowSource extends SyncingRowSource {
  /** The rows as folded so far. */
  readonly store: MemoryStore;
  /** The last block folded (the deployment's first block - 1 before the first sync). */
  readonly syncedTo: bigint;
}

export interface NodeRowSourceOptions {
  /** Where logs come from (default: the chain, over `publicClient`). */
  source?: LogSource;
  /** The most blocks per `eth_getLogs` (default the reader's 10,000; it halves ranges a node refuses as too large). */
  chunkSize?: bigint;
}

/**
 * A {@link NodeRowSource} over `publicClient`. Concurrent `sync`s share one catch-up: a caller whose head is
 * already reached, or being reached, waits for that one. When the chain no longer holds the last block folded (a
 * reorg, a test chain reverted to a snapshot, a restarted development chain), the rows are folded anew.
 */
export function nodeRowSource(
  publicClient: PublicClient,
  deployment: Deployment,
  options: NodeRowSourceOptions = {},
): NodeRowSource {
  let store = new MemoryStore();
  let synced: { number: bigint; hash: Hex | null } = { number: deployment.fromBlock - 1n, hash: null };
  /** The catch-up running or queued last, and the head it brings the rows to. */
  let last: { head: ChainHead; done: Promise<void> } | undefined;

  const fold = async (fromBlock: bigint, head: ChainHead) => {
    const events = readEvents(publicClient, deployment, {
      fromBlock,
      toBlock: head.number,
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
    });
    // The fold skips events at or before its cursor: a catch-up that failed half-way resumes where it stopped.
    for await (const event of events) await applyEvent(store, event);
    synced = { number: head.number, hash: head.hash };
  };

  const restart = async (head: ChainHead) => {
    store = new MemoryStore();
    synced = { number: deployment.fromBlock - 1n, hash: null };
    await fold(deployment.fromBlock, head);
  };

  /** Whether the chain still holds the last block folded (one header, read only when the head moved). */
  const stillOnChain = async () => {
    if (synced.hash === null) return true;
    const block = await publicClient.getBlock({ blockNumber: synced.number }).catch(() => undefined);
    return block?.hash === synced.hash;
  };

  const catchUp = async (head: ChainHead) => {
    if (head.number === synced.number) {
      if (head.hash !== synced.hash && synced.hash !== null) await restart(head);
      return;
    }
    if (!(await stillOnChain())) return restart(head);
    // A head behind the rows (a caller's older view of the chain) has nothing new.
    if (head.number > synced.number) await fold(synced.number + 1n, head);
  };

  const sync = async (given?: ChainHead): Promise<void> => {
    const head = given ?? (await chainHead(publicClient));
    // The same head as the catch-up running or done last: share it. (An older head is not shared: it may be a
    // chain that went back, which only a look at the chain tells.)
    if (last !== undefined && head.number === last.head.number && head.hash === last.head.hash) return last.done;
    const before = last?.done.catch(() => undefined) ?? Promise.resolve();
    const done = before.then(() => catchUp(head));
    last = { head, done };
    try {
      await done;
    } catch (error) {
      // a failed catch-up is not shared with later callers: they try again
      if (last.done === done) last = undefined;
      throw error;
    }
  };

  return {
    get store() {
      return store;
    },
    get syncedTo() {
      return synced.number;
    },
    sync,
    get<T extends TableName>(table: T, key: KeyOf<T>): Promise<RowOf<T> | undefined> {
      return store.get(table, key);
    },
    select<T extends TableName>(table: T, selectOptions?: SelectOptions<RowOf<T>>): Promise<Page<RowOf<T>>> {
      return store.select(table, selectOptions);
    },
    block: async () => synced.number,
  };
}
