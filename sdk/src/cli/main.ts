/**
 * The `weconet` command: runs the command line with the process's streams and environment (see program.ts for
 * the commands, and `weconet --help`).
 */
import { processIo } from "./io.js";
import { runCli } from "./program.js";

process.exitCode = await runCli(process.argv.slice(2), processIo());
