/**
 * Every Weconet operation's gas beside a recorded earlier run (bench/baseline/*.json): what a change to the
 * contracts made dearer or cheaper. An operation more than 5% dearer than before fails the
 * run unless {@link DEARER_BECAUSE} says why (the README repeats those reasons).
 */
import { readFileSync } from "node:fs";

import type { Report } from "./report.js";

/** The recorded run the current one is compared with. */
export const BASELINE_FILE = "bench/baseline/before-issue-11.json";

/** How much dearer than the baseline an operation may get without a stated reason: 5% (in basis points). */
export const ALLOWED_INCREASE_BPS = 500;

/** Whether `after` is more than 5% above `before` (whole numbers of gas, compared without rounding). */
const tooDear = (before: number, after: number) => after * 10_000 > before * (10_000 + ALLOWED_INCREASE_BPS);

/**
 * Why an operation costs more than 5% above the baseline, keyed by operation. Each reason is a rule the contracts
 * enforce now and did not before.
 */
export const DEARER_BECAUSE: Readonly<Record<string, string>> = {
  "membership: leave":
    "in the benchmark's sequence leaving is now the member's first vote change after activation, so it writes the first entry of their vote history (suspension and reinstatement, which no longer move votes, used to)",
  "applications: register application":
    "verifies the application account's own consent (EIP-712 signature or ERC-1271) and uses up its nonce",
  "applications: suspend application": "records and emits the authority of the suspension (who may lift it)",
  "applications: reinstate application": "checks the caller's authority against the suspension's and emits it",
  "access: revoke":
    "closes every consent of the pair: reads the pair's connector slots besides the owner's own consent",
  "access: relinquish":
    "closes every consent of the pair: reads the pair's connector slots besides the owner's own consent",
  "access: grantBySig (open, 1 attribute, later signature)":
    "checks when the signature was issued against the owner's current membership and emits the nonce it used",
  "access: openByConnector (1 attribute)":
    "adds the booking's own consent in a slot of its own and marks the slot taken, instead of replacing the one connection; a booking with data costs about the same as before because the market no longer keeps a per-pair counter",
  "access: closeByConnector": "frees the booking's slot besides clearing its consent",
  "market: open dispute":
    "reads the ruling period fixed at booking and puts both deadlines (the members' vote, the final one) in the event",
};

export interface Baseline {
  recorded: string;
  /** Gas by operation, at the baseline run's largest scale. */
  gas: Record<string, number>;
}

export interface BaselineRow {
  operation: string;
  before: number | null;
  after: number | null;
  /** after / before − 1; null where either is missing. */
  change: number | null;
  reason: string | null;
  /** Whether it got more than 5% dearer. */
  dearer: boolean;
  /** False when the operation got more than 5% dearer and no reason is given. */
  ok: boolean;
}

export function readBaseline(file: string = BASELINE_FILE): Baseline {
  return JSON.parse(readFileSync(file, "utf8")) as Baseline;
}

/** One row per operation of either run, in the current run's order, then those only the baseline has. */
export function compareWithBaseline(report: Report, baseline: Baseline): BaselineRow[] {
  const largest = Math.max(...report.scales);
  const after = new Map<string, number | null>();
  for (const r of report.comparison) if (!after.has(r.operation)) after.set(r.operation, r.weconet[largest] ?? null);
  const operations = [...after.keys(), ...Object.keys(baseline.gas).filter((o) => !after.has(o))];
  return operations.map((operation) => {
    const before = baseline.gas[operation] ?? null;
    const now = after.get(operation) ?? null;
    const change = before === null || now === null ? null : now / before - 1;
    const reason = DEARER_BECAUSE[operation] ?? null;
    const dearer = before !== null && now !== null && tooDear(before, now);
    return {
      operation,
      before,
      after: now,
      change,
      reason,
      dearer,
      ok: !dearer || reason !== null,
    };
  });
}

const gas = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));
const percent = ({ before, change }: BaselineRow) =>
  change !== null ? `${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)}%` : before === null ? "new" : "gone";

/** The rows as printed: operation, before, after, change, and the reason where one is needed. */
export function formatBaseline(baseline: Baseline, rows: readonly BaselineRow[]): string {
  const lines = [`Against the baseline (${baseline.recorded})`, ""];
  const width = Math.max(...rows.map((r) => r.operation.length));
  for (const r of rows) {
    const flag = r.dearer ? (r.ok ? `  dearer: ${r.reason}` : "  DEARER, NO REASON") : "";
    lines.push(
      `${r.operation.padEnd(width)}  ${gas(r.before).padStart(9)}  →  ${gas(r.after).padStart(9)}  ${percent(r).padStart(7)}${flag}`,
    );
  }
  return lines.join("\n");
}

/** The same as a Markdown table (bench/results/baseline.md). */
export function formatBaselineMarkdown(rows: readonly BaselineRow[]): string {
  const out = ["| operation | before | after | change | why dearer |", "| --- | ---: | ---: | ---: | --- |"];
  for (const r of rows) {
    const why = r.dearer ? (r.reason ?? "NO REASON") : "";
    out.push(`| ${r.operation.replaceAll("|", "\\|")} | ${gas(r.before)} | ${gas(r.after)} | ${percent(r)} | ${why} |`);
  }
  return out.join("\n") + "\n";
}
