import { spawn } from "node:child_process";
import path from "node:path";

import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    chain: { url: string; deploymentDir: string };
  }
}

const root = path.resolve(import.meta.dirname, "..", "..", "..");

/**
 * Starts the real chain once for all SDK tests: a Hardhat node with the Ignition deployment (see chain.ts), in
 * a child process so that Hardhat runs exactly as on the command line.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const child = spawn("npx", ["hardhat", "run", "sdk/test/support/chain.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const chain = await new Promise<{ url: string; deploymentDir: string }>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (data: Buffer) => {
      output += data.toString();
      const line = output.split("\n").find((l) => l.startsWith("WECONET_TEST_CHAIN "));
      if (line !== undefined) resolve(JSON.parse(line.slice("WECONET_TEST_CHAIN ".length)) as typeof chain);
    });
    child.on("exit", (code) => reject(new Error(`the test chain exited with ${code} before it was ready:\n${output}`)));
  });
  project.provide("chain", chain);
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // npx and the Hardhat process under it form the group this setup started.
    if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
    await exited;
  };
}
