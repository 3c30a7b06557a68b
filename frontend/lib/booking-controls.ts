import {
  isOpenAt,
  type BookingAction,
  type BookingActionId,
  type BookingRole,
  type Sent,
  type Weconet,
} from "@weconet/sdk";

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
