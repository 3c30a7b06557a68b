import { addressOf, type DemoNetwork } from "./network.js";

/** The text of a demo member's off-chain profile document: only its hash goes on-chain. */
export function demoProfile(label: string): string {
  return `weconet-demo-profile:${label}`;
}

/**
 * The core of the demo network: members admitted through applications (their votes activated after the
 * probation period), two community developers, resources
 * that turn members into organisations, one rule change carried through propose → vote → queue → execute,
 * and one proposal left open for voting. Everything goes through the SDK, as a dApp or a script would.
 */
export async function seedCoreDemo(net: DemoNetwork): Promise<void> {
  const { people } = net;
  const { lars, lena } = people.leaders;
  const { alice, bob, carol, dave, eve } = people.members;
  const { daan, dina } = people.developers;
  const leader = net.as(lars);

  const newcomers = { alice, bob, carol, dave, eve, daan, dina };
  for (const [name, person] of Object.entries(newcomers)) {
    await net.as(person).membership.apply({ profile: demoProfile(name) });
    await leader.membership.admit({ applicant: addressOf(person) });
  }
  net.log(`members: ${Object.keys(newcomers).join(", ")} applied and were admitted by leader lars`);
  // A newcomer's vote counts only after the probation period (so the members can react to admissions first);
  // the demo moves the clock past it and activates each vote, as anyone may.
  await net.increaseTime(BigInt(await net.weconet.contracts.networkRules.read.probationPeriod()) + 1n);
  for (const person of Object.values(newcomers)) {
    await leader.membership.activateVote({ member: addressOf(person) });
  }
  net.log("votes: after the probation period, the newcomers' votes were activated");
  await net.as(people.applicant).membership.apply({ profile: demoProfile("applicant") });
  net.log(`applicant ${people.applicant.address} has applied and waits for a leader`);

  for (const developer of [daan, dina]) {
    await leader.membership.grantDeveloper({ account: addressOf(developer) });
  }
  net.log("developers: daan and dina were granted the community developer role by lars");

  const resources: [typeof alice, string, string][] = [
    [alice, "bike", "alice's cargo bike"],
    [alice, "courier_service", "alice's bike courier service"],
    [bob, "desk", "bob's co-working desks"],
    [bob, "meeting_room", "bob's meeting room"],
    [carol, "dataset", "carol's city mobility dataset"],
  ];
  for (const [owner, resourceClass, description] of resources) {
    await net.as(owner).resources.register({ resourceClass, metadata: description });
    net.log(`resource: ${description} (class ${resourceClass})`);
  }

  // A rule change through the whole lifecycle: the members raise the market fee from 1% to 1.5%.
  const { governor, timelock, networkRules } = net.weconet.contracts;
  const { proposalId } = await net.as(alice).governance.proposeRuleChange({
    rule: "marketFeeBps",
    value: 150n,
    title: "Raise the market fee to 1.5%",
    rationale: "The treasury pays for the shared data socket's hosting; 1% no longer covers it.",
  });
  await net.increaseTime((await governor.read.votingDelay()) + 1n);
  for (const voter of [alice, bob, carol, dave, lena]) {
    await net.as(voter).governance.vote({ proposalId, support: "for" });
  }
  await net.as(eve).governance.vote({ proposalId, support: "against", reason: "Fees should stay as low as possible." });
  await net.increaseTime((await governor.read.proposalDeadline([proposalId])) - (await now(net)) + 1n);
  await net.as(alice).governance.queue({ proposalId });
  await net.increaseTime((await timelock.read.getMinDelay()) + 1n);
  await net.as(alice).governance.execute({ proposalId });
  net.log(
    `rule change: market fee 1% → ${(await networkRules.read.marketFeeBps()) / 100}% (proposed, voted 5–1, queued, executed)`,
  );

  // An open vote for members to take part in: a longer dispute window.
  const open = await net.as(bob).governance.proposeRuleChange({
    rule: "disputeWindow",
    value: 10n * 86_400n,
    title: "Extend the dispute window to 10 days",
    rationale: "Consumers of weekly services need more than 7 days to notice a problem.",
  });
  await net.increaseTime((await governor.read.votingDelay()) + 1n);
  await net.as(bob).governance.vote({ proposalId: open.proposalId, support: "for" });
  net.log(`open proposal: "Extend the dispute window to 10 days" is active (1 vote for) — id ${open.proposalId}`);
}

async function now(net: DemoNetwork): Promise<bigint> {
  return BigInt(await net.weconet.contracts.membership.read.clock());
}
