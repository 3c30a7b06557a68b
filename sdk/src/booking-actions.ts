/**
 * What can happen next to a booking, and who may do it: the market's rules in one place (Market.sol), as typed
 * action ids with the times they open and close. The CLI renders them with {@link describeBookingAction}; the
 * dApp renders buttons from the ids.
 */
import type { BookingStatus } from "./errors.js";
import { formatDate } from "./format/time.js";
import { formatAmount, type TokenInfo } from "./format/tokens.js";

/** Who may act on a booking: its two parties, a network leader, the members' vote (the timelock), anyone. */
export type BookingRole = "consumer" | "provider" | "leader" | "members" | "anyone";

/** How each role reads in a sentence ("members' vote: rule by a proposal …"). */
export const BOOKING_ROLE_NAMES: { readonly [R in BookingRole]: string } = {
  consumer: "consumer",
  provider: "provider",
  leader: "leader",
  members: "members' vote",
  anyone: "anyone",
};

/** A market call a booking may take next (each is one function of the market, `withdraw` per token). */
export type BookingActionId =
  | "accept"
  | "decline"
  | "cancel"
  | "mark_delivered"
  | "complete"
  | "open_dispute"
  | "claim_payment"
  | "rule"
  | "rule_by_vote"
  | "settle_expired_dispute"
  | "withdraw";

/** One thing a role may do: from `from` (unix seconds; open already when absent) until `until` (exclusive). */
export interface BookingAction {
  id: BookingActionId;
  by: BookingRole;
  from?: number;
  until?: number;
  /** For `withdraw`: the amount credited to that party in the booking's token. */
  amount?: bigint;
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

/**
 * What each role may do next with a booking in `status` at time `now` (the chain's), the market's rules:
 * the provider accepts or declines a new booking, the consumer may cancel it until then; once accepted the
 * provider marks it delivered and either party may open a dispute, or the consumer completes it; once delivered
 * either party may dispute until the dispute window ends, after which the provider claims the payment (the
 * consumer may still complete); a dispute is ruled by a leader who is neither party until its final deadline, by
 * the members' vote from the end of the leaders' ruling period, and settled by anyone from the final deadline.
 * Without `deadlines` a disputed booking names only the leaders' ruling. Credits name `withdraw`.
 */
export function bookingActions(
  b: { status: BookingStatus; windowEnds: number },
  now: number,
  credits: { consumer: bigint; provider: bigint },
  deadlines?: DisputeDeadlines,
): BookingAction[] {
  const actions: BookingAction[] = [];
  const add = (id: BookingActionId, by: BookingRole, times: { from?: number; until?: number } = {}) =>
    actions.push({ id, by, ...times });
  switch (b.status) {
    case "booked":
      add("accept", "provider");
      add("decline", "provider");
      add("cancel", "consumer");
      break;
    case "accepted":
      add("mark_delivered", "provider");
      add("open_dispute", "provider");
      add("complete", "consumer");
      add("open_dispute", "consumer");
      break;
    case "delivered":
      if (now < b.windowEnds) {
        add("claim_payment", "provider", { from: b.windowEnds });
        add("open_dispute", "provider", { until: b.windowEnds });
        add("complete", "consumer");
        add("open_dispute", "consumer", { until: b.windowEnds });
      } else {
        add("claim_payment", "provider");
        add("complete", "consumer");
      }
      break;
    case "disputed":
      if (deadlines === undefined) {
        add("rule", "leader");
      } else if (now < deadlines.finalDeadline) {
        add("rule", "leader", { until: deadlines.finalDeadline });
        add("rule_by_vote", "members", {
          ...(now < deadlines.membersFrom ? { from: deadlines.membersFrom } : {}),
          until: deadlines.finalDeadline,
        });
        add("settle_expired_dispute", "anyone", { from: deadlines.finalDeadline });
      } else {
        add("settle_expired_dispute", "anyone");
      }
      break;
    // A settled booking (or none) takes no further step; only the credits it left are withdrawn.
    case "none":
    case "completed":
    case "claimed":
    case "declined":
    case "cancelled":
    case "ruled":
    case "defaulted":
      break;
  }
  if (credits.consumer > 0n) actions.push({ id: "withdraw", by: "consumer", amount: credits.consumer });
  if (credits.provider > 0n) actions.push({ id: "withdraw", by: "provider", amount: credits.provider });
  return actions;
}

/** Whether `action` may be taken at `now` (its `from` reached, its `until` not). */
export function isOpenAt(action: BookingAction, now: number): boolean {
  return (action.from === undefined || now >= action.from) && (action.until === undefined || now < action.until);
}

/** The actions of `role` among `actions`. */
export function actionsOf(actions: readonly BookingAction[], role: BookingRole): BookingAction[] {
  return actions.filter((a) => a.by === role);
}

/**
 * One action in words, with its times ("claim the payment from 7 Dec 2026, 20:36 UTC, unless the consumer
 * completes or disputes") and a credit in the booking's `token` ("withdraw 0.0198 ETH credited"). Times read with
 * `date` (in UTC, named, unless given; the dApp passes the reader's own zone). Without `token` an amount reads in
 * the token's smallest unit, saying so. (Passed to `Array.map` directly, the index it gets instead of `words` is ignored.)
 */
export function describeBookingAction(
  a: BookingAction,
  options: { token?: TokenInfo; date?: (seconds: number) => string } | number = {},
): string {
  const words = typeof options === "number" ? {} : options;
  const date = words.date ?? ((seconds: number) => formatDate(seconds, { timeZone: "UTC" }));
  const from = a.from === undefined ? "" : ` from ${date(a.from)}`;
  const until = a.until === undefined ? "" : ` until ${date(a.until)}`;
  switch (a.id) {
    case "accept":
      return "accept";
    case "decline":
      return "decline (full refund)";
    case "cancel":
      return "cancel (full refund) until the provider accepts";
    case "mark_delivered":
      return "deliver, then mark it delivered";
    case "complete":
      return "complete (releases the payment)";
    case "open_dispute":
      return `open a dispute${until}`;
    case "claim_payment":
      return a.from === undefined
        ? "claim the payment (the dispute window has closed)"
        : `claim the payment${from}, unless the consumer completes or disputes`;
    case "rule":
      return a.until === undefined
        ? "rule: split the escrow (a leader who is neither party)"
        : `rule: split the escrow (a leader who is neither party),${until}`;
    case "rule_by_vote":
      return `rule by a proposal (calls ruleDispute), executed${from}${until}`;
    case "settle_expired_dispute":
      return a.from === undefined
        ? "settle by the default outcome: full refund to the consumer (the final deadline has passed)"
        : `settle by the default outcome (full refund to the consumer)${from}`;
    case "withdraw":
      return `withdraw ${
        words.token === undefined
          ? `${a.amount ?? 0n} (in the token's smallest unit)`
          : formatAmount(a.amount ?? 0n, words.token)
      } credited`;
  }
}
