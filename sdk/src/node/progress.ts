import type { ReadProgress } from "../audit/reader.js";

/**
 * A progress bar for long reads, on stderr (so exports to stdout stay clean). Drawn in place on a terminal, as
 * occasional lines otherwise; silent for short reads.
 */
export function progressBar(
  label: string,
  stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
): {
  update: (p: ReadProgress) => void;
  done: () => void;
} {
  const started = Date.now();
  let lastDrawn = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      // Only reads that take a while get a bar; redraw at most 10 times a second.
      if (now - started < 500 || now - lastDrawn < 100) return;
      lastDrawn = now;
      const total = Number(p.toBlock - p.fromBlock + 1n);
      const done = Number(p.doneBlock - p.fromBlock + 1n);
      const share = total <= 0 ? 1 : Math.min(1, done / total);
      const width = 30;
      const filled = Math.round(share * width);
      const rate = Math.round(p.events / ((now - started) / 1000));
      const line = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${(share * 100).toFixed(0)}% block ${p.doneBlock}/${p.toBlock}, ${p.events} events (${rate}/s)`;
      if (stream.isTTY) {
        stream.write(`\r${line}`);
        drawn = true;
      } else if (now - started > 0 && Math.floor(share * 10) !== Math.floor(((done - 1) / total) * 10)) {
        stream.write(line + "\n");
      }
    },
    done() {
      if (drawn) stream.write("\n");
    },
  };
}
