import { encodeBytes32String, id, keccak256, toUtf8Bytes } from "ethers";

import type { DemoNetwork } from "./network.js";

const DEVELOPER_ROLE = id("DEVELOPER_ROLE");

/** The content hash of a demo member's off-chain profile document (the chain never sees the document). */
export function demoProfile(label: string): string {
  return keccak256(toUtf8Bytes(`weconet-demo-profile:${label}`));
}

/** A proposal: calls on governed contracts plus the human-readable description members vote on. */
interface Proposal {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
}

/**
 * The core of the demo network: members admitted through applications, two community developers, resources
 * that turn members into organisations, one rule change carried through propose → vote → queue → execute,
 * and one proposal left open for voting.
 */
export async function seedCoreDemo(net: DemoNetwork): Promise<void> {
  const { contracts: c, people } = net;
  const { lars } = people.leaders;
  const { alice, bob, carol, dave, eve } = people.members;
  const { daan, dina } = people.developers;

  const newcomers = { alice, bob, carol, dave, eve, daan, dina };
  for (const [name, person] of Object.entries(newcomers)) {
    await (await c.membership.connect(person).applyForMembership(demoProfile(name))).wait();
    await (await c.membership.connect(lars).admit(person.address)).wait();
  }
  net.log(`members: ${Object.keys(newcomers).join(", ")} applied and were admitted by leader lars`);
  await (await c.membership.connect(people.applicant).applyForMembership(demoProfile("applicant"))).wait();
  net.log(`applicant ${people.applicant.address} has applied and waits for a leader`);

  for (const developer of [daan, dina]) {
    await (await c.membership.connect(lars).grantRole(DEVELOPER_ROLE, developer.address)).wait();
  }
  net.log("developers: daan and dina were granted the community developer role by lars");

  const classId = (name: string) => c.taxonomy.attributeId(name);
  const resources: [typeof alice, string, string][] = [
    [alice, "bike", "alice's cargo bike"],
    [alice, "courier_service", "alice's bike courier service"],
    [bob, "desk", "bob's co-working desks"],
    [bob, "meeting_room", "bob's meeting room"],
    [carol, "dataset", "carol's city mobility dataset"],
  ];
  for (const [owner, className, description] of resources) {
    await (await c.resources.connect(owner).register(await classId(className), id(description))).wait();
    net.log(`resource: ${description} (class ${className})`);
  }

  // A rule change through the whole lifecycle: the members raise the market fee from 1% to 1.5%.
  const feeKey = encodeBytes32String("marketFeeBps");
  const raiseFee: Proposal = {
    targets: [await c.networkRules.getAddress()],
    values: [0n],
    calldatas: [c.networkRules.interface.encodeFunctionData("setRule", [feeKey, 150n])],
    description:
      "# Raise the market fee to 1.5%\n\nThe treasury pays for the shared data socket's hosting; 1% no longer covers it.",
  };
  const proposalId = await propose(net, alice, raiseFee);
  await net.increaseTime(Number(await c.governor.votingDelay()) + 1);
  for (const voter of [alice, bob, carol, dave, people.leaders.lena]) {
    await (await c.governor.connect(voter).castVote(proposalId, 1)).wait();
  }
  await (
    await c.governor.connect(eve).castVoteWithReason(proposalId, 0, "Fees should stay as low as possible.")
  ).wait();
  await net.increaseTime(Number(await c.governor.proposalDeadline(proposalId)) - (await now(net)) + 1);
  const descriptionHash = id(raiseFee.description);
  await (
    await c.governor.connect(alice).queue(raiseFee.targets, raiseFee.values, raiseFee.calldatas, descriptionHash)
  ).wait();
  await net.increaseTime(Number(await c.timelock.getMinDelay()) + 1);
  await (
    await c.governor.connect(alice).execute(raiseFee.targets, raiseFee.values, raiseFee.calldatas, descriptionHash)
  ).wait();
  net.log(
    `rule change: market fee 1% → ${Number(await c.networkRules.marketFeeBps()) / 100}% (proposed, voted 5–1, queued, executed)`,
  );

  // An open vote for members to take part in: a longer dispute window.
  const longerDisputes: Proposal = {
    targets: [await c.networkRules.getAddress()],
    values: [0n],
    calldatas: [
      c.networkRules.interface.encodeFunctionData("setRule", [encodeBytes32String("disputeWindow"), 10n * 86_400n]),
    ],
    description:
      "# Extend the dispute window to 10 days\n\nConsumers of weekly services need more than 7 days to notice a problem.",
  };
  const openId = await propose(net, bob, longerDisputes);
  await net.increaseTime(Number(await c.governor.votingDelay()) + 1);
  await (await c.governor.connect(bob).castVote(openId, 1)).wait();
  net.log(`open proposal: "Extend the dispute window to 10 days" is active (1 vote for) — id ${openId}`);
}

async function propose(net: DemoNetwork, proposer: DemoNetwork["people"]["deployer"], p: Proposal): Promise<bigint> {
  const governor = net.contracts.governor;
  await (await governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description)).wait();
  return governor.hashProposal(p.targets, p.values, p.calldatas, id(p.description));
}

async function now(net: DemoNetwork): Promise<number> {
  return Number(await net.contracts.membership.clock());
}
