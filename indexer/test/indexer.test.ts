/**
 * The indexer on PGlite against the demo chain: its tables equal the SDK's fold of the same node's events row for
 * row; the GraphQL source filters, sorts and pages as MemoryStore does; a restart resumes from where it stopped
 * instead of indexing from the deployment block again; errors say what is wrong.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  compareSources,
  createWeconet,
  formatDifferences,
  indexerSource,
  verifyRows,
  type MemoryStore,
  type Page,
  type RowOf,
  type RowSource,
  type SelectOptions,
  type TableName,
} from "@weconet/sdk";

import { freePort } from "../../scripts/local-services.js";
import { startIndexer, type RunningIndexer } from "../lib/process.js";
import {
  as,
  caughtUp,
  deployment,
  deploymentDir,
  foldFromNode,
  people,
  publicClient,
  rowDifferences,
  rpcUrl,
  showRows,
  tempDir,
} from "./support/chain.js";
import { backfillFigures, metricSum, readPonderLog } from "./support/ponder-log.js";

const dir = tempDir("pglite");
const database = { kind: "pglite", directory: path.join(dir, "pglite") } as const;
let indexer: RunningIndexer | undefined;
afterAll(async () => {
  await indexer?.stop();
});

const show = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));

describe("the indexer on PGlite, after the demo", () => {
  let source: RowSource;
  let memory: MemoryStore;
  let firstLog: string;

  beforeAll(async () => {
    firstLog = path.join(dir, "first.log");
    const started = Date.now();
    indexer = await startIndexer({
      deploymentDir,
      rpcUrl,
      port: await freePort(),
      database,
      fresh: true,
      logFile: firstLog,
    });
    source = indexerSource(indexer.url);
    await caughtUp(source);
    const seconds = (Date.now() - started) / 1000;
    memory = await foldFromNode();
    const settings = memory.row("settings", { id: "network" });
    const { events, indexingMs, backfillMs } = backfillFigures(readPonderLog(firstLog));
    console.log(
      `indexer (PGlite): ${settings?.events} events up to block ${settings?.lastBlock}; ready and caught up ${seconds.toFixed(1)} s ` +
        `after the start; backfill ${events} events in ${(backfillMs / 1000).toFixed(2)} s, of which indexing ` +
        `${(indexingMs / 1000).toFixed(2)} s (${Math.round(events / (indexingMs / 1000))} events/s)`,
    );
  });

  it("holds the SDK's fold of the node's events, row for row, in every table", async () => {
    expect(await compareSources(memory, source)).toEqual([]);
    // Stricter than compareSources: the same JS values (bigints as bigints, addresses checksummed).
    expect(await rowDifferences(memory, source)).toEqual([]);
    // Not vacuous: the demo fills the tables the lists read.
    for (const table of [
      "member",
      "role",
      "proposal",
      "vote",
      "connection",
      "offer",
      "booking",
      "marketRequest",
    ] as const) {
      expect((await source.select(table)).total, table).toBeGreaterThan(0);
    }
    expect(await source.block()).toBeGreaterThanOrEqual(memory.row("settings", { id: "network" })?.lastBlock ?? 1n);
  });

  it("agrees with the contracts' views: audit verify against the indexer finds no difference", async () => {
    const { context } = createWeconet({ deployment, publicClient });
    const report = await verifyRows(context, source);
    expect(formatDifferences(report)).toEqual([]);
    expect(report.checks).toBeGreaterThan(50);
    expect(report.events).toBe(memory.row("settings", { id: "network" })?.events);
  });

  it("is what the CLI's lists and audit verify read with --indexer", async () => {
    const cli = async (...args: string[]) => {
      const bin = path.resolve(import.meta.dirname, "..", "..", "sdk", "bin", "weconet.js");
      const env = { ...process.env, WECONET_PRIVATE_KEY: "", WECONET_INDEXER_URL: "" };
      return promisify(execFile)(process.execPath, [bin, ...args, "--rpc", rpcUrl, "--deployment", deploymentDir], {
        env,
      });
    };
    if (indexer === undefined) throw new Error("no indexer");
    const [viaIndexer, viaNode] = await Promise.all([
      cli("--indexer", indexer.url, "offers", "--json"),
      cli("offers", "--json"),
    ]);
    expect(JSON.parse(viaIndexer.stdout)).toEqual(JSON.parse(viaNode.stdout));
    expect((JSON.parse(viaIndexer.stdout) as unknown[]).length).toBeGreaterThan(0);
    const verified = await cli("--indexer", indexer.url, "audit", "verify");
    expect(verified.stdout).toMatch(
      /OK: the indexer at http:\/\/127\.0\.0\.1:\d+ \(block \d+\) agrees with the contracts/,
    );
    expect(verified.stdout).toContain(
      "OK: the indexer's tables equal the SDK's own fold of the node's events, row for row",
    );
    await expect(cli("--indexer", `http://127.0.0.1:${await freePort()}`, "members")).rejects.toThrow(
      /is not reachable/,
    );
  });

  it("filters, sorts and pages as MemoryStore does", async () => {
    const connection = memory.rows("connection").find((c) => c.attributeIds.length > 0);
    const offer = memory.rows("offer")[0];
    if (connection === undefined || offer === undefined) throw new Error("the demo has no connection or offer");
    const attribute = connection.attributeIds[0] ?? 0;
    const cases: { [T in TableName]?: SelectOptions<RowOf<T>>[] } = {
      member: [
        {},
        { where: { status: "active" }, orderBy: "since", direction: "desc" },
        { where: { status: { in: ["active", "applicant"] } }, orderBy: "memberSince", limit: 3 },
        { where: { or: [{ status: "applicant" }, { votes: { gte: 1n } }] } },
        { where: { or: [{}, { status: "removed" }] } },
        // Alternatives of several conditions each (Ponder's OR alone would split them), beside a plain condition.
        {
          where: {
            badge: true,
            or: [
              { status: "active", votes: 1n },
              { status: "applicant", since: { gt: 0 } },
            ],
          },
        },
        { where: { status: { in: [] } } },
      ],
      role: [{ where: { held: true, contract: "membership" } }, { where: { held: { ne: true } }, direction: "desc" }],
      connection: [
        { where: { attributeIds: { has: attribute } } },
        { where: { owner: connection.owner } },
        { where: { owner: connection.owner.toLowerCase() as typeof connection.owner } },
        { where: { closedAt: null } },
        { where: { closedAt: { ne: null } }, orderBy: "closedAt", direction: "desc" },
        { where: { expiresAt: { gt: connection.expiresAt - 1, lte: connection.expiresAt } } },
        // Nested alternatives, as the reads build them (a member's live or closed connections, either side).
        {
          where: {
            or: [
              { owner: connection.owner, or: [{ open: true }, { closedAt: { gt: 0 } }] },
              { grantee: connection.owner, or: [{ open: false }, {}] },
            ],
          },
        },
      ],
      offer: [
        { where: { unitPrice: { gt: 0n } }, orderBy: "unitPrice", direction: "desc" },
        { where: { provider: offer.provider, status: { ne: "closed" } }, orderBy: "listedAt" },
      ],
      booking: [
        { where: { status: { ne: "booked" } }, orderBy: "bookedAt" },
        { where: { requestId: null } },
        { orderBy: "amount", direction: "desc", limit: 2 },
      ],
      proposal: [
        { where: { votesFor: { gte: 1n } } },
        { where: { executed: false }, orderBy: "voteEnd", direction: "desc" },
      ],
      vote: [{ orderBy: "weight" }],
      attribute: [
        { where: { id: { lt: 10 } } },
        { where: { deprecated: false, parent: { gte: 1 } }, orderBy: "parent", limit: 5 },
      ],
      marketRequest: [{ where: { answers: { has: offer.id } } }],
    };
    const pages = async (s: RowSource, table: TableName, options: SelectOptions<RowOf<TableName>>) => {
      const all: Page<RowOf<TableName>>[] = [];
      let after: string | undefined;
      do {
        const page = await s.select(table, { ...options, ...(after === undefined ? {} : { after }) });
        all.push(page);
        after = page.next ?? undefined;
      } while (after !== undefined && all.length < 50);
      return all.map((p) => ({ items: showRows(table, p.items), total: p.total, last: p.next === null }));
    };
    for (const [table, list] of Object.entries(cases) as [TableName, SelectOptions<RowOf<TableName>>[]][]) {
      for (const options of list) {
        // Small pages, to page through the cursors too.
        const paged = { ...options, limit: options.limit ?? 2 };
        expect(await pages(source, table, paged), `${table} ${show(paged)}`).toEqual(await pages(memory, table, paged));
      }
    }
  });

  it("resumes after a restart instead of indexing from the deployment block again", async () => {
    if (indexer === undefined) throw new Error("no indexer");
    const before = memory.row("settings", { id: "network" })?.events ?? 0;
    await indexer.stop();
    indexer = undefined;
    // The chain goes on while the indexer is down: a leader admits the waiting applicant.
    await as(people.lars).membership.admit({ applicant: people.applicant });
    const secondLog = path.join(dir, "second.log");
    indexer = await startIndexer({ deploymentDir, rpcUrl, port: await freePort(), database, logFile: secondLog });
    source = indexerSource(indexer.url);
    await caughtUp(source);
    memory = await foldFromNode();
    const total = memory.row("settings", { id: "network" })?.events ?? 0;
    expect(total).toBeGreaterThan(before);
    expect(await compareSources(memory, source)).toEqual([]);
    expect((await source.get("member", { account: people.applicant }))?.status).toBe("active");

    // Ponder recovered the first run's rows and processed only what followed its last finalized checkpoint.
    const log = readPonderLog(secondLog);
    expect(log.some((e) => e.msg === "Detected crash recovery")).toBe(true);
    const processed = metricSum(
      await (await fetch(`${indexer.url}/metrics`)).text(),
      "ponder_indexing_completed_events",
    );
    console.log(`indexer restart: processed ${processed} of ${total} events after resuming`);
    expect(processed).toBeGreaterThan(0);
    expect(processed).toBeLessThan(total / 2);
  });

  it("says when the indexer is not there or refuses a query", async () => {
    const nowhere = indexerSource(`http://127.0.0.1:${await freePort()}`);
    await expect(nowhere.select("member")).rejects.toThrow(/the indexer at http:\/\/127\.0\.0\.1:\d+ is not reachable/);
    await expect(source.select("member", { after: "not a cursor" })).rejects.toThrow(
      /refused the query \(member rows\)/,
    );
    await expect(source.select("member", { limit: 1001 })).rejects.toThrow(/0 to 1000 rows/);
  });

  it("serves its status beside Ponder's", async () => {
    if (indexer === undefined) throw new Error("no indexer");
    const status = (await (await fetch(`${indexer.url}/weconet/status`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      ready: true,
      chainId: 31337,
      events: memory.row("settings", { id: "network" })?.events,
    });
    expect(BigInt(String(status.block))).toBeGreaterThanOrEqual(await publicClient.getBlockNumber());
  });
});
