import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";

import { admit, asGovernance } from "./helpers/access.js";
import { profileHash, reason } from "./helpers/deployment.js";
import {
  acceptedBooking,
  book,
  courierRequest,
  courierTerms,
  deployMarketNetwork,
  doc,
  ETH,
  listCourier,
  NO_DATA,
  type MarketNetwork,
} from "./helpers/market.js";
import { ethers, networkHelpers } from "./helpers/network.js";

const PRICE = 10n ** 16n;

/** Everyone who might call a restricted market function, each in a distinct standing. */
const ROLES = [
  "outsider",
  "applicant",
  "suspendedMember",
  "departedMember",
  "member",
  "provider",
  "consumer",
  "leader",
  "suspendedLeader",
  "manager",
  "developer",
  "governance",
  "deployer",
] as const;
type Role = (typeof ROLES)[number];

/** Not active members: the market turns them away before anything else. */
const NON_MEMBERS: Role[] = [
  "outsider",
  "applicant",
  "suspendedMember",
  "departedMember",
  "suspendedLeader",
  "governance",
  "deployer",
];

interface Cast {
  n: MarketNetwork;
  callers: Record<Role, HardhatEthersSigner>;
  offerId: bigint;
  pausedOfferId: bigint;
  requestId: bigint;
  booked: bigint;
  accepted: bigint;
  delivered: bigint;
  disputed: bigint;
  /** From when the members' vote may rule on `disputed`. */
  membersFrom: bigint;
}

/**
 * Alice (`provider`) has an active and a paused courier offer; Carol (`consumer`) has an open request Alice
 * answered, and bookings in every status a restricted call needs: booked, accepted, delivered past its dispute
 * window, disputed; Carol also has a refund to withdraw. Bob is an unrelated `member`; the first leader is a
 * `leader` who is no party; the second leader is suspended by the manager.
 */
async function deployCast(): Promise<Cast> {
  const n = await deployMarketNetwork();
  const { w } = n;
  const applicant = w.outsider(1);
  await w.membership.connect(applicant).applyForMembership(profileHash("applicant"));
  const suspendedMember = w.outsider(2);
  await admit(w, suspendedMember);
  await w.membership.connect(n.leader).suspend(suspendedMember.address, reason("spam"));
  const departedMember = w.outsider(3);
  await admit(w, departedMember);
  await w.membership.connect(departedMember).leave();
  await w.membership.connect(w.manager).suspend(n.otherLeader.address, reason("absent"));

  const offerId = await listCourier(n);
  const pausedOfferId = await listCourier(n);
  await n.market.connect(n.alice).pauseOffer(pausedOfferId);
  await n.market.connect(n.carol).postRequest(await courierRequest(n));
  const requestId = await n.market.requestCount();
  await n.market.connect(n.alice).answerRequest(requestId, offerId);

  const refunded = await book(n, n.carol, offerId);
  await n.market.connect(n.alice).declineBooking(refunded);
  const delivered = await acceptedBooking(n, offerId);
  await n.market.connect(n.alice).markDelivered(delivered);
  await networkHelpers.time.increase(n.disputeWindow);
  const booked = await book(n, n.carol, offerId);
  const accepted = await acceptedBooking(n, offerId);
  const disputed = await acceptedBooking(n, offerId);
  await n.market.connect(n.carol).openDispute(disputed, doc("late"));
  const b = await n.market.booking(disputed);
  const membersFrom = b.windowEnds + b.rulingPeriod;

  return {
    n,
    callers: {
      outsider: w.outsider(0),
      applicant,
      suspendedMember,
      departedMember,
      member: n.bob,
      provider: n.alice,
      consumer: n.carol,
      leader: n.leader,
      suspendedLeader: n.otherLeader,
      manager: w.manager,
      developer: n.dave,
      governance: await asGovernance(w),
      deployer: w.deployer,
    },
    offerId,
    pausedOfferId,
    requestId,
    booked,
    accepted,
    delivered,
    disputed,
    membersFrom,
  };
}

interface Restricted {
  /** The function, as the matrix names it. */
  name: string;
  /** Who may call it (the first of them is shown to succeed). */
  allowed: Role[];
  call(c: Cast, caller: HardhatEthersSigner): Promise<ContractTransactionResponse>;
  /** The error a caller who may not call it gets, with its arguments. */
  error(c: Cast, caller: HardhatEthersSigner, role: Role): [string, unknown[]];
}

const notProvider = (c: Cast, caller: HardhatEthersSigner): [string, unknown[]] => [
  "MarketNotProvider",
  [caller.address, c.n.alice.address],
];
const notConsumer = (c: Cast, caller: HardhatEthersSigner): [string, unknown[]] => [
  "MarketNotConsumer",
  [caller.address, c.n.carol.address],
];
const notMember = (caller: HardhatEthersSigner): [string, unknown[]] => ["MarketNotActiveMember", [caller.address]];

const RESTRICTED: Restricted[] = [
  {
    name: "listOffer",
    allowed: ["provider"],
    call: (c, caller) => c.n.market.connect(caller).listOffer(c.n.resources.courier, courierTerms(c.n), NO_DATA),
    error: (c, caller, role) =>
      NON_MEMBERS.includes(role)
        ? notMember(caller)
        : ["MarketNotResourceOwner", [c.n.resources.courier, caller.address]],
  },
  {
    name: "updateOffer",
    allowed: ["provider"],
    call: (c, caller) => c.n.market.connect(caller).updateOffer(c.offerId, courierTerms(c.n), NO_DATA),
    error: notProvider,
  },
  {
    name: "pauseOffer",
    allowed: ["provider"],
    call: (c, caller) => c.n.market.connect(caller).pauseOffer(c.offerId),
    error: notProvider,
  },
  {
    name: "resumeOffer",
    allowed: ["provider"],
    call: (c, caller) => c.n.market.connect(caller).resumeOffer(c.pausedOfferId),
    error: notProvider,
  },
  {
    name: "closeOffer",
    allowed: ["provider"],
    call: (c, caller) => c.n.market.connect(caller).closeOffer(c.offerId),
    error: notProvider,
  },
  {
    name: "postRequest",
    allowed: ["consumer", "member", "provider", "leader", "manager", "developer"],
    call: async (c, caller) => c.n.market.connect(caller).postRequest(await courierRequest(c.n)),
    error: (_c, caller) => notMember(caller),
  },
  {
    name: "cancelRequest",
    allowed: ["consumer"],
    call: (c, caller) => c.n.market.connect(caller).cancelRequest(c.requestId),
    error: notConsumer,
  },
  {
    name: "answerRequest",
    allowed: ["provider"],
    call: async (c, caller) => {
      // a fresh request, not yet answered by the offer
      await c.n.market.connect(c.n.carol).postRequest(await courierRequest(c.n));
      return c.n.market.connect(caller).answerRequest(await c.n.market.requestCount(), c.offerId);
    },
    error: notProvider,
  },
  {
    name: "acceptAnswer",
    allowed: ["consumer"],
    call: (c, caller) =>
      c.n.market.connect(caller).acceptAnswer(c.requestId, c.offerId, 0, NO_DATA, { value: 2n * PRICE }),
    error: notConsumer,
  },
  {
    name: "book",
    allowed: ["consumer", "member", "leader", "manager", "developer"],
    call: (c, caller) => c.n.market.connect(caller).book(c.offerId, 0, 1n, NO_DATA, { value: PRICE }),
    error: (c, caller, role) => (role === "provider" ? ["MarketOwnOffer", [c.offerId]] : notMember(caller)),
  },
  {
    name: "acceptBooking",
    allowed: ["provider"],
    call: (c, caller) => c.n.market.connect(caller).acceptBooking(c.booked),
    error: notProvider,
  },
  {
    name: "declineBooking",
    allowed: ["provider"],
    call: (c, caller) => c.n.market.connect(caller).declineBooking(c.booked),
    error: notProvider,
  },
  {
    name: "cancelBooking",
    allowed: ["consumer"],
    call: (c, caller) => c.n.market.connect(caller).cancelBooking(c.booked),
    error: notConsumer,
  },
  {
    name: "markDelivered",
    allowed: ["provider"],
    call: (c, caller) => c.n.market.connect(caller).markDelivered(c.accepted),
    error: notProvider,
  },
  {
    name: "completeBooking",
    allowed: ["consumer"],
    call: (c, caller) => c.n.market.connect(caller).completeBooking(c.accepted),
    error: notConsumer,
  },
  {
    name: "claimPayment",
    allowed: ["provider"],
    call: (c, caller) => c.n.market.connect(caller).claimPayment(c.delivered),
    error: notProvider,
  },
  {
    name: "openDispute",
    allowed: ["consumer", "provider"],
    call: (c, caller) => c.n.market.connect(caller).openDispute(c.accepted, doc("statement")),
    error: (c, caller) => ["MarketNotParty", [c.accepted, caller.address]],
  },
  {
    name: "ruleDispute",
    allowed: ["leader"],
    call: (c, caller) => c.n.market.connect(caller).ruleDispute(c.disputed, 0n, doc("ruling")),
    // The members' vote rules too, but only once the leaders' ruling period has passed (Market.test.ts).
    error: (c, caller, role) =>
      role === "governance"
        ? ["MarketMembersRuleFrom", [c.disputed, c.membersFrom]]
        : ["MarketNotLeader", [caller.address]],
  },
  {
    name: "withdraw (only a creditor)",
    allowed: ["consumer"],
    call: (c, caller) => c.n.market.connect(caller).withdraw(ETH),
    error: (_c, caller) => ["MarketNothingToWithdraw", [caller.address, ETH]],
  },
];

describe("Market: every restricted function, called by everyone who may not", () => {
  for (const fn of RESTRICTED) {
    it(`${fn.name}: only ${fn.allowed.join(", ")}`, async () => {
      const c = await networkHelpers.loadFixture(deployCast);
      for (const role of ROLES) {
        if (fn.allowed.includes(role)) continue;
        const caller = c.callers[role];
        const [error, args] = fn.error(c, caller, role);
        await expect(fn.call(c, caller), `${fn.name} by ${role}`)
          .to.be.revertedWithCustomError(c.n.market, error)
          .withArgs(...args);
      }
      const [first] = fn.allowed;
      if (first === undefined) throw new Error(`test setup: nobody may call ${fn.name}`);
      await expect(fn.call(c, c.callers[first]), `${fn.name} by ${first}`).to.not.revert(ethers);
    });
  }
});
