import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  type Address,
  type PublicClient,
} from "viem";
import { inject } from "vitest";

import {
  applyEvents,
  createWeconet,
  keyString,
  MemoryStore,
  MODEL_TABLES,
  readEvents,
  selectAll,
  TABLE_NAMES,
  type RowOf,
  type RowSource,
  type TableName,
  type Weconet,
} from "@weconet/sdk";
import { loadDeployment } from "@weconet/sdk/node";

export const { url: rpcUrl, deploymentDir } = inject("chain");
export const postgres = inject("postgres");

const chain = defineChain({
  id: 31337,
  name: "Weconet indexer test chain",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
export const publicClient: PublicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 });
export const deployment = loadDeployment({ chainId: chain.id, dir: deploymentDir });

/** The node's development accounts, as the demo names them (scripts/demo/people.ts). */
const accounts = (await createWalletClient({ chain, transport: http(rpcUrl) }).getAddresses()).map((a) =>
  getAddress(a),
);
const account = (i: number): Address => {
  const a = accounts[i];
  if (a === undefined) throw new Error(`test setup: the node has no account ${i}`);
  return a;
};
export const people = { lars: account(2), alice: account(6), applicant: account(11) };

/** The SDK acting as `address` (a development account the node signs for). */
export function as(address: Address): Weconet {
  return createWeconet({
    deployment,
    publicClient,
    walletClient: createWalletClient({ account: address, chain, transport: http(rpcUrl) }),
  });
}

/** The SDK's own fold of every event on the node, from the deployment's first block: what the indexer must hold. */
export async function foldFromNode(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await applyEvents(store, readEvents(publicClient, deployment));
  return store;
}

/** Waits until `source` has applied the node's latest block. */
export async function caughtUp(source: RowSource, timeoutMs = 120_000): Promise<bigint> {
  const head = await publicClient.getBlockNumber();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const block = await source.block();
    if (block >= head) return block;
    if (Date.now() > deadline) throw new Error(`the indexer is at block ${block}, the node at ${head}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Rows as text to compare: columns in MODEL_TABLES' order, bigints marked. */
export function showRows(table: TableName, rows: readonly RowOf<TableName>[]): string {
  const columns = Object.keys(MODEL_TABLES[table].columns);
  const ordered = rows.map((row) => columns.map((c) => [c, (row as Record<string, unknown>)[c]]));
  return JSON.stringify(ordered, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

/** Rows that differ between two sources, table by table (each row by its key), as readable lines. */
export async function rowDifferences(a: RowSource, b: RowSource): Promise<string[]> {
  const differences: string[] = [];
  for (const table of TABLE_NAMES) {
    const show = (row: RowOf<TableName>) => showRows(table, [row]);
    const byKey = async (source: RowSource) =>
      new Map((await selectAll(source, table)).map((row) => [keyString(table as TableName, row), show(row)]));
    const [left, right] = [await byKey(a), await byKey(b)];
    for (const [key, row] of left) {
      if (right.get(key) !== row) differences.push(`${table} ${key}: ${row} ≠ ${right.get(key) ?? "(missing)"}`);
    }
    for (const [key, row] of right) if (!left.has(key)) differences.push(`${table} ${key}: (missing) ≠ ${row}`);
  }
  return differences;
}

/** A fresh temporary folder (PGlite's data, Ponder's log). */
export function tempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `weconet-indexer-${label}-`));
}
