/**
 * The indexer tests' chain: a Hardhat node on a free port with the whole network deployed by the real Ignition
 * module, seeded with the demo network exactly as `npm start` seeds it (members, governance, connections, market),
 * plus one receipt anchor (the demo's socket would make it). Run by the Vitest global setup (`hardhat run`); prints
 * one line with the URL and the deployment directory, then serves until it is killed.
 */
import { rmSync } from "node:fs";
import path from "node:path";

import { network } from "hardhat";
import { keccak256, stringToHex } from "viem";

import { loadDeployment } from "@weconet/sdk/node";

import WeconetModule from "../../../deploy/modules/Weconet.js";
import { seedDemo } from "../../../scripts/demo/index.js";
import { demoNetwork } from "../../../scripts/demo/network.js";
import { demoPeople } from "../../../scripts/demo/people.js";

const deploymentId = `indexer-test-${process.pid}`;
const deploymentDir = path.join("deploy", "deployments", deploymentId);
const server = await network.createServer("node", "127.0.0.1", 0);
const { port } = await server.listen();
const url = `http://127.0.0.1:${port}`;
const stop = () => {
  rmSync(deploymentDir, { recursive: true, force: true });
  void server.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

const connection = await network.create({ network: "localhost", override: { url } });
const { ethers, ignition } = connection;
await ignition.deploy(WeconetModule, {
  parameters: path.resolve("deploy", "parameters", "localhost.json"),
  deploymentId,
});
const deployment = loadDeployment({ chainId: 31337, dir: deploymentDir });
const people = demoPeople(await ethers.getSigners());
const started = Date.now();
const demo = demoNetwork({
  provider: connection.provider,
  deployment,
  people,
  async increaseTime(seconds) {
    await ethers.provider.send("evm_increaseTime", [seconds]);
    await ethers.provider.send("evm_mine", []);
  },
  log: () => undefined,
  // The demo's own modules (its play-money token) join this deployment, as in `npm start`.
  ignition: Object.assign(Object.create(ignition) as typeof ignition, {
    deploy: ((module, options) => ignition.deploy(module, { ...options, deploymentId })) as typeof ignition.deploy,
  }),
  publish: () => undefined,
});
await seedDemo(demo);
// What the demo's socket operator does once its receipts are in: anchor them (ReceiptAnchors).
await demo.as(people.deployer).sockets.anchor({ root: keccak256(stringToHex("indexer test receipts")), receipts: 3 });
console.error(`indexer test chain: seeded the demo in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`WECONET_TEST_CHAIN ${JSON.stringify({ url, deploymentDir: path.resolve(deploymentDir) })}`);
await server.afterClosed();
