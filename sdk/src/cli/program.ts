/**
 * The `weconet` program on commander: the global options, one module per command group (commands/*.ts, each with
 * its commands' options, help and run functions), and {@link runCli}, which runs one command line in-process —
 * what `bin/weconet.js` does with the process's streams, and what the tests do with their own.
 */
import { Command, CommanderError, Option } from "commander";

import { toWeconetError } from "../errors.js";
import { createCli, type Cli, type GlobalOptions } from "./context.js";
import { DEFAULT_RPC } from "./connect.js";
import type { CliIo } from "./io.js";
import { DEFAULT_SOCKET } from "./socket.js";
import { registerApplications } from "./commands/applications.js";
import { registerAudit } from "./commands/audit.js";
import { registerConnections } from "./commands/connections.js";
import { registerData } from "./commands/data.js";
import { registerDisputes } from "./commands/disputes.js";
import { registerGovernance } from "./commands/governance.js";
import { registerInbox } from "./commands/inbox.js";
import { registerBookings } from "./commands/market-bookings.js";
import { registerOffers } from "./commands/market-offers.js";
import { registerMembers } from "./commands/members.js";
import { registerNetwork } from "./commands/network.js";
import { registerResources } from "./commands/resources.js";
import { registerSockets } from "./commands/sockets.js";

/** The command groups, in the order `weconet --help` lists them. */
const GROUPS: readonly ((program: Command, cli: Cli) => void)[] = [
  registerNetwork,
  registerMembers,
  registerInbox,
  registerGovernance,
  registerResources,
  registerSockets,
  registerConnections,
  registerApplications,
  registerOffers,
  registerBookings,
  registerDisputes,
  registerData,
  registerAudit,
];

/** Commander's own messages ("error: unknown option '--x'") in the CLI's voice: `weconet: unknown option "--x"`. */
function inOurWords(message: string): string {
  return message.replace(/^error: /, "weconet: ").replace(/'([^']*)'/g, '"$1"');
}

const GLOBAL = "Global options (any command, before or after its name):";

/** An option of every command: on the root program, listed in every command's help. */
const global = (flags: string, description: string): Option => new Option(flags, description).helpGroup(GLOBAL);

/** Every command below `command`, with its full name ("data set"). */
function* allCommands(command: Command, path: string[] = []): Generator<[Command, string]> {
  for (const sub of command.commands) {
    const name = [...path, sub.name()];
    yield [sub, name.join(" ")];
    yield* allCommands(sub, name);
  }
}

/** The program and the run state its commands share. */
function buildProgram(io: CliIo): { program: Command; cli: Cli } {
  const program = new Command("weconet");
  const cli = createCli(io, () => program.opts<GlobalOptions>());
  program
    .description(
      "Weconet from the command line: the network's status and lists, what members, leaders, providers, consumers " +
        "and developers do, personal data in the data socket, and the auditor's export and verification.",
    )
    .usage("<command> [options]")
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(inOurWords(text)),
    })
    .exitOverride()
    .showSuggestionAfterError()
    .configureHelp({ showGlobalOptions: true })
    .addOption(global("--rpc <url>", `the node (WECONET_RPC_URL; default ${DEFAULT_RPC})`))
    .addOption(
      global(
        "--deployment <dir>",
        "Ignition's deployment directory (WECONET_DEPLOYMENT; default deploy/deployments/chain-<id>)",
      ),
    )
    .addOption(
      global(
        "--from <address>",
        "act as an account the node holds (local development accounts); else WECONET_PRIVATE_KEY signs",
      ),
    )
    .addOption(
      global(
        "--indexer <url>",
        "the Weconet indexer the lists read (WECONET_INDEXER_URL; default none: the CLI folds the node's events; `npm start` runs one on http://127.0.0.1:42069)",
      ),
    )
    .addOption(
      global(
        "--socket <url>",
        `the data socket (WECONET_SOCKET_URL; default the member's socket named on-chain, else ${DEFAULT_SOCKET})`,
      ),
    )
    .addOption(global("--json", "machine-readable output").default(false))
    .addOption(global("--yes", "confirm irreversible steps without asking").default(false))
    .helpOption("-h, --help", "what a command does and takes (`weconet <command> --help`)")
    .helpCommand("help [command]", "what a command does and takes");
  for (const register of GROUPS) register(program, cli);
  for (const [command, name] of allCommands(program)) {
    command.showHelpAfterError(`(\`weconet ${name} --help\` says what it takes)`);
  }
  program.showHelpAfterError("(`weconet --help` lists the commands)");
  return { program, cli };
}

/** The whole `weconet` program, writing to `io`; its commands run against the network the options name. */
export function createProgram(io: CliIo): Command {
  return buildProgram(io).program;
}

/**
 * Runs one command line (without the program's name: `["status", "--json"]`) and resolves with its exit code:
 * 0 done, 1 refused or failed (with a sentence on stderr), 2 a command line the program does not understand.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { program, cli } = buildProgram(io);
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.help" ? error.exitCode : 2;
    }
    io.stderr(`weconet: ${toWeconetError(error).message}\n`);
    return 1;
  }
  return cli.failed ? 1 : 0;
}
