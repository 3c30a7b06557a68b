import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import { formatUnits, id, parseEther, parseUnits, ZeroAddress, ZeroHash } from "ethers";

import DemoEuroModule from "../../deploy/demo/DemoEuro.js";
import { DemoEuro__factory, type Market } from "../../typechain-types/index.js";
import type { DemoNetwork } from "./network.js";

const DAY = 86_400;
const ETH = ZeroAddress;
const NO_DATA: Market.DataRequestStruct = { attributeIds: [], purpose: ZeroHash, duration: 0 };

/** An amount of play-money euros (18 decimals, like the token). */
function euro(amount: string): bigint {
  return parseUnits(amount, 18);
}

/** The content hash of an off-chain document (an offer's description, a statement): the chain sees only this. */
function document(label: string): string {
  return id(`weconet-demo-document:${label}`);
}

/** A purpose code: the hash of a short label, never personal text (as in the access demo). */
function purpose(label: string): string {
  return id(`purpose:${label}`);
}

async function sent(tx: Promise<ContractTransactionResponse>): Promise<void> {
  const receipt = await (await tx).wait();
  if (receipt === null || receipt.status !== 1) throw new Error("demo: a market transaction failed");
}

/**
 * The market on the demo network (after the core seeding registered Alice's, Bob's and Carol's resources and the
 * access demo opened its connections):
 * - DemoEuro, a play-money ERC-20 with a faucet, deployed by its own demo-only module; Dave and Eve claim some;
 * - offers: Alice's bike courier service (in dEUR, asking for the consumer's delivery address for the delivery),
 *   Bob's co-working desks (dEUR, for the next 90 days), Bob's meeting room (paused), Carol's dataset
 *   subscription (ETH);
 * - one open request: Dave needs three parcels delivered; Alice has answered it with her courier offer;
 * - bookings in several states: Eve's deliveries accepted (Alice may read Eve's delivery address meanwhile),
 *   Dave's desk days completed, Eve's dataset subscription disputed, Dave's subscription awaiting Carol, Eve's
 *   desk days ruled on by leader Lena.
 */
export async function seedMarketDemo(net: DemoNetwork): Promise<void> {
  const { market, taxonomy } = net.contracts;
  const { alice, bob, carol, dave, eve } = net.people.members;
  const { lena } = net.people.leaders;

  const { demoEuro: deployed } = await net.ignition.deploy(DemoEuroModule);
  const dEUR = DemoEuro__factory.connect(await deployed.getAddress(), net.people.deployer);
  const token = await dEUR.getAddress();
  net.log(`DemoEuro (dEUR): play-money ERC-20 with a faucet, for the demo only — ${token}`);
  for (const person of [dave, eve]) await sent(dEUR.connect(person).claim());
  net.log("faucet: dave and eve claimed 1,000 dEUR each");

  // Offers, each for one of the provider's resources.
  const courier = await list(net, alice, "courier_service", "alice's bike courier service", {
    terms: {
      token,
      unitPrice: euro("7.50"),
      capacity: 200n,
      validUntil: 0,
      about: "same-day bike courier, per parcel",
    },
    data: {
      attributeIds: [await taxonomy.attributeId("delivery_address")],
      purpose: purpose("delivery"),
      duration: 3 * DAY,
    },
  });
  net.log(
    `offer #${courier}: alice's bike courier — 7.50 dEUR a parcel, 200 parcels; a booking shares the consumer's delivery address for 3 days`,
  );
  const now = Number(await net.contracts.membership.clock());
  const desk = await list(net, bob, "desk", "bob's co-working desks", {
    terms: { token, unitPrice: euro("25"), capacity: 60n, validUntil: now + 90 * DAY, about: "hot desk, per day" },
  });
  net.log(`offer #${desk}: bob's co-working desk — 25 dEUR a day, 60 desk-days over the next 90 days`);
  const room = await list(net, bob, "meeting_room", "bob's meeting room", {
    terms: { token: ETH, unitPrice: parseEther("0.02"), capacity: 40n, validUntil: 0, about: "meeting room, per hour" },
  });
  await sent(market.connect(bob).pauseOffer(room));
  net.log(`offer #${room}: bob's meeting room — 0.02 ETH an hour, paused while it is being renovated`);
  const dataset = await list(net, carol, "dataset", "carol's city mobility dataset", {
    terms: {
      token: ETH,
      unitPrice: parseEther("0.01"),
      capacity: 100n,
      validUntil: 0,
      about: "city mobility dataset, monthly subscription",
    },
  });
  net.log(`offer #${dataset}: carol's city mobility dataset — 0.01 ETH a month, 100 subscriptions`);

  // One open request, answered by Alice: Dave accepts (or not) in the dApp.
  const courierClass = await taxonomy.attributeId("courier_service");
  await sent(
    market.connect(dave).postRequest({
      classId: courierClass,
      token,
      quantity: 3n,
      maxUnitPrice: euro("9"),
      deadline: now + 7 * DAY,
      metadata: document("three parcels from the station to the office"),
    }),
  );
  const requestId = await market.requestCount();
  await sent(market.connect(alice).answerRequest(requestId, courier));
  net.log(
    `request #${requestId}: dave needs 3 parcels delivered (at most 9 dEUR each, within 7 days); alice answered with offer #${courier}`,
  );

  // Bookings in several states.
  const delivery = await book(net, eve, courier, 2n, token, {
    attributeIds: [await taxonomy.attributeId("delivery_address")],
    purpose: purpose("delivery"),
    duration: 3 * DAY,
  });
  await sent(market.connect(alice).acceptBooking(delivery));
  net.log(
    `booking #${delivery}: eve booked 2 parcels from alice (15 dEUR in escrow) and shared her delivery address; alice accepted`,
  );

  const desks = await book(net, dave, desk, 5n, token);
  await sent(market.connect(bob).acceptBooking(desks));
  await sent(market.connect(bob).markDelivered(desks));
  await sent(market.connect(dave).completeBooking(desks));
  const bobCredit = await market.balanceOf(bob.address, token);
  net.log(
    `booking #${desks}: dave's 5 desk-days, completed — bob may withdraw ${formatUnits(bobCredit, 18)} dEUR (after the network fee)`,
  );

  const subscription = await book(net, eve, dataset, 1n, ETH);
  await sent(market.connect(carol).acceptBooking(subscription));
  await sent(market.connect(carol).markDelivered(subscription));
  await sent(market.connect(eve).openDispute(subscription, document("eve: the March files are missing")));
  net.log(`booking #${subscription}: eve's dataset subscription, disputed — waiting for a network leader to rule`);

  const waiting = await book(net, dave, dataset, 1n, ETH);
  net.log(`booking #${waiting}: dave's dataset subscription, booked — waiting for carol to accept or decline`);

  const ruled = await book(net, eve, desk, 2n, token);
  await sent(market.connect(bob).acceptBooking(ruled));
  await sent(market.connect(eve).openDispute(ruled, document("eve: the desk had no working screen")));
  await sent(market.connect(lena).ruleDispute(ruled, euro("25"), document("lena: one of two days refunded")));
  net.log(`booking #${ruled}: eve's 2 desk-days, disputed and ruled by leader lena — 25 dEUR back to eve`);
}

interface OfferSpec {
  terms: { token: string; unitPrice: bigint; capacity: bigint; validUntil: number; about: string };
  data?: Market.DataRequestStruct;
}

/** Lists an offer for `provider`'s resource of class `className` (registering one if they have none). */
async function list(
  net: DemoNetwork,
  provider: HardhatEthersSigner,
  className: string,
  resourceLabel: string,
  spec: OfferSpec,
): Promise<bigint> {
  const { market, taxonomy } = net.contracts;
  const classId = await taxonomy.attributeId(className);
  const resourceId = await resourceOf(net, provider, classId, resourceLabel);
  const { token, unitPrice, capacity, validUntil, about } = spec.terms;
  const terms = { classId, token, unitPrice, capacity, validFrom: 0, validUntil, metadata: document(about) };
  await sent(market.connect(provider).listOffer(resourceId, terms, spec.data ?? NO_DATA));
  return market.offerCount();
}

/** `owner`'s active resource of class `classId`, found in the Resources contract's events; registered if absent. */
async function resourceOf(
  net: DemoNetwork,
  owner: HardhatEthersSigner,
  classId: bigint,
  label: string,
): Promise<bigint> {
  const { resources } = net.contracts;
  const registered = await resources.queryFilter(resources.filters.ResourceRegistered(undefined, owner.address));
  for (const event of registered) {
    const resource = await resources.resource(event.args.id);
    if (resource.active && resource.classId === classId) return event.args.id;
  }
  await sent(resources.connect(owner).register(classId, document(label)));
  const id = await resources.resourceCount();
  net.log(`resource: ${label} (registered for the market)`);
  return id;
}

/** Books `quantity` units as `consumer`, paying in ETH or approving the dEUR first; returns the booking id. */
async function book(
  net: DemoNetwork,
  consumer: HardhatEthersSigner,
  offerId: bigint,
  quantity: bigint,
  token: string,
  consent: Market.DataRequestStruct = NO_DATA,
): Promise<bigint> {
  const { market } = net.contracts;
  const offer = await market.offer(offerId);
  const amount = offer.unitPrice * quantity;
  if (token === ETH) {
    await sent(market.connect(consumer).book(offerId, offer.version, quantity, consent, { value: amount }));
  } else {
    const erc20 = DemoEuro__factory.connect(token, consumer);
    await sent(erc20.approve(await market.getAddress(), amount));
    await sent(market.connect(consumer).book(offerId, offer.version, quantity, consent));
  }
  return market.bookingCount();
}
