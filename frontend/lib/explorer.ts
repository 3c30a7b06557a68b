import type { ChainConfig } from "./network";

/**
 * The explorer page of an address or a transaction on `chain` (Etherscan's and Blockscout's paths), or undefined
 * where the chain has no explorer (the local chain): then nothing links, rather than a link that goes nowhere.
 */
export function explorerHref(
  chain: Pick<ChainConfig, "explorerUrl">,
  kind: "address" | "tx",
  value: string,
): string | undefined {
  if (chain.explorerUrl === null || chain.explorerUrl === "") return undefined;
  return `${chain.explorerUrl.replace(/\/+$/, "")}/${kind}/${value}`;
}
