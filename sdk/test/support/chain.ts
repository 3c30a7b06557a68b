/**
 * The SDK tests' chain: a Hardhat node on a free port with the whole network deployed by the real Ignition module
 * and parameters (deploy/parameters/localhost.json), exactly as `npm start` does, with the journal in a
 * deployment directory of its own. Run by the Vitest global setup (`hardhat run`); prints one line with the URL
 * and the deployment directory, then serves until it is killed.
 */
import { rmSync } from "node:fs";
import path from "node:path";

import { network } from "hardhat";

import WeconetModule from "../../../deploy/modules/Weconet.js";

const deploymentId = `sdk-test-${process.pid}`;
const deploymentDir = path.join("deploy", "deployments", deploymentId);
const server = await network.createServer("node", "127.0.0.1", 0);
const { port } = await server.listen();
const url = `http://127.0.0.1:${port}`;
const { ignition } = await network.create({ network: "localhost", override: { url } });
await ignition.deploy(WeconetModule, {
  parameters: path.resolve("deploy", "parameters", "localhost.json"),
  deploymentId,
});

const stop = () => {
  rmSync(deploymentDir, { recursive: true, force: true });
  void server.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
console.log(`WECONET_TEST_CHAIN ${JSON.stringify({ url, deploymentDir })}`);
await server.afterClosed();
