/**
 * The main job: a live local Weconet network. Starts a chain on 127.0.0.1, deploys the whole network with
 * the Ignition module, seeds the demo network, prints what it created and how to connect, and keeps running
 * until stopped (Ctrl-C).
 *
 * Run with `npm start` (port: WECONET_PORT, default 8545).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { HDNodeWallet, Mnemonic } from "ethers";
import { config, network } from "hardhat";

import { keccak256, stringToHex } from "viem";

import { loadDeployment } from "@weconet/sdk/node";

import WeconetModule from "../deploy/modules/Weconet.js";
import { seedDemo } from "./demo/index.js";
import { demoNetwork } from "./demo/network.js";
import { demoPeople, describePeople } from "./demo/people.js";

const HOST = "127.0.0.1";
const PORT = Number.parseInt(process.env.WECONET_PORT ?? "8545", 10);
const RPC_URL = `http://${HOST}:${PORT}`;
const CHAIN_ID = 31337;
const DEPLOYMENT_DIR = path.join("deploy", "deployments", `chain-${CHAIN_ID}`);
// Where the demo publishes its off-chain documents (offer descriptions), each named by its keccak-256 hash.
const DOCUMENTS_DIR = path.join(DEPLOYMENT_DIR, "documents");
// Hardhat's well-known development mnemonic: these keys are public and only ever fund local chains.
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

const server = await network.createServer("node", HOST, PORT).catch((error: unknown) => {
  throw new Error(`could not start the local chain on ${RPC_URL}: ${String(error)}`);
});
try {
  await server.listen();
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(
    `weconet: cannot listen on ${RPC_URL} (${reason}).\n` +
      `Is another node or 'npm start' already running? Stop it, or choose another port: WECONET_PORT=8546 npm start`,
  );
  process.exit(1);
}

const connection = await network.create({ network: "localhost", override: { url: RPC_URL } });
const { ethers, ignition } = connection;
await forgetStaleLocalDeployment();
const signers = await ethers.getSigners();
const people = demoPeople(signers);

console.log(`weconet: deploying to ${RPC_URL} …`);
await ignition.deploy(WeconetModule, {
  parameters: path.resolve("deploy", "parameters", "localhost.json"),
});
// The SDK reads the deployment straight from Ignition's output, as the CLI and the dApp do.
const deployment = loadDeployment({ chainId: CHAIN_ID });
const addresses = deployment.contracts;

const demoLog: string[] = [];
const demo = demoNetwork({
  provider: connection.provider,
  deployment,
  people,
  async increaseTime(seconds) {
    await ethers.provider.send("evm_increaseTime", [seconds]);
    await ethers.provider.send("evm_mine", []);
  },
  log: (line) => demoLog.push(line),
  ignition,
  publish(document) {
    mkdirSync(DOCUMENTS_DIR, { recursive: true });
    writeFileSync(path.join(DOCUMENTS_DIR, `${keccak256(stringToHex(document))}.json`), document);
  },
});
console.log("weconet: seeding the demo network …");
await seedDemo(demo);

const keyOf = (address: string): string => {
  const mnemonic = Mnemonic.fromPhrase(DEV_MNEMONIC);
  for (let i = 0; i < 20; i++) {
    const wallet = HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`);
    if (wallet.address === address) return wallet.privateKey;
  }
  return "(not a development account)";
};

const lines = [
  "",
  "Weconet is running — a local network with members, roles, rules, a taxonomy, data connections and a market.",
  "",
  `  JSON-RPC    ${RPC_URL}   (chain id ${CHAIN_ID})`,
  `  deployment  ${DEPLOYMENT_DIR}/deployed_addresses.json`,
  `  documents   ${DOCUMENTS_DIR}   (the offers' off-chain documents, named by their hashes)`,
  "",
  "Contracts:",
  ...Object.entries(addresses).map(([name, address]) => `  ${name.padEnd(14)} ${address}`),
  "",
  "Demo network:",
  ...demoLog.map((line) => `  - ${line}`),
  "",
  "People (development accounts; import a key into your wallet to act as them):",
  ...describePeople(people).map(
    ([name, role, signer]) => `  ${name.padEnd(10)} ${signer.address}  ${keyOf(signer.address)}  ${role}`,
  ),
  "",
  `Connect a wallet: add the network "Weconet local" with RPC ${RPC_URL} and chain id ${CHAIN_ID}.`,
  "These keys are public: never send real funds to them. Stop with Ctrl-C.",
  "",
  "In another terminal: npx weconet status, npx weconet offers, npx weconet audit verify (see docs/sdk.md).",
  "",
];
console.log(lines.join("\n"));

/**
 * The chain is new, so a journal from an earlier node is stale. Ignition's own CLI decides this by the
 * node's instance id, recorded in the cache: do the same, and record this node, so that
 * `hardhat ignition deploy --network localhost` against it later reuses this deployment.
 */
async function forgetStaleLocalDeployment(): Promise<void> {
  const { instanceId } = (await ethers.provider.send("hardhat_metadata", [])) as { instanceId: string };
  const instancesFile = path.join(config.paths.cache, ".hardhat-network-instances.json");
  const instances = existsSync(instancesFile)
    ? (JSON.parse(readFileSync(instancesFile, "utf8")) as Record<string, string>)
    : {};
  const deploymentId = `chain-${CHAIN_ID}`;
  if (instances[deploymentId] !== instanceId) rmSync(DEPLOYMENT_DIR, { recursive: true, force: true });
  instances[deploymentId] = instanceId;
  mkdirSync(path.dirname(instancesFile), { recursive: true });
  writeFileSync(instancesFile, JSON.stringify(instances, null, 2));
}

const stop = () => {
  console.log("\nweconet: stopping the local chain.");
  void server.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
await server.afterClosed();
