import { expect } from "chai";
import { parseEther, parseUnits, ZeroAddress, ZeroHash } from "ethers";

import { seedAccessDemo } from "../../scripts/demo/access.js";
import { seedCoreDemo } from "../../scripts/demo/core.js";
import { seedMarketDemo } from "../../scripts/demo/market.js";
import type { DemoNetwork } from "../../scripts/demo/network.js";
import { DemoEuro__factory } from "../../typechain-types/index.js";
import { deployDemoNetwork } from "../helpers/demo.js";
import { BookingStatus, OfferStatus, RequestStatus } from "../helpers/market.js";
import { ethers, networkHelpers } from "../helpers/network.js";

/** A fresh deployment with the local parameters, seeded as `npm start` seeds it: core, access, then market. */
async function demoNetwork(): Promise<{ net: DemoNetwork; lines: string[] }> {
  const { net, lines } = await deployDemoNetwork();
  await seedCoreDemo(net);
  await seedAccessDemo(net);
  const before = lines.length;
  await seedMarketDemo(net);
  return { net, lines: lines.slice(before) };
}

describe("demo: market seeding", () => {
  it("lists the courier, desk, meeting room and dataset offers, one open request and bookings in several states", async () => {
    const { net, lines } = await networkHelpers.loadFixture(demoNetwork);
    const { market, accessGrants, taxonomy } = net.contracts;
    const { alice, bob, carol, dave, eve } = net.people.members;
    const token = lines.join("\n").match(/0x[0-9a-fA-F]{40}/)?.[0];
    if (token === undefined) throw new Error("the demo did not log the DemoEuro address");
    const dEUR = DemoEuro__factory.connect(token, ethers.provider);
    expect(await dEUR.symbol()).to.equal("dEUR");

    // Offers
    expect(await market.offerCount()).to.equal(4n);
    const [courier, desk, room, dataset] = await Promise.all([1n, 2n, 3n, 4n].map((id) => market.offer(id)));
    if (courier === undefined || desk === undefined || room === undefined || dataset === undefined) {
      throw new Error("missing offers");
    }
    expect([courier.provider, courier.classId, courier.token, courier.unitPrice]).to.deep.equal([
      alice.address,
      await taxonomy.attributeId("courier_service"),
      token,
      parseUnits("7.5", 18),
    ]);
    expect(courier.dataRequest).to.not.equal(ZeroHash);
    expect([desk.provider, desk.classId, desk.token]).to.deep.equal([
      bob.address,
      await taxonomy.attributeId("desk"),
      token,
    ]);
    expect(desk.validUntil).to.be.greaterThan(0n);
    expect([room.provider, room.status]).to.deep.equal([bob.address, OfferStatus.Paused]);
    expect([dataset.provider, dataset.classId, dataset.token, dataset.unitPrice]).to.deep.equal([
      carol.address,
      await taxonomy.attributeId("dataset"),
      ZeroAddress,
      parseEther("0.01"),
    ]);
    for (const id of [1n, 2n, 4n]) expect(await market.isBookable(id)).to.equal(true);

    // The open request, answered by Alice
    expect(await market.requestCount()).to.equal(1n);
    const request = await market.request(1n);
    expect([request.consumer, request.status]).to.deep.equal([dave.address, RequestStatus.Open]);
    expect(await market.isRequestOpen(1n)).to.equal(true);
    expect(await market.hasAnswered(1n, 1n)).to.equal(true);

    // Bookings in several states
    const statuses = await Promise.all([1n, 2n, 3n, 4n, 5n].map(async (id) => (await market.booking(id)).status));
    expect(statuses).to.deep.equal([
      BookingStatus.Accepted,
      BookingStatus.Completed,
      BookingStatus.Disputed,
      BookingStatus.Booked,
      BookingStatus.Ruled,
    ]);
    // Eve's delivery address is readable by Alice while her booking runs; Dave's own connection to Alice (the
    // access demo) is untouched.
    const delivery = await taxonomy.attributeId("delivery_address");
    const postal = await taxonomy.attributeId("postal_address");
    expect(await accessGrants.isAuthorized(eve.address, alice.address, delivery)).to.equal(true);
    expect(await accessGrants.isAuthorized(dave.address, alice.address, postal)).to.equal(true);
    expect((await accessGrants.connectionOf(dave.address, alice.address)).connector).to.equal(ZeroAddress);

    // Money: escrows and credits add up to what the market holds, per token
    const fee = await net.contracts.networkRules.marketFeeBps();
    const deskPayment = parseUnits("125", 18);
    const ruledPayment = parseUnits("25", 18);
    const feeOn = (payment: bigint) => (payment * fee) / 10_000n;
    expect(await market.balanceOf(bob.address, token)).to.equal(
      deskPayment - feeOn(deskPayment) + ruledPayment - feeOn(ruledPayment),
    );
    expect(await market.balanceOf(eve.address, token)).to.equal(parseUnits("25", 18));
    expect(await dEUR.balanceOf(await market.getAddress())).to.equal(
      parseUnits("15", 18) + deskPayment + parseUnits("50", 18),
    );
    expect(await ethers.provider.getBalance(await market.getAddress())).to.equal(parseEther("0.02"));

    // One line per thing created
    expect(lines).to.have.length(12);
    expect(lines.some((line) => line.includes("bike courier"))).to.equal(true);
  });
});
