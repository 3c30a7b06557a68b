import path from "node:path";

import { addressesOf, attachWeconet, type WeconetContracts } from "../../deploy/contracts.js";
import WeconetModule from "../../deploy/modules/Weconet.js";
import { demoNetwork, type DemoNetwork } from "../../scripts/demo/network.js";
import { demoPeople } from "../../scripts/demo/people.js";
import { sdkDeployment } from "./deployment.js";
import { connection, ethers, ignition, networkHelpers } from "./network.js";

/**
 * What `npm start` builds before seeding: the real module with the local parameters, the demo's people and the
 * SDK over the chain. `contracts` are the same contracts typed for ethers (for the tests' own checks); `lines`
 * collects what the seeding logs, `documents` what it publishes.
 */
export async function deployDemoNetwork(): Promise<{
  net: DemoNetwork;
  contracts: WeconetContracts;
  lines: string[];
  /** The off-chain documents the seeding published (offer descriptions). */
  documents: string[];
}> {
  const people = demoPeople(await ethers.getSigners());
  const fromBlock = BigInt(await ethers.provider.getBlockNumber()) + 1n;
  const deployed = await ignition.deploy(WeconetModule, {
    parameters: path.resolve("deploy", "parameters", "localhost.json"),
  });
  const lines: string[] = [];
  const documents: string[] = [];
  const net = demoNetwork({
    provider: connection.provider,
    deployment: await sdkDeployment(deployed, fromBlock),
    people,
    increaseTime: async (seconds) => {
      await networkHelpers.time.increase(seconds);
    },
    log: (line) => lines.push(line),
    ignition,
    publish: (document) => documents.push(document),
  });
  return { net, contracts: attachWeconet(await addressesOf(deployed), people.deployer), lines, documents };
}
