import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { id } from "ethers";

import { ROUTE_PLANNER_ACCOUNT, seedAccessDemo } from "../../scripts/demo/access.js";
import type { DemoNetwork } from "../../scripts/demo/network.js";
import { admit, AppStatus, DAY } from "../helpers/access.js";
import { deployWeconet, nth, profileHash } from "../helpers/deployment.js";
import { networkHelpers } from "../helpers/network.js";

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
  const net: DemoNetwork = {
    contracts: w,
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
  };
  return { net, lines };
}

describe("demo: access seeding", () => {
  it("creates the demo's connections, application and request on a fresh network", async () => {
    const { net, lines } = await demoNetwork();
    await seedAccessDemo(net);
    const { accessGrants, applications, taxonomy } = net.contracts;
    const { alice, bob, carol, dave, eve } = net.people.members;
    const postal = await taxonomy.attributeId("postal_address");
    const delivery = await taxonomy.attributeId("delivery_address");
    const phone = await taxonomy.attributeId("phone");
    const email = await taxonomy.attributeId("email");

    // Dave → Alice: postal address for 30 days
    const courier = await accessGrants.connectionOf(dave.address, alice.address);
    expect(courier.attributeIds).to.deep.equal([postal]);
    expect(Number(courier.expiresAt - courier.grantedAt)).to.be.closeTo(30 * DAY, 5);
    expect(await accessGrants.isAuthorized(dave.address, alice.address, postal)).to.equal(true);

    // Daan's application, and Eve connected to it
    const app = await applications.application(ROUTE_PLANNER_ACCOUNT);
    expect(app.developer).to.equal(net.people.developers.daan.address);
    expect(app.status).to.equal(AppStatus.Active);
    expect(await accessGrants.isAuthorized(eve.address, ROUTE_PLANNER_ACCOUNT, delivery)).to.equal(true);
    expect(await accessGrants.isAuthorized(eve.address, ROUTE_PLANNER_ACCOUNT, phone)).to.equal(true);

    // Bob → Carol: opened, then revoked
    expect(await accessGrants.isAuthorized(bob.address, carol.address, email)).to.equal(false);
    const connectionId = await accessGrants.connectionIdOf(bob.address, carol.address);
    const history = await accessGrants.queryFilter(
      accessGrants.filters.ConnectionClosed(bob.address, carol.address, connectionId),
    );
    expect(history).to.have.length(1);

    // Carol's pending request to Eve
    const pending = await accessGrants.pendingRequestOf(eve.address, carol.address);
    expect(pending.expiresAt).to.be.greaterThan(0n);
    expect(pending.digest).to.equal(await accessGrants.requestDigest([email], id("purpose:dataset-updates"), 14 * DAY));

    expect(lines).to.have.length(5);
  });
});
