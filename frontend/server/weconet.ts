import { createPublicClient, http, type PublicClient } from "viem";

import type { Weconet } from "@weconet/sdk";

import type { HeadWatcher } from "../lib/changes";
import { accountNames } from "../lib/account-names";
import { chainReads } from "../lib/chain-reads";
import type { ChainConfig, NetworkConfig } from "../lib/network";
import { readCache, type ReadCache } from "../lib/read-cache";
import type { ReadArgs, ReadName, Reads } from "../lib/reads";
import { runRead } from "../lib/registry";
import { networkConfig } from "./network-config";

/**
 * One chain as the dApp's server reads it: the SDK client, the pages' reads over it, the watch on its head, and the
 * answers kept until what they read changed.
 */
export interface ChainServer {
  chain: ChainConfig;
  weconet: Weconet;
  reads: Reads;
  head: HeadWatcher;
  cache: ReadCache;
}

// Kept across requests (and across the route modules Next bundles separately): the SDK's node read model is
// brought up to date from its cursor, never replayed from the deployment block for each visitor.
const STATE = Symbol.for("weconet.dapp.server");
interface ServerState {
  servers: Map<string, ChainServer>;
  config?: { at: number; network: Promise<NetworkConfig> };
}
const globalState = globalThis as typeof globalThis & { [STATE]?: ServerState };
const state: ServerState = (globalState[STATE] ??= { servers: new Map() });

/** How long the server trusts the deployments it found (each look asks the node whether they are live). */
const CONFIG_TTL_MS = 5_000;

/**
 * The networks the server found (see networkConfig), looked for again after a few seconds: every page and every
 * read needs them, and each look asks the node whether the deployment is live.
 */
export function currentNetworkConfig(): Promise<NetworkConfig> {
  const cached = state.config;
  if (cached !== undefined && Date.now() - cached.at < CONFIG_TTL_MS) return cached.network;
  const found = networkConfig();
  state.config = { at: Date.now(), network: found };
  found.catch(() => (state.config = undefined));
  return found;
}

/** A chain's identity for the cache: a new deployment (or another node, indexer) is another server. */
const fingerprint = (c: ChainConfig) =>
  JSON.stringify([c.chainId, c.rpcUrl, c.indexerUrl, c.fromBlock, c.contracts, c.socketUrl]);

/**
 * The server's reads of chain `chainId`, or undefined when the server has no deployment of it it can reach (no
 * RPC URL configured: the browser then reads through the wallet).
 */
export async function chainServer(chainId: number): Promise<ChainServer | undefined> {
  const config = await currentNetworkConfig();
  const chain = config.chains.find((c) => c.chainId === chainId);
  if (chain?.rpcUrl == null) return undefined;
  const key = fingerprint(chain);
  const known = state.servers.get(key);
  if (known !== undefined) return known;
  for (const [other, server] of state.servers) if (server.chain.chainId === chainId) state.servers.delete(other);
  const publicClient: PublicClient = createPublicClient({ transport: http(chain.rpcUrl, { batch: true }) });
  const { weconet, reads, head } = chainReads(chain, publicClient, accountNames(chain.contracts, config.devAccounts));
  const server: ChainServer = {
    chain,
    weconet,
    reads,
    head,
    cache: readCache({
      // The route checked the name against the registry; the arguments are the read's to check.
      run: (name, args) => runRead(reads, name as ReadName, args as ReadArgs<ReadName>),
      head: (atLeast) => head.head(atLeast),
    }),
  };
  state.servers.set(key, server);
  return server;
}
