import { bytesToHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";

/**
 * Hardhat's well-known development mnemonic: its keys are public and only ever fund local chains (chain id 31337).
 */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The chain id of the local development chain (Hardhat's node); the only chain with development accounts. */
export const LOCAL_CHAIN_ID = 31337;

/**
 * The people of the demo network: which development account (index of the mnemonic) each is and what they do.
 * Names and roles exist only off-chain, in the main command's printout and the dApp's development wallet: the chain
 * sees addresses and hashes. The order is the one deploy/parameters/localhost.json expects.
 */
export const DEMO_ROSTER = [
  { name: "deployer", account: 0, role: "deployed the network; holds no power afterwards" },
  { name: "manager", account: 1, role: "network manager (founder)" },
  { name: "lars", account: 2, role: "network leader (founder)" },
  { name: "lena", account: 3, role: "network leader (founder)" },
  { name: "daan", account: 4, role: "community developer" },
  { name: "dina", account: 5, role: "community developer" },
  { name: "alice", account: 6, role: "member, runs a bike courier service" },
  { name: "bob", account: 7, role: "member, runs a co-working space" },
  { name: "carol", account: 8, role: "member, publishes datasets" },
  { name: "dave", account: 9, role: "member, consumer" },
  { name: "eve", account: 10, role: "member, consumer" },
  { name: "applicant", account: 11, role: "applied, waiting to be admitted" },
] as const;

export type DemoName = (typeof DEMO_ROSTER)[number]["name"];

/** A demo person's development account: address and (public, local-only) private key. */
export interface DevAccount {
  name: DemoName;
  role: string;
  address: `0x${string}`;
  privateKey: `0x${string}`;
}

/** The development accounts of every demo person, derived from the development mnemonic. */
export function devAccounts(): DevAccount[] {
  return DEMO_ROSTER.map(({ name, account, role }) => {
    const hd = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: account });
    const key = hd.getHdKey().privateKey;
    if (key === null) throw new Error(`demo: no private key for development account ${account}`);
    return { name, role, address: hd.address, privateKey: bytesToHex(key) };
  });
}
