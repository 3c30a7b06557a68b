import { erc20Abi, formatEther, parseEther, zeroAddress, type Address } from "viem";
import { beforeAll, describe, expect, it } from "vitest";

import {
  connectionIdOf,
  describeBookingAction,
  ETH_TOKEN,
  filterEvents,
  formatDate,
  purposeCode,
  toContentHash,
  WeconetError,
} from "../src/index.js";
import { deployTestToken } from "./support/token.js";
import {
  admitMember,
  as,
  increaseTime,
  isolateFile,
  latestTime,
  people,
  publicClient,
  reader,
} from "./support/weconet.js";

isolateFile();

const DAY = 86_400;

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const e of events) all.push(e);
  return all;
}
const price = parseEther("0.01");

describe("the market", () => {
  const [alice, bob, carol, dave] = [0, 1, 2, 3].map((i) => people.outsider(i)) as [Address, Address, Address, Address];
  let courier = 0n;
  let desk = 0n;
  let token: Address;
  let courierOffer = 0n;
  let deskOffer = 0n;

  beforeAll(async () => {
    for (const [i, member] of [alice, bob, carol, dave].entries()) await admitMember(member, `market-${i}`);
    ({ resourceId: courier } = await as(alice).resources.register({
      resourceClass: "courier_service",
      metadata: "alice's bike courier service",
    }));
    ({ resourceId: desk } = await as(bob).resources.register({ resourceClass: "desk", metadata: "bob's desks" }));
    token = await deployTestToken([carol, dave], 10n ** 21n);
  });

  it("lists, updates in part, pauses, resumes and closes offers; reads live offers by class and price", async () => {
    ({ offerId: courierOffer } = await as(alice).market.listOffer({
      resourceId: courier,
      unitPrice: price,
      capacity: 10,
      document: JSON.stringify({ attributes: { service_area: "Amsterdam" } }),
      dataRequest: { attributes: ["delivery_address"], purpose: "dpv:DeliveryOfGoods", duration: 2 * DAY },
    }));
    ({ offerId: deskOffer } = await as(bob).market.listOffer({
      resourceId: desk,
      token,
      unitPrice: 25n * 10n ** 18n,
      capacity: 60,
      validUntil: (await latestTime()) + 90 * DAY,
      document: "hot desk, per day",
    }));
    const courierClass = await reader.reads.attributeId("courier_service");
    const offer = await reader.reads.offer(courierOffer);
    expect(offer).toMatchObject({
      provider: alice,
      classId: courierClass,
      token: zeroAddress,
      unitPrice: price,
      capacity: 10n,
      remaining: 10n,
      bookable: true,
      version: 0,
      metadata: toContentHash(JSON.stringify({ attributes: { service_area: "Amsterdam" } })),
      dataRequest: {
        attributeIds: [await reader.reads.attributeId("delivery_address")],
        purpose: purposeCode("dpv:DeliveryOfGoods"),
        duration: 2 * DAY,
      },
    });

    // A partial update keeps the document and the data request.
    const { version } = await as(alice).market.updateOffer({ offerId: courierOffer, unitPrice: price / 2n });
    expect(version).toBe(1);
    expect(await reader.reads.offer(courierOffer)).toMatchObject({
      version: 1,
      unitPrice: price / 2n,
      metadata: offer.metadata,
      dataRequest: offer.dataRequest,
    });

    const services = (await reader.reads.offers({ class: "service", includeSubclasses: true })).items;
    expect(services.map((o) => o.id)).toEqual([courierOffer]);
    expect((await reader.reads.offers({ class: "service" })).items).toEqual([]);
    expect((await reader.reads.offers({ token })).items.map((o) => o.id)).toEqual([deskOffer]);
    expect((await reader.reads.offers({ maxUnitPrice: price })).items.map((o) => o.id)).toEqual([courierOffer]);

    await as(alice).market.pauseOffer({ offerId: courierOffer });
    expect((await reader.reads.offers()).items.map((o) => o.id)).toEqual([deskOffer]);
    expect((await reader.reads.offers({ all: true })).items.find((o) => o.id === courierOffer)?.status).toBe("paused");
    await as(alice).market.resumeOffer({ offerId: courierOffer });
    await as(alice).market.updateOffer({ offerId: courierOffer, unitPrice: price });
    expect((await reader.reads.offers({ provider: alice })).items.map((o) => [o.id, o.unitPrice])).toEqual([
      [courierOffer, price],
    ]);
  });

  it("books in ETH with a data connection and in an ERC-20 (approving first); delivery, completion, withdrawal", async () => {
    // Carol agrees to what the offer asks (as the dApp shows it), and the booking consents to exactly that.
    const shown = (await reader.reads.offer(courierOffer)).dataRequest;
    const ethBooking = await as(carol).market.book({ offerId: courierOffer, quantity: 2, agreed: shown });
    expect(ethBooking).toMatchObject({
      amount: 2n * price,
      token: zeroAddress,
      connectionId: connectionIdOf(carol, alice),
    });
    expect(ethBooking.approval).toBeUndefined();
    // While the booking runs, Alice may read Carol's delivery address.
    expect(await reader.reads.isAuthorized({ owner: carol, grantee: alice, attribute: "delivery_address" })).toBe(true);

    const tokenBooking = await as(dave).market.book({ offerId: deskOffer, quantity: 3 });
    expect(tokenBooking).toMatchObject({ amount: 75n * 10n ** 18n, token, connectionId: 0n });
    expect(tokenBooking.approval?.hash).toMatch(/^0x/);

    const [mine] = (await reader.reads.bookings({ party: carol })).items;
    expect(mine).toMatchObject({ id: ethBooking.bookingId, status: "booked", provider: alice, consumer: carol });
    expect(mine?.next).toEqual([
      { id: "accept", by: "provider" },
      { id: "decline", by: "provider" },
      { id: "cancel", by: "consumer" },
    ]);
    expect(mine?.next.map(describeBookingAction)).toEqual([
      "accept",
      "decline (full refund)",
      "cancel (full refund) until the provider accepts",
    ]);
    expect((await reader.reads.bookings({ party: alice, role: "provider" })).items.map((b) => b.id)).toEqual([
      ethBooking.bookingId,
    ]);
    expect((await reader.reads.bookings({ party: alice, role: "consumer" })).items).toEqual([]);

    await as(alice).market.acceptBooking({ bookingId: ethBooking.bookingId });
    await as(alice).market.markDelivered({ bookingId: ethBooking.bookingId });
    const [delivered] = (await reader.reads.bookings({ party: carol })).items;
    expect(delivered?.status).toBe("delivered");
    // Either party may dispute until the dispute window ends; the provider claims from then.
    const windowEnds = delivered?.windowEnds ?? 0;
    expect(windowEnds).toBeGreaterThan(0);
    expect(delivered?.next).toEqual([
      { id: "claim_payment", by: "provider", from: windowEnds },
      { id: "open_dispute", by: "provider", until: windowEnds },
      { id: "complete", by: "consumer" },
      { id: "open_dispute", by: "consumer", until: windowEnds },
    ]);
    expect(describeBookingAction({ id: "open_dispute", by: "consumer", until: windowEnds })).toMatch(
      /^open a dispute until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/,
    );
    await as(carol).market.completeBooking({ bookingId: ethBooking.bookingId });
    expect(await reader.reads.isAuthorized({ owner: carol, grantee: alice, attribute: "delivery_address" })).toBe(
      false,
    );

    const fee = (2n * price * 100n) / 10_000n;
    expect(await reader.reads.credits(alice)).toEqual([{ token: zeroAddress, amount: 2n * price - fee }]);
    const [completed] = (await reader.reads.bookings({ party: alice })).items;
    expect(completed?.settlement).toMatchObject({ refund: 0n, payment: 2n * price - fee, fee });
    expect(completed?.next).toEqual([{ id: "withdraw", by: "provider", amount: 2n * price - fee }]);
    // In the booking's token, with its symbol; without the token, in its smallest unit, saying so.
    expect(completed?.next.map((a) => describeBookingAction(a, { token: ETH_TOKEN }))).toEqual([
      `withdraw ${formatEther(2n * price - fee)} ETH credited`,
    ]);
    expect(completed?.next.map(describeBookingAction)).toEqual([
      `withdraw ${2n * price - fee} (in the token's smallest unit) credited`,
    ]);
    const before = await publicClient.getBalance({ address: alice });
    const { amount, receipt } = await as(alice).market.withdraw();
    expect(amount).toBe(2n * price - fee);
    expect(await publicClient.getBalance({ address: alice })).toBe(
      before + amount - receipt.gasUsed * receipt.effectiveGasPrice,
    );
    expect((await as(bob).market.withdrawFees()).amount).toBe(fee);
    expect(
      await publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [dave] }),
    ).toBe(10n ** 21n - 75n * 10n ** 18n);
  });

  it("posts a request, a provider answers, the consumer accepts (which books); another is withdrawn", async () => {
    const { requestId } = await as(dave).market.postRequest({
      class: "courier_service",
      quantity: 3,
      maxUnitPrice: price,
      duration: 7 * DAY,
      description: "three parcels from the station to the office",
    });
    await as(alice).market.answerRequest({ requestId, offerId: courierOffer });
    const [open] = (await reader.reads.marketRequests({ consumer: dave })).items;
    expect(open).toMatchObject({ id: requestId, open: true, answers: [courierOffer], quantity: 3n, status: "open" });
    const accepted = await as(dave).market.acceptAnswer({ requestId, offerId: courierOffer });
    expect(accepted).toMatchObject({ amount: 3n * price, connectionId: connectionIdOf(dave, alice) });
    expect((await reader.reads.marketRequests({ consumer: dave })).items).toEqual([]);
    const [done] = (await reader.reads.marketRequests({ consumer: dave, all: true })).items;
    expect(done).toMatchObject({ status: "accepted", bookingId: accepted.bookingId });
    const [booking] = (await reader.reads.bookings({ party: dave, statuses: ["booked"] })).items;
    expect(booking).toMatchObject({ id: accepted.bookingId, requestId });
    // The audit trail filters by request: its own events (the market indexes the request id in them).
    const trail = await collect(filterEvents(reader.audit.events(), { requests: [requestId] }));
    expect(trail.map((e) => e.event)).toEqual(["RequestPosted", "RequestAnswered", "RequestAccepted"]);
    expect(trail.map((e) => e.subjects.requests)).toEqual([[requestId], [requestId], [requestId]]);
    expect(trail.at(-1)?.subjects.offers).toEqual([courierOffer]);

    const other = await as(carol).market.postRequest({
      class: "desk",
      token,
      quantity: 1,
      maxUnitPrice: 30n * 10n ** 18n,
      deadline: new Date(((await latestTime()) + DAY) * 1000),
    });
    await as(carol).market.cancelRequest({ requestId: other.requestId });
    expect((await reader.reads.marketRequests({ all: true, class: "desk" })).items[0]?.status).toBe("cancelled");
  });

  it("declines, cancels, claims after the dispute window, disputes and rules; says who acts next", async () => {
    const declined = await as(carol).market.book({ offerId: courierOffer, quantity: 1 });
    await as(alice).market.declineBooking({ bookingId: declined.bookingId });
    const cancelled = await as(carol).market.book({ offerId: courierOffer, quantity: 1 });
    await as(carol).market.cancelBooking({ bookingId: cancelled.bookingId });
    expect((await reader.reads.credits(carol))[0]?.amount).toBe(2n * price);

    const claimed = await as(carol).market.book({ offerId: courierOffer, quantity: 1 });
    await as(alice).market.acceptBooking({ bookingId: claimed.bookingId });
    await as(alice).market.markDelivered({ bookingId: claimed.bookingId });
    await expect(as(alice).market.claimPayment({ bookingId: claimed.bookingId })).rejects.toThrow(
      `The dispute window of booking ${claimed.bookingId} is open until`,
    );
    await increaseTime(7 * DAY);
    const [waiting] = (await reader.reads.bookings({ party: carol, statuses: ["delivered"] })).items;
    // Carol still has the refund of her cancelled booking to withdraw.
    expect(waiting?.next).toEqual([
      { id: "claim_payment", by: "provider" },
      { id: "complete", by: "consumer" },
      { id: "withdraw", by: "consumer", amount: 2n * price },
    ]);
    expect(describeBookingAction({ id: "claim_payment", by: "provider" })).toBe(
      "claim the payment (the dispute window has closed)",
    );
    await as(alice).market.claimPayment({ bookingId: claimed.bookingId });

    const disputed = await as(dave).market.book({ offerId: deskOffer, quantity: 2 });
    await as(bob).market.acceptBooking({ bookingId: disputed.bookingId });
    await as(dave).market.openDispute({ bookingId: disputed.bookingId, statement: "dave: the desk had no screen" });
    const [inDispute] = (await reader.reads.bookings({ party: dave, statuses: ["disputed"] })).items;
    // Who may end the dispute, and from when: the booking keeps the ruling period in force when it was made.
    const deadlines = inDispute?.deadlines;
    if (deadlines === undefined) throw new Error("a disputed booking has its deadlines");
    expect(deadlines.membersFrom - deadlines.disputedAt).toBe(Number(inDispute?.rulingPeriod));
    expect(deadlines.finalDeadline - deadlines.membersFrom).toBe(35 * DAY);
    const at = (t: number) => formatDate(t, { timeZone: "UTC" });
    expect(inDispute?.next).toEqual([
      { id: "rule", by: "leader", until: deadlines.finalDeadline },
      { id: "rule_by_vote", by: "members", from: deadlines.membersFrom, until: deadlines.finalDeadline },
      { id: "settle_expired_dispute", by: "anyone", from: deadlines.finalDeadline },
    ]);
    expect(inDispute?.next.map(describeBookingAction)).toEqual([
      `rule: split the escrow (a leader who is neither party), until ${at(deadlines.finalDeadline)}`,
      `rule by a proposal (calls ruleDispute), executed from ${at(deadlines.membersFrom)} until ${at(deadlines.finalDeadline)}`,
      `settle by the default outcome (full refund to the consumer) from ${at(deadlines.finalDeadline)}`,
    ]);
    expect(inDispute?.dispute).toEqual({
      by: dave,
      statement: toContentHash("dave: the desk had no screen"),
      openedAt: deadlines.disputedAt,
      membersFrom: deadlines.membersFrom,
      finalDeadline: deadlines.finalDeadline,
    });
    await expect(as(carol).market.settleExpiredDispute({ bookingId: disputed.bookingId })).rejects.toThrow(
      `The dispute over booking ${disputed.bookingId} can be settled by the default outcome (full refund) only from`,
    );
    const half = 25n * 10n ** 18n;
    await as(people.lena).market.ruleDispute({
      bookingId: disputed.bookingId,
      refund: half,
      ruling: "lena: one day back",
    });
    const [ruled] = (await reader.reads.bookings({ party: dave, statuses: ["ruled"] })).items;
    expect(ruled?.settlement).toMatchObject({ refund: half, by: people.lena });
    expect(ruled?.dispute?.ruledBy).toBe(people.lena);
    expect(await reader.reads.credits(dave)).toEqual([{ token, amount: half }]);
    expect((await as(dave).market.withdraw({ token })).amount).toBe(half);

    const report = await reader.audit.verify();
    expect(report.differences).toEqual([]);
    expect(report.store.size("booking")).toBe(7);
  });

  it("explains every refusal in a sentence", async () => {
    const attempts: [() => Promise<unknown>, string][] = [
      [
        () => as(alice).market.book({ offerId: courierOffer, quantity: 1 }),
        `A provider cannot book or answer with their own offer ${courierOffer}.`,
      ],
      [() => as(carol).market.book({ offerId: courierOffer, quantity: 100 }), `Offer ${courierOffer} has`],
      [() => as(carol).market.book({ offerId: 999n, quantity: 1 }), "there is no offer 999 on this network"],
      [
        // What Carol agreed to is not what the offer asks now: nothing is sent.
        () =>
          as(carol).market.book({
            offerId: courierOffer,
            quantity: 1,
            agreed: { attributeIds: [1], purpose: purposeCode("dpv:Marketing"), duration: 60 },
          }),
        `book offer ${courierOffer}: its data request changed since you agreed to it; read the offer again before booking.`,
      ],
      [
        () => as(alice).market.book({ offerId: deskOffer, quantity: 1 }),
        `insufficient funds: ${alice} holds 0 of the token, ${25n * 10n ** 18n} is needed.`,
      ],
      [() => as(carol).market.withdraw({ token }), `${carol} has no token ${token} to withdraw.`],
      [
        () =>
          as(people.outsider(8)).market.listOffer({ resourceId: courier, unitPrice: 1n, capacity: 1, document: "x" }),
        `${people.outsider(8)} is not an active member.`,
      ],
      [
        () =>
          as(alice).market.postRequest({
            class: "courier_service",
            quantity: 1,
            maxUnitPrice: 1n,
            duration: 60,
            deadline: 1,
          }),
        "a request needs either a deadline or a duration",
      ],
      [
        () =>
          as(alice).market.listOffer({
            resourceId: courier,
            class: "price",
            unitPrice: 1n,
            capacity: 1,
            document: "x",
          }),
        "is not an active class of the resource or offer domain.",
      ],
      [
        () => as(carol).market.ruleDispute({ bookingId: 1n, refund: 0n, ruling: "x" }),
        `${carol} is not an active network leader`,
      ],
    ];
    for (const [attempt, message] of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WeconetError);
      expect((error as WeconetError).message).toContain(message);
    }
  });
});
