import { decode, encode } from "./codec";
import type { Head } from "./head";
import type { ChainConfig } from "./network";
import type { ReadArgs, ReadName, ReadResult } from "./reads";
import type { WeconetWagmiConfig } from "./wagmi";

/** Where a page's reads run, and how it learns what changed. */
export interface ReadClient {
  /** Read `name`; `atLeast`: the answer must include block `atLeast` (one the browser saw, e.g. its own transaction). */
  read<N extends ReadName>(name: N, args: ReadArgs<N>, atLeast?: bigint): Promise<ReadResult<N>>;
  /** The chain's head (the latest block, and each read's version), for refreshing what changed. */
  head(): Promise<Head>;
}

/** The answer of one of the dApp's server routes: `{ value }`, or `{ error }` in words. */
async function valueOf(response: Response): Promise<unknown> {
  const text = await response.text();
  let body: unknown;
  try {
    body = decode(text);
  } catch {
    throw new Error(`the dApp's server answered ${response.status} ${response.statusText}`.trim());
  }
  if (typeof body === "object" && body !== null && "error" in body) throw new Error(String(body.error));
  if (!response.ok || typeof body !== "object" || body === null || !("value" in body)) {
    throw new Error(`the dApp's server answered ${response.status} without a value`);
  }
  return body.value;
}

/**
 * The reads through the dApp's own server (app/api/weconet/): it holds the SDK client — reading the indexer, or the
 * node's events folded once for every visitor — so the browser loads no SDK, ABI or event decoder to show a page.
 */
export function serverReadClient(chainId: number, base = ""): ReadClient {
  const root = `${base}/api/weconet/${chainId}`;
  return {
    async read<N extends ReadName>(name: N, args: ReadArgs<N>, atLeast?: bigint) {
      const response = await fetch(`${root}/read`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: encode(atLeast === undefined ? { name, args } : { name, args, atLeast }),
      });
      // The server ran read `name` of the same registry: its answer has that read's type.
      return (await valueOf(response)) as ReadResult<N>;
    },
    async head() {
      return (await valueOf(await fetch(`${root}/head`, { cache: "no-store" }))) as Head;
    },
  };
}

/**
 * The reads of a chain the dApp's server cannot reach (no RPC URL configured for it: the member's wallet is the
 * way to the chain): the SDK runs in the browser, loaded only then.
 */
export function walletReadClient(chain: ChainConfig, config: WeconetWagmiConfig): ReadClient {
  let client: Promise<ReadClient> | undefined;
  const load = () => (client ??= import("./browser-reads").then((m) => m.browserReadClient(chain, config)));
  return {
    // In the browser every read is made now, at the node: nothing to catch up with.
    read: async <N extends ReadName>(name: N, args: ReadArgs<N>): Promise<ReadResult<N>> =>
      (await load()).read(name, args),
    head: async () => (await load()).head(),
  };
}

/** The read client of a chain: through the server when it can reach the chain, else through the wallet. */
export function readClientOf(chain: ChainConfig, config: WeconetWagmiConfig): ReadClient {
  return chain.rpcUrl === null ? walletReadClient(chain, config) : serverReadClient(chain.chainId);
}
