/**
 * The scale benchmark alone (bench/scale.ts), without the other parts of `npm run bench`:
 * `sh scripts/toolchain.sh hardhat run bench/scale-run.ts` (WECONET_BENCH_SCALE_FACTOR shrinks the large network
 * for development, e.g. 0.01).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { formatScale, scaleBenchmark } from "./scale.js";
import { SCALE_HOOKS } from "./scale-hooks.js";

const started = Date.now();
const figures = await scaleBenchmark(SCALE_HOOKS, (line) =>
  process.stderr.write(`bench: ${line}… (${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
);
const report = formatScale(figures);
console.log(report.lines.join("\n"));
const out = path.join("bench", "results");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "scale.json"), JSON.stringify(figures, null, 2) + "\n");
if (!report.ok) {
  console.error(`\nbench: ${report.problems.join("; ")}`);
  process.exitCode = 1;
}
