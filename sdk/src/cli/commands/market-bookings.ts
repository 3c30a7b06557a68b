/**
 * Bookings: the list with the escrow and who acts next, and each step of a booking's life: the provider accepts or
 * declines, delivers and claims the payment; the consumer cancels or completes; either party disputes; each
 * withdraws what the market credited them. Amounts in the token's units, times as dates.
 */
import type { Command } from "commander";

import {
  BOOKING_ROLE_NAMES,
  describeBookingAction,
  type BookingAction,
  type BookingRole,
} from "../../booking-actions.js";
import { BOOKING_STATUSES, WeconetError } from "../../errors.js";
import type { BookingView } from "../../reads/market.js";
import type { Weconet } from "../../weconet.js";
import type { Cli } from "../context.js";
import { formatAmount, type TokenInfo } from "../../format/index.js";
import { at, choice, tokenInfo, tokenOption, wholeNumber } from "../parse.js";
import { table } from "../output.js";
import { memberOf } from "./connections.js";

const GROUP = "Market: bookings (acting needs --from or WECONET_PRIVATE_KEY):";

/**
 * One next step in words, a credit in the booking's token ("withdraw 0.0198 ETH credited"), its times as the
 * CLI's dates ("9 Dec 2026, 15:31 UTC").
 */
export function describeStep(a: BookingAction, token: TokenInfo): string {
  return describeBookingAction(a, { token, date: at });
}

/** Booking `typed`, which must exist. */
export async function bookingOf(w: Weconet, typed: string): Promise<BookingView> {
  const id = wholeNumber(typed, "the booking id");
  const booking = (await w.reads.bookings()).items.find((b) => b.id === id);
  if (booking === undefined) throw new WeconetError(`there is no booking ${id} on this network`);
  return booking;
}

/** The commands that take one booking step, as the market's functions name them. */
const STEPS = [
  {
    name: "accept-booking",
    help: "(provider) accept a booking: you commit to deliver",
    run: (w: Weconet, bookingId: bigint) => w.market.acceptBooking({ bookingId }),
    done: "accepted booking",
  },
  {
    name: "decline-booking",
    help: "(provider) decline a booking: a full refund, the units return to the offer",
    run: (w: Weconet, bookingId: bigint) => w.market.declineBooking({ bookingId }),
    done: "declined booking",
  },
  {
    name: "cancel-booking",
    help: "(consumer) cancel a booking the provider has not accepted: a full refund",
    run: (w: Weconet, bookingId: bigint) => w.market.cancelBooking({ bookingId }),
    done: "cancelled booking",
  },
  {
    name: "deliver",
    help: "(provider) mark a booking delivered: the dispute window starts",
    run: (w: Weconet, bookingId: bigint) => w.market.markDelivered({ bookingId }),
    done: "marked delivered: booking",
  },
  {
    name: "complete",
    help: "(consumer) complete a booking: the payment, minus the network fee, goes to the provider",
    run: (w: Weconet, bookingId: bigint) => w.market.completeBooking({ bookingId }),
    done: "completed booking",
  },
  {
    name: "claim",
    help: "(provider) claim the payment of a delivered booking once its dispute window has passed",
    run: (w: Weconet, bookingId: bigint) => w.market.claimPayment({ bookingId }),
    done: "claimed the payment of booking",
  },
] as const;

export function registerBookings(program: Command, cli: Cli): void {
  program
    .command("bookings")
    .helpGroup(GROUP)
    .description("bookings with their escrow and who acts next (with --member: that member's side)")
    .option("--member <address>", "whose (default: --from's, else everyone's)")
    .option("--role <consumer|provider>", "as consumer or as provider (default both)")
    .option("--status <status>", `only ${BOOKING_STATUSES.filter((s) => s !== "none").join(", ")}`)
    .action(async (o: { member?: string; role?: string; status?: string }) => {
      const role = choice(o.role, ["consumer", "provider", "both"] as const, "role");
      const status = choice(o.status, BOOKING_STATUSES, "status");
      const member = memberOf(cli, o.member);
      const w = await cli.reader();
      const { items: bookings } = await w.reads.bookings({
        ...(member === undefined ? {} : { party: member }),
        ...(role === undefined ? {} : { role }),
        ...(status === undefined ? {} : { statuses: [status] }),
      });
      const rows = await Promise.all(
        bookings.map(async (b) => {
          const info = await tokenInfo(w, b.token);
          // With a member, only their side of the booking (and what others than the parties may do).
          const shown = (by: BookingRole) =>
            member === undefined ||
            (by !== "consumer" && by !== "provider") ||
            b[by].toLowerCase() === member.toLowerCase();
          const next = b.next
            .filter((a) => shown(a.by))
            .map((a) => `${BOOKING_ROLE_NAMES[a.by]}: ${describeStep(a, info)}`);
          return [
            b.id.toString(),
            b.offerId.toString(),
            b.consumer,
            b.provider,
            formatAmount(b.amount, info),
            b.status,
            next.join("; ") || "-",
          ];
        }),
      );
      cli.print(bookings, () =>
        bookings.length === 0
          ? "no bookings"
          : table([["booking", "offer", "consumer", "provider", "escrow", "status", "next"], ...rows]),
      );
    });

  for (const step of STEPS) {
    program
      .command(step.name)
      .helpGroup(GROUP)
      .description(step.help)
      .argument("<booking>", "the booking id")
      .action(async (typed: string) => {
        const bookingId = wholeNumber(typed, "the booking id");
        const w = await cli.actor();
        const booking = await bookingOf(w, typed);
        await cli.sent(step.run(w, booking.id), `${step.done} ${bookingId}`);
      });
  }

  program
    .command("dispute")
    .helpGroup(GROUP)
    .description("(either party) open a dispute over an accepted or delivered booking; a leader rules")
    .argument("<booking>", "the booking id")
    .option("--statement <text or hash>", "what went wrong: the statement's text (hashed) or its 0x content hash")
    .action(async (typed: string, o: { statement?: string }) => {
      if (o.statement === undefined || o.statement.trim() === "") {
        throw new WeconetError("dispute needs --statement <text or 0x hash>: what went wrong");
      }
      const w = await cli.actor();
      const booking = await bookingOf(w, typed);
      await cli.sent(
        w.market.openDispute({ bookingId: booking.id, statement: o.statement }),
        `opened a dispute over booking ${booking.id}: a leader who is neither party rules`,
      );
    });

  program
    .command("withdraw")
    .helpGroup(GROUP)
    .description("collect what the market credited you")
    .option("--token <ETH|symbol|address>", "in which token (default ETH)")
    .action(async (o: { token?: string }) => {
      const w = await cli.actor();
      const token = await tokenOption(w, o.token);
      const { amount, hash } = await w.market.withdraw({ token });
      const info = await tokenInfo(w, token);
      cli.print({ amount, hash }, () => `withdrew ${formatAmount(amount, info)} (transaction ${hash})`);
    });
}
