/**
 * The audit benchmark: puts ≥ 100,000 real Weconet events on a chain, then reads and normalizes them into a
 * streamed JSON Lines export and verifies the state rebuilt from them against the contracts, with the SDK — the
 * same code as `weconet audit export` and `weconet audit verify`. Reports events per second and memory, and
 * fails when memory grows with the length of the export (it must stream).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";

import { getAddress, keccak256, stringToHex } from "viem";

import { latestBlock, type AuditEvent } from "@weconet/sdk";
import { exportEvents } from "@weconet/sdk/node";

import { ethers } from "../test/helpers/network.js";
import { deployBenchNetwork, growMembership } from "./lib.js";

/** What the audit benchmark measured. */
export interface AuditFigures {
  events: number;
  blocks: number;
  export: { seconds: number; eventsPerSecond: number };
  verify: { seconds: number; eventsPerSecond: number; checks: number; differences: number };
  memory: {
    /** Peak resident set size of the process over the whole run, in MiB. */
    peakRssMiB: number;
    /** Heap still in use after a full garbage collection, after the first 10,000 events and at the end of the export, in MiB. */
    retainedEarlyMiB: number;
    retainedEndMiB: number;
  };
}

/** A streamed export may retain at most this much more heap at its end than after its first 10,000 events. */
const RETAINED_GROWTH_TOLERANCE_MIB = 16;

// The heap that survives a full collection is what an export keeps; V8 exposes `gc` only behind a flag.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const ROUNDS_PER_TX = 200; // four events each: 800 events per transaction, ~5.3M gas
/** The churn carries its gas limit: estimating first would run each of its transactions twice. */
const LOAD_GAS = { gasLimit: 10_000_000n };
const MEMBERS = 200;
const RESOURCES = 400;

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Builds a network with at least `target` events (members, resources, everyday churn) and returns its client. */
async function loadedNetwork(target: number, progress: (line: string) => void) {
  const net = await deployBenchNetwork();
  const { reader, publicClient } = net.sdk;
  const { deployment } = reader;

  progress(`audit: admitting ${MEMBERS} members through the SDK`);
  const founders = await reader.contracts.membership.read.voterCount();
  await growMembership(net, Number(founders) + MEMBERS);

  // The load generator is a member (a contract): one transaction makes Membership and Resources emit hundreds
  // of their own events.
  const load = await ethers.deployContract("AuditLoad", [
    deployment.contracts.membership,
    deployment.contracts.resources,
  ]);
  const loadAddress = getAddress(await load.getAddress());
  await (await load.join(keccak256(stringToHex("audit-load")))).wait();
  await net.sdk.as(net.founders.leaders[0]).membership.admit({ applicant: loadAddress });
  const [bike, van] = await Promise.all([reader.reads.attributeId("bike"), reader.reads.attributeId("van")]);
  const firstResource = (await reader.contracts.resources.read.resourceCount()) + 1n;
  for (let registered = 0; registered < RESOURCES; registered += 200) {
    await (await load.registerMany(200, bike, keccak256(stringToHex(`batch-${registered}`)))).wait();
  }
  let events = await countEvents(reader.audit.events());
  progress(`audit: generating ${target} events (${events} so far)`);
  for (let batch = 0; events < target; batch++) {
    const seed = keccak256(stringToHex(`churn-${batch}`));
    await (await load.churn(ROUNDS_PER_TX, firstResource, RESOURCES, bike, van, seed, LOAD_GAS)).wait();
    events += ROUNDS_PER_TX * 4;
  }
  return { weconet: reader, publicClient };
}

async function countEvents(events: AsyncIterable<AuditEvent>): Promise<number> {
  let n = 0;
  for await (const _ of events) n++;
  return n;
}

/** Runs the audit benchmark with at least `target` events. */
export async function auditBenchmark(target: number, progress: (line: string) => void): Promise<AuditFigures> {
  const { weconet, publicClient } = await loadedNetwork(target, progress);
  const toBlock = await latestBlock(publicClient);
  const dir = mkdtempSync(path.join(tmpdir(), "weconet-audit-bench-"));
  try {
    // Export: read, decode, normalize and stream to a JSON Lines file, sampling the heap as it goes.
    progress("audit: exporting the trail (read, normalize, stream to JSON Lines)");
    const retained: number[] = [];
    let seen = 0;
    let sampling = 0;
    async function* sampled(events: AsyncIterable<AuditEvent>): AsyncGenerator<AuditEvent> {
      for await (const e of events) {
        if (++seen % 10_000 === 0) {
          const before = performance.now();
          collectGarbage();
          retained.push(process.memoryUsage().heapUsed);
          sampling += performance.now() - before;
        }
        yield e;
      }
    }
    let started = performance.now();
    const exported = await exportEvents(
      sampled(weconet.audit.events({ toBlock })),
      path.join(dir, "trail.jsonl"),
      "jsonl",
    );
    // The samples' garbage collections are not part of the export's work.
    const exportSeconds = (performance.now() - started - sampling) / 1000;
    collectGarbage();
    retained.push(process.memoryUsage().heapUsed);

    progress("audit: verifying (read, normalize, rebuild the state, compare with the contracts)");
    started = performance.now();
    const report = await weconet.audit.verify({ toBlock });
    const verifySeconds = (performance.now() - started) / 1000;

    return {
      events: exported,
      blocks: Number(toBlock - weconet.deployment.fromBlock + 1n),
      export: { seconds: round(exportSeconds), eventsPerSecond: Math.round(exported / exportSeconds) },
      verify: {
        seconds: round(verifySeconds),
        eventsPerSecond: Math.round(report.events / verifySeconds),
        checks: report.checks,
        differences: report.differences.length,
      },
      memory: {
        peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
        retainedEarlyMiB: mib(retained[0] ?? 0),
        retainedEndMiB: mib(retained.at(-1) ?? 0),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The figures as lines for the benchmark's printout, and whether they pass. */
export function formatAudit(f: AuditFigures): { lines: string[]; ok: boolean; problems: string[] } {
  const problems: string[] = [];
  if (f.verify.differences > 0) problems.push(`verify found ${f.verify.differences} difference(s)`);
  const growth = Math.round((f.memory.retainedEndMiB - f.memory.retainedEarlyMiB) * 10) / 10;
  if (growth > RETAINED_GROWTH_TOLERANCE_MIB) {
    problems.push(`the export retained ${growth} MiB more at its end than after 10,000 events: it does not stream`);
  }
  return {
    ok: problems.length === 0,
    problems,
    lines: [
      `Audit trail: ${f.events.toLocaleString("en-US")} real Weconet events in ${f.blocks.toLocaleString("en-US")} blocks`,
      `  export (read + decode + normalize + JSON Lines to a file)  ${f.export.eventsPerSecond.toLocaleString("en-US")} events/s  (${f.export.seconds} s)`,
      `  verify (read + normalize + rebuild state + compare)        ${f.verify.eventsPerSecond.toLocaleString("en-US")} events/s  (${f.verify.seconds} s, ${f.verify.checks.toLocaleString("en-US")} facts compared, ${f.verify.differences} differences)`,
      `  memory: peak RSS ${f.memory.peakRssMiB} MiB (the whole process, in-process chain included); heap retained after 10,000 events ${f.memory.retainedEarlyMiB} MiB, after all ${f.events.toLocaleString("en-US")} ${f.memory.retainedEndMiB} MiB (streamed: may not grow by more than ${RETAINED_GROWTH_TOLERANCE_MIB} MiB)`,
    ],
  };
}
