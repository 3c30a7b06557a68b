import { stringToHex, type Address } from "viem";
import { beforeAll, describe, expect, it } from "vitest";

import { applicationOversightOf, oversightOf, ROLES, type ApplicationView, type MemberView } from "../src/index.js";
import { admitMember, as, isolateFile, people, reader } from "./support/weconet.js";

isolateFile();

/** Whether `call` would pass, asked of the contract itself (an eth_call from `account`). */
async function passes(call: Promise<unknown>): Promise<boolean> {
  return call.then(
    () => true,
    () => false,
  );
}

/**
 * The dApp offers suspend, reinstate and the developer role by `oversightOf`: it must say exactly what the contract
 * lets each account do to each other one — for the manager, leaders (one of them suspended), members suspended by a
 * leader and by the manager, a developer, an applicant and an outsider, as read one by one and as listed.
 */
describe("oversightOf agrees with Membership for every pair", () => {
  const member = people.outsider(0);
  const byLeader = people.outsider(1);
  const byManager = people.outsider(2);
  const developer = people.outsider(3);
  const applicant = people.outsider(4);
  const outsider = people.outsider(5);
  const everyone: Address[] = [
    people.manager,
    people.lars,
    people.lena,
    member,
    byLeader,
    byManager,
    developer,
    applicant,
    outsider,
  ];

  beforeAll(async () => {
    for (const a of [member, byLeader, byManager, developer]) await admitMember(a);
    await as(applicant).membership.apply({ profile: "waiting" });
    await as(people.lars).membership.grantDeveloper({ account: developer });
    await as(people.lars).membership.suspend({ member: byLeader, reason: "spam" });
    await as(people.manager).membership.suspend({ member: byManager, reason: "fraud" });
    // a suspended leader: still holds the leader role (a leader may not touch them) but cannot use it
    await as(people.manager).membership.suspend({ member: people.lena, reason: "absent" });
  });

  const membership = () => reader.contracts.membership;
  const reason = stringToHex("test", { size: 32 });

  async function contractSays(actor: Address, target: Address) {
    const m = membership();
    const [suspend, reinstate, grant, revoke, holds] = await Promise.all([
      passes(m.simulate.suspend([target, reason], { account: actor })),
      passes(m.simulate.reinstate([target], { account: actor })),
      passes(m.simulate.grantRole([ROLES.developer, target], { account: actor })),
      passes(m.simulate.revokeRole([ROLES.developer, target], { account: actor })),
      m.read.hasRole([ROLES.developer, target]),
    ]);
    // Granting a role held, or revoking one not held, passes and changes nothing: not an action to offer.
    return { suspend, reinstate, grantDeveloper: grant && !holds, revokeDeveloper: revoke && holds };
  }

  async function check(views: Map<Address, MemberView>) {
    let allowed = 0;
    for (const actor of everyone) {
      for (const target of everyone) {
        const a = views.get(actor);
        const t = views.get(target);
        if (t === undefined) throw new Error(`no view of ${target}`);
        const { authority: _authority, ...said } = oversightOf(a, t);
        const truth = await contractSays(actor, target);
        expect({ actor, target, ...said }).toEqual({ actor, target, ...truth });
        allowed += Object.values(truth).filter(Boolean).length;
      }
    }
    // the pairs are not all "no": the rule is tested both ways
    expect(allowed).toBeGreaterThan(10);
  }

  it("read one by one", async () => {
    const views = new Map<Address, MemberView>();
    for (const a of everyone) views.set(a, await reader.reads.member(a));
    expect(views.get(people.lena)?.heldRoles).toContain("leader");
    expect(views.get(people.lena)?.roles).toEqual([]);
    expect(views.get(byManager)?.suspendedBy).toBe("manager");
    expect(views.get(byLeader)?.suspendedBy).toBe("leader");
    await check(views);
  });

  it("as listed (the read model's rows)", async () => {
    const listed = (await reader.reads.members()).items;
    const views = new Map<Address, MemberView>(listed.map((m) => [m.account, m]));
    // an account that never applied has no row: it is read as the contract answers for it
    views.set(outsider, await reader.reads.member(outsider));
    expect(views.get(byManager)?.suspendedBy).toBe("manager");
    expect(views.get(people.lena)?.heldRoles).toContain("leader");
    await check(views);
  });

  it("says which authority acts", () => {
    const view = (over: Partial<MemberView>): MemberView => ({
      account: member,
      status: "active",
      since: 0,
      memberSince: 0,
      profile: "0x",
      roles: [],
      heldRoles: [],
      isManager: false,
      suspendedBy: "none",
      votes: 0n,
      voteActivatesAt: 0,
      ...over,
    });
    const manager = view({ isManager: true, roles: ["manager"], heldRoles: ["manager"] });
    const leader = view({ roles: ["leader"], heldRoles: ["leader"] });
    expect(oversightOf(manager, view({})).authority).toBe("manager");
    expect(oversightOf(leader, view({})).authority).toBe("leader");
    expect(oversightOf(leader, leader).authority).toBe("none");
    expect(oversightOf(undefined, view({})).suspend).toBe(false);
  });
});

/**
 * The Leaders page offers suspend and reinstate on applications by `applicationOversightOf`: a leader must not be
 * offered to reinstate (or re-suspend) what the manager suspended, the manager may raise a leader's suspension, and
 * nobody without the role acts — as the Applications contract says, read one by one and as listed.
 */
describe("applicationOversightOf agrees with Applications for every pair", () => {
  const developer = people.outsider(6);
  const active = people.outsider(7);
  const byLeader = people.outsider(8);
  const byManager = people.outsider(9);
  const retired = people.outsider(10);
  const raised = people.outsider(11);
  const apps: Address[] = [active, byLeader, byManager, retired, raised];
  // lena is a leader the first describe suspended: she holds the role but cannot use it
  const actors: Address[] = [people.manager, people.lars, people.lena, developer, people.outsider(12)];

  beforeAll(async () => {
    await admitMember(developer);
    await as(people.lars).membership.grantDeveloper({ account: developer });
    for (const [i, app] of apps.entries()) {
      await as(developer).applications.register({
        account: app,
        consent: await as(app).applications.consentToRegistration({ developer }),
        name: `App ${i}`,
        metadataURI: `ipfs://app-${i}`,
        attributes: ["delivery_address"],
        purpose: "dpv:ServiceProvision",
      });
    }
    await as(people.lars).applications.suspend({ account: byLeader, reason: "spam" });
    await as(people.manager).applications.suspend({ account: byManager, reason: "leak" });
    await as(developer).applications.retire({ account: retired });
    // a leader's suspension the manager raised: now only the manager (or the vote) lifts it
    await as(people.lars).applications.suspend({ account: raised, reason: "spam" });
    await as(people.manager).applications.suspend({ account: raised, reason: "leak" });
  });

  const reason = stringToHex("test", { size: 32 });

  async function check(views: Map<Address, ApplicationView>) {
    const registry = reader.contracts.applications;
    let allowed = 0;
    for (const actor of actors) {
      const me = await reader.reads.member(actor);
      for (const app of apps) {
        const view = views.get(app);
        if (view === undefined) throw new Error(`no view of ${app}`);
        const { authority: _authority, ...said } = applicationOversightOf(me, view);
        const [suspend, reinstate] = await Promise.all([
          passes(registry.simulate.suspend([app, reason], { account: actor })),
          passes(registry.simulate.reinstate([app], { account: actor })),
        ]);
        expect({ actor, app, ...said }).toEqual({ actor, app, suspend, reinstate });
        allowed += Number(suspend) + Number(reinstate);
      }
    }
    expect(allowed).toBeGreaterThan(4);
  }

  it("read one by one", async () => {
    const views = new Map<Address, ApplicationView>();
    for (const a of apps) views.set(a, await reader.reads.application(a));
    expect(views.get(byManager)?.suspendedBy).toBe("manager");
    expect(views.get(byLeader)?.suspendedBy).toBe("leader");
    expect(views.get(raised)?.suspendedBy).toBe("manager");
    expect(views.get(active)?.suspendedBy).toBe("none");
    await check(views);
  });

  it("as listed (the read model's rows)", async () => {
    const listed = (await reader.reads.applications()).items;
    const views = new Map<Address, ApplicationView>(listed.map((a) => [a.account, a]));
    expect(views.get(byManager)?.suspendedBy).toBe("manager");
    expect(views.get(raised)?.suspendedBy).toBe("manager");
    expect(views.get(byLeader)?.suspendedBy).toBe("leader");
    await check(views);
  });
});
