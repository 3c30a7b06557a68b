import { CLOCK_LISTS, LIST_TABLES, type ContractKey, type TableName } from "@weconet/sdk";

import type { WatchedHead } from "./changes";
import type { Head } from "./head";
import type { ReadName } from "./reads";

/**
 * When a read's answer may have changed, so that a new block refreshes only the reads it concerns (instead of every
 * read on every block):
 * - `tables`: a read of the read model's rows changed when one of its tables did (a list: the SDK's LIST_TABLES);
 * - `contracts`: a point read is a view call, and a contract's state changes only with a transaction to it, which
 *   emits an event (every Weconet state change does): refreshed when one of these contracts emitted one;
 * - `anyEvent`: refreshed when any Weconet contract emitted an event;
 * - `clock`: the answer also depends on the time alone (a proposal's state, an expiry, an offer's validity; the
 *   SDK's CLOCK_LISTS): refreshed as well each {@link CLOCK_STEP} seconds of chain time (a local chain's time
 *   travel at once);
 * - `block`: the answer names the latest block: refreshed on every new block.
 * A read with none of them (a token's symbol) is read once.
 */
export interface Refresh {
  tables?: readonly TableName[];
  contracts?: readonly ContractKey[];
  anyEvent?: true;
  clock?: true;
  block?: true;
}

/** Seconds of chain time after which reads that depend on the time are read again. */
export const CLOCK_STEP = 30;

type List = keyof typeof LIST_TABLES;
/** A list's refresh, from the SDK: the tables it reads, and whether its items change with the clock alone. */
const list = (name: List): Refresh => ({
  tables: LIST_TABLES[name],
  ...((CLOCK_LISTS as readonly string[]).includes(name) ? { clock: true } : {}),
});

/**
 * Every read's refresh, by name: a read the dApp gains (in the SDK or its own) without an entry here fails the type
 * check.
 */
export const REFRESH = {
  status: { block: true },
  member: { contracts: ["membership"] },
  members: list("members"),
  proposals: list("proposals"),
  proposal: { tables: ["proposal"] },
  // the governor's state follows the clock; quorum and electorate the votes at the snapshot
  proposalView: { tables: ["proposal", "vote", "member"], contracts: ["governor", "membership"], clock: true },
  resolveProposal: { tables: ["proposal"] },
  // built on the lists of requests, bookings, members' roles and proposals (see the SDK's readInbox)
  inbox: {
    tables: ["accessRequest", "booking", "credit", "member", "role", "proposal", "vote"],
    contracts: ["membership", "governor"],
    clock: true,
  },
  votes: list("votes"),
  rules: list("rules"),
  attributes: list("attributes"),
  attributeId: { tables: ["attribute"] },
  resources: list("resources"),
  connections: list("connections"),
  requests: list("requests"),
  applications: list("applications"),
  application: { contracts: ["applications"] },
  isAuthorized: { contracts: ["accessGrants", "membership", "applications"], clock: true },
  authorizations: { contracts: ["accessGrants", "membership", "applications"], clock: true },
  offers: list("offers"),
  offer: { contracts: ["market"], clock: true },
  bookings: list("bookings"),
  marketRequests: list("marketRequests"),
  credits: list("credits"),
  match: list("match"),
  changes: list("changes"),
  socketOf: { contracts: ["socketDirectory"] },
  ownSocketOf: { contracts: ["socketDirectory"] },
  defaultSocket: { contracts: ["socketDirectory"] },
  latestAnchor: { contracts: ["receiptAnchors"] },
  tokens: {},
  socketUrl: { contracts: ["socketDirectory"] },
  voteOf: { contracts: ["governor", "membership"] },
  decodeCalls: {},
  auditEvents: { anyEvent: true },
  // ETH and the demo token move with transactions to no Weconet contract (gas, a faucet claim, a transfer): by
  // block, like the status (the server keeps one answer per block for every tab that asks).
  holdings: { block: true },
} as const satisfies { [N in ReadName]: Refresh };

/**
 * The refresh of every Weconet query by the third part of its key: the reads, and the data socket's reads of a
 * signed-in member (values and receipts follow the connections, and a read through the socket leaves a receipt).
 */
export const REFRESH_BY_KEY: Readonly<Record<string, Refresh>> = {
  ...REFRESH,
  socket: { anyEvent: true, clock: true },
};

const latest = <K extends string>(blocks: Partial<Record<K, bigint>>, keys: readonly K[]): string =>
  keys.reduce((max, k) => (blocks[k] !== undefined && blocks[k] > max ? blocks[k] : max), -1n).toString();

/**
 * Each read's version at `head`: a word that changes exactly when, by its {@link Refresh}, the read's answer may
 * have changed (the latest block of its tables, of its contracts, the clock's step, the block). Two heads' versions
 * of a read differ ⇔ it is to be read again — in the browser (which compares them) and in the server's cache.
 */
export function versionsOf(
  head: WatchedHead,
  refresh: Readonly<Record<string, Refresh>> = REFRESH_BY_KEY,
): Record<string, string> {
  const contracts = Object.keys(head.contracts) as ContractKey[];
  const anyEvent = latest(head.contracts, contracts);
  const versions: Record<string, string> = {};
  for (const [name, r] of Object.entries(refresh)) {
    const parts: string[] = [];
    if (r.tables !== undefined) {
      // Without a read model (no change rows) any event may have changed any table.
      parts.push(head.tables === null ? `e${anyEvent}` : `t${latest(head.tables, r.tables)}`);
    }
    if (r.contracts !== undefined) parts.push(`c${latest(head.contracts, r.contracts)}`);
    if (r.anyEvent === true) parts.push(`e${anyEvent}`);
    if (r.clock === true) parts.push(`k${Math.floor(head.timestamp / CLOCK_STEP)}`);
    if (r.block === true) parts.push(`b${head.block}`);
    versions[name] = parts.join(".");
  }
  return versions;
}

/** The head as the browser gets it: the block, its time, and each read's version. */
export function headOf(watched: WatchedHead, refresh?: Readonly<Record<string, Refresh>>): Head {
  return { block: watched.block, timestamp: watched.timestamp, versions: versionsOf(watched, refresh) };
}
