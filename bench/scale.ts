/**
 * The scale benchmark: seeds a small network (~100 events) and a large one (10,000 members, 2,000 offers, 20,000
 * bookings, 100,000 events of connections: ≥ 100,000 events) on a Hardhat node (bench/scale-seed.ts), then, on
 * each, in one run:
 * - throughput (events/s): the SDK's export (read + decode + normalize + JSON Lines, as `weconet audit export`),
 *   the SDK's fold into its MemoryStore (read + decode + fold), and the indexer (Ponder, start to caught up);
 * - each dApp page's data (bench/scale-pages.ts): read by a fresh SDK replaying the node (cold), read again by
 *   the same SDK (warm), and read through the indexer; small and large side by side, with their ratio.
 * Targets: every page's data through the indexer in < 100 ms at the large size, flat from small to large.
 * WECONET_BENCH_SCALE_FACTOR (default 1) shrinks the large network, for developing the benchmark.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createWeconet, latestBlock, type AuditEvent, type Weconet } from "@weconet/sdk";
import { exportEvents } from "@weconet/sdk/node";

import { PAGES, type PageAccounts } from "./scale-pages.js";
import { LARGE, scaled, seedScaleNetwork, SMALL, type ScaleChain, type ScaleSize } from "./scale-seed.js";

/** Page data through the indexer must take less than this at the large size. */
export const PAGE_TARGET_MS = 100;

/** A running indexer over a seeded chain. */
export interface IndexerRun {
  /** Its base URL (GraphQL at `${url}/graphql`). */
  url: string;
  /** From starting it to its reporting the chain's head as indexed. */
  seconds: number;
  stop(): Promise<void>;
}

/**
 * The parts that come from the read model and the indexer: measured when present (see bench/scale-hooks.ts).
 */
export interface ScaleHooks {
  /** Folds `events` into a fresh MemoryStore; returns how many were applied. */
  fold?: (events: AsyncIterable<AuditEvent>) => Promise<number>;
  indexer?: {
    /** Starts it and resolves once it has indexed the chain's `events` (all of them, up to the head). */
    start(chain: ScaleChain, events: number, progress: (line: string) => void): Promise<IndexerRun>;
    /** The SDK reading its lists through the indexer at `url` (absent: pages are not read through it). */
    weconet?: (chain: ScaleChain, url: string) => Weconet;
  };
}

export interface Throughput {
  seconds: number;
  eventsPerSecond: number;
}

/** One page's data, timed: milliseconds for all its reads at once, and each read's. */
export interface PageTime {
  ms: number;
  reads: Record<string, number>;
}

export interface SizeFigures {
  size: ScaleSize;
  seeded: ScaleChain["seeded"];
  events: number;
  blocks: number;
  seedSeconds: number;
  gasPerCall: Record<string, number>;
  export: Throughput;
  fold: Throughput | null;
  indexer: Throughput | null;
  pages: Record<string, { nodeCold: PageTime; nodeWarm: PageTime; indexer: PageTime | null }>;
}

export interface ScaleFigures {
  small: SizeFigures;
  large: SizeFigures;
  /** The indexer's own events/s: (large − small events) / (large − small seconds), its start-up taken out. */
  indexerNetEventsPerSecond: number | null;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const rate = (events: number, seconds: number): Throughput => ({
  seconds: round(seconds),
  eventsPerSecond: Math.round(events / seconds),
});

async function timePage(w: Weconet, reads: (typeof PAGES)[number]["reads"], a: PageAccounts): Promise<PageTime> {
  const times: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    Object.entries(reads).map(async ([name, read]) => {
      const t = performance.now();
      await read(w, a);
      times[name] = round(performance.now() - t, 1);
    }),
  );
  return { ms: round(performance.now() - started, 1), reads: times };
}

/** Seeds a network of `size` and measures it. */
async function measureSize(size: ScaleSize, hooks: ScaleHooks, progress: (line: string) => void): Promise<SizeFigures> {
  const chain = await seedScaleNetwork(size, progress);
  const dir = mkdtempSync(path.join(tmpdir(), "weconet-scale-bench-"));
  try {
    const { deployment, publicClient } = chain;
    const reader = createWeconet({ deployment, publicClient });
    const toBlock = await latestBlock(publicClient);

    progress("scale: SDK export (read, normalize, JSON Lines)");
    let started = performance.now();
    const events = await exportEvents(reader.audit.events({ toBlock }), path.join(dir, "trail.jsonl"), "jsonl");
    const exported = rate(events, (performance.now() - started) / 1000);

    let fold: Throughput | null = null;
    if (hooks.fold !== undefined) {
      progress("scale: SDK fold into a MemoryStore (read, decode, fold)");
      started = performance.now();
      const folded = await hooks.fold(reader.audit.events({ toBlock }));
      fold = rate(folded, (performance.now() - started) / 1000);
    }

    let indexer: IndexerRun | undefined;
    const pages: SizeFigures["pages"] = {};
    try {
      if (hooks.indexer !== undefined) {
        progress("scale: indexer (start, index to the head)");
        indexer = await hooks.indexer.start(chain, events, progress);
      }
      for (const page of PAGES) {
        progress(`scale: ${page.route} (${events.toLocaleString("en-US")} events)`);
        // cold: a fresh SDK, as a newly opened dApp has; warm: the same SDK reading the page again
        const w = createWeconet({ deployment, publicClient });
        const nodeCold = await timePage(w, page.reads, chain.accounts);
        const nodeWarm = await timePage(w, page.reads, chain.accounts);
        const indexed = indexer === undefined ? undefined : hooks.indexer?.weconet?.(chain, indexer.url);
        let viaIndexer: PageTime | null = null;
        if (indexed !== undefined && page.nodeOnly === undefined) {
          await timePage(indexed, page.reads, chain.accounts); // the first reads open the connections
          viaIndexer = await timePage(indexed, page.reads, chain.accounts);
        }
        pages[page.route] = { nodeCold, nodeWarm, indexer: viaIndexer };
      }
    } finally {
      await indexer?.stop();
    }
    return {
      size,
      seeded: chain.seeded,
      events,
      blocks: Number(toBlock - deployment.fromBlock + 1n),
      seedSeconds: chain.seconds,
      gasPerCall: chain.gasPerCall,
      export: exported,
      fold,
      indexer: indexer === undefined ? null : rate(events, indexer.seconds),
      pages,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await chain.close();
  }
}

/** The factor that shrinks the large network (WECONET_BENCH_SCALE_FACTOR, default 1). */
export function scaleFactor(): number {
  const raw = process.env.WECONET_BENCH_SCALE_FACTOR ?? "1";
  const factor = Number(raw);
  if (!Number.isFinite(factor) || factor <= 0 || factor > 1) {
    throw new Error(`WECONET_BENCH_SCALE_FACTOR must be a number in (0, 1], got "${raw}"`);
  }
  return factor;
}

/** Runs the scale benchmark: the small network, then the large one. */
export async function scaleBenchmark(hooks: ScaleHooks, progress: (line: string) => void): Promise<ScaleFigures> {
  const small = await measureSize(SMALL, hooks, progress);
  const large = await measureSize(scaled(LARGE, scaleFactor()), hooks, progress);
  const net =
    small.indexer !== null && large.indexer !== null && large.indexer.seconds > small.indexer.seconds
      ? Math.round((large.events - small.events) / (large.indexer.seconds - small.indexer.seconds))
      : null;
  return { small, large, indexerNetEventsPerSecond: net };
}

const n = (x: number) => x.toLocaleString("en-US");
const ms = (t: PageTime | null | undefined) => (t === null || t === undefined ? "—" : `${n(t.ms)}`);
const ratio = (a: PageTime | null | undefined, b: PageTime | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || a.ms === 0 ? "—" : `×${round(b.ms / a.ms, 1)}`;
const pad = (s: string, w: number) => s.padStart(w);

/** The figures as lines for the benchmark's printout, and whether they meet the targets. */
export function formatScale(f: ScaleFigures): { lines: string[]; ok: boolean; problems: string[] } {
  const { small, large } = f;
  const problems: string[] = [];
  const s = large.seeded;
  const lines = [
    `Scale: a small network of ${n(small.events)} events and a large one of ${n(large.events)} events in ${n(large.blocks)} blocks ` +
      `(${n(s.members)} members, ${n(s.offers)} offers, ${n(s.bookings)} bookings, ${n(s.connectionEvents)} events of connections, ` +
      `${s.proposals} proposals, ${s.applications} applications, ${s.marketRequests} market requests, ${s.disputes} disputes; seeded in ${large.seedSeconds} s)`,
    `  throughput, events/s                                   small      large`,
    `  SDK export (read + normalize + JSON Lines)        ${pad(n(small.export.eventsPerSecond), 10)} ${pad(n(large.export.eventsPerSecond), 10)}  (${large.export.seconds} s)`,
    `  SDK fold into its MemoryStore (read + fold)       ${pad(small.fold === null ? "—" : n(small.fold.eventsPerSecond), 10)} ${pad(large.fold === null ? "not measured" : n(large.fold.eventsPerSecond), 10)}${large.fold === null ? "" : `  (${large.fold.seconds} s)`}`,
    `  indexer (Ponder: start → head indexed)            ${pad(small.indexer === null ? "—" : n(small.indexer.eventsPerSecond), 10)} ${pad(large.indexer === null ? "not measured" : n(large.indexer.eventsPerSecond), 10)}${large.indexer === null ? "" : `  (${large.indexer.seconds} s; ${f.indexerNetEventsPerSecond === null ? "—" : n(f.indexerNetEventsPerSecond)} events/s without its start-up)`}`,
    `  page data, ms      node replay (fresh SDK)        node (same SDK again)      indexer`,
    `  page             small      large   ratio       small      large        small   large   ratio`,
  ];
  for (const page of PAGES) {
    const a = small.pages[page.route];
    const b = large.pages[page.route];
    lines.push(
      `  ${page.route.padEnd(13)} ${pad(ms(a?.nodeCold), 8)} ${pad(ms(b?.nodeCold), 10)} ${pad(ratio(a?.nodeCold, b?.nodeCold), 7)}  ${pad(ms(a?.nodeWarm), 10)} ${pad(ms(b?.nodeWarm), 10)}   ${pad(ms(a?.indexer), 8)} ${pad(ms(b?.indexer), 7)} ${pad(ratio(a?.indexer, b?.indexer), 7)}` +
        (page.nodeOnly === undefined ? "" : `   (node only: ${page.nodeOnly})`),
    );
    const viaIndexer = b?.indexer;
    if (viaIndexer !== null && viaIndexer !== undefined && viaIndexer.ms >= PAGE_TARGET_MS) {
      problems.push(
        `${page.route}: ${viaIndexer.ms} ms through the indexer at ${n(large.events)} events (target < ${PAGE_TARGET_MS} ms)`,
      );
    }
  }
  return { ok: problems.length === 0, problems, lines };
}
