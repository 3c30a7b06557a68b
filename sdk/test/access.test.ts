import { stringToHex, toHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";

import { connectionIdOf, purposeCode, requestDigest, send, WeconetError } from "../src/index.js";
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

const DAY = 86_400;

describe("data connections", () => {
  const [dave, alice, bob, carol, dina] = [0, 1, 2, 3, 4].map((i) => people.outsider(i)) as [
    `0x${string}`,
    `0x${string}`,
    `0x${string}`,
    `0x${string}`,
    `0x${string}`,
  ];
  /** An application's account: never applied for membership. */
  const planner = people.outsider(9);
  const relayer = people.outsider(8);
  let ids: Record<"postal" | "delivery" | "email" | "phone", number>;

  beforeAll(async () => {
    for (const [i, member] of [dave, alice, bob, carol, dina].entries()) await admitMember(member, `member-${i}`);
    await as(people.lars).membership.grantDeveloper({ account: dina });
    const [postal, delivery, email, phone] = await Promise.all(
      ["postal_address", "delivery_address", "email", "phone"].map((n) => reader.reads.attributeId(n)),
    );
    ids = { postal: postal ?? 0, delivery: delivery ?? 0, email: email ?? 0, phone: phone ?? 0 };
  });

  it("opens, changes, relinquishes and revokes connections; lists them with what was agreed", async () => {
    const opened = await as(dave).access.grant({
      grantee: alice,
      attributes: ["postal_address", ids.email, "postal_address"],
      purpose: "dpv:DeliveryOfGoods",
      duration: 30 * DAY,
    });
    expect(opened.change).toBe("opened");
    expect(opened.connectionId).toBe(connectionIdOf(dave, alice));
    // `duration` counts from the latest block when the SDK reads the clock: the transaction's block may be later.
    expect(opened.expiresAt).toBeGreaterThan((await latestTime()) + 30 * DAY - 5);
    expect(opened.expiresAt).toBeLessThanOrEqual((await latestTime()) + 30 * DAY);

    const changed = await as(dave).access.grant({
      grantee: alice,
      attributes: ["postal_address"],
      purpose: "dpv:DeliveryOfGoods",
      expiresAt: new Date(((await latestTime()) + 10 * DAY) * 1000),
    });
    expect(changed).toMatchObject({ change: "changed", connectionId: opened.connectionId });
    await as(dave).access.grant({ grantee: bob, attributes: ["phone"], purpose: "dpv:CustomerCare", duration: DAY });
    await as(carol).access.grant({ grantee: dave, attributes: ["email"], purpose: "dpv:Marketing", duration: DAY });

    const given = (await reader.reads.connections({ member: dave, direction: "given" })).items;
    expect(given.map((c) => c.grantee)).toEqual([bob, alice]);
    expect(given[1]).toMatchObject({
      owner: dave,
      grantee: alice,
      attributeIds: [ids.postal],
      purposeText: "Delivery of goods",
      consent: "owner",
      state: "live",
      granteeKind: "member",
      authorizedAttributes: [ids.postal],
      changes: 2,
    });
    expect(given[1]?.openedAt).toBeLessThan(given[1]?.grantedAt ?? 0);
    const received = (await reader.reads.connections({ member: dave, direction: "received" })).items;
    expect(received.map((c) => c.owner)).toEqual([carol]);
    expect((await reader.reads.connections({ member: dave })).items.length).toBe(3);

    expect(await reader.reads.isAuthorized({ owner: dave, grantee: alice, attribute: "postal_address" })).toBe(true);
    expect(
      await reader.reads.authorizations({ owner: dave, grantee: alice, attributes: ["email", "postal_address"] }),
    ).toEqual([
      { attributeId: ids.email, authorized: false },
      { attributeId: ids.postal, authorized: true },
    ]);

    await as(bob).access.relinquish({ owner: dave });
    await as(dave).access.revoke({ grantee: alice });
    await increaseTime(DAY + 1);
    const after = (await reader.reads.connections({ member: dave })).items;
    expect(after.map((c) => [c.grantee, c.state])).toEqual([
      [dave, "expired"],
      [bob, "closed"],
      [alice, "closed"],
    ]);
    expect(after.find((c) => c.grantee === bob)?.closed).toMatchObject({ by: bob, reason: "relinquished" });
    expect((await reader.reads.connections({ member: dave, states: ["live"] })).items).toEqual([]);
    expect(await reader.reads.isAuthorized({ owner: dave, grantee: alice, attribute: "postal_address" })).toBe(false);
  });

  it("registers an application, connects members to it with what it asks, and suspends, updates and retires it", async () => {
    // the application's account consents to dina registering it (its own signature)
    const consent = await as(planner).applications.consentToRegistration({ developer: dina });
    await as(dina).applications.register({
      account: planner,
      consent,
      name: "Route planner",
      metadataURI: "ipfs://route-planner",
      attributes: ["phone", "delivery_address"],
      purpose: "dpv:ServiceProvision",
    });
    const connected = await as(alice).access.grantToApplication({ application: planner, duration: 7 * DAY });
    expect(connected.change).toBe("opened");
    const [connection] = (await reader.reads.connections({ member: planner, direction: "received" })).items;
    expect(connection).toMatchObject({
      granteeKind: "application",
      attributeIds: [ids.delivery, ids.phone],
      purposeText: "Service provision",
      authorizedAttributes: [ids.delivery, ids.phone],
    });

    await as(people.lena).applications.suspend({ account: planner, reason: "abuse-report" });
    const [suspended] = (await reader.reads.connections({ member: planner, direction: "received" })).items;
    // Still live as a connection, but a suspended application is authorized for nothing.
    expect(suspended).toMatchObject({ state: "live", authorizedAttributes: [] });
    expect(await reader.reads.application(planner)).toMatchObject({
      status: "suspended",
      suspendedBy: "leader",
      live: false,
    });
    await as(people.lena).applications.reinstate({ account: planner });

    await as(dina).applications.update({
      account: planner,
      name: "Route planner 2",
      metadataURI: "ipfs://route-planner-2",
      attributes: ["delivery_address"],
      purpose: "dpv:ServiceProvision",
    });
    expect((await reader.reads.applications({ developer: dina })).items).toEqual([
      {
        account: planner,
        developer: dina,
        name: "Route planner 2",
        metadataURI: "ipfs://route-planner-2",
        attributeIds: [ids.delivery],
        purpose: purposeCode("dpv:ServiceProvision"),
        status: "active",
        registeredAt: expect.any(Number) as number,
        suspendedBy: "none",
        live: true,
      },
    ]);
    await as(dina).applications.retire({ account: planner });
    expect((await reader.reads.applications({ statuses: ["retired"] })).items).toHaveLength(1);
    expect(await reader.reads.isAuthorized({ owner: alice, grantee: planner, attribute: "delivery_address" })).toBe(
      false,
    );
    await expect(as(dina).applications.retire({ account: planner })).rejects.toThrow(
      `retire application ${planner}: Application ${planner} is retired, which does not allow this action.`,
    );
  });

  it("asks for access; the owner sees the requests and accepts, rejects; the asker withdraws", async () => {
    const asked = await as(alice).access.requestAccess({
      owner: bob,
      attributes: ["email", "phone"],
      purpose: "dpv:CommunicationManagement",
      duration: 14 * DAY,
    });
    expect(asked.connectionId).toBe(connectionIdOf(bob, alice));
    await as(carol).access.requestAccess({
      owner: bob,
      attributes: ["email"],
      purpose: "dpv:Marketing",
      duration: DAY,
    });
    await as(dave).access.requestAccess({
      owner: carol,
      attributes: ["phone"],
      purpose: "dpv:CustomerCare",
      duration: DAY,
    });

    const incoming = (await reader.reads.requests({ member: bob, direction: "incoming" })).items;
    expect(incoming.map((r) => r.grantee)).toEqual([carol, alice]);
    expect(incoming[1]).toMatchObject({
      attributeIds: [ids.email, ids.phone],
      purposeText: "Communication management",
      duration: 14 * DAY,
      status: "pending",
      lapsed: false,
    });
    const pending = await reader.contracts.accessGrants.read.pendingRequestOf([bob, alice]);
    expect(pending.digest).toBe(
      requestDigest([ids.email, ids.phone], purposeCode("dpv:CommunicationManagement"), 14 * DAY),
    );
    expect((await reader.reads.requests({ member: dave, direction: "outgoing" })).items.map((r) => r.owner)).toEqual([
      carol,
    ]);

    const accepted = await as(bob).access.acceptRequest({ grantee: alice });
    expect(accepted.change).toBe("opened");
    const [connection] = (await reader.reads.connections({ member: alice, direction: "received" })).items;
    expect(connection).toMatchObject({ owner: bob, consent: "request", attributeIds: [ids.email, ids.phone] });
    // Accepting counts the duration from the acceptance's own block.
    expect(connection?.expiresAt).toBe((await latestTime()) + 14 * DAY);

    await as(bob).access.rejectRequest({ grantee: carol, reason: "not-needed" });
    await as(dave).access.cancelRequest({ owner: carol });
    expect((await reader.reads.requests({ member: bob })).items).toEqual([]);
    const answered = (await reader.reads.requests({ statuses: ["accepted", "rejected", "cancelled"] })).items;
    expect(answered.map((r) => [r.grantee, r.status])).toEqual(
      expect.arrayContaining([
        [alice, "accepted"],
        [carol, "rejected"],
        [dave, "cancelled"],
      ]),
    );
    expect(answered.find((r) => r.status === "rejected")?.reason).toBe(stringToHex("not-needed", { size: 32 }));

    await as(carol).access.requestAccess({
      owner: dave,
      attributes: ["email"],
      purpose: "dpv:Marketing",
      duration: DAY,
    });
    await increaseTime(7 * DAY + 1);
    const [lapsed] = (await reader.reads.requests({ member: dave, direction: "incoming" })).items;
    expect(lapsed?.lapsed).toBe(true);
    await expect(as(dave).access.acceptRequest({ grantee: carol })).rejects.toThrow(
      `accept the request of ${carol}: The request of ${carol} to ${dave} lapsed at`,
    );
    await expect(as(dave).access.acceptRequest({ grantee: bob })).rejects.toThrow(
      `${bob} has no pending request to ${dave}.`,
    );
  });

  it("consents by signature (gasless), cancels a signature, and refuses a stale one", async () => {
    const signed = await as(carol).access.signGrant({
      grantee: bob,
      attributes: ["postal_address"],
      purpose: "dpv:DeliveryOfGoods",
      duration: 3 * DAY,
    });
    expect(signed.grant.nonce).toBe(BigInt(bob) << 64n);
    const submitted = await as(relayer).access.submitSignedGrant(signed);
    expect(submitted.connectionId).toBe(connectionIdOf(carol, bob));
    const [connection] = (await reader.reads.connections({ member: carol, direction: "given", states: ["live"] }))
      .items;
    expect(connection).toMatchObject({ grantee: bob, consent: "signature" });
    await expect(as(relayer).access.submitSignedGrant(signed)).rejects.toThrow(
      `The signed grant's nonce ${signed.grant.nonce} is not the next one of ${carol} (expected ${signed.grant.nonce + 1n})`,
    );

    const handedOut = await as(carol).access.signGrant({
      grantee: bob,
      attributes: ["phone"],
      purpose: "dpv:CustomerCare",
      duration: DAY,
      deadline: (await latestTime()) + 60,
    });
    const { nonce } = await as(carol).access.invalidateNonce({ grantee: bob });
    expect(nonce).toBe(handedOut.grant.nonce);
    await expect(as(relayer).access.submitSignedGrant(handedOut)).rejects.toThrow("is not the next one of");

    const late = await as(carol).access.signGrant({
      grantee: dave,
      attributes: ["phone"],
      purpose: "dpv:CustomerCare",
      duration: DAY,
      deadline: (await latestTime()) + 60,
    });
    await increaseTime(120);
    await expect(as(relayer).access.submitSignedGrant(late)).rejects.toThrow("The signed grant's deadline");
    const forged = { ...late, grant: { ...late.grant, owner: alice, deadline: late.grant.deadline + 3_600n } };
    await expect(as(relayer).access.submitSignedGrant(forged)).rejects.toThrow(
      `The signature is not a grant signed by ${alice}.`,
    );
  });

  it("grants to several grantees and closes connections in one transaction, all or nothing", async () => {
    const expiresAt = (await latestTime()) + 5 * DAY;
    const batch = await as(alice).access.batch([
      { action: "grant", grantee: bob, attributes: ["email"], purpose: "dpv:Marketing", expiresAt },
      { action: "grant", grantee: carol, attributes: ["email"], purpose: "dpv:Marketing", expiresAt },
      { action: "grant", grantee: dave, attributes: ["email"], purpose: "dpv:Marketing", expiresAt },
    ]);
    expect(batch.granted.map((g) => g.connectionId)).toEqual([bob, carol, dave].map((g) => connectionIdOf(alice, g)));
    const closing = await as(alice).access.batch([
      { action: "revoke", grantee: bob },
      { action: "revoke", grantee: carol },
    ]);
    expect(closing.closed).toEqual([connectionIdOf(alice, bob), connectionIdOf(alice, carol)]);
    // One bad step undoes the batch.
    await expect(
      as(alice).access.batch([
        { action: "revoke", grantee: dave },
        { action: "revoke", grantee: bob },
      ]),
    ).rejects.toThrow(`There is no connection from ${alice} to ${bob}.`);
    expect(await reader.reads.isAuthorized({ owner: alice, grantee: dave, attribute: "email" })).toBe(true);
  });

  it("approves a connector by the members' vote (the deployer's bootstrap power is gone)", async () => {
    const market = people.outsider(10);
    // the members admitted above vote once their probation period is over
    await activateVotes([dave, alice, bob]);
    const { proposalId } = await as(dave).governance.proposeConnector({
      connector: market,
      approved: true,
      rationale: "The market opens the data connection a booking needs.",
    });
    expect((await reader.reads.proposal(proposalId)).title).toBe(`Approve connector ${market}`);
    await increaseTime((await reader.contracts.governor.read.votingDelay()) + 1n);
    for (const voter of [dave, alice, bob]) await as(voter).governance.vote({ proposalId, support: "for" });
    const deadline = await reader.contracts.governor.read.proposalDeadline([proposalId]);
    await increaseTime(deadline - BigInt(await latestTime()) + 1n);
    await as(dave).governance.queue({ proposalId });
    await increaseTime((await reader.contracts.timelock.read.getMinDelay()) + 1n);
    await as(dave).governance.execute({ proposalId });
    expect(await reader.contracts.accessGrants.read.connectorOf([market])).toEqual({ id: 2, approved: true });
    const report = await reader.audit.verify();
    expect(report.differences).toEqual([]);
    const timelock = reader.deployment.contracts.timelock;
    expect(report.store.row("connector", { address: market })).toEqual({
      address: market,
      id: 2,
      approved: true,
      by: timelock,
    });
    // the audit reports every connector approval the members' vote did not make: here only the deployment's
    // bootstrap approving its own market
    expect(report.notices.map((n) => n.subject)).toEqual([`connector ${reader.deployment.contracts.market}`]);
    expect(report.notices[0]?.detail).toMatch(/^approved by 0x[0-9a-fA-F]{40}, not by the members' vote/);
  });

  it("explains every refusal in a sentence", async () => {
    const outsider = people.outsider(7);
    // Thunks: a rejected promise must be awaited at once, or Node reports it as unhandled.
    const attempts: [() => Promise<unknown>, string][] = [
      [
        () =>
          as(alice).access.grant({
            grantee: outsider,
            attributes: ["email"],
            purpose: "dpv:ServiceProvision",
            duration: DAY,
          }),
        `grant ${outsider} access: ${outsider} can receive no access: it is neither an active member nor a live application.`,
      ],
      [
        () =>
          as(alice).access.grant({
            grantee: bob,
            attributes: ["bike"],
            purpose: "dpv:ServiceProvision",
            duration: DAY,
          }),
        `is not an active person attribute (unknown, deprecated, or of another domain).`,
      ],
      [
        () =>
          as(alice).access.grant({
            grantee: bob,
            attributes: ["email"],
            purpose: "dpv:ServiceProvision",
            duration: 400 * DAY,
          }),
        "the maximum grant duration from now",
      ],
      [
        async () =>
          send(as(alice).context, "accessGrants", "grant", [
            bob,
            [ids.phone, ids.email],
            toHex(1, { size: 32 }),
            (await latestTime()) + DAY,
          ]),
        `Attribute ${ids.email} is out of order or repeated: attribute ids must be strictly increasing.`,
      ],
      [
        () =>
          as(alice).access.grant({
            grantee: bob,
            attributes: ["email"],
            purpose: "dpv:ServiceProvision",
            duration: DAY,
            expiresAt: 1,
          } as never),
        "a connection needs either expiresAt or duration (seconds from now), not both",
      ],
      [() => as(alice).access.revoke({ grantee: outsider }), `There is no connection from ${alice} to ${outsider}.`],
      [
        async () =>
          as(alice).applications.register({
            account: outsider,
            consent: await as(outsider).applications.consentToRegistration({ developer: alice }),
            name: "x",
            metadataURI: "ipfs://x",
            attributes: ["email"],
            purpose: "dpv:ServiceProvision",
          }),
        `${alice} is not an active member holding the developer role.`,
      ],
    ];
    for (const [attempt, message] of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WeconetError);
      expect((error as WeconetError).message).toContain(message);
    }
  });
});
