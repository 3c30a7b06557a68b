import { getAddress, isAddress, type Address } from "viem";

import { CONTRACT_KEYS, CONTRACT_NAMES, type ContractKey, type Deployment } from "./contracts.js";
import { WeconetError } from "./errors.js";

/**
 * A deployment from Ignition's output: `deployed_addresses.json` maps future ids ("WeconetCore#Membership") to
 * addresses; the contract name after `#` says which Weconet contract each is. No address table is ever copied by
 * hand. Browser-safe: pass the JSON however it was loaded (see `loadDeployment` in `@weconet/sdk/node` for files).
 */
export function deploymentFromIgnition(input: {
  chainId: number;
  addresses: Record<string, string>;
  fromBlock?: bigint;
}): Deployment {
  const found = new Map<ContractKey, Address>();
  for (const [futureId, address] of Object.entries(input.addresses)) {
    const contractName = futureId.split("#").pop() ?? futureId;
    const name = CONTRACT_NAMES.find((n) => n === contractName);
    if (name === undefined) continue;
    if (!isAddress(address)) throw new WeconetError(`deployment: ${futureId} has no valid address ("${address}")`);
    const key = CONTRACT_KEYS[name];
    const previous = found.get(key);
    if (previous !== undefined && previous.toLowerCase() !== address.toLowerCase()) {
      throw new WeconetError(`deployment: ${name} is deployed twice (${previous} and ${address}); which one is meant?`);
    }
    found.set(key, getAddress(address));
  }
  const missing = CONTRACT_NAMES.filter((n) => !found.has(CONTRACT_KEYS[n]));
  if (missing.length > 0) {
    throw new WeconetError(
      `deployment: the Ignition output has no ${missing.join(", ")}: is it a full Weconet deployment?`,
    );
  }
  return {
    chainId: input.chainId,
    contracts: Object.fromEntries(found) as Record<ContractKey, Address>,
    fromBlock: input.fromBlock ?? 0n,
  };
}
