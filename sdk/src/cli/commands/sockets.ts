/** Where members' data lives: a member's socket (their own or the network's default), naming and clearing one's own. */
import type { Command } from "commander";

import { WeconetError } from "../../errors.js";
import type { Cli } from "../context.js";
import { parseAddress } from "../parse.js";

const GROUP = "Data sockets:";

export function registerSockets(program: Command, cli: Cli): void {
  program
    .command("socket")
    .helpGroup(GROUP)
    .description("where a member's data lives: their own socket or the network's default")
    .argument("[member]", "the member (default: --from)")
    .action(async (typed: string | undefined) => {
      const from = cli.globals().from;
      const member =
        typed !== undefined
          ? parseAddress(typed, "socket [member]")
          : from !== undefined
            ? parseAddress(from, "--from")
            : undefined;
      if (member === undefined) throw new WeconetError("socket needs a member (or --from)");
      const w = await cli.reader();
      const [url, own] = await Promise.all([w.reads.socketOf(member), w.reads.ownSocketOf(member)]);
      cli.print({ member, url: url ?? null, own: own !== undefined }, () =>
        url === undefined
          ? `${member}: no socket known`
          : `${member}: ${url} (${own === undefined ? "the network's default" : "their own"})`,
      );
    });

  program
    .command("set-socket")
    .helpGroup(GROUP)
    .description("name the socket that serves your data")
    .argument("<url>", "its URL (http:// or https://)")
    .action(async (url: string) => {
      await cli.sent((await cli.actor()).sockets.set({ url }), `your data lives at ${url}`);
    });

  program
    .command("clear-socket")
    .helpGroup(GROUP)
    .description("drop your own socket: the network's default serves you again")
    .action(async () => {
      await cli.sent((await cli.actor()).sockets.clear(), "the network's default socket serves you again");
    });
}
