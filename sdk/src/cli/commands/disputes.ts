/**
 * Disputes: the disputed bookings with their deadlines; a leader who is neither party rules (splits the escrow);
 * after the leaders' ruling period the members' vote may rule by a proposal; past the final deadline anyone
 * settles it by the default outcome, a full refund. Refunds are typed in the booking's token units.
 */
import type { Command } from "commander";

import { BOOKING_ROLE_NAMES } from "../../booking-actions.js";
import { WeconetError } from "../../errors.js";
import type { BookingView } from "../../reads/market.js";
import type { Cli } from "../context.js";
import { formatAmount, type TokenInfo } from "../../format/index.js";
import { amountIn, at, tokenInfo } from "../parse.js";
import { table } from "../output.js";
import { bookingOf, describeStep } from "./market-bookings.js";

const GROUP = "Market: disputes (acting needs --from or WECONET_PRIVATE_KEY):";

/** The refund typed for a disputed booking, in its token, at most its escrow. */
function refundOf(booking: BookingView, typed: string, info: TokenInfo): bigint {
  if (booking.status !== "disputed") {
    throw new WeconetError(`booking ${booking.id} is ${booking.status}, not disputed: there is nothing to rule on`);
  }
  const refund = amountIn(typed, info, "the refund");
  if (refund > booking.amount) {
    throw new WeconetError(
      `the refund ${formatAmount(refund, info)} is more than the escrow of booking ${booking.id}, ${formatAmount(booking.amount, info)}`,
    );
  }
  return refund;
}

export function registerDisputes(program: Command, cli: Cli): void {
  program
    .command("disputes")
    .helpGroup(GROUP)
    .description("disputed bookings: who opened them, the escrow, and who may rule until when")
    .action(async () => {
      const w = await cli.reader();
      const { items: disputed } = await w.reads.bookings({ statuses: ["disputed"] });
      const rows = await Promise.all(
        disputed.map(async (b) => {
          const info = await tokenInfo(w, b.token);
          return [
            b.id.toString(),
            b.consumer,
            b.provider,
            formatAmount(b.amount, info),
            b.dispute === undefined
              ? "-"
              : `${b.dispute.by === b.consumer ? "consumer" : "provider"}, ${at(b.dispute.openedAt)}`,
            b.next.map((a) => `${BOOKING_ROLE_NAMES[a.by]}: ${describeStep(a, info)}`).join("; ") || "-",
          ];
        }),
      );
      cli.print(disputed, () =>
        disputed.length === 0
          ? "no disputes"
          : table([["booking", "consumer", "provider", "escrow", "opened by", "next"], ...rows]),
      );
    });

  program
    .command("rule-dispute")
    .helpGroup(GROUP)
    .description("(a leader who is neither party) rule: split a disputed escrow")
    .argument("<booking>", "the booking id")
    .argument("<refund>", "what goes back to the consumer, in the booking's token (0 to the escrow, e.g. 0.01)")
    .option("--ruling <text or hash>", "the reasoned ruling: its text (hashed) or its 0x content hash")
    .action(async (typed: string, refundText: string, o: { ruling?: string }) => {
      if (o.ruling === undefined) throw new WeconetError("rule-dispute needs --ruling <text or 0x hash>");
      const w = await cli.actor();
      const booking = await bookingOf(w, typed);
      const info = await tokenInfo(w, booking.token);
      const refund = refundOf(booking, refundText, info);
      await cli.sent(
        w.market.ruleDispute({ bookingId: booking.id, refund, ruling: o.ruling }),
        `ruled on booking ${booking.id}: ${formatAmount(refund, info)} back to the consumer, the rest (minus the fee) to the provider`,
      );
    });

  program
    .command("propose-ruling")
    .helpGroup(GROUP)
    .description(
      "propose that the members' vote rule (executable after the leaders' ruling period, until the final deadline)",
    )
    .argument("<booking>", "the booking id")
    .argument("<refund>", "what goes back to the consumer, in the booking's token")
    .option("--ruling <text or hash>", "the reasoned ruling: its text (hashed) or its 0x content hash")
    .option("--title <text>", "the proposal's title (default: says what it does)")
    .option("--rationale <text>", "why (Markdown)")
    .action(async (typed: string, refundText: string, o: { ruling?: string; title?: string; rationale?: string }) => {
      if (o.ruling === undefined) throw new WeconetError("propose-ruling needs --ruling <text or 0x hash>");
      const w = await cli.actor();
      const booking = await bookingOf(w, typed);
      const info = await tokenInfo(w, booking.token);
      const refund = refundOf(booking, refundText, info);
      const { hash, proposalId } = await w.market.proposeRuling({
        bookingId: booking.id,
        refund,
        ruling: o.ruling,
        title: o.title ?? `Rule on the dispute over booking ${booking.id}: refund ${formatAmount(refund, info)}`,
        ...(o.rationale === undefined ? {} : { rationale: o.rationale }),
      });
      cli.print({ hash, proposalId }, () => `proposed ${proposalId} (transaction ${hash})`);
    });

  program
    .command("settle-dispute")
    .helpGroup(GROUP)
    .description("(anyone) settle a dispute past its final deadline by the default outcome: a full refund")
    .argument("<booking>", "the booking id")
    .action(async (typed: string) => {
      const w = await cli.actor();
      const booking = await bookingOf(w, typed);
      await cli.sent(
        w.market.settleExpiredDispute({ bookingId: booking.id }),
        `settled the expired dispute over booking ${booking.id}: full refund to the consumer`,
      );
    });
}
