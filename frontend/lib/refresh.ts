import type { ContractKey } from "@weconet/sdk";

import type { ChainHead, TableName } from "./changes";
import type { ReadName } from "./reads";

/**
 * When a read's answer may have changed, so that a new block refreshes only the reads it concerns (instead of every
 * read on every block):
 * - `tables`: a list read from the read model's rows changed when one of its tables did;
 * - `contracts`: a point read is a view call, and the contract's state changes only with a transaction to it, which
 *   emits an event (every Weconet state change does): refreshed when one of these contracts emitted one;
 * - `anyEvent`: refreshed when any Weconet contract emitted an event;
 * - `clock`: the answer also depends on the time (a proposal's state, an expiry, an offer's validity): refreshed as
 *   well once the chain's clock moved {@link CLOCK_STEP} seconds past the last refresh (a local chain's time travel
 *   at once);
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

/**
 * Every read's refresh, by name: a read the dApp gains without an entry here fails the type check. The tables of the
 * lists are those the SDK's list reads select from.
 */
export const REFRESH = {
  status: { block: true },
  member: { contracts: ["membership"] },
  members: { tables: ["member", "role"] },
  proposals: { tables: ["proposal", "vote", "operation"], clock: true },
  proposal: { contracts: ["governor"] },
  rules: { tables: ["rule"] },
  attributes: { tables: ["attribute"] },
  attributeId: { tables: ["attribute"] },
  resources: { tables: ["resource"] },
  connections: { tables: ["connection"], clock: true },
  requests: { tables: ["accessRequest"], clock: true },
  applications: { tables: ["application"] },
  application: { contracts: ["applications"] },
  isAuthorized: { contracts: ["accessGrants", "membership", "applications"], clock: true },
  authorizations: { contracts: ["accessGrants", "membership", "applications"], clock: true },
  offers: { tables: ["offer"], clock: true },
  offer: { contracts: ["market"], clock: true },
  bookings: { tables: ["booking"], clock: true },
  marketRequests: { tables: ["marketRequest"], clock: true },
  credits: { tables: ["credit"] },
  match: { tables: ["offer", "attribute"], clock: true },
  socketOf: { contracts: ["socketDirectory"] },
  ownSocketOf: { contracts: ["socketDirectory"] },
  defaultSocket: { contracts: ["socketDirectory"] },
  latestAnchor: { contracts: ["receiptAnchors"] },
  tokens: {},
  socketUrl: { contracts: ["socketDirectory"] },
  voteOf: { contracts: ["governor", "membership"] },
  decodeCalls: {},
  auditEvents: { anyEvent: true },
} as const satisfies { [N in ReadName]: Refresh };

/**
 * The refresh of every Weconet query by the third part of its key: the reads, and the data socket's reads of a
 * signed-in member (values and receipts follow the connections, and a read through the socket leaves a receipt).
 */
export const REFRESH_BY_KEY: Readonly<Record<string, Refresh>> = {
  ...REFRESH,
  socket: { anyEvent: true, clock: true },
};

/** What a refresher remembers between two heads: the head, and the chain time of the last clock refresh. */
export interface RefreshState {
  head: ChainHead;
  clockAt: number;
}

const differs = <K extends string>(
  a: Partial<Record<K, bigint>>,
  b: Partial<Record<K, bigint>>,
  keys: readonly K[],
): boolean => keys.some((k) => a[k] !== b[k]);

/**
 * The reads to refresh going from one head to the next, by the policy `refresh` ({@link REFRESH_BY_KEY}), and
 * the state to remember. The first head only sets the state: the reads were just made.
 */
export function readsToRefresh(
  state: RefreshState | undefined,
  next: ChainHead,
  refresh: Readonly<Record<string, Refresh>> = REFRESH_BY_KEY,
): { names: Set<string>; state: RefreshState } {
  if (state === undefined) return { names: new Set(), state: { head: next, clockAt: next.timestamp } };
  const previous = state.head;
  const contractKeys = [
    ...new Set([...Object.keys(previous.contracts), ...Object.keys(next.contracts)]),
  ] as ContractKey[];
  const anyEvent = differs(previous.contracts, next.contracts, contractKeys);
  const clock = next.timestamp >= state.clockAt + CLOCK_STEP || next.timestamp < state.clockAt;
  const names = new Set<string>();
  for (const [name, r] of Object.entries(refresh)) {
    const tablesChanged =
      r.tables !== undefined &&
      // Without a read model (no change rows) any event may have changed any table.
      (previous.tables === null || next.tables === null
        ? anyEvent
        : differs(previous.tables, next.tables, r.tables));
    if (
      tablesChanged ||
      (r.contracts !== undefined && differs(previous.contracts, next.contracts, r.contracts)) ||
      (r.anyEvent === true && anyEvent) ||
      (r.clock === true && clock) ||
      (r.block === true && next.block !== previous.block)
    ) {
      names.add(name);
    }
  }
  return { names, state: { head: next, clockAt: clock ? next.timestamp : state.clockAt } };
}
