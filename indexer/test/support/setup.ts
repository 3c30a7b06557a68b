import { spawn } from "node:child_process";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { postgresBin, startThrowawayPostgres } from "../../../scripts/local-services.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The demo chain (see demo-chain.ts). */
    chain: { url: string; deploymentDir: string };
    /** A throwaway PostgreSQL server, or why there is none. */
    postgres: { url: string } | { skipped: string };
  }
}

const root = path.resolve(import.meta.dirname, "..", "..", "..");

/**
 * Starts the demo chain (a Hardhat node, deployed and seeded, in a child process so that Hardhat runs as on the
 * command line) and a throwaway PostgreSQL cluster. Without PostgreSQL's binaries its tests skip with a message —
 * except in CI (`CI` set), where a missing PostgreSQL fails the run (.ci/run installs it).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const child = spawn("npx", ["hardhat", "run", "indexer/test/support/demo-chain.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const stopChain = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // npx and the Hardhat process under it form the group this setup started.
    process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  const chain = new Promise<{ url: string; deploymentDir: string }>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (data: Buffer) => {
      output += data.toString();
      const line = output.split("\n").find((l) => l.startsWith("WECONET_TEST_CHAIN "));
      if (line !== undefined)
        resolve(JSON.parse(line.slice("WECONET_TEST_CHAIN ".length)) as { url: string; deploymentDir: string });
    });
    child.on("exit", (code) => reject(new Error(`the demo chain exited with ${code} before it was ready:\n${output}`)));
  });
  try {
    project.provide("chain", await chain);
  } catch (error) {
    await stopChain();
    throw error;
  }

  const bin = postgresBin();
  let stopPostgres = (): void => undefined;
  if (bin === undefined) {
    const message = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql";
    if (process.env.CI !== undefined && process.env.CI !== "") {
      await stopChain();
      throw new Error(`the indexer's PostgreSQL tests need it in CI: ${message}`);
    }
    console.warn(`indexer tests: skipping the PostgreSQL runs: ${message}`);
    project.provide("postgres", { skipped: message });
  } else {
    const server = await startThrowawayPostgres({ bin, durable: false });
    project.provide("postgres", { url: `${server.url}/postgres` });
    stopPostgres = () => server.stop();
  }
  return async () => {
    stopPostgres();
    await stopChain();
  };
}
