/**
 * The dApp (frontend/) for the main command: a production build when its sources changed since the last one, and a
 * `next start` server pointed at the local chain and its deployment.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const frontend = path.join(root, "frontend");
const stampFile = path.join(frontend, ".next", "weconet-build-stamp");
const nextBin = createRequire(path.join(frontend, "package.json")).resolve("next/dist/bin/next");

/** Everything the production build is made from: the dApp, the SDK (with its generated ABIs) and the lockfile. */
const SOURCES = ["frontend", "sdk/src", "scripts/demo/roster.ts", "package-lock.json"];
const SKIPPED = new Set(["node_modules", ".next", "e2e", "test", "next-env.d.ts"]);

function filesUnder(relative: string): string[] {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [relative];
  return readdirSync(full)
    .filter((name) => !SKIPPED.has(name))
    .sort()
    .flatMap((name) => filesUnder(path.join(relative, name)));
}

/** A hash of the build's sources: the build is redone only when it changes. */
export function sourceStamp(): string {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap(filesUnder)) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

/**
 * Runs the Next.js CLI in its own process group: Next starts worker processes, and stopping the group stops them all
 * (see {@link stopGroup}), so nothing outlives the main command.
 */
function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], {
    cwd: frontend,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

/** Stops a process started by {@link run} and its workers; resolves when it has exited. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
  await exited;
}

export interface DappBuild {
  /** Whether it built (false: the last build was made from the same sources); rejects with the build's output. */
  done: Promise<boolean>;
  /** Stops a build still running (the main command is stopping). */
  cancel(): Promise<void>;
}

/** Builds the dApp for production (`next build`) unless the last build was made from the same sources. */
export function buildDapp(): DappBuild {
  const stamp = sourceStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) {
    return { done: Promise.resolve(false), cancel: async () => undefined };
  }
  const child = run(["build", "--webpack"], {});
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const done = new Promise<number | null>((resolve) => child.on("exit", resolve)).then((code) => {
    if (code !== 0) throw new Error(`the dApp's production build failed (exit ${code}):\n${output}`);
    writeFileSync(stampFile, stamp);
    return true;
  });
  return { done, cancel: () => stopGroup(child) };
}

export interface RunningDapp {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Serves the production build on `host:port` (`next start`), telling it where the local chain, its deployment and
 * the local data socket are; resolves once the dApp answers.
 */
export async function startDapp(options: {
  host: string;
  port: number;
  rpcUrl: string;
  deploymentDir: string;
  /** The data socket the dApp uses when the chain's SocketDirectory names none. */
  socketUrl: string;
  /** The Weconet indexer the dApp's lists read (its base URL). */
  indexerUrl?: string;
}): Promise<RunningDapp> {
  const url = `http://${options.host}:${options.port}`;
  const child = run(["start", "--hostname", options.host, "--port", String(options.port)], {
    WECONET_RPC_URL: options.rpcUrl,
    WECONET_LOCAL_DEPLOYMENT: path.resolve(root, options.deploymentDir),
    WECONET_DEPLOYMENTS_DIR: path.join(root, "deploy", "deployments"),
    WECONET_SOCKET_URL: options.socketUrl,
    ...(options.indexerUrl === undefined ? {} : { WECONET_INDEXER_URL: options.indexerUrl }),
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 250))]);
    if (early !== undefined) throw new Error(`the dApp server exited (${early}) before it answered:\n${output}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stopGroup(child);
      throw new Error(`the dApp server did not answer at ${url} within 60 s:\n${output}`);
    }
  }
  return {
    url,
    child,
    stop: () => stopGroup(child),
  };
}
