import { readFileSync } from "node:fs";

/** One line of Ponder's JSON log. */
export interface LogEntry {
  msg: string;
  time: number;
  [field: string]: unknown;
}

/** The JSON lines of a Ponder log file. */
export function readPonderLog(file: string): LogEntry[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogEntry);
}

/** What the backfill of one run did: events indexed, time spent indexing them, and the whole backfill's time. */
export function backfillFigures(entries: readonly LogEntry[]): {
  events: number;
  indexingMs: number;
  backfillMs: number;
} {
  let events = 0;
  let indexingMs = 0;
  let backfillMs = 0;
  for (const entry of entries) {
    if (entry.msg === "Indexed block range") {
      events += Number(entry.event_count);
      indexingMs += Number(entry.duration);
    }
    if (entry.msg === "Completed backfill indexing across all chains") backfillMs = Number(entry.duration);
  }
  return { events, indexingMs, backfillMs };
}

/** The sum of a Prometheus metric's samples in `/metrics` text (all labels). */
export function metricSum(metrics: string, name: string): number {
  let sum = 0;
  for (const line of metrics.split("\n")) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return sum;
}
