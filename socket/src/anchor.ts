import type { Deployment } from "@weconet/sdk";
import {
  createWalletClient,
  http,
  parseAbi,
  type Address,
  type Chain,
  type LocalAccount,
  type PublicClient,
} from "viem";

import type { ReceiptLog } from "./receipts.js";

/** The part of ReceiptAnchors (issue 12, contracts/socket/ReceiptAnchors.sol) the socket calls. */
export const RECEIPT_ANCHORS_ABI = parseAbi([
  "function anchor(bytes32 root, uint64 receipts)",
  "function latestOf(address operator) view returns (bytes32 root, uint64 receipts, uint64 seq, uint48 anchoredAt)",
]);

/** Where the deployment put ReceiptAnchors, if it has one. */
export function receiptAnchorsOf(deployment: Deployment): Address | undefined {
  const contracts: Partial<Record<string, Address>> = deployment.contracts;
  return contracts.receiptAnchors;
}

/**
 * Anchors the Merkle root over every owner's receipt head on-chain with the operator key
 * (`ReceiptAnchors.anchor(root, receipts)`), then records which heads the root covers so that owners get proofs.
 * Returns undefined when nothing changed since the last anchor.
 */
export function anchorer(options: {
  receipts: ReceiptLog;
  operator: LocalAccount | undefined;
  deployment: Deployment;
  chain: Chain;
  rpcUrl: string;
  publicClient: PublicClient;
}) {
  return async function anchor(): Promise<{ root: string; receipts: bigint; tx: string; block: bigint } | undefined> {
    const { operator, deployment } = options;
    if (operator === undefined) throw new Error("anchoring needs an operator key (WECONET_SOCKET_OPERATOR_KEY)");
    const address = receiptAnchorsOf(deployment);
    if (address === undefined) throw new Error("the deployment has no ReceiptAnchors contract to anchor receipts to");
    const snapshot = await options.receipts.snapshot();
    const last = await options.receipts.latestAnchor();
    if (last !== undefined && last.root === snapshot.root) return undefined;
    const wallet = createWalletClient({ account: operator, chain: options.chain, transport: http(options.rpcUrl) });
    const tx = await wallet.writeContract({
      address,
      abi: RECEIPT_ANCHORS_ABI,
      functionName: "anchor",
      args: [snapshot.root, snapshot.total],
    });
    const receipt = await options.publicClient.waitForTransactionReceipt({ hash: tx });
    if (receipt.status !== "success") throw new Error(`ReceiptAnchors.anchor reverted (${tx})`);
    await options.receipts.recordAnchor({
      root: snapshot.root,
      receipts: snapshot.total,
      block: receipt.blockNumber,
      tx,
      heads: snapshot.heads,
    });
    return { root: snapshot.root, receipts: snapshot.total, tx, block: receipt.blockNumber };
  };
}
