import { stringToHex, zeroAddress, zeroHash, type Address, type Hex } from "viem";

import {
  BOOKING_STATUSES,
  CLOSE_REASONS,
  CONSENTS,
  type ApplicationStatus,
  type BookingStatus,
  type CloseReason,
  type Consent,
  type MarketRequestStatus,
  type MemberStatus,
  type OfferStatus,
} from "../errors.js";
import type { AuditEvent } from "./events.js";

/** A member, applicant or former member as the events tell it. */
export interface MemberRecord {
  status: MemberStatus;
  /** When the current status began. */
  since: number;
  /** When the current membership began (0 when not a member). */
  memberSince: number;
  profile: Hex;
  /** 1 from the vote's activation (after probation; at deployment for a founder) until leaving or removal. */
  votes: bigint;
  /**
   * The authority of the current suspension (`Membership.Authority`: 0 none, 1 a leader, 2 the manager, 3 the
   * members' vote); only the same or a higher one can lift it.
   */
  suspendedBy: number;
  /** Whether the account holds its (soulbound) badge. */
  badge: boolean;
}

export interface AttributeRecord {
  name: string;
  domain: number;
  dataType: number;
  parent: number;
  deprecated: boolean;
}

export interface ResourceRecord {
  owner: Address;
  classId: number;
  metadata: Hex;
  active: boolean;
  registeredAt: number;
}

export interface ProposalRecord {
  id: bigint;
  proposer: Address;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  description: string;
  voteStart: bigint;
  voteEnd: bigint;
  /** The deadline after late-quorum extensions. */
  deadline: bigint;
  votes: { against: bigint; for: bigint; abstain: bigint };
  voters: Set<Address>;
  queued: boolean;
  eta: bigint;
  executed: boolean;
  canceled: boolean;
  createdAt: number;
  block: bigint;
}

export interface OperationRecord {
  scheduled: boolean;
  executed: boolean;
  cancelled: boolean;
}

/** The key of one consent (source) of a connection in {@link NetworkState.connections}. */
export function consentKey(connectionId: bigint, slot: number): string {
  return `${connectionId.toString()}:${slot}`;
}

/**
 * One consent of a data connection from `owner` to `grantee` as its events tell it: slot 0 is the owner's own
 * consent, slots 1..7 those a connector (the market) opened for a booking. Each source is kept separately, closed
 * ones too; the grantee is authorized while any live consent of the pair covers an attribute.
 */
export interface ConnectionRecord {
  id: bigint;
  /** The consent's slot: 0 for the owner's own, 1..7 for a booking's. */
  slot: number;
  owner: Address;
  grantee: Address;
  attributeIds: readonly number[];
  /** The purpose code (kept in events only: the contract stores no purpose). */
  purpose: Hex;
  expiresAt: number;
  /** When the consent was given (its last open or change). */
  grantedAt: number;
  /** When it was first opened (after it was last closed; for a booking's slot, when that booking opened it). */
  openedAt: number;
  consent: Consent;
  /** The connector that opened it (zero for the owner's own consent, signature or accepted request). */
  connector: Address;
  /** False once closed: a closed connection never revives without a new consent. */
  open: boolean;
  closed?: { at: number; by: Address; reason: CloseReason };
  /** How many times it was opened or changed. */
  changes: number;
}

/** A grantee's request to an owner as its events tell it. */
export interface AccessRequestRecord {
  connectionId: bigint;
  owner: Address;
  grantee: Address;
  attributeIds: readonly number[];
  purpose: Hex;
  duration: number;
  /** When the request lapses. */
  expiresAt: number;
  requestedAt: number;
  status: "pending" | "accepted" | "rejected" | "cancelled";
  /** The reason code of a rejection. */
  reason?: Hex;
}

/** A registered application as its events tell it. */
export interface ApplicationRecord {
  account: Address;
  developer: Address;
  status: ApplicationStatus;
  registeredAt: number;
  name: string;
  metadataURI: string;
  attributeIds: readonly number[];
  purpose: Hex;
}

/** The consumer data a booking of an offer shares with the provider (no attributes: none). */
export interface DataRequestRecord {
  attributeIds: readonly number[];
  purpose: Hex;
  duration: number;
}

/** A market offer as its events tell it: the current version's terms and document. */
export interface OfferRecord {
  id: bigint;
  provider: Address;
  resourceId: bigint;
  status: OfferStatus;
  version: number;
  classId: number;
  token: Address;
  unitPrice: bigint;
  capacity: bigint;
  /** Units booked and not refunded. */
  booked: bigint;
  validFrom: number;
  validUntil: number;
  /** The current offer document's content hash (kept in events only). */
  metadata: Hex;
  dataRequest: DataRequestRecord;
  listedAt: number;
  updatedAt: number;
}

/** A consumer's request on the market as its events tell it. */
export interface MarketRequestRecord {
  id: bigint;
  consumer: Address;
  status: MarketRequestStatus;
  classId: number;
  token: Address;
  quantity: bigint;
  maxUnitPrice: bigint;
  deadline: number;
  /** The description's content hash (events only; may be zero). */
  metadata: Hex;
  postedAt: number;
  /** Offers that answered it, in order. */
  answers: bigint[];
  /** The booking that accepting an answer made. */
  bookingId?: bigint;
}

/** A booking and its escrow as its events tell it. */
export interface BookingRecord {
  id: bigint;
  offerId: bigint;
  consumer: Address;
  /** The offer's provider (offers never change hands). */
  provider: Address;
  status: BookingStatus;
  version: number;
  quantity: bigint;
  token: Address;
  /** The escrowed amount. */
  amount: bigint;
  feeBps: number;
  /** The data connection the booking opened (0 for none). */
  connectionId: bigint;
  /**
   * The dispute window and the leaders' ruling period (seconds) the booking keeps: the network rules in force
   * when it was made, as the rules' own events tell them (0 when the fold did not read the rules' events).
   */
  disputeWindow: number;
  rulingPeriod: number;
  /** When its dispute window ends (0 until delivered); once disputed, when the dispute opened (as the market keeps it). */
  windowEnds: number;
  bookedAt: number;
  /** The request whose answer it accepted, if any. */
  requestId?: bigint;
  /**
   * The dispute: who opened it, when, and its deadlines (from `membersFrom` the members' vote may rule too; from
   * `finalDeadline` nobody rules and anyone may settle it by the default outcome, a full refund).
   */
  dispute?: {
    by: Address;
    statement: Hex;
    openedAt: number;
    membersFrom: number;
    finalDeadline: number;
    ruling?: Hex;
    ruledBy?: Address;
  };
  settlement?: { by: Address; at: number; refund: bigint; payment: bigint; fee: bigint };
}

/** The market as its events tell it. */
export interface MarketState {
  offers: Map<bigint, OfferRecord>;
  requests: Map<bigint, MarketRequestRecord>;
  bookings: Map<bigint, BookingRecord>;
  /**
   * Credited, unwithdrawn amounts: token → account → amount (zero once withdrawn). Fees are credited to the treasury: the governor's
   * timelock as its events name it (the zero address when the governor's events were not read).
   */
  credits: Map<Address, Map<Address, bigint>>;
}

/** A socket operator's latest receipt anchor as its events tell it. */
export interface AnchorRecord {
  root: Hex;
  receipts: bigint;
  seq: bigint;
  anchoredAt: number;
  block: bigint;
}

/** Where members' data lives, as the socket directory's events tell it. */
export interface SocketsState {
  /** The network's default socket (null before its deployment event was read). */
  defaultSocket: string | null;
  /** Each member's own socket; an account that cleared theirs is kept, with "" (the default serves them). */
  own: Map<Address, string>;
  /** Each operator's latest receipt anchor. */
  anchors: Map<Address, AnchorRecord>;
}

/** Role id → holders, for one AccessControl contract. */
export type RoleHolders = Map<Hex, Set<Address>>;

/** The network as rebuilt from its events alone. */
export interface NetworkState {
  members: Map<Address, MemberRecord>;
  manager: Address | null;
  roles: { membership: RoleHolders; timelock: RoleHolders };
  /** Every (role, account) pair ever granted, per contract: revocations must be checked too. */
  roleHistory: { membership: RoleHolders; timelock: RoleHolders };
  /** Rule key (bytes32) → value. */
  rules: Map<Hex, bigint>;
  attributes: Map<number, AttributeRecord>;
  resources: Map<bigint, ResourceRecord>;
  proposals: Map<bigint, ProposalRecord>;
  governor: {
    votingDelay: bigint;
    votingPeriod: bigint;
    proposalThreshold: bigint;
    quorumNumerator: bigint;
    lateQuorumExtension: bigint;
    timelock: Address;
  };
  timelock: { minDelay: bigint; operations: Map<Hex, OperationRecord> };
  /** The consents of data connections, by {@link consentKey} (connection id and slot): each source separately. */
  connections: Map<string, ConnectionRecord>;
  /** The latest request of each grantee to each owner, by connection id. */
  requests: Map<bigint, AccessRequestRecord>;
  applications: Map<Address, ApplicationRecord>;
  /** Connectors (the market) by address: their number, whether they are approved now, and who last set them. */
  connectors: Map<Address, { id: number; approved: boolean; by: Address }>;
  /** Every connector approval or unapproval, in order, with who made it (the timelock, or the bootstrapper). */
  connectorChanges: { connector: Address; approved: boolean; by: Address; block: bigint }[];
  /** Whether the deployer's bootstrap phase (approving connectors) has ended. */
  bootstrapFinished: boolean;
  market: MarketState;
  sockets: SocketsState;
  /**
   * Whether the state was folded from part of the trail (a topic-filtered read): events about records it never
   * saw created are skipped rather than reported as a broken trail.
   */
  partial: boolean;
  /** How many events built this state, and the last block among them. */
  events: number;
  lastBlock: bigint;
}

export function emptyState(options: { partial?: boolean } = {}): NetworkState {
  return {
    partial: options.partial ?? false,
    members: new Map(),
    manager: null,
    roles: { membership: new Map(), timelock: new Map() },
    roleHistory: { membership: new Map(), timelock: new Map() },
    rules: new Map(),
    attributes: new Map(),
    resources: new Map(),
    proposals: new Map(),
    governor: {
      votingDelay: 0n,
      votingPeriod: 0n,
      proposalThreshold: 0n,
      quorumNumerator: 0n,
      lateQuorumExtension: 0n,
      timelock: zeroAddress,
    },
    timelock: { minDelay: 0n, operations: new Map() },
    connections: new Map(),
    requests: new Map(),
    applications: new Map(),
    connectors: new Map(),
    bootstrapFinished: false,
    connectorChanges: [],
    market: { offers: new Map(), requests: new Map(), bookings: new Map(), credits: new Map() },
    sockets: { defaultSocket: null, own: new Map(), anchors: new Map() },
    events: 0,
    lastBlock: 0n,
  };
}

function member(state: NetworkState, account: Address): MemberRecord {
  let record = state.members.get(account);
  if (record === undefined) {
    record = { status: "none", since: 0, memberSince: 0, profile: zeroHash, votes: 0n, suspendedBy: 0, badge: false };
    state.members.set(account, record);
  }
  return record;
}

function holders(roles: RoleHolders, role: Hex): Set<Address> {
  let set = roles.get(role);
  if (set === undefined) {
    set = new Set();
    roles.set(role, set);
  }
  return set;
}

function operation(state: NetworkState, id: Hex): OperationRecord {
  let op = state.timelock.operations.get(id);
  if (op === undefined) {
    op = { scheduled: false, executed: false, cancelled: false };
    state.timelock.operations.set(id, op);
  }
  return op;
}

/**
 * Changes the record `id` of `map`. A record that never appeared is an error of the trail (an event about a proposal,
 * request or booking that was never created) — unless the state is partial: folded from a topic-filtered read,
 * which skips whatever does not name the filtered subject.
 */
function edit<K, V>(state: NetworkState, map: Map<K, V>, id: K, what: string, change: (record: V) => void): void {
  const record = map.get(id);
  if (record !== undefined) change(record);
  else if (!state.partial) {
    throw new Error(`weconet audit: an event names ${what} ${String(id)}, which never appeared`);
  }
}

function credit(state: NetworkState, token: Address, account: Address, amount: bigint): void {
  if (amount === 0n) return;
  let accounts = state.market.credits.get(token);
  if (accounts === undefined) {
    accounts = new Map();
    state.market.credits.set(token, accounts);
  }
  accounts.set(account, (accounts.get(account) ?? 0n) + amount);
}

/** Applies a market event (see {@link applyEvent}). */
// The NetworkRules keys of the rules a booking keeps (bytes32 short strings, as the contract declares them).
const DISPUTE_WINDOW_KEY = stringToHex("disputeWindow", { size: 32 });
const DISPUTE_RULING_PERIOD_KEY = stringToHex("disputeRulingPeriod", { size: 32 });

function applyMarketEvent(state: NetworkState, e: AuditEvent & { contract: "Market" }): void {
  const m = state.market;
  const t = e.timestamp;
  switch (e.event) {
    case "OfferListed":
    case "OfferUpdated": {
      const a = e.args;
      const previous = m.offers.get(a.offerId);
      m.offers.set(a.offerId, {
        id: a.offerId,
        provider: a.party,
        resourceId: e.event === "OfferListed" ? e.args.resourceId : (previous?.resourceId ?? 0n),
        status: previous?.status ?? "active",
        version: e.event === "OfferUpdated" ? e.args.version : 0,
        classId: a.terms.classId,
        token: a.terms.token,
        unitPrice: a.terms.unitPrice,
        capacity: a.terms.capacity,
        booked: previous?.booked ?? 0n,
        validFrom: a.terms.validFrom,
        validUntil: a.terms.validUntil,
        metadata: a.terms.metadata,
        dataRequest: {
          attributeIds: a.dataRequest.attributeIds,
          purpose: a.dataRequest.purpose,
          duration: a.dataRequest.duration,
        },
        listedAt: previous?.listedAt ?? t,
        updatedAt: t,
      });
      return;
    }
    case "OfferPaused":
      edit(state, m.offers, e.args.offerId, "offer", (r) => {
        r.status = "paused";
      });
      return;
    case "OfferResumed":
      edit(state, m.offers, e.args.offerId, "offer", (r) => {
        r.status = "active";
      });
      return;
    case "OfferClosed":
      edit(state, m.offers, e.args.offerId, "offer", (r) => {
        r.status = "closed";
      });
      return;
    case "RequestPosted": {
      const { terms } = e.args;
      m.requests.set(e.args.requestId, {
        id: e.args.requestId,
        consumer: e.args.party,
        status: "open",
        classId: terms.classId,
        token: terms.token,
        quantity: terms.quantity,
        maxUnitPrice: terms.maxUnitPrice,
        deadline: terms.deadline,
        metadata: terms.metadata,
        postedAt: t,
        answers: [],
      });
      return;
    }
    case "RequestCancelled":
      edit(state, m.requests, e.args.requestId, "request", (r) => {
        r.status = "cancelled";
      });
      return;
    case "RequestAnswered":
      edit(state, m.requests, e.args.requestId, "request", (r) => {
        r.answers.push(e.args.offerId);
      });
      return;
    case "RequestAccepted": {
      edit(state, m.requests, e.args.requestId, "request", (r) =>
        Object.assign(r, {
          status: "accepted",
          bookingId: e.args.bookingId,
        }),
      );
      edit(state, m.bookings, e.args.bookingId, "booking", (r) => {
        r.requestId = e.args.requestId;
      });
      return;
    }
    case "BookingCreated": {
      const a = e.args;
      const offer = m.offers.get(a.offerId);
      if (offer !== undefined) offer.booked += a.quantity;
      m.bookings.set(a.bookingId, {
        id: a.bookingId,
        offerId: a.offerId,
        consumer: a.party,
        provider: offer?.provider ?? zeroAddress,
        status: "booked",
        version: a.version,
        quantity: a.quantity,
        token: a.token,
        amount: a.amount,
        feeBps: a.feeBps,
        connectionId: a.connectionId,
        disputeWindow: Number(state.rules.get(DISPUTE_WINDOW_KEY) ?? 0n),
        rulingPeriod: Number(state.rules.get(DISPUTE_RULING_PERIOD_KEY) ?? 0n),
        windowEnds: 0,
        bookedAt: t,
      });
      return;
    }
    case "BookingAccepted":
      edit(state, m.bookings, e.args.bookingId, "booking", (r) => {
        r.status = "accepted";
      });
      return;
    case "BookingDelivered":
      edit(state, m.bookings, e.args.bookingId, "booking", (r) =>
        Object.assign(r, {
          status: "delivered",
          windowEnds: e.args.windowEnds,
        }),
      );
      return;
    case "DisputeOpened":
      edit(state, m.bookings, e.args.bookingId, "booking", (r) =>
        Object.assign(r, {
          status: "disputed",
          windowEnds: t,
          dispute: {
            by: e.args.party,
            statement: e.args.statement,
            openedAt: t,
            membersFrom: e.args.membersFrom,
            finalDeadline: e.args.finalDeadline,
          },
        }),
      );
      return;
    case "DisputeRuled":
      edit(state, m.bookings, e.args.bookingId, "booking", (b) => {
        b.dispute = {
          by: b.dispute?.by ?? zeroAddress,
          statement: b.dispute?.statement ?? zeroHash,
          openedAt: b.dispute?.openedAt ?? 0,
          membersFrom: b.dispute?.membersFrom ?? 0,
          finalDeadline: b.dispute?.finalDeadline ?? 0,
          ruling: e.args.ruling,
          ruledBy: e.args.party,
        };
      });
      return;
    case "BookingSettled": {
      const a = e.args;
      edit(state, m.bookings, a.bookingId, "booking", (b) => {
        const outcome = BOOKING_STATUSES[a.outcome] ?? "none";
        b.status = outcome;
        b.settlement = { by: a.party, at: t, refund: a.refund, payment: a.payment, fee: a.fee };
        credit(state, b.token, b.consumer, a.refund);
        credit(state, b.token, b.provider, a.payment);
        credit(state, b.token, state.governor.timelock, a.fee);
        // Units return to the offer when the consumer got everything back (not for a free booking paid out).
        const offer = m.offers.get(b.offerId);
        if (offer !== undefined && a.refund === b.amount && outcome !== "completed" && outcome !== "claimed") {
          offer.booked -= b.quantity;
        }
      });
      return;
    }
    case "Withdrawn":
      // Kept at zero rather than dropped: verification checks every account ever credited.
      m.credits.get(e.args.token)?.set(e.args.party, 0n);
      return;
  }
}

/** Applies one event to `state` (events must come in chain order). */
export function applyEvent(state: NetworkState, e: AuditEvent): void {
  state.events++;
  state.lastBlock = e.block;
  const t = e.timestamp;
  switch (e.contract) {
    case "Membership":
      switch (e.event) {
        case "MembershipApplied":
          Object.assign(member(state, e.args.applicant), { status: "applicant", since: t });
          return;
        case "ApplicationWithdrawn":
        case "ApplicationRejected":
          Object.assign(member(state, e.args.applicant), { status: "none", since: t, profile: zeroHash });
          return;
        case "MemberAdmitted":
          Object.assign(member(state, e.args.member), { status: "active", since: t, memberSince: t });
          return;
        case "MemberSuspended": {
          // a higher authority suspending again raises the authority; the suspension's start stays
          const m = member(state, e.args.member);
          if (m.status !== "suspended") Object.assign(m, { status: "suspended", since: t });
          m.suspendedBy = e.args.authority;
          return;
        }
        case "MemberReinstated":
          Object.assign(member(state, e.args.member), { status: "active", since: t, suspendedBy: 0 });
          return;
        case "MemberLeft":
          Object.assign(member(state, e.args.member), {
            status: "none",
            since: t,
            memberSince: 0,
            profile: zeroHash,
            suspendedBy: 0,
          });
          return;
        case "MemberRemoved":
          Object.assign(member(state, e.args.member), {
            status: "removed",
            since: t,
            memberSince: 0,
            profile: zeroHash,
            suspendedBy: 0,
          });
          return;
        case "VoteActivated":
          // the vote itself arrives with DelegateVotesChanged in the same transaction
          return;
        case "ProfileUpdated":
          member(state, e.args.account).profile = e.args.profile;
          return;
        case "DelegateVotesChanged":
          member(state, e.args.delegate).votes = e.args.newVotes;
          return;
        case "Transfer":
          if (e.args.from !== zeroAddress) member(state, e.args.from).badge = false;
          if (e.args.to !== zeroAddress) member(state, e.args.to).badge = true;
          return;
        case "ManagerAppointed":
          state.manager = e.args.next;
          return;
        case "RoleGranted":
          holders(state.roles.membership, e.args.role).add(e.args.account);
          holders(state.roleHistory.membership, e.args.role).add(e.args.account);
          return;
        case "RoleRevoked":
          holders(state.roles.membership, e.args.role).delete(e.args.account);
          return;
        default:
          // Locked, approvals, delegation and domain events change nothing the views expose beyond the above.
          return;
      }
    case "WeconetTimelock":
      switch (e.event) {
        case "RoleGranted":
          holders(state.roles.timelock, e.args.role).add(e.args.account);
          holders(state.roleHistory.timelock, e.args.role).add(e.args.account);
          return;
        case "RoleRevoked":
          holders(state.roles.timelock, e.args.role).delete(e.args.account);
          return;
        case "MinDelayChange":
          state.timelock.minDelay = e.args.newDuration;
          return;
        case "CallScheduled":
          operation(state, e.args.id).scheduled = true;
          return;
        case "CallExecuted":
          operation(state, e.args.id).executed = true;
          return;
        case "Cancelled":
          operation(state, e.args.id).cancelled = true;
          return;
        default:
          return;
      }
    case "AccessGrants":
      switch (e.event) {
        case "ConnectionOpened":
        case "ConnectionChanged": {
          const a = e.args;
          const key = consentKey(a.connectionId, a.slot);
          const previous = state.connections.get(key);
          const continues = e.event === "ConnectionChanged" && previous !== undefined && previous.open;
          state.connections.set(key, {
            id: a.connectionId,
            slot: a.slot,
            owner: a.owner,
            grantee: a.grantee,
            attributeIds: a.attributeIds,
            purpose: a.purpose,
            expiresAt: a.expiresAt,
            grantedAt: t,
            openedAt: continues ? previous.openedAt : t,
            consent: CONSENTS[a.consent] ?? "owner",
            connector: a.connector,
            open: true,
            changes: (previous?.changes ?? 0) + 1,
          });
          return;
        }
        case "ConnectionClosed": {
          const c = state.connections.get(consentKey(e.args.connectionId, e.args.slot));
          if (c === undefined) {
            throw new Error(
              `weconet audit: consent ${e.args.slot} of connection ${e.args.connectionId} closed without ever being opened`,
            );
          }
          c.open = false;
          c.closed = { at: t, by: e.args.by, reason: CLOSE_REASONS[e.args.reason] ?? "revoked" };
          return;
        }
        case "AccessRequested": {
          const a = e.args;
          state.requests.set(a.connectionId, {
            connectionId: a.connectionId,
            owner: a.owner,
            grantee: a.grantee,
            attributeIds: a.attributeIds,
            purpose: a.purpose,
            duration: a.duration,
            expiresAt: a.requestExpiresAt,
            requestedAt: t,
            status: "pending",
          });
          return;
        }
        case "AccessRequestAccepted":
          edit(state, state.requests, e.args.connectionId, "request on connection", (r) => {
            r.status = "accepted";
          });
          return;
        case "AccessRequestRejected":
          edit(state, state.requests, e.args.connectionId, "request on connection", (r) =>
            Object.assign(r, {
              status: "rejected",
              reason: e.args.reason,
            }),
          );
          return;
        case "AccessRequestCancelled":
          edit(state, state.requests, e.args.connectionId, "request on connection", (r) => {
            r.status = "cancelled";
          });
          return;
        case "ConnectorSet": {
          const { connector, id, approved, by } = e.args;
          state.connectors.set(connector, { id, approved, by });
          state.connectorChanges.push({ connector, approved, by, block: e.block });
          return;
        }
        case "BootstrapFinished":
          state.bootstrapFinished = true;
          return;
        default:
          // Used and invalidated nonces and the domain event change nothing the views expose.
          return;
      }
    case "Applications":
      switch (e.event) {
        case "ApplicationRegistered":
        case "ApplicationUpdated": {
          const { account, developer, name, metadataURI, attributeIds, purpose } = e.args;
          const previous = state.applications.get(account);
          state.applications.set(account, {
            account,
            developer,
            name,
            metadataURI,
            attributeIds,
            purpose,
            status: previous?.status ?? "active",
            // registering anew (the developer left since) restarts the registration time; an update keeps it
            registeredAt: e.event === "ApplicationRegistered" ? t : (previous?.registeredAt ?? t),
          });
          return;
        }
        case "ApplicationSuspended":
          edit(state, state.applications, e.args.account, "application", (r) => {
            r.status = "suspended";
          });
          return;
        case "ApplicationReinstated":
          edit(state, state.applications, e.args.account, "application", (r) => {
            r.status = "active";
          });
          return;
        case "ApplicationRetired":
          edit(state, state.applications, e.args.account, "application", (r) => {
            r.status = "retired";
          });
          return;
      }
      return;
    case "Market":
      applyMarketEvent(state, e);
      return;
    case "NetworkRules":
      state.rules.set(e.args.key, e.args.newValue);
      return;
    case "Taxonomy":
      if (e.event === "AttributeAdded") {
        const { id, name, domain, dataType, parent } = e.args;
        state.attributes.set(id, { name, domain, dataType, parent, deprecated: false });
      } else {
        const attribute = state.attributes.get(e.args.id);
        if (attribute !== undefined) attribute.deprecated = true;
      }
      return;
    case "SocketDirectory":
      switch (e.event) {
        case "SocketSet":
          state.sockets.own.set(e.args.member, e.args.url);
          return;
        case "SocketCleared":
          state.sockets.own.set(e.args.member, "");
          return;
        case "DefaultSocketSet":
          state.sockets.defaultSocket = e.args.url;
          return;
      }
      return;
    case "ReceiptAnchors": {
      const { operator, root, receipts, seq } = e.args;
      state.sockets.anchors.set(operator, { root, receipts, seq, anchoredAt: t, block: e.block });
      return;
    }
    case "Resources":
      switch (e.event) {
        case "ResourceRegistered":
          state.resources.set(e.args.id, {
            owner: e.args.owner,
            classId: e.args.classId,
            metadata: e.args.metadata,
            active: true,
            registeredAt: t,
          });
          return;
        case "ResourceUpdated": {
          const r = state.resources.get(e.args.id);
          if (r !== undefined) Object.assign(r, { classId: e.args.classId, metadata: e.args.metadata });
          return;
        }
        case "ResourceActiveSet": {
          const r = state.resources.get(e.args.id);
          if (r !== undefined) r.active = e.args.active;
          return;
        }
      }
      return;
    case "WeconetGovernor":
      switch (e.event) {
        case "ProposalCreated": {
          const a = e.args;
          state.proposals.set(a.proposalId, {
            id: a.proposalId,
            proposer: a.proposer,
            targets: a.targets,
            values: a.values,
            calldatas: a.calldatas,
            description: a.description,
            voteStart: a.voteStart,
            voteEnd: a.voteEnd,
            deadline: a.voteEnd,
            votes: { against: 0n, for: 0n, abstain: 0n },
            voters: new Set(),
            queued: false,
            eta: 0n,
            executed: false,
            canceled: false,
            createdAt: t,
            block: e.block,
          });
          return;
        }
        case "VoteCast":
        case "VoteCastWithParams": {
          edit(state, state.proposals, e.args.proposalId, "proposal", (p) => {
            const side = (["against", "for", "abstain"] as const)[e.args.support];
            if (side !== undefined) p.votes[side] += e.args.weight;
            p.voters.add(e.args.voter);
          });
          return;
        }
        case "ProposalExtended":
          edit(state, state.proposals, e.args.proposalId, "proposal", (r) => {
            r.deadline = e.args.extendedDeadline;
          });
          return;
        case "ProposalQueued":
          edit(state, state.proposals, e.args.proposalId, "proposal", (r) =>
            Object.assign(r, {
              queued: true,
              eta: e.args.etaSeconds,
            }),
          );
          return;
        case "ProposalExecuted":
          edit(state, state.proposals, e.args.proposalId, "proposal", (r) => {
            r.executed = true;
          });
          return;
        case "ProposalCanceled":
          edit(state, state.proposals, e.args.proposalId, "proposal", (r) => {
            r.canceled = true;
          });
          return;
        case "VotingDelaySet":
          state.governor.votingDelay = e.args.newVotingDelay;
          return;
        case "VotingPeriodSet":
          state.governor.votingPeriod = e.args.newVotingPeriod;
          return;
        case "ProposalThresholdSet":
          state.governor.proposalThreshold = e.args.newProposalThreshold;
          return;
        case "QuorumNumeratorUpdated":
          state.governor.quorumNumerator = e.args.newQuorumNumerator;
          return;
        case "LateQuorumVoteExtensionSet":
          state.governor.lateQuorumExtension = e.args.newVoteExtension;
          return;
        case "TimelockChange":
          state.governor.timelock = e.args.newTimelock;
          return;
        default:
          return;
      }
  }
}

/** Rebuilds the network's state from a stream of its events (in chain order). Memory grows with the state, not the stream. */
export async function rebuildState(events: AsyncIterable<AuditEvent>): Promise<NetworkState> {
  const state = emptyState();
  for await (const event of events) applyEvent(state, event);
  return state;
}
