/**
 * The socket benchmark's service process: one real data socket (`startSocket`, exactly as `npm start` runs it) in
 * a process of its own, so that it has a core to itself and the load generator does not share its event loop.
 * Takes its options as JSON in WECONET_BENCH_SOCKET (the master key as hex), prints one line with its URL, and
 * serves until SIGTERM.
 */
import { hexToBytes, type Hex } from "viem";

import { startSocket } from "@weconet/socket";

interface ServeOptions {
  rpcUrl: string;
  deploymentDir: string;
  dataDir: string;
  keysDir: string;
  masterKey: Hex;
  operatorKey: Hex;
  checkAuthorization: boolean;
  databaseUrl?: string;
  keysDatabaseUrl?: string;
}

const raw = process.env.WECONET_BENCH_SOCKET;
if (raw === undefined) throw new Error("socket-serve: WECONET_BENCH_SOCKET (the options as JSON) is not set");
const options = JSON.parse(raw) as ServeOptions;
const socket = await startSocket({
  port: 0,
  rpcUrl: options.rpcUrl,
  deploymentDir: options.deploymentDir,
  dataDir: options.dataDir,
  keysDir: options.keysDir,
  masterKey: hexToBytes(options.masterKey),
  operatorKey: options.operatorKey,
  checkAuthorization: options.checkAuthorization,
  ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
  ...(options.keysDatabaseUrl === undefined ? {} : { keysDatabaseUrl: options.keysDatabaseUrl }),
});
const stop = () => {
  void socket.stop().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
console.log(`WECONET_BENCH_SOCKET_URL ${socket.url}`);
