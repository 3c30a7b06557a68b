import { parseEther, type Address } from "viem";
import { beforeAll, describe, expect, it } from "vitest";

import type { InboxItem } from "../src/index.js";
import { admitMember, as, increaseTime, isolateFile, latestTime, people, reader } from "./support/weconet.js";

isolateFile();

const DAY = 86_400;
/** An inbox as its keys: what waits, in order. */
const keysOf = async (account: Address, options?: { closingWithin?: number }) =>
  (await reader.reads.inbox(account, options)).map((item: InboxItem) => item.key);

describe("the inbox: what waits for an account", () => {
  const [alice, bob, stranger] = [12, 13, 14].map((i) => people.outsider(i)) as [Address, Address, Address];
  let offerId = 0n;

  beforeAll(async () => {
    await admitMember(alice, "inbox-alice");
    await admitMember(bob, "inbox-bob");
    const { resourceId } = await as(alice).resources.register({
      resourceClass: "courier_service",
      metadata: "alice's inbox test courier",
    });
    ({ offerId } = await as(alice).market.listOffer({
      resourceId,
      unitPrice: parseEther("0.001"),
      capacity: 10,
      document: "inbox test offer",
    }));
  });

  it("is empty for a new member and for an account that is none", async () => {
    expect(await keysOf(alice)).toEqual([]);
    expect(await keysOf(stranger)).toEqual([]);
  });

  it("holds an access request to answer until the owner answers it", async () => {
    const asked = await as(bob).access.requestAccess({
      owner: alice,
      attributes: ["email"],
      purpose: "dpv:CommunicationManagement",
      duration: 7 * DAY,
    });
    const [item] = await reader.reads.inbox(alice);
    expect(item).toMatchObject({
      kind: "request",
      key: `request:${asked.connectionId}`,
      until: asked.requestExpiresAt,
    });
    // the request waits for the owner, not for the one who asked
    expect(await keysOf(bob)).toEqual([]);
    await as(alice).access.acceptRequest({ grantee: bob });
    expect(await keysOf(alice)).toEqual([]);
  });

  it("follows a booking: the provider accepts and delivers, then claims or the consumer completes", async () => {
    const { bookingId } = await as(bob).market.book({ offerId, quantity: 1 });
    expect(await keysOf(alice)).toEqual([`booking:${bookingId}:accept`]);
    expect(await keysOf(bob)).toEqual([]);
    await as(alice).market.acceptBooking({ bookingId });
    expect(await keysOf(alice)).toEqual([`booking:${bookingId}:mark_delivered`]);
    await as(alice).market.markDelivered({ bookingId });
    expect(await keysOf(alice)).toEqual([]);
    expect(await keysOf(bob)).toEqual([`booking:${bookingId}:complete`]);
    // once the dispute window has closed the provider may claim the payment
    const [delivered] = (await reader.reads.bookings({ party: bob, statuses: ["delivered"] })).items;
    await increaseTime((delivered?.windowEnds ?? 0) - (await latestTime()) + 1);
    expect(await keysOf(alice)).toEqual([`booking:${bookingId}:claim_payment`]);
    await as(bob).market.completeBooking({ bookingId });
    expect(await keysOf(alice)).toEqual([]);
    expect(await keysOf(bob)).toEqual([]);
  });

  it("gives a dispute to the leaders who are not party to it, until one rules", async () => {
    const { bookingId } = await as(bob).market.book({ offerId, quantity: 1 });
    await as(alice).market.acceptBooking({ bookingId });
    await as(bob).market.openDispute({ bookingId, statement: "bob: nothing arrived" });
    for (const leader of [people.lars, people.lena]) expect(await keysOf(leader)).toContain(`dispute:${bookingId}`);
    for (const party of [alice, bob]) expect(await keysOf(party)).not.toContain(`dispute:${bookingId}`);
    const [item] = (await reader.reads.inbox(people.lars)).filter((i) => i.kind === "dispute");
    const [disputed] = (await reader.reads.bookings({ party: bob, statuses: ["disputed"] })).items;
    expect(item?.until).toBe(disputed?.deadlines?.finalDeadline);
    await as(people.lars).market.ruleDispute({ bookingId, refund: parseEther("0.001"), ruling: "refund in full" });
    for (const leader of [people.lars, people.lena]) expect(await keysOf(leader)).not.toContain(`dispute:${bookingId}`);
  });

  it("asks for a vote on an open proposal closing soon, until the member voted", async () => {
    const { proposalId } = await as(people.lars).governance.proposeRuleChange({
      rule: "marketFeeBps",
      value: 120n,
      title: "Inbox test: a fee of 1.2%",
    });
    // pending: nothing to vote on yet
    expect(await keysOf(people.lena)).not.toContain(`proposal:${proposalId}`);
    await increaseTime((await reader.contracts.governor.read.votingDelay()) + 1n);
    const key = `proposal:${proposalId}`;
    expect(await keysOf(people.lena)).toContain(key);
    const [item] = (await reader.reads.inbox(people.lena)).filter((i) => i.key === key);
    expect(item?.until).toBe(Number(await reader.contracts.governor.read.proposalDeadline([proposalId])));
    // a member whose vote does not count yet (probation) has nothing to vote with
    expect(await keysOf(alice)).not.toContain(key);
    // not "soon" when the vote closes later than asked
    expect(await keysOf(people.lena, { closingWithin: 60 })).not.toContain(key);
    await as(people.lena).governance.vote({ proposalId, support: "against", reason: "Inbox test." });
    expect(await keysOf(people.lena)).not.toContain(key);
    expect(await keysOf(people.manager)).toContain(key);
  });
});
