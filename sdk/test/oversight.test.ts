import { stringToHex, type Address } from "viem";
import { beforeAll, describe, expect, it } from "vitest";

import { oversightOf, ROLES, type MemberView } from "../src/index.js";
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
