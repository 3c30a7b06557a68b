import { readFileSync } from "node:fs";

import { isHex, type Hex } from "viem";

import type { SocketOptions } from "./server.js";

/** A setting the environment gets wrong: the message says which variable and what it should be. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The 32-byte master key from hex text (64 hex digits, 0x optional). */
export function parseMasterKey(text: string, from: string): Uint8Array {
  const hex = text.trim().replace(/^0x/i, "");
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ConfigError(`${from} must be 32 bytes as 64 hex digits (make one with: openssl rand -hex 32)`);
  }
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

/**
 * The socket's options from the environment (see docs/socket.md): WECONET_SOCKET_PORT, WECONET_RPC_URL,
 * WECONET_DEPLOYMENT_DIR, WECONET_SOCKET_DATA, DATABASE_URL, KEYS_DATABASE_URL, WECONET_SOCKET_MASTER_KEY or
 * WECONET_SOCKET_MASTER_KEY_FILE, WECONET_SOCKET_OPERATOR_KEY, WECONET_SOCKET_PUBLIC_URL, WECONET_SOCKET_HOST,
 * WECONET_SOCKET_ANCHOR_EVERY.
 */
export function socketOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SocketOptions {
  const rpcUrl = env.WECONET_RPC_URL ?? "http://127.0.0.1:8545";
  const deploymentDir = env.WECONET_DEPLOYMENT_DIR ?? "deploy/deployments/chain-31337";
  let masterKey: Uint8Array;
  if (env.WECONET_SOCKET_MASTER_KEY !== undefined && env.WECONET_SOCKET_MASTER_KEY !== "") {
    masterKey = parseMasterKey(env.WECONET_SOCKET_MASTER_KEY, "WECONET_SOCKET_MASTER_KEY");
  } else if (env.WECONET_SOCKET_MASTER_KEY_FILE !== undefined && env.WECONET_SOCKET_MASTER_KEY_FILE !== "") {
    let text: string;
    try {
      text = readFileSync(env.WECONET_SOCKET_MASTER_KEY_FILE, "utf8");
    } catch (error) {
      throw new ConfigError(
        `cannot read WECONET_SOCKET_MASTER_KEY_FILE (${env.WECONET_SOCKET_MASTER_KEY_FILE}): ${(error as Error).message}`,
      );
    }
    masterKey = parseMasterKey(text, `the master key file ${env.WECONET_SOCKET_MASTER_KEY_FILE}`);
  } else {
    throw new ConfigError(
      "no master key: set WECONET_SOCKET_MASTER_KEY (64 hex digits) or WECONET_SOCKET_MASTER_KEY_FILE (a file holding them). " +
        "It wraps every data key and is never stored in a database; losing it loses every value.",
    );
  }
  let port = 8600;
  if (env.WECONET_SOCKET_PORT !== undefined && env.WECONET_SOCKET_PORT !== "") {
    port = Number(env.WECONET_SOCKET_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ConfigError(`WECONET_SOCKET_PORT must be a port number (0-65535), not "${env.WECONET_SOCKET_PORT}"`);
    }
  }
  let operatorKey: Hex | undefined;
  const operator = env.WECONET_SOCKET_OPERATOR_KEY;
  if (operator !== undefined && operator !== "") {
    const key = operator.startsWith("0x") ? operator : `0x${operator}`;
    if (!isHex(key) || key.length !== 66)
      throw new ConfigError("WECONET_SOCKET_OPERATOR_KEY must be a private key: 32 bytes as 64 hex digits");
    operatorKey = key;
  }
  let anchorEverySeconds: number | undefined;
  const every = env.WECONET_SOCKET_ANCHOR_EVERY;
  if (every !== undefined && every !== "") {
    anchorEverySeconds = Number(every);
    if (!Number.isInteger(anchorEverySeconds) || anchorEverySeconds < 1) {
      throw new ConfigError(`WECONET_SOCKET_ANCHOR_EVERY must be a whole number of seconds (≥ 1), not "${every}"`);
    }
    if (operatorKey === undefined)
      throw new ConfigError("WECONET_SOCKET_ANCHOR_EVERY needs WECONET_SOCKET_OPERATOR_KEY (the key that anchors)");
  }
  const publicUrl = env.WECONET_SOCKET_PUBLIC_URL;
  if (publicUrl !== undefined && publicUrl !== "") {
    try {
      new URL(publicUrl);
    } catch {
      throw new ConfigError(
        `WECONET_SOCKET_PUBLIC_URL must be a URL such as https://socket.example.org, not "${publicUrl}"`,
      );
    }
  }
  const nonEmpty = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);
  const options: SocketOptions = { rpcUrl, deploymentDir, masterKey, port };
  const host = nonEmpty(env.WECONET_SOCKET_HOST);
  const dataDir = nonEmpty(env.WECONET_SOCKET_DATA);
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  const keysDatabaseUrl = nonEmpty(env.KEYS_DATABASE_URL);
  return {
    ...options,
    ...(host === undefined ? {} : { host }),
    ...(nonEmpty(publicUrl) === undefined ? {} : { publicUrl }),
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(keysDatabaseUrl === undefined ? {} : { keysDatabaseUrl }),
    ...(operatorKey === undefined ? {} : { operatorKey }),
    ...(anchorEverySeconds === undefined ? {} : { anchorEverySeconds }),
  };
}
