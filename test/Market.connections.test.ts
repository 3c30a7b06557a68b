import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { encodeBytes32String, id, ZeroAddress, type ContractTransactionResponse } from "ethers";

import { asGovernance, CloseReason, Consent } from "./helpers/access.js";
import {
  acceptedBooking,
  book,
  courierRequest,
  courierTerms,
  DAY,
  deliveryData,
  deployMarketNetwork,
  doc,
  listCourier,
  NO_DATA,
  sendBooking,
  type DataRequest,
  type MarketNetwork,
} from "./helpers/market.js";
import { networkHelpers } from "./helpers/network.js";

const PRICE = 10n ** 16n;

/**
 * Point 4 of the market: a booking opens the data connection the offer asks for, on the consumer's consent,
 * through the REAL AccessGrants (deployed and wired by the Ignition modules), and the connection closes by
 * itself when the booking is settled.
 */
describe("Market: data connections through AccessGrants", () => {
  let n: MarketNetwork;
  let data: DataRequest;
  let offerId: bigint;
  beforeEach(async () => {
    n = await networkHelpers.loadFixture(deployMarketNetwork);
    data = deliveryData(n);
    offerId = await listCourier(n, {}, data);
  });

  const authorized = (consumer: HardhatEthersSigner = n.carol) =>
    n.w.accessGrants.isAuthorized(consumer.address, n.alice.address, n.deliveryAddress);

  it("booking opens the connection the offer asks for: the provider reads the address while the booking runs", async () => {
    const connectionId = await n.w.accessGrants.connectionIdOf(n.carol.address, n.alice.address);
    expect(await authorized()).to.equal(false);
    const booked = sendBooking(n, n.carol, offerId, 1n, data);
    const expiresAt = (await networkHelpers.time.latest()) + 1 + 2 * DAY;
    await expect(booked)
      .to.emit(n.w.accessGrants, "ConnectionOpened")
      .withArgs(
        n.carol.address,
        n.alice.address,
        connectionId,
        [n.deliveryAddress],
        data.purpose,
        expiresAt,
        Consent.Connector,
        await n.market.getAddress(),
        1,
      );
    await expect(booked)
      .to.emit(n.market, "BookingCreated")
      .withArgs(n.carol.address, offerId, 1n, 0n, 1n, ZeroAddress, PRICE, n.fee, connectionId);
    expect((await n.market.booking(1n)).consentSlot).to.equal(1n);
    expect(await authorized()).to.equal(true);
    // only what the offer asked for
    expect(await n.w.accessGrants.isAuthorized(n.carol.address, n.alice.address, n.phone)).to.equal(false);
    // the booking's own consent, in slot 1 (slot 0, the consumer's own, stays empty)
    const [infos] = await n.w.accessGrants.consentsOf(n.carol.address, n.alice.address);
    expect(infos[0]?.expiresAt).to.equal(0n);
    expect(infos[1]?.connector).to.equal(await n.market.getAddress());
    expect(infos[1]?.expiresAt).to.equal(BigInt(expiresAt));
  });

  describe("the connection closes by itself when the booking is settled", () => {
    const settlements: [string, (bookingId: bigint) => Promise<ContractTransactionResponse>][] = [
      ["declined by the provider", (b) => n.market.connect(n.alice).declineBooking(b)],
      ["cancelled by the consumer", (b) => n.market.connect(n.carol).cancelBooking(b)],
      [
        "completed by the consumer",
        async (b) => {
          await n.market.connect(n.alice).acceptBooking(b);
          return n.market.connect(n.carol).completeBooking(b);
        },
      ],
      [
        "ruled on by a leader",
        async (b) => {
          await n.market.connect(n.alice).acceptBooking(b);
          await n.market.connect(n.carol).openDispute(b, doc("parcel lost"));
          return n.market.connect(n.leader).ruleDispute(b, PRICE, doc("refund"));
        },
      ],
    ];
    for (const [label, settle] of settlements) {
      it(label, async () => {
        const bookingId = await book(n, n.carol, offerId, 1n, data);
        const connectionId = await n.w.accessGrants.connectionIdOf(n.carol.address, n.alice.address);
        expect(await authorized()).to.equal(true);
        await expect(settle(bookingId))
          .to.emit(n.w.accessGrants, "ConnectionClosed")
          .withArgs(
            n.carol.address,
            n.alice.address,
            connectionId,
            CloseReason.Connector,
            await n.market.getAddress(),
            1,
          );
        expect(await authorized()).to.equal(false);
      });
    }

    it("claimed by the provider after the dispute window (the connection may have lapsed by then: no error)", async () => {
      // a connection as long as the dispute window plus a day, so it is still open at the claim
      const longer = deliveryData(n, { duration: n.disputeWindow + DAY });
      await n.market.connect(n.alice).updateOffer(offerId, courierTerms(n), longer);
      const bookingId = await acceptedBooking(n, offerId, n.carol, 1n, longer);
      await n.market.connect(n.alice).markDelivered(bookingId);
      await networkHelpers.time.increase(n.disputeWindow);
      expect(await authorized()).to.equal(true);
      await expect(n.market.connect(n.alice).claimPayment(bookingId)).to.emit(n.w.accessGrants, "ConnectionClosed");
      expect(await authorized()).to.equal(false);

      // with the offer's original two days, the connection lapsed before the claim: settling still works
      await n.market.connect(n.alice).updateOffer(offerId, courierTerms(n), data);
      const lapsed = await acceptedBooking(n, offerId, n.carol, 1n, data);
      await n.market.connect(n.alice).markDelivered(lapsed);
      await networkHelpers.time.increase(n.disputeWindow);
      expect(await authorized()).to.equal(false);
      // the lapsed consent is cleared (reported closed) and its slot freed
      await expect(n.market.connect(n.alice).claimPayment(lapsed)).to.emit(n.market, "BookingSettled");
      expect((await n.w.accessGrants.consentsOf(n.carol.address, n.alice.address))[1]).to.equal(0n);
    });
  });

  it("a booking of an offer without a data request opens nothing and closes nothing", async () => {
    const plain = await listCourier(n);
    const booked = sendBooking(n, n.carol, plain, 1n);
    await expect(booked).to.not.emit(n.w.accessGrants, "ConnectionOpened");
    await expect(booked)
      .to.emit(n.market, "BookingCreated")
      .withArgs(n.carol.address, plain, 1n, 0n, 1n, ZeroAddress, PRICE, n.fee, 0n);
    expect((await n.market.booking(1n)).consentSlot).to.equal(0n);
    expect((await n.w.accessGrants.connectionOf(n.carol.address, n.alice.address)).expiresAt).to.equal(0n);
    await n.market.connect(n.alice).acceptBooking(1n);
    await expect(n.market.connect(n.carol).completeBooking(1n)).to.not.emit(n.w.accessGrants, "ConnectionClosed");
  });

  it("the consumer's consent must repeat the offer's request exactly", async () => {
    const wrong: [string, DataRequest][] = [
      ["none", NO_DATA],
      ["another purpose", deliveryData(n, { purpose: id("purpose:marketing") })],
      ["longer", deliveryData(n, { duration: 3 * DAY })],
      ["more attributes", deliveryData(n, { attributeIds: [n.deliveryAddress, n.phone] })],
    ];
    for (const [label, consent] of wrong) {
      await expect(sendBooking(n, n.carol, offerId, 1n, consent), label)
        .to.be.revertedWithCustomError(n.market, "MarketConsentMismatch")
        .withArgs(offerId);
    }
    expect(await authorized()).to.equal(false);
  });

  it("two bookings with the same provider asking different attributes and durations: settling one leaves the other's consent exactly", async () => {
    const phoneData = deliveryData(n, { attributeIds: [n.phone], duration: 5 * DAY });
    const phoneOffer = await listCourier(n, {}, phoneData);
    const first = await book(n, n.carol, offerId, 1n, data);
    const second = await book(n, n.carol, phoneOffer, 1n, phoneData);
    expect([(await n.market.booking(first)).consentSlot, (await n.market.booking(second)).consentSlot]).to.deep.equal([
      1n,
      2n,
    ]);
    const before = (await n.w.accessGrants.consentsOf(n.carol.address, n.alice.address))[0][2];
    const phoneAuthorized = () => n.w.accessGrants.isAuthorized(n.carol.address, n.alice.address, n.phone);
    expect([await authorized(), await phoneAuthorized()]).to.deep.equal([true, true]);
    await expect(n.market.connect(n.alice).declineBooking(first))
      .to.emit(n.w.accessGrants, "ConnectionClosed")
      .withArgs(n.carol.address, n.alice.address, anyValue, CloseReason.Connector, await n.market.getAddress(), 1);
    expect(await authorized()).to.equal(false);
    expect(await phoneAuthorized()).to.equal(true);
    expect((await n.w.accessGrants.consentsOf(n.carol.address, n.alice.address))[0][2]).to.deep.equal(before);
    await expect(n.market.connect(n.carol).cancelBooking(second)).to.emit(n.w.accessGrants, "ConnectionClosed");
    expect(await phoneAuthorized()).to.equal(false);
    // and another consumer's connection is their own
    await book(n, n.dave, offerId, 1n, data);
    expect(await authorized(n.dave)).to.equal(true);
    expect(await authorized()).to.equal(false);
  });

  it("attack (issue 11): a booking never overwrites or closes the consent the consumer gave themselves", async () => {
    // dave shares his postal address with alice for 30 days, then books alice's courier offer, which asks for his
    // delivery address for 2 days
    const { dave, alice } = n;
    const postal = await n.w.taxonomy.attributeId("postal_address");
    const until = (await networkHelpers.time.latest()) + 30 * DAY;
    await n.w.accessGrants.connect(dave).grant(alice.address, [postal], id("purpose:letters"), until);
    const own = await n.w.accessGrants.connectionOf(dave.address, alice.address);
    const bookingId = await acceptedBooking(n, offerId, dave, 1n, data);
    // dave's own consent stays exactly as it was; the booking's is added beside it
    expect(await n.w.accessGrants.connectionOf(dave.address, alice.address)).to.deep.equal(own);
    const [infos] = await n.w.accessGrants.consentsOf(dave.address, alice.address);
    expect(infos[1]?.attributeIds).to.deep.equal([n.deliveryAddress]);
    expect(await authorized(dave)).to.equal(true);
    expect(await n.w.accessGrants.isAuthorized(dave.address, alice.address, postal)).to.equal(true);
    // settling the booking removes only the booking's consent
    const connectionId = await n.w.accessGrants.connectionIdOf(dave.address, alice.address);
    await expect(n.market.connect(dave).completeBooking(bookingId))
      .to.emit(n.w.accessGrants, "ConnectionClosed")
      .withArgs(dave.address, alice.address, connectionId, CloseReason.Connector, await n.market.getAddress(), 1);
    expect(await n.w.accessGrants.connectionOf(dave.address, alice.address)).to.deep.equal(own);
    expect(await n.w.accessGrants.isAuthorized(dave.address, alice.address, postal)).to.equal(true);
    expect(await authorized(dave)).to.equal(false);
    // and the consent dave gives himself afterwards is untouched by bookings still to come
    await book(n, dave, offerId, 1n, data);
    expect(await n.w.accessGrants.connectionOf(dave.address, alice.address)).to.deep.equal(own);
  });

  it("an eighth concurrent booking with data between the same two is refused with a clear error", async () => {
    for (let i = 0; i < 7; i++) await book(n, n.carol, offerId, 1n, data);
    await expect(sendBooking(n, n.carol, offerId, 1n, data))
      .to.be.revertedWithCustomError(n.w.accessGrants, "AccessGrantsNoFreeSlot")
      .withArgs(n.carol.address, n.alice.address);
    // settling one frees its slot for the next booking
    await n.market.connect(n.carol).cancelBooking(3n);
    const next = await book(n, n.carol, offerId, 1n, data);
    expect((await n.market.booking(next)).consentSlot).to.equal(3n);
  });

  it("the consumer may close the connection early; settling the booking then closes nothing and never fails", async () => {
    const bookingId = await acceptedBooking(n, offerId, n.carol, 1n, data);
    await n.w.accessGrants.connect(n.carol).revoke(n.alice.address);
    expect(await authorized()).to.equal(false);
    await expect(n.market.connect(n.carol).completeBooking(bookingId)).to.not.emit(
      n.w.accessGrants,
      "ConnectionClosed",
    );
  });

  it("accepting an answer to a request opens the connection too", async () => {
    await n.market.connect(n.carol).postRequest(await courierRequest(n, { quantity: 1n }));
    await n.market.connect(n.alice).answerRequest(1n, offerId);
    await expect(n.market.connect(n.carol).acceptAnswer(1n, offerId, 0, data, { value: PRICE })).to.emit(
      n.w.accessGrants,
      "ConnectionOpened",
    );
    expect(await authorized()).to.equal(true);
  });

  it("a booking fails with AccessGrants' own error when the members shortened the maximum grant below the request", async () => {
    await n.w.networkRules.connect(await asGovernance(n.w)).setRule(encodeBytes32String("maxGrantDuration"), DAY);
    await expect(sendBooking(n, n.carol, offerId, 1n, data)).to.be.revertedWithCustomError(
      n.w.accessGrants,
      "AccessGrantsInvalidExpiry",
    );
    // the provider shortens the request, and consumers can book again
    const shorter = deliveryData(n, { duration: DAY });
    await n.market.connect(n.alice).updateOffer(offerId, courierTerms(n), shorter);
    await expect(sendBooking(n, n.carol, offerId, 1n, shorter)).to.emit(n.w.accessGrants, "ConnectionOpened");
  });
});
