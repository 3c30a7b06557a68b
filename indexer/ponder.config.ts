/**
 * Ponder's configuration, built from a Weconet deployment (never an address typed by hand): every Weconet contract
 * with its generated ABI, at its deployed address, from the deployment's first block. See lib/environment.ts for
 * the variables (deployment directory, RPC URL, database).
 */
import { createConfig } from "ponder";

import { abis, CONTRACT_KEYS, type ContractName } from "@weconet/sdk";

import { databaseConfig, indexedDeployment, isLocalChain, rpcUrl } from "./lib/environment.js";

const deployment = indexedDeployment();
const local = isLocalChain(deployment.chainId);
const startBlock = Number(deployment.fromBlock);
const rpc = rpcUrl(deployment.chainId);

/**
 * Ponder paces each RPC URL it is given, starting at 20 requests a second and speeding up by 5% a second: right for
 * a provider's quota, needlessly slow for a node on this machine (fetching the demo's 66 blocks took 14 s). A local
 * node is given as eight URLs, which Ponder paces apart: 160 requests a second from the start.
 */
const LOCAL_RPC_LANES = 8;

/** One Ponder contract per Weconet contract, all on the one chain of the deployment. */
const contract = <C extends ContractName>(name: C) => ({
  chain: "weconet" as const,
  abi: abis[name],
  address: deployment.contracts[CONTRACT_KEYS[name]],
  startBlock,
});

export default createConfig({
  database: databaseConfig(),
  chains: {
    weconet: {
      id: deployment.chainId,
      rpc: local ? Array.from({ length: LOCAL_RPC_LANES }, () => rpc) : rpc,
      // A local chain starts anew with the same block numbers: Ponder's RPC cache would serve the old chain's blocks
      // (as in Ponder's examples/with-foundry). It also mines on demand, so it is polled often.
      ...(local ? { disableCache: true, pollingInterval: 250 } : {}),
    },
  },
  contracts: {
    AccessGrants: contract("AccessGrants"),
    Applications: contract("Applications"),
    Market: contract("Market"),
    Membership: contract("Membership"),
    NetworkRules: contract("NetworkRules"),
    ReceiptAnchors: contract("ReceiptAnchors"),
    Resources: contract("Resources"),
    SocketDirectory: contract("SocketDirectory"),
    Taxonomy: contract("Taxonomy"),
    WeconetGovernor: contract("WeconetGovernor"),
    WeconetTimelock: contract("WeconetTimelock"),
  } satisfies Record<ContractName, ReturnType<typeof contract>>,
});
