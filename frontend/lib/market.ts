import { zeroAddress, type Address } from "viem";

import {
  ETH_TOKEN,
  isOpenAt,
  parseAmount,
  parseCount,
  type BookingAction,
  type BookingActionId,
  type BookingRole,
  type Sent,
  type TokenInfo,
  type Weconet,
} from "@weconet/sdk";

import { MAX_UNIT_PRICE, parseDays } from "./fields";

// Amounts and counts read and parse with the SDK's formatters (sdk/src/format), shared with the CLI.
export { ETH_TOKEN, formatAmount, parseAmount, parseCount } from "@weconet/sdk";
export type { TokenInfo } from "@weconet/sdk";

/**
 * The arguments of the `tokens` read for the tokens of a list (undefined while the list is read): each once, in a
 * stable order, so that the same tokens make the same query.
 */
export function tokenArgs(tokens: readonly Address[] | undefined): [readonly Address[]] | undefined {
  if (tokens === undefined) return undefined;
  return [[...new Set(tokens.map((t) => t.toLowerCase() as Address))].sort()];
}

/** The token's info, or a neutral one while it is read. */
export function tokenOf(tokens: readonly TokenInfo[] | undefined, address: Address): TokenInfo {
  return (
    tokens?.find((t) => t.address.toLowerCase() === address.toLowerCase()) ??
    (address === zeroAddress ? ETH_TOKEN : { address, symbol: "tokens", decimals: 18 })
  );
}

/** "1 unit", "3 units" */
export const units = (n: bigint) => `${n} unit${n === 1n ? "" : "s"}`;

/** The form to list an offer, as typed. */
export interface OfferDraft {
  resourceId: string;
  unitPrice: string;
  capacity: string;
  /** Days it stays bookable; empty for no end. */
  days: string;
  description: string;
}

export type OfferErrors = Partial<Record<keyof OfferDraft, string>>;

/** Checks an offer before anything is sent and gives the SDK's listing (prices in ETH). */
export function checkOffer(draft: OfferDraft, now: number | undefined) {
  const errors: OfferErrors = {};
  if (!/^\d+$/.test(draft.resourceId)) errors.resourceId = "Choose one of your resources.";
  const price = parseAmount(draft.unitPrice, ETH_TOKEN, MAX_UNIT_PRICE);
  if (!price.ok) errors.unitPrice = price.error;
  const capacity = parseCount(draft.capacity, "capacity");
  if (!capacity.ok) errors.capacity = capacity.error;
  const noDays = "Leave empty for no end, or enter how many days it stays bookable.";
  const days = draft.days.trim() === "" ? undefined : parseDays(draft.days, noDays);
  if (days?.ok === false) errors.days = days.error === noDays ? noDays : `${days.error} Leave empty for no end.`;
  if (draft.description.trim() === "") {
    errors.description = "Describe the offer: only the document's hash goes on-chain.";
  }
  if (!price.ok || !capacity.ok || days?.ok === false || Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    listing: {
      resourceId: BigInt(draft.resourceId),
      unitPrice: price.value,
      capacity: capacity.value,
      ...(days === undefined || now === undefined ? {} : { validUntil: now + Number(days.value) }),
      document: draft.description.trim(),
    },
  };
}

/** What an offer document says for people: its title and description (a JSON document, or plain text). */
export interface OfferText {
  title: string | undefined;
  description: string | undefined;
  /** Its attribute values (taxonomy name → value), which the matcher compares with a need. */
  attributes: Record<string, unknown>;
}

/**
 * The title, description and attribute values of an offer document's text: JSON `{ title, description, attributes }`
 * (as the demo and the listing form write it), or any other text as the description.
 */
export function offerTextOf(text: string): OfferText {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { title: undefined, description: text.trim() || undefined, attributes: {} };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { title: undefined, description: text.trim() || undefined, attributes: {} };
  }
  const doc = parsed as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
  const attributes =
    typeof doc.attributes === "object" && doc.attributes !== null && !Array.isArray(doc.attributes)
      ? (doc.attributes as Record<string, unknown>)
      : {};
  return { title: str(doc.title), description: str(doc.description), attributes };
}

/** A booking action the market page takes with a button: its label and the market call. */
interface BookingButton {
  kind: "button";
  label: string;
  send: (w: Weconet, booking: { bookingId: bigint }) => Promise<Sent>;
}

/**
 * How the market page offers each booking action: a button, the dispute form (it needs a statement), or not here
 * (a leader rules on the leaders' page, the members' vote by a proposal, credits are withdrawn per token). The type
 * asks for every action id the SDK names, so a new one needs a decision here.
 */
export const BOOKING_CONTROLS: Record<
  BookingActionId,
  BookingButton | { kind: "dispute form" } | { kind: "elsewhere" }
> = {
  accept: { kind: "button", label: "Accept", send: (w, b) => w.market.acceptBooking(b) },
  decline: { kind: "button", label: "Decline", send: (w, b) => w.market.declineBooking(b) },
  cancel: { kind: "button", label: "Cancel", send: (w, b) => w.market.cancelBooking(b) },
  mark_delivered: { kind: "button", label: "Mark delivered", send: (w, b) => w.market.markDelivered(b) },
  complete: { kind: "button", label: "Complete", send: (w, b) => w.market.completeBooking(b) },
  claim_payment: { kind: "button", label: "Claim payment", send: (w, b) => w.market.claimPayment(b) },
  settle_expired_dispute: {
    kind: "button",
    label: "Settle (full refund)",
    send: (w, b) => w.market.settleExpiredDispute(b),
  },
  open_dispute: { kind: "dispute form" },
  rule: { kind: "elsewhere" },
  rule_by_vote: { kind: "elsewhere" },
  withdraw: { kind: "elsewhere" },
};

/**
 * What a booking row offers `side` (one of its parties) at the chain's time `now`: a button for each of that
 * side's actions open now, and for anyone's (settling an expired dispute), and whether the dispute form shows.
 */
export function bookingControls(
  actions: readonly BookingAction[],
  side: Extract<BookingRole, "consumer" | "provider">,
  now: number | undefined,
): { buttons: (BookingButton & { id: BookingActionId })[]; dispute: boolean } {
  // An action without times is open whatever the time; one with times waits for the chain's clock.
  const open = (a: BookingAction) =>
    (a.from === undefined && a.until === undefined) || (now !== undefined && isOpenAt(a, now));
  const mine = actions.filter((a) => (a.by === side || a.by === "anyone") && open(a));
  const buttons = mine.flatMap((a) => {
    const control = BOOKING_CONTROLS[a.id];
    return control.kind === "button" ? [{ ...control, id: a.id }] : [];
  });
  return { buttons, dispute: mine.some((a) => BOOKING_CONTROLS[a.id].kind === "dispute form") };
}
