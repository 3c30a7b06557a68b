import { encodeFunctionData, erc20Abi, zeroAddress, zeroHash, type Address, type Hex } from "viem";

import { abiOfKey } from "../contracts.js";
import { accountOf, chainTime, eventIn, send, sendCall, type Sent, type WeconetContext } from "../client.js";
import { toContentHash } from "../codes.js";
import { dataRequestHash } from "../digests.js";
import { purposeCode } from "../purposes.js";
import { WeconetError } from "../errors.js";
import { readOffer, type DataRequestView } from "../reads/market.js";
import { attributeIdOf, attributeSetOf } from "../reads/taxonomy.js";
import type { AttributeRef, Moment } from "./access.js";
import { describeProposal, governanceActions, type ProposalCall } from "./governance.js";
import type { ClassRef } from "./resources.js";

/** The consumer data a booking of an offer shares with its provider, for the booking's time. */
export interface DataRequestInput {
  /** Person attributes, by id or name. */
  attributes: readonly AttributeRef[];
  /** A W3C DPV purpose of `PURPOSES` ("dpv:DeliveryOfGoods") or a purpose code as 32-byte hex (see `purposeCode`). */
  purpose: Hex | string;
  /** Seconds from booking (at most the maximum grant duration); the market closes it at settlement. */
  duration: number | bigint;
}

/** An offer's terms as a provider states them. */
export interface OfferTermsInput {
  /** Its taxonomy class (a resource or offer class); by default the class of the offer's resource. */
  class?: ClassRef;
  /** The payment token: an ERC-20 address, or ETH (the default). */
  token?: Address;
  /** The price of one unit in the token's smallest unit (wei for ETH). */
  unitPrice: bigint;
  /** How many units may be booked in total. */
  capacity: bigint | number;
  /** Bookable from (default: at once) and until (exclusive; default: no end). */
  validFrom?: Moment;
  validUntil?: Moment;
  /**
   * The offer document (its attribute values, description and terms, off-chain): the text, which the SDK hashes,
   * or its 32-byte content hash. Only the hash goes on-chain, in the listing's event.
   */
  document: Hex | string;
  /** What a booking shares with the provider (nothing by default). */
  dataRequest?: DataRequestInput;
}

/** A booking made, with what it escrowed and the data connection it opened. */
export interface Booked {
  bookingId: bigint;
  amount: bigint;
  token: Address;
  /** The data connection the booking opened (0 for none). */
  connectionId: bigint;
  /** The ERC-20 approval sent first, if the allowance was short. */
  approval?: Sent;
}

const NO_DATA = { attributeIds: [] as number[], purpose: zeroHash, duration: 0 };

const seconds = (moment: Moment | undefined): number =>
  moment === undefined ? 0 : moment instanceof Date ? Math.floor(moment.getTime() / 1000) : Number(moment);

/**
 * The market: what providers (offers, answers, delivery, claims), consumers (requests, bookings, completion,
 * disputes) and leaders (rulings) do. Amounts are in the token's smallest unit; payment goes into escrow and is
 * pulled with `withdraw` once a booking is settled.
 */
export function marketActions(ctx: WeconetContext) {
  const market = () => ctx.deployment.contracts.market;

  const dataRequestOf = async (input: DataRequestInput | undefined) =>
    input === undefined
      ? NO_DATA
      : {
          attributeIds: await attributeSetOf(ctx, input.attributes),
          purpose: purposeCode(input.purpose),
          duration: Number(input.duration),
        };

  const termsOf = async (t: OfferTermsInput, classOfResource: () => Promise<number>) => ({
    classId: t.class === undefined ? await classOfResource() : await attributeIdOf(ctx, t.class),
    token: t.token ?? zeroAddress,
    unitPrice: t.unitPrice,
    capacity: BigInt(t.capacity),
    validFrom: seconds(t.validFrom),
    validUntil: seconds(t.validUntil),
    metadata: toContentHash(t.document),
  });

  /** Escrows `amount` of `token` for the market: ETH travels as value; an ERC-20 needs an allowance. */
  const pay = async (token: Address, amount: bigint): Promise<{ value?: bigint; approval?: Sent }> => {
    if (token === zeroAddress) return { value: amount };
    const allowance = await ctx.publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: "allowance",
      args: [accountOf(ctx), market()],
    });
    if (allowance >= amount) return {};
    const approval = await sendCall(ctx, {
      address: token,
      abi: erc20Abi,
      functionName: "approve",
      args: [market(), amount],
      doing: `approve the market to escrow ${amount} of token ${token}`,
    });
    return { approval };
  };

  /** The booking a receipt created. */
  const booked = (sent: Sent, approval: Sent | undefined): Sent & Booked => {
    const { args } = eventIn(ctx, sent.receipt, "market", "BookingCreated");
    return {
      ...sent,
      bookingId: args.bookingId,
      amount: args.amount,
      token: args.token,
      connectionId: args.connectionId,
      ...(approval === undefined ? {} : { approval }),
    };
  };

  /** The offer as the consumer sees it now, and the consent its data request asks for. */
  const offerToBook = async (offerId: bigint) => {
    const offer = await readOffer(ctx, offerId);
    const consent = offer.dataRequest.attributeIds.length === 0 ? NO_DATA : offer.dataRequest;
    return { offer, consent };
  };

  const step =
    (functionName: BookingStep, what: string) =>
    ({ bookingId }: { bookingId: bigint }) =>
      send(ctx, "market", functionName, [bookingId], { doing: `${what} booking ${bookingId}` });

  return {
    /**
     * Lists an offer for one of the caller's resources (switched on, from their current membership); bookable at
     * once within its validity. Returns the offer id.
     */
    listOffer: async (p: { resourceId: bigint } & OfferTermsInput): Promise<Sent & { offerId: bigint }> => {
      const terms = await termsOf(p, async () => (await ctx.contracts.resources.read.resource([p.resourceId])).classId);
      const sent = await send(ctx, "market", "listOffer", [p.resourceId, terms, await dataRequestOf(p.dataRequest)], {
        doing: `list an offer for resource ${p.resourceId}`,
      });
      return { ...sent, offerId: eventIn(ctx, sent.receipt, "market", "OfferListed").args.offerId };
    },
    /**
     * Replaces some or all of an offer's terms in place (a new version; bookings made keep their price). What is
     * not given stays as it is, the document and the data request included.
     */
    updateOffer: async (
      p: { offerId: bigint } & Partial<Omit<OfferTermsInput, "dataRequest">> & {
          dataRequest?: DataRequestInput | null;
        },
    ): Promise<Sent & { version: number }> => {
      const current = await readOffer(ctx, p.offerId);
      const terms = await termsOf(
        {
          class: p.class ?? current.classId,
          token: p.token ?? current.token,
          unitPrice: p.unitPrice ?? current.unitPrice,
          capacity: p.capacity ?? current.capacity,
          validFrom: p.validFrom ?? current.validFrom,
          validUntil: p.validUntil ?? current.validUntil,
          document: p.document ?? current.metadata,
        },
        async () => current.classId,
      );
      const dataRequest =
        p.dataRequest === undefined
          ? current.dataRequest
          : p.dataRequest === null
            ? NO_DATA
            : await dataRequestOf(p.dataRequest);
      const sent = await send(ctx, "market", "updateOffer", [p.offerId, terms, dataRequest], {
        doing: `update offer ${p.offerId}`,
      });
      return { ...sent, version: eventIn(ctx, sent.receipt, "market", "OfferUpdated").args.version };
    },
    /** Takes the caller's offer off the market until resumed. */
    pauseOffer: ({ offerId }: { offerId: bigint }) =>
      send(ctx, "market", "pauseOffer", [offerId], { doing: `pause offer ${offerId}` }),
    resumeOffer: ({ offerId }: { offerId: bigint }) =>
      send(ctx, "market", "resumeOffer", [offerId], { doing: `resume offer ${offerId}` }),
    /** Ends the caller's offer for good; bookings made run on. */
    closeOffer: ({ offerId }: { offerId: bigint }) =>
      send(ctx, "market", "closeOffer", [offerId], { doing: `close offer ${offerId}` }),

    /** Posts what the caller needs, at what price, until when (`deadline`, or `duration` seconds from now). */
    postRequest: async (p: {
      class: ClassRef;
      token?: Address;
      quantity: bigint | number;
      maxUnitPrice: bigint;
      deadline?: Moment;
      duration?: number | bigint;
      /** A description of the need (text, hashed) or its hash; optional. */
      description?: Hex | string;
    }): Promise<Sent & { requestId: bigint }> => {
      if ((p.deadline === undefined) === (p.duration === undefined)) {
        throw new WeconetError("a request needs either a deadline or a duration (seconds from now), not both");
      }
      const deadline = p.deadline !== undefined ? seconds(p.deadline) : (await chainTime(ctx)) + Number(p.duration);
      const terms = {
        classId: await attributeIdOf(ctx, p.class),
        token: p.token ?? zeroAddress,
        quantity: BigInt(p.quantity),
        maxUnitPrice: p.maxUnitPrice,
        deadline,
        metadata: p.description === undefined ? zeroHash : toContentHash(p.description),
      };
      const sent = await send(ctx, "market", "postRequest", [terms], { doing: "post a request" });
      return { ...sent, requestId: eventIn(ctx, sent.receipt, "market", "RequestPosted").args.requestId };
    },
    /** Withdraws the caller's open (or expired) request. */
    cancelRequest: ({ requestId }: { requestId: bigint }) =>
      send(ctx, "market", "cancelRequest", [requestId], { doing: `cancel request ${requestId}` }),
    /** A provider answers an open request with one of their offers (same class and token, within the price). */
    answerRequest: ({ requestId, offerId }: { requestId: bigint; offerId: bigint }) =>
      send(ctx, "market", "answerRequest", [requestId, offerId], {
        doing: `answer request ${requestId} with offer ${offerId}`,
      }),
    /**
     * The consumer accepts an answer: books the request's quantity of the offer at its current price and version,
     * consenting to its data request, paying into escrow (approving an ERC-20 first when needed).
     */
    acceptAnswer: async ({ requestId, offerId }: { requestId: bigint; offerId: bigint }): Promise<Sent & Booked> => {
      const [{ offer, consent }, request] = await Promise.all([
        offerToBook(offerId),
        ctx.contracts.market.read.request([requestId]),
      ]);
      const { value, approval } = await pay(offer.token, offer.unitPrice * request.quantity);
      const sent = await send(ctx, "market", "acceptAnswer", [requestId, offerId, offer.version, consent], {
        doing: `accept offer ${offerId} for request ${requestId}`,
        ...(value === undefined ? {} : { value }),
      });
      return booked(sent, approval);
    },

    /**
     * Books `quantity` units of an offer at the version and price it has now, consenting to its data request (read
     * from its events and checked against the market's hash), paying into escrow: ETH as value, an ERC-20 by an
     * approval first when the allowance is short. `agreed`: the data request the consumer was shown and agreed to;
     * when the offer's request is no longer that one (its provider changed it since), nothing is sent — a consumer
     * never consents to what they were not shown.
     */
    book: async ({
      offerId,
      quantity,
      agreed,
    }: {
      offerId: bigint;
      quantity: bigint | number;
      agreed?: DataRequestView;
    }): Promise<Sent & Booked> => {
      const { offer, consent } = await offerToBook(offerId);
      if (agreed !== undefined && dataRequestHash(agreed) !== dataRequestHash(offer.dataRequest)) {
        throw new WeconetError(
          `book offer ${offerId}: its data request changed since you agreed to it; read the offer again before booking.`,
        );
      }
      const units = BigInt(quantity);
      const { value, approval } = await pay(offer.token, offer.unitPrice * units);
      const sent = await send(ctx, "market", "book", [offerId, offer.version, units, consent], {
        doing: `book ${units} unit(s) of offer ${offerId}`,
        ...(value === undefined ? {} : { value }),
      });
      return booked(sent, approval);
    },
    /** The provider accepts a booking: commits to deliver. */
    acceptBooking: step("acceptBooking", "accept"),
    /** The provider declines a booking: full refund, the units return to the offer. */
    declineBooking: step("declineBooking", "decline"),
    /** The consumer cancels a booking the provider has not accepted: full refund. */
    cancelBooking: step("cancelBooking", "cancel"),
    /** The provider marks a booking delivered: the dispute window starts. */
    markDelivered: step("markDelivered", "mark delivered"),
    /** The consumer completes a booking: the payment (minus the network fee) is credited to the provider. */
    completeBooking: step("completeBooking", "complete"),
    /** The provider claims the payment of a delivered booking once its dispute window has passed. */
    claimPayment: step("claimPayment", "claim the payment of"),
    /** Either party opens a dispute, stated in an off-chain document (its text, hashed, or its hash). */
    openDispute: ({ bookingId, statement }: { bookingId: bigint; statement: Hex | string }) =>
      send(ctx, "market", "openDispute", [bookingId, toContentHash(statement)], {
        doing: `open a dispute over booking ${bookingId}`,
      }),
    /**
     * A leader who is neither party rules: `refund` (0 to the whole escrow) goes back to the consumer, the rest
     * (minus the fee) to the provider; the reasoned ruling is an off-chain document (its text, hashed, or hash).
     */
    ruleDispute: ({ bookingId, refund, ruling }: { bookingId: bigint; refund: bigint; ruling: Hex | string }) =>
      send(ctx, "market", "ruleDispute", [bookingId, refund, toContentHash(ruling)], {
        doing: `rule on booking ${bookingId}`,
      }),
    /**
     * Proposes that the members' vote rule on a dispute (a proposal whose only call is the market's
     * `ruleDispute`, executed by the timelock). The proposal may be made at once; its execution succeeds only
     * from the end of the leaders' ruling period until the final deadline (see `disputeDeadlines` and
     * `nextActions` in the market reads), and not if a leader ruled first.
     */
    proposeRuling: (p: {
      bookingId: bigint;
      refund: bigint;
      ruling: Hex | string;
      title?: string;
      rationale?: string;
    }) =>
      governanceActions(ctx).propose({
        calls: [rulingCall(ctx.deployment.contracts.market, p.bookingId, p.refund, p.ruling)],
        description: describeProposal(
          p.title ?? `Rule on the dispute over booking ${p.bookingId}: refund ${p.refund}`,
          p.rationale,
        ),
      }),
    /**
     * Settles a dispute nobody ruled on by its final deadline by the default outcome the network rules state: a
     * full refund to the consumer. Anyone may send it.
     */
    settleExpiredDispute: step("settleExpiredDispute", "settle the expired dispute over"),
    /** Pays the caller everything credited to them in `token` (ETH by default). */
    withdraw: async ({ token }: { token?: Address } = {}): Promise<Sent & { amount: bigint }> => {
      const sent = await send(ctx, "market", "withdraw", [token ?? zeroAddress], { doing: "withdraw" });
      return { ...sent, amount: eventIn(ctx, sent.receipt, "market", "Withdrawn").args.amount };
    },
    /** Moves the network fees collected in `token` to the treasury (anyone may). */
    withdrawFees: async ({ token }: { token?: Address } = {}): Promise<Sent & { amount: bigint }> => {
      const sent = await send(ctx, "market", "withdrawFees", [token ?? zeroAddress], {
        doing: "withdraw the fees to the treasury",
      });
      return { ...sent, amount: eventIn(ctx, sent.receipt, "market", "Withdrawn").args.amount };
    },
  };
}

type BookingStep =
  | "acceptBooking"
  | "declineBooking"
  | "cancelBooking"
  | "markDelivered"
  | "completeBooking"
  | "claimPayment"
  | "settleExpiredDispute";

/** The call a members' ruling makes: the market's `ruleDispute`, sent by the timelock when executed. */
export function rulingCall(market: Address, bookingId: bigint, refund: bigint, ruling: Hex | string): ProposalCall {
  return {
    target: market,
    data: encodeFunctionData({
      abi: abiOfKey("market"),
      functionName: "ruleDispute",
      args: [bookingId, refund, toContentHash(ruling)],
    }),
  };
}
