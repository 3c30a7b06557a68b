import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import type { PublicClient } from "viem";

import type { Deployment } from "../contracts.js";
import { deploymentFromIgnition } from "../deployment.js";
import { WeconetError } from "../errors.js";

/** Where Ignition keeps deployments in this repository (`paths.ignition` = "deploy"). */
export const DEFAULT_DEPLOYMENTS_DIR = path.join("deploy", "deployments");

/** What Ignition's journal says about a deployment: its chain and the first block it wrote to. */
function readJournal(dir: string): { chainId?: number; fromBlock?: bigint } {
  const file = path.join(dir, "journal.jsonl");
  if (!existsSync(file)) return {};
  let chainId: number | undefined;
  let fromBlock: bigint | undefined;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const entry = JSON.parse(line) as { type?: string; chainId?: number; receipt?: { blockNumber?: number } };
    if (entry.type === "DEPLOYMENT_INITIALIZE" && typeof entry.chainId === "number") chainId = entry.chainId;
    const block = entry.receipt?.blockNumber;
    if (typeof block === "number" && (fromBlock === undefined || BigInt(block) < fromBlock)) fromBlock = BigInt(block);
  }
  return { chainId, fromBlock };
}

/**
 * Loads a deployment from Ignition's output directory: `deployed_addresses.json` for the addresses and the journal
 * for the chain id and the first block. `dir` defaults to `deploy/deployments/chain-<chainId>` under `root`.
 * Without `chainId` the journal's chain is taken (a service such as the indexer that is pointed at a directory);
 * with it, a journal for another chain is refused.
 */
export function loadDeployment(
  options: { chainId: number; dir?: string; root?: string } | { chainId?: number; dir: string; root?: string },
): Deployment {
  const root = options.root ?? process.cwd();
  const dir = path.resolve(root, options.dir ?? path.join(DEFAULT_DEPLOYMENTS_DIR, `chain-${options.chainId}`));
  const addressesFile = path.join(dir, "deployed_addresses.json");
  const chain = options.chainId === undefined ? dir : `chain ${options.chainId}`;
  if (!existsSync(addressesFile)) {
    throw new WeconetError(
      `no deployment found for ${chain}: ${addressesFile} does not exist.\n` +
        "Start the local network with `npm start`, deploy with Ignition, or name the deployment with --deployment <dir>.",
    );
  }
  const journal = readJournal(dir);
  if (journal.chainId !== undefined && options.chainId !== undefined && journal.chainId !== options.chainId) {
    throw new WeconetError(
      `wrong network: the deployment in ${dir} is for chain ${journal.chainId}, but the node is chain ${options.chainId}`,
    );
  }
  const chainId = options.chainId ?? journal.chainId;
  if (chainId === undefined) {
    throw new WeconetError(
      `the deployment in ${dir} has no Ignition journal naming its chain: say which chain it is for`,
    );
  }
  const addresses = JSON.parse(readFileSync(addressesFile, "utf8")) as Record<string, string>;
  return deploymentFromIgnition({ chainId, addresses, fromBlock: journal.fromBlock ?? 0n });
}

/**
 * Checks that the node is the chain of `deployment` and that its contracts are there (a restarted local node has
 * forgotten them), with a message that says what to do.
 */
export async function assertDeploymentLive(client: PublicClient, deployment: Deployment): Promise<void> {
  const chainId = await client.getChainId();
  if (chainId !== deployment.chainId) {
    throw new WeconetError(
      `wrong network: the deployment is for chain ${deployment.chainId}, but the node answers as chain ${chainId}`,
    );
  }
  const code = await client.getCode({ address: deployment.contracts.membership });
  if (code === undefined || code === "0x") {
    throw new WeconetError(
      `no Weconet contract at ${deployment.contracts.membership} on chain ${chainId}: the deployment is stale ` +
        "(a restarted local node forgets its contracts; run `npm start` again) or belongs to another chain.",
    );
  }
}
