/**
 * The gas benchmark: every Weconet user operation and the same operations on the anchor systems (EAS, the
 * OpenZeppelin wizard's DAO, published figures) and the physical floor, on one fresh in-process chain with a
 * small and a large network, printed as one table plus bench/results/gas.json. A Weconet operation whose gas
 * grows with the size of the network fails the run, unless its scenario explains the growth (a logarithmic
 * checkpoint search). See docs/benchmark.md.
 *
 * Then the audit benchmark (bench/audit.ts): ≥ 100,000 real events read, normalized, exported and verified with
 * the SDK; events per second and memory (WECONET_BENCH_AUDIT_EVENTS, default 100000).
 *
 * Then the data socket benchmark (bench/socket.ts): a real socket against a local node — the cost of the live
 * chain check per read, revocation under load, and a store of 10,000 owners × 20 attributes
 * (WECONET_BENCH_SOCKET_OWNERS, _CLIENTS, _SECONDS).
 *
 * Then the scale benchmark (bench/scale.ts): a small (~100 events) and a large network (10,000 members, 2,000
 * offers, 20,000 bookings, 100,000 events of connections) on a Hardhat node; indexing throughput of the SDK and
 * the indexer, and each dApp page's data through the indexer beside the node replay, small and large
 * (WECONET_BENCH_SCALE_FACTOR shrinks the large one).
 *
 * Run: `npm run bench` (scales: WECONET_BENCH_SCALES, default "10,500,1000").
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { auditBenchmark, formatAudit } from "./audit.js";
import { formatSocket, socketBenchmark } from "./socket.js";
import { formatScale, scaleBenchmark } from "./scale.js";
import { SCALE_HOOKS } from "./scale-hooks.js";
import { compareWithBaseline, formatBaseline, formatBaselineMarkdown, readBaseline } from "./baseline.js";
import { MIN_MEMBERS } from "./governance.js";
import { measureAll } from "./measure.js";
import { ANCHORS, SCENARIOS } from "./registry.js";
import { buildReport, formatMarkdown, formatReport } from "./report.js";

const scales = (process.env.WECONET_BENCH_SCALES ?? "10,500,1000").split(",").map((s) => Number.parseInt(s, 10));
if (scales.some((s) => !Number.isInteger(s) || s < MIN_MEMBERS)) {
  throw new Error(
    `WECONET_BENCH_SCALES must be integers of at least ${MIN_MEMBERS} (the members a proposal's journey needs) ` +
      `separated by commas, got "${process.env.WECONET_BENCH_SCALES}"`,
  );
}

const started = Date.now();
const seconds = () => Number(((Date.now() - started) / 1000).toFixed(1));
const report = buildReport(
  await measureAll(scales, SCENARIOS, ANCHORS, (line) => process.stderr.write(`bench: ${line}… (${seconds()} s)\n`)),
);
console.log(formatReport(report));

const out = path.join("bench", "results");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "gas.json"), JSON.stringify({ ...report, seconds: seconds() }, null, 2) + "\n");
writeFileSync(path.join(out, "gas.md"), formatMarkdown(report));

const baseline = readBaseline();
const againstBaseline = compareWithBaseline(report, baseline);
console.log(`\n${formatBaseline(baseline, againstBaseline)}`);
writeFileSync(path.join(out, "baseline.md"), formatBaselineMarkdown(againstBaseline));
console.log(`\n${report.scales.length} scales, ${seconds()} s; JSON in bench/results/gas.json, Markdown in gas.md`);

const auditEvents = Number.parseInt(process.env.WECONET_BENCH_AUDIT_EVENTS ?? "100000", 10);
if (!Number.isInteger(auditEvents) || auditEvents < 1) {
  throw new Error(
    `WECONET_BENCH_AUDIT_EVENTS must be a positive integer, got "${process.env.WECONET_BENCH_AUDIT_EVENTS}"`,
  );
}
const audit = await auditBenchmark(auditEvents, (line) => process.stderr.write(`bench: ${line}… (${seconds()} s)\n`));
const auditReport = formatAudit(audit);
console.log(`\n${auditReport.lines.join("\n")}`);
writeFileSync(path.join(out, "audit.json"), JSON.stringify(audit, null, 2) + "\n");
if (!auditReport.ok) {
  console.error(`\nbench: ${auditReport.problems.join("; ")}`);
  process.exitCode = 1;
}

const socket = await socketBenchmark((line) => process.stderr.write(`bench: ${line}… (${seconds()} s)\n`));
const socketReport = formatSocket(socket);
console.log(`\n${socketReport.lines.join("\n")}`);
writeFileSync(path.join(out, "socket.json"), JSON.stringify(socket, null, 2) + "\n");
if (!socketReport.ok) {
  console.error(`\nbench: ${socketReport.problems.join("; ")}`);
  process.exitCode = 1;
}

const scale = await scaleBenchmark(SCALE_HOOKS, (line) => process.stderr.write(`bench: ${line}… (${seconds()} s)\n`));
const scaleReport = formatScale(scale);
console.log(`\n${scaleReport.lines.join("\n")}`);
writeFileSync(path.join(out, "scale.json"), JSON.stringify(scale, null, 2) + "\n");
if (!scaleReport.ok) {
  console.error(`\nbench: ${scaleReport.problems.join("; ")}`);
  process.exitCode = 1;
}

const failing = report.comparison.filter((r) => !r.ok);
if (failing.length > 0) {
  console.error(`\nbench: gas grows with the network for: ${failing.map((r) => r.operation).join(", ")}`);
  process.exitCode = 1;
}

const dearer = againstBaseline.filter((r) => !r.ok);
if (dearer.length > 0) {
  console.error(
    `\nbench: more than 5% dearer than the baseline with no reason in bench/baseline.ts: ${dearer.map((r) => r.operation).join(", ")}`,
  );
  process.exitCode = 1;
}
