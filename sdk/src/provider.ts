import {
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  type Account,
  type Address,
  type PublicClient,
} from "viem";

import type { Deployment } from "./contracts.js";
import { createWeconet, type CreateWeconetOptions, type Weconet } from "./weconet.js";

/** An EIP-1193 provider: a browser wallet, Hardhat's in-process network, any node client with `request`. */
export type Eip1193Provider = Parameters<typeof custom>[0];

/** Weconet over one provider: a read-only client, and the same client acting as any account. */
export interface ProviderWeconet {
  publicClient: PublicClient;
  /** Reads, lists and the audit trail. */
  reader: Weconet;
  /**
   * The SDK acting as `account`: an address the provider signs for (a wallet's account, a node's development or
   * impersonated account), or a local account holding its own key (which signs typed data itself).
   */
  as(account: Address | Account): Weconet;
}

/**
 * Weconet over an EIP-1193 provider rather than a URL: the dApp's wallet, a Hardhat script's or test's in-process
 * network. Clients acting as an account are made once and reused.
 */
export function weconetOverProvider(options: {
  provider: Eip1193Provider;
  deployment: Deployment;
  /** How often to poll for receipts, in ms (default 10: an in-process or local chain mines at once). */
  pollingInterval?: number;
  /** Where lists read their rows (see `CreateWeconetOptions.indexer`); the clients acting as accounts share it. */
  indexer?: CreateWeconetOptions["indexer"];
}): ProviderWeconet {
  const { deployment } = options;
  const chain = defineChain({
    id: deployment.chainId,
    name: `chain ${deployment.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [] } },
  });
  const transport = custom(options.provider);
  const publicClient: PublicClient = createPublicClient({
    chain,
    transport,
    pollingInterval: options.pollingInterval ?? 10,
  });
  const acting = new Map<string, Weconet>();
  const reader = createWeconet({
    deployment,
    publicClient,
    ...(options.indexer === undefined ? {} : { indexer: options.indexer }),
  });
  return {
    publicClient,
    reader,
    as(account) {
      const key = typeof account === "string" ? `rpc:${account.toLowerCase()}` : `${account.type}:${account.address}`;
      let weconet = acting.get(key);
      if (weconet === undefined) {
        weconet = createWeconet({
          deployment,
          publicClient,
          walletClient: createWalletClient({ account, chain, transport }),
          // one fold of the node's events (or one indexer) for the reader and every account
          indexer: reader.rows,
        });
        acting.set(key, weconet);
      }
      return weconet;
    },
  };
}
