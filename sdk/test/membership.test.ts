import { describe, expect, it } from "vitest";

import {
  checkProfile,
  formatDate,
  profileText,
  readProfile,
  ROLES,
  toContentHash,
  WeconetError,
} from "../src/index.js";
import { as, increaseTime, isolateFile, people, reader } from "./support/weconet.js";

isolateFile();

describe("membership actions", () => {
  const applicant = people.outsider(0);
  const other = people.outsider(1);

  it("apply, admit, grant the developer role, suspend, reinstate, leave", async () => {
    await as(applicant).membership.apply({ profile: "alice's profile document" });
    expect((await reader.reads.member(applicant)).status).toBe("applicant");

    await as(people.lars).membership.admit({ applicant });
    const admitted = await reader.reads.member(applicant);
    expect(admitted.status).toBe("active");
    expect(admitted.memberSince).toBeGreaterThan(0);
    // on probation: no vote yet, and the SDK says from when it can count
    expect(admitted.votes).toBe(0n);
    const probation = await reader.contracts.networkRules.read.probationPeriod();
    expect(admitted.voteActivatesAt).toBe(admitted.memberSince + probation);
    await expect(as(other).membership.activateVote({ member: applicant })).rejects.toThrow(
      `${applicant} is still on probation: their vote can be activated from ${formatDate(admitted.voteActivatesAt, { timeZone: "UTC" })}.`,
    );
    await increaseTime(probation);
    await as(other).membership.activateVote({ member: applicant });
    const voting = await reader.reads.member(applicant);
    expect([voting.votes, voting.voteActivatesAt]).toEqual([1n, 0]);

    await as(people.lars).membership.grantDeveloper({ account: applicant });
    expect((await reader.reads.member(applicant)).roles).toEqual(["developer"]);

    await as(people.lars).membership.suspend({ member: applicant, reason: "spam" });
    expect((await reader.reads.member(applicant)).status).toBe("suspended");
    // a suspension stops acting, not voting
    expect((await reader.reads.member(applicant)).votes).toBe(1n);
    await as(people.lars).membership.reinstate({ member: applicant });
    expect((await reader.reads.member(applicant)).status).toBe("active");

    await as(applicant).membership.updateProfile({ profile: "alice's new profile" });
    await as(applicant).membership.leave();
    const left = await reader.reads.member(applicant);
    expect(left.status).toBe("none");
    expect(left.roles).toEqual([]);
  });

  it("withdraws and rejects applications; lists members with their roles", async () => {
    await as(other).membership.apply({ profile: "bob" });
    await as(other).membership.withdrawApplication();
    await as(other).membership.apply({ profile: "bob again" });
    await as(people.lena).membership.reject({ applicant: other, reason: "incomplete-profile" });
    expect((await reader.reads.member(other)).status).toBe("none");

    const members = (await reader.reads.members({ statuses: ["active"] })).items;
    const manager = members.find((m) => m.account === people.manager);
    expect(manager?.isManager).toBe(true);
    expect(manager?.roles).toEqual(["manager"]);
    expect(members.filter((m) => m.roles.includes("leader")).map((m) => m.account)).toEqual([people.lars, people.lena]);
  });

  it("reports a contract's custom error as a readable sentence with its arguments", async () => {
    const outsider = people.outsider(2);
    const attempt = as(outsider).membership.admit({ applicant: other });
    await expect(attempt).rejects.toBeInstanceOf(WeconetError);
    await expect(attempt).rejects.toThrow(`admit ${other}: ${outsider} lacks the leader role.`);
    const error = await as(outsider)
      .membership.leave()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeconetError);
    expect((error as WeconetError).reason?.name).toBe("MembershipInvalidStatus");
    expect((error as WeconetError).message).toBe(`leave: ${outsider} is none, which does not allow this action.`);
  });

  it("lets a leader step down, and the manager cannot", async () => {
    await as(people.lena).membership.renounceRole({ role: "leader" });
    expect(await reader.contracts.membership.read.hasRole([ROLES.leader, people.lena])).toBe(false);
    // only the members' vote (the timelock's admin role) suspends the manager
    await expect(as(people.manager).membership.suspend({ member: people.manager, reason: "x" })).rejects.toThrow(
      `${people.manager} lacks the admin role.`,
    );
  });

  it("applies and updates with a profile document's fields: its canonical text's hash goes on-chain", async () => {
    const newcomer = people.outsider(3);
    const profile = { name: "Noor", about: "Repairs bicycles in Utrecht.", contact: "noor@example.org" };
    await as(newcomer).membership.apply({ profile });
    const text = profileText(profile);
    expect(readProfile(text)).toEqual(profile);
    expect((await reader.reads.member(newcomer)).profile).toBe(toContentHash(text));
    // An applicant may change the profile it waits with; spaces around the fields do not change the document.
    await as(newcomer).membership.updateProfile({ profile: { name: " Noor ", about: "Repairs bicycles." } });
    expect((await reader.reads.member(newcomer)).profile).toBe(
      toContentHash(profileText({ name: "Noor", about: "Repairs bicycles." })),
    );
    await as(newcomer).membership.withdrawApplication();
    expect((await reader.reads.member(newcomer)).status).toBe("none");
  });

  it("refuses a bad profile with every field's problem in words, and sends nothing", async () => {
    const newcomer = people.outsider(3);
    expect(checkProfile({ name: "", about: " ", contact: "x".repeat(201) })).toEqual({
      ok: false,
      errors: {
        name: "Enter your name.",
        about: "Enter a few words about you.",
        contact: "A contact has at most 200 characters (this has 201).",
      },
    });
    const before = await reader.publicClient.getTransactionCount({ address: newcomer });
    await expect(as(newcomer).membership.apply({ profile: { name: "N\u0007", about: "" } })).rejects.toThrow(
      "apply: Your name contains characters that cannot be shown. Enter a few words about you.",
    );
    expect(await reader.publicClient.getTransactionCount({ address: newcomer })).toBe(before);
    expect((await reader.reads.member(newcomer)).status).toBe("none");
  });
});
