import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import type { DemoPeople } from "./network.js";
import { DEMO_ROSTER, type DemoName } from "./roster.js";

/** The demo's people from the local node's accounts, in the order of the roster. */
export function demoPeople(signers: readonly HardhatEthersSigner[]): DemoPeople {
  const account = (name: DemoName): HardhatEthersSigner => {
    const index = DEMO_ROSTER.findIndex((person) => person.name === name);
    const signer = signers[DEMO_ROSTER[index]?.account ?? -1];
    if (signer === undefined) {
      throw new Error(`the local node has only ${signers.length} accounts; the demo needs ${DEMO_ROSTER.length}`);
    }
    return signer;
  };
  return {
    deployer: account("deployer"),
    manager: account("manager"),
    leaders: { lars: account("lars"), lena: account("lena") },
    developers: { daan: account("daan"), dina: account("dina") },
    members: {
      alice: account("alice"),
      bob: account("bob"),
      carol: account("carol"),
      dave: account("dave"),
      eve: account("eve"),
    },
    applicant: account("applicant"),
  };
}
