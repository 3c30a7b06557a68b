/**
 * Throwaway local services for the tests and the benchmark: a free loopback port, and a PostgreSQL server in a
 * temporary folder made from Debian's binaries (`apt-get install postgresql`; `.ci/run` installs them).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/** Debian's PostgreSQL binaries (the newest installed major), or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return majors.map((m) => path.join(root, m, "bin")).find((bin) => existsSync(path.join(bin, "initdb")));
}

/** Runs a PostgreSQL tool, as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
function runAsPostgres(bin: string, tool: string, args: string[]): void {
  const command = path.join(bin, tool);
  if (process.getuid?.() === 0) execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" });
  else execFileSync(command, args, { stdio: "pipe" });
}

export interface ThrowawayPostgres {
  /** The server's URL without a database name, e.g. `postgres://postgres@127.0.0.1:54321`. */
  url: string;
  /** The folder of its binaries (pg_dump, psql …). */
  bin: string;
  /** Its major version, e.g. "15". */
  version: string;
  stop(): void;
}

/**
 * Starts a PostgreSQL cluster in a temporary folder on a free port (trust authentication, loopback only).
 * `durable: false` turns fsync off (tests); the benchmark keeps PostgreSQL's default durability.
 */
export async function startThrowawayPostgres(options: { bin: string; durable: boolean }): Promise<ThrowawayPostgres> {
  const { bin, durable } = options;
  const dir = mkdtempSync(path.join(tmpdir(), "weconet-pg-"));
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  runAsPostgres(bin, "initdb", [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    ...(durable ? [] : ["--no-sync"]),
  ]);
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  runAsPostgres(bin, "pg_ctl", [
    "-D",
    data,
    "-w",
    "-l",
    path.join(dir, "server.log"),
    "-o",
    durable ? settings : `${settings} -c fsync=off`,
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}`,
    bin,
    version: path.basename(path.dirname(bin)),
    stop: () => {
      try {
        runAsPostgres(bin, "pg_ctl", ["-D", data, "-m", durable ? "fast" : "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
