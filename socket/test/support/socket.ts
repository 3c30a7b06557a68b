import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createSocketClient, type SocketClient, type SocketSession } from "@weconet/sdk";
import { createWalletClient, http, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { startSocket, type RunningSocket, type SocketOptions } from "../../src/index.js";
import { chain, deploymentDirectory, rpcUrl, testClient } from "../../../sdk/test/support/weconet.js";

/** A fresh data socket on a free port against the test chain: its own folders (PGlite) or databases (PostgreSQL). */
export interface TestSocket {
  socket: RunningSocket;
  client: SocketClient;
  operator: Address;
  dir: string;
  options: SocketOptions;
  stop: () => Promise<void>;
}

export async function startTestSocket(
  overrides: Partial<SocketOptions> & { postgres?: { dataUrl: string; keysUrl: string } } = {},
): Promise<TestSocket> {
  const dir = mkdtempSync(path.join(tmpdir(), "weconet-socket-"));
  const operatorKey: Hex = overrides.operatorKey ?? generatePrivateKey();
  const operator = privateKeyToAccount(operatorKey).address;
  // The operator pays for anchoring.
  await testClient.setBalance({ address: operator, value: 10n ** 20n });
  const { postgres, ...rest } = overrides;
  const options: SocketOptions = {
    port: 0,
    rpcUrl,
    deploymentDir: deploymentDirectory,
    dataDir: path.join(dir, "data"),
    keysDir: path.join(dir, "keys"),
    masterKey: crypto.getRandomValues(new Uint8Array(32)),
    operatorKey,
    ...(postgres === undefined ? {} : { databaseUrl: postgres.dataUrl, keysDatabaseUrl: postgres.keysUrl }),
    ...rest,
  };
  const socket = await startSocket(options);
  return {
    socket,
    client: createSocketClient({ url: socket.listenUrl }),
    operator,
    dir,
    options,
    stop: async () => {
      await socket.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs `address` (a development account the node signs for) in to the socket. */
export function signIn(client: SocketClient, address: Address): Promise<SocketSession> {
  return client.signIn({ walletClient: createWalletClient({ account: address, chain, transport: http(rpcUrl) }) });
}
