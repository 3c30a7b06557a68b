import { expect } from "chai";
import { erc20Abi, getAddress, parseEther, parseUnits, zeroAddress, type Address } from "viem";

import { documentsResolver } from "@weconet/sdk";

import { seedAccessDemo } from "../../scripts/demo/access.js";
import { seedCoreDemo } from "../../scripts/demo/core.js";
import { seedMarketDemo } from "../../scripts/demo/market.js";
import { memberAddresses, type DemoNetwork } from "../../scripts/demo/network.js";
import { deployDemoNetwork } from "../helpers/demo.js";
import { networkHelpers } from "../helpers/network.js";

/** A fresh deployment with the local parameters, seeded as `npm start` seeds it: core, access, then market. */
async function demoNetwork(): Promise<{ net: DemoNetwork; lines: string[]; documents: string[] }> {
  const { net, lines, documents } = await deployDemoNetwork();
  await seedCoreDemo(net);
  await seedAccessDemo(net);
  const before = lines.length;
  await seedMarketDemo(net);
  return { net, lines: lines.slice(before), documents };
}

describe("demo: market seeding", () => {
  it("lists the courier, desk, meeting room and dataset offers, one open request and bookings in several states", async () => {
    const { net, lines, documents } = await networkHelpers.loadFixture(demoNetwork);
    const { reads, publicClient, deployment } = net.weconet;
    const { alice, bob, carol, dave, eve } = memberAddresses(net.people);
    const logged = lines.join("\n").match(/0x[0-9a-fA-F]{40}/)?.[0];
    if (logged === undefined) throw new Error("the demo did not log the DemoEuro address");
    const token = getAddress(logged);
    const balanceOf = (account: Address) =>
      publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account] });
    expect(await publicClient.readContract({ address: token, abi: erc20Abi, functionName: "symbol" })).to.equal("dEUR");

    // Offers
    const offers = (await reads.offers({ all: true })).items;
    expect(offers.map((o) => o.id)).to.have.members([1n, 2n, 3n, 4n]);
    const [courier, desk, room, dataset] = await Promise.all([1n, 2n, 3n, 4n].map((id) => reads.offer(id)));
    expect(courier).to.deep.include({
      provider: alice,
      classId: await reads.attributeId("courier_service"),
      token,
      unitPrice: parseUnits("7.5", 18),
      bookable: true,
    });
    expect(courier?.dataRequest.attributeIds).to.deep.equal([await reads.attributeId("delivery_address")]);
    expect(desk).to.deep.include({ provider: bob, classId: await reads.attributeId("desk"), token });
    expect(desk?.validUntil).to.be.greaterThan(0);
    expect(room).to.deep.include({ provider: bob, status: "paused", bookable: false });
    expect(dataset).to.deep.include({
      provider: carol,
      classId: await reads.attributeId("dataset"),
      token: zeroAddress,
      unitPrice: parseEther("0.01"),
    });
    // Every offer's document was published and is what its hash says: the matcher can read the courier's area.
    expect(documents).to.have.length(4);
    const { ranked } = await reads.match(
      {
        class: "courier_service",
        token,
        quantity: 2,
        maxUnitPrice: parseUnits("9", 18),
        attributes: { service_area: "Amsterdam" },
      },
      { resolveDocument: documentsResolver(documents) },
    );
    expect(ranked.map((m) => m.offer.id)).to.deep.equal([1n]);
    expect(ranked[0]?.explanation).to.include('1 of 1 wanted values match: service_area is "Amsterdam", as wanted');

    // The open request, answered by Alice
    const [request] = (await reads.marketRequests()).items;
    expect(request).to.deep.include({ id: 1n, consumer: dave, status: "open", open: true });
    expect(request?.answers).to.deep.equal([1n]);

    // Bookings in several states, each with who acts next
    const bookings = (await reads.bookings()).items;
    expect(bookings.map((b) => [b.id, b.status])).to.deep.equal([
      [5n, "ruled"],
      [4n, "booked"],
      [3n, "disputed"],
      [2n, "completed"],
      [1n, "accepted"],
    ]);
    const next = (id: bigint, by: string) => bookings.find((b) => b.id === id)?.next.filter((a) => a.by === by);
    expect(next(4n, "provider")?.map((a) => a.id)).to.deep.equal(["accept", "decline"]);
    expect(next(3n, "leader")?.map((a) => a.id)).to.deep.equal(["rule"]);
    // Eve's delivery address is readable by Alice while her booking runs; Dave's own connection to Alice (the
    // access demo) is untouched.
    expect(await reads.isAuthorized({ owner: eve, grantee: alice, attribute: "delivery_address" })).to.equal(true);
    expect(await reads.isAuthorized({ owner: dave, grantee: alice, attribute: "postal_address" })).to.equal(true);
    const [daves] = (await reads.connections({ member: dave, direction: "given", states: ["live"] })).items;
    expect(daves).to.deep.include({ grantee: alice, consent: "owner", connector: zeroAddress });

    // Money: escrows and credits add up to what the market holds, per token
    const fee = BigInt(await net.weconet.contracts.networkRules.read.marketFeeBps());
    const deskPayment = parseUnits("125", 18);
    const ruledPayment = parseUnits("25", 18);
    const feeOn = (payment: bigint) => (payment * fee) / 10_000n;
    expect(await reads.credits(bob)).to.deep.equal([
      { token, amount: deskPayment - feeOn(deskPayment) + ruledPayment - feeOn(ruledPayment) },
    ]);
    expect(await reads.credits(eve)).to.deep.equal([{ token, amount: parseUnits("25", 18) }]);
    const market = deployment.contracts.market;
    expect(await balanceOf(market)).to.equal(parseUnits("15", 18) + deskPayment + parseUnits("50", 18));
    expect(await publicClient.getBalance({ address: market })).to.equal(parseEther("0.02"));
    expect((await net.weconet.audit.verify()).differences).to.deep.equal([]);

    // One line per thing created
    expect(lines).to.have.length(12);
    expect(lines.some((line) => line.includes("bike courier"))).to.equal(true);
  });
});
