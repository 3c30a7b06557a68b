/**
 * Where the CLI reads and writes: the process's streams and environment when run as `weconet`, anything else when
 * a test (or a program embedding the CLI) calls {@link runCli} in-process. Nothing under sdk/src/cli touches
 * `process.stdout`, `process.stderr`, `process.env` or `process.exitCode` but through this.
 */
import { createInterface } from "node:readline/promises";

export interface CliIo {
  /** Text for the reader: results, tables, JSON. */
  stdout: (text: string) => void;
  /** Errors, progress and notes beside the results. */
  stderr: (text: string) => void;
  /** The environment (WECONET_RPC_URL, WECONET_PRIVATE_KEY …). */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Asks a person a question and resolves with their answer; absent where nobody can answer (a script, a test),
   * and then an irreversible step needs --yes.
   */
  ask?: (question: string) => Promise<string>;
  /** Whether stderr is a terminal (a progress bar is drawn in place there). */
  stderrIsTTY?: boolean;
}

/** The `weconet` process's own streams, environment and terminal. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    stderrIsTTY: process.stderr.isTTY,
    ...(process.stdin.isTTY
      ? {
          ask: async (question: string) => {
            const prompt = createInterface({ input: process.stdin, output: process.stderr });
            try {
              return await prompt.question(question);
            } finally {
              prompt.close();
            }
          },
        }
      : {}),
  };
}
