import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { createPublicClient, getAddress, http, isAddress, type Address } from "viem";
import * as knownChains from "viem/chains";

import { assertDeploymentLive, loadDeployment } from "@weconet/sdk/node";

import { LOCAL_CHAIN_ID, type ChainConfig, type DevWalletAccount, type NetworkConfig } from "../lib/network";
import { readDemoPeople } from "./demo-people";

/**
 * Finds the Weconet deployments by itself, at request time (so a restarted `npm start` needs no rebuild):
 * - the local chain: `WECONET_LOCAL_DEPLOYMENT` (set by the main command) or deploy/deployments/chain-31337, read
 *   at `WECONET_RPC_URL` (default http://127.0.0.1:8545), used only when that node answers with the deployment live;
 * - any other chain: every deploy/deployments/chain-<id>/ (Ignition's output for a test chain), read at
 *   `WECONET_RPC_URL_<id>` when set, else through the member's wallet.
 * The development accounts are the demo's people, read from the file the main command writes beside the local
 * deployment (`WECONET_DEMO_PEOPLE`, default .weconet/demo/chain-31337/people.json), and included only when the local
 * node answers as chain 31337 with the deployment that file names. A chain's data socket is found on the chain
 * (SocketDirectory); `WECONET_SOCKET_URL` (local chain) or `WECONET_SOCKET_URL_<id>` is the fallback when the chain
 * names none. A chain's indexer: `WECONET_INDEXER_URL` (local chain) or `WECONET_INDEXER_URL_<id>`.
 */
export async function networkConfig(): Promise<NetworkConfig> {
  const deploymentsDir = process.env.WECONET_DEPLOYMENTS_DIR ?? findDeploymentsDir();
  const problems: string[] = [];
  const chains: ChainConfig[] = [];
  let devAccounts: DevWalletAccount[] = [];

  const localDir = process.env.WECONET_LOCAL_DEPLOYMENT ?? path.join(deploymentsDir, `chain-${LOCAL_CHAIN_ID}`);
  const localRpc = process.env.WECONET_RPC_URL ?? "http://127.0.0.1:8545";
  if (existsSync(path.join(localDir, "deployed_addresses.json"))) {
    try {
      const deployment = loadDeployment({ chainId: LOCAL_CHAIN_ID, dir: localDir });
      const client = createPublicClient({ transport: http(localRpc, { retryCount: 0, timeout: 2_000 }) });
      await assertDeploymentLive(client, deployment);
      devAccounts = localPeople(deploymentsDir, deployment.contracts.membership, problems);
      chains.push({
        chainId: LOCAL_CHAIN_ID,
        name: "Weconet local",
        rpcUrl: localRpc,
        contracts: deployment.contracts,
        fromBlock: deployment.fromBlock.toString(),
        socketUrl: process.env.WECONET_SOCKET_URL ?? null,
        indexerUrl: process.env.WECONET_INDEXER_URL ?? null,
        // A local node has no explorer: no link rather than a broken one.
        explorerUrl: null,
        demoToken: demoTokenIn(localDir),
      });
    } catch (error) {
      problems.push(
        `The local chain (${localRpc}) has no live Weconet deployment: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  for (const entry of existsSync(deploymentsDir) ? readdirSync(deploymentsDir) : []) {
    const match = /^chain-(\d+)$/.exec(entry);
    const chainId = Number(match?.[1]);
    if (match === null || chainId === LOCAL_CHAIN_ID) continue;
    try {
      const deployment = loadDeployment({ chainId, dir: path.join(deploymentsDir, entry) });
      chains.push({
        chainId,
        name: `Weconet on chain ${chainId}`,
        rpcUrl: process.env[`WECONET_RPC_URL_${chainId}`] ?? null,
        contracts: deployment.contracts,
        fromBlock: deployment.fromBlock.toString(),
        socketUrl: process.env[`WECONET_SOCKET_URL_${chainId}`] ?? null,
        indexerUrl: process.env[`WECONET_INDEXER_URL_${chainId}`] ?? null,
        explorerUrl: explorerOf(chainId),
        demoToken: demoTokenIn(path.join(deploymentsDir, entry)),
      });
    } catch (error) {
      problems.push(`deploy/deployments/${entry}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return { chains, devAccounts, problems };
}

/**
 * The block explorer of chain `chainId`: `WECONET_EXPLORER_URL_<id>` (empty: none), else the one viem's chain list
 * names (Sepolia's Etherscan, …), else none.
 */
export function explorerOf(chainId: number): string | null {
  const configured = process.env[`WECONET_EXPLORER_URL_${chainId}`];
  if (configured !== undefined) return configured.trim() === "" ? null : configured.trim().replace(/\/+$/, "");
  const known = Object.values(knownChains).find((c) => c.id === chainId);
  return known?.blockExplorers?.default.url.replace(/\/+$/, "") ?? null;
}

/** The demo's DemoEuro in a deployment's addresses (Ignition's `WeconetDemoEuro#DemoEuro`), when it is there. */
export function demoTokenIn(dir: string): Address | null {
  try {
    const addresses = JSON.parse(readFileSync(path.join(dir, "deployed_addresses.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const address = addresses["WeconetDemoEuro#DemoEuro"];
    return typeof address === "string" && isAddress(address) ? getAddress(address) : null;
  } catch {
    return null;
  }
}

/**
 * The demo's people on the live local deployment: none when no demo wrote them, or when the file belongs to another
 * deployment (then `problems` says so).
 */
function localPeople(deploymentsDir: string, membership: string, problems: string[]): DevWalletAccount[] {
  const file =
    process.env.WECONET_DEMO_PEOPLE ??
    path.join(path.dirname(path.dirname(deploymentsDir)), ".weconet", "demo", `chain-${LOCAL_CHAIN_ID}`, "people.json");
  try {
    const found = readDemoPeople(file);
    if (found === undefined) return [];
    if (found.chainId !== LOCAL_CHAIN_ID || found.membership.toLowerCase() !== membership.toLowerCase()) {
      problems.push(`${file} names another deployment than the local chain's: its people are not offered`);
      return [];
    }
    return found.people;
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    return [];
  }
}

/** deploy/deployments of the repository the dApp runs in (the server's working directory is frontend/ or the root). */
function findDeploymentsDir(): string {
  let dir = process.cwd();
  for (;;) {
    const candidate = path.join(dir, "deploy", "deployments");
    if (existsSync(path.join(dir, "deploy"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(process.cwd(), "deploy", "deployments");
    dir = parent;
  }
}
