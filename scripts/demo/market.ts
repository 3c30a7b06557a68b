import { formatUnits, getAddress, parseEther, parseUnits, type Address } from "viem";

import type { DataRequestInput } from "@weconet/sdk";

import DemoEuroModule from "../../deploy/demo/DemoEuro.js";
import { DemoEuro__factory } from "../../typechain-types/index.js";
import { addressOf, type DemoNetwork } from "./network.js";

const DAY = 86_400;
const ETH: Address = "0x0000000000000000000000000000000000000000";

/** An amount of play-money euros (18 decimals, like the token). */
function euro(amount: string): bigint {
  return parseUnits(amount, 18);
}

/**
 * An offer document: what the provider publishes off-chain (here: on the demo's local disk) and the chain knows
 * only by its hash. Its attributes use the taxonomy's names, so the matcher can compare them with a need.
 */
function offerDocument(title: string, attributes: Record<string, string | number>): string {
  return JSON.stringify({ title, attributes }, null, 2);
}

type Person = { address: string };

/**
 * The texts of the demo's dispute statements and ruling (the chain holds their hashes; the data demo stores the texts
 * as booking documents in the socket, readable by the booking's parties and the network's leaders only).
 */
export const DEMO_DISPUTES = {
  dataset: { statement: "eve: the March files are missing" },
  desk: { statement: "eve: the desk had no working screen", ruling: "lena: one of two days refunded" },
} as const;

/**
 * The market on the demo network (after the core seeding registered Alice's, Bob's and Carol's resources and the
 * access demo opened its connections), through the SDK:
 * - DemoEuro, a play-money ERC-20 with a faucet, deployed by its own demo-only module; Dave and Eve claim some;
 * - offers: Alice's bike courier service (in dEUR, asking for the consumer's delivery address for the delivery),
 *   Bob's co-working desks (dEUR, for the next 90 days), Bob's meeting room (paused), Carol's dataset
 *   subscription (ETH); their documents are published with `net.publish`;
 * - one open request: Dave needs three parcels delivered; Alice has answered it with her courier offer;
 * - bookings in several states: Eve's deliveries accepted (Alice may read Eve's delivery address meanwhile),
 *   Dave's desk days completed, Eve's dataset subscription disputed, Dave's subscription awaiting Carol, Eve's
 *   desk days ruled on by leader Lena.
 */
export async function seedMarketDemo(net: DemoNetwork): Promise<void> {
  const { alice, bob, carol, dave, eve } = net.people.members;
  const { lena } = net.people.leaders;

  const { demoEuro } = await net.ignition.deploy(DemoEuroModule);
  const token = getAddress(await demoEuro.getAddress());
  net.log(`DemoEuro (dEUR): play-money ERC-20 with a faucet, for the demo only — ${token}`);
  for (const person of [dave, eve]) {
    const claimed = await (await DemoEuro__factory.connect(token, person).claim()).wait();
    if (claimed?.status !== 1) throw new Error("demo: a faucet claim failed");
  }
  net.log("faucet: dave and eve claimed 1,000 dEUR each");

  // Offers, each for one of the provider's resources.
  const delivery: DataRequestInput = {
    attributes: ["delivery_address"],
    purpose: "dpv:DeliveryOfGoods",
    duration: 3 * DAY,
  };
  const courier = await list(net, alice, "courier_service", "alice's bike courier service", {
    token,
    unitPrice: euro("7.50"),
    capacity: 200n,
    document: offerDocument("Same-day bike courier, per parcel", {
      service_area: "Amsterdam",
      lead_time: 7_200,
      price_unit: "parcel",
    }),
    dataRequest: delivery,
  });
  net.log(
    `offer #${courier}: alice's bike courier — 7.50 dEUR a parcel, 200 parcels; a booking shares the consumer's delivery address for 3 days`,
  );
  const now = Number((await net.weconet.publicClient.getBlock()).timestamp);
  const desk = await list(net, bob, "desk", "bob's co-working desks", {
    token,
    unitPrice: euro("25"),
    capacity: 60n,
    validUntil: now + 90 * DAY,
    document: offerDocument("Hot desk, per day", { service_area: "Utrecht", price_unit: "day" }),
  });
  net.log(`offer #${desk}: bob's co-working desk — 25 dEUR a day, 60 desk-days over the next 90 days`);
  const room = await list(net, bob, "meeting_room", "bob's meeting room", {
    unitPrice: parseEther("0.02"),
    capacity: 40n,
    document: offerDocument("Meeting room, per hour", { service_area: "Utrecht", price_unit: "hour" }),
  });
  await net.as(bob).market.pauseOffer({ offerId: room });
  net.log(`offer #${room}: bob's meeting room — 0.02 ETH an hour, paused while it is being renovated`);
  const dataset = await list(net, carol, "dataset", "carol's city mobility dataset", {
    unitPrice: parseEther("0.01"),
    capacity: 100n,
    document: offerDocument("City mobility dataset, monthly subscription", { price_unit: "month" }),
  });
  net.log(`offer #${dataset}: carol's city mobility dataset — 0.01 ETH a month, 100 subscriptions`);

  // One open request, answered by Alice: Dave accepts (or not) in the dApp.
  const { requestId } = await net.as(dave).market.postRequest({
    class: "courier_service",
    token,
    quantity: 3,
    maxUnitPrice: euro("9"),
    deadline: now + 7 * DAY,
    description: "three parcels from the station to the office",
  });
  await net.as(alice).market.answerRequest({ requestId, offerId: courier });
  net.log(
    `request #${requestId}: dave needs 3 parcels delivered (at most 9 dEUR each, within 7 days); alice answered with offer #${courier}`,
  );

  // Bookings in several states. Booking approves the dEUR and consents to the offer's data request by itself.
  const deliveries = await net.as(eve).market.book({ offerId: courier, quantity: 2 });
  await net.as(alice).market.acceptBooking(deliveries);
  net.log(
    `booking #${deliveries.bookingId}: eve booked 2 parcels from alice (15 dEUR in escrow) and shared her delivery address; alice accepted`,
  );

  const desks = await net.as(dave).market.book({ offerId: desk, quantity: 5 });
  await net.as(bob).market.acceptBooking(desks);
  await net.as(bob).market.markDelivered(desks);
  await net.as(dave).market.completeBooking(desks);
  const [credit] = await net.weconet.reads.credits(addressOf(bob));
  net.log(
    `booking #${desks.bookingId}: dave's 5 desk-days, completed — bob may withdraw ${formatUnits(credit?.amount ?? 0n, 18)} dEUR (after the network fee)`,
  );

  const subscription = await net.as(eve).market.book({ offerId: dataset, quantity: 1 });
  await net.as(carol).market.acceptBooking(subscription);
  await net.as(carol).market.markDelivered(subscription);
  await net.as(eve).market.openDispute({
    bookingId: subscription.bookingId,
    statement: DEMO_DISPUTES.dataset.statement,
  });
  net.log(
    `booking #${subscription.bookingId}: eve's dataset subscription, disputed — waiting for a network leader to rule`,
  );

  const waiting = await net.as(dave).market.book({ offerId: dataset, quantity: 1 });
  net.log(
    `booking #${waiting.bookingId}: dave's dataset subscription, booked — waiting for carol to accept or decline`,
  );

  const ruled = await net.as(eve).market.book({ offerId: desk, quantity: 2 });
  await net.as(bob).market.acceptBooking(ruled);
  await net.as(eve).market.openDispute({ bookingId: ruled.bookingId, statement: DEMO_DISPUTES.desk.statement });
  await net.as(lena).market.ruleDispute({
    bookingId: ruled.bookingId,
    refund: euro("25"),
    ruling: DEMO_DISPUTES.desk.ruling,
  });
  net.log(`booking #${ruled.bookingId}: eve's 2 desk-days, disputed and ruled by leader lena — 25 dEUR back to eve`);
}

/**
 * Lists an offer for `provider`'s active resource of class `className` (registering one if they have none) and
 * publishes its document.
 */
async function list(
  net: DemoNetwork,
  provider: Person,
  className: string,
  resourceLabel: string,
  terms: {
    token?: Address;
    unitPrice: bigint;
    capacity: bigint;
    validUntil?: number;
    document: string;
    dataRequest?: DataRequestInput;
  },
): Promise<bigint> {
  const sdk = net.as(provider);
  const classId = await net.weconet.reads.attributeId(className);
  const owned = (await net.weconet.reads.resources({ owner: addressOf(provider), activeOnly: true })).items;
  let resourceId = owned.find((r) => r.classId === classId)?.id;
  if (resourceId === undefined) {
    ({ resourceId } = await sdk.resources.register({ resourceClass: classId, metadata: resourceLabel }));
    net.log(`resource: ${resourceLabel} (registered for the market)`);
  }
  const { offerId } = await sdk.market.listOffer({ resourceId, token: terms.token ?? ETH, ...terms });
  net.publish(terms.document);
  return offerId;
}
