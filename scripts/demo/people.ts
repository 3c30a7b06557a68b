import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import type { DemoPeople } from "./network.js";

/** The demo's people from the local node's accounts, in the order deploy/parameters/localhost.json expects. */
export function demoPeople(signers: readonly HardhatEthersSigner[]): DemoPeople {
  const account = (i: number): HardhatEthersSigner => {
    const signer = signers[i];
    if (signer === undefined) throw new Error(`the local node has only ${signers.length} accounts; the demo needs 12`);
    return signer;
  };
  return {
    deployer: account(0),
    manager: account(1),
    leaders: { lars: account(2), lena: account(3) },
    developers: { daan: account(4), dina: account(5) },
    members: { alice: account(6), bob: account(7), carol: account(8), dave: account(9), eve: account(10) },
    applicant: account(11),
  };
}

/** Who is who, for the printout: role label per person. */
export function describePeople(people: DemoPeople): [string, string, HardhatEthersSigner][] {
  return [
    ["deployer", "deployed the network; holds no power afterwards", people.deployer],
    ["manager", "network manager (founder)", people.manager],
    ["lars", "network leader (founder)", people.leaders.lars],
    ["lena", "network leader (founder)", people.leaders.lena],
    ["daan", "community developer", people.developers.daan],
    ["dina", "community developer", people.developers.dina],
    ["alice", "member, runs a bike courier service", people.members.alice],
    ["bob", "member, runs a co-working space", people.members.bob],
    ["carol", "member, publishes datasets", people.members.carol],
    ["dave", "member, consumer", people.members.dave],
    ["eve", "member, consumer", people.members.eve],
    ["applicant", "applied, waiting to be admitted", people.applicant],
  ];
}
