import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";

import { purposeCode } from "@weconet/sdk";

import { ROUTE_PLANNER_ACCOUNT, seedAccessDemo } from "../../scripts/demo/access.js";
import {
  addressOf,
  demoNetwork as sdkDemoNetwork,
  memberAddresses,
  type DemoNetwork,
} from "../../scripts/demo/network.js";
import { admit, DAY } from "../helpers/access.js";
import { deployWeconet, nth, profileHash, sdkDeployment } from "../helpers/deployment.js";
import { connection, ignition, networkHelpers } from "../helpers/network.js";

/** A fresh deployment with the people the access demo needs, admitted as the core demo seeding would. */
async function demoNetwork(): Promise<{ net: DemoNetwork; lines: string[] }> {
  const w = await deployWeconet();
  const leader = nth(w.leaders, 0);
  const [dina, carol, dave, eve, applicant] = [0, 1, 2, 3, 4].map((i) => w.outsider(i)) as [
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
  ];
  for (const person of [dina, carol, dave, eve]) await admit(w, person);
  await w.membership.connect(leader).grantRole(await w.membership.DEVELOPER_ROLE(), dina.address);
  await w.membership.connect(applicant).applyForMembership(profileHash("applicant"));
  const lines: string[] = [];
  const net = sdkDemoNetwork({
    provider: connection.provider,
    deployment: await sdkDeployment(w),
    people: {
      deployer: w.deployer,
      manager: w.manager,
      leaders: { lars: leader, lena: nth(w.leaders, 1) },
      developers: { daan: w.developer, dina },
      members: { alice: nth(w.members, 0), bob: nth(w.members, 1), carol, dave, eve },
      applicant,
    },
    increaseTime: (seconds) => networkHelpers.time.increase(seconds).then(() => undefined),
    log: (line) => lines.push(line),
    ignition,
    publish: () => undefined,
  });
  return { net, lines };
}

describe("demo: access seeding", () => {
  it("creates the demo's connections, application and request on a fresh network", async () => {
    const { net, lines } = await demoNetwork();
    await seedAccessDemo(net);
    const { reads } = net.weconet;
    const { alice, bob, carol, dave, eve } = memberAddresses(net.people);
    const [postal, delivery, phone, email] = await Promise.all(
      ["postal_address", "delivery_address", "phone", "email"].map((name) => reads.attributeId(name)),
    );

    // Dave → Alice: postal address for 30 days
    const [courier] = (await reads.connections({ member: dave, direction: "given" })).items;
    expect(courier).to.deep.include({
      grantee: alice,
      attributeIds: [postal],
      purposeText: "Delivery of goods",
      state: "live",
      authorizedAttributes: [postal],
    });
    expect((courier?.expiresAt ?? 0) - (courier?.grantedAt ?? 0)).to.be.closeTo(30 * DAY, 5);

    // Daan's application, and Eve connected to it with what it asks
    expect(await reads.application(ROUTE_PLANNER_ACCOUNT)).to.deep.include({
      developer: addressOf(net.people.developers.daan),
      status: "active",
      live: true,
    });
    const [planner] = (await reads.connections({ member: eve, direction: "given" })).items;
    expect(planner).to.deep.include({
      grantee: ROUTE_PLANNER_ACCOUNT,
      granteeKind: "application",
      authorizedAttributes: [delivery, phone],
    });

    // Bob → Carol: opened, then revoked
    const [closed] = (await reads.connections({ member: bob, direction: "given" })).items;
    expect(closed).to.deep.include({ grantee: carol, state: "closed", authorizedAttributes: [] });
    expect(closed?.closed).to.deep.include({ by: bob, reason: "revoked" });

    // Carol's pending request to Eve
    const [pending] = (await reads.requests({ member: eve, direction: "incoming" })).items;
    expect(pending).to.deep.include({
      grantee: carol,
      attributeIds: [email],
      purpose: purposeCode("dpv:CommunicationManagement"),
      duration: 14 * DAY,
      status: "pending",
      lapsed: false,
    });

    expect((await net.weconet.audit.verify()).differences).to.deep.equal([]);
    expect(lines).to.have.length(5);
  });
});
