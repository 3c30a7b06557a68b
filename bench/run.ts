/**
 * The gas benchmark: every user operation, measured on fresh in-process chains with a small and a large
 * network, printed as one table plus bench/results/gas.json. An operation whose gas grows with the size of
 * the network fails the run, unless its scenario explains the growth (a logarithmic checkpoint search).
 *
 * Run: `npm run bench` (scales: WECONET_BENCH_SCALES, default "10,500,1000").
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { Measurement, Scenario } from "./lib.js";
import { accessScenario } from "./scenarios/access.js";
import { coreScenario } from "./scenarios/core.js";
import { marketScenario } from "./scenarios/market.js";

const SCENARIOS: Scenario[] = [coreScenario, accessScenario, marketScenario];

/** Gas differences up to this share of the smaller figure count as constant (storage warmth, calldata). */
const CONSTANT_TOLERANCE = 0.01;

const scales = (process.env.WECONET_BENCH_SCALES ?? "10,500,1000").split(",").map((s) => Number.parseInt(s, 10));
if (scales.some((s) => !Number.isInteger(s) || s < 1)) {
  throw new Error(
    `WECONET_BENCH_SCALES must be positive integers separated by commas, got "${process.env.WECONET_BENCH_SCALES}"`,
  );
}

interface Row {
  domain: string;
  operation: string;
  gasByScale: Record<number, number>;
  growth: string;
  ok: boolean;
}

const started = Date.now();
const measurements: Measurement[] = [];
const notes = new Map<string, string>();
for (const scenario of SCENARIOS) {
  for (const [operation, note] of Object.entries(scenario.expectedGrowth ?? {})) notes.set(operation, note);
  for (const scale of scales) {
    process.stderr.write(`bench: ${scenario.domain} with ${scale} existing…\n`);
    measurements.push(...(await scenario.measure(scale)));
  }
}

const rows = new Map<string, Row>();
for (const m of measurements) {
  const key = `${m.domain}\u0000${m.operation}`;
  const row = rows.get(key) ?? { domain: m.domain, operation: m.operation, gasByScale: {}, growth: "", ok: true };
  row.gasByScale[m.scale] = Number(m.gas);
  rows.set(key, row);
}
for (const row of rows.values()) {
  const figures = scales.map((s) => row.gasByScale[s]).filter((g): g is number => g !== undefined);
  const smallest = Math.min(...figures);
  const growth = Math.max(...figures) - (figures[0] ?? smallest);
  const baseOperation = row.operation.split(" (")[0] ?? row.operation;
  const note = notes.get(row.operation) ?? notes.get(baseOperation);
  if (growth <= smallest * CONSTANT_TOLERANCE) {
    row.growth = `O(1) (${growth >= 0 ? "+" : ""}${growth})`;
  } else if (note !== undefined) {
    row.growth = `O(log n) +${growth}: ${note}`;
  } else {
    row.growth = `GROWS +${growth}: unexplained`;
    row.ok = false;
  }
}

const header = ["domain", "operation", ...scales.map((s) => `gas @${s}`), "growth"];
const table = [...rows.values()].map((r) => [
  r.domain,
  r.operation,
  ...scales.map((s) => (r.gasByScale[s] ?? NaN).toLocaleString("en-US")),
  r.growth,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((line) => (line[i] ?? "").length)));
const format = (line: string[]) => line.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ");
console.log(format(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const line of table) console.log(format(line));

const out = path.join("bench", "results");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "gas.json"), JSON.stringify({ scales, rows: [...rows.values()] }, null, 2) + "\n");
console.log(
  `\n${rows.size} operations, ${scales.length} scales, ${((Date.now() - started) / 1000).toFixed(1)} s; JSON in bench/results/gas.json`,
);

const failing = [...rows.values()].filter((r) => !r.ok);
if (failing.length > 0) {
  console.error(`\nbench: gas grows with the network for: ${failing.map((r) => r.operation).join(", ")}`);
  process.exitCode = 1;
}
