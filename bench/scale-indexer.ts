/**
 * The scale benchmark's indexer: INDEXER's Ponder workspace (`@weconet/indexer`) started fresh, on its embedded
 * PGlite in a temporary directory, against the seeded node; timed from start until its /weconet/status has folded
 * every event of the chain up to the head.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { startIndexer } from "@weconet/indexer";

import { freePort } from "../scripts/local-services.js";
import type { IndexerRun } from "./scale.js";
import type { ScaleChain } from "./scale-seed.js";

/** How long the indexer may take to catch up with the large network. */
const CATCH_UP_MS = 60 * 60_000;

interface IndexerStatus {
  ready: boolean;
  block: string;
  events: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the indexer over `chain` and resolves once it has folded all `events` (the chain's, up to its head). */
export async function startScaleIndexer(
  chain: ScaleChain,
  events: number,
  progress: (line: string) => void,
): Promise<IndexerRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "weconet-scale-indexer-"));
  const head = await chain.publicClient.getBlockNumber();
  const started = performance.now();
  const running = await startIndexer({
    deploymentDir: chain.deploymentDir,
    rpcUrl: chain.rpcUrl,
    port: await freePort(),
    database: { kind: "pglite", directory: path.join(dir, "pglite") },
    logFile: path.join(dir, "ponder.log"),
    fresh: true,
    waitReady: false,
    timeoutMs: CATCH_UP_MS,
  });
  const stop = async () => {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + CATCH_UP_MS;
    let last = -1;
    for (;;) {
      const status = await fetch(`${running.url}/weconet/status`, { signal: AbortSignal.timeout(10_000) }).then(
        async (r) => (r.ok ? ((await r.json()) as IndexerStatus) : undefined),
        () => undefined,
      );
      if (status !== undefined && status.events >= events && BigInt(status.block) >= head) break;
      if (status !== undefined && status.events !== last && status.events - last >= 20_000) {
        progress(
          `scale: indexer at ${status.events.toLocaleString("en-US")} of ${events.toLocaleString("en-US")} events`,
        );
        last = status.events;
      }
      if (Date.now() > deadline) throw new Error(`bench: the indexer did not catch up:\n${running.recentLog()}`);
      await sleep(250);
    }
    return { url: running.url, seconds: (performance.now() - started) / 1000, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
