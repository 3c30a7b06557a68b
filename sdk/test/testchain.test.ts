/**
 * Issue 14, "Deploying to a test chain": the README's path to a shared test chain, end to end, on a node that is not
 * Hardhat's (Foundry's anvil) and a chain id other than 31337, with no terminal anywhere (as in CI):
 *
 * - the documented deploy (`npm run deploy -- --parameters …`, network `testnet` from WECONET_RPC_URL and
 *   WECONET_DEPLOYER_KEY) runs to the end (Ignition's "Confirm deploy?" would otherwise end it with "Detected
 *   unsettled top-level await");
 * - a member's session through the CLI (a subprocess, as a user runs it): status, apply, a leader admits, the
 *   newcomer's vote is activated after the probation, they propose a rule change, the members vote;
 * - `weconet audit verify` passes, and `weconet audit export` has exactly the logs the node returns for the
 *   deployment's contracts (eth_getLogs), to the last one.
 */
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { createPublicClient, defineChain, http, type Address, type PublicClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadDeployment } from "../src/node/index.js";
import type { Deployment } from "../src/index.js";
import { startAnvil, type RunningAnvil } from "./support/anvil.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);
const CHAIN_ID = 84_532_000 + (process.pid % 1000);
// Git-ignored (.gitignore: deploy/deployments/testchain-*/) and removed when the test ends.
const DEPLOYMENT_ID = `testchain-${process.pid}`;
const DEPLOYMENT_DIR = path.join(root, "deploy", "deployments", DEPLOYMENT_ID);
// anvil's development mnemonic is Hardhat's: deploy/parameters/localhost.json makes account 1 the manager and 2 and
// 3 the leaders. Account 0 deploys (and keeps no power); account 4 is the newcomer.
const MNEMONIC = "test test test test test test test test test test test junk";
const accountAt = (index: number) => mnemonicToAccount(MNEMONIC, { addressIndex: index });
// Account 0's key (public: the development mnemonic's first).
const DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const [manager, leader, newcomer] = [1, 2, 4].map((i) => accountAt(i).address) as [Address, Address, Address];

let anvil: RunningAnvil | undefined;
let publicClient: PublicClient;
let deployment: Deployment;
/** What `weconet status --json` says (the parts used here). */
interface Status {
  chainId: number;
  manager: string;
  rules: { name: string; value: string }[];
  governance: { votingDelay: string };
}
let status: Status;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a terminal (pipes only); resolves with its exit code and both outputs. */
async function runCommand(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** `weconet …` (the package's bin) against anvil's deployment, told where through the CLI's environment variables. */
async function weconet(...args: string[]): Promise<Outcome> {
  const outcome = await runCommand(process.execPath, [path.join(root, "sdk", "bin", "weconet.js"), ...args], {
    ...process.env,
    WECONET_RPC_URL: anvil?.url ?? "",
    WECONET_DEPLOYMENT: DEPLOYMENT_DIR,
    WECONET_PRIVATE_KEY: "",
  });
  if (outcome.code !== 0) throw new Error(`weconet ${args.join(" ")} exited with ${outcome.code}:\n${outcome.stderr}`);
  return outcome;
}

/** Moves anvil's clock on by `seconds` and mines a block there (test chains' time passes; this one's is ours). */
async function increaseTime(seconds: number | bigint | string): Promise<void> {
  await publicClient.request({ method: "evm_increaseTime" as never, params: [Number(seconds)] as never });
  await publicClient.request({ method: "evm_mine" as never, params: [] as never });
}

beforeAll(async () => {
  anvil = await startAnvil({ chainId: CHAIN_ID });
  publicClient = createPublicClient({
    chain: defineChain({
      id: CHAIN_ID,
      name: "test chain",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [anvil.url] } },
    }),
    transport: http(anvil.url),
  });
}, 60_000);

afterAll(async () => {
  await anvil?.stop();
  rmSync(DEPLOYMENT_DIR, { recursive: true, force: true });
});

describe("a shared test chain (anvil, chain id other than 31337)", () => {
  it("deploys with the documented command and no terminal", async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WECONET_RPC_URL: anvil?.url,
      WECONET_DEPLOYER_KEY: DEPLOYER_KEY,
    };
    // Nothing answers Ignition's question for us: the command must do it.
    delete env.HARDHAT_IGNITION_CONFIRM_DEPLOYMENT;
    const deployed = await runCommand(
      "npm",
      ["run", "deploy", "--", "--parameters", "deploy/parameters/localhost.json", "--deployment-id", DEPLOYMENT_ID],
      env,
    );
    expect(deployed.stderr).not.toContain("unsettled top-level await");
    expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
    expect(deployed.stdout).toContain("successfully deployed");
    deployment = loadDeployment({ chainId: CHAIN_ID, dir: DEPLOYMENT_DIR });
    // The deployer paid for the deployment and holds no role: the founders are the parameters' accounts.
    status = JSON.parse((await weconet("status", "--json")).stdout) as Status;
    expect(status.chainId).toBe(CHAIN_ID);
    expect(status.manager.toLowerCase()).toBe(manager.toLowerCase());
  }, 300_000);

  it("runs a member's session through the CLI: apply, a leader admits, activate the vote, propose, vote", async () => {
    await weconet("apply", "--profile", "Ada, courier on the test chain", "--from", newcomer);
    await weconet("admit", newcomer, "--from", leader);
    // The newcomer votes once the probation period (a network rule) is over.
    await increaseTime(status.rules.find((r) => r.name === "probationPeriod")?.value ?? "0");
    await weconet("activate-vote", "--from", newcomer);
    // Proposing counts the votes one second back.
    await increaseTime(1);
    const proposed = await weconet(
      ...["propose-rule", "marketFeeBps", "150", "--title", "Market fee 1.5%", "--from", newcomer, "--json"],
    );
    const { proposalId } = JSON.parse(proposed.stdout) as { proposalId: string };
    await increaseTime(BigInt(status.governance.votingDelay) + 1n);
    await weconet("vote", proposalId, "for", "--reason", "a test chain session", "--from", newcomer);
    await weconet("vote", proposalId, "against", "--from", leader);
  }, 300_000);

  it("verifies the audit trail, and its export has every log the node returns, to the last one", async () => {
    const verified = await weconet("audit", "verify");
    expect(verified.code).toBe(0);

    const exported = (await weconet("audit", "export", "--format", "jsonl")).stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { block: string | number; logIndex: number; tx: string; address: string });
    const logs = await publicClient.getLogs({
      address: Object.values(deployment.contracts) as Address[],
      fromBlock: deployment.fromBlock,
      toBlock: "latest",
    });
    expect(logs.length).toBeGreaterThan(50);
    const key = (block: bigint | number | string, index: number, tx: string, address: string) =>
      `${BigInt(block)}:${index}:${tx.toLowerCase()}:${address.toLowerCase()}`;
    expect(exported.map((e) => key(e.block, e.logIndex, e.tx, e.address))).toEqual(
      logs.map((l) => key(l.blockNumber ?? 0n, l.logIndex ?? -1, l.transactionHash ?? "", l.address)),
    );
    // The last log is the last vote's.
    expect(BigInt(exported.at(-1)?.block ?? 0)).toBe(await publicClient.getBlockNumber());
  }, 120_000);
});

describe("deployment journals in git", () => {
  it("commits a shared test chain's journal and ignores the local chain's and the tests' own", async () => {
    const ignored = async (file: string) =>
      (await runCommand("git", ["check-ignore", "--no-index", "-q", file], process.env)).code === 0;
    expect(await ignored("deploy/deployments/chain-11155111/journal.jsonl")).toBe(false);
    expect(await ignored(`deploy/deployments/chain-${CHAIN_ID}/deployed_addresses.json`)).toBe(false);
    expect(await ignored("deploy/deployments/chain-31337/journal.jsonl")).toBe(true);
    expect(await ignored(`deploy/deployments/${DEPLOYMENT_ID}/journal.jsonl`)).toBe(true);
  });
});
