import { getAddress, keccak256, stringToHex, zeroAddress, zeroHash, type Address } from "viem";

import { send, type DataRequestInput } from "@weconet/sdk";

import { ethers, networkHelpers } from "../../test/helpers/network.js";
import { Market__factory, TestToken__factory } from "../../typechain-types/index.js";
import { ORIGIN, PUBLISHED } from "../anchors/published.js";
import { deployBenchNetwork, gasOf, type BenchNetwork, type Measurement, type Scenario } from "../lib.js";

const ETH = zeroAddress;
const DAY = 86_400;
const PRICE = 10n ** 16n;
const NO_DATA = { attributeIds: [] as number[], purpose: zeroHash, duration: 0 };

/** Origin Protocol's published figure for `operation` (bench/anchors/published.ts). */
function origin(operation: string): bigint {
  const figure = PUBLISHED.find((p) => p.domain === ORIGIN && p.operation === operation);
  if (figure === undefined) throw new Error(`bench: no published Origin figure for ${operation}`);
  return figure.gas;
}

/** The content hash of a benchmark offer's document. */
const documentOf = (label: string) => keccak256(stringToHex(`bench offer: ${label}`));

/** The market's cast on the shared network, and what the benchmark has put on the market so far. */
interface MarketCast {
  alice: Address;
  bob: Address;
  carol: Address;
  /** The consumers whose bookings populate the market. */
  consumers: [Address, Address];
  resources: { alice: bigint; bob: bigint };
  courier: number;
  token: Address;
  offers: { id: bigint; inToken: boolean }[];
  bookings: number;
  requests: number;
}

let cast: MarketCast | undefined;
let network: BenchNetwork | undefined;

/**
 * The market's own network, deployed on first use: its founders are enough people, and keeping the market's
 * resources and tokens off the shared network leaves the other scenarios' figures as they were (the first
 * resource ever registered there writes a fresh counter slot).
 */
async function marketNetwork(): Promise<BenchNetwork> {
  network ??= await deployBenchNetwork();
  return network;
}

/** Alice's and Bob's courier resources and an ERC-20 every consumer has and has approved, set up once. */
async function castOf(net: BenchNetwork): Promise<MarketCast> {
  if (cast !== undefined) return cast;
  const { sdk, founders } = net;
  const [alice, bob, carol] = founders.members;
  const courier = await sdk.reader.reads.attributeId("courier_service");
  const register = async (owner: Address, label: string) =>
    (await sdk.as(owner).resources.register({ resourceClass: courier, metadata: label })).resourceId;
  const resources = { alice: await register(alice, "alice's bikes"), bob: await register(bob, "bob's bikes") };
  // The payment token is not Weconet's: it is set up with ethers, as any ERC-20 would be.
  const deployer = await ethers.getSigner(founders.manager);
  const erc20 = await new TestToken__factory(deployer).deploy();
  const token = getAddress(await erc20.getAddress());
  const market = sdk.reader.deployment.contracts.market;
  for (const holder of [carol, founders.developer, founders.manager]) {
    await (await erc20.mint(holder, 10n ** 24n)).wait();
    await (await erc20.connect(await ethers.getSigner(holder)).approve(market, 2n ** 255n)).wait();
  }
  cast = {
    alice,
    bob,
    carol,
    consumers: [founders.developer, founders.manager],
    resources,
    courier,
    token,
    offers: [],
    bookings: 0,
    requests: 0,
  };
  return cast;
}

/**
 * Grows the market to `scale` offers (Alice's and Bob's, half in ETH, half in an ERC-20), `scale` bookings on
 * them by two consumers, and `scale / 10` requests, so that every operation below is measured against a populated
 * contract.
 */
async function populate(net: BenchNetwork, scale: number): Promise<void> {
  const c = await castOf(net);
  const { sdk } = net;
  for (let i = c.offers.length; i < scale; i++) {
    const [provider, resourceId] = i % 2 === 0 ? [c.alice, c.resources.alice] : [c.bob, c.resources.bob];
    const inToken = i % 4 >= 2;
    const { offerId } = await sdk.as(provider).market.listOffer({
      resourceId,
      class: c.courier,
      token: inToken ? c.token : ETH,
      unitPrice: PRICE,
      capacity: 1_000n,
      document: documentOf(`${i}`),
    });
    c.offers.push({ id: offerId, inToken });
  }
  // Bookings of known offers at version 0 without data: the SDK's plain send, not the reading `book` action.
  for (; c.bookings < scale; c.bookings++) {
    const consumer = c.consumers[c.bookings % 2] ?? c.alice;
    const offer = c.offers[c.bookings % c.offers.length];
    if (offer === undefined) throw new Error("bench: no offers to book");
    await send(sdk.as(consumer).context, "market", "book", [offer.id, 0, 1n, NO_DATA], {
      ...(offer.inToken ? {} : { value: PRICE }),
    });
  }
  const deadline = (await networkHelpers.time.latest()) + 365 * DAY;
  for (; c.requests < Math.max(1, Math.floor(scale / 10)); c.requests++) {
    const consumer = c.consumers[c.requests % 2] ?? c.alice;
    await sdk.as(consumer).market.postRequest({
      class: c.courier,
      quantity: 1,
      maxUnitPrice: PRICE,
      deadline,
      description: keccak256(stringToHex(`need ${c.requests}`)),
    });
  }
}

/**
 * The market: what providers, consumers and leaders do, measured with `scale` existing offers and `scale`
 * existing bookings, each operation sent through the SDK. Fails the run if listing or booking with escrow costs as
 * much as Origin Protocol's published `createListing` or `makeOffer`.
 */
export const marketScenario: Scenario = {
  domain: "market",
  async grow(scale: number): Promise<void> {
    await populate(await marketNetwork(), scale);
  },
  async measure(scale: number): Promise<Measurement[]> {
    const net = await marketNetwork();
    const c = await castOf(net);
    const { sdk } = net;
    const rows: Measurement[] = [];
    const record = (operation: string, gas: bigint) => rows.push({ domain: "market", operation, scale, gas });
    const data: DataRequestInput = {
      attributes: ["delivery_address"],
      purpose: keccak256(stringToHex("purpose:delivery")),
      duration: 2 * DAY,
    };
    const p = sdk.as(c.alice).market;
    const consumer = sdk.as(c.carol).market;
    const list = (label: string, token: Address, dataRequest?: DataRequestInput) =>
      p.listOffer({
        resourceId: c.resources.alice,
        class: c.courier,
        token,
        unitPrice: PRICE,
        capacity: 1_000n,
        document: documentOf(label),
        ...(dataRequest === undefined ? {} : { dataRequest }),
      });

    // Offers: list (ETH, ERC-20, with a data request), maintain in place.
    const listed = await list("measured", ETH);
    record("list offer", await gasOf(listed));
    const offerId = listed.offerId;
    const inToken = await list("token", c.token);
    record("list offer (ERC-20)", await gasOf(inToken));
    const withData = await list("data", ETH, data);
    record("list offer (with data request)", await gasOf(withData));
    record("update offer", await gasOf(p.updateOffer({ offerId, document: documentOf("measured v1") })));
    record("pause offer", await gasOf(p.pauseOffer({ offerId })));
    record("resume offer", await gasOf(p.resumeOffer({ offerId })));

    // Bookings: with escrow in ETH, in an ERC-20, and with a data connection.
    const booked = await consumer.book({ offerId, quantity: 1 });
    record("book (ETH escrow)", await gasOf(booked));
    const bookedInToken = await consumer.book({ offerId: inToken.offerId, quantity: 1 });
    record("book (ERC-20 escrow)", await gasOf(bookedInToken));
    const bookedWithData = await consumer.book({ offerId: withData.offerId, quantity: 1 });
    record("book (ETH escrow, opens data connection)", await gasOf(bookedWithData));

    // The provider answers bookings; the consumer completes, cancels, disputes; a leader rules.
    record("accept booking", await gasOf(p.acceptBooking(booked)));
    record("mark delivered", await gasOf(p.markDelivered(booked)));
    record("complete booking", await gasOf(consumer.completeBooking(booked)));
    await p.acceptBooking(bookedWithData);
    record("complete booking (closes data connection)", await gasOf(consumer.completeBooking(bookedWithData)));
    await p.acceptBooking(bookedInToken);
    record("complete booking (ERC-20)", await gasOf(consumer.completeBooking(bookedInToken)));

    const declined = await consumer.book({ offerId, quantity: 2 });
    record("decline booking", await gasOf(p.declineBooking(declined)));
    const cancelled = await consumer.book({ offerId, quantity: 2 });
    record("cancel booking", await gasOf(consumer.cancelBooking(cancelled)));

    const claimed = await consumer.book({ offerId, quantity: 1 });
    await p.acceptBooking(claimed);
    await p.markDelivered(claimed);
    await networkHelpers.time.increase(Number(await sdk.reader.contracts.networkRules.read.disputeWindow()));
    record("claim payment", await gasOf(p.claimPayment(claimed)));

    const disputed = await consumer.book({ offerId, quantity: 1 });
    await p.acceptBooking(disputed);
    record(
      "open dispute",
      await gasOf(
        consumer.openDispute({
          bookingId: disputed.bookingId,
          statement: keccak256(stringToHex("statement: parcel lost")),
        }),
      ),
    );
    record(
      "rule dispute",
      await gasOf(
        sdk.as(net.founders.leaders[0]).market.ruleDispute({
          bookingId: disputed.bookingId,
          refund: PRICE / 2n,
          ruling: keccak256(stringToHex("ruling: half back")),
        }),
      ),
    );

    // Disputes always end: the members' vote rules after the leaders' ruling period (measured as the timelock's own
    // call, which a proposal's execution makes), and past the final deadline anyone settles by a full refund.
    const ruledByMembers = await consumer.book({ offerId, quantity: 1 });
    await p.acceptBooking(ruledByMembers);
    await consumer.openDispute({
      bookingId: ruledByMembers.bookingId,
      statement: keccak256(stringToHex("statement: late")),
    });
    const stored = await sdk.reader.contracts.market.read.booking([ruledByMembers.bookingId]);
    await networkHelpers.time.increase(stored.rulingPeriod);
    const timelock = sdk.reader.deployment.contracts.timelock;
    await networkHelpers.impersonateAccount(timelock);
    await networkHelpers.setBalance(timelock, 10n ** 18n);
    const timelockSigner = await ethers.getSigner(timelock);
    const market = Market__factory.connect(sdk.reader.deployment.contracts.market, timelockSigner);
    record(
      "rule dispute (members' vote, the timelock's call)",
      await gasOf(market.ruleDispute(ruledByMembers.bookingId, PRICE, keccak256(stringToHex("ruling: members")))),
    );
    await networkHelpers.stopImpersonatingAccount(timelock);
    const defaulted = await consumer.book({ offerId, quantity: 1 });
    await p.acceptBooking(defaulted);
    await consumer.openDispute({
      bookingId: defaulted.bookingId,
      statement: keccak256(stringToHex("statement: lost")),
    });
    const expiring = await sdk.reader.contracts.market.read.booking([defaulted.bookingId]);
    const decisionTime = await sdk.reader.contracts.market.read.MEMBERS_DECISION_TIME();
    await networkHelpers.time.increase(BigInt(expiring.rulingPeriod) + decisionTime);
    record(
      "settle expired dispute (full refund)",
      await gasOf(sdk.as(c.bob).market.settleExpiredDispute({ bookingId: defaulted.bookingId })),
    );

    // Requests: post, answer, accept (which books with escrow).
    const deadline = (await networkHelpers.time.latest()) + 7 * DAY;
    const post = (quantity: number, need: string) =>
      consumer.postRequest({
        class: c.courier,
        quantity,
        maxUnitPrice: PRICE,
        deadline,
        description: keccak256(stringToHex(need)),
      });
    const posted = await post(2, "two parcels");
    record("post request", await gasOf(posted));
    const { requestId } = posted;
    record("answer request", await gasOf(p.answerRequest({ requestId, offerId })));
    record("accept answer (books, ETH escrow)", await gasOf(consumer.acceptAnswer({ requestId, offerId })));
    const never = await post(1, "never mind");
    record("cancel request", await gasOf(consumer.cancelRequest(never)));

    // Money out: everyone pulls.
    record("withdraw (ETH)", await gasOf(p.withdraw({ token: ETH })));
    record("withdraw (ERC-20)", await gasOf(p.withdraw({ token: c.token })));
    record("withdraw fees to the treasury (ETH)", await gasOf(sdk.as(c.bob).market.withdrawFees({ token: ETH })));
    record("close offer", await gasOf(p.closeOffer({ offerId })));

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
