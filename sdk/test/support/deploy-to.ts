/**
 * Deploys the whole network by the real Ignition module and parameters (deploy/parameters/localhost.json) to a
 * node that is already running (another node than the SDK tests' Hardhat chain, e.g. Foundry's anvil), as
 * `npm start` does, with the node's own development accounts. Run with `hardhat run`; the node's URL and the
 * deployment id come from the environment (WECONET_TEST_NODE_URL, WECONET_TEST_DEPLOYMENT_ID). Prints one line
 * with the deployment directory, then exits.
 */
import path from "node:path";

import { network } from "hardhat";

import WeconetModule from "../../../deploy/modules/Weconet.js";

const url = process.env.WECONET_TEST_NODE_URL;
const deploymentId = process.env.WECONET_TEST_DEPLOYMENT_ID;
if (url === undefined || deploymentId === undefined) {
  throw new Error("deploy-to.ts needs WECONET_TEST_NODE_URL and WECONET_TEST_DEPLOYMENT_ID");
}
const { ignition } = await network.create({ network: "localhost", override: { url } });
await ignition.deploy(WeconetModule, {
  parameters: path.resolve("deploy", "parameters", "localhost.json"),
  deploymentId,
});
const deploymentDir = path.resolve("deploy", "deployments", deploymentId);
console.log(`WECONET_TEST_DEPLOYMENT ${JSON.stringify({ deploymentDir })}`);
