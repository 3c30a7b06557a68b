import { decodeFunctionResult, encodeFunctionData, pad, type Address, type Hex } from "viem";

import { readEvents, type ReadEventsOptions, type TopicFilter } from "../audit/reader.js";
import type { WeconetContext } from "../client.js";
import { requestDigest } from "../codes.js";
import { abiOfKey, eventSelectorOf } from "../contracts.js";
import { WeconetError, type CloseReason, type Consent } from "../errors.js";
import { applyEvents, foldToMemory } from "../model/fold.js";
import { MemoryStore } from "../model/store.js";
import type { AccessRequestStatus, RowOf } from "../model/tables.js";
import { purposeText } from "../purposes.js";
import { attributeIdOf } from "./taxonomy.js";

type ReadOptions = Pick<ReadEventsOptions, "fromBlock" | "toBlock" | "onProgress" | "source">;

/** Where a connection stands: `live` (open, not expired), `expired` (open, past its expiry), `closed`. */
export type ConnectionState = "live" | "expired" | "closed";
export const CONNECTION_STATES = ["live", "expired", "closed"] as const satisfies readonly ConnectionState[];

/**
 * One consent of a data connection from `owner` to `grantee` as its events tell it: slot 0 is the owner's own
 * consent, slots 1..7 those a connector (the market) opened for a booking. Each source is kept separately, closed
 * ones too; the grantee is authorized while any live consent of the pair covers an attribute.
 */
export interface ConnectionRecord {
  id: bigint;
  /** The consent's slot: 0 for the owner's own, 1..7 for a booking's. */
  slot: number;
  owner: Address;
  grantee: Address;
  attributeIds: readonly number[];
  /** The purpose code (kept in events only: the contract stores no purpose). */
  purpose: Hex;
  expiresAt: number;
  /** When the consent was given (its last open or change). */
  grantedAt: number;
  /** When it was first opened (after it was last closed; for a booking's slot, when that booking opened it). */
  openedAt: number;
  consent: Consent;
  /** The connector that opened it (zero for the owner's own consent, signature or accepted request). */
  connector: Address;
  /** False once closed: a closed connection never revives without a new consent. */
  open: boolean;
  closed?: { at: number; by: Address; reason: CloseReason };
  /** How many times it was opened or changed. */
  changes: number;
}

/** A connection row as a record (the close, when there is one, as one object). */
export function connectionRecordOf(row: RowOf<"connection">): ConnectionRecord {
  const { closedAt, closedBy, closeReason, ...rest } = row;
  return {
    ...rest,
    ...(closedAt === null || closedBy === null || closeReason === null
      ? {}
      : { closed: { at: closedAt, by: closedBy, reason: closeReason } }),
  };
}

/** A grantee's request to an owner as its events tell it. */
export interface AccessRequestRecord {
  connectionId: bigint;
  owner: Address;
  grantee: Address;
  attributeIds: readonly number[];
  purpose: Hex;
  duration: number;
  /** When the request lapses. */
  expiresAt: number;
  requestedAt: number;
  status: AccessRequestStatus;
  /** The reason code of a rejection. */
  reason?: Hex;
}

/** A request row as a record. */
export function requestRecordOf(row: RowOf<"accessRequest">): AccessRequestRecord {
  const { reason, ...rest } = row;
  return { ...rest, ...(reason === null ? {} : { reason }) };
}

/**
 * One consent of a data connection, from its events (purpose, history) and the contracts' views (authorization
 * now): each source separately, the owner's own consent (`slot` 0) and each booking's (`slot` 1..7, `connector`
 * the market). The grantee may read an attribute while any live consent of the pair covers it.
 */
export interface ConnectionView extends ConnectionRecord {
  /**
   * The purpose as people read it: its W3C DPV label when it is one of the network's purposes (`PURPOSES`), an
   * older short code's text, else null (a code the SDK does not know).
   */
  purposeText: string | null;
  granteeKind: "member" | "application";
  state: ConnectionState;
  /** Where the consent comes from: the owner's own (grant, signature, accepted request) or a booking. */
  source: "own" | "booking";
  /**
   * The attributes of this consent that `isAuthorized` grants now (by this or another live consent of the pair):
   * all of them for a live consent in good standing; fewer or none when a party is suspended or gone, an
   * application is suspended, retired or registered anew since, or an attribute is deprecated.
   */
  authorizedAttributes: number[];
}

/** A grantee's request to an owner, as its events tell it, and whether it has lapsed. */
export interface RequestView extends AccessRequestRecord {
  /** The purpose as people read it (see {@link ConnectionView.purposeText}). */
  purposeText: string | null;
  /** A pending request past its expiry: it can only be rejected (to clear it) or asked again. */
  lapsed: boolean;
}

/** Which connections or requests of a member: those where they are the owner, the grantee, or either. */
export type Direction = "given" | "received" | "both";

/**
 * The AccessGrants events about `member` (as owner in the first indexed field, as grantee in the second),
 * folded into connections and requests. Topics let the node skip everyone else's events. One store per pass: the
 * passes concern disjoint pairs (no one connects to themselves) and each is in chain order, the two together not.
 */
async function foldAccess(
  ctx: WeconetContext,
  member: Address | undefined,
  direction: Direction,
  o: ReadOptions,
): Promise<MemoryStore[]> {
  const topic = member === undefined ? null : pad(member);
  const passes: (TopicFilter | undefined)[] =
    topic === null
      ? [undefined]
      : [...(direction === "received" ? [] : [[null, topic]]), ...(direction === "given" ? [] : [[null, null, topic]])];
  return Promise.all(
    passes.map(async (topics) => {
      const options = { ...o, contracts: ["accessGrants"] as const, ...(topics === undefined ? {} : { topics }) };
      const store = new MemoryStore();
      await applyEvents(store, readEvents(ctx.publicClient, ctx.deployment, options), {
        partial: member !== undefined,
      });
      return store;
    }),
  );
}

async function atBlock(ctx: WeconetContext, toBlock: bigint | undefined) {
  const block = await ctx.publicClient.getBlock(
    toBlock === undefined ? { blockTag: "latest" } : { blockNumber: toBlock },
  );
  return { blockNumber: block.number, now: Number(block.timestamp) };
}

/**
 * Which of `attributes` `grantee` may access of `owner` now: AccessGrants' `isAuthorized` for each, in one
 * `eth_call` (its multicall). What the data socket asks before it releases a value.
 */
export async function authorizations(
  ctx: WeconetContext,
  p: { owner: Address; grantee: Address; attributes: readonly (number | string)[]; blockNumber?: bigint },
): Promise<{ attributeId: number; authorized: boolean }[]> {
  const ids = await Promise.all(p.attributes.map((ref) => attributeIdOf(ctx, ref)));
  if (ids.length === 0) return [];
  const abi = abiOfKey("accessGrants");
  const calls = ids.map((id) =>
    encodeFunctionData({ abi, functionName: "isAuthorized", args: [p.owner, p.grantee, id] }),
  );
  const { result } = await ctx.publicClient.simulateContract({
    address: ctx.deployment.contracts.accessGrants,
    abi,
    functionName: "multicall",
    args: [calls],
    ...(p.blockNumber === undefined ? {} : { blockNumber: p.blockNumber }),
  });
  return result.map((data, i) => ({
    attributeId: ids[i] ?? 0,
    authorized: decodeFunctionResult({ abi, functionName: "isAuthorized", data }),
  }));
}

/** Whether `grantee` may access attribute `attribute` (id or name) of `owner` now. */
export async function isAuthorized(
  ctx: WeconetContext,
  p: { owner: Address; grantee: Address; attribute: number | string; blockNumber?: bigint },
): Promise<boolean> {
  const [answer] = await authorizations(ctx, { ...p, attributes: [p.attribute] });
  return answer?.authorized ?? false;
}

/** A connection row as people see it: its record, its purpose in words, and what authorizes at `blockNumber`. */
export async function connectionView(
  ctx: WeconetContext,
  row: RowOf<"connection">,
  at: { blockNumber: bigint; now: number },
): Promise<ConnectionView> {
  const c = connectionRecordOf(row);
  const { blockNumber, now } = at;
  const connectionState: ConnectionState = !c.open ? "closed" : c.expiresAt <= now ? "expired" : "live";
  const [kind, authorized] = await Promise.all([
    ctx.contracts.applications.read.statusOf([c.grantee], { blockNumber }),
    connectionState === "live"
      ? authorizations(ctx, { owner: c.owner, grantee: c.grantee, attributes: c.attributeIds, blockNumber })
      : Promise.resolve([]),
  ]);
  return {
    ...c,
    purposeText: purposeText(c.purpose),
    granteeKind: kind === 0 ? "member" : "application",
    source: c.slot === 0 ? "own" : "booking",
    state: connectionState,
    authorizedAttributes: authorized.filter((a) => a.authorized).map((a) => a.attributeId),
  };
}

/** A request row as people see it: its record, its purpose in words, and whether it lapsed at `now`. */
export function requestView(row: RowOf<"accessRequest">, now: number): RequestView {
  const r = requestRecordOf(row);
  return { ...r, purposeText: purposeText(r.purpose), lapsed: r.status === "pending" && r.expiresAt <= now };
}

/**
 * The connections of `member` (or of everyone): those they gave as owner, received as grantee, or both; live,
 * expired and closed ones (optionally only `states`), with what was agreed (attributes, purpose, expiry, how the
 * owner consented) from the events and what authorizes now from the contract. Newest consent first.
 */
export async function listConnections(
  ctx: WeconetContext,
  options: ReadOptions & { member?: Address; direction?: Direction; states?: readonly ConnectionState[] } = {},
): Promise<ConnectionView[]> {
  const { blockNumber, now } = await atBlock(ctx, options.toBlock);
  const stores = await foldAccess(ctx, options.member, options.direction ?? "both", {
    ...options,
    toBlock: blockNumber,
  });
  const rows = stores.flatMap((store) => store.rows("connection"));
  const views = await Promise.all(rows.map((row) => connectionView(ctx, row, { blockNumber, now })));
  return views
    .filter((v) => options.states === undefined || options.states.includes(v.state))
    .sort((a, b) => b.grantedAt - a.grantedAt);
}

/** Which requests of a member: `incoming` (they are the owner asked), `outgoing` (they asked), or both. */
export type RequestDirection = "incoming" | "outgoing" | "both";

/** By the indexed fields: an incoming request names the member as owner, like a connection they give. */
const REQUEST_SIDE = { incoming: "given", outgoing: "received", both: "both" } as const satisfies Record<
  RequestDirection,
  Direction
>;

/**
 * Requests to or by `member` (or everyone's); by default only pending ones (lapsed ones included, flagged).
 * Newest first.
 */
export async function listRequests(
  ctx: WeconetContext,
  options: ReadOptions & {
    member?: Address;
    direction?: RequestDirection;
    statuses?: readonly AccessRequestRecord["status"][];
  } = {},
): Promise<RequestView[]> {
  const { blockNumber, now } = await atBlock(ctx, options.toBlock);
  const direction = REQUEST_SIDE[options.direction ?? "both"];
  const stores = await foldAccess(ctx, options.member, direction, { ...options, toBlock: blockNumber });
  const statuses = options.statuses ?? ["pending"];
  return stores
    .flatMap((store) => store.rows("accessRequest"))
    .filter((r) => statuses.includes(r.status))
    .map((r) => requestView(r, now))
    .sort((a, b) => b.requestedAt - a.requestedAt);
}

/**
 * The pending request of `grantee` to `owner`: its latest `AccessRequested` event, checked against the digest
 * AccessGrants keeps (so that what the owner accepts is exactly what was asked).
 */
export async function findPendingRequest(
  ctx: WeconetContext,
  p: { owner: Address; grantee: Address; fromBlock?: bigint },
): Promise<AccessRequestRecord> {
  const pending = await ctx.contracts.accessGrants.read.pendingRequestOf([p.owner, p.grantee]);
  if (pending.expiresAt === 0) throw new WeconetError(`${p.grantee} has no pending request to ${p.owner}.`);
  const events = readEvents(ctx.publicClient, ctx.deployment, {
    contracts: ["accessGrants"],
    topics: [eventSelectorOf("accessGrants", "AccessRequested"), pad(p.owner), pad(p.grantee)],
    ...(p.fromBlock === undefined ? {} : { fromBlock: p.fromBlock }),
  });
  const store = await foldToMemory(events, { partial: true });
  const row = store.rows("accessRequest").at(-1);
  const found = row === undefined ? undefined : requestRecordOf(row);
  if (found === undefined || requestDigest(found.attributeIds, found.purpose, found.duration) !== pending.digest) {
    throw new WeconetError(
      `the pending request of ${p.grantee} to ${p.owner} does not match its AccessRequested event: is the node's log incomplete?`,
    );
  }
  return found;
}
