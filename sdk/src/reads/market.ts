import { pad, toHex, zeroAddress, type Address, type Hex } from "viem";

import { readEvents, type ReadEventsOptions, type TopicFilter } from "../audit/reader.js";
import type { WeconetContext } from "../client.js";
import { dataRequestHash } from "../codes.js";
import { eventSelectorOf } from "../contracts.js";
import {
  BOOKING_STATUSES,
  isoTime,
  OFFER_STATUSES,
  SETTLED_STATUSES,
  WeconetError,
  type BookingStatus,
  type MarketRequestStatus,
  type OfferStatus,
} from "../errors.js";
import { foldToMemory } from "../model/fold.js";
import type { MemoryStore } from "../model/store.js";
import type { RowOf } from "../model/tables.js";
import { attributeIdOf, listAttributes, type Attribute } from "./taxonomy.js";

type ReadOptions = Pick<ReadEventsOptions, "fromBlock" | "toBlock" | "onProgress" | "source">;

/** ETH, as the market names it: the zero address. */
export const ETH = zeroAddress;

/** The consumer data a booking of an offer shares with the provider (no attributes: none). */
export interface DataRequestRecord {
  attributeIds: readonly number[];
  purpose: Hex;
  duration: number;
}

/** A market offer as its events tell it: the current version's terms and document. */
export interface OfferRecord {
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
  dataRequest: DataRequestRecord;
  listedAt: number;
  updatedAt: number;
}

/** An offer row as a record (its data request as one object). */
export function offerRecordOf(row: RowOf<"offer">): OfferRecord {
  const { dataAttributeIds, dataPurpose, dataDuration, ...rest } = row;
  return { ...rest, dataRequest: { attributeIds: dataAttributeIds, purpose: dataPurpose, duration: dataDuration } };
}

/** A consumer's request on the market as its events tell it. */
export interface MarketRequestRecord {
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
}

/** A market request row as a record. */
export function marketRequestRecordOf(row: RowOf<"marketRequest">): MarketRequestRecord {
  const { bookingId, ...rest } = row;
  return { ...rest, ...(bookingId === null ? {} : { bookingId }) };
}

/** A booking and its escrow as its events tell it. */
export interface BookingRecord {
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
  /**
   * The dispute window and the leaders' ruling period (seconds) the booking keeps: the network rules in force
   * when it was made, as the rules' own events tell them (0 when the fold did not read the rules' events).
   */
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
}

/** A booking row as a record (its dispute and settlement, when there are, as objects). */
export function bookingRecordOf(row: RowOf<"booking">): BookingRecord {
  const {
    requestId,
    disputeBy,
    disputeStatement,
    disputeOpenedAt,
    disputeMembersFrom,
    disputeFinalDeadline,
    ruling,
    ruledBy,
    settledBy,
    settledAt,
    refund,
    payment,
    fee,
    ...rest
  } = row;
  const disputed =
    disputeBy !== null &&
    disputeStatement !== null &&
    disputeOpenedAt !== null &&
    disputeMembersFrom !== null &&
    disputeFinalDeadline !== null;
  const settled = settledBy !== null && settledAt !== null && refund !== null && payment !== null && fee !== null;
  return {
    ...rest,
    ...(requestId === null ? {} : { requestId }),
    ...(disputed
      ? {
          dispute: {
            by: disputeBy,
            statement: disputeStatement,
            openedAt: disputeOpenedAt,
            membersFrom: disputeMembersFrom,
            finalDeadline: disputeFinalDeadline,
            ...(ruling === null ? {} : { ruling }),
            ...(ruledBy === null ? {} : { ruledBy }),
          },
        }
      : {}),
    ...(settled ? { settlement: { by: settledBy, at: settledAt, refund, payment, fee } } : {}),
  };
}

/** An offer: its current version from the events (terms, document, data request) and the market's views now. */
export interface OfferView extends OfferRecord {
  /** Units that may still be booked. */
  remaining: bigint;
  /** Whether it can be booked now: active, within its validity, capacity left, resource on, provider active. */
  bookable: boolean;
}

/**
 * What each party, a leader, the members' vote and anyone can do next with a booking (the times in the sentences
 * are the market's own deadlines).
 */
export interface NextActions {
  consumer: string[];
  provider: string[];
  leader: string[];
  /** What the members' vote (a proposal executed by the timelock) may do. */
  members: string[];
  /** What any account may do (settle a dispute past its final deadline). */
  anyone: string[];
}

/**
 * The deadlines of a dispute, in seconds since the epoch: the leaders who are neither party rule from
 * `disputedAt` until `finalDeadline` (exclusive), the members' vote from `membersFrom` until then; from
 * `finalDeadline` anyone may settle it by the default outcome (full refund to the consumer).
 */
export interface DisputeDeadlines {
  disputedAt: number;
  membersFrom: number;
  finalDeadline: number;
}

/** A booking, its escrow, and what each party can do next. */
export interface BookingView extends BookingRecord {
  next: NextActions;
  /** The deadlines of its dispute, while it is disputed. */
  deadlines?: DisputeDeadlines;
}

/**
 * The deadlines of a dispute opened at `disputedAt` on a booking that keeps `rulingPeriod` (the rule in force
 * when it was made), given the members' decision time (`Market.MEMBERS_DECISION_TIME`), as the market computes them.
 */
export function disputeDeadlinesOf(
  disputedAt: number,
  rulingPeriod: number,
  membersDecisionTime: number,
): DisputeDeadlines {
  const membersFrom = disputedAt + rulingPeriod;
  return { disputedAt, membersFrom, finalDeadline: membersFrom + membersDecisionTime };
}

/** A market request with its answers, and whether it is still open. */
export interface MarketRequestView extends MarketRequestRecord {
  /** Open and before its deadline. */
  open: boolean;
}

/** Folds the market's events (optionally only those matching `topics`) into rows. */
async function foldMarket(ctx: WeconetContext, o: ReadOptions & { topics?: TopicFilter } = {}): Promise<MemoryStore> {
  return foldToMemory(readEvents(ctx.publicClient, ctx.deployment, { ...o, contracts: ["market"] }), {
    partial: o.topics !== undefined,
  });
}

const OFFER_EVENTS = ["OfferListed", "OfferUpdated", "OfferPaused", "OfferResumed", "OfferClosed"];

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

/** The views of `offers` now, joined to their records. */
async function viewsOf(ctx: WeconetContext, offers: readonly OfferRecord[], blockNumber?: bigint) {
  const at = blockNumber === undefined ? {} : { blockNumber };
  const market = ctx.contracts.market;
  return Promise.all(
    offers.map(async (o): Promise<OfferView> => {
      const [remaining, bookable, stored] = await Promise.all([
        market.read.remainingCapacity([o.id], at),
        market.read.isBookable([o.id], at),
        market.read.offer([o.id], at),
      ]);
      // The events name the current version's terms; the views say what is booked and whether it is live.
      return {
        ...o,
        status: OFFER_STATUSES[stored.status] ?? o.status,
        booked: stored.booked,
        remaining: BigInt(remaining),
        bookable,
      };
    }),
  );
}

/**
 * Offers on the market, cheapest first: by default only live ones (bookable now), in their current version.
 * Filter by class (`includeSubclasses`: a `vehicle` search finds `bike` offers), token, highest unit price and
 * provider. Reads only the offers' own events.
 */
export async function listOffers(
  ctx: WeconetContext,
  options: ReadOptions & {
    class?: number | string;
    includeSubclasses?: boolean;
    token?: Address;
    maxUnitPrice?: bigint;
    provider?: Address;
    /** Also offers that cannot be booked now (paused, closed, sold out, out of validity). */
    all?: boolean;
  } = {},
): Promise<OfferView[]> {
  const store = await foldMarket(ctx, {
    ...options,
    topics: [OFFER_EVENTS.map((name) => eventSelectorOf("market", name))],
  });
  let classes: Set<number> | undefined;
  if (options.class !== undefined) {
    const classId = await attributeIdOf(ctx, options.class);
    classes =
      options.includeSubclasses === true ? classAndSubclasses(classId, await listAttributes(ctx)) : new Set([classId]);
  }
  const wanted = store
    .rows("offer")
    .map(offerRecordOf)
    .filter(
      (o) =>
        (classes === undefined || classes.has(o.classId)) &&
        (options.token === undefined || o.token.toLowerCase() === options.token.toLowerCase()) &&
        (options.maxUnitPrice === undefined || o.unitPrice <= options.maxUnitPrice) &&
        (options.provider === undefined || o.provider.toLowerCase() === options.provider.toLowerCase()),
    );
  const views = await viewsOf(ctx, wanted, options.toBlock);
  return views
    .filter((v) => options.all === true || v.bookable)
    .sort((a, b) => (a.unitPrice < b.unitPrice ? -1 : a.unitPrice > b.unitPrice ? 1 : Number(a.id - b.id)));
}

/**
 * Offer `offerId` in full: its current terms, document hash and data request from its own events (checked against
 * the hash the market keeps), and its state now.
 */
export async function readOffer(ctx: WeconetContext, offerId: bigint, options: ReadOptions = {}): Promise<OfferView> {
  const store = await foldMarket(ctx, { ...options, topics: [null, null, pad(toHex(offerId))] });
  const row = store.row("offer", { id: offerId });
  const record = row === undefined ? undefined : offerRecordOf(row);
  if (record === undefined) throw new WeconetError(`there is no offer ${offerId} on this network`);
  const [view] = await viewsOf(ctx, [record], options.toBlock);
  if (view === undefined) throw new WeconetError(`there is no offer ${offerId} on this network`);
  const stored = await ctx.contracts.market.read.offer([offerId]);
  if (stored.version !== view.version || stored.dataRequest !== dataRequestHash(view.dataRequest)) {
    throw new WeconetError(
      `offer ${offerId}'s events do not match the market (version ${view.version} vs ${stored.version}): is the node's log incomplete?`,
    );
  }
  return view;
}

/**
 * What each party can do next with a booking in `status`, at time `now`; for a disputed booking, `deadlines` say
 * who may rule from when (without them only the leaders' ruling is named).
 */
export function nextActions(
  b: Pick<BookingRecord, "status" | "windowEnds">,
  now: number,
  credits: { consumer: bigint; provider: bigint },
  deadlines?: DisputeDeadlines,
): NextActions {
  const next: NextActions = { consumer: [], provider: [], leader: [], members: [], anyone: [] };
  switch (b.status) {
    case "booked":
      next.provider.push("accept or decline");
      next.consumer.push("cancel (full refund) until the provider accepts");
      break;
    case "accepted":
      next.provider.push("deliver, then mark it delivered", "open a dispute");
      next.consumer.push("complete (releases the payment)", "open a dispute");
      break;
    case "delivered":
      if (now < b.windowEnds) {
        next.consumer.push(`complete, or open a dispute until ${isoTime(b.windowEnds)}`);
        next.provider.push(
          `claim the payment from ${isoTime(b.windowEnds)}, unless the consumer completes or disputes`,
        );
      } else {
        next.provider.push("claim the payment (the dispute window has closed)");
        next.consumer.push("complete (the dispute window has closed)");
      }
      break;
    case "disputed":
      if (deadlines === undefined) {
        next.leader.push("rule: split the escrow (a leader who is neither party)");
      } else if (now < deadlines.finalDeadline) {
        next.leader.push(
          `rule: split the escrow (a leader who is neither party), until ${isoTime(deadlines.finalDeadline)}`,
        );
        next.members.push(
          now < deadlines.membersFrom
            ? `rule by a proposal (calls ruleDispute), executed from ${isoTime(deadlines.membersFrom)} until ${isoTime(deadlines.finalDeadline)}`
            : `rule by a proposal (calls ruleDispute), executed until ${isoTime(deadlines.finalDeadline)}`,
        );
        next.anyone.push(
          `settle by the default outcome (full refund to the consumer) from ${isoTime(deadlines.finalDeadline)}`,
        );
      } else {
        next.anyone.push("settle by the default outcome: full refund to the consumer (the final deadline has passed)");
      }
      break;
    default:
      break;
  }
  if (credits.consumer > 0n) next.consumer.push(`withdraw ${credits.consumer} credited`);
  if (credits.provider > 0n) next.provider.push(`withdraw ${credits.provider} credited`);
  return next;
}

/**
 * A booking row as people see it: its record, with status and dispute window from the market's view at
 * `blockNumber`, its dispute's deadlines and what each side can do next (`decisionTime`: the market's
 * `MEMBERS_DECISION_TIME`).
 */
export async function bookingView(
  ctx: WeconetContext,
  row: RowOf<"booking">,
  at: { blockNumber: bigint; now: number; decisionTime: number },
): Promise<BookingView> {
  const b = bookingRecordOf(row);
  const market = ctx.contracts.market;
  const block = { blockNumber: at.blockNumber };
  const [stored, consumerCredit, providerCredit] = await Promise.all([
    market.read.booking([b.id], block),
    market.read.balanceOf([b.consumer, b.token], block),
    market.read.balanceOf([b.provider, b.token], block),
  ]);
  const status = BOOKING_STATUSES[stored.status] ?? b.status;
  // The booking keeps its dispute window and ruling period: the market's record, not the rules now.
  const current = {
    ...b,
    status,
    windowEnds: stored.windowEnds,
    disputeWindow: stored.disputeWindow,
    rulingPeriod: stored.rulingPeriod,
  };
  const deadlines =
    status === "disputed" ? disputeDeadlinesOf(stored.windowEnds, stored.rulingPeriod, at.decisionTime) : undefined;
  const credits = { consumer: consumerCredit, provider: providerCredit };
  return {
    ...current,
    ...(deadlines === undefined ? {} : { deadlines }),
    next: nextActions(current, at.now, credits, deadlines),
  };
}

/** A market request row as people see it: its record, and whether the market says it is open at `blockNumber`. */
export async function marketRequestView(
  ctx: WeconetContext,
  row: RowOf<"marketRequest">,
  blockNumber?: bigint,
): Promise<MarketRequestView> {
  const r = marketRequestRecordOf(row);
  const at = blockNumber === undefined ? {} : { blockNumber };
  return { ...r, open: await ctx.contracts.market.read.isRequestOpen([r.id], at) };
}

/**
 * The bookings of `party` (as consumer, as provider, or both; everyone's when no party is named), newest first,
 * with the escrow, the settlement and what each side can do next. Status and dispute window come from the views.
 */
export async function listBookings(
  ctx: WeconetContext,
  options: ReadOptions & {
    party?: Address;
    role?: "consumer" | "provider" | "both";
    statuses?: readonly BookingStatus[];
  } = {},
): Promise<BookingView[]> {
  const store = await foldMarket(ctx, options);
  const block = await ctx.publicClient.getBlock(
    options.toBlock === undefined ? { blockTag: "latest" } : { blockNumber: options.toBlock },
  );
  const at = { blockNumber: block.number, now: Number(block.timestamp) };
  const party = options.party?.toLowerCase();
  const role = options.role ?? "both";
  const mine = store
    .rows("booking")
    .filter(
      (b) =>
        party === undefined ||
        (role !== "provider" && b.consumer.toLowerCase() === party) ||
        (role !== "consumer" && b.provider.toLowerCase() === party),
    );
  const decisionTime = Number(await ctx.contracts.market.read.MEMBERS_DECISION_TIME({ blockNumber: at.blockNumber }));
  const views = await Promise.all(mine.map((b) => bookingView(ctx, b, { ...at, decisionTime })));
  return views
    .filter((v) => options.statuses === undefined || options.statuses.includes(v.status))
    .sort((a, b) => Number(b.id - a.id));
}

/** Requests on the market, newest first: by default only open ones; optionally one consumer's or one class. */
export async function listMarketRequests(
  ctx: WeconetContext,
  options: ReadOptions & { consumer?: Address; class?: number | string; all?: boolean } = {},
): Promise<MarketRequestView[]> {
  const store = await foldMarket(ctx, options);
  const classId = options.class === undefined ? undefined : await attributeIdOf(ctx, options.class);
  const views = await Promise.all(
    store
      .rows("marketRequest")
      .filter(
        (r) =>
          (options.consumer === undefined || r.consumer.toLowerCase() === options.consumer.toLowerCase()) &&
          (classId === undefined || r.classId === classId),
      )
      .map((r) => marketRequestView(ctx, r, options.toBlock)),
  );
  return views.filter((r) => options.all === true || r.open).sort((a, b) => Number(b.id - a.id));
}

/** What `account` may withdraw from the market, per token (only tokens with a credit). */
export async function marketCredits(
  ctx: WeconetContext,
  account: Address,
  options: ReadOptions = {},
): Promise<{ token: Address; amount: bigint }[]> {
  const store = await foldMarket(ctx, { ...options, topics: [eventSelectorOf("market", "BookingCreated")] });
  const tokens = new Set<Address>([ETH, ...store.rows("booking").map((b) => b.token)]);
  const credits = await Promise.all(
    [...tokens].map(async (token) => ({ token, amount: await ctx.contracts.market.read.balanceOf([account, token]) })),
  );
  return credits.filter((c) => c.amount > 0n);
}

/** Whether a booking in `status` is settled (its escrow credited out). */
export function isSettled(status: BookingStatus): boolean {
  return SETTLED_STATUSES.includes(status);
}
