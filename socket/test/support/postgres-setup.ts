import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A throwaway PostgreSQL server for the socket tests, or why there is none. */
    postgres: { url: string; bin: string } | { skipped: string };
  }
}

/** Debian's PostgreSQL binaries (postgresql-15 or another major), if installed. */
function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return majors.map((m) => path.join(root, m, "bin")).find((bin) => existsSync(path.join(bin, "initdb")));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
function run(bin: string, tool: string, args: string[]): void {
  const command = path.join(bin, tool);
  if (process.getuid?.() === 0) execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" });
  else execFileSync(command, args, { stdio: "pipe" });
}

/**
 * Starts a throwaway PostgreSQL cluster (initdb + pg_ctl in a temp folder, on a free port) for the socket tests
 * against PostgreSQL. Without the binaries the tests skip with a message — except in CI (`CI` set), where a
 * missing PostgreSQL fails the run (.ci/run installs it).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = postgresBin();
  if (bin === undefined) {
    const message = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql";
    if (process.env.CI !== undefined && process.env.CI !== "")
      throw new Error(`the socket's PostgreSQL tests need it in CI: ${message}`);
    console.warn(`socket tests: skipping the PostgreSQL runs: ${message}`);
    project.provide("postgres", { skipped: message });
    return async () => undefined;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "weconet-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  run(bin, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  run(bin, "pg_ctl", [
    "-D",
    data,
    "-w",
    "-l",
    path.join(dir, "server.log"),
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    "start",
  ]);
  project.provide("postgres", { url: `postgres://postgres@127.0.0.1:${port}`, bin });
  return async () => {
    try {
      run(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
