/**
 * The data socket benchmark alone (bench/socket.ts), without the gas and audit parts of `npm run bench`:
 * `sh scripts/toolchain.sh hardhat run bench/socket-run.ts` (WECONET_BENCH_SOCKET_OWNERS, _CLIENTS, _SECONDS).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { formatSocket, socketBenchmark } from "./socket.js";

const started = Date.now();
const socket = await socketBenchmark((line) =>
  process.stderr.write(`bench: ${line}… (${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
);
const report = formatSocket(socket);
console.log(report.lines.join("\n"));
const out = path.join("bench", "results");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "socket.json"), JSON.stringify(socket, null, 2) + "\n");
if (!report.ok) {
  console.error(`\nbench: ${report.problems.join("; ")}`);
  process.exitCode = 1;
}
