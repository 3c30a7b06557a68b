import { decodeFunctionResult, encodeFunctionData, type Address, type Hex } from "viem";

import type { WeconetContext } from "../client.js";
import { connectionIdOf, requestDigest } from "../digests.js";
import { abiOfKey } from "../contracts.js";
import { WeconetError, type CloseReason, type Consent } from "../errors.js";
import { rowMatches, selectAll, type Filter } from "../model/store.js";
import type { AccessRequestStatus, RowOf } from "../model/tables.js";
import { purposeText } from "../purposes.js";
import { inOneBatch } from "./batch.js";
import { pageOf, readFresh, readPoint, type PageOptions, type ViewPage } from "./rows.js";
import { attributeIdOf } from "./taxonomy.js";

/** Where a connection stands: `live` (open, not expired), `expired` (open, past its expiry), `closed`. */
export type ConnectionState = "live" | "expired" | "closed";
export const CONNECTION_STATES = ["live", "expired", "closed"] as const satisfies readonly ConnectionState[];

type ConnectionRow = RowOf<"connection">;
type RequestRow = RowOf<"accessRequest">;

/**
 * The consents in `state` at time `now`, as a filter on `connection` rows: what the source filters by, and what
 * a view's `state` is (AccessGrants authorizes while `expiresAt > block.timestamp`).
 */
export function connectionStateFilter(state: ConnectionState, now: number): Filter<ConnectionRow> {
  switch (state) {
    case "live":
      return { open: true, expiresAt: { gt: now } };
    case "expired":
      return { open: true, expiresAt: { lte: now } };
    case "closed":
      return { open: false };
  }
}

/** The state of consent `c` at time `now`. */
export function connectionStateOf(c: ConnectionRow, now: number): ConnectionState {
  const state = CONNECTION_STATES.find((s) => rowMatches("connection", c, connectionStateFilter(s, now)));
  if (state === undefined) throw new WeconetError(`connection ${c.id} (slot ${c.slot}) is in no state`);
  return state;
}

/**
 * One consent of a data connection: what was agreed (from its events) and what authorizes now (from the
 * contracts): each source separately, the owner's own consent (`slot` 0) and each booking's (`slot` 1..7,
 * `connector` the market). The grantee may read an attribute while any live consent of the pair covers it.
 */
export interface ConnectionView {
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

/** What a connection's view needs besides its row: the grantee's kind and what authorizes now. */
export interface ConnectionDerived {
  granteeKind: "member" | "application";
  authorizedAttributes: number[];
}

/** The one builder of a {@link ConnectionView}: its row at time `now`, and what the contracts say of it. */
export function connectionView(c: ConnectionRow, now: number, derived: ConnectionDerived): ConnectionView {
  const closed =
    c.closedAt === null || c.closedBy === null || c.closeReason === null
      ? undefined
      : { at: c.closedAt, by: c.closedBy, reason: c.closeReason };
  return {
    id: c.id,
    slot: c.slot,
    owner: c.owner,
    grantee: c.grantee,
    attributeIds: c.attributeIds,
    purpose: c.purpose,
    expiresAt: c.expiresAt,
    grantedAt: c.grantedAt,
    openedAt: c.openedAt,
    consent: c.consent,
    connector: c.connector,
    open: c.open,
    ...(closed === undefined ? {} : { closed }),
    changes: c.changes,
    purposeText: purposeText(c.purpose),
    granteeKind: derived.granteeKind,
    state: connectionStateOf(c, now),
    source: c.slot === 0 ? "own" : "booking",
    authorizedAttributes: derived.authorizedAttributes,
  };
}

/** A grantee's request to an owner, as its events tell it, and whether it has lapsed. */
export interface RequestView {
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
  /** The purpose as people read it (see {@link ConnectionView.purposeText}). */
  purposeText: string | null;
  /** A pending request past its expiry: it can only be rejected (to clear it) or asked again. */
  lapsed: boolean;
}

/** Pending requests lapsed at time `now` (AccessGrants refuses to accept one once `expiresAt <= block.timestamp`). */
export function lapsedRequestFilter(now: number): Filter<RequestRow> {
  return { status: "pending", expiresAt: { lte: now } };
}

/** The one builder of a {@link RequestView}: its row at time `now`. */
export function requestView(r: RequestRow, now: number): RequestView {
  return {
    connectionId: r.connectionId,
    owner: r.owner,
    grantee: r.grantee,
    attributeIds: r.attributeIds,
    purpose: r.purpose,
    duration: r.duration,
    expiresAt: r.expiresAt,
    requestedAt: r.requestedAt,
    status: r.status,
    ...(r.reason === null ? {} : { reason: r.reason }),
    purposeText: purposeText(r.purpose),
    lapsed: rowMatches("accessRequest", r, lapsedRequestFilter(now)),
  };
}

/** Which connections or requests of a member: those where they are the owner, the grantee, or either. */
export type Direction = "given" | "received" | "both";

/** Where `member` stands on `direction`'s side(s) of a pair: as owner, as grantee, or either (none: everyone's). */
function sidesOf(member: Address | undefined, direction: Direction): ({ owner: Address } | { grantee: Address })[] {
  if (member === undefined) return [];
  return [
    ...(direction === "received" ? [] : [{ owner: member }]),
    ...(direction === "given" ? [] : [{ grantee: member }]),
  ];
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

/**
 * The connections of `member` (or of everyone): those they gave as owner, received as grantee, or both; live,
 * expired and closed ones (optionally only `states`, filtered by the source at the chain's time), newest consent
 * first. What authorizes now comes from AccessGrants' `isAuthorized`, for the page's live consents in one batch.
 */
export async function listConnections(
  ctx: WeconetContext,
  options: PageOptions & { member?: Address; direction?: Direction; states?: readonly ConnectionState[] } = {},
): Promise<ViewPage<ConnectionView>> {
  if (options.states?.length === 0) return { items: [], next: null, total: 0 };
  const { rows, block, now } = await readPoint(ctx);
  const states: Filter<ConnectionRow> =
    options.states === undefined ? {} : { or: options.states.map((s) => connectionStateFilter(s, now)) };
  const sides = sidesOf(options.member, options.direction ?? "both").map((side) => ({ ...states, ...side }));
  return pageOf(
    rows,
    "connection",
    { where: sides.length === 0 ? states : { or: sides }, orderBy: "grantedAt", direction: "desc" },
    options,
    async (connections) => {
      const grantees = [...new Set(connections.map((c) => c.grantee))];
      // which grantees are applications: read beside the contracts' views, not before them
      const apps = (
        grantees.length === 0
          ? Promise.resolve([])
          : selectAll(rows, "application", { where: { account: { in: grantees } } })
      ).then((applications) => new Set(applications.map((a) => a.account.toLowerCase())));
      apps.catch(() => undefined);
      return inOneBatch(ctx, block, (batch) =>
        Promise.all(
          connections.map(async (c) => {
            const live = connectionStateOf(c, now) === "live";
            const authorized = live
              ? await Promise.all(
                  c.attributeIds.map((id) => batch.view("accessGrants", "isAuthorized", [c.owner, c.grantee, id])),
                )
              : [];
            return connectionView(c, now, {
              granteeKind: (await apps).has(c.grantee.toLowerCase()) ? "application" : "member",
              authorizedAttributes: c.attributeIds.filter((_, i) => authorized[i] === true),
            });
          }),
        ),
      );
    },
  );
}

/** Which requests of a member: `incoming` (they are the owner asked), `outgoing` (they asked), or both. */
export type RequestDirection = "incoming" | "outgoing" | "both";

/** An incoming request names the member as owner, like a connection they give. */
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
  options: PageOptions & {
    member?: Address;
    direction?: RequestDirection;
    statuses?: readonly AccessRequestStatus[];
  } = {},
): Promise<ViewPage<RequestView>> {
  const { rows, now } = await readPoint(ctx);
  const statuses: Filter<RequestRow> = { status: { in: options.statuses ?? ["pending"] } };
  const sides = sidesOf(options.member, REQUEST_SIDE[options.direction ?? "both"]).map((side) => ({
    ...statuses,
    ...side,
  }));
  return pageOf(
    rows,
    "accessRequest",
    {
      where: sides.length === 0 ? statuses : { or: sides },
      orderBy: "requestedAt",
      direction: "desc",
    },
    options,
    async (requests) => requests.map((r) => requestView(r, now)),
  );
}

/**
 * The pending request of `grantee` to `owner`: its row, checked against the digest AccessGrants keeps (so that
 * what the owner accepts is exactly what was asked).
 */
export async function findPendingRequest(
  ctx: WeconetContext,
  p: { owner: Address; grantee: Address },
): Promise<RequestView> {
  const point = await readPoint(ctx);
  const pending = await ctx.contracts.accessGrants.read.pendingRequestOf([p.owner, p.grantee], {
    blockNumber: point.block,
  });
  if (pending.expiresAt === 0) throw new WeconetError(`${p.grantee} has no pending request to ${p.owner}.`);
  const matches = (r: RequestRow | undefined) =>
    r !== undefined &&
    r.status === "pending" &&
    requestDigest(r.attributeIds, r.purpose, r.duration) === pending.digest;
  const found = await readFresh(
    point,
    () => point.rows.get("accessRequest", { connectionId: connectionIdOf(p.owner, p.grantee) }),
    matches,
  );
  if (found === undefined || !matches(found)) {
    throw new WeconetError(
      `the pending request of ${p.grantee} to ${p.owner} does not match its AccessRequested event: is the node's log incomplete?`,
    );
  }
  return requestView(found, point.now);
}
