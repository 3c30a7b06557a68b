import type { Address } from "viem";

import type { ContractKey, Deployment } from "@weconet/sdk";

/**
 * What the dApp's server tells the browser about the networks it can use: one entry per Weconet deployment it
 * found (deploy/deployments/chain-<id>/, Ignition's output), and the development accounts when — and only when —
 * the local chain (31337) answers. Plain JSON: it crosses from the server to the browser.
 */
export interface NetworkConfig {
  chains: ChainConfig[];
  /** Development accounts of the demo people; empty unless the local chain's node answers as chain 31337. */
  devAccounts: DevWalletAccount[];
  /** Why a deployment could not be used (e.g. the local chain is not running), in words. */
  problems: string[];
}

export interface ChainConfig {
  chainId: number;
  name: string;
  /** The JSON-RPC endpoint for reads; null when none is configured (reads then go through the wallet). */
  rpcUrl: string | null;
  contracts: Record<ContractKey, Address>;
  /** The deployment's first block (decimal string: JSON has no bigint). */
  fromBlock: string;
  /**
   * The data socket the server was told about (`WECONET_SOCKET_URL`, `WECONET_SOCKET_URL_<id>`): used only when the
   * chain's SocketDirectory names none for the member (and has no default). Null when none is configured.
   */
  socketUrl: string | null;
  /**
   * The chain's indexer (its GraphQL API), from `WECONET_INDEXER_URL` (local chain) or `WECONET_INDEXER_URL_<id>`:
   * the lists are read from it; null when there is none (they are then folded from the node's events).
   */
  indexerUrl: string | null;
  /**
   * The chain's block explorer (Etherscan-style: `<url>/address/<a>`, `<url>/tx/<hash>`), from
   * `WECONET_EXPLORER_URL_<id>` or viem's chain list; null where there is none (the local chain): no link then.
   */
  explorerUrl: string | null;
  /**
   * The demo's play-money euro (DemoEuro, deployed by the demo's own module beside the network's contracts), when
   * the deployment has it: its balance shows beside ETH, and on the local chain its faucet is offered.
   */
  demoToken: Address | null;
}

export interface DevWalletAccount {
  name: string;
  role: string;
  address: Address;
  privateKey: `0x${string}`;
}

/** Hardhat's local chain: the only one where the development wallet is ever offered. */
export const LOCAL_CHAIN_ID = 31337;

/** The SDK's deployment of a chain the server found. */
export function deploymentOf(chain: ChainConfig): Deployment {
  return { chainId: chain.chainId, contracts: chain.contracts, fromBlock: BigInt(chain.fromBlock) };
}
