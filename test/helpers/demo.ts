import path from "node:path";

import { addressesOf, attachWeconet } from "../../deploy/contracts.js";
import WeconetModule from "../../deploy/modules/Weconet.js";
import type { DemoNetwork } from "../../scripts/demo/network.js";
import { demoPeople } from "../../scripts/demo/people.js";
import { ethers, ignition, networkHelpers } from "./network.js";

/**
 * What `npm start` builds before seeding: the real module with the local parameters and the demo's people.
 * `lines` collects what the seeding logs.
 */
export async function deployDemoNetwork(): Promise<{ net: DemoNetwork; lines: string[] }> {
  const people = demoPeople(await ethers.getSigners());
  const deployed = await ignition.deploy(WeconetModule, {
    parameters: path.resolve("deploy", "parameters", "localhost.json"),
  });
  const lines: string[] = [];
  const net: DemoNetwork = {
    contracts: attachWeconet(await addressesOf(deployed), people.deployer),
    people,
    increaseTime: async (seconds) => {
      await networkHelpers.time.increase(seconds);
    },
    log: (line) => lines.push(line),
    ignition,
  };
  return { net, lines };
}
