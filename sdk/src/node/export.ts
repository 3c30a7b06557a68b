import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";

import type { AuditEvent } from "../audit/events.js";
import { CSV_HEADER, toCsvLine, toJsonLine } from "../audit/timeline.js";

export type ExportFormat = "jsonl" | "csv";

/**
 * Streams `events` to `out` as JSON Lines or CSV, honouring back-pressure: one event is in memory at a time,
 * so memory does not grow with the length of the export. Returns how many events were written.
 */
export async function writeEvents(
  events: AsyncIterable<AuditEvent>,
  out: Writable,
  format: ExportFormat,
): Promise<number> {
  let count = 0;
  const write = async (line: string) => {
    if (!out.write(line + "\n")) await once(out, "drain");
  };
  if (format === "csv") await write(CSV_HEADER);
  for await (const event of events) {
    await write(format === "csv" ? toCsvLine(event) : toJsonLine(event));
    count++;
  }
  return count;
}

/** Streams `events` into the file `file` (created or replaced). */
export async function exportEvents(
  events: AsyncIterable<AuditEvent>,
  file: string,
  format: ExportFormat,
): Promise<number> {
  const out = createWriteStream(file);
  try {
    const count = await writeEvents(events, out, format);
    out.end();
    await once(out, "finish");
    return count;
  } catch (error) {
    out.destroy();
    throw error;
  }
}
