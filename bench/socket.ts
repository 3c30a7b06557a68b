/**
 * The data socket benchmark: a real socket (`startSocket`, in a process of its own: bench/socket-serve.ts) against
 * a local Hardhat node with the real Ignition deployment, driven through the SDK's socket client as an application
 * would. Measured in one run, as ratios:
 *
 * (a) a grantee's authorized read with its live chain check, beside the same read with the check switched off
 *     (`checkAuthorization: false`) and beside a bare `isAuthorized` eth_call: p50/p99 latency and reads/s with
 *     N concurrent clients. Targets: checked ≤ 2× unchecked (p50), ≥ 1,000 checked reads/s.
 * (b) revocation: reads in a tight loop while the owner's revoke is mined; no read may succeed at or after the
 *     block that includes it (the run fails otherwise).
 * (c) 10,000 owners × 20 attributes written: the time it takes, the database's size, and the per-read cost with
 *     10 owners stored beside 10,000 (it must stay flat).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { bytesToHex, createWalletClient, hexToBytes, http, slice } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";

import { abiOfKey, createSocketClient } from "@weconet/sdk";

import { benchChain, keyOf } from "./socket-chain.js";
import { postgresBin, startThrowawayPostgres } from "../scripts/local-services.js";
import { seedValues } from "./socket-seed.js";

/** Latency and throughput of one kind of request under load. */
export interface LoadFigures {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface SocketFigures {
  clients: number;
  chainCheck: {
    checked: LoadFigures;
    unchecked: LoadFigures;
    bareIsAuthorized: LoadFigures;
    /** checked p50 / unchecked p50 (target ≤ 2). */
    latencyRatio: number;
    /** unchecked reads/s / checked reads/s. */
    throughputRatio: number;
  };
  revocation: {
    attempted: number;
    allowedBefore: number;
    /** Reads that succeeded with a check at or after the revoke's block: must be 0. */
    allowedAtOrAfterRevokeBlock: number;
    /** Reads sent after the revoke's receipt was seen that still succeeded (checked against an earlier block). */
    allowedSentAfterRevokeMined: number;
    refusedAfter: number;
    revokeBlock: string;
  };
  store: {
    owners: number;
    attributes: number;
    values: number;
    seeding: { how: string; seconds: number; valuesPerSecond: number };
    databaseMiB: { at10Owners: number; atAllOwners: number };
    readAt10Owners: LoadFigures;
    readAtAllOwners: LoadFigures;
    /** p50 at all owners / p50 at 10 owners (flat ≈ 1). */
    growthRatio: number;
  };
  httpWrites: LoadFigures;
  /** The checked read with the data on PostgreSQL (the production engine), or why it was not measured. */
  postgres: { version: string; checked: LoadFigures } | { skipped: string };
}

const CLIENTS = Number.parseInt(process.env.WECONET_BENCH_SOCKET_CLIENTS ?? "32", 10);
const OWNERS = Number.parseInt(process.env.WECONET_BENCH_SOCKET_OWNERS ?? "10000", 10);
const ATTRIBUTES = 20;
const READERS = 10; // owners with a live connection to the grantee: the reads of (a) and (c) cycle through them
const WINDOW_SECONDS = Number(process.env.WECONET_BENCH_SOCKET_SECONDS ?? "5");

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const mib = (bytes: number) => round(bytes / 2 ** 20, 1);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * `clients` concurrent loops, each running `op` back to back for `seconds` (after a warm-up of a second):
 * every call's latency, the calls per second, and how many failed.
 */
async function underLoad(clients: number, seconds: number, op: (n: number) => Promise<void>): Promise<LoadFigures> {
  let counter = 0;
  const loop = async (until: number, latencies: number[] | undefined, errors: { n: number }) => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        await op(counter++);
        latencies?.push(performance.now() - started);
      } catch {
        errors.n++;
      }
    }
  };
  const warm = performance.now() + 1000;
  await Promise.all(Array.from({ length: clients }, () => loop(warm, undefined, { n: 0 })));
  const latencies: number[] = [];
  const errors = { n: 0 };
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, () => loop(until, latencies, errors)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors: errors.n,
    seconds: round(elapsed),
    perSecond: Math.round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
  };
}

/** Bytes under `dir`, recursively. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(full) : statSync(full).size;
  }
  return total;
}

interface Service {
  url: string;
  stop(): Promise<void>;
}

/** Starts bench/socket-serve.ts in a child process and waits for its URL. */
async function serve(options: Record<string, unknown>): Promise<Service> {
  // WECONET_BENCH_SOCKET_PROFILE=<dir>: a CPU profile of each socket process, to see what a read spends its time on
  const profile = process.env.WECONET_BENCH_SOCKET_PROFILE;
  const flags = profile === undefined || profile === "" ? [] : ["--cpu-prof", `--cpu-prof-dir=${profile}`];
  const child: ChildProcess = spawn(
    process.execPath,
    [...flags, "--import", "tsx", path.join("bench", "socket-serve.ts")],
    {
      env: { ...process.env, WECONET_BENCH_SOCKET: JSON.stringify(options) },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      const line = output.split("\n").find((l) => l.startsWith("WECONET_BENCH_SOCKET_URL "));
      if (line !== undefined) resolve(line.slice("WECONET_BENCH_SOCKET_URL ".length).trim());
    });
    child.once("exit", (code) => reject(new Error(`the benchmark's socket exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs the socket benchmark; `progress` gets a line per phase. */
export async function socketBenchmark(progress: (line: string) => void): Promise<SocketFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "weconet-socket-bench-"));
  const running: Service[] = [];
  progress(`socket: a local node with the Ignition deployment, ${READERS} owners connected to a grantee`);
  const { rpcUrl, deploymentDir, chain, deployment, publicClient, testClient, as, attributes, owners, grantee, close } =
    await benchChain(ATTRIBUTES, READERS);
  try {
    const sample = (dataType: string, owner: number): unknown =>
      dataType === "postal_address"
        ? { street: `Bench Street ${owner}`, postalCode: "1012 LG", city: "Amsterdam", country: "NL" }
        : dataType === "geo_location"
          ? { lat: 52.37, lon: 4.89 }
          : dataType === "email"
            ? `owner${owner}@example.org`
            : dataType === "phone"
              ? "+31 20 123 4567"
              : dataType === "date"
                ? "1990-01-31"
                : `value of owner ${owner}`;

    const masterKey = bytesToHex(randomBytes(32));
    const base = {
      rpcUrl,
      deploymentDir,
      dataDir: path.join(dir, "data"),
      keysDir: path.join(dir, "keys"),
      masterKey,
      operatorKey: keyOf("operator", 0),
    };
    const start = async (checkAuthorization: boolean) => {
      const service = await serve({ ...base, checkAuthorization });
      running.push(service);
      return service;
    };
    const stop = async (service: Service) => {
      await service.stop();
      running.splice(running.indexOf(service), 1);
    };
    const signIn = (url: string, account: PrivateKeyAccount) =>
      createSocketClient({ url }).signIn({
        walletClient: createWalletClient({ account, chain, transport: http(rpcUrl) }),
        chainId: chain.id,
      });

    // (a) and (c) at 10 owners: the owners write their values through HTTP, the grantee reads them.
    let socket = await start(true);
    progress(`socket: ${READERS} owners write ${ATTRIBUTES} values each through HTTP`);
    const sessions = await Promise.all(owners.map((o) => signIn(socket.url, o)));
    const writes = [...sessions.entries()].flatMap(([o, session]) =>
      attributes.map((a) => () => session.values.set(a.id, sample(a.dataType, o)).then(() => undefined)),
    );
    const httpWrites = await underLoad(CLIENTS, WINDOW_SECONDS, (n) =>
      (writes[n % writes.length] ?? (async () => {}))(),
    );

    const readOf =
      (session: Awaited<ReturnType<typeof signIn>>, from = owners) =>
      async (n: number) => {
        const owner = from[n % from.length];
        const attribute = attributes[Math.floor(n / from.length) % attributes.length];
        if (owner === undefined || attribute === undefined) throw new Error("bench: no owner or attribute");
        await session.read(owner.address, attribute.id);
      };
    progress(`socket: checked reads, ${CLIENTS} clients, ${WINDOW_SECONDS} s`);
    let reader = await signIn(socket.url, grantee);
    const checked = await underLoad(CLIENTS, WINDOW_SECONDS, readOf(reader));
    const databaseAt10 = sizeOf(dir);

    progress(`socket: bare isAuthorized eth_calls, ${CLIENTS} clients, ${WINDOW_SECONDS} s`);
    const accessGrants = deployment.contracts.accessGrants;
    const bareIsAuthorized = await underLoad(CLIENTS, WINDOW_SECONDS, async (n) => {
      const owner = owners[n % owners.length];
      const attribute = attributes[Math.floor(n / owners.length) % attributes.length];
      if (owner === undefined || attribute === undefined) throw new Error("bench: no owner or attribute");
      const ok = await publicClient.readContract({
        address: accessGrants,
        abi: abiOfKey("accessGrants"),
        functionName: "isAuthorized",
        args: [owner.address, grantee.address, attribute.id],
      });
      if (!ok) throw new Error("bench: the grantee should be authorized");
    });
    await stop(socket);

    progress(`socket: unchecked reads (checkAuthorization: false), ${CLIENTS} clients, ${WINDOW_SECONDS} s`);
    socket = await start(false);
    reader = await signIn(socket.url, grantee);
    const unchecked = await underLoad(CLIENTS, WINDOW_SECONDS, readOf(reader));
    await stop(socket);

    // (c) the store grows to OWNERS owners × 20 attributes.
    progress(`socket: writing ${(OWNERS - READERS) * ATTRIBUTES} more values (${OWNERS} owners in all)`);
    const seeded = await seedValues({
      dataDir: base.dataDir,
      keysDir: base.keysDir,
      masterKey: hexToBytes(masterKey),
      // owners who only keep data here: addresses suffice, no keys
      owners: Array.from({ length: OWNERS - READERS }, (_, i) => slice(keyOf("stored", i), 12)),
      attributes,
      value: sample,
    });
    const databaseAtAll = sizeOf(dir);
    socket = await start(true);
    progress(`socket: checked reads with ${OWNERS} owners stored, ${CLIENTS} clients, ${WINDOW_SECONDS} s`);
    reader = await signIn(socket.url, grantee);
    const readAtAll = await underLoad(CLIENTS, WINDOW_SECONDS, readOf(reader));

    // (b) revocation: a tight loop of reads of one owner's value while that owner's revoke is mined.
    progress("socket: revoking a connection while the grantee reads in a tight loop");
    const target = owners[0];
    const attribute = attributes[0];
    if (target === undefined || attribute === undefined) throw new Error("bench: no owner or attribute");
    const outcomes: { sentAt: number; allowed: boolean; block: bigint | undefined }[] = [];
    let looping = true;
    const loop = async () => {
      while (looping) {
        const sentAt = performance.now();
        try {
          const read = await reader.read(target.address, attribute.id);
          outcomes.push({ sentAt, allowed: true, block: BigInt(read.block) });
        } catch {
          outcomes.push({ sentAt, allowed: false, block: undefined });
        }
      }
    };
    const loops = Array.from({ length: CLIENTS }, loop);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const revoked = await as(target).access.revoke({ grantee: grantee.address });
    const minedAt = performance.now();
    const revokeBlock = revoked.receipt.blockNumber;
    // a few later blocks, as a live chain would make them, while the loop goes on
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await testClient.mine({ blocks: 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    looping = false;
    await Promise.all(loops);
    await stop(socket);

    // (d) the same checked read on PostgreSQL (data and key store in one database, schemas socket and
    // socket_keys), through the owners whose connections are still live
    const bin = postgresBin();
    const postgres = bin === undefined ? undefined : await startThrowawayPostgres({ bin, durable: true });
    let onPostgres: SocketFigures["postgres"] = { skipped: "PostgreSQL is not installed (apt-get install postgresql)" };
    if (postgres !== undefined) {
      try {
        progress(`socket: checked reads on PostgreSQL ${postgres.version}, ${CLIENTS} clients, ${WINDOW_SECONDS} s`);
        const service = await serve({
          ...base,
          databaseUrl: `${postgres.url}/postgres`,
          keysDatabaseUrl: `${postgres.url}/postgres`,
          checkAuthorization: true,
        });
        running.push(service);
        const live = owners.slice(1);
        for (const [o, owner] of live.entries()) {
          const session = await signIn(service.url, owner);
          await Promise.all(attributes.map((a) => session.values.set(a.id, sample(a.dataType, o + 1))));
        }
        const read = await underLoad(CLIENTS, WINDOW_SECONDS, readOf(await signIn(service.url, grantee), live));
        await stop(service);
        onPostgres = { version: postgres.version, checked: read };
      } finally {
        postgres.stop();
      }
    }

    const after = (o: (typeof outcomes)[number]) => o.sentAt > minedAt;
    return {
      clients: CLIENTS,
      chainCheck: {
        checked,
        unchecked,
        bareIsAuthorized,
        latencyRatio: round(checked.p50Ms / unchecked.p50Ms),
        throughputRatio: round(unchecked.perSecond / checked.perSecond),
      },
      revocation: {
        attempted: outcomes.length,
        allowedBefore: outcomes.filter((o) => o.allowed && !after(o)).length,
        allowedAtOrAfterRevokeBlock: outcomes.filter(
          (o) => o.allowed && o.block !== undefined && o.block >= revokeBlock,
        ).length,
        allowedSentAfterRevokeMined: outcomes.filter((o) => o.allowed && after(o)).length,
        refusedAfter: outcomes.filter((o) => !o.allowed && after(o)).length,
        revokeBlock: String(revokeBlock),
      },
      store: {
        owners: OWNERS,
        attributes: ATTRIBUTES,
        values: OWNERS * ATTRIBUTES,
        seeding: {
          how: seeded.how,
          seconds: round(seeded.seconds),
          valuesPerSecond: Math.round(seeded.values / seeded.seconds),
        },
        databaseMiB: { at10Owners: mib(databaseAt10), atAllOwners: mib(databaseAtAll) },
        readAt10Owners: checked,
        readAtAllOwners: readAtAll,
        growthRatio: round(readAtAll.p50Ms / checked.p50Ms),
      },
      httpWrites,
      postgres: onPostgres,
    };
  } finally {
    for (const service of running) await service.stop();
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const n = (x: number) => x.toLocaleString("en-US");
const line = (what: string, f: LoadFigures) =>
  `  ${what.padEnd(44)} p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  ${n(f.perSecond)}/s  (${n(f.requests)} in ${f.seconds} s, ${f.errors} errors)`;

/** The figures as lines for the benchmark's printout; the run fails on a read after a revoke or failed requests. */
export function formatSocket(f: SocketFigures): { lines: string[]; ok: boolean; problems: string[] } {
  const problems: string[] = [];
  const r = f.revocation;
  if (r.allowedAtOrAfterRevokeBlock > 0) {
    problems.push(`${r.allowedAtOrAfterRevokeBlock} read(s) succeeded at or after the revoke's block`);
  }
  for (const [what, figures] of [
    ["checked reads", f.chainCheck.checked],
    ["unchecked reads", f.chainCheck.unchecked],
    ["reads with all owners stored", f.store.readAtAllOwners],
  ] as const) {
    if (figures.errors > 0) problems.push(`${figures.errors} of the ${what} failed`);
  }
  const c = f.chainCheck;
  const verdict = (met: boolean) => (met ? "met" : "NOT MET");
  return {
    ok: problems.length === 0,
    problems,
    lines: [
      `Data socket: a real socket (its own process) against a local Hardhat node, ${f.clients} concurrent clients, 2 cores shared by all`,
      line("grantee read, live chain check", c.checked),
      line("the same read, check switched off", c.unchecked),
      line("bare isAuthorized eth_call", c.bareIsAuthorized),
      `  checked ÷ unchecked: ${c.latencyRatio}× the p50 latency (target ≤ 2×: ${verdict(c.latencyRatio <= 2)}); unchecked ÷ checked reads/s ${c.throughputRatio}×; ${n(c.checked.perSecond)} checked reads/s (target ≥ 1,000: ${verdict(c.checked.perSecond >= 1000)})`,
      `  revocation: ${n(r.attempted)} reads in a tight loop while the revoke was mined (block ${r.revokeBlock}): ${r.allowedAtOrAfterRevokeBlock} succeeded at or after that block (must be 0), ${r.allowedSentAfterRevokeMined} sent after it was mined succeeded, ${n(r.refusedAfter)} refused`,
      line("owner writes through HTTP (SIWE session)", f.httpWrites),
      `  store: ${n(f.store.owners)} owners × ${f.store.attributes} attributes = ${n(f.store.values)} values written in ${f.store.seeding.seconds} s (${n(f.store.seeding.valuesPerSecond)} values/s, ${f.store.seeding.how}); database ${f.store.databaseMiB.at10Owners} MiB at 10 owners, ${f.store.databaseMiB.atAllOwners} MiB at ${n(f.store.owners)}`,
      line("checked read, 10 owners stored", f.store.readAt10Owners),
      line(`checked read, ${n(f.store.owners)} owners stored`, f.store.readAtAllOwners),
      `  per-read cost as the store grows: ${f.store.growthRatio}× the p50 (flat ≈ 1)`,
      "skipped" in f.postgres
        ? `  checked read on PostgreSQL: not measured (${f.postgres.skipped})`
        : line(`checked read, PostgreSQL ${f.postgres.version}`, f.postgres.checked),
    ],
  };
}
