import { zeroAddress } from "viem";

import { parseCount, type DataRequestView, type OfferView, type TokenInfo } from "@weconet/sdk";

/** Whether booking `offer` shares some of the consumer's data with its provider (then the booking asks consent). */
export function asksForData(offer: Pick<OfferView, "dataRequest">): boolean {
  return offer.dataRequest.attributeIds.length > 0;
}

/** The booking form, as filled in: how many units, and (for an offer that asks for data) whether they agree. */
export interface BookingDraft {
  quantity: string;
  consent: boolean;
}

export type BookingErrors = Partial<Record<keyof BookingDraft, string>>;

/**
 * Checks a booking before anything is sent: a whole number of units that are left, and — when the offer asks
 * for data — the consumer's consent to exactly what it asks (given to the SDK as `agreed`). Booking an offer that
 * asks for data without the consent is not possible from here.
 */
export function checkBooking(
  offer: Pick<OfferView, "remaining" | "unitPrice" | "dataRequest">,
  draft: BookingDraft,
): {
  errors: BookingErrors;
  quantity?: bigint;
  total?: bigint;
  ready?: { quantity: bigint; agreed?: DataRequestView };
} {
  const errors: BookingErrors = {};
  const parsed = parseCount(draft.quantity, "number of units");
  if (!parsed.ok) errors.quantity = parsed.error;
  else if (parsed.value > offer.remaining) errors.quantity = `Only ${offer.remaining} left: book at most that many.`;
  const data = asksForData(offer);
  if (data && !draft.consent) errors.consent = "Agree to share this data to book the offer, or choose another one.";
  // The quantity and its total show on the button as soon as they are good, consent given or not.
  const priced =
    parsed.ok && errors.quantity === undefined ? { quantity: parsed.value, total: offer.unitPrice * parsed.value } : {};
  if (!parsed.ok || Object.keys(errors).length > 0) return { errors, ...priced };
  return { errors, ...priced, ready: { quantity: parsed.value, ...(data ? { agreed: offer.dataRequest } : {}) } };
}

/** Offers of one payment token. */
export interface TokenGroup<O> {
  token: TokenInfo;
  offers: O[];
}

/**
 * Offers grouped per payment token (ETH first, then the tokens by symbol), cheapest first within each: prices in
 * different tokens do not compare, so they are never interleaved. Ties: the older offer (lower id) first.
 */
export function offersByToken<O extends Pick<OfferView, "id" | "token" | "unitPrice">>(
  offers: readonly O[],
  tokenOf: (address: O["token"]) => TokenInfo,
): TokenGroup<O>[] {
  const groups = new Map<string, TokenGroup<O>>();
  for (const offer of offers) {
    const key = offer.token.toLowerCase();
    const group = groups.get(key) ?? { token: tokenOf(offer.token), offers: [] };
    group.offers.push(offer);
    groups.set(key, group);
  }
  const rank = (g: TokenGroup<O>) => (g.token.address.toLowerCase() === zeroAddress ? 0 : 1);
  return [...groups.values()]
    .sort((a, b) => rank(a) - rank(b) || a.token.symbol.localeCompare(b.token.symbol))
    .map((g) => ({
      ...g,
      offers: [...g.offers].sort((a, b) =>
        a.unitPrice !== b.unitPrice ? (a.unitPrice < b.unitPrice ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      ),
    }));
}
