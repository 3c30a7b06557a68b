/**
 * Where the indexer's inputs come from, read from the environment once, in one place: the deployment (Ignition's
 * output directory), the node's RPC URL and the database. Used by ponder.config.ts, by scripts/run.ts (which starts
 * Ponder) and by the repository's `npm start`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { loadDeployment } from "@weconet/sdk/node";
import { WeconetError, type Deployment } from "@weconet/sdk";

/** The repository's root (relative deployment and data paths are taken from here, whatever the working directory). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The chain `npm start` runs (Hardhat's default chain id). */
export const LOCAL_CHAIN_ID = 31337;

/** The port of the indexer's HTTP server (GraphQL, /weconet/status) unless WECONET_INDEXER_PORT says otherwise. */
export const DEFAULT_INDEXER_PORT = 42069;

/** The PostgreSQL schema the indexer writes to unless DATABASE_SCHEMA says otherwise. */
export const DEFAULT_DATABASE_SCHEMA = "weconet";

type Env = Readonly<Record<string, string | undefined>>;

const set = (value: string | undefined): value is string => value !== undefined && value !== "";

/** The deployment directory: WECONET_DEPLOYMENT_DIR, else the local chain's `deploy/deployments/chain-31337`. */
export function deploymentDir(env: Env = process.env): string {
  const dir = set(env.WECONET_DEPLOYMENT_DIR)
    ? env.WECONET_DEPLOYMENT_DIR
    : path.join("deploy", "deployments", `chain-${LOCAL_CHAIN_ID}`);
  return path.resolve(REPO_ROOT, dir);
}

/** The deployment to index; its chain is the journal's (WECONET_CHAIN_ID, when set, must agree). */
export function indexedDeployment(env: Env = process.env): Deployment {
  const dir = deploymentDir(env);
  const chainId = set(env.WECONET_CHAIN_ID) ? Number.parseInt(env.WECONET_CHAIN_ID, 10) : undefined;
  if (chainId !== undefined && !Number.isSafeInteger(chainId)) {
    throw new WeconetError(`WECONET_CHAIN_ID must be a chain id (a number), not "${env.WECONET_CHAIN_ID}"`);
  }
  return chainId === undefined ? loadDeployment({ dir }) : loadDeployment({ dir, chainId });
}

/** Whether the chain is a local development chain: its blocks are not worth caching (a new chain reuses numbers). */
export function isLocalChain(chainId: number, env: Env = process.env): boolean {
  return chainId === LOCAL_CHAIN_ID || (set(env.WECONET_LOCAL_CHAIN) && env.WECONET_LOCAL_CHAIN !== "0");
}

/** The node's JSON-RPC URL: PONDER_RPC_URL_<chainId>, else WECONET_RPC_URL, else the local chain's default. */
export function rpcUrl(chainId: number, env: Env = process.env): string {
  const url = env[`PONDER_RPC_URL_${chainId}`] ?? env.WECONET_RPC_URL;
  if (set(url)) return url;
  if (chainId === LOCAL_CHAIN_ID) return "http://127.0.0.1:8545";
  throw new WeconetError(
    `the indexer needs a node for chain ${chainId}: set PONDER_RPC_URL_${chainId} or WECONET_RPC_URL to its JSON-RPC URL`,
  );
}

/** The name a deployment is known by: its directory's name (e.g. "chain-31337", "chain-11155111", "e2e-1234"). */
export function deploymentName(dir: string): string {
  return path.basename(dir);
}

/** What the indexer keeps for a deployment (its PGlite database, its log): `.weconet/indexer/<deployment name>/`. */
export function indexerHome(dir: string): string {
  return path.join(REPO_ROOT, ".weconet", "indexer", deploymentName(dir));
}

/** Embedded PGlite's data directory: WECONET_INDEXER_DATA_DIR, else `<indexer home>/pglite`. */
export function pgliteDir(env: Env = process.env): string {
  if (set(env.WECONET_INDEXER_DATA_DIR)) return path.resolve(REPO_ROOT, env.WECONET_INDEXER_DATA_DIR);
  return path.join(indexerHome(deploymentDir(env)), "pglite");
}

/** The database: PostgreSQL when DATABASE_URL is set (production), else embedded PGlite. */
export function databaseConfig(
  env: Env = process.env,
): { kind: "postgres"; connectionString: string } | { kind: "pglite"; directory: string } {
  if (set(env.DATABASE_URL)) return { kind: "postgres", connectionString: env.DATABASE_URL };
  return { kind: "pglite", directory: pgliteDir(env) };
}

/** The HTTP port: WECONET_INDEXER_PORT, else 42069. */
export function indexerPort(env: Env = process.env): number {
  if (!set(env.WECONET_INDEXER_PORT)) return DEFAULT_INDEXER_PORT;
  const port = Number.parseInt(env.WECONET_INDEXER_PORT, 10);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new WeconetError(`WECONET_INDEXER_PORT must be a TCP port, not "${env.WECONET_INDEXER_PORT}"`);
  }
  return port;
}
