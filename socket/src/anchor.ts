import { createWeconet, type Deployment } from "@weconet/sdk";
import { createWalletClient, http, type Chain, type Hex, type LocalAccount, type PublicClient } from "viem";

import type { ReceiptLog } from "./receipts.js";

/** What an anchoring did: the root, the receipts it covers, and where it is on the chain. */
export interface Anchored {
  root: Hex;
  receipts: bigint;
  tx: Hex;
  block: bigint;
}

/**
 * Anchors the Merkle root over every owner's receipt head on-chain with the operator key
 * (`ReceiptAnchors.anchor(root, receipts)`, through the SDK's `sockets.anchor`), then records which heads the root
 * covers so that owners get proofs. Returns undefined when no receipt was added since the last anchor (the
 * contract only takes a growing count).
 */
export function anchorer(options: {
  receipts: ReceiptLog;
  operator: LocalAccount | undefined;
  deployment: Deployment;
  chain: Chain;
  rpcUrl: string;
  publicClient: PublicClient;
}) {
  return async function anchor(): Promise<Anchored | undefined> {
    const { operator, deployment } = options;
    if (operator === undefined) throw new Error("anchoring needs an operator key (WECONET_SOCKET_OPERATOR_KEY)");
    const snapshot = await options.receipts.snapshot();
    const last = await options.receipts.latestAnchor();
    if (snapshot.total === 0n || (last !== undefined && BigInt(last.receipts) >= snapshot.total)) return undefined;
    const weconet = createWeconet({
      deployment,
      publicClient: options.publicClient,
      walletClient: createWalletClient({ account: operator, chain: options.chain, transport: http(options.rpcUrl) }),
    });
    const sent = await weconet.sockets.anchor({ root: snapshot.root, receipts: snapshot.total });
    await options.receipts.recordAnchor({
      root: snapshot.root,
      receipts: snapshot.total,
      block: sent.receipt.blockNumber,
      tx: sent.hash,
      heads: snapshot.heads,
    });
    return { root: snapshot.root, receipts: snapshot.total, tx: sent.hash, block: sent.receipt.blockNumber };
  };
}
