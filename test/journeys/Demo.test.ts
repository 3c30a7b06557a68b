import { expect } from "chai";
import { encodeBytes32String } from "ethers";

import { seedDemo } from "../../scripts/demo/index.js";
import type { DemoNetwork } from "../../scripts/demo/network.js";
import type { WeconetContracts } from "../../deploy/contracts.js";
import { deployDemoNetwork } from "../helpers/demo.js";
import { networkHelpers } from "../helpers/network.js";

/** What `npm start` builds: the real module with the local parameters, then the demo seeding. */
async function demoNetwork(): Promise<{ net: DemoNetwork; contracts: WeconetContracts; lines: string[] }> {
  const demo = await deployDemoNetwork();
  await seedDemo(demo.net);
  return demo;
}

describe("the demo network (npm start)", () => {
  it("has the manager, two leaders, members, developers with resources, an executed rule change and an open vote", async () => {
    const { net, contracts, lines } = await networkHelpers.loadFixture(demoNetwork);
    const { membership, resources, networkRules, governor } = contracts;
    const { people } = net;

    expect(await membership.manager()).to.equal(people.manager.address);
    for (const leader of Object.values(people.leaders)) {
      expect(await membership.hasActiveRole(await membership.LEADER_ROLE(), leader.address)).to.equal(true);
    }
    for (const developer of Object.values(people.developers)) {
      expect(await membership.hasActiveRole(await membership.DEVELOPER_ROLE(), developer.address)).to.equal(true);
    }
    // 3 founders + 5 members + 2 developers, every vote activated after the probation period; the applicant waits.
    expect(await membership.voterCount()).to.equal(10n);
    expect(await membership.statusOf(people.applicant.address)).to.equal(1n);
    expect(await resources.resourceCount()).to.equal(5n);
    expect((await resources.resource(1)).owner).to.equal(people.members.alice.address);

    expect(await networkRules.marketFeeBps()).to.equal(150n);
    expect(await networkRules.rule(encodeBytes32String("disputeWindow"))).to.equal(7n * 86_400n);

    const created = await governor.queryFilter(governor.filters.ProposalCreated());
    expect(created).to.have.length(2);
    const [executed, open] = created.map((e) => e.args.proposalId);
    expect(await governor.state(executed ?? 0n)).to.equal(7n); // Executed
    expect(await governor.state(open ?? 0n)).to.equal(1n); // Active
    expect(lines.some((line) => line.startsWith("rule change: market fee 1% → 1.5%"))).to.equal(true);

    // Data connections: three live (to a member, to an application, and one a market booking opened), one closed;
    // one request waits.
    const connections = (await net.weconet.reads.connections()).items;
    expect(connections.map((c) => c.state).sort()).to.deep.equal(["closed", "live", "live", "live"]);
    expect(connections.filter((c) => c.consent === "connector").map((c) => c.connector)).to.deep.equal([
      net.weconet.deployment.contracts.market,
    ]);
    expect((await net.weconet.reads.requests()).items).to.have.length(1);

    // The market: four offers (three bookable), an open request, five bookings.
    expect((await net.weconet.reads.offers()).items).to.have.length(3);
    expect((await net.weconet.reads.marketRequests()).items).to.have.length(1);
    expect((await net.weconet.reads.bookings()).items).to.have.length(5);

    // The auditor's verification of the whole demo network finds nothing amiss.
    const report = await net.weconet.audit.verify();
    expect(report.differences).to.deep.equal([]);
  });
});
