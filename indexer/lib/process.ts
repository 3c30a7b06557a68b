/**
 * Runs Ponder as a child process for the repository's `npm start`, the tests and `npm start -w indexer`: generates
 * ponder.schema.ts, starts `ponder start` (the writer: indexes and serves) or `ponder serve` (a reader on the
 * writer's PostgreSQL), waits until it serves its API, and stops it with its whole process group.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { WeconetError } from "@weconet/sdk";
import { loadDeployment } from "@weconet/sdk/node";

import { DEFAULT_DATABASE_SCHEMA, DEFAULT_INDEXER_PORT, indexerHome } from "./environment.js";
import { generateSchema, INDEXER_ROOT } from "./schema.js";

/** Where the indexer keeps its rows. */
export type IndexerDatabase =
  | { kind: "pglite"; directory: string }
  | {
      kind: "postgres";
      url: string;
      /** The schema Ponder writes its tables to (default "weconet"). */
      schema?: string;
      /** `ponder start` only: a schema of views onto `schema`, made once the backfill is done (zero-downtime redeploys). */
      viewsSchema?: string;
    };

export interface IndexerOptions {
  /** Ignition's output directory of the deployment to index. */
  deploymentDir: string;
  rpcUrl: string;
  /** "start" indexes and serves (the one writer); "serve" only serves what a writer keeps in PostgreSQL. */
  command?: "start" | "serve";
  host?: string;
  /** Default 42069; when it is taken Ponder takes the next free one (`url` says which). */
  port?: number;
  /** Default: PGlite in `.weconet/indexer/<deployment>/pglite`. */
  database?: IndexerDatabase;
  /** Empties the PGlite directory first (a new local chain: rows of the old one must not be resumed). */
  fresh?: boolean;
  /** Where Ponder's log goes (default `.weconet/indexer/<deployment>/ponder.log`). */
  logFile?: string;
  /** How long to wait for the API (default 120 s). */
  timeoutMs?: number;
  /** Waits for /ready too (the historical backfill done; default true for "start"). */
  waitReady?: boolean;
  /** Aborting stops Ponder and rejects (the caller is stopping before the indexer was ready). */
  signal?: AbortSignal;
}

export interface RunningIndexer {
  /** The API's base URL: GraphQL at `${url}/graphql`, status at `${url}/weconet/status`. */
  url: string;
  child: ChildProcess;
  logFile: string;
  /** The last lines Ponder logged (for error messages). */
  recentLog(): string;
  stop(): Promise<void>;
}

/**
 * Ponder's CLI (run with the Node running this, >= 22 under scripts/toolchain.sh), found where Node would look for
 * the package (its exports name no file to resolve).
 */
function ponderBin(): string {
  const dirs = createRequire(path.join(INDEXER_ROOT, "package.json")).resolve.paths("ponder") ?? [];
  const bin = dirs.map((dir) => path.join(dir, "ponder", "dist", "esm", "bin", "ponder.js")).find((f) => existsSync(f));
  if (bin === undefined)
    throw new WeconetError("Ponder is not installed: run npm install (the indexer workspace needs it)");
  return bin;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops the process group of `child` (Ponder and anything it started); resolves when it has exited. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
  const killed = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
  if (!killed) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
    await exited;
  }
}

/** Ponder's environment: only what this run says (a DATABASE_URL or PORT of the caller's shell must not leak in). */
function ponderEnv(options: IndexerOptions, chainId: number, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith("PONDER_RPC_URL_") && !name.startsWith("DATABASE_"),
    ),
  );
  const database = options.database;
  return {
    ...env,
    WECONET_DEPLOYMENT_DIR: path.resolve(options.deploymentDir),
    WECONET_CHAIN_ID: String(chainId),
    [`PONDER_RPC_URL_${chainId}`]: options.rpcUrl,
    WECONET_RPC_URL: options.rpcUrl,
    // Ponder reads PORT before its --port flag.
    PORT: String(port),
    PONDER_TELEMETRY_DISABLED: "true",
    ...(database?.kind === "postgres"
      ? { DATABASE_URL: database.url, WECONET_INDEXER_DATA_DIR: "" }
      : { WECONET_INDEXER_DATA_DIR: database?.directory ?? "" }),
  };
}

/** Starts the indexer and resolves once it serves its API (and, for "start", has finished the backfill). */
export async function startIndexer(options: IndexerOptions): Promise<RunningIndexer> {
  const command = options.command ?? "start";
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? DEFAULT_INDEXER_PORT;
  const deployment = loadDeployment({ dir: path.resolve(options.deploymentDir) });
  const home = indexerHome(options.deploymentDir);
  const given = options.database ?? { kind: "pglite", directory: path.join(home, "pglite") };
  const database: IndexerDatabase =
    given.kind === "pglite" ? { kind: "pglite", directory: path.resolve(given.directory) } : given;
  if (command === "serve" && database.kind === "pglite") {
    throw new WeconetError(
      "`ponder serve` reads a writer's PostgreSQL: give it a DATABASE_URL (PGlite has one process)",
    );
  }
  if (options.fresh === true && database.kind === "pglite")
    rmSync(database.directory, { recursive: true, force: true });
  generateSchema();

  const schema = (database.kind === "postgres" ? database.schema : undefined) ?? DEFAULT_DATABASE_SCHEMA;
  const viewsSchema = database.kind === "postgres" && command === "start" ? database.viewsSchema : undefined;
  const args = [
    ponderBin(),
    "--log-format",
    "json",
    command,
    "--schema",
    schema,
    "--hostname",
    host,
    "--port",
    String(port),
  ];
  if (viewsSchema !== undefined) args.push("--views-schema", viewsSchema);

  const logFile = path.resolve(
    options.logFile ?? path.join(home, command === "start" ? "ponder.log" : `ponder-serve-${port}.log`),
  );
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, args, {
    cwd: INDEXER_ROOT,
    env: ponderEnv({ ...options, database }, deployment.chainId, port),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const recent: string[] = [];
  let listening: number | undefined;
  const onLine = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    if (!line.startsWith("{")) return;
    try {
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === "Created HTTP server" && typeof entry.port === "number") listening = entry.port;
    } catch {
      // Not one of Ponder's JSON lines (a dependency's output): kept in the log as it is.
    }
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream.on("data", (data: Buffer) => {
      log.write(data);
      const lines = (partial + data.toString()).split("\n");
      partial = lines.pop() ?? "";
      lines.forEach(onLine);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.once("exit", () => log.end());
  const recentLog = () => recent.join("\n");
  const stop = () => stopGroup(child);

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const waitReady = options.waitReady ?? command === "start";
  for (;;) {
    if (options.signal?.aborted === true) {
      await stop();
      throw new WeconetError("the indexer was stopped before it was ready");
    }
    const early = await Promise.race([exited, sleep(200).then(() => undefined)]);
    if (early !== undefined) {
      throw new WeconetError(
        `the indexer (ponder ${command}) exited with ${early} before it was ready:\n${recentLog()}`,
      );
    }
    if (listening !== undefined) {
      const url = `http://${host}:${listening}`;
      const probe = waitReady ? "/ready" : "/health";
      const ok = await fetch(`${url}${probe}`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { url, child, logFile, recentLog, stop };
    }
    if (Date.now() > deadline) {
      await stop();
      throw new WeconetError(`the indexer (ponder ${command}) was not ready within the time allowed:\n${recentLog()}`);
    }
  }
}
