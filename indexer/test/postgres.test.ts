/**
 * The indexer on PostgreSQL as it runs in production: one writer (`ponder start`) whose tables are reached through
 * a views schema, a reader (`ponder serve`) on that views schema, and a zero-downtime redeploy — a second writer in a
 * schema of its own takes the views over once it has caught up, while the reader never stops answering.
 */
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { compareSources, indexerSource, type MemoryStore, type RowSource } from "@weconet/sdk";

import { freePort } from "../../scripts/local-services.js";
import { startIndexer, type RunningIndexer } from "../lib/process.js";
import { as, caughtUp, deploymentDir, foldFromNode, people, postgres, rpcUrl, tempDir } from "./support/chain.js";
import { backfillFigures, readPonderLog } from "./support/ponder-log.js";

const skipped = "skipped" in postgres ? postgres.skipped : undefined;
const url = "url" in postgres ? postgres.url : "";
const dir = tempDir("postgres");
const running: RunningIndexer[] = [];
afterAll(async () => {
  for (const indexer of running.reverse()) await indexer.stop();
});

/** Which schema the views schema's `member` view reads from. */
async function viewsTarget(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ definition: string }>(
      "SELECT definition FROM pg_views WHERE schemaname = 'weconet' AND viewname = 'member'",
    );
    return /weconet_[ab]/.exec(rows[0]?.definition ?? "")?.[0];
  } finally {
    await client.end();
  }
}

describe.skipIf(skipped !== undefined)(
  "the indexer on PostgreSQL: a writer, a reader, a zero-downtime redeploy",
  () => {
    let memory: MemoryStore;
    let writer: RunningIndexer;
    let reader: RunningIndexer;

    beforeAll(async () => {
      const log = path.join(dir, "writer-a.log");
      writer = await startIndexer({
        deploymentDir,
        rpcUrl,
        port: await freePort(),
        database: { kind: "postgres", url, schema: "weconet_a", viewsSchema: "weconet" },
        logFile: log,
      });
      running.push(writer);
      await caughtUp(indexerSource(writer.url));
      memory = await foldFromNode();
      const { events, indexingMs } = backfillFigures(readPonderLog(log));
      console.log(
        `indexer (PostgreSQL ${url}): backfill ${events} events, indexing ${(indexingMs / 1000).toFixed(2)} s ` +
          `(${Math.round(events / (indexingMs / 1000))} events/s)`,
      );
    });

    it("the writer holds the SDK's fold, row for row", async () => {
      expect(await compareSources(memory, indexerSource(writer.url))).toEqual([]);
      expect(await viewsTarget()).toBe("weconet_a");
    });

    it("a `ponder serve` reader on the views schema answers the same rows", async () => {
      reader = await startIndexer({
        command: "serve",
        deploymentDir,
        rpcUrl,
        port: await freePort(),
        database: { kind: "postgres", url, schema: "weconet" },
        logFile: path.join(dir, "reader.log"),
      });
      running.push(reader);
      const source: RowSource = indexerSource(reader.url);
      expect(await compareSources(memory, source)).toEqual([]);
      expect(await source.block()).toBe(await indexerSource(writer.url).block());
    });

    it("a redeployed writer takes the views over without the reader missing a request", async () => {
      const source = indexerSource(reader.url);
      let answered = 0;
      const failures: string[] = [];
      let polling = true;
      const poll = (async () => {
        while (polling) {
          await source.select("member").then(
            () => answered++,
            (error: unknown) => failures.push(String(error)),
          );
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const next = await startIndexer({
        deploymentDir,
        rpcUrl,
        port: await freePort(),
        database: { kind: "postgres", url, schema: "weconet_b", viewsSchema: "weconet" },
        logFile: path.join(dir, "writer-b.log"),
      });
      running.push(next);
      await caughtUp(indexerSource(next.url));
      expect(await viewsTarget()).toBe("weconet_b");
      // The old writer retires; what happens on the chain from now on reaches the reader through the new one.
      await writer.stop();
      await as(people.alice).sockets.set({ url: "https://alice.example.org/socket" });
      memory = await foldFromNode();
      await caughtUp(source);
      polling = false;
      await poll;
      expect(failures).toEqual([]);
      expect(answered).toBeGreaterThan(0);
      expect((await source.get("socket", { account: people.alice }))?.url).toBe("https://alice.example.org/socket");
      expect(await compareSources(memory, source)).toEqual([]);
    });
  },
);
