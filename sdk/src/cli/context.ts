/**
 * What every command's run function gets: the global options (--rpc, --from, --json …), the connection to the
 * network (read-only or as the signer), and how to answer (a sentence or a table, or the same value as JSON).
 */
import { toJson } from "../audit/timeline.js";
import type { Sent } from "../client.js";
import { WeconetError } from "../errors.js";
import type { Weconet } from "../weconet.js";
import { connect, type ConnectOptions } from "./connect.js";
import type { CliIo } from "./io.js";

/** The options every command takes (on the root program: before or after the command's name). */
export interface GlobalOptions {
  rpc?: string;
  deployment?: string;
  from?: string;
  indexer?: string;
  socket?: string;
  json: boolean;
  yes: boolean;
}

export interface Cli {
  io: CliIo;
  /** The global options as parsed (read them inside a run function, after parsing). */
  globals(): GlobalOptions;
  /** Where to connect and as whom: the global options and the environment. */
  connection(): ConnectOptions;
  /** The network, read-only. */
  reader(): Promise<Weconet>;
  /** The network as the signer (--from, or WECONET_PRIVATE_KEY). */
  actor(): Promise<Weconet>;
  /** `value` as JSON with --json, else the text `human` makes. */
  print(value: unknown, human: () => string): void;
  /** Waits for a transaction and says what it did (with its hash). */
  sent(action: Promise<Sent>, what: string): Promise<void>;
  /** Marks the run failed (exit code 1) while still printing its answer: a partly refused read, a failed check. */
  fail(): void;
  readonly failed: boolean;
}

export function createCli(io: CliIo, globals: () => GlobalOptions): Cli {
  let failed = false;
  const connection = (): ConnectOptions => {
    const g = globals();
    return {
      env: io.env,
      ...(g.rpc === undefined ? {} : { rpc: g.rpc }),
      ...(g.deployment === undefined ? {} : { deployment: g.deployment }),
      ...(g.from === undefined ? {} : { from: g.from }),
      ...(g.indexer === undefined ? {} : { indexer: g.indexer }),
    };
  };
  const print = (value: unknown, human: () => string) => io.stdout((globals().json ? toJson(value) : human()) + "\n");
  return {
    io,
    globals,
    connection,
    reader: () => connect(connection(), false),
    actor: () => connect(connection(), true),
    print,
    async sent(action, what) {
      const { hash } = await action;
      print({ hash }, () => `${what} (transaction ${hash})`);
    },
    fail() {
      failed = true;
    },
    get failed() {
      return failed;
    },
  };
}

/**
 * Whether the person at the terminal confirms an irreversible step (`question` ends in "?"); --yes confirms
 * outright, and where nobody can answer (a script) the step is refused until it says --yes.
 */
export async function confirmed(cli: Cli, question: string): Promise<boolean> {
  if (cli.globals().yes) return true;
  const ask = cli.io.ask;
  if (ask === undefined) {
    throw new WeconetError(`${question.replace(/\?$/, "")}: not at a terminal, so pass --yes to confirm`);
  }
  const answer = await ask(`${question} This cannot be undone. [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}
