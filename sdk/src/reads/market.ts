import { zeroAddress, type Address, type Hex } from "viem";

import type { WeconetContext } from "../client.js";
import { dataRequestHash } from "../digests.js";
import {
  SETTLED_STATUSES,
  WeconetError,
  type BookingStatus,
  type MarketRequestStatus,
  type OfferStatus,
} from "../errors.js";
import { rowMatches, selectAll, type Filter } from "../model/store.js";
import type { RowOf } from "../model/tables.js";
import { bookingActions, type BookingAction, type DisputeDeadlines } from "../booking-actions.js";
import { inOneBatch } from "./batch.js";
import { pageOf, readFresh, readPoint, type PageOptions, type ViewPage } from "./rows.js";
import { attributeIdOf, listAttributes, type Attribute } from "./taxonomy.js";

/** ETH, as the market names it: the zero address. */
export const ETH = zeroAddress;

type OfferRow = RowOf<"offer">;
type BookingRow = RowOf<"booking">;
type MarketRequestRow = RowOf<"marketRequest">;

/** The consumer data a booking of an offer shares with the provider (no attributes: none). */
export interface DataRequestView {
  attributeIds: readonly number[];
  purpose: Hex;
  duration: number;
}

/** An offer: its current version (terms, document, data request) and whether it can be booked now. */
export interface OfferView {
  id: bigint;
  provider: Address;
  resourceId: bigint;
  status: OfferStatus;
  version: number;
  classId: number;
  token: Address;
  unitPrice: bigint;
  capacity: bigint;
  /** Units booked and not refunded. */
  booked: bigint;
  validFrom: number;
  validUntil: number;
  /** The current offer document's content hash (kept in events only). */
  metadata: Hex;
  dataRequest: DataRequestView;
  listedAt: number;
  updatedAt: number;
  /** Units that may still be booked. */
  remaining: bigint;
  /** Whether it can be booked now: active, within its validity, capacity left, resource on, provider active. */
  bookable: boolean;
}

/** The one builder of an {@link OfferView}: its row, and whether the market says it is bookable now. */
export function offerView(o: OfferRow, bookable: boolean): OfferView {
  return {
    id: o.id,
    provider: o.provider,
    resourceId: o.resourceId,
    status: o.status,
    version: o.version,
    classId: o.classId,
    token: o.token,
    unitPrice: o.unitPrice,
    capacity: o.capacity,
    booked: o.booked,
    validFrom: o.validFrom,
    validUntil: o.validUntil,
    metadata: o.metadata,
    dataRequest: { attributeIds: o.dataAttributeIds, purpose: o.dataPurpose, duration: o.dataDuration },
    listedAt: o.listedAt,
    updatedAt: o.updatedAt,
    remaining: o.capacity - o.booked,
    bookable,
  };
}

/**
 * Offers that may be bookable at time `now`, as a filter on `offer` rows: active and within their validity
 * (`Market._withinValidity`: from `validFrom`, before `validUntil` unless it is 0). Whether one is bookable
 * (capacity left, resource on, provider active) the market's `isBookable` says.
 */
export function bookableOfferFilter(now: number): Filter<OfferRow> {
  return { status: "active", validFrom: { lte: now }, or: [{ validUntil: 0 }, { validUntil: { gt: now } }] };
}

/** A booking, its escrow, and what each party can do next. */
export interface BookingView {
  id: bigint;
  offerId: bigint;
  consumer: Address;
  /** The offer's provider (offers never change hands). */
  provider: Address;
  status: BookingStatus;
  version: number;
  quantity: bigint;
  token: Address;
  /** The escrowed amount. */
  amount: bigint;
  feeBps: number;
  /** The data connection the booking opened (0 for none). */
  connectionId: bigint;
  /** The dispute window and the leaders' ruling period (seconds) the booking keeps: the rules when it was made. */
  disputeWindow: number;
  rulingPeriod: number;
  /** When its dispute window ends (0 until delivered); once disputed, when the dispute opened (as the market keeps it). */
  windowEnds: number;
  bookedAt: number;
  /** The request whose answer it accepted, if any. */
  requestId?: bigint;
  /**
   * The dispute: who opened it, when, and its deadlines (from `membersFrom` the members' vote may rule too; from
   * `finalDeadline` nobody rules and anyone may settle it by the default outcome, a full refund).
   */
  dispute?: {
    by: Address;
    statement: Hex;
    openedAt: number;
    membersFrom: number;
    finalDeadline: number;
    ruling?: Hex;
    ruledBy?: Address;
  };
  settlement?: { by: Address; at: number; refund: bigint; payment: bigint; fee: bigint };
  /** What each role may do next, with the times (see {@link bookingActions}). */
  next: BookingAction[];
  /** The deadlines of its dispute, while it is disputed. */
  deadlines?: DisputeDeadlines;
}

/** What the consumer and the provider of a booking may withdraw in its token. */
export interface BookingCredits {
  consumer: bigint;
  provider: bigint;
}

/** The one builder of a {@link BookingView}: its row at time `now`, and the parties' credits in its token. */
export function bookingView(b: BookingRow, now: number, credits: BookingCredits): BookingView {
  const dispute =
    b.disputeBy === null ||
    b.disputeStatement === null ||
    b.disputeOpenedAt === null ||
    b.disputeMembersFrom === null ||
    b.disputeFinalDeadline === null
      ? undefined
      : {
          by: b.disputeBy,
          statement: b.disputeStatement,
          openedAt: b.disputeOpenedAt,
          membersFrom: b.disputeMembersFrom,
          finalDeadline: b.disputeFinalDeadline,
          ...(b.ruling === null ? {} : { ruling: b.ruling }),
          ...(b.ruledBy === null ? {} : { ruledBy: b.ruledBy }),
        };
  const settlement =
    b.settledBy === null || b.settledAt === null || b.refund === null || b.payment === null || b.fee === null
      ? undefined
      : { by: b.settledBy, at: b.settledAt, refund: b.refund, payment: b.payment, fee: b.fee };
  // The deadlines the market set when the dispute opened, as its event tells them.
  const deadlines =
    b.status === "disputed" && dispute !== undefined
      ? { disputedAt: dispute.openedAt, membersFrom: dispute.membersFrom, finalDeadline: dispute.finalDeadline }
      : undefined;
  return {
    id: b.id,
    offerId: b.offerId,
    consumer: b.consumer,
    provider: b.provider,
    status: b.status,
    version: b.version,
    quantity: b.quantity,
    token: b.token,
    amount: b.amount,
    feeBps: b.feeBps,
    connectionId: b.connectionId,
    disputeWindow: b.disputeWindow,
    rulingPeriod: b.rulingPeriod,
    windowEnds: b.windowEnds,
    bookedAt: b.bookedAt,
    ...(b.requestId === null ? {} : { requestId: b.requestId }),
    ...(dispute === undefined ? {} : { dispute }),
    ...(settlement === undefined ? {} : { settlement }),
    next: bookingActions(b, now, credits, deadlines),
    ...(deadlines === undefined ? {} : { deadlines }),
  };
}

/** A market request with its answers, and whether it is still open. */
export interface MarketRequestView {
  id: bigint;
  consumer: Address;
  status: MarketRequestStatus;
  classId: number;
  token: Address;
  quantity: bigint;
  maxUnitPrice: bigint;
  deadline: number;
  /** The description's content hash (events only; may be zero). */
  metadata: Hex;
  postedAt: number;
  /** Offers that answered it, in order. */
  answers: readonly bigint[];
  /** The booking that accepting an answer made. */
  bookingId?: bigint;
  /** Open and before its deadline. */
  open: boolean;
}

/** Requests open at time `now`, as a filter on `marketRequest` rows (`Market.isRequestOpen`: before the deadline). */
export function openRequestFilter(now: number): Filter<MarketRequestRow> {
  return { status: "open", deadline: { gt: now } };
}

/** The one builder of a {@link MarketRequestView}: its row at time `now`. */
export function marketRequestView(r: MarketRequestRow, now: number): MarketRequestView {
  return {
    id: r.id,
    consumer: r.consumer,
    status: r.status,
    classId: r.classId,
    token: r.token,
    quantity: r.quantity,
    maxUnitPrice: r.maxUnitPrice,
    deadline: r.deadline,
    metadata: r.metadata,
    postedAt: r.postedAt,
    answers: r.answers,
    ...(r.bookingId === null ? {} : { bookingId: r.bookingId }),
    open: rowMatches("marketRequest", r, openRequestFilter(now)),
  };
}

/** A credit on the market: what an account may withdraw in a token. */
export interface Credit {
  token: Address;
  amount: bigint;
}

/** The one builder of a {@link Credit}, from a `credit` row. */
export function creditView(c: RowOf<"credit">): Credit {
  return { token: c.token, amount: c.amount };
}

/** The class `classId` and every class below it in the taxonomy. */
export function classAndSubclasses(classId: number, attributes: readonly Attribute[]): Set<number> {
  const found = new Set([classId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const a of attributes) {
      if (a.dataType === "class" && found.has(a.parent) && !found.has(a.id)) {
        found.add(a.id);
        grew = true;
      }
    }
  }
  return found;
}

/**
 * Offers on the market, cheapest first: by default only live ones (bookable now: the source filters by status and
 * validity at the chain's time, the market's `isBookable` decides for the page in one batch), in their current
 * version. Filter by class (`includeSubclasses`: a `vehicle` search finds `bike` offers), token, highest unit
 * price and provider.
 */
export async function listOffers(
  ctx: WeconetContext,
  options: PageOptions & {
    class?: number | string;
    includeSubclasses?: boolean;
    token?: Address;
    maxUnitPrice?: bigint;
    provider?: Address;
    /** Also offers that cannot be booked now (paused, closed, sold out, out of validity). */
    all?: boolean;
  } = {},
): Promise<ViewPage<OfferView>> {
  const [{ rows, block, now }, classes] = await Promise.all([
    readPoint(ctx),
    options.class === undefined
      ? Promise.resolve(undefined)
      : attributeIdOf(ctx, options.class).then(async (classId) =>
          options.includeSubclasses === true ? [...classAndSubclasses(classId, await listAttributes(ctx))] : [classId],
        ),
  ]);
  const all = options.all === true;
  const where: Filter<OfferRow> = {
    ...(all ? {} : bookableOfferFilter(now)),
    ...(classes === undefined ? {} : { classId: { in: classes } }),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.maxUnitPrice === undefined ? {} : { unitPrice: { lte: options.maxUnitPrice } }),
    ...(options.provider === undefined ? {} : { provider: options.provider }),
  };
  return pageOf(
    rows,
    "offer",
    { where, orderBy: "unitPrice" },
    options,
    (offers) =>
      inOneBatch(ctx, block, (batch) =>
        Promise.all(
          offers.map(async (o) => {
            const view = offerView(o, await batch.view("market", "isBookable", [o.id]));
            return all || view.bookable ? view : undefined;
          }),
        ),
      ),
    !all,
  );
}

/**
 * Offer `offerId` in full: its current terms, document hash and data request from its row, checked against what
 * the market keeps (version, data request hash), and whether it is bookable now.
 */
export async function readOffer(ctx: WeconetContext, offerId: bigint): Promise<OfferView> {
  const point = await readPoint(ctx);
  const [stored, bookable] = await inOneBatch(ctx, point.block, (batch) =>
    Promise.all([batch.view("market", "offer", [offerId]), batch.view("market", "isBookable", [offerId])]),
  ).catch((error: unknown) => {
    if (error instanceof WeconetError && error.reason?.name === "MarketUnknownOffer") {
      throw new WeconetError(`there is no offer ${offerId} on this network`, error.reason, { cause: error });
    }
    throw error;
  });
  const matches = (row: OfferRow | undefined) =>
    row !== undefined &&
    row.version === stored.version &&
    stored.dataRequest ===
      dataRequestHash({ attributeIds: row.dataAttributeIds, purpose: row.dataPurpose, duration: row.dataDuration });
  const row = await readFresh(point, () => point.rows.get("offer", { id: offerId }), matches);
  if (row === undefined || !matches(row)) {
    throw new WeconetError(
      `offer ${offerId}'s events do not match the market (version ${row?.version ?? "none"} vs ${stored.version}): is the node's log incomplete, or the indexer behind?`,
    );
  }
  return offerView(row, bookable);
}

/**
 * The bookings of `party` (as consumer, as provider, or both; everyone's when no party is named), newest first,
 * with the escrow, the settlement and what each side can do next (with the parties' credits, from the rows).
 */
export async function listBookings(
  ctx: WeconetContext,
  options: PageOptions & {
    party?: Address;
    role?: "consumer" | "provider" | "both";
    statuses?: readonly BookingStatus[];
  } = {},
): Promise<ViewPage<BookingView>> {
  const { rows, now } = await readPoint(ctx);
  const statuses: Filter<BookingRow> = options.statuses === undefined ? {} : { status: { in: options.statuses } };
  const party = options.party;
  const role = options.role ?? "both";
  const where: Filter<BookingRow> =
    party === undefined
      ? statuses
      : role === "consumer"
        ? { ...statuses, consumer: party }
        : role === "provider"
          ? { ...statuses, provider: party }
          : { ...statuses, or: [{ consumer: party }, { provider: party }] };
  return pageOf(rows, "booking", { where, orderBy: "id", direction: "desc" }, options, async (bookings) => {
    const tokens = [...new Set(bookings.map((b) => b.token))];
    const accounts = [...new Set(bookings.flatMap((b) => [b.consumer, b.provider]))];
    const credits =
      bookings.length === 0
        ? []
        : await selectAll(rows, "credit", { where: { token: { in: tokens }, account: { in: accounts } } });
    const amount = (token: Address, account: Address) =>
      credits.find(
        (c) => c.token.toLowerCase() === token.toLowerCase() && c.account.toLowerCase() === account.toLowerCase(),
      )?.amount ?? 0n;
    return bookings.map((b) =>
      bookingView(b, now, { consumer: amount(b.token, b.consumer), provider: amount(b.token, b.provider) }),
    );
  });
}

/** Requests on the market, newest first: by default only open ones; optionally one consumer's or one class. */
export async function listMarketRequests(
  ctx: WeconetContext,
  options: PageOptions & { consumer?: Address; class?: number | string; all?: boolean } = {},
): Promise<ViewPage<MarketRequestView>> {
  const [{ rows, now }, classId] = await Promise.all([
    readPoint(ctx),
    options.class === undefined ? Promise.resolve(undefined) : attributeIdOf(ctx, options.class),
  ]);
  const where: Filter<MarketRequestRow> = {
    ...(options.all === true ? {} : openRequestFilter(now)),
    ...(options.consumer === undefined ? {} : { consumer: options.consumer }),
    ...(classId === undefined ? {} : { classId }),
  };
  return pageOf(rows, "marketRequest", { where, orderBy: "id", direction: "desc" }, options, async (requests) =>
    requests.map((r) => marketRequestView(r, now)),
  );
}

/** What `account` may withdraw from the market, per token (only tokens with a credit), ETH first. */
export async function marketCredits(ctx: WeconetContext, account: Address): Promise<Credit[]> {
  const { rows } = await readPoint(ctx);
  return (await selectAll(rows, "credit", { where: { account, amount: { gt: 0n } } })).map(creditView);
}

/** Whether a booking in `status` is settled (its escrow credited out). */
export function isSettled(status: BookingStatus): boolean {
  return SETTLED_STATUSES.includes(status);
}
