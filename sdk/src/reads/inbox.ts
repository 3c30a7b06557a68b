import { isAddressEqual, type Address } from "viem";

import type { WeconetContext } from "../client.js";
import { selectAll } from "../model/store.js";
import { listRequests, type RequestView } from "./access.js";
import { inOneBatch } from "./batch.js";
import { listProposals, type ProposalSummary } from "./governance.js";
import { listBookings, type BookingView } from "./market.js";
import { readMember } from "./members.js";
import { readPoint } from "./rows.js";

/** What a booking waits for from one of its parties. */
export type InboxBookingAction = "accept" | "mark_delivered" | "claim_payment" | "complete";

/** Something that waits for an account to act, with the thing itself (to link to it and say what it is). */
export type InboxItem =
  | { kind: "request"; key: string; what: string; until: number; request: RequestView }
  | {
      kind: "booking";
      key: string;
      what: string;
      /** When the action closes (none: it waits until done). */
      until?: number;
      action: InboxBookingAction;
      role: "consumer" | "provider";
      booking: BookingView;
    }
  | { kind: "dispute"; key: string; what: string; until: number; booking: BookingView }
  | { kind: "proposal"; key: string; what: string; until: number; proposal: ProposalSummary };

/** The kinds of {@link InboxItem}. */
export type InboxKind = InboxItem["kind"];

/** How long before its vote closes an open proposal counts as closing soon (seconds): three days. */
export const CLOSING_SOON = 3 * 86_400;

/** The booking actions that wait for a party, each with its words; the others (decline, cancel, dispute) are choices. */
const WAITING: { readonly [A in InboxBookingAction]: { by: "consumer" | "provider"; what: string } } = {
  accept: { by: "provider", what: "a booking to accept or decline" },
  mark_delivered: { by: "provider", what: "a booking to mark delivered" },
  claim_payment: { by: "provider", what: "a payment to claim: the dispute window has ended" },
  complete: { by: "consumer", what: "a delivered booking to complete" },
};

/** What a booking waits for from `account` at time `now`, if anything. */
function bookingWaits(b: BookingView, account: Address, now: number): InboxItem | undefined {
  for (const [action, { by, what }] of Object.entries(WAITING) as [
    InboxBookingAction,
    (typeof WAITING)[InboxBookingAction],
  ][]) {
    if (!isAddressEqual(by === "provider" ? b.provider : b.consumer, account)) continue;
    // the consumer may complete an accepted booking too, but it waits for them only once it is delivered
    if (action === "complete" && b.status !== "delivered") continue;
    const open = b.next.find((a) => a.id === action && a.by === by && (a.from === undefined || a.from <= now));
    if (open === undefined) continue;
    return {
      kind: "booking",
      key: `booking:${b.id}:${action}`,
      what,
      ...(open.until === undefined ? {} : { until: open.until }),
      action,
      role: by,
      booking: b,
    };
  }
  return undefined;
}

/**
 * What waits for `account` now: access requests to them to answer (not lapsed), their bookings to accept, mark
 * delivered, claim or complete, disputes to rule when they are an active leader who is neither party, and open
 * proposals closing within `closingWithin` seconds (default {@link CLOSING_SOON}) that they may vote on and have
 * not. Built on the lists (a bounded number of requests, whatever the number of items); soonest deadline first,
 * items without one last.
 */
export async function readInbox(
  ctx: WeconetContext,
  account: Address,
  options: { closingWithin?: number } = {},
): Promise<InboxItem[]> {
  const closingWithin = options.closingWithin ?? CLOSING_SOON;
  const [{ rows, now, block }, requests, bookings, member, proposals] = await Promise.all([
    readPoint(ctx),
    listRequests(ctx, { member: account, direction: "incoming" }),
    listBookings(ctx, { party: account, statuses: ["booked", "accepted", "delivered"] }),
    readMember(ctx, account),
    listProposals(ctx, { states: ["active"] }),
  ]);
  const items: InboxItem[] = [];
  for (const r of requests.items) {
    if (r.lapsed) continue;
    items.push({
      kind: "request",
      key: `request:${r.connectionId}`,
      what: "an access request to answer",
      until: r.expiresAt,
      request: r,
    });
  }
  for (const b of bookings.items) {
    const waiting = bookingWaits(b, account, now);
    if (waiting !== undefined) items.push(waiting);
  }
  if (member.status === "active" && member.roles.includes("leader")) {
    const disputed = await listBookings(ctx, { statuses: ["disputed"] });
    for (const b of disputed.items) {
      if (isAddressEqual(b.consumer, account) || isAddressEqual(b.provider, account)) continue;
      const rule = b.next.find((a) => a.id === "rule");
      if (rule === undefined) continue;
      items.push({
        kind: "dispute",
        key: `dispute:${b.id}`,
        what: "a dispute to rule",
        until: rule.until ?? b.deadlines?.finalDeadline ?? 0,
        booking: b,
      });
    }
  }
  const closing = proposals.items.filter((p) => Number(p.deadline) - now <= closingWithin);
  if (closing.length > 0) {
    const ids = closing.map((p) => p.id);
    const [voted, power] = await Promise.all([
      selectAll(rows, "vote", { where: { voter: account, proposalId: { in: ids } } }),
      // the vote that counts is the one held at the snapshot (no delegation: one member, one vote)
      inOneBatch(ctx, block, (batch) =>
        Promise.all(closing.map((p) => batch.view("membership", "getPastVotes", [account, p.snapshot]))),
      ),
    ]);
    const done = new Set(voted.map((v) => v.proposalId));
    closing.forEach((p, i) => {
      if (done.has(p.id) || (power[i] ?? 0n) === 0n) return;
      items.push({
        kind: "proposal",
        key: `proposal:${p.id}`,
        what: "a proposal to vote on before it closes",
        until: Number(p.deadline),
        proposal: p,
      });
    });
  }
  const order = (item: InboxItem) => item.until ?? Number.MAX_SAFE_INTEGER;
  return items.sort((a, b) => order(a) - order(b));
}
