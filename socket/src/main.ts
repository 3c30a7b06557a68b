/** `weconet-socket`: starts the data socket from the environment (see docs/socket.md) and serves until stopped. */
import { ConfigError, socketOptionsFromEnv } from "./env.js";
import { startSocket } from "./server.js";

try {
  const options = socketOptionsFromEnv();
  const socket = await startSocket(options);
  const storage =
    options.databaseUrl !== undefined ? "PostgreSQL" : `PGlite in ${options.dataDir ?? ".weconet/socket/data"}`;
  console.log(
    `weconet-socket: serving ${socket.url} (chain ${socket.deployment.chainId}, data in ${storage}); API reference at ${socket.url}/docs`,
  );
  const stop = () => {
    void socket.stop().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  console.error(`weconet-socket: cannot start: ${message}`);
  process.exit(1);
}
