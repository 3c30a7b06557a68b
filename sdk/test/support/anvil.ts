/**
 * Foundry's anvil (from npm `@foundry-rs/anvil`) for the tests that need a node other than Hardhat's: started on a
 * free loopback port with the chain id asked for, in a process group of its own, stopped with it.
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { freePort } from "../../../scripts/local-services.js";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

export interface RunningAnvil {
  url: string;
  chainId: number;
  stop(): Promise<void>;
}

/**
 * Starts anvil (its default development mnemonic: Hardhat's) with chain id `chainId` (default anvil's own, 31337)
 * and `accounts` funded accounts (default anvil's 10); resolves once it answers.
 */
export async function startAnvil(options: { chainId?: number; accounts?: number } = {}): Promise<RunningAnvil> {
  const chainId = options.chainId ?? 31337;
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      path.join(root, "node_modules", "@foundry-rs", "anvil", "bin.mjs"),
      ...["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId), "--silent"],
      ...(options.accounts === undefined ? [] : ["--accounts", String(options.accounts)]),
    ],
    // The npm wrapper finds its platform's binary by the tool's name; under `npm test` the package name is ours.
    { stdio: "ignore", detached: true, env: { ...process.env, TARGET_TOOL: "anvil" } },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    // The wrapper and the anvil binary under it form the group started here.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, "SIGTERM");
    }
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    const answer = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    }).catch(() => undefined);
    if (answer?.ok === true) return { url, chainId, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`anvil did not answer on ${url}`);
}
