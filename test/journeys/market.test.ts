import { expect } from "chai";
import type { Log } from "ethers";

import type { Market } from "../../typechain-types/index.js";
import {
  book,
  BookingStatus,
  courierRequest,
  courierTerms,
  DAY,
  deliveryData,
  deployMarketNetwork,
  doc,
  ETH,
  feeOf,
  listCourier,
  listOffer,
  NO_DATA,
  OfferStatus,
  registerResource,
  RequestStatus,
  sendBooking,
  type MarketNetwork,
} from "../helpers/market.js";
import { ethers, networkHelpers } from "../helpers/network.js";

const PRICE = 10n ** 16n;

describe("journeys: the market", () => {
  let n: MarketNetwork;
  beforeEach(async () => {
    n = await networkHelpers.loadFixture(deployMarketNetwork);
  });

  it("a provider lists once and maintains the offer; a consumer finds it in the events and books the current version", async () => {
    // Alice lists her courier service; Bob his desks, priced in an ERC-20.
    const courier = await listCourier(n, {}, deliveryData(n));
    const token = await n.token.getAddress();
    const desk = await listOffer(
      n,
      n.bob,
      n.resources.desk,
      courierTerms(n, { classId: n.classes.desk, token, unitPrice: 15n * 10n ** 18n, capacity: 20n }),
    );

    // Carol's portal searches courier offers by class, from the listing events alone.
    const listed = await n.market.queryFilter(n.market.filters.OfferListed());
    const couriers = listed.filter((e) => e.args.terms.classId === n.classes.courier).map((e) => e.args.offerId);
    expect(couriers).to.deep.equal([courier]);

    // Alice raises her price in place: the same offer, a new version; Carol's portal shows the current terms.
    await n.market
      .connect(n.alice)
      .updateOffer(courier, courierTerms(n, { unitPrice: 2n * PRICE, metadata: doc("courier v2") }), deliveryData(n));
    // The current document is the one in the offer's latest listing or update event.
    const updates = await n.market.queryFilter(n.market.filters.OfferUpdated(undefined, courier));
    const latest = updates.at(-1);
    expect(latest?.args.version).to.equal((await n.market.offer(courier)).version);
    expect(latest?.args.terms.metadata).to.equal(doc("courier v2"));
    expect(await n.market.isBookable(courier)).to.equal(true);

    // Carol books two deliveries and consents to share her delivery address for the delivery.
    const bookingId = await book(n, n.carol, courier, 2n, deliveryData(n));
    expect(await n.w.accessGrants.isAuthorized(n.carol.address, n.alice.address, n.deliveryAddress)).to.equal(true);
    // Alice sees her new booking by filtering on her offer id.
    const mine = await n.market.queryFilter(n.market.filters.BookingCreated(undefined, courier));
    expect(mine.map((e) => [e.args.bookingId, e.args.amount])).to.deep.equal([[bookingId, 4n * PRICE]]);
    await n.market.connect(n.alice).acceptBooking(bookingId);
    await n.market.connect(n.alice).markDelivered(bookingId);
    await n.market.connect(n.carol).completeBooking(bookingId);
    expect(await n.w.accessGrants.isAuthorized(n.carol.address, n.alice.address, n.deliveryAddress)).to.equal(false);

    // Dave rents a desk for five days in tokens; Bob pauses the offer over the holidays and resumes it.
    await book(n, n.dave, desk, 5n);
    await n.market.connect(n.bob).pauseOffer(desk);
    expect(await n.market.isBookable(desk)).to.equal(false);
    await n.market.connect(n.bob).resumeOffer(desk);
    expect(await n.market.remainingCapacity(desk)).to.equal(15n);

    // Everyone is paid by pulling.
    const fee = feeOf(4n * PRICE, n.fee);
    await expect(n.market.connect(n.alice).withdraw(ETH)).to.changeEtherBalance(ethers, n.alice, 4n * PRICE - fee);
    await expect(n.market.withdrawFees(ETH)).to.changeEtherBalance(ethers, n.treasury, fee);
  });

  it("a consumer posts a request, two providers answer, the consumer accepts the cheaper answer", async () => {
    const bobsCourier = await registerResource(n.w, n.bob, n.classes.courier, "bob's cargo bike");
    const alices = await listCourier(n, { unitPrice: PRICE });
    const bobs = await listOffer(n, n.bob, bobsCourier, courierTerms(n, { unitPrice: (PRICE * 3n) / 2n }));

    await n.market.connect(n.carol).postRequest(await courierRequest(n, { quantity: 3n }));
    const requestId = await n.market.requestCount();
    // Providers watch RequestPosted for their classes and answer with an offer.
    const posted = await n.market.queryFilter(n.market.filters.RequestPosted(n.carol.address));
    expect(posted.map((e) => e.args.terms.classId)).to.deep.equal([n.classes.courier]);
    await n.market.connect(n.bob).answerRequest(requestId, bobs);
    await n.market.connect(n.alice).answerRequest(requestId, alices);

    // Carol compares the answers to her request (the request id is indexed) and accepts Alice's.
    const answers = await n.market.queryFilter(n.market.filters.RequestAnswered(undefined, undefined, requestId));
    const prices = await Promise.all(
      answers.map(async (e) => [e.args.offerId, (await n.market.offer(e.args.offerId)).unitPrice] as const),
    );
    const [cheapest] = [...prices].sort((a, b) => (a[1] < b[1] ? -1 : 1));
    expect(cheapest?.[0]).to.equal(alices);
    await n.market.connect(n.carol).acceptAnswer(requestId, alices, 0, NO_DATA, { value: 3n * PRICE });
    expect((await n.market.request(requestId)).status).to.equal(RequestStatus.Accepted);
    expect(await n.market.remainingCapacity(alices)).to.equal(7n);
    expect(await n.market.remainingCapacity(bobs)).to.equal(10n);
  });

  it("a dispute runs from booking to a leader's ruling to everyone's withdrawal", async () => {
    const offerId = await listCourier(n, { capacity: 4n });
    const bookingId = await book(n, n.dave, offerId, 4n);
    await n.market.connect(n.alice).acceptBooking(bookingId);
    await n.market.connect(n.alice).markDelivered(bookingId);
    await networkHelpers.time.increase(DAY);
    await n.market.connect(n.dave).openDispute(bookingId, doc("two of four parcels damaged"));
    // The provider cannot claim a disputed booking, even after the window.
    await networkHelpers.time.increase(n.disputeWindow);
    await expect(n.market.connect(n.alice).claimPayment(bookingId))
      .to.be.revertedWithCustomError(n.market, "MarketBookingStatus")
      .withArgs(bookingId, BookingStatus.Disputed);

    // A leader reads both statements off-chain and rules: half back to Dave.
    const amount = 4n * PRICE;
    await n.market.connect(n.leader).ruleDispute(bookingId, amount / 2n, doc("half the parcels were damaged"));
    const fee = feeOf(amount / 2n, n.fee);
    await expect(n.market.connect(n.dave).withdraw(ETH)).to.changeEtherBalance(ethers, n.dave, amount / 2n);
    await expect(n.market.connect(n.alice).withdraw(ETH)).to.changeEtherBalance(ethers, n.alice, amount / 2n - fee);
    await expect(n.market.connect(n.carol).withdrawFees(ETH)).to.changeEtherBalance(ethers, n.treasury, fee);
    expect(await ethers.provider.getBalance(await n.market.getAddress())).to.equal(0n);
  });

  it("an auditor rebuilds every offer, request, booking and balance from the events alone", async () => {
    const token = await n.token.getAddress();
    // A busy market: every kind of state change.
    const courier = await listCourier(n, {}, deliveryData(n));
    const tokenCourier = await listCourier(n, { token, unitPrice: 10n ** 18n });
    const desk = await listOffer(
      n,
      n.bob,
      n.resources.desk,
      courierTerms(n, { classId: n.classes.desk, capacity: 3n }),
    );
    await n.market.connect(n.alice).updateOffer(courier, courierTerms(n, { capacity: 20n }), deliveryData(n));
    await n.market.connect(n.bob).pauseOffer(desk);
    await n.market.connect(n.bob).resumeOffer(desk);

    const completed = await book(n, n.carol, courier, 2n, deliveryData(n));
    await n.market.connect(n.alice).acceptBooking(completed);
    await n.market.connect(n.carol).completeBooking(completed);
    const declined = await book(n, n.dave, courier, 3n, deliveryData(n));
    await n.market.connect(n.alice).declineBooking(declined);
    const cancelled = await book(n, n.carol, tokenCourier, 2n);
    await n.market.connect(n.carol).cancelBooking(cancelled);
    const claimed = await book(n, n.dave, tokenCourier, 3n);
    await n.market.connect(n.alice).acceptBooking(claimed);
    await n.market.connect(n.alice).markDelivered(claimed);
    await networkHelpers.time.increase(n.disputeWindow);
    await n.market.connect(n.alice).claimPayment(claimed);
    const ruled = await book(n, n.carol, desk, 2n);
    await n.market.connect(n.bob).acceptBooking(ruled);
    await n.market.connect(n.bob).openDispute(ruled, doc("desk left damaged"));
    await n.market.connect(n.leader).ruleDispute(ruled, PRICE / 3n, doc("small refund"));
    const open = await book(n, n.dave, desk, 1n);
    const disputed = await book(n, n.carol, courier, 1n, deliveryData(n));
    await n.market.connect(n.alice).acceptBooking(disputed);
    await n.market.connect(n.carol).openDispute(disputed, doc("never came"));
    await n.market.connect(n.carol).postRequest(await courierRequest(n));
    await n.market.connect(n.dave).postRequest(await courierRequest(n, { quantity: 1n }));
    await n.market.connect(n.alice).answerRequest(1n, courier);
    await n.market.connect(n.alice).answerRequest(2n, courier);
    await n.market.connect(n.carol).acceptAnswer(1n, courier, 1, deliveryData(n), { value: 2n * PRICE });
    await n.market.connect(n.dave).cancelRequest(2n);
    await n.market.connect(n.carol).withdraw(ETH);
    await n.market.connect(n.alice).withdraw(token);
    await n.market.withdrawFees(ETH);
    await book(n, n.dave, tokenCourier, 1n); // still open when the offer closes
    await n.market.connect(n.alice).closeOffer(tokenCourier);
    await sendBooking(n, n.dave, courier, 1n, deliveryData(n));

    const logs = await ethers.provider.getLogs({ address: await n.market.getAddress(), fromBlock: 0 });
    const rebuilt = rebuild(n.market, await n.market.governance(), logs);

    // Every offer, request and booking as the contract holds it now.
    expect(rebuilt.offers.size).to.equal(Number(await n.market.offerCount()));
    for (const [offerId, o] of rebuilt.offers) {
      const actual = await n.market.offer(offerId);
      expect(
        [o.provider, o.status, o.version, o.capacity, o.booked, o.unitPrice, o.token],
        `offer ${offerId}`,
      ).to.deep.equal([
        actual.provider,
        actual.status,
        actual.version,
        actual.capacity,
        actual.booked,
        actual.unitPrice,
        actual.token,
      ]);
    }
    expect(rebuilt.requests.size).to.equal(Number(await n.market.requestCount()));
    for (const [requestId, status] of rebuilt.requests) {
      expect(status, `request ${requestId}`).to.equal((await n.market.request(requestId)).status);
    }
    expect(rebuilt.bookings.size).to.equal(Number(await n.market.bookingCount()));
    for (const [bookingId, b] of rebuilt.bookings) {
      const actual = await n.market.booking(bookingId);
      expect([b.consumer, b.status, b.amount, b.token], `booking ${bookingId}`).to.deep.equal([
        actual.consumer,
        actual.status,
        actual.amount,
        actual.token,
      ]);
    }
    // Every credit, and the money the contract holds: open escrows plus credits, per token.
    for (const [key, amount] of rebuilt.credits) {
      const [tokenAddress, account] = key.split("/") as [string, string];
      expect(amount, `credit ${key}`).to.equal(await n.market.balanceOf(account, tokenAddress));
    }
    for (const [tokenAddress, held] of [
      [ETH, await ethers.provider.getBalance(await n.market.getAddress())],
      [token, await n.token.balanceOf(await n.market.getAddress())],
    ] as const) {
      const escrowed = [...rebuilt.bookings.values()]
        .filter((b) => b.token === tokenAddress && b.status < BookingStatus.Completed)
        .reduce((sum, b) => sum + b.amount, 0n);
      const credited = [...rebuilt.credits]
        .filter(([key]) => key.startsWith(`${tokenAddress}/`))
        .reduce((sum, [, amount]) => sum + amount, 0n);
      expect(held, `held in ${tokenAddress}`).to.equal(escrowed + credited);
      expect(escrowed).to.be.greaterThan(0n);
    }
    expect(rebuilt.bookings.get(open)?.status).to.equal(BookingStatus.Booked);
    expect(rebuilt.offers.get(tokenCourier)?.status).to.equal(OfferStatus.Closed);
  });
});

/** The status an offer, request or booking has after each event that only changes its status. */
const OFFER_STATUS_AFTER: Record<string, bigint> = {
  OfferPaused: OfferStatus.Paused,
  OfferResumed: OfferStatus.Active,
  OfferClosed: OfferStatus.Closed,
};
const REQUEST_STATUS_AFTER: Record<string, bigint> = {
  RequestPosted: RequestStatus.Open,
  RequestCancelled: RequestStatus.Cancelled,
  RequestAccepted: RequestStatus.Accepted,
};
const BOOKING_STATUS_AFTER: Record<string, bigint> = {
  BookingAccepted: BookingStatus.Accepted,
  BookingDelivered: BookingStatus.Delivered,
  DisputeOpened: BookingStatus.Disputed,
};

interface RebuiltOffer {
  provider: string;
  status: bigint;
  version: bigint;
  capacity: bigint;
  booked: bigint;
  unitPrice: bigint;
  token: string;
}
interface RebuiltBooking {
  consumer: string;
  offerId: bigint;
  status: bigint;
  amount: bigint;
  quantity: bigint;
  token: string;
}

/**
 * What an auditor (or a portal) needs to rebuild the market: the contract's logs in order, and the rules the
 * contract documents — units return to the offer when a settlement refunds everything (decline, cancel, or a
 * ruling that refunds all); the fee goes to the treasury (the `party` of its withdrawals).
 */
function rebuild(market: Market, treasury: string, logs: Log[]) {
  const offers = new Map<bigint, RebuiltOffer>();
  const requests = new Map<bigint, bigint>();
  const bookings = new Map<bigint, RebuiltBooking>();
  const credits = new Map<string, bigint>();
  const credit = (token: string, account: string, amount: bigint) => {
    const key = `${token}/${account}`;
    credits.set(key, (credits.get(key) ?? 0n) + amount);
  };
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`auditor: ${what} before it was created`);
    return value;
  };
  for (const log of logs) {
    const event = market.interface.parseLog(log);
    if (event === null) continue;
    const a = event.args;
    const offerStatus = OFFER_STATUS_AFTER[event.name];
    const requestStatus = REQUEST_STATUS_AFTER[event.name];
    const bookingStatus = BOOKING_STATUS_AFTER[event.name];
    if (offerStatus !== undefined) must(offers.get(a.offerId), "offer").status = offerStatus;
    if (requestStatus !== undefined) requests.set(a.requestId, requestStatus);
    if (bookingStatus !== undefined) must(bookings.get(a.bookingId), "booking").status = bookingStatus;
    switch (event.name) {
      case "OfferListed":
        offers.set(a.offerId, {
          provider: a.party,
          status: OfferStatus.Active,
          version: 0n,
          capacity: a.terms.capacity,
          booked: 0n,
          unitPrice: a.terms.unitPrice,
          token: a.terms.token,
        });
        break;
      case "OfferUpdated": {
        const o = must(offers.get(a.offerId), "offer");
        Object.assign(o, {
          version: a.version,
          capacity: a.terms.capacity,
          unitPrice: a.terms.unitPrice,
          token: a.terms.token,
        });
        break;
      }
      case "BookingCreated":
        bookings.set(a.bookingId, {
          consumer: a.party,
          offerId: a.offerId,
          status: BookingStatus.Booked,
          amount: a.amount,
          quantity: a.quantity,
          token: a.token,
        });
        must(offers.get(a.offerId), "offer").booked += a.quantity;
        break;
      case "BookingSettled": {
        const b = must(bookings.get(a.bookingId), "booking");
        const o = must(offers.get(a.offerId), "offer");
        b.status = a.outcome;
        credit(b.token, b.consumer, a.refund);
        credit(b.token, o.provider, a.payment);
        credit(b.token, treasury, a.fee);
        if (a.refund === b.amount && a.outcome !== BookingStatus.Completed && a.outcome !== BookingStatus.Claimed) {
          o.booked -= b.quantity;
        }
        break;
      }
      case "Withdrawn": {
        const paid: bigint = a.amount;
        credit(a.token, a.party, -paid);
        break;
      }
    }
  }
  return { offers, requests, bookings, credits };
}
