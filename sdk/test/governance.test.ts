import { describe, expect, it } from "vitest";

import { ROLES } from "../src/index.js";
import {
  activateVotes,
  admitMember,
  as,
  increaseTime,
  isolateFile,
  latestTime,
  people,
  reader,
} from "./support/weconet.js";

isolateFile();

describe("governance actions", () => {
  const voters = [people.outsider(0), people.outsider(1), people.outsider(2)];

  it("carries a rule change through propose, vote (also by signature), queue and execute", async () => {
    for (const [i, voter] of voters.entries()) await admitMember(voter, `voter-${i}`);
    await activateVotes(voters);
    const [alice, bob, carol] = voters as [typeof people.manager, typeof people.manager, typeof people.manager];

    const proposed = await as(alice).governance.proposeRuleChange({
      rule: "marketFeeBps",
      value: 250n,
      title: "Raise the market fee to 2.5%",
      rationale: "The data socket's hosting needs it.",
    });
    const { proposalId } = proposed;
    const [created] = (await reader.reads.proposals()).items;
    expect(created?.id).toBe(proposalId);
    expect(created?.title).toBe("Raise the market fee to 2.5%");
    expect(created?.state).toBe("pending");
    // Before the snapshot neither the quorum nor the electorate is known: null, never "0 of 0".
    expect(created).toMatchObject({ quorum: null, eligible: null, voters: 0 });
    expect(created?.txs).toEqual({ proposed: proposed.hash, queued: null, executed: null, canceled: null });

    await increaseTime((await reader.contracts.governor.read.votingDelay()) + 1n);
    const aliceVote = await as(alice).governance.vote({ proposalId, support: "for" });
    await as(people.lars).governance.vote({ proposalId, support: "for", reason: "Fair." });
    await as(people.lena).governance.vote({ proposalId, support: "abstain" });
    // Carol signs; the manager submits her ballot and pays the gas.
    const ballot = await as(carol).governance.signVote({ proposalId, support: "for" });
    await as(people.manager).governance.voteBySignature(ballot);
    await as(bob).governance.vote({ proposalId, support: "against" });

    const [voting] = (await reader.reads.proposals({ states: ["active"] })).items;
    expect(voting?.votes).toEqual({ against: 1n, for: 3n, abstain: 1n });
    expect(await reader.contracts.governor.read.hasVoted([proposalId, carol])).toBe(true);
    const votes = (await reader.reads.votes({ proposalId })).items;
    expect(votes.map((v) => v.voter)).toEqual([bob, carol, people.lena, people.lars, alice]);
    expect(votes.find((v) => v.voter === people.lars)).toMatchObject({ support: "for", reason: "Fair.", weight: 1n });
    expect((await reader.reads.votes({ voter: bob })).items.map((v) => v.support)).toEqual(["against"]);
    expect(votes.find((v) => v.voter === alice)?.tx).toBe(aliceVote.hash);

    // The proposal's own page: turnout against the members whose vote counts at the snapshot.
    const snapshot = voting?.snapshot ?? 0n;
    const electorate = await reader.contracts.membership.read.getPastTotalSupply([snapshot]);
    const page = await reader.reads.proposalView(proposalId);
    expect(page).toMatchObject({ state: "active", voters: 5, eligible: electorate });
    expect(page.quorum).toBe(await reader.contracts.governor.read.quorum([snapshot]));
    expect(electorate).toBeGreaterThanOrEqual(5n);
    // A short id names it, as the dApp's and the CLI's short forms write it.
    const full = proposalId.toString();
    expect(await reader.reads.resolveProposal(full)).toBe(proposalId);
    expect(await reader.reads.resolveProposal(full.slice(0, 12))).toBe(proposalId);
    expect(await reader.reads.resolveProposal(`${full.slice(0, 6)}…${full.slice(-4)}`)).toBe(proposalId);
    await expect(reader.reads.resolveProposal("999999999")).rejects.toThrow(
      "No proposal id known here matches 999999999.",
    );
    await expect(reader.reads.resolveProposal("fee")).rejects.toThrow('"fee" is not a proposal id');
    await expect(reader.reads.proposalView(123n)).rejects.toThrow("there is no proposal 123 on this network");

    await increaseTime(voting === undefined ? 0n : voting.deadline - BigInt(await latestTime()) + 1n);
    const queued = await as(bob).governance.queue({ proposalId });
    await increaseTime((await reader.contracts.timelock.read.getMinDelay()) + 1n);
    const executed = await as(bob).governance.execute({ proposalId });

    expect((await reader.reads.proposals({ states: ["executed"] })).items.map((p) => p.id)).toEqual([proposalId]);
    expect((await reader.reads.proposalView(proposalId)).txs).toEqual({
      proposed: proposed.hash,
      queued: queued.hash,
      executed: executed.hash,
      canceled: null,
    });
    expect(await reader.contracts.networkRules.read.marketFeeBps()).toBe(250);
    const rules = await reader.reads.rules();
    expect(rules.find((r) => r.name === "marketFeeBps")?.value).toBe(250n);
  });

  it("appoints a leader and a new manager by the members' vote", async () => {
    const [alice, bob] = voters as [typeof people.manager, typeof people.manager];
    const leader = await as(alice).governance.proposeLeader({ account: bob, appoint: true });
    const manager = await as(alice).governance.proposeManager({ account: alice, rationale: "Rotation." });
    await increaseTime((await reader.contracts.governor.read.votingDelay()) + 1n);
    for (const voter of [...voters, people.lars, people.lena]) {
      await as(voter).governance.vote({ proposalId: leader.proposalId, support: "for" });
      await as(voter).governance.vote({ proposalId: manager.proposalId, support: "for" });
    }
    const deadline = await reader.contracts.governor.read.proposalDeadline([manager.proposalId]);
    await increaseTime(deadline - BigInt(await latestTime()) + 1n);
    for (const { proposalId } of [leader, manager]) await as(bob).governance.queue({ proposalId });
    await increaseTime((await reader.contracts.timelock.read.getMinDelay()) + 1n);
    for (const { proposalId } of [leader, manager]) await as(bob).governance.execute({ proposalId });

    expect(await reader.contracts.membership.read.hasActiveRole([ROLES.leader, bob])).toBe(true);
    expect(await reader.contracts.membership.read.manager()).toBe(alice);
    expect((await reader.reads.member(alice)).isManager).toBe(true);
  });

  it("refuses a vote twice, and a proposal from a non-member, with readable reasons", async () => {
    const [alice] = voters as [typeof people.manager];
    const { proposalId } = await as(alice).governance.proposeAttribute({
      name: "cargo_volume",
      domain: "resource",
      dataType: "integer",
      rationale: "Couriers and vans need it.",
    });
    await increaseTime((await reader.contracts.governor.read.votingDelay()) + 1n);
    await as(alice).governance.vote({ proposalId, support: "for" });
    await expect(as(alice).governance.vote({ proposalId, support: "for" })).rejects.toThrow(
      `${alice} has voted on this proposal already.`,
    );
    await expect(
      as(people.outsider(5)).governance.proposeRuleChange({ rule: "marketFeeBps", value: 1n, title: "Cheaper" }),
    ).rejects.toThrow(`propose: ${people.outsider(5)} may not propose: only active members (not suspended) may.`);
    await expect(reader.reads.proposal(123n)).rejects.toThrow("there is no proposal 123 on this network");
  });
});
