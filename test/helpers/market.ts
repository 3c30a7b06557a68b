import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import { id, ZeroAddress, ZeroHash } from "ethers";

import {
  FeeOnTransferToken__factory,
  ReentrantToken__factory,
  TestToken__factory,
  type FeeOnTransferToken,
  type Market,
  type ReentrantToken,
  type TestToken,
} from "../../typechain-types/index.js";
import { enumBigInts, NUMBERS } from "@weconet/sdk";

import { deployWeconet, nth, type Weconet } from "./deployment.js";
import { networkHelpers } from "./network.js";

/** Native ETH, as the market names it (the zero address). */
export const ETH = ZeroAddress;
export const DAY = 86_400;

/** `Market.OfferStatus`, `Market.RequestStatus`, `Market.BookingStatus` (from the build's vocabulary). */
export const OfferStatus = enumBigInts("Market.OfferStatus");
export const RequestStatus = enumBigInts("Market.RequestStatus");
export const BookingStatus = enumBigInts("Market.BookingStatus");

/** `Market.MEMBERS_DECISION_TIME`: VotingBounds.MAX_DECISION_TIME, the longest a members' vote can take. */
export const MEMBERS_DECISION_TIME = Number(NUMBERS.Market.MEMBERS_DECISION_TIME);

export type OfferTerms = Market.OfferTermsStruct;
export type DataRequest = Market.DataRequestStruct;
export type RequestTerms = Market.RequestTermsStruct;

/** An offer without a data connection. */
export const NO_DATA: DataRequest = { attributeIds: [], purpose: ZeroHash, duration: 0 };

/** The content hash of a document (an offer, a request, a statement, a ruling) in the tests. */
export function doc(label: string): string {
  return id(`document:${label}`);
}

/**
 * A deployed network (the real Ignition module) with a market cast: Alice offers a courier service and Bob
 * desks (each a registered resource), Carol and Dave consume, two leaders rule; a well-behaved ERC-20 funds the
 * consumers.
 */
export interface MarketNetwork {
  w: Weconet;
  market: Market;
  token: TestToken;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  dave: HardhatEthersSigner;
  leader: HardhatEthersSigner;
  otherLeader: HardhatEthersSigner;
  treasury: string;
  classes: { courier: bigint; desk: bigint; dataset: bigint };
  resources: { courier: bigint; desk: bigint };
  /** The delivery address: a person attribute a courier booking may ask for. */
  deliveryAddress: bigint;
  phone: bigint;
  fee: bigint;
  disputeWindow: number;
}

export async function deployMarketNetwork(): Promise<MarketNetwork> {
  const w = await deployWeconet();
  const [alice, bob, carol] = [0, 1, 2].map((i) => nth(w.members, i)) as [
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
  ];
  const dave = w.developer;
  const classes = {
    courier: await w.taxonomy.attributeId("courier_service"),
    desk: await w.taxonomy.attributeId("desk"),
    dataset: await w.taxonomy.attributeId("dataset"),
  };
  const courier = await registerResource(w, alice, classes.courier, "alice's courier service");
  const desk = await registerResource(w, bob, classes.desk, "bob's desks");
  const token = await new TestToken__factory(w.deployer).deploy();
  for (const consumer of [carol, dave, alice, bob]) await token.mint(consumer.address, 10n ** 24n);
  return {
    w,
    market: w.market,
    token,
    alice,
    bob,
    carol,
    dave,
    leader: nth(w.leaders, 0),
    otherLeader: nth(w.leaders, 1),
    treasury: await w.timelock.getAddress(),
    classes,
    resources: { courier, desk },
    deliveryAddress: await w.taxonomy.attributeId("delivery_address"),
    phone: await w.taxonomy.attributeId("phone"),
    fee: await w.networkRules.marketFeeBps(),
    disputeWindow: Number(await w.networkRules.disputeWindow()),
  };
}

/** Registers a resource of `classId` for `owner` and returns its id. */
export async function registerResource(
  w: Weconet,
  owner: HardhatEthersSigner,
  classId: bigint,
  label: string,
): Promise<bigint> {
  const id = await w.resources.connect(owner).register.staticCall(classId, doc(label));
  await (await w.resources.connect(owner).register(classId, doc(label))).wait();
  return id;
}

/** Offer terms for Alice's courier service at 0.01 ETH a delivery, 10 deliveries, open-ended; override any. */
export function courierTerms(n: MarketNetwork, overrides: Partial<OfferTerms> = {}): OfferTerms {
  return {
    classId: n.classes.courier,
    token: ETH,
    unitPrice: 10n ** 16n,
    capacity: 10n,
    validFrom: 0,
    validUntil: 0,
    metadata: doc("courier offer"),
    ...overrides,
  };
}

/** The data request of a courier offer: the consumer's delivery address for two days. */
export function deliveryData(n: MarketNetwork, overrides: Partial<DataRequest> = {}): DataRequest {
  return { attributeIds: [n.deliveryAddress], purpose: id("purpose:delivery"), duration: 2 * DAY, ...overrides };
}

/** Lists an offer as `provider` for `resourceId` and returns its id. */
export async function listOffer(
  n: MarketNetwork,
  provider: HardhatEthersSigner,
  resourceId: bigint,
  terms: OfferTerms,
  data: DataRequest = NO_DATA,
): Promise<bigint> {
  const offerId = await n.market.connect(provider).listOffer.staticCall(resourceId, terms, data);
  await (await n.market.connect(provider).listOffer(resourceId, terms, data)).wait();
  return offerId;
}

/** Alice's courier offer (ETH unless `terms` says otherwise), optionally with a data request. */
export async function listCourier(
  n: MarketNetwork,
  terms: Partial<OfferTerms> = {},
  data: DataRequest = NO_DATA,
): Promise<bigint> {
  return listOffer(n, n.alice, n.resources.courier, courierTerms(n, terms), data);
}

/** What booking `quantity` units of offer `offerId` costs now, in the offer's token. */
export async function priceOf(n: MarketNetwork, offerId: bigint, quantity: bigint): Promise<bigint> {
  return (await n.market.offer(offerId)).unitPrice * quantity;
}

/**
 * Sends a booking as `consumer`: pays in ETH (as value) or approves the ERC-20 first; `consent` defaults to
 * none. Returns the transaction (to assert on) — see {@link book} for the id.
 */
export async function sendBooking(
  n: MarketNetwork,
  consumer: HardhatEthersSigner,
  offerId: bigint,
  quantity: bigint,
  consent: DataRequest = NO_DATA,
): Promise<ContractTransactionResponse> {
  const offer = await n.market.offer(offerId);
  const amount = offer.unitPrice * quantity;
  if (offer.token === ETH) {
    return n.market.connect(consumer).book(offerId, offer.version, quantity, consent, { value: amount });
  }
  await approve(n, consumer, offer.token, amount);
  return n.market.connect(consumer).book(offerId, offer.version, quantity, consent);
}

/** Books and returns the booking id. */
export async function book(
  n: MarketNetwork,
  consumer: HardhatEthersSigner,
  offerId: bigint,
  quantity: bigint = 1n,
  consent: DataRequest = NO_DATA,
): Promise<bigint> {
  const next = (await n.market.bookingCount()) + 1n;
  await (await sendBooking(n, consumer, offerId, quantity, consent)).wait();
  return next;
}

/** Approves the market for `amount` of the ERC-20 `token` as `owner`. */
export async function approve(
  n: MarketNetwork,
  owner: HardhatEthersSigner,
  token: string,
  amount: bigint,
): Promise<void> {
  const erc20 = TestToken__factory.connect(token, owner);
  await (await erc20.approve(await n.market.getAddress(), amount)).wait();
}

/** Books, has the provider accept, and returns the booking id. */
export async function acceptedBooking(
  n: MarketNetwork,
  offerId: bigint,
  consumer: HardhatEthersSigner = n.carol,
  quantity: bigint = 1n,
  consent: DataRequest = NO_DATA,
): Promise<bigint> {
  const bookingId = await book(n, consumer, offerId, quantity, consent);
  const provider = (await n.market.offer(offerId)).provider;
  await (await n.market.connect(await signerOf(n, provider)).acceptBooking(bookingId)).wait();
  return bookingId;
}

/** A disputed booking of Alice's courier offer (Carol books, Alice accepts, Carol disputes). */
export async function disputedBooking(n: MarketNetwork, offerId: bigint, quantity: bigint = 1n): Promise<bigint> {
  const bookingId = await acceptedBooking(n, offerId, n.carol, quantity);
  await (await n.market.connect(n.carol).openDispute(bookingId, doc("late"))).wait();
  return bookingId;
}

async function signerOf(n: MarketNetwork, address: string): Promise<HardhatEthersSigner> {
  for (const signer of [n.alice, n.bob, n.carol, n.dave, n.leader, n.otherLeader]) {
    if (signer.address === address) return signer;
  }
  throw new Error(`test setup: no signer for ${address}`);
}

/** Request terms: Carol needs 2 courier deliveries in ETH at most 0.02 ETH each within a week. */
export async function courierRequest(n: MarketNetwork, overrides: Partial<RequestTerms> = {}): Promise<RequestTerms> {
  return {
    classId: n.classes.courier,
    token: ETH,
    quantity: 2n,
    maxUnitPrice: 2n * 10n ** 16n,
    deadline: (await networkHelpers.time.latest()) + 7 * DAY,
    metadata: doc("two parcels to the station"),
    ...overrides,
  };
}

/** Deploys the misbehaving tokens the tests pit against the market. */
export async function deployHostileTokens(
  n: MarketNetwork,
): Promise<{ feeOnTransfer: FeeOnTransferToken; reentrant: ReentrantToken }> {
  const feeOnTransfer = await new FeeOnTransferToken__factory(n.w.deployer).deploy();
  const reentrant = await new ReentrantToken__factory(n.w.deployer).deploy();
  for (const holder of [n.carol, n.dave]) {
    await feeOnTransfer.mint(holder.address, 10n ** 24n);
    await reentrant.mint(holder.address, 10n ** 24n);
  }
  return { feeOnTransfer, reentrant };
}

/** The network fee on `payment` at `bps`, rounded down as the contract does. */
export function feeOf(payment: bigint, bps: bigint): bigint {
  return (payment * bps) / 10_000n;
}
