import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { id, ZeroAddress, ZeroHash } from "ethers";

import { deployWeconet, nth, type Weconet } from "../../test/helpers/deployment.js";
import { networkHelpers } from "../../test/helpers/network.js";
import { TestToken__factory, type Market } from "../../typechain-types/index.js";
import { ORIGIN, PUBLISHED } from "../anchors/published.js";
import { gasOf, type Measurement, type Scenario } from "../lib.js";

const ETH = ZeroAddress;
const DAY = 86_400;
const PRICE = 10n ** 16n;
const NO_DATA: Market.DataRequestStruct = { attributeIds: [], purpose: ZeroHash, duration: 0 };

/** Origin Protocol's published figure for `operation` (bench/anchors/published.ts). */
function origin(operation: string): bigint {
  const figure = PUBLISHED.find((p) => p.domain === ORIGIN && p.operation === operation);
  if (figure === undefined) throw new Error(`bench: no published Origin figure for ${operation}`);
  return figure.gas;
}

function terms(classId: bigint, token: string, label: string, capacity = 1_000n): Market.OfferTermsStruct {
  return {
    classId,
    token,
    unitPrice: PRICE,
    capacity,
    validFrom: 0,
    validUntil: 0,
    metadata: id(`bench offer: ${label}`),
  };
}

/**
 * Fills the market with `scale` offers (Alice's and Bob's, half in ETH, half in an ERC-20), `scale` bookings
 * on them by two consumers, and `scale / 10` requests, so that every operation below is measured against a
 * populated contract.
 */
async function populate(
  w: Weconet,
  scale: number,
  people: { alice: HardhatEthersSigner; bob: HardhatEthersSigner; consumers: HardhatEthersSigner[] },
  resources: { alice: bigint; bob: bigint },
  classId: bigint,
  token: string,
): Promise<void> {
  const market = w.market;
  const offers: { id: bigint; inToken: boolean }[] = [];
  for (let i = 0; i < scale; i++) {
    const [provider, resource] = i % 2 === 0 ? [people.alice, resources.alice] : [people.bob, resources.bob];
    const inToken = i % 4 >= 2;
    await (
      await market.connect(provider).listOffer(resource, terms(classId, inToken ? token : ETH, `${i}`), NO_DATA)
    ).wait();
    offers.push({ id: BigInt(i + 1), inToken });
  }
  for (let i = 0; i < scale; i++) {
    const consumer = nth(people.consumers, i % people.consumers.length);
    const offer = nth(offers, i % offers.length);
    const value = offer.inToken ? 0n : PRICE;
    await (await market.connect(consumer).book(offer.id, 0, 1n, NO_DATA, { value })).wait();
  }
  const deadline = (await networkHelpers.time.latest()) + 365 * DAY;
  for (let i = 0; i < Math.max(1, Math.floor(scale / 10)); i++) {
    const consumer = nth(people.consumers, i % people.consumers.length);
    const request = { classId, token: ETH, quantity: 1n, maxUnitPrice: PRICE, deadline, metadata: id(`need ${i}`) };
    await (await market.connect(consumer).postRequest(request)).wait();
  }
}

/**
 * The market: what providers, consumers and leaders do, measured with `scale` existing offers and `scale`
 * existing bookings. Fails the run if listing or booking with escrow costs as much as Origin Protocol's
 * published `createListing` or `makeOffer`.
 */
export const marketScenario: Scenario = {
  domain: "market",
  async measure(scale: number): Promise<Measurement[]> {
    const w = await deployWeconet();
    const market = w.market;
    const [alice, bob, carol] = [0, 1, 2].map((i) => nth(w.members, i)) as [
      HardhatEthersSigner,
      HardhatEthersSigner,
      HardhatEthersSigner,
    ];
    const dave = w.developer;
    const leader = nth(w.leaders, 0);
    const courier = await w.taxonomy.attributeId("courier_service");
    const deliveryAddress = await w.taxonomy.attributeId("delivery_address");
    await (await w.resources.connect(alice).register(courier, id("alice's bikes"))).wait();
    await (await w.resources.connect(bob).register(courier, id("bob's bikes"))).wait();
    const resources = { alice: 1n, bob: 2n };
    const erc20 = await new TestToken__factory(w.deployer).deploy();
    const token = await erc20.getAddress();
    for (const holder of [carol, dave, w.manager]) {
      await (await erc20.mint(holder.address, 10n ** 24n)).wait();
      await (await erc20.connect(holder).approve(await market.getAddress(), 2n ** 255n)).wait();
    }
    await populate(w, scale, { alice, bob, consumers: [dave, w.manager] }, resources, courier, token);

    const rows: Measurement[] = [];
    const record = (operation: string, gas: bigint) => rows.push({ domain: "market", operation, scale, gas });
    const data: Market.DataRequestStruct = {
      attributeIds: [deliveryAddress],
      purpose: id("purpose:delivery"),
      duration: 2 * DAY,
    };
    const p = market.connect(alice);
    const c = market.connect(carol);
    let next = BigInt(scale);
    const nextBooking = () => ++next;

    // Offers: list (ETH, ERC-20, with a data request), maintain in place.
    const offerId = BigInt(scale) + 1n;
    record("list offer", await gasOf(p.listOffer(resources.alice, terms(courier, ETH, "measured"), NO_DATA)));
    const tokenOfferId = offerId + 1n;
    record("list offer (ERC-20)", await gasOf(p.listOffer(resources.alice, terms(courier, token, "token"), NO_DATA)));
    const dataOfferId = offerId + 2n;
    record(
      "list offer (with data request)",
      await gasOf(p.listOffer(resources.alice, terms(courier, ETH, "data"), data)),
    );
    record(
      "update offer",
      await gasOf(p.updateOffer(offerId, { ...terms(courier, ETH, "measured v1"), unitPrice: PRICE }, NO_DATA)),
    );
    record("pause offer", await gasOf(p.pauseOffer(offerId)));
    record("resume offer", await gasOf(p.resumeOffer(offerId)));

    // Bookings: with escrow in ETH, in an ERC-20, and with a data connection.
    const booked = nextBooking();
    record("book (ETH escrow)", await gasOf(c.book(offerId, 1, 1n, NO_DATA, { value: PRICE })));
    const bookedInToken = nextBooking();
    record("book (ERC-20 escrow)", await gasOf(c.book(tokenOfferId, 0, 1n, NO_DATA)));
    const bookedWithData = nextBooking();
    record("book (ETH escrow, opens data connection)", await gasOf(c.book(dataOfferId, 0, 1n, data, { value: PRICE })));

    // The provider answers bookings; the consumer completes, cancels, disputes; a leader rules.
    record("accept booking", await gasOf(p.acceptBooking(booked)));
    record("mark delivered", await gasOf(p.markDelivered(booked)));
    record("complete booking", await gasOf(c.completeBooking(booked)));
    await (await p.acceptBooking(bookedWithData)).wait();
    record("complete booking (closes data connection)", await gasOf(c.completeBooking(bookedWithData)));
    await (await p.acceptBooking(bookedInToken)).wait();
    record("complete booking (ERC-20)", await gasOf(c.completeBooking(bookedInToken)));

    const declined = nextBooking();
    await (await c.book(offerId, 1, 2n, NO_DATA, { value: 2n * PRICE })).wait();
    record("decline booking", await gasOf(p.declineBooking(declined)));
    const cancelled = nextBooking();
    await (await c.book(offerId, 1, 2n, NO_DATA, { value: 2n * PRICE })).wait();
    record("cancel booking", await gasOf(c.cancelBooking(cancelled)));

    const claimed = nextBooking();
    await (await c.book(offerId, 1, 1n, NO_DATA, { value: PRICE })).wait();
    await (await p.acceptBooking(claimed)).wait();
    await (await p.markDelivered(claimed)).wait();
    await networkHelpers.time.increase(Number(await w.networkRules.disputeWindow()));
    record("claim payment", await gasOf(p.claimPayment(claimed)));

    const disputed = nextBooking();
    await (await c.book(offerId, 1, 1n, NO_DATA, { value: PRICE })).wait();
    await (await p.acceptBooking(disputed)).wait();
    record("open dispute", await gasOf(c.openDispute(disputed, id("statement: parcel lost"))));
    record(
      "rule dispute",
      await gasOf(market.connect(leader).ruleDispute(disputed, PRICE / 2n, id("ruling: half back"))),
    );

    // Requests: post, answer, accept (which books with escrow).
    const deadline = (await networkHelpers.time.latest()) + 7 * DAY;
    const requestId = (await market.requestCount()) + 1n;
    record(
      "post request",
      await gasOf(
        c.postRequest({
          classId: courier,
          token: ETH,
          quantity: 2n,
          maxUnitPrice: PRICE,
          deadline,
          metadata: id("two parcels"),
        }),
      ),
    );
    record("answer request", await gasOf(p.answerRequest(requestId, offerId)));
    nextBooking();
    record(
      "accept answer (books, ETH escrow)",
      await gasOf(c.acceptAnswer(requestId, offerId, 1, NO_DATA, { value: 2n * PRICE })),
    );
    const cancelledRequest = requestId + 1n;
    await (
      await c.postRequest({
        classId: courier,
        token: ETH,
        quantity: 1n,
        maxUnitPrice: PRICE,
        deadline,
        metadata: id("never mind"),
      })
    ).wait();
    record("cancel request", await gasOf(c.cancelRequest(cancelledRequest)));

    // Money out: everyone pulls.
    record("withdraw (ETH)", await gasOf(p.withdraw(ETH)));
    record("withdraw (ERC-20)", await gasOf(p.withdraw(token)));
    record("withdraw fees to the treasury (ETH)", await gasOf(market.connect(bob).withdrawFees(ETH)));
    record("close offer", await gasOf(p.closeOffer(offerId)));

    // The bar, as a hard failure (the report also shows it as a target): every way of listing below
    // Origin's createListing, every way of booking with escrow below its makeOffer.
    const [createListing, makeOffer] = [origin("createListing"), origin("makeOffer")];
    for (const row of rows) {
      const bound = row.operation.startsWith("list offer")
        ? createListing
        : row.operation.startsWith("book") || row.operation.startsWith("accept answer")
          ? makeOffer
          : undefined;
      if (bound !== undefined && row.gas >= bound) {
        throw new Error(`bench: market "${row.operation}" costs ${row.gas} gas, not below Origin's ${bound}`);
      }
    }
    return rows;
  },
};
