import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer, TypedDataField } from "ethers";
import { Wallet } from "ethers";

import { ethers, networkHelpers } from "./network.js";

/**
 * A funded signer for the contract (or any address) at `address`, so that a test can call as the timelock or
 * the governor. Impersonation is set up before a fixture's snapshot, so it survives `loadFixture` reverts.
 */
export async function impersonate(address: string): Promise<HardhatEthersSigner> {
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, 10n ** 20n);
  return ethers.getSigner(address);
}

/** A funded account with its own private key, for EIP-712 signatures and contract wallets' owners. */
export async function signingWallet(): Promise<Wallet> {
  const wallet = new Wallet(Wallet.createRandom().privateKey, ethers.provider);
  await networkHelpers.setBalance(wallet.address, 10n ** 20n);
  return wallet;
}

/** The timestamp of the block that included the transaction `sent`, after waiting for it. */
export async function minedAt(sent: Promise<{ wait(): Promise<{ blockNumber: number } | null> }>): Promise<number> {
  const receipt = await (await sent).wait();
  if (receipt === null) throw new Error("transaction was not mined");
  const block = await ethers.provider.getBlock(receipt.blockNumber);
  if (block === null) throw new Error(`block ${receipt.blockNumber} not found`);
  return block.timestamp;
}

/** A contract that signs with EIP-712 and publishes its domain (ERC-5267): the governor, the membership. */
interface Eip712Contract {
  eip712Domain(): Promise<{ name: string; version: string; chainId: bigint; verifyingContract: string }>;
}

/** `signer`'s EIP-712 signature of `value` (of `types`) in the domain `contract` publishes. */
export async function signTyped(
  contract: Eip712Contract,
  signer: Signer,
  types: Record<string, TypedDataField[]>,
  value: Record<string, unknown>,
): Promise<string> {
  const { name, version, chainId, verifyingContract } = await contract.eip712Domain();
  return signer.signTypedData({ name, version, chainId, verifyingContract }, types, value);
}
