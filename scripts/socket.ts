/**
 * The data socket for the main command: where its data, key store and development master key live, and which
 * development account operates it (signs and anchors the receipt heads).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

import { bytesToHex, createWalletClient, defineChain, hexToBytes, http, isHex, type Address, type Hex } from "viem";
import { mnemonicToAccount, type LocalAccount } from "viem/accounts";

import type { createSocketClient } from "@weconet/sdk";

import { DEV_MNEMONIC, LOCAL_CHAIN_ID } from "./demo/roster.js";

/** Everything the local socket keeps (git-ignored): the master key file and one folder per deployment. */
export const SOCKET_HOME = path.join(".weconet", "socket");

/**
 * The development account that operates the local socket: index 12 of the development mnemonic, after the demo's
 * people, so that its anchoring transactions never compete for a nonce with the demo's own.
 */
export const SOCKET_OPERATOR_INDEX = 12;

/** The operator's (public, local-only) private key. */
export function socketOperatorKey(): Hex {
  const key = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: SOCKET_OPERATOR_INDEX }).getHdKey().privateKey;
  if (key === null) throw new Error("no private key for the socket operator's development account");
  return bytesToHex(key);
}

/**
 * The development master key (32 bytes, hex in `file`), created with mode 0600 when missing. It wraps every data key:
 * losing it makes the local socket's values unreadable, which for a development chain is harmless.
 */
export function devMasterKey(file = path.join(SOCKET_HOME, "master.key")): Uint8Array {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${bytesToHex(randomBytes(32))}\n`, { mode: 0o600, flag: "wx" });
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by others: restrict it (chmod 600 ${file}) or delete it to get a new one`);
  }
  const text = readFileSync(file, "utf8").trim();
  const hex = (text.startsWith("0x") ? text : `0x${text}`) as Hex;
  if (!isHex(hex) || hex.length !== 66) throw new Error(`${file} must hold the master key as 64 hex digits`);
  return hexToBytes(hex);
}

/**
 * The socket's data folder for a deployment, emptied first: the local chain starts fresh on every run, and values,
 * receipts and data keys of members of an earlier chain mean nothing on the new one.
 */
export function freshSocketDir(deploymentId: string): string {
  const dir = path.join(SOCKET_HOME, deploymentId);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Sessions for the demo: each account signs in with its own (local, public) key, as a wallet would; one session per
 * account, reused.
 */
export function demoSignIn(
  client: ReturnType<typeof createSocketClient>,
  rpcUrl: string,
  accounts: readonly LocalAccount[],
): (account: Address) => ReturnType<ReturnType<typeof createSocketClient>["signIn"]> {
  const sessions = new Map<string, ReturnType<ReturnType<typeof createSocketClient>["signIn"]>>();
  return (address) => {
    const key = address.toLowerCase();
    const known = sessions.get(key);
    if (known !== undefined) return known;
    const account = accounts.find((a) => a.address.toLowerCase() === key);
    if (account === undefined) throw new Error(`demo: no development key for ${address}`);
    const walletClient = createWalletClient({ account, chain: localChain, transport: http(rpcUrl) });
    const session = client.signIn({ walletClient, chainId: LOCAL_CHAIN_ID });
    sessions.set(key, session);
    return session;
  };
}

const localChain = defineChain({
  id: LOCAL_CHAIN_ID,
  name: "Weconet local",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [] } },
});
