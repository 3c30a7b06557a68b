/**
 * The main job: a live local Weconet network. Starts a chain on 127.0.0.1, deploys the whole network with
 * the Ignition module, seeds the demo network, serves the dApp (production build, rebuilt only when its sources
 * changed; built while the chain is deployed and seeded), prints what it created and how to connect, and keeps
 * running until stopped (Ctrl-C, or SIGTERM/SIGHUP to the npm process, stops the chain, the data socket, the indexer
 * and the dApp; so does losing the parent process, see {@link watchParent}). The data socket starts
 * beside the chain once it is deployed; the demo stores its people's (fictional) values and its documents in it. The
 * indexer (Ponder, embedded PGlite) starts once the network is deployed and folds the demo's events as they come;
 * the dApp's lists read it.
 *
 * Run with `npm start`. Ports: WECONET_PORT (chain, default 8545), WECONET_DAPP_PORT (dApp, default 3000),
 * WECONET_SOCKET_PORT (data socket, default 8600), WECONET_INDEXER_PORT (indexer, default 42069).
 * WECONET_DEPLOYMENT_ID puts the deployment in deploy/deployments/<id> instead of chain-31337 (the end-to-end
 * tests use it so as not to disturb a running `npm start`). The hints it prints name these ports and that deployment.
 *
 * It deletes a deployment journal only if it wrote it (see {@link forgetStaleLocalDeployment}): a journal without its
 * marker may be another node's, and the run stops with a message instead.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import { config, network } from "hardhat";
import { keccak256, stringToHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { createSocketClient, indexerSource } from "@weconet/sdk";
import { CLI_DEFAULT_RPC, loadDeployment } from "@weconet/sdk/node";
import { startIndexer, type RunningIndexer } from "@weconet/indexer";
import { startSocket } from "@weconet/socket";

import WeconetModule from "../deploy/modules/Weconet.js";
import { ROUTE_PLANNER_KEY } from "./demo/access.js";
import { seedDataDemo } from "./demo/data.js";
import { seedDemo } from "./demo/index.js";
import { demoNetwork } from "./demo/network.js";
import { demoPeople } from "./demo/people.js";
import { devAccounts } from "./demo/roster.js";
import { buildDapp, startDapp, type RunningDapp } from "./dapp.js";
import { demoSignIn, devMasterKey, freshSocketDir, SOCKET_HOME, socketOperatorKey } from "./socket.js";

const HOST = "127.0.0.1";
const PORT = Number.parseInt(process.env.WECONET_PORT ?? "8545", 10);
const RPC_URL = `http://${HOST}:${PORT}`;
const CHAIN_ID = 31337;
const DEPLOYMENT_ID = process.env.WECONET_DEPLOYMENT_ID ?? `chain-${CHAIN_ID}`;
const DEPLOYMENT_DIR = path.join("deploy", "deployments", DEPLOYMENT_ID);
// Written into DEPLOYMENT_DIR before deploying: the journal beside it is this command's, and a later run may delete it.
const MARKER_FILE = path.join(DEPLOYMENT_DIR, ".weconet-start.json");
// Where the demo publishes its off-chain documents (offer descriptions), each named by its keccak-256 hash.
const DOCUMENTS_DIR = path.join(DEPLOYMENT_DIR, "documents");
const DAPP_PORT = Number.parseInt(process.env.WECONET_DAPP_PORT ?? "3000", 10);
const SOCKET_PORT = Number.parseInt(process.env.WECONET_SOCKET_PORT ?? "8600", 10);
const SOCKET_URL = `http://${HOST}:${SOCKET_PORT}`;
const INDEXER_PORT = Number.parseInt(process.env.WECONET_INDEXER_PORT ?? "42069", 10);
// The indexer's embedded database and log (the chain is new on every start: so is its data).
const INDEXER_HOME = path.join(".weconet", "indexer", DEPLOYMENT_ID);
// The demo's people (names, roles, development accounts) as data beside the deployment: the dApp reads this file.
const PEOPLE_FILE = path.join(".weconet", "demo", DEPLOYMENT_ID, "people.json");

/** A refusal to go on that the user can act on: printed as its message alone, without a stack. */
class Refusal extends Error {}

// The production build needs no chain: it runs while the chain is started, deployed and seeded. (Started before the
// signal handlers below are installed, with no await in between: a signal is handled only once this code has run.)
const dappBuild = buildDapp();
// Reported when awaited below; this keeps an early failure from being an unhandled rejection meanwhile.
dappBuild.done.catch(() => undefined);

// Everything else this command starts, as it starts: `shutdown` stops whatever of it runs.
let server: Awaited<ReturnType<typeof network.createServer>> | undefined;
let dapp: RunningDapp | undefined;
let socket: Awaited<ReturnType<typeof startSocket>> | undefined;
let indexerStart: Promise<RunningIndexer> | undefined;
const indexerAbort = new AbortController();
let stopping: Promise<never> | undefined;
/**
 * Stops the dApp (or its build), the indexer, the socket and the chain, then exits: on a signal, when the parent
 * process is gone, and on any failure (nothing is left behind). Asked again while stopping, it waits for the same stop.
 */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    await dappBuild.cancel();
    await dapp?.stop();
    indexerAbort.abort();
    await indexerStart?.then(
      (indexer) => indexer.stop(),
      () => undefined,
    );
    await socket
      ?.stop()
      .catch((error: unknown) => console.error(`weconet: stopping the data socket: ${String(error)}`));
    await server?.close().catch(() => undefined);
    process.exit(code);
  })();
  return stopping;
}
// Installed before anything starts: the dApp's build, the dApp, the indexer run in process groups of their own, which
// a signal to this process (or to npm's) never reaches, so this process must stop them.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (stopping === undefined) {
      console.log(`\nweconet: ${signal}: stopping the dApp, the indexer, the data socket and the local chain.`);
    }
    void shutdown(0);
  });
}
watchParent();

try {
  server = await network.createServer("node", HOST, PORT);
  await server.listen();
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(
    `weconet: cannot listen on ${RPC_URL} (${reason}).\n` +
      `Is another node or 'npm start' already running? Stop it, or choose another port: WECONET_PORT=8546 npm start`,
  );
  await shutdown(1);
}

try {
  const connection = await network.create({ network: "localhost", override: { url: RPC_URL } });
  const { ethers, ignition } = connection;
  await forgetStaleLocalDeployment(
    ((await ethers.provider.send("hardhat_metadata", [])) as { instanceId: string }).instanceId,
  );
  const people = demoPeople(await ethers.getSigners());

  console.log(`weconet: deploying to ${RPC_URL} …`);
  await ignition.deploy(WeconetModule, {
    parameters: localParameters(),
    deploymentId: DEPLOYMENT_ID,
  });
  // The SDK reads the deployment straight from Ignition's output, as the CLI and the dApp do.
  const deployment = loadDeployment({ chainId: CHAIN_ID, dir: DEPLOYMENT_DIR });

  // Ponder takes a while to start (its database, its build): it starts now and folds the demo's events as they come.
  console.log(`weconet: starting the indexer on port ${INDEXER_PORT} …`);
  indexerStart = startIndexer({
    deploymentDir: DEPLOYMENT_DIR,
    rpcUrl: RPC_URL,
    host: HOST,
    port: INDEXER_PORT,
    database: { kind: "pglite", directory: path.join(INDEXER_HOME, "pglite") },
    fresh: true,
    logFile: path.join(INDEXER_HOME, "ponder.log"),
    signal: indexerAbort.signal,
  });
  // Reported when awaited below; this keeps an early failure from being an unhandled rejection meanwhile.
  indexerStart.catch(() => undefined);

  console.log(`weconet: starting the data socket on port ${SOCKET_PORT} …`);
  socket = await startSocket({
    host: HOST,
    port: SOCKET_PORT,
    publicUrl: SOCKET_URL,
    rpcUrl: RPC_URL,
    deploymentDir: DEPLOYMENT_DIR,
    ...socketStorage(freshSocketDir(DEPLOYMENT_ID)),
    masterKey: devMasterKey(),
    operatorKey: socketOperatorKey(),
  }).catch((error: unknown) => {
    throw new Error(
      `the data socket could not start on port ${SOCKET_PORT} (is it taken? choose another: WECONET_SOCKET_PORT=8601 npm start): ` +
        (error instanceof Error ? error.message : String(error)),
    );
  });

  const demoLog: string[] = [];
  const documents: string[] = [];
  const demo = demoNetwork({
    provider: connection.provider,
    deployment,
    people,
    async increaseTime(seconds) {
      await ethers.provider.send("evm_increaseTime", [seconds]);
      await ethers.provider.send("evm_mine", []);
    },
    log: (line) => demoLog.push(line),
    // The demo's own modules (DemoEuro) join the network's deployment, so a run in a deployment of its own (the
    // end-to-end tests) never reuses a journal written for another chain.
    ignition: Object.assign(Object.create(ignition) as typeof ignition, {
      deploy: ((module, options) =>
        ignition.deploy(module, { ...options, deploymentId: DEPLOYMENT_ID })) as typeof ignition.deploy,
    }),
    publish(document) {
      // Into the data socket after the seeding (below); into a folder, too, for `weconet match --documents`.
      documents.push(document);
      mkdirSync(DOCUMENTS_DIR, { recursive: true });
      writeFileSync(path.join(DOCUMENTS_DIR, `${keccak256(stringToHex(document))}.json`), document);
    },
  });
  console.log("weconet: seeding the demo network …");
  await seedDemo(demo);
  // Each demo person signs in to the socket with their own development key, as in the dApp.
  const keys = [...devAccounts().map((a) => privateKeyToAccount(a.privateKey)), ROUTE_PLANNER_KEY];
  const socketClient = createSocketClient({ url: socket.url });
  await seedDataDemo(demo, { client: socketClient, signIn: demoSignIn(socketClient, RPC_URL, keys) }, documents);
  // The operator anchors the receipt logs once, so an auditor can check them against the chain from the start.
  const anchored = await socket.anchor();
  if (anchored !== undefined) {
    demoLog.push(
      `socket: the operator anchored the receipt logs on-chain (ReceiptAnchors): ${anchored.receipts} receipts, root ${anchored.root.slice(0, 10)}…, block ${anchored.block}`,
    );
  }

  const indexer = await indexerStart.catch((error: unknown) => {
    throw new Error(
      `the indexer could not start (its log: ${INDEXER_HOME}/ponder.log): ` +
        (error instanceof Error ? error.message : String(error)),
    );
  });
  if (indexer.url !== `http://${HOST}:${INDEXER_PORT}`) {
    console.log(`weconet: port ${INDEXER_PORT} was taken: the indexer serves ${indexer.url}`);
  }
  indexer.child.once("exit", (code, signal) => {
    if (stopping !== undefined) return;
    console.error(
      `weconet: the indexer stopped unexpectedly (${code ?? signal}; its log: ${INDEXER_HOME}/ponder.log); stopping the rest.`,
    );
    void shutdown(1);
  });
  // The dApp's lists read the indexer: it first folds every event of the demo.
  await caughtUp(indexer.url, BigInt(await ethers.provider.getBlockNumber()));
  writeDemoPeople(deployment.contracts.membership);

  console.log("weconet: starting the dApp …");
  if (await dappBuild.done) console.log("weconet: built the dApp (production build)");
  dapp = await startDapp({
    host: HOST,
    port: DAPP_PORT,
    rpcUrl: RPC_URL,
    deploymentDir: DEPLOYMENT_DIR,
    socketUrl: socket.url,
    indexerUrl: indexer.url,
    peopleFile: path.resolve(PEOPLE_FILE),
  }).catch((error: unknown) => {
    throw new Error(
      `the dApp could not start on port ${DAPP_PORT} (is it taken? choose another: WECONET_DAPP_PORT=3001 npm start): ` +
        (error instanceof Error ? error.message : String(error)),
    );
  });
  dapp.child.once("exit", (code, signal) => {
    if (stopping !== undefined) return;
    console.error(
      `weconet: the dApp server stopped unexpectedly (${code ?? signal}); stopping the socket and the chain.`,
    );
    void shutdown(1);
  });

  const lines = [
    "",
    "Weconet is running — a local network with members, roles, rules, a taxonomy, data connections and a market.",
    "",
    `  dApp        ${dapp.url}   (open it in a browser: connect a development account or your wallet)`,
    `  JSON-RPC    ${RPC_URL}   (chain id ${CHAIN_ID})`,
    `  socket      ${socket.url}   (the data socket: members' values, receipts, documents; API reference ${socket.url}/docs)`,
    `  socket data ${SOCKET_HOME}/${DEPLOYMENT_ID}   (PGlite, encrypted; master key ${SOCKET_HOME}/master.key)`,
    `  indexer     ${indexer.url}   (GraphQL ${indexer.url}/graphql: the rows every list reads; status ${indexer.url}/weconet/status)`,
    `  index data  ${INDEXER_HOME}   (Ponder on PGlite; its log ponder.log)`,
    `  deployment  ${DEPLOYMENT_DIR}/deployed_addresses.json`,
    `  documents   ${DOCUMENTS_DIR}   (the offers' documents, named by their hashes, for weconet offers --match; also in the socket)`,
    `  people      ${PEOPLE_FILE}   (the demo's people and their development accounts, as the dApp offers them)`,
    "",
    "Contracts:",
    ...Object.entries(deployment.contracts).map(([name, address]) => `  ${name.padEnd(14)} ${address}`),
    "",
    "Demo network:",
    ...demoLog.map((line) => `  - ${line}`),
    "",
    "People (development accounts; import a key into your wallet to act as them):",
    ...devAccounts().map(
      ({ name, role, address, privateKey }) => `  ${name.padEnd(10)} ${address}  ${privateKey}  ${role}`,
    ),
    "",
    `Connect a wallet: add the network "Weconet local" with RPC ${RPC_URL} and chain id ${CHAIN_ID}.`,
    "These keys are public: never send real funds to them. Stop with Ctrl-C (or SIGTERM to npm): it stops the chain, the",
    "socket, the indexer and the dApp.",
    "",
    "In another terminal (the CLI, see docs/sdk.md):",
    ...["status", "offers", "audit verify"].map((command) => `  ${cliCommand(command)}`),
    `  ${cliCommand("audit verify", indexer.url)}   (the lists read the indexer; verify checks its tables too)`,
    "",
  ];
  console.log(lines.join("\n"));
} catch (error) {
  if (stopping === undefined) {
    const message =
      error instanceof Refusal
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    console.error(`weconet: ${message}`);
  }
  await shutdown(1);
}

/**
 * A CLI command that reaches this run (and, given its URL, reads this run's indexer): the CLI's defaults are the
 * default chain port and deployment (deploy/deployments/chain-31337), so whatever differs is set in front of it, in
 * the CLI's own environment variables (they hold whichever way its options are parsed).
 */
function cliCommand(command: string, indexerUrl?: string): string {
  // The hints name the node only when this run is elsewhere than the CLI's default.
  const settings = [
    ...(RPC_URL === CLI_DEFAULT_RPC ? [] : [`WECONET_RPC_URL=${RPC_URL}`]),
    ...(DEPLOYMENT_ID === `chain-${CHAIN_ID}` ? [] : [`WECONET_DEPLOYMENT=${DEPLOYMENT_DIR}`]),
    ...(indexerUrl === undefined ? [] : [`WECONET_INDEXER_URL=${indexerUrl}`]),
  ];
  return [...settings, "npx weconet", command].join(" ");
}

/**
 * Stops everything when the parent process goes away. npm runs this command through `sh -c`, and a shell between
 * npm and this process may exit on a signal without passing it on (package.json's `exec` avoids that shell, but
 * other wrappers may not): this process is then re-parented, and stops rather than keep the ports.
 */
function watchParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && stopping === undefined) {
      console.log("weconet: the process that started this one is gone: stopping everything.");
      void shutdown(0);
    }
  }, 500).unref();
}

/**
 * The local deployment's parameters, with the network's default socket (SocketDirectory) at this run's socket: the
 * dApp and the CLI find members' data through the chain, so it must name the port actually used.
 */
function localParameters(): DeploymentParameters {
  const parameters = JSON.parse(
    readFileSync(path.resolve("deploy", "parameters", "localhost.json"), "utf8"),
  ) as DeploymentParameters;
  return { ...parameters, WeconetSocket: { ...parameters.WeconetSocket, defaultSocket: SOCKET_URL } };
}

/** Waits until the indexer at `url` has applied block `head` (a minute at most; then the dApp shows what it has). */
async function caughtUp(url: string, head: bigint): Promise<void> {
  const source = indexerSource(url);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if ((await source.block()) >= head) return;
    if (Date.now() > deadline) {
      console.warn(`weconet: the indexer has not reached block ${head} within a minute; the dApp shows what it has`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Writes the demo's people next to the deployment (see PEOPLE_FILE), naming the deployment they belong to: the dApp
 * offers them as development accounts only on that deployment.
 */
function writeDemoPeople(membership: string): void {
  mkdirSync(path.dirname(PEOPLE_FILE), { recursive: true });
  const people = devAccounts().map(({ name, role, address, privateKey }) => ({ name, role, address, privateKey }));
  writeFileSync(PEOPLE_FILE, `${JSON.stringify({ chainId: CHAIN_ID, membership, people }, null, 2)}\n`);
}

/** The socket's two databases in the deployment's folder: the values and receipts, and (apart) the data keys. */
function socketStorage(dir: string): { dataDir: string; keysDir: string } {
  return { dataDir: path.join(dir, "data"), keysDir: path.join(dir, "keys") };
}

/**
 * The chain is new, so a journal from an earlier node is stale. Ignition's own CLI decides this by the
 * node's instance id, recorded in the cache: do the same, and record this node, so that
 * `hardhat ignition deploy --network localhost` against it later reuses this deployment.
 *
 * A stale journal is deleted only if this command wrote it (its marker, MARKER_FILE, is beside it): the same folder
 * may hold a deployment to another node on chain 31337 (`hardhat node`, anvil) made with Ignition's own CLI, which
 * nothing here could rebuild. Then the run stops with what to do. The marker is written before deploying.
 */
async function forgetStaleLocalDeployment(instanceId: string): Promise<void> {
  const instancesFile = path.join(config.paths.cache, ".hardhat-network-instances.json");
  const instances = existsSync(instancesFile)
    ? (JSON.parse(readFileSync(instancesFile, "utf8")) as Record<string, string>)
    : {};
  if (instances[DEPLOYMENT_ID] !== instanceId) {
    const holdsDeployment = ["journal.jsonl", "deployed_addresses.json"].some((file) =>
      existsSync(path.join(DEPLOYMENT_DIR, file)),
    );
    if (holdsDeployment && !existsSync(MARKER_FILE)) {
      throw new Refusal(
        `${DEPLOYMENT_DIR} holds a deployment that npm start did not write (there is no ${path.basename(MARKER_FILE)} ` +
          `beside its journal): perhaps one made with \`hardhat ignition deploy\` against another node on chain ` +
          `${CHAIN_ID}, or by an npm start older than this marker. npm start deletes only its own journals, so it ` +
          `stops here and touches nothing. Move the folder away (or delete it if you no longer need it), or give ` +
          `this run a deployment of its own: WECONET_DEPLOYMENT_ID=local-2 npm start`,
      );
    }
    rmSync(DEPLOYMENT_DIR, { recursive: true, force: true });
  }
  instances[DEPLOYMENT_ID] = instanceId;
  mkdirSync(path.dirname(instancesFile), { recursive: true });
  writeFileSync(instancesFile, JSON.stringify(instances, null, 2));
  mkdirSync(DEPLOYMENT_DIR, { recursive: true });
  const marker = { writtenBy: "npm start (scripts/start.ts)", rpcUrl: RPC_URL, chainId: CHAIN_ID, instanceId };
  writeFileSync(MARKER_FILE, `${JSON.stringify(marker, null, 2)}\n`);
}

await server?.afterClosed();
