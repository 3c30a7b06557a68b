import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { freePort } from "../../../scripts/local-services.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The dApp, the chain, and the demo's people file (scripts/start.ts writes it beside the deployment). */
    stack: { dappUrl: string; rpcUrl: string; peopleFile: string };
  }
}

const root = path.resolve(import.meta.dirname, "..", "..", "..");

/**
 * Starts the whole stack exactly as `npm start` does — chain, Ignition deployment, data socket, demo seeding,
 * production dApp — on free ports and in a deployment directory (and socket data folder) of its own (so a running
 * `npm start` is not disturbed), and stops it (chain, socket and dApp) when the suite ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const deploymentId = `e2e-${process.pid}`;
  const [chainPort, dappPort, socketPort, indexerPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const child = spawn("npx", ["hardhat", "run", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      WECONET_PORT: String(chainPort),
      WECONET_DAPP_PORT: String(dappPort),
      WECONET_SOCKET_PORT: String(socketPort),
      // The indexer (when the main command runs one) on a port of its own too.
      WECONET_INDEXER_PORT: String(indexerPort),
      WECONET_DEPLOYMENT_ID: deploymentId,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const ready = new Promise<{ dappUrl: string; rpcUrl: string; peopleFile: string }>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      const dapp = /^ {2}dApp +(http\S+)/m.exec(output);
      const rpc = /^ {2}JSON-RPC +(http\S+)/m.exec(output);
      const people = /^ {2}people +(\S+)/m.exec(output);
      if (dapp?.[1] !== undefined && rpc?.[1] !== undefined && people?.[1] !== undefined) {
        resolve({ dappUrl: dapp[1], rpcUrl: rpc[1], peopleFile: path.resolve(root, people[1]) });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the stack exited with ${code} before it was ready:\n${output}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // npx and Hardhat form the group this setup started; SIGTERM lets start.ts stop the dApp, socket and chain.
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    rmSync(path.join(root, "deploy", "deployments", deploymentId), { recursive: true, force: true });
    rmSync(path.join(root, ".weconet", "socket", deploymentId), { recursive: true, force: true });
    rmSync(path.join(root, ".weconet", "demo", deploymentId), { recursive: true, force: true });
    rmSync(path.join(root, ".weconet", "indexer", deploymentId), { recursive: true, force: true });
  };
  try {
    project.provide("stack", await ready);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
