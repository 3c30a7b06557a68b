import { pad, toHex, zeroAddress, type Address } from "viem";

import { readEvents, type ReadEventsOptions, type TopicFilter } from "../audit/reader.js";
import {
  applyEvent,
  emptyState,
  type BookingRecord,
  type MarketRequestRecord,
  type NetworkState,
  type OfferRecord,
} from "../audit/state.js";
import { bookingActions, type BookingAction, type DisputeDeadlines } from "../booking-actions.js";
import type { WeconetContext } from "../client.js";
import { dataRequestHash } from "../codes.js";
import { eventSelectorOf } from "../contracts.js";
import { BOOKING_STATUSES, OFFER_STATUSES, SETTLED_STATUSES, WeconetError, type BookingStatus } from "../errors.js";
import { attributeIdOf, listAttributes, type Attribute } from "./taxonomy.js";

type ReadOptions = Pick<ReadEventsOptions, "fromBlock" | "toBlock" | "onProgress" | "source">;

/** ETH, as the market names it: the zero address. */
export const ETH = zeroAddress;

/** An offer: its current version from the events (terms, document, data request) and the market's views now. */
export interface OfferView extends OfferRecord {
  /** Units that may still be booked. */
  remaining: bigint;
  /** Whether it can be booked now: active, within its validity, capacity left, resource on, provider active. */
  bookable: boolean;
}

/** A booking, its escrow, and what each party can do next. */
export interface BookingView extends BookingRecord {
  /** What each role may do next, with the times (see {@link bookingActions}). */
  next: BookingAction[];
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

export type { DisputeDeadlines };

/** A market request with its answers, and whether it is still open. */
export interface MarketRequestView extends MarketRequestRecord {
  /** Open and before its deadline. */
  open: boolean;
}

/** Folds the market's events (optionally only those matching `topics`) into its state. */
async function foldMarket(ctx: WeconetContext, o: ReadOptions & { topics?: TopicFilter } = {}): Promise<NetworkState> {
  const state = emptyState({ partial: o.topics !== undefined });
  for await (const e of readEvents(ctx.publicClient, ctx.deployment, { ...o, contracts: ["market"] })) {
    applyEvent(state, e);
  }
  return state;
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
  const state = await foldMarket(ctx, {
    ...options,
    topics: [OFFER_EVENTS.map((name) => eventSelectorOf("market", name))],
  });
  let classes: Set<number> | undefined;
  if (options.class !== undefined) {
    const classId = await attributeIdOf(ctx, options.class);
    classes =
      options.includeSubclasses === true ? classAndSubclasses(classId, await listAttributes(ctx)) : new Set([classId]);
  }
  const wanted = [...state.market.offers.values()].filter(
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
  const state = await foldMarket(ctx, { ...options, topics: [null, null, pad(toHex(offerId))] });
  const record = state.market.offers.get(offerId);
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
  const state = await foldMarket(ctx, options);
  const block = await ctx.publicClient.getBlock(
    options.toBlock === undefined ? { blockTag: "latest" } : { blockNumber: options.toBlock },
  );
  const at = { blockNumber: block.number };
  const now = Number(block.timestamp);
  const party = options.party?.toLowerCase();
  const role = options.role ?? "both";
  const mine = [...state.market.bookings.values()].filter(
    (b) =>
      party === undefined ||
      (role !== "provider" && b.consumer.toLowerCase() === party) ||
      (role !== "consumer" && b.provider.toLowerCase() === party),
  );
  const market = ctx.contracts.market;
  const decisionTime = Number(await market.read.MEMBERS_DECISION_TIME(at));
  const views = await Promise.all(
    mine.map(async (b): Promise<BookingView> => {
      const [stored, consumerCredit, providerCredit] = await Promise.all([
        market.read.booking([b.id], at),
        market.read.balanceOf([b.consumer, b.token], at),
        market.read.balanceOf([b.provider, b.token], at),
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
        status === "disputed" ? disputeDeadlinesOf(stored.windowEnds, stored.rulingPeriod, decisionTime) : undefined;
      const credits = { consumer: consumerCredit, provider: providerCredit };
      return {
        ...current,
        ...(deadlines === undefined ? {} : { deadlines }),
        next: bookingActions(current, now, credits, deadlines),
      };
    }),
  );
  return views
    .filter((v) => options.statuses === undefined || options.statuses.includes(v.status))
    .sort((a, b) => Number(b.id - a.id));
}

/** Requests on the market, newest first: by default only open ones; optionally one consumer's or one class. */
export async function listMarketRequests(
  ctx: WeconetContext,
  options: ReadOptions & { consumer?: Address; class?: number | string; all?: boolean } = {},
): Promise<MarketRequestView[]> {
  const state = await foldMarket(ctx, options);
  const classId = options.class === undefined ? undefined : await attributeIdOf(ctx, options.class);
  const at = options.toBlock === undefined ? {} : { blockNumber: options.toBlock };
  const views = await Promise.all(
    [...state.market.requests.values()]
      .filter(
        (r) =>
          (options.consumer === undefined || r.consumer.toLowerCase() === options.consumer.toLowerCase()) &&
          (classId === undefined || r.classId === classId),
      )
      .map(async (r) => ({ ...r, open: await ctx.contracts.market.read.isRequestOpen([r.id], at) })),
  );
  return views.filter((r) => options.all === true || r.open).sort((a, b) => Number(b.id - a.id));
}

/** What `account` may withdraw from the market, per token (only tokens with a credit). */
export async function marketCredits(
  ctx: WeconetContext,
  account: Address,
  options: ReadOptions = {},
): Promise<{ token: Address; amount: bigint }[]> {
  const state = await foldMarket(ctx, { ...options, topics: [eventSelectorOf("market", "BookingCreated")] });
  const tokens = new Set<Address>([ETH, ...[...state.market.bookings.values()].map((b) => b.token)]);
  const credits = await Promise.all(
    [...tokens].map(async (token) => ({ token, amount: await ctx.contracts.market.read.balanceOf([account, token]) })),
  );
  return credits.filter((c) => c.amount > 0n);
}

/** Whether a booking in `status` is settled (its escrow credited out). */
export function isSettled(status: BookingStatus): boolean {
  return SETTLED_STATUSES.includes(status);
}
