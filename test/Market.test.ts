import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { EventFragment, id, toBeHex, ZeroHash } from "ethers";

import { ReentrantReceiver__factory } from "../typechain-types/index.js";
import { asGovernance } from "./helpers/access.js";
import { reason, TEST_SETTINGS } from "./helpers/deployment.js";
import { enact } from "./helpers/governance.js";
import {
  acceptedBooking,
  approve,
  book,
  BookingStatus,
  courierRequest,
  courierTerms,
  DAY,
  deliveryData,
  deployHostileTokens,
  deployMarketNetwork,
  disputedBooking,
  doc,
  ETH,
  feeOf,
  listCourier,
  listOffer,
  MEMBERS_DECISION_TIME,
  NO_DATA,
  OfferStatus,
  registerResource,
  RequestStatus,
  sendBooking,
  type MarketNetwork,
} from "./helpers/market.js";
import { ethers, networkHelpers } from "./helpers/network.js";

const PRICE = 10n ** 16n; // the courier offer's unit price: 0.01 ETH

describe("Market", () => {
  let n: MarketNetwork;
  beforeEach(async () => {
    n = await networkHelpers.loadFixture(deployMarketNetwork);
  });

  describe("offers", () => {
    it("a member lists an offer for their resource: stored, bookable, one event with every term", async () => {
      const terms = courierTerms(n, { validUntil: (await networkHelpers.time.latest()) + 30 * DAY });
      const data = deliveryData(n);
      await expect(n.market.connect(n.alice).listOffer(n.resources.courier, terms, data))
        .to.emit(n.market, "OfferListed")
        .withArgs(n.alice.address, 1n, 0n, n.resources.courier, Object.values(terms), [
          data.attributeIds,
          data.purpose,
          data.duration,
        ]);
      const offer = await n.market.offer(1n);
      expect(offer.provider).to.equal(n.alice.address);
      expect(offer.status).to.equal(OfferStatus.Active);
      expect(offer.version).to.equal(0n);
      expect(offer.resourceId).to.equal(n.resources.courier);
      expect(offer.classId).to.equal(n.classes.courier);
      expect(offer.token).to.equal(ETH);
      expect(offer.unitPrice).to.equal(PRICE);
      expect(offer.capacity).to.equal(10n);
      expect(offer.booked).to.equal(0n);
      expect(offer.validUntil).to.equal(terms.validUntil);
      expect(offer.dataRequest).to.equal(await n.market.hashDataRequest(data));
      expect(await n.market.offerCount()).to.equal(1n);
      expect(await n.market.isBookable(1n)).to.equal(true);
      expect(await n.market.remainingCapacity(1n)).to.equal(10n);
    });

    it("an offer without a data request stores no hash; the hash of an empty request is zero", async () => {
      const offerId = await listCourier(n);
      expect((await n.market.offer(offerId)).dataRequest).to.equal(ZeroHash);
      expect(await n.market.hashDataRequest(NO_DATA)).to.equal(ZeroHash);
    });

    it("rejects a listing with bad terms, each with its own error", async () => {
      const now = await networkHelpers.time.latest();
      const bike = await n.w.taxonomy.attributeId("bike");
      const cases: [string, Partial<Parameters<typeof courierTerms>[1]>, string, unknown[]][] = [
        ["no document", { metadata: ZeroHash }, "MarketEmptyMetadata", []],
        ["a person attribute as class", { classId: n.deliveryAddress }, "MarketInvalidClass", [n.deliveryAddress]],
        ["an unknown class", { classId: 999 }, "MarketInvalidClass", [999]],
        ["a token that is no contract", { token: n.carol.address }, "MarketInvalidToken", [n.carol.address]],
        ["zero capacity", { capacity: 0 }, "MarketInvalidCapacity", [0, 0]],
        [
          "validity ending before it starts",
          { validFrom: now + 10, validUntil: now + 5 },
          "MarketInvalidValidity",
          [now + 10, now + 5],
        ],
        ["validity already over", { validUntil: now }, "MarketInvalidValidity", [0, now]],
      ];
      for (const [label, overrides, error, args] of cases) {
        await expect(
          n.market.connect(n.alice).listOffer(n.resources.courier, courierTerms(n, overrides), NO_DATA),
          label,
        )
          .to.be.revertedWithCustomError(n.market, error)
          .withArgs(...args);
      }
      // a resource class is fine for the offer even if it differs from the resource's own class
      await expect(
        n.market.connect(n.alice).listOffer(n.resources.courier, courierTerms(n, { classId: bike }), NO_DATA),
      ).to.not.revert(ethers);
    });

    it("rejects a data request that is malformed or asks for more than the rules allow", async () => {
      const maxGrant = await n.w.networkRules.maxGrantDuration();
      const bike = await n.w.taxonomy.attributeId("bike");
      const many = Array.from({ length: 33 }, (_, i) => i + 1);
      const purpose = id("purpose:delivery");
      const cases: [string, Parameters<typeof deliveryData>[1], string, unknown[]][] = [
        ["purpose without attributes", { attributeIds: [], duration: 0 }, "MarketInvalidDataRequest", []],
        ["duration without attributes", { attributeIds: [], purpose: ZeroHash }, "MarketInvalidDataRequest", []],
        ["no purpose", { purpose: ZeroHash }, "MarketInvalidDataRequest", []],
        ["no duration", { duration: 0 }, "MarketInvalidDataRequest", []],
        ["longer than the maximum grant", { duration: maxGrant + 1n }, "MarketInvalidDataRequest", []],
        ["too many attributes", { attributeIds: many }, "MarketInvalidDataRequest", []],
        [
          "not ascending",
          { attributeIds: [n.phone, n.deliveryAddress] },
          "MarketInvalidDataAttribute",
          [n.deliveryAddress],
        ],
        ["twice the same", { attributeIds: [n.phone, n.phone] }, "MarketInvalidDataAttribute", [n.phone]],
        ["not a person attribute", { attributeIds: [bike] }, "MarketInvalidDataAttribute", [bike]],
      ];
      for (const [label, overrides, error, args] of cases) {
        await expect(
          n.market.connect(n.alice).listOffer(n.resources.courier, courierTerms(n), deliveryData(n, overrides)),
          label,
        )
          .to.be.revertedWithCustomError(n.market, error)
          .withArgs(...args);
      }
      await expect(
        n.market.connect(n.alice).listOffer(n.resources.courier, courierTerms(n), {
          attributeIds: [n.deliveryAddress, n.phone],
          purpose,
          duration: maxGrant,
        }),
      ).to.not.revert(ethers);
    });

    it("only the resource's owner, an active member, lists it, and only while the resource is switched on", async () => {
      await expect(n.market.connect(n.bob).listOffer(n.resources.courier, courierTerms(n), NO_DATA))
        .to.be.revertedWithCustomError(n.market, "MarketNotResourceOwner")
        .withArgs(n.resources.courier, n.bob.address);
      await expect(n.market.connect(n.alice).listOffer(999n, courierTerms(n), NO_DATA))
        .to.be.revertedWithCustomError(n.w.resources, "ResourcesUnknownResource")
        .withArgs(999n);
      await n.w.resources.connect(n.alice).setActive(n.resources.courier, false);
      await expect(n.market.connect(n.alice).listOffer(n.resources.courier, courierTerms(n), NO_DATA))
        .to.be.revertedWithCustomError(n.market, "MarketResourceUnavailable")
        .withArgs(n.resources.courier);
      await n.w.resources.connect(n.alice).setActive(n.resources.courier, true);
      await n.w.membership.connect(n.leader).suspend(n.alice.address, reason("spam"));
      await expect(n.market.connect(n.alice).listOffer(n.resources.courier, courierTerms(n), NO_DATA))
        .to.be.revertedWithCustomError(n.market, "MarketNotActiveMember")
        .withArgs(n.alice.address);
    });

    it("a member who left and re-joined cannot offer a resource of the earlier membership, nor keep its offers", async () => {
      const offerId = await listCourier(n);
      await n.w.membership.connect(n.alice).leave();
      await n.w.membership.connect(n.alice).applyForMembership(doc("alice again"));
      await n.w.membership.connect(n.leader).admit(n.alice.address);
      await expect(n.market.connect(n.alice).listOffer(n.resources.courier, courierTerms(n), NO_DATA))
        .to.be.revertedWithCustomError(n.market, "MarketResourceUnavailable")
        .withArgs(n.resources.courier);
      expect(await n.market.isBookable(offerId)).to.equal(false);
      await expect(sendBooking(n, n.carol, offerId, 1n))
        .to.be.revertedWithCustomError(n.market, "MarketResourceUnavailable")
        .withArgs(n.resources.courier);
      // registered anew, the resource is hers to offer again
      const again = await registerResource(n.w, n.alice, n.classes.courier, "alice's courier service, again");
      await expect(n.market.connect(n.alice).listOffer(again, courierTerms(n), NO_DATA)).to.emit(
        n.market,
        "OfferListed",
      );
    });

    it("the provider updates the offer in place: a new version with the new terms, booked units kept", async () => {
      const offerId = await listCourier(n);
      await book(n, n.carol, offerId, 3n);
      const terms = courierTerms(n, {
        unitPrice: 2n * PRICE,
        capacity: 5n,
        token: await n.token.getAddress(),
        metadata: doc("v1"),
      });
      const data = deliveryData(n);
      await expect(n.market.connect(n.alice).updateOffer(offerId, terms, data))
        .to.emit(n.market, "OfferUpdated")
        .withArgs(n.alice.address, offerId, 0n, 1n, Object.values(terms), [
          data.attributeIds,
          data.purpose,
          data.duration,
        ]);
      const offer = await n.market.offer(offerId);
      expect(offer.version).to.equal(1n);
      expect(offer.unitPrice).to.equal(2n * PRICE);
      expect(offer.token).to.equal(await n.token.getAddress());
      expect(offer.booked).to.equal(3n);
      expect(await n.market.remainingCapacity(offerId)).to.equal(2n);
      expect(offer.dataRequest).to.equal(await n.market.hashDataRequest(data));

      await expect(n.market.connect(n.alice).updateOffer(offerId, courierTerms(n, { capacity: 2n }), NO_DATA))
        .to.be.revertedWithCustomError(n.market, "MarketInvalidCapacity")
        .withArgs(2n, 3n);
      await expect(
        n.market.connect(n.alice).updateOffer(offerId, courierTerms(n, { capacity: 3n }), NO_DATA),
      ).to.not.revert(ethers);
      expect(await n.market.isBookable(offerId)).to.equal(false); // sold out
    });

    it("pause stops bookings, resume restarts them, close ends the offer for good", async () => {
      const offerId = await listCourier(n);
      await expect(n.market.connect(n.alice).pauseOffer(offerId))
        .to.emit(n.market, "OfferPaused")
        .withArgs(n.alice.address, offerId, 0n);
      expect(await n.market.isBookable(offerId)).to.equal(false);
      await expect(sendBooking(n, n.carol, offerId, 1n))
        .to.be.revertedWithCustomError(n.market, "MarketOfferStatus")
        .withArgs(offerId, OfferStatus.Paused);
      await expect(n.market.connect(n.alice).pauseOffer(offerId))
        .to.be.revertedWithCustomError(n.market, "MarketOfferStatus")
        .withArgs(offerId, OfferStatus.Paused);
      // a paused offer can still be updated, and stays paused
      await n.market.connect(n.alice).updateOffer(offerId, courierTerms(n, { unitPrice: 1n }), NO_DATA);
      expect((await n.market.offer(offerId)).status).to.equal(OfferStatus.Paused);

      await expect(n.market.connect(n.alice).resumeOffer(offerId))
        .to.emit(n.market, "OfferResumed")
        .withArgs(n.alice.address, offerId, 0n);
      await expect(n.market.connect(n.alice).resumeOffer(offerId))
        .to.be.revertedWithCustomError(n.market, "MarketOfferStatus")
        .withArgs(offerId, OfferStatus.Active);
      const bookingId = await book(n, n.carol, offerId);

      await expect(n.market.connect(n.alice).closeOffer(offerId))
        .to.emit(n.market, "OfferClosed")
        .withArgs(n.alice.address, offerId, 0n);
      for (const call of [
        () => n.market.connect(n.alice).closeOffer(offerId),
        () => n.market.connect(n.alice).pauseOffer(offerId),
        () => n.market.connect(n.alice).resumeOffer(offerId),
        () => n.market.connect(n.alice).updateOffer(offerId, courierTerms(n), NO_DATA),
        () => sendBooking(n, n.carol, offerId, 1n),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(n.market, "MarketOfferStatus")
          .withArgs(offerId, OfferStatus.Closed);
      }
      // bookings made before closing run on
      await n.market.connect(n.alice).acceptBooking(bookingId);
      await n.market.connect(n.carol).completeBooking(bookingId);
      expect((await n.market.booking(bookingId)).status).to.equal(BookingStatus.Completed);
    });

    it("resuming needs the resource switched on and the provider an active member", async () => {
      const offerId = await listCourier(n);
      await n.market.connect(n.alice).pauseOffer(offerId);
      await n.w.resources.connect(n.alice).setActive(n.resources.courier, false);
      await expect(n.market.connect(n.alice).resumeOffer(offerId))
        .to.be.revertedWithCustomError(n.market, "MarketResourceUnavailable")
        .withArgs(n.resources.courier);
      await n.w.resources.connect(n.alice).setActive(n.resources.courier, true);
      await n.w.membership.connect(n.leader).suspend(n.alice.address, reason("spam"));
      await expect(n.market.connect(n.alice).resumeOffer(offerId))
        .to.be.revertedWithCustomError(n.market, "MarketResourceUnavailable")
        .withArgs(n.resources.courier);
      // a suspended provider can still take an offer off the market
      await expect(n.market.connect(n.alice).closeOffer(offerId)).to.emit(n.market, "OfferClosed");
    });

    it("is bookable only within its validity period", async () => {
      const now = await networkHelpers.time.latest();
      const offerId = await listCourier(n, { validFrom: now + DAY, validUntil: now + 3 * DAY });
      expect(await n.market.isBookable(offerId)).to.equal(false);
      await expect(sendBooking(n, n.carol, offerId, 1n))
        .to.be.revertedWithCustomError(n.market, "MarketOfferNotValid")
        .withArgs(offerId);
      await networkHelpers.time.increaseTo(now + DAY);
      expect(await n.market.isBookable(offerId)).to.equal(true);
      await book(n, n.carol, offerId);
      await networkHelpers.time.increaseTo(now + 3 * DAY);
      expect(await n.market.isBookable(offerId)).to.equal(false);
      await expect(sendBooking(n, n.carol, offerId, 1n))
        .to.be.revertedWithCustomError(n.market, "MarketOfferNotValid")
        .withArgs(offerId);
    });

    it("a switched-off resource or a suspended provider takes the offer off the market at once", async () => {
      const offerId = await listCourier(n);
      await n.w.resources.connect(n.alice).setActive(n.resources.courier, false);
      expect(await n.market.isBookable(offerId)).to.equal(false);
      await expect(sendBooking(n, n.carol, offerId, 1n))
        .to.be.revertedWithCustomError(n.market, "MarketResourceUnavailable")
        .withArgs(n.resources.courier);
      await n.w.resources.connect(n.alice).setActive(n.resources.courier, true);
      await n.w.membership.connect(n.leader).suspend(n.alice.address, reason("fraud"));
      expect(await n.market.isBookable(offerId)).to.equal(false);
      await expect(sendBooking(n, n.carol, offerId, 1n))
        .to.be.revertedWithCustomError(n.market, "MarketResourceUnavailable")
        .withArgs(n.resources.courier);
    });

    it("views of unknown offers, requests and bookings revert with their own error", async () => {
      await expect(n.market.offer(1n)).to.be.revertedWithCustomError(n.market, "MarketUnknownOffer").withArgs(1n);
      await expect(n.market.remainingCapacity(1n))
        .to.be.revertedWithCustomError(n.market, "MarketUnknownOffer")
        .withArgs(1n);
      await expect(n.market.request(1n)).to.be.revertedWithCustomError(n.market, "MarketUnknownRequest").withArgs(1n);
      await expect(n.market.booking(1n)).to.be.revertedWithCustomError(n.market, "MarketUnknownBooking").withArgs(1n);
      expect(await n.market.isBookable(1n)).to.equal(false);
      expect(await n.market.isRequestOpen(1n)).to.equal(false);
    });
  });

  describe("bookings", () => {
    it("booking escrows the price, takes the units and fixes price, token and fee", async () => {
      const offerId = await listCourier(n);
      const amount = 3n * PRICE;
      const booked = sendBooking(n, n.carol, offerId, 3n);
      await expect(booked)
        .to.emit(n.market, "BookingCreated")
        .withArgs(n.carol.address, offerId, 1n, 0n, 3n, ETH, amount, n.fee, 0n);
      await expect(booked).to.changeEtherBalances(ethers, [n.carol, n.market], [-amount, amount]);
      const booking = await n.market.booking(1n);
      expect(booking.consumer).to.equal(n.carol.address);
      expect(booking.status).to.equal(BookingStatus.Booked);
      expect(booking.offerId).to.equal(offerId);
      expect(booking.quantity).to.equal(3n);
      expect(booking.amount).to.equal(amount);
      expect(booking.token).to.equal(ETH);
      expect(booking.feeBps).to.equal(n.fee);
      expect(booking.consentSlot).to.equal(0n);
      expect(await n.market.remainingCapacity(offerId)).to.equal(7n);
    });

    it("rejects a booking that does not match the offer, the payment or the rules", async () => {
      const offerId = await listCourier(n, { capacity: 2n });
      const market = n.market.connect(n.carol);
      const cases: [string, () => Promise<unknown>, string, unknown[]][] = [
        ["unknown offer", () => market.book(99n, 0, 1n, NO_DATA), "MarketUnknownOffer", [99n]],
        [
          "too little ETH",
          () => market.book(offerId, 0, 1n, NO_DATA, { value: PRICE - 1n }),
          "MarketWrongPayment",
          [PRICE - 1n, PRICE],
        ],
        [
          "too much ETH",
          () => market.book(offerId, 0, 1n, NO_DATA, { value: PRICE + 1n }),
          "MarketWrongPayment",
          [PRICE + 1n, PRICE],
        ],
        [
          "another version",
          () => market.book(offerId, 1, 1n, NO_DATA, { value: PRICE }),
          "MarketOfferChanged",
          [offerId, 1, 0],
        ],
        ["zero units", () => market.book(offerId, 0, 0n, NO_DATA), "MarketInvalidQuantity", []],
        [
          "more than the capacity",
          () => market.book(offerId, 0, 3n, NO_DATA, { value: 3n * PRICE }),
          "MarketInsufficientCapacity",
          [offerId, 3n, 2n],
        ],
        [
          "consent to a request the offer does not make",
          () => market.book(offerId, 0, 1n, deliveryData(n), { value: PRICE }),
          "MarketConsentMismatch",
          [offerId],
        ],
        [
          "the provider's own offer",
          () => n.market.connect(n.alice).book(offerId, 0, 1n, NO_DATA, { value: PRICE }),
          "MarketOwnOffer",
          [offerId],
        ],
        [
          "a non-member",
          () => n.market.connect(n.w.outsider(0)).book(offerId, 0, 1n, NO_DATA, { value: PRICE }),
          "MarketNotActiveMember",
          [n.w.outsider(0).address],
        ],
      ];
      for (const [label, call, error, args] of cases) {
        await expect(call(), label)
          .to.be.revertedWithCustomError(n.market, error)
          .withArgs(...args);
      }
      expect(await n.market.bookingCount()).to.equal(0n);
      expect(await ethers.provider.getBalance(await n.market.getAddress())).to.equal(0n);
    });

    it("an offer changed since the consumer saw it cannot be booked at the old version", async () => {
      const offerId = await listCourier(n);
      await n.market.connect(n.alice).updateOffer(offerId, courierTerms(n, { unitPrice: 2n * PRICE }), NO_DATA);
      await expect(n.market.connect(n.carol).book(offerId, 0, 1n, NO_DATA, { value: PRICE }))
        .to.be.revertedWithCustomError(n.market, "MarketOfferChanged")
        .withArgs(offerId, 0, 1);
      await expect(n.market.connect(n.carol).book(offerId, 1, 1n, NO_DATA, { value: 2n * PRICE })).to.emit(
        n.market,
        "BookingCreated",
      );
    });

    it("the provider declines: the consumer gets everything back and the units return", async () => {
      const offerId = await listCourier(n);
      const bookingId = await book(n, n.carol, offerId, 4n);
      await expect(n.market.connect(n.alice).declineBooking(bookingId))
        .to.emit(n.market, "BookingSettled")
        .withArgs(n.alice.address, offerId, bookingId, BookingStatus.Declined, 4n * PRICE, 0n, 0n);
      expect(await n.market.balanceOf(n.carol.address, ETH)).to.equal(4n * PRICE);
      expect(await n.market.remainingCapacity(offerId)).to.equal(10n);
      const withdrawn = n.market.connect(n.carol).withdraw(ETH);
      await expect(withdrawn)
        .to.emit(n.market, "Withdrawn")
        .withArgs(n.carol.address, 0n, 0n, ETH, 4n * PRICE);
      await expect(withdrawn).to.changeEtherBalances(ethers, [n.carol, n.market], [4n * PRICE, -4n * PRICE]);
      expect(await n.market.balanceOf(n.carol.address, ETH)).to.equal(0n);
    });

    it("the consumer cancels while the provider has not answered: full refund; not after acceptance", async () => {
      const offerId = await listCourier(n);
      const silent = await book(n, n.carol, offerId, 2n);
      await networkHelpers.time.increase(30 * DAY); // the provider never answers
      await expect(n.market.connect(n.carol).cancelBooking(silent))
        .to.emit(n.market, "BookingSettled")
        .withArgs(n.carol.address, offerId, silent, BookingStatus.Cancelled, 2n * PRICE, 0n, 0n);
      expect(await n.market.balanceOf(n.carol.address, ETH)).to.equal(2n * PRICE);
      expect(await n.market.remainingCapacity(offerId)).to.equal(10n);

      const accepted = await acceptedBooking(n, offerId);
      await expect(n.market.connect(n.carol).cancelBooking(accepted))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(accepted, BookingStatus.Accepted);
    });

    it("accepted, delivered, completed: the provider gets the price minus the fee, the treasury the fee", async () => {
      const offerId = await listCourier(n);
      const bookingId = await book(n, n.carol, offerId, 5n);
      await expect(n.market.connect(n.alice).acceptBooking(bookingId))
        .to.emit(n.market, "BookingAccepted")
        .withArgs(n.alice.address, offerId, bookingId);
      const delivered = n.market.connect(n.alice).markDelivered(bookingId);
      const windowEnds = (await networkHelpers.time.latest()) + 1 + n.disputeWindow;
      await expect(delivered)
        .to.emit(n.market, "BookingDelivered")
        .withArgs(n.alice.address, offerId, bookingId, windowEnds);
      expect((await n.market.booking(bookingId)).windowEnds).to.equal(windowEnds);

      const amount = 5n * PRICE;
      const fee = feeOf(amount, n.fee);
      await expect(n.market.connect(n.carol).completeBooking(bookingId))
        .to.emit(n.market, "BookingSettled")
        .withArgs(n.carol.address, offerId, bookingId, BookingStatus.Completed, 0n, amount - fee, fee);
      expect(await n.market.balanceOf(n.alice.address, ETH)).to.equal(amount - fee);
      expect(await n.market.balanceOf(n.treasury, ETH)).to.equal(fee);
      expect(await n.market.remainingCapacity(offerId)).to.equal(5n); // sold units stay sold
      await expect(n.market.connect(n.alice).withdraw(ETH)).to.changeEtherBalances(
        ethers,
        [n.alice, n.market],
        [amount - fee, -(amount - fee)],
      );
      // anyone may send the fees to the treasury, and only there
      const swept = n.market.connect(n.dave).withdrawFees(ETH);
      await expect(swept).to.emit(n.market, "Withdrawn").withArgs(n.treasury, 0n, 0n, ETH, fee);
      await expect(swept).to.changeEtherBalances(ethers, [n.treasury, n.market, n.dave], [fee, -fee, 0n]);
      expect(await ethers.provider.getBalance(await n.market.getAddress())).to.equal(0n);
    });

    it("the consumer may complete an accepted booking before it is marked delivered", async () => {
      const offerId = await listCourier(n);
      const bookingId = await acceptedBooking(n, offerId);
      await expect(n.market.connect(n.carol).completeBooking(bookingId)).to.emit(n.market, "BookingSettled");
      expect((await n.market.booking(bookingId)).status).to.equal(BookingStatus.Completed);
    });

    it("the provider claims once the dispute window has passed without an answer from the consumer", async () => {
      const offerId = await listCourier(n);
      const bookingId = await acceptedBooking(n, offerId, n.carol, 2n);
      await expect(n.market.connect(n.alice).claimPayment(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Accepted);
      await n.market.connect(n.alice).markDelivered(bookingId);
      const { windowEnds } = await n.market.booking(bookingId);
      await networkHelpers.time.increaseTo(windowEnds - 2n);
      await expect(n.market.connect(n.alice).claimPayment(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketDisputeWindowOpen")
        .withArgs(bookingId, windowEnds);
      await networkHelpers.time.increaseTo(windowEnds);
      const amount = 2n * PRICE;
      const fee = feeOf(amount, n.fee);
      await expect(n.market.connect(n.alice).claimPayment(bookingId))
        .to.emit(n.market, "BookingSettled")
        .withArgs(n.alice.address, offerId, bookingId, BookingStatus.Claimed, 0n, amount - fee, fee);
      // settled once: every settling call now fails on the status
      for (const call of [
        () => n.market.connect(n.alice).claimPayment(bookingId),
        () => n.market.connect(n.carol).completeBooking(bookingId),
        () => n.market.connect(n.carol).cancelBooking(bookingId),
        () => n.market.connect(n.alice).declineBooking(bookingId),
        () => n.market.connect(n.carol).openDispute(bookingId, doc("too late")),
        () => n.market.connect(n.leader).ruleDispute(bookingId, 0n, doc("ruling")),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
          .withArgs(bookingId, BookingStatus.Claimed);
      }
      expect(await n.market.balanceOf(n.alice.address, ETH)).to.equal(amount - fee);
    });

    it("each step needs its status: no acceptance twice, no delivery before acceptance", async () => {
      const offerId = await listCourier(n);
      const bookingId = await book(n, n.carol, offerId);
      await expect(n.market.connect(n.alice).markDelivered(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Booked);
      await expect(n.market.connect(n.carol).completeBooking(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Booked);
      await n.market.connect(n.alice).acceptBooking(bookingId);
      await expect(n.market.connect(n.alice).acceptBooking(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Accepted);
      await expect(n.market.connect(n.alice).declineBooking(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Accepted);
      await n.market.connect(n.alice).markDelivered(bookingId);
      await expect(n.market.connect(n.alice).markDelivered(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Delivered);
      for (const call of [() => n.market.connect(n.carol).withdraw(ETH), () => n.market.withdrawFees(ETH)]) {
        await expect(call()).to.be.revertedWithCustomError(n.market, "MarketNothingToWithdraw");
      }
    });

    it("price, token and fee stay as booked when the offer and the rules change later", async () => {
      const offerId = await listCourier(n);
      const bookingId = await acceptedBooking(n, offerId, n.carol, 2n);
      await n.market
        .connect(n.alice)
        .updateOffer(offerId, courierTerms(n, { unitPrice: 7n, token: await n.token.getAddress() }), NO_DATA);
      await n.w.networkRules
        .connect(await asGovernance(n.w))
        .setRule(ethers.encodeBytes32String("marketFeeBps"), 2_000n);
      await n.market.connect(n.carol).completeBooking(bookingId);
      const fee = feeOf(2n * PRICE, n.fee);
      expect(await n.market.balanceOf(n.alice.address, ETH)).to.equal(2n * PRICE - fee);
      expect(await n.market.balanceOf(n.treasury, ETH)).to.equal(fee);
      expect(await n.market.balanceOf(n.alice.address, await n.token.getAddress())).to.equal(0n);
    });

    it("a suspended consumer can still settle; a suspended provider cannot accept but can still decline", async () => {
      const offerId = await listCourier(n);
      const first = await acceptedBooking(n, offerId);
      const second = await book(n, n.carol, offerId);
      await n.w.membership.connect(n.leader).suspend(n.carol.address, reason("spam"));
      await expect(n.market.connect(n.carol).completeBooking(first)).to.emit(n.market, "BookingSettled");
      await expect(n.market.connect(n.carol).cancelBooking(second)).to.emit(n.market, "BookingSettled");
      await expect(n.market.connect(n.carol).withdraw(ETH)).to.emit(n.market, "Withdrawn");

      const third = await book(n, n.dave, offerId);
      const fourth = await book(n, n.dave, offerId);
      await n.w.membership.connect(n.leader).suspend(n.alice.address, reason("fraud"));
      await expect(n.market.connect(n.alice).acceptBooking(third))
        .to.be.revertedWithCustomError(n.market, "MarketNotActiveMember")
        .withArgs(n.alice.address);
      await expect(n.market.connect(n.alice).declineBooking(third)).to.emit(n.market, "BookingSettled");
      // or the consumer walks away
      await expect(n.market.connect(n.dave).cancelBooking(fourth)).to.emit(n.market, "BookingSettled");
    });

    it("a free offer books and settles without moving money", async () => {
      const offerId = await listCourier(n, { unitPrice: 0n });
      const bookingId = await acceptedBooking(n, offerId, n.carol, 3n);
      await expect(n.market.connect(n.carol).completeBooking(bookingId))
        .to.emit(n.market, "BookingSettled")
        .withArgs(n.carol.address, offerId, bookingId, BookingStatus.Completed, 0n, 0n, 0n);
      expect(await n.market.remainingCapacity(offerId)).to.equal(7n);
    });

    it("a price times quantity beyond the escrow's range is refused", async () => {
      const offerId = await listCourier(n, { unitPrice: 2n ** 127n, capacity: 4n });
      await expect(n.market.connect(n.carol).book(offerId, 0, 2n, NO_DATA)).to.be.revertedWithCustomError(
        n.market,
        "MarketAmountTooLarge",
      );
    });
  });

  describe("disputes", () => {
    it("the consumer disputes an accepted booking; a leader who is neither party splits the escrow", async () => {
      const offerId = await listCourier(n);
      const bookingId = await acceptedBooking(n, offerId, n.carol, 4n);
      const openedAt = (await networkHelpers.time.latest()) + 1;
      await networkHelpers.time.setNextBlockTimestamp(openedAt);
      const membersFrom = openedAt + TEST_SETTINGS.disputeRulingPeriod;
      await expect(n.market.connect(n.carol).openDispute(bookingId, doc("only two parcels arrived")))
        .to.emit(n.market, "DisputeOpened")
        .withArgs(
          n.carol.address,
          offerId,
          bookingId,
          doc("only two parcels arrived"),
          membersFrom,
          membersFrom + MEMBERS_DECISION_TIME,
        );
      expect((await n.market.booking(bookingId)).windowEnds, "the booking keeps when the dispute opened").to.equal(
        openedAt,
      );
      expect((await n.market.booking(bookingId)).status).to.equal(BookingStatus.Disputed);
      // no side steps out of a dispute
      await expect(n.market.connect(n.carol).completeBooking(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Disputed);
      await expect(n.market.connect(n.alice).openDispute(bookingId, doc("again")))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Disputed);

      const amount = 4n * PRICE;
      const refund = amount / 2n;
      const fee = feeOf(amount - refund, n.fee);
      const ruling = n.market.connect(n.leader).ruleDispute(bookingId, refund, doc("half delivered"));
      await expect(ruling)
        .to.emit(n.market, "DisputeRuled")
        .withArgs(n.leader.address, offerId, bookingId, doc("half delivered"));
      await expect(ruling)
        .to.emit(n.market, "BookingSettled")
        .withArgs(n.leader.address, offerId, bookingId, BookingStatus.Ruled, refund, amount - refund - fee, fee);
      expect(await n.market.balanceOf(n.carol.address, ETH)).to.equal(refund);
      expect(await n.market.balanceOf(n.alice.address, ETH)).to.equal(amount - refund - fee);
      expect(await n.market.balanceOf(n.treasury, ETH)).to.equal(fee);
      expect(await n.market.remainingCapacity(offerId)).to.equal(6n);
      await expect(n.market.connect(n.otherLeader).ruleDispute(bookingId, 0n, doc("second opinion")))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Ruled);
    });

    it("the provider disputes a delivered booking within the window; none after it", async () => {
      const offerId = await listCourier(n);
      const first = await acceptedBooking(n, offerId);
      await n.market.connect(n.alice).markDelivered(first);
      await expect(n.market.connect(n.alice).openDispute(first, doc("consumer refuses to sign")))
        .to.emit(n.market, "DisputeOpened")
        .withArgs(n.alice.address, offerId, first, doc("consumer refuses to sign"), anyValue, anyValue);

      const second = await acceptedBooking(n, offerId);
      await n.market.connect(n.alice).markDelivered(second);
      const { windowEnds } = await n.market.booking(second);
      await networkHelpers.time.increaseTo(windowEnds);
      for (const party of [n.carol, n.alice]) {
        await expect(n.market.connect(party).openDispute(second, doc("late")))
          .to.be.revertedWithCustomError(n.market, "MarketDisputeWindowClosed")
          .withArgs(second, windowEnds);
      }
    });

    it("no dispute before the provider accepted (cancel or decline instead)", async () => {
      const offerId = await listCourier(n);
      const bookingId = await book(n, n.carol, offerId);
      await expect(n.market.connect(n.carol).openDispute(bookingId, doc("x")))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Booked);
    });

    it("a full refund returns the units to the offer; a full payment carries the whole fee", async () => {
      const offerId = await listCourier(n);
      const refunded = await disputedBooking(n, offerId, 3n);
      await n.market.connect(n.leader).ruleDispute(refunded, 3n * PRICE, doc("never delivered"));
      expect(await n.market.remainingCapacity(offerId)).to.equal(10n);
      expect(await n.market.balanceOf(n.carol.address, ETH)).to.equal(3n * PRICE);
      expect(await n.market.balanceOf(n.treasury, ETH)).to.equal(0n);

      const paid = await disputedBooking(n, offerId, 3n);
      await n.market.connect(n.otherLeader).ruleDispute(paid, 0n, doc("delivered in full"));
      const fee = feeOf(3n * PRICE, n.fee);
      expect(await n.market.balanceOf(n.alice.address, ETH)).to.equal(3n * PRICE - fee);
      expect(await n.market.balanceOf(n.treasury, ETH)).to.equal(fee);
      expect(await n.market.remainingCapacity(offerId)).to.equal(7n);
    });

    it("the refund cannot exceed the escrow", async () => {
      const offerId = await listCourier(n);
      const bookingId = await disputedBooking(n, offerId);
      await expect(n.market.connect(n.leader).ruleDispute(bookingId, PRICE + 1n, doc("ruling")))
        .to.be.revertedWithCustomError(n.market, "MarketRefundTooLarge")
        .withArgs(PRICE + 1n, PRICE);
    });

    it("a leader who is a party, as consumer or as provider, never rules on it", async () => {
      // the leader books Alice's courier and disputes
      const offerId = await listCourier(n);
      const asConsumer = await acceptedBooking(n, offerId, n.leader);
      await n.market.connect(n.leader).openDispute(asConsumer, doc("late"));
      await expect(n.market.connect(n.leader).ruleDispute(asConsumer, PRICE, doc("I win")))
        .to.be.revertedWithCustomError(n.market, "MarketPartyCannotRule")
        .withArgs(asConsumer, n.leader.address);

      // the other leader offers a service, Carol books and disputes
      const leaderResource = await registerResource(n.w, n.otherLeader, n.classes.courier, "lena's cargo bike");
      const leaderOffer = await listOffer(n, n.otherLeader, leaderResource, courierTerms(n));
      const asProvider = await book(n, n.carol, leaderOffer);
      await n.market.connect(n.otherLeader).acceptBooking(asProvider);
      await n.market.connect(n.carol).openDispute(asProvider, doc("broken"));
      await expect(n.market.connect(n.otherLeader).ruleDispute(asProvider, 0n, doc("I win")))
        .to.be.revertedWithCustomError(n.market, "MarketPartyCannotRule")
        .withArgs(asProvider, n.otherLeader.address);

      // each is ruled on by the leader who is not a party
      await expect(n.market.connect(n.otherLeader).ruleDispute(asConsumer, 0n, doc("ruling"))).to.emit(
        n.market,
        "DisputeRuled",
      );
      await expect(n.market.connect(n.leader).ruleDispute(asProvider, PRICE, doc("ruling"))).to.emit(
        n.market,
        "DisputeRuled",
      );
    });

    it("attack: a booking disputed between the only two leaders still ends: the members' vote rules after the leaders' ruling period", async () => {
      // The second leader offers a service, the first books it and disputes: both leaders are parties.
      const lenaResource = await registerResource(n.w, n.otherLeader, n.classes.courier, "lena's cargo bike");
      const offerId = await listOffer(n, n.otherLeader, lenaResource, courierTerms(n));
      const bookingId = await book(n, n.leader, offerId, 2n);
      await n.market.connect(n.otherLeader).acceptBooking(bookingId);
      await n.market.connect(n.leader).openDispute(bookingId, doc("never came"));
      for (const leader of [n.leader, n.otherLeader]) {
        await expect(n.market.connect(leader).ruleDispute(bookingId, 0n, doc("mine")))
          .to.be.revertedWithCustomError(n.market, "MarketPartyCannotRule")
          .withArgs(bookingId, leader.address);
      }
      const b = await n.market.booking(bookingId);
      const membersFrom = b.windowEnds + b.rulingPeriod;
      expect(b.rulingPeriod).to.equal(BigInt(TEST_SETTINGS.disputeRulingPeriod));
      const timelock = await asGovernance(n.w);
      await expect(n.market.connect(timelock).ruleDispute(bookingId, PRICE, doc("early")))
        .to.be.revertedWithCustomError(n.market, "MarketMembersRuleFrom")
        .withArgs(bookingId, membersFrom);

      // After the leaders' ruling period the members vote on a proposal that calls ruleDispute.
      await networkHelpers.time.increaseTo(membersFrom);
      const amount = 2n * PRICE;
      const fee = feeOf(amount - PRICE, n.fee);
      const ruling = n.market.interface.encodeFunctionData("ruleDispute", [bookingId, PRICE, doc("half each")]);
      const { receipt } = await enact(
        n.w,
        [{ target: await n.market.getAddress(), data: ruling }],
        "# Rule on booking 1: half back",
      );
      const settled = receipt.logs
        .map((log) => n.market.interface.parseLog(log))
        .find((parsed) => parsed?.name === "BookingSettled");
      expect(settled?.args.toArray()).to.deep.equal([
        n.treasury,
        offerId,
        bookingId,
        BookingStatus.Ruled,
        PRICE,
        amount - PRICE - fee,
        fee,
      ]);
      expect((await n.market.booking(bookingId)).status).to.equal(BookingStatus.Ruled);
      expect(await n.market.balanceOf(n.leader.address, ETH)).to.equal(PRICE);
      expect(await n.market.balanceOf(n.otherLeader.address, ETH)).to.equal(amount - PRICE - fee);
    });

    it("attack: the manager suspends every leader; the dispute still ends by the default outcome at its final deadline", async () => {
      const offerId = await listCourier(n);
      const bookingId = await disputedBooking(n, offerId, 3n);
      for (const leader of n.w.leaders) {
        await n.w.membership.connect(n.w.manager).suspend(leader.address, reason("absent"));
        await expect(n.market.connect(leader).ruleDispute(bookingId, 0n, doc("ruling")))
          .to.be.revertedWithCustomError(n.market, "MarketNotLeader")
          .withArgs(leader.address);
      }
      const b = await n.market.booking(bookingId);
      const finalDeadline = b.windowEnds + b.rulingPeriod + BigInt(MEMBERS_DECISION_TIME);
      const anyone = n.w.outsider(0);
      await networkHelpers.time.increaseTo(finalDeadline - 2n);
      await expect(n.market.connect(anyone).settleExpiredDispute(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketDisputeNotExpired")
        .withArgs(bookingId, finalDeadline);

      // From the final deadline nobody rules any more (not even the members' vote): anyone settles, full refund.
      await networkHelpers.time.increaseTo(finalDeadline);
      await expect(n.market.connect(await asGovernance(n.w)).ruleDispute(bookingId, 0n, doc("too late")))
        .to.be.revertedWithCustomError(n.market, "MarketRulingClosed")
        .withArgs(bookingId, finalDeadline);
      const amount = 3n * PRICE;
      await expect(n.market.connect(anyone).settleExpiredDispute(bookingId))
        .to.emit(n.market, "BookingSettled")
        .withArgs(anyone.address, offerId, bookingId, BookingStatus.Defaulted, amount, 0n, 0n);
      expect((await n.market.booking(bookingId)).status).to.equal(BookingStatus.Defaulted);
      expect(await n.market.balanceOf(n.carol.address, ETH)).to.equal(amount);
      expect(await n.market.remainingCapacity(offerId), "the units return to the offer").to.equal(10n);
      await expect(n.market.connect(anyone).settleExpiredDispute(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Defaulted);
      await expect(n.market.connect(n.carol).withdraw(ETH)).to.changeEtherBalance(ethers, n.carol, amount);
    });

    it("a leader who is no party rules until the final deadline, also after the members' vote may", async () => {
      const offerId = await listCourier(n);
      const bookingId = await disputedBooking(n, offerId);
      const b = await n.market.booking(bookingId);
      const finalDeadline = b.windowEnds + b.rulingPeriod + BigInt(MEMBERS_DECISION_TIME);
      await networkHelpers.time.increaseTo(finalDeadline - 2n); // the ruling's block is the last second before it
      await expect(n.market.connect(n.leader).ruleDispute(bookingId, 0n, doc("late but in time")))
        .to.emit(n.market, "BookingSettled")
        .withArgs(
          n.leader.address,
          offerId,
          bookingId,
          BookingStatus.Ruled,
          0n,
          PRICE - feeOf(PRICE, n.fee),
          feeOf(PRICE, n.fee),
        );
      await expect(n.market.connect(n.carol).settleExpiredDispute(bookingId))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(bookingId, BookingStatus.Ruled);
      // Only a disputed booking is settled by default.
      const open = await acceptedBooking(n, offerId);
      await expect(n.market.connect(n.carol).settleExpiredDispute(open))
        .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
        .withArgs(open, BookingStatus.Accepted);
      await expect(n.market.settleExpiredDispute(99n))
        .to.be.revertedWithCustomError(n.market, "MarketUnknownBooking")
        .withArgs(99n);
    });

    it("attack: a later rule change does not change a booking's dispute window or ruling period", async () => {
      const offerId = await listCourier(n);
      const bookingId = await book(n, n.carol, offerId);
      const timelock = await asGovernance(n.w);
      // The members (or a captured vote) lengthen the window and the ruling period after the booking.
      await n.w.networkRules.connect(timelock).setRule(ethers.encodeBytes32String("disputeWindow"), 30 * DAY);
      await n.w.networkRules.connect(timelock).setRule(ethers.encodeBytes32String("disputeRulingPeriod"), 90 * DAY);
      const stored = await n.market.booking(bookingId);
      expect(stored.disputeWindow).to.equal(BigInt(TEST_SETTINGS.disputeWindow));
      expect(stored.rulingPeriod).to.equal(BigInt(TEST_SETTINGS.disputeRulingPeriod));
      await n.market.connect(n.alice).acceptBooking(bookingId);
      await n.market.connect(n.alice).markDelivered(bookingId);
      const deliveredAt = await networkHelpers.time.latest();
      const { windowEnds } = await n.market.booking(bookingId);
      expect(windowEnds, "the window in force at booking").to.equal(BigInt(deliveredAt + TEST_SETTINGS.disputeWindow));
      await networkHelpers.time.increaseTo(windowEnds);
      await expect(n.market.connect(n.carol).openDispute(bookingId, doc("late")))
        .to.be.revertedWithCustomError(n.market, "MarketDisputeWindowClosed")
        .withArgs(bookingId, windowEnds);
      await expect(n.market.connect(n.alice).claimPayment(bookingId)).to.emit(n.market, "BookingSettled");

      // A booking made after the change keeps the new rules.
      const later = await acceptedBooking(n, offerId);
      expect((await n.market.booking(later)).disputeWindow).to.equal(BigInt(30 * DAY));
      await n.market.connect(n.carol).openDispute(later, doc("late"));
      const disputed = await n.market.booking(later);
      expect(disputed.rulingPeriod).to.equal(BigInt(90 * DAY));
    });

    it("a suspended leader cannot rule", async () => {
      const offerId = await listCourier(n);
      const bookingId = await disputedBooking(n, offerId);
      await n.w.membership.connect(n.w.manager).suspend(n.leader.address, reason("absent"));
      await expect(n.market.connect(n.leader).ruleDispute(bookingId, 0n, doc("ruling")))
        .to.be.revertedWithCustomError(n.market, "MarketNotLeader")
        .withArgs(n.leader.address);
    });
  });

  describe("ERC-20 payments", () => {
    it("booking pulls the tokens; settlement and withdrawals pay in the same token", async () => {
      const token = await n.token.getAddress();
      const offerId = await listCourier(n, { token, unitPrice: 25n * 10n ** 18n });
      const amount = 2n * 25n * 10n ** 18n;
      const booked = sendBooking(n, n.carol, offerId, 2n);
      await expect(booked)
        .to.emit(n.market, "BookingCreated")
        .withArgs(n.carol.address, offerId, 1n, 0n, 2n, token, amount, n.fee, 0n);
      await expect(booked).to.changeTokenBalances(ethers, n.token, [n.carol, n.market], [-amount, amount]);
      await n.market.connect(n.alice).acceptBooking(1n);
      await n.market.connect(n.carol).completeBooking(1n);
      const fee = feeOf(amount, n.fee);
      await expect(n.market.connect(n.alice).withdraw(token)).to.changeTokenBalances(
        ethers,
        n.token,
        [n.alice, n.market],
        [amount - fee, -(amount - fee)],
      );
      await expect(n.market.withdrawFees(token)).to.changeTokenBalances(
        ethers,
        n.token,
        [n.treasury, n.market],
        [fee, -fee],
      );
      expect(await n.token.balanceOf(await n.market.getAddress())).to.equal(0n);
    });

    it("refuses ETH sent along with an ERC-20 booking, and a booking without allowance", async () => {
      const token = await n.token.getAddress();
      const offerId = await listCourier(n, { token, unitPrice: 100n });
      await approve(n, n.carol, token, 100n);
      await expect(n.market.connect(n.carol).book(offerId, 0, 1n, NO_DATA, { value: 1n }))
        .to.be.revertedWithCustomError(n.market, "MarketWrongPayment")
        .withArgs(1n, 0n);
      await expect(n.market.connect(n.dave).book(offerId, 0, 1n, NO_DATA)).to.be.revertedWithCustomError(
        n.token,
        "ERC20InsufficientAllowance",
      );
    });

    it("rejects a token that delivers less than asked (fee on transfer): nothing is booked", async () => {
      const { feeOnTransfer } = await deployHostileTokens(n);
      const token = await feeOnTransfer.getAddress();
      const offerId = await listCourier(n, { token, unitPrice: 1_000n });
      await approve(n, n.carol, token, 1_000n);
      await expect(n.market.connect(n.carol).book(offerId, 0, 1n, NO_DATA))
        .to.be.revertedWithCustomError(n.market, "MarketTokenShortfall")
        .withArgs(token, 1_000n, 990n);
      expect(await n.market.bookingCount()).to.equal(0n);
      expect(await n.market.remainingCapacity(offerId)).to.equal(10n);
      expect(await feeOnTransfer.balanceOf(await n.market.getAddress())).to.equal(0n);
    });
  });

  describe("re-entrancy", () => {
    it("a malicious token re-entering during the booking's transfer is refused; one booking, one escrow", async () => {
      const { reentrant } = await deployHostileTokens(n);
      const token = await reentrant.getAddress();
      const offerId = await listCourier(n, { token, unitPrice: 500n });
      await approve(n, n.carol, token, 500n);
      // while pulling Carol's payment, the token tries to book again and to withdraw
      await reentrant.arm(
        await n.market.getAddress(),
        n.market.interface.encodeFunctionData("book", [offerId, 0, 1n, NO_DATA]),
      );
      await n.market.connect(n.carol).book(offerId, 0, 1n, NO_DATA);
      expect(await reentrant.attempts()).to.equal(1n);
      expect(await reentrant.successes()).to.equal(0n);
      expect(await reentrant.lastError()).to.equal(
        n.market.interface.getError("ReentrancyGuardReentrantCall")?.selector,
      );
      expect(await n.market.bookingCount()).to.equal(1n);
      expect(await reentrant.balanceOf(await n.market.getAddress())).to.equal(500n);
    });

    it("a malicious token re-entering the withdrawal is refused; paid exactly once", async () => {
      const { reentrant } = await deployHostileTokens(n);
      const token = await reentrant.getAddress();
      const offerId = await listCourier(n, { token, unitPrice: 500n });
      await approve(n, n.carol, token, 500n);
      const bookingId = await book(n, n.carol, offerId);
      await n.market.connect(n.alice).declineBooking(bookingId);
      await reentrant.arm(await n.market.getAddress(), n.market.interface.encodeFunctionData("withdraw", [token]));
      await expect(n.market.connect(n.carol).withdraw(token)).to.changeTokenBalances(
        ethers,
        reentrant,
        [n.carol, n.market],
        [500n, -500n],
      );
      expect(await reentrant.successes()).to.equal(0n);
      expect(await reentrant.lastError()).to.equal(
        n.market.interface.getError("ReentrancyGuardReentrantCall")?.selector,
      );
      expect(await n.market.balanceOf(n.carol.address, token)).to.equal(0n);
    });

    it("a re-entering ETH receiver (a contract member) cannot withdraw twice", async () => {
      const receiver = await new ReentrantReceiver__factory(n.dave).deploy();
      const address = await receiver.getAddress();
      const call = (data: string, value = 0n) => receiver.execute(n.market.getAddress(), data, { value });
      // the contract applies and is admitted like anyone else
      await receiver.execute(
        n.w.membership.getAddress(),
        n.w.membership.interface.encodeFunctionData("applyForMembership", [doc("contract member")]),
      );
      await n.w.membership.connect(n.leader).admit(address);

      const offerId = await listCourier(n);
      await call(n.market.interface.encodeFunctionData("book", [offerId, 0, 2n, NO_DATA]), 2n * PRICE);
      await n.market.connect(n.alice).declineBooking(1n);
      await n.market.connect(n.carol).book(offerId, 0, 1n, NO_DATA, { value: PRICE }); // others' escrow stays put
      await receiver.arm(n.market.getAddress(), n.market.interface.encodeFunctionData("withdraw", [ETH]));

      await expect(call(n.market.interface.encodeFunctionData("withdraw", [ETH]))).to.changeEtherBalances(
        ethers,
        [address, n.market],
        [2n * PRICE, -2n * PRICE],
      );
      expect(await receiver.attempts()).to.equal(1n);
      expect(await receiver.successes()).to.equal(0n);
      expect(await receiver.lastError()).to.equal(
        n.market.interface.getError("ReentrancyGuardReentrantCall")?.selector,
      );
      expect(await ethers.provider.getBalance(await n.market.getAddress())).to.equal(PRICE);
    });

    it("a re-entering provider contract cannot claim twice", async () => {
      const receiver = await new ReentrantReceiver__factory(n.dave).deploy();
      const address = await receiver.getAddress();
      const exec = async (target: { getAddress(): Promise<string> }, data: string) =>
        receiver.execute(await target.getAddress(), data);
      await exec(
        n.w.membership,
        n.w.membership.interface.encodeFunctionData("applyForMembership", [doc("provider contract")]),
      );
      await n.w.membership.connect(n.leader).admit(address);
      await exec(
        n.w.resources,
        n.w.resources.interface.encodeFunctionData("register", [n.classes.courier, doc("robot")]),
      );
      const resourceId = await n.w.resources.resourceCount();
      await exec(n.market, n.market.interface.encodeFunctionData("listOffer", [resourceId, courierTerms(n), NO_DATA]));
      const offerId = await n.market.offerCount();
      const bookingId = await book(n, n.carol, offerId, 3n);
      await exec(n.market, n.market.interface.encodeFunctionData("acceptBooking", [bookingId]));
      await exec(n.market, n.market.interface.encodeFunctionData("markDelivered", [bookingId]));
      await networkHelpers.time.increase(n.disputeWindow);
      await exec(n.market, n.market.interface.encodeFunctionData("claimPayment", [bookingId]));

      // on payment it tries to claim again
      await receiver.arm(n.market.getAddress(), n.market.interface.encodeFunctionData("claimPayment", [bookingId]));
      const payment = 3n * PRICE - feeOf(3n * PRICE, n.fee);
      await expect(exec(n.market, n.market.interface.encodeFunctionData("withdraw", [ETH]))).to.changeEtherBalance(
        ethers,
        address,
        payment,
      );
      expect(await receiver.successes()).to.equal(0n);
      expect(await n.market.balanceOf(address, ETH)).to.equal(0n);
    });

    it("a recipient that refuses ETH keeps its credit: the withdrawal fails and nothing is lost", async () => {
      const receiver = await new ReentrantReceiver__factory(n.dave).deploy();
      const address = await receiver.getAddress();
      await receiver.execute(
        n.w.membership.getAddress(),
        n.w.membership.interface.encodeFunctionData("applyForMembership", [doc("stubborn contract")]),
      );
      await n.w.membership.connect(n.leader).admit(address);
      const offerId = await listCourier(n);
      await receiver.execute(
        n.market.getAddress(),
        n.market.interface.encodeFunctionData("book", [offerId, 0, 1n, NO_DATA]),
        {
          value: PRICE,
        },
      );
      // declining pays nobody directly: it only credits, so the refusing recipient cannot block it
      await n.market.connect(n.alice).declineBooking(1n);
      await receiver.setRefuseEther(true);
      const refused = receiver.interface.encodeErrorResult("ReentrantReceiverRefused", []);
      await expect(receiver.execute(n.market.getAddress(), n.market.interface.encodeFunctionData("withdraw", [ETH])))
        .to.be.revertedWithCustomError(receiver, "ReentrantReceiverCallFailed")
        .withArgs(refused);
      expect(await n.market.balanceOf(address, ETH)).to.equal(PRICE);
      await receiver.setRefuseEther(false);
      await receiver.execute(n.market.getAddress(), n.market.interface.encodeFunctionData("withdraw", [ETH]));
      expect(await ethers.provider.getBalance(address)).to.equal(PRICE);
    });
  });

  describe("requests", () => {
    it("a consumer posts a request; providers answer with offers; accepting one books it", async () => {
      const terms = await courierRequest(n);
      await expect(n.market.connect(n.carol).postRequest(terms))
        .to.emit(n.market, "RequestPosted")
        .withArgs(n.carol.address, 0n, 1n, Object.values(terms));
      const request = await n.market.request(1n);
      expect(request.consumer).to.equal(n.carol.address);
      expect(request.status).to.equal(RequestStatus.Open);
      expect(request.quantity).to.equal(2n);
      expect(await n.market.isRequestOpen(1n)).to.equal(true);

      const cheap = await listCourier(n, { unitPrice: PRICE });
      const dear = await listCourier(n, { unitPrice: 2n * PRICE });
      for (const offerId of [cheap, dear]) {
        await expect(n.market.connect(n.alice).answerRequest(1n, offerId))
          .to.emit(n.market, "RequestAnswered")
          .withArgs(n.alice.address, offerId, 1n);
        expect(await n.market.hasAnswered(1n, offerId)).to.equal(true);
      }

      const accepted = n.market.connect(n.carol).acceptAnswer(1n, cheap, 0, NO_DATA, { value: 2n * PRICE });
      await expect(accepted).to.emit(n.market, "RequestAccepted").withArgs(n.carol.address, cheap, 1n, 1n);
      await expect(accepted)
        .to.emit(n.market, "BookingCreated")
        .withArgs(n.carol.address, cheap, 1n, 0n, 2n, ETH, 2n * PRICE, n.fee, 0n);
      expect((await n.market.request(1n)).status).to.equal(RequestStatus.Accepted);
      expect(await n.market.isRequestOpen(1n)).to.equal(false);
      expect((await n.market.booking(1n)).quantity).to.equal(2n);
      await expect(n.market.connect(n.carol).acceptAnswer(1n, dear, 0, NO_DATA, { value: 4n * PRICE }))
        .to.be.revertedWithCustomError(n.market, "MarketRequestNotOpen")
        .withArgs(1n, RequestStatus.Accepted);
    });

    it("indexes the request id: one request's events are one filter on the node", async () => {
      // Two requests answered by the same offer: the offer's topic cannot tell them apart, the request's can.
      await n.market.connect(n.carol).postRequest(await courierRequest(n));
      await n.market.connect(n.dave).postRequest(await courierRequest(n));
      const offerId = await listCourier(n, { unitPrice: PRICE });
      await n.market.connect(n.alice).answerRequest(1n, offerId);
      await n.market.connect(n.alice).answerRequest(2n, offerId);
      await n.market.connect(n.dave).acceptAnswer(2n, offerId, 0, NO_DATA, { value: 2n * PRICE });
      await n.market.connect(n.carol).cancelRequest(1n);

      const answered = await n.market.queryFilter(n.market.filters.RequestAnswered(undefined, undefined, 2n));
      expect(answered.map((e) => [e.args.requestId, e.args.offerId])).to.deep.equal([[2n, offerId]]);
      // All four request events of request 2, in one query: (any request event, any party, any offer, request 2).
      const names = ["RequestPosted", "RequestCancelled", "RequestAnswered", "RequestAccepted"] as const;
      const logs = await ethers.provider.getLogs({
        address: await n.market.getAddress(),
        fromBlock: 0,
        topics: [names.map((name) => n.market.interface.getEvent(name).topicHash), null, null, toBeHex(2n, 32)],
      });
      const parsed = logs.map((log) => n.market.interface.parseLog(log));
      expect(parsed.map((e) => e?.name)).to.deep.equal(["RequestPosted", "RequestAnswered", "RequestAccepted"]);
      expect(parsed.map((e) => e?.args.requestId)).to.deep.equal([2n, 2n, 2n]);
      // The booking an accepted request made is in the event's data, and its own BookingCreated indexes it.
      const [, , accepted] = parsed;
      expect(accepted?.args.bookingId).to.equal(1n);
      expect(await n.market.queryFilter(n.market.filters.BookingCreated(undefined, undefined, 1n))).to.have.length(1);
    });

    it("rejects a request with bad terms", async () => {
      const now = await networkHelpers.time.latest();
      const cases: [string, Parameters<typeof courierRequest>[1], string, unknown[]][] = [
        ["no class", { classId: n.phone }, "MarketInvalidClass", [n.phone]],
        ["no token contract", { token: n.alice.address }, "MarketInvalidToken", [n.alice.address]],
        ["zero units", { quantity: 0 }, "MarketInvalidQuantity", []],
        ["deadline passed", { deadline: now }, "MarketInvalidDeadline", [now]],
      ];
      for (const [label, overrides, error, args] of cases) {
        await expect(n.market.connect(n.carol).postRequest(await courierRequest(n, overrides)), label)
          .to.be.revertedWithCustomError(n.market, error)
          .withArgs(...args);
      }
      await expect(n.market.connect(n.w.outsider(0)).postRequest(await courierRequest(n)))
        .to.be.revertedWithCustomError(n.market, "MarketNotActiveMember")
        .withArgs(n.w.outsider(0).address);
    });

    it("an answer must meet the request: class, token, price, capacity, and a bookable offer", async () => {
      await n.market.connect(n.carol).postRequest(await courierRequest(n));
      const mismatches = [
        await listCourier(n, { unitPrice: 3n * PRICE }),
        await listCourier(n, { token: await n.token.getAddress() }),
        await listCourier(n, { capacity: 1n }),
        await listCourier(n, { classId: await n.w.taxonomy.attributeId("bike") }),
      ];
      for (const offerId of mismatches) {
        await expect(n.market.connect(n.alice).answerRequest(1n, offerId))
          .to.be.revertedWithCustomError(n.market, "MarketOfferMismatch")
          .withArgs(1n, offerId);
      }
      const good = await listCourier(n);
      await n.market.connect(n.alice).pauseOffer(good);
      await expect(n.market.connect(n.alice).answerRequest(1n, good))
        .to.be.revertedWithCustomError(n.market, "MarketOfferStatus")
        .withArgs(good, OfferStatus.Paused);
      await n.market.connect(n.alice).resumeOffer(good);
      await n.market.connect(n.alice).answerRequest(1n, good);
      await expect(n.market.connect(n.alice).answerRequest(1n, good))
        .to.be.revertedWithCustomError(n.market, "MarketAlreadyAnswered")
        .withArgs(1n, good);
      await expect(n.market.connect(n.alice).answerRequest(2n, good))
        .to.be.revertedWithCustomError(n.market, "MarketUnknownRequest")
        .withArgs(2n);

      // a consumer cannot answer their own request with their own offer
      const own = await listOffer(n, n.bob, n.resources.desk, courierTerms(n));
      await n.market.connect(n.bob).postRequest(await courierRequest(n));
      await expect(n.market.connect(n.bob).answerRequest(2n, own))
        .to.be.revertedWithCustomError(n.market, "MarketOwnOffer")
        .withArgs(own);
    });

    it("requests expire: no answers or acceptance after the deadline, but the consumer may still withdraw it", async () => {
      const terms = await courierRequest(n);
      await n.market.connect(n.carol).postRequest(terms);
      const offerId = await listCourier(n);
      await n.market.connect(n.alice).answerRequest(1n, offerId);
      await networkHelpers.time.increaseTo(terms.deadline);
      expect(await n.market.isRequestOpen(1n)).to.equal(false);
      await expect(n.market.connect(n.alice).answerRequest(1n, await listCourier(n)))
        .to.be.revertedWithCustomError(n.market, "MarketRequestExpired")
        .withArgs(1n, terms.deadline);
      await expect(n.market.connect(n.carol).acceptAnswer(1n, offerId, 0, NO_DATA, { value: 2n * PRICE }))
        .to.be.revertedWithCustomError(n.market, "MarketRequestExpired")
        .withArgs(1n, terms.deadline);
      await expect(n.market.connect(n.carol).cancelRequest(1n))
        .to.emit(n.market, "RequestCancelled")
        .withArgs(n.carol.address, 0n, 1n);
      await expect(n.market.connect(n.carol).cancelRequest(1n))
        .to.be.revertedWithCustomError(n.market, "MarketRequestNotOpen")
        .withArgs(1n, RequestStatus.Cancelled);
    });

    it("accepting checks the answer again: answered, still within the price and the class", async () => {
      await n.market.connect(n.carol).postRequest(await courierRequest(n));
      const offerId = await listCourier(n);
      const value = { value: 2n * PRICE };
      await expect(n.market.connect(n.carol).acceptAnswer(1n, offerId, 0, NO_DATA, value))
        .to.be.revertedWithCustomError(n.market, "MarketNotAnswered")
        .withArgs(1n, offerId);
      await n.market.connect(n.alice).answerRequest(1n, offerId);
      // the provider raises the price above the request's maximum after answering
      await n.market.connect(n.alice).updateOffer(offerId, courierTerms(n, { unitPrice: 3n * PRICE }), NO_DATA);
      await expect(n.market.connect(n.carol).acceptAnswer(1n, offerId, 1, NO_DATA, { value: 6n * PRICE }))
        .to.be.revertedWithCustomError(n.market, "MarketOfferMismatch")
        .withArgs(1n, offerId);
      // or changes its class
      await n.market
        .connect(n.alice)
        .updateOffer(offerId, courierTerms(n, { classId: await n.w.taxonomy.attributeId("bike") }), NO_DATA);
      await expect(n.market.connect(n.carol).acceptAnswer(1n, offerId, 2, NO_DATA, value))
        .to.be.revertedWithCustomError(n.market, "MarketOfferMismatch")
        .withArgs(1n, offerId);
      // back to matching terms: the consumer accepts the version they saw
      await n.market.connect(n.alice).updateOffer(offerId, courierTerms(n, { unitPrice: PRICE / 2n }), NO_DATA);
      await expect(n.market.connect(n.carol).acceptAnswer(1n, offerId, 2, NO_DATA, { value: PRICE }))
        .to.be.revertedWithCustomError(n.market, "MarketOfferChanged")
        .withArgs(offerId, 2, 3);
      await expect(n.market.connect(n.carol).acceptAnswer(1n, offerId, 3, NO_DATA, { value: PRICE })).to.emit(
        n.market,
        "RequestAccepted",
      );
    });

    it("accepting an answer pays in ERC-20 like any booking", async () => {
      const token = await n.token.getAddress();
      await n.market.connect(n.dave).postRequest(await courierRequest(n, { token, maxUnitPrice: 50n, quantity: 3n }));
      const offerId = await listCourier(n, { token, unitPrice: 40n });
      await n.market.connect(n.alice).answerRequest(1n, offerId);
      await approve(n, n.dave, token, 120n);
      await expect(n.market.connect(n.dave).acceptAnswer(1n, offerId, 0, NO_DATA)).to.changeTokenBalances(
        ethers,
        n.token,
        [n.dave, n.market],
        [-120n, 120n],
      );
    });
  });

  describe("events", () => {
    it("every event has the same indexed layout: party, offer id, then the booking id (the request id for requests)", () => {
      const events = n.market.interface.fragments.filter((f): f is EventFragment => f.type === "event");
      expect(events.length).to.be.greaterThanOrEqual(15);
      for (const event of events) {
        const indexed = event.inputs.filter((input) => input.indexed);
        const subject = event.name.startsWith("Request") ? "requestId" : "bookingId";
        expect(
          indexed.map((input) => `${input.name}:${input.type}`),
          event.format(),
        ).to.deep.equal(["party:address", "offerId:uint256", `${subject}:uint256`]);
        expect(
          event.inputs.slice(0, 3).every((input) => input.indexed),
          event.format(),
        ).to.equal(true);
      }
    });
  });

  it("the contract is deployed within the size limit and wired to the network", async () => {
    const code = await ethers.provider.getCode(await n.market.getAddress());
    expect((code.length - 2) / 2).to.be.lessThanOrEqual(24_576);
    expect(await n.market.governance()).to.equal(n.treasury);
    expect(await n.market.membership()).to.equal(await n.w.membership.getAddress());
    expect(await n.market.resources()).to.equal(await n.w.resources.getAddress());
    expect(await n.market.taxonomy()).to.equal(await n.w.taxonomy.getAddress());
    expect(await n.market.networkRules()).to.equal(await n.w.networkRules.getAddress());
    expect(await n.market.accessConnector()).to.equal(await n.w.accessGrants.getAddress());
    const record = await n.w.accessGrants.connectorOf(await n.market.getAddress());
    expect(record.approved).to.equal(true);
  });
});
