import {
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  isAddress,
  type Address,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { WeconetError } from "../errors.js";
import { createWeconet, type Weconet } from "../weconet.js";
import { assertDeploymentLive, loadDeployment } from "../node/deployment.js";

/** Where the CLI connects and as whom (flags, else environment, else the local defaults of `npm start`). */
export interface ConnectOptions {
  /** The environment the CLI runs in (WECONET_RPC_URL, WECONET_DEPLOYMENT, WECONET_PRIVATE_KEY …). */
  env: Readonly<Record<string, string | undefined>>;
  rpc?: string;
  deployment?: string;
  from?: string;
  /** The Weconet indexer the lists read (its base URL); without, the CLI folds the node's events itself. */
  indexer?: string;
}

/** The indexer's URL: --indexer, else WECONET_INDEXER_URL, else none (the lists fold the node's events). */
export function indexerUrl(options: ConnectOptions): string | undefined {
  const url = options.indexer ?? options.env.WECONET_INDEXER_URL;
  if (url === undefined || url === "") return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new WeconetError(`--indexer needs an http(s) URL, not "${url}"`);
  return url;
}

export const DEFAULT_RPC = "http://127.0.0.1:8545";

/** An environment variable's value, or undefined when it is unset or empty (as a script clears one). */
export const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value === "" ? undefined : value;

/** A checked address from user input, with a clear message when it is not one. */
export function parseAddress(value: string | undefined, what: string): Address {
  if (value === undefined || value === "") throw new WeconetError(`${what}: an address is needed`);
  if (!isAddress(value, { strict: false })) {
    throw new WeconetError(`unknown address for ${what}: "${value}" is not an Ethereum address (0x and 40 hex digits)`);
  }
  return getAddress(value);
}

/**
 * What to say when no node answers at `url`: `npm start` is the likely cause only at its own address; elsewhere the
 * node is the user's own (a test chain, a provider), and the hint names the flag and the variable.
 */
export function unreachableNode(url: string): string {
  const local = url.replace(/\/+$/, "") === DEFAULT_RPC;
  return local
    ? `cannot reach a node at ${url}: is \`npm start\` running? (or pass --rpc <url> / set WECONET_RPC_URL)`
    : `cannot reach a node at ${url}: is the node running and the URL right? (--rpc <url> / WECONET_RPC_URL)`;
}

async function chainIdAt(url: string): Promise<number> {
  const probe = createPublicClient({ transport: http(url, { retryCount: 0, timeout: 10_000 }) });
  try {
    return await probe.getChainId();
  } catch {
    throw new WeconetError(unreachableNode(url));
  }
}

/**
 * Connects to the node, loads the deployment of its chain (Ignition's output, checked to be live there) and, to
 * act, a signer: WECONET_PRIVATE_KEY, or `--from` naming an account the node holds (the local dev accounts).
 */
export async function connect(options: ConnectOptions, needsSigner: boolean): Promise<Weconet> {
  const env = options.env;
  const url = options.rpc ?? nonEmpty(env.WECONET_RPC_URL) ?? DEFAULT_RPC;
  const chainId = await chainIdAt(url);
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  const publicClient: PublicClient = createPublicClient({ chain, transport: http(url), pollingInterval: 250 });
  const deployment = loadDeployment({ chainId, dir: options.deployment ?? nonEmpty(env.WECONET_DEPLOYMENT) });
  await assertDeploymentLive(publicClient, deployment);
  const indexer = indexerUrl(options);
  const reads = { deployment, publicClient, ...(indexer === undefined ? {} : { indexer }) };
  if (!needsSigner) return createWeconet(reads);

  const key = env.WECONET_PRIVATE_KEY;
  if (key !== undefined && key !== "" && options.from === undefined) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new WeconetError("WECONET_PRIVATE_KEY must be 0x and 64 hex digits");
    const walletClient = createWalletClient({
      account: privateKeyToAccount(key as `0x${string}`),
      chain,
      transport: http(url),
    });
    return createWeconet({ ...reads, walletClient });
  }
  if (options.from === undefined) {
    throw new WeconetError(
      "this command sends a transaction: pass --from <address> (an account the node holds) or set WECONET_PRIVATE_KEY",
    );
  }
  const from = parseAddress(options.from, "--from");
  const walletClient = createWalletClient({ account: from, chain, transport: http(url) });
  const held = (await walletClient.getAddresses()).map((a) => a.toLowerCase());
  if (!held.includes(from.toLowerCase())) {
    throw new WeconetError(
      `unknown address for --from: the node at ${url} holds no key for ${from}; set WECONET_PRIVATE_KEY to sign yourself`,
    );
  }
  return createWeconet({ ...reads, walletClient });
}
