/** What waits for an account: the SDK's inbox (`reads.inbox`), the same items the dApp's header shows. */
import type { Command } from "commander";

import { WeconetError } from "../../errors.js";
import { formatDuration } from "../../format/index.js";
import type { InboxItem } from "../../reads/inbox.js";
import type { Cli } from "../context.js";
import { table } from "../output.js";
import { at } from "../parse.js";
import { memberOf } from "./connections.js";

const GROUP = "Inbox:";

/** Where the item is acted on, as the command that does it. */
function nextCommand(item: InboxItem): string {
  switch (item.kind) {
    case "request":
      return `weconet accept ${item.request.grantee}  (or reject)`;
    case "booking":
      switch (item.action) {
        case "accept":
          return `weconet accept-booking ${item.booking.id}  (or decline-booking)`;
        case "mark_delivered":
          return `weconet deliver ${item.booking.id}`;
        case "claim_payment":
          return `weconet claim ${item.booking.id}`;
        case "complete":
          return `weconet complete ${item.booking.id}  (or dispute)`;
      }
      return "";
    case "dispute":
      return `weconet rule-dispute ${item.booking.id} <refund> --ruling <text>`;
    case "proposal":
      return `weconet vote ${item.proposal.id} <for|against|abstain>`;
  }
}

export function registerInbox(program: Command, cli: Cli): void {
  program
    .command("inbox")
    .helpGroup(GROUP)
    .description("what waits for an account: requests to answer, bookings to act on, disputes to rule, votes closing")
    .option("--member <address>", "whose (default: --from)")
    .option("--closing-within <days>", "a proposal counts as closing soon this many days before its vote ends", "3")
    .action(async (o: { member?: string; closingWithin: string }) => {
      const account = memberOf(cli, o.member);
      if (account === undefined) throw new WeconetError("inbox needs --member <address> (or --from)");
      const days = Number(o.closingWithin);
      if (!Number.isFinite(days) || days < 0 || days > 3650)
        throw new WeconetError(`--closing-within must be a number of days from 0 to 3650 (got ${o.closingWithin})`);
      const closingWithin = Math.round(days * 86_400);
      const w = await cli.reader();
      const items = await w.reads.inbox(account, { closingWithin });
      cli.print(
        items.map((i) => ({ kind: i.kind, what: i.what, until: i.until ?? null, next: nextCommand(i) })),
        () =>
          items.length === 0
            ? `nothing waits for ${account} (proposals count as closing within ${formatDuration(closingWithin)})`
            : table([
                ["what", "until", "next"],
                ...items.map((i) => [i.what, i.until === undefined ? "-" : at(i.until), nextCommand(i)]),
              ]),
      );
    });
}
