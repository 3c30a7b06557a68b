/**
 * `npm start -w indexer` / `npm run serve -w indexer`: the indexer on its own, configured by the environment (see
 * lib/environment.ts and the README): WECONET_DEPLOYMENT_DIR, WECONET_RPC_URL or PONDER_RPC_URL_<chainId>,
 * DATABASE_URL (+ DATABASE_SCHEMA, DATABASE_VIEWS_SCHEMA) or WECONET_INDEXER_DATA_DIR, WECONET_INDEXER_PORT.
 * Runs until Ctrl-C.
 */
import { databaseConfig, deploymentDir, indexedDeployment, indexerPort, rpcUrl } from "../lib/environment.js";
import { startIndexer } from "../lib/process.js";

const command = process.argv[2] === "serve" ? "serve" : "start";
const deployment = indexedDeployment();
const database = databaseConfig();
const indexer = await startIndexer({
  command,
  deploymentDir: deploymentDir(),
  rpcUrl: rpcUrl(deployment.chainId),
  host: process.env.WECONET_INDEXER_HOST ?? "127.0.0.1",
  port: indexerPort(),
  database:
    database.kind === "postgres"
      ? {
          kind: "postgres",
          url: database.connectionString,
          ...(process.env.DATABASE_SCHEMA ? { schema: process.env.DATABASE_SCHEMA } : {}),
          ...(process.env.DATABASE_VIEWS_SCHEMA ? { viewsSchema: process.env.DATABASE_VIEWS_SCHEMA } : {}),
        }
      : database,
  // Serving the API before the backfill is done is fine here: /ready says when it is.
  waitReady: false,
});
console.log(`weconet indexer: ponder ${command} serves ${indexer.url}/graphql (log: ${indexer.logFile})`);
let stopping = false;
const stop = () => {
  stopping = true;
  void indexer.stop().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
indexer.child.once("exit", (code) => {
  if (stopping) return;
  console.error(`weconet indexer: ponder exited (${code}); its last lines:\n${indexer.recentLog()}`);
  process.exit(code ?? 1);
});
