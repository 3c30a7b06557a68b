/**
 * Turns a run's measurements into the benchmark's table (Weconet against its anchors and the floor), the
 * anchors' own figures, the targets' verdicts, and the JSON copy of all of it.
 */
import { FLOOR, SLOT_FLOOR, TX_FLOOR } from "./anchors/floor.js";
import { PUBLISHED } from "./anchors/published.js";
import {
  ANCHOR_NAMES,
  evaluateTargets,
  Figures,
  floorOf,
  growthOf,
  PAIRS,
  SLOT_FLOOR_OPERATION,
  sideName,
  type TargetResult,
} from "./compare.js";
import type { Measurement } from "./lib.js";

/** One line of the comparison: a Weconet operation (or several summed) against one anchor operation. */
export interface ComparisonRow {
  operation: string;
  /** Weconet's gas by scale; null where not measured. */
  weconet: Record<number, number | null>;
  growth: string;
  /** Why the gas grows (a logarithmic checkpoint search), when it does. */
  growthNote: string | null;
  /** False when the gas grows with the network and nothing explains it: the run fails. */
  ok: boolean;
  anchor: string | null;
  anchorSource: "measured" | "published" | null;
  /** At the largest scale, as the two ratios. */
  anchorGas: number | null;
  ratioToAnchor: number | null;
  floor: "slot" | "tx";
  floorGas: number | null;
  ratioToFloor: number | null;
}

/** An anchor operation as measured at each scale. */
export interface AnchorRow {
  system: string;
  operation: string;
  gas: Record<number, number>;
  growth: string;
  growthNote: string | null;
}

export interface Report {
  scales: number[];
  comparison: ComparisonRow[];
  anchors: AnchorRow[];
  published: { system: string; operation: string; gas: number; source: string }[];
  targets: TargetResult[];
}

export interface RunResult {
  scales: number[];
  weconet: Measurement[];
  anchors: Measurement[];
  /** Why an operation's gas may grow, keyed by operation (or its name before " (…)"), for each side. */
  weconetNotes: ReadonlyMap<string, string>;
  anchorNotes: ReadonlyMap<string, string>;
}

const key = (m: Measurement) => `${m.domain}: ${m.operation}`;

function noteFor(notes: ReadonlyMap<string, string>, operations: readonly string[]): string | undefined {
  for (const operation of operations) {
    const name = operation.slice(operation.indexOf(": ") + 2);
    const note = notes.get(name) ?? notes.get(name.split(" (")[0] ?? name);
    if (note !== undefined) return note;
  }
  return undefined;
}

const ratio = (a: bigint | undefined, b: bigint | undefined) =>
  a === undefined || b === undefined || b === 0n ? null : Number(a) / Number(b);
const orNull = (gas: bigint | undefined) => (gas === undefined ? null : Number(gas));

export function buildReport(run: RunResult): Report {
  const { scales } = run;
  const largest = Math.max(...scales);
  const figures = new Figures();
  for (const m of [...run.weconet, ...run.anchors]) figures.addMeasured(key(m), m.scale, m.gas);
  for (const p of PUBLISHED) figures.addPublished(`${p.domain}: ${p.operation}`, p.gas);

  const row = (weconet: readonly string[], anchor: readonly string[] | null): ComparisonRow => {
    const gasByScale = scales.map((s) => figures.at(weconet, s));
    const measured = gasByScale.filter((g): g is bigint => g !== undefined).map(Number);
    const note = noteFor(run.weconetNotes, weconet);
    const growth = growthOf(measured, note);
    const floorOperations = weconet.map(floorOf);
    const atLargest = figures.at(weconet, largest);
    const anchorGas = anchor === null ? undefined : figures.at(anchor, largest);
    const floorGas = figures.at(floorOperations, largest);
    return {
      operation: sideName(weconet),
      weconet: Object.fromEntries(scales.map((s, i) => [s, orNull(gasByScale[i])])),
      growth: growth.text,
      growthNote: growth.text.startsWith("O(log n)") ? (note ?? null) : null,
      ok: growth.ok,
      anchor: anchor === null ? null : sideName(anchor),
      anchorSource: anchor === null ? null : anchor.some((a) => figures.isPublished(a)) ? "published" : "measured",
      anchorGas: orNull(anchorGas),
      ratioToAnchor: ratio(atLargest, anchorGas),
      floor: floorOperations.every((f) => f === SLOT_FLOOR_OPERATION) ? "slot" : "tx",
      floorGas: orNull(floorGas),
      ratioToFloor: ratio(atLargest, floorGas),
    };
  };

  // Weconet's operations in the order measured, each with its anchors; a pair of several Weconet operations
  // follows the last of them; pairs nothing measured follow at the end.
  const comparison: ComparisonRow[] = [];
  const placed = new Set<(typeof PAIRS)[number]>();
  for (const operation of new Set(run.weconet.map(key))) {
    const single = PAIRS.filter((p) => p.weconet.length === 1 && p.weconet[0] === operation);
    if (single.length === 0) comparison.push(row([operation], null));
    for (const pair of PAIRS.filter((p) => p.weconet.at(-1) === operation)) {
      comparison.push(row(pair.weconet, pair.anchor));
      placed.add(pair);
    }
  }
  for (const pair of PAIRS) if (!placed.has(pair)) comparison.push(row(pair.weconet, pair.anchor));

  const anchors = [...new Set(run.anchors.map(key))].map((operation): AnchorRow => {
    const gas = Object.fromEntries(
      run.anchors.filter((m) => key(m) === operation).map((m) => [m.scale, Number(m.gas)] as const),
    );
    const note = noteFor(run.anchorNotes, [operation]);
    const growth = growthOf(
      scales.map((s) => gas[s]).filter((g): g is number => g !== undefined),
      note,
    );
    const [system = "", name = ""] = operation.split(": ");
    return {
      system: ANCHOR_NAMES[system] ?? system,
      operation: name,
      gas,
      growth: growth.text,
      growthNote: growth.text.startsWith("O(1)") ? null : (note ?? "unexplained"),
    };
  });

  return {
    scales,
    comparison,
    anchors,
    published: PUBLISHED.map((p) => ({
      system: ANCHOR_NAMES[p.domain] ?? p.domain,
      operation: p.operation,
      gas: Number(p.gas),
      source: p.source,
    })),
    targets: evaluateTargets(figures, scales),
  };
}

const gas = (n: number | null | undefined) =>
  n === null || n === undefined ? "not measured" : n.toLocaleString("en-US");
const times = (r: number | null) => (r === null ? "—" : `${r.toFixed(2)}x`);

/** Columns padded to their widest cell, two spaces apart, with a rule under the header. */
function table(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] ?? "").length)));
  const format = (line: string[]) =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [format(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(format)].join("\n");
}

/**
 * The comparison's rows: operation, Weconet's gas per scale, growth, anchor, anchor gas, ratio to it, floor, ratio
 * to it. A Weconet operation with several anchors shows its own figures once.
 */
function comparisonRows(report: Report): string[][] {
  return report.comparison.map((r, i) => {
    const repeat = i > 0 && report.comparison[i - 1]?.operation === r.operation;
    const anchor = r.anchor === null ? "—" : `${r.anchor}${r.anchorSource === "published" ? " (published)" : ""}`;
    return [
      repeat ? "" : r.operation,
      ...report.scales.map((s) => (repeat ? "" : gas(r.weconet[s]))),
      repeat ? "" : r.growth,
      anchor,
      r.anchor === null ? "" : gas(r.anchorGas),
      times(r.ratioToAnchor),
      repeat ? "" : r.floor,
      repeat ? "" : times(r.ratioToFloor),
    ];
  });
}

/** A target's factor as written before its reference ("1.25 x ", "1/3 x "); nothing for 1. */
function factorText(factor: number, sign: string): string {
  return factor === 1 ? "" : `${factor < 1 ? `1/${Math.round(1 / factor)}` : factor} ${sign} `;
}

/** The report as printed: the comparison, growth notes, the anchors' own figures, then the targets. */
export function formatReport(report: Report): string {
  const { scales } = report;
  const largest = Math.max(...scales);
  const out: string[] = [];

  out.push(
    `Weconet against the anchors (gas per transaction; ratios at ${largest.toLocaleString("en-US")} existing ` +
      `members, grants, offers and bookings)\n`,
  );
  const lines = comparisonRows(report);
  out.push(
    table(
      [
        "operation",
        ...scales.map((s, i) => `${i === 0 ? "Weconet " : ""}@${s}`),
        "growth",
        "anchor",
        "anchor gas",
        "Weconet/anchor",
        "floor",
        "Weconet/floor",
      ],
      lines,
    ),
  );
  const notes = new Map<string, string>();
  for (const r of report.comparison) if (r.growthNote !== null) notes.set(r.operation, r.growthNote);
  for (const [operation, note] of notes) out.push(`  O(log n) ${operation}: ${note}`);
  const floorGas = (operation: string) =>
    gas(report.anchors.find((a) => a.system === ANCHOR_NAMES[FLOOR] && a.operation === operation)?.gas[largest]);
  out.push(
    `  floor: slot = ${floorGas(SLOT_FLOOR)} (one fresh storage slot + one event, bench/anchors/contracts/Floor.sol); ` +
      `tx = ${floorGas(TX_FLOOR)} (a bare transaction: an ETH transfer)`,
  );

  out.push("\nThe anchors as measured on the same chain\n");
  out.push(
    table(
      ["system", "operation", ...scales.map((s) => `@${s}`), "growth"],
      report.anchors
        .filter((a) => a.system !== ANCHOR_NAMES[FLOOR])
        .map((a) => [a.system, a.operation, ...scales.map((s) => gas(a.gas[s])), a.growth]),
    ),
  );
  for (const a of report.anchors) if (a.growthNote !== null) out.push(`  ${a.growth} ${a.operation}: ${a.growthNote}`);
  for (const p of report.published) out.push(`  published: ${p.system}: ${p.operation} ${gas(p.gas)} (${p.source})`);

  out.push("\nTargets (each must hold at every scale; figures at the largest)\n");
  for (const t of report.targets) {
    out.push(`${t.verdict.padEnd(12)}  ${t.title}`);
    for (const c of t.checks) {
      const relation = c.holds === null ? "?" : c.holds ? (c.inclusive ? "<=" : "<") : c.inclusive ? ">" : ">=";
      const limit = factorText(c.factor, "x");
      const share =
        c.subjectGas === null || c.referenceGas === null ? "" : ` (${(c.subjectGas / c.referenceGas).toFixed(2)}x)`;
      out.push(
        `              ${c.subject} ${gas(c.subjectGas)} ${relation} ${limit}${c.reference} ${gas(c.referenceGas)}${share}`,
      );
    }
  }
  return out.join("\n");
}

/** The comparison and the targets as Markdown tables: what the README shows (bench/results/gas.md). */
export function formatMarkdown(report: Report): string {
  const { scales } = report;
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const row = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const out: string[] = [];
  out.push(
    row(["operation", ...scales.map((s) => `@${s}`), "growth", "anchor", "anchor gas", "÷ anchor", "÷ floor"]),
    row(["---", ...scales.map(() => "---:"), "---", "---", "---:", "---:", "---:"]),
  );
  for (const cells of comparisonRows(report)) {
    // The floor's name and the ratio to it share one column here.
    const [floor, ratioToFloor] = cells.splice(-2, 2);
    out.push(row([...cells, floor === "" ? "" : `${ratioToFloor} (${floor})`]));
  }
  out.push("", row(["target", "verdict", "figures at the largest scale"]), row(["---", "---", "---"]));
  for (const t of report.targets) {
    const figures = t.checks.map((c) => {
      const share =
        c.subjectGas === null || c.referenceGas === null ? "" : ` = ${(c.subjectGas / c.referenceGas).toFixed(2)}×`;
      const limit = factorText(c.factor, "×");
      return `${c.subject} ${gas(c.subjectGas)} vs ${limit}${c.reference} ${gas(c.referenceGas)}${share}`;
    });
    out.push(row([t.title, t.verdict, figures.join("; ")]));
  }
  return out.join("\n") + "\n";
}
