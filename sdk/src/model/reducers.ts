import { stringToHex, zeroAddress, zeroHash, type Address, type Hex } from "viem";

import type { AuditEventBase, EventArgs, EventName } from "../audit/events.js";
import type { ContractName } from "../contracts.js";
import { BOOKING_STATUSES, CLOSE_REASONS, CONSENTS, VOTE_TYPES, type Support } from "../errors.js";
import type { ModelStore } from "./store.js";
import type { KeyOf, RoleContract, RowOf, TableName } from "./tables.js";

/** How a fold treats the trail. */
export interface FoldOptions {
  /**
   * Whether the events are part of the trail (a topic-filtered read): an event about a record never seen created
   * is then skipped, rather than reported as a broken trail.
   */
  partial: boolean;
}

/** Event `E` of contract `C`, normalized, with its typed arguments (for several events: a union to narrow). */
export type EventOf<C extends ContractName, E extends EventName<C>> = E extends unknown
  ? AuditEventBase & { contract: C; event: E; args: EventArgs<C, E> }
  : never;

/** What one event does to the model's rows. */
export type Reducer<C extends ContractName, E extends EventName<C>> = (
  store: ModelStore,
  event: EventOf<C, E>,
  options: FoldOptions,
) => Promise<void>;

/** One reducer per event of every contract: a new event in Solidity fails the type check until it has one. */
export type Reducers = { [C in ContractName]: { [E in EventName<C>]: Reducer<C, E> } };

/** The key of the single settings row. */
export const SETTINGS_KEY = { id: "network" } as const;

/** The settings before any event: nothing known, the cursor before the first event. */
export function initialSettings(): RowOf<"settings"> {
  return {
    id: SETTINGS_KEY.id,
    manager: null,
    votingDelay: 0n,
    votingPeriod: 0n,
    proposalThreshold: 0n,
    quorumNumerator: 0n,
    lateQuorumExtension: 0n,
    timelock: zeroAddress,
    minDelay: 0n,
    bootstrapFinished: false,
    defaultSocket: null,
    events: 0,
    lastBlock: 0n,
    lastLogIndex: -1,
  };
}

export async function settingsOf(store: ModelStore): Promise<RowOf<"settings">> {
  return (await store.get("settings", SETTINGS_KEY)) ?? initialSettings();
}

async function setSettings(store: ModelStore, change: Partial<Omit<RowOf<"settings">, "id">>): Promise<void> {
  await store.put("settings", { ...(await settingsOf(store)), ...change });
}

async function memberOf(store: ModelStore, account: Address): Promise<RowOf<"member">> {
  return (
    (await store.get("member", { account })) ?? {
      account,
      status: "none",
      since: 0,
      memberSince: 0,
      profile: zeroHash,
      votes: 0n,
      suspendedBy: 0,
      badge: false,
    }
  );
}

/** Changes member `account` (an account first named is a newcomer with no status). */
async function setMember(
  store: ModelStore,
  account: Address,
  change: Partial<Omit<RowOf<"member">, "account">>,
): Promise<void> {
  await store.put("member", { ...(await memberOf(store, account)), ...change });
}

async function setOperation(store: ModelStore, id: Hex, change: Partial<Omit<RowOf<"operation">, "id">>) {
  const op = (await store.get("operation", { id })) ?? { id, scheduled: false, executed: false, cancelled: false };
  await store.put("operation", { ...op, ...change });
}

/**
 * Changes the row `key` of `table`. A row that never appeared is an error of the trail (an event about a proposal,
 * request or booking that was never created) — unless the fold is partial (a topic-filtered read skips whatever
 * does not name the filtered subject).
 */
async function edit<T extends TableName>(
  store: ModelStore,
  options: FoldOptions,
  table: T,
  key: KeyOf<T>,
  what: string,
  change: (row: RowOf<T>) => RowOf<T> | Promise<RowOf<T>>,
): Promise<void> {
  const row = await store.get(table, key);
  if (row !== undefined) await store.put(table, await change(row));
  else if (!options.partial) {
    const id = Object.values(key).map(String).join(":");
    throw new Error(`weconet audit: an event names ${what} ${id}, which never appeared`);
  }
}

async function grantRole(store: ModelStore, contract: RoleContract, role: Hex, account: Address, at: number) {
  const previous = await store.get("role", { contract, role, account });
  if (previous?.held === true) return;
  await store.put("role", { contract, role, account, held: true, since: at });
}

async function revokeRole(store: ModelStore, contract: RoleContract, role: Hex, account: Address, at: number) {
  // OpenZeppelin emits RoleRevoked only for a held role; one never granted has nothing to keep.
  const previous = await store.get("role", { contract, role, account });
  if (previous !== undefined) await store.put("role", { ...previous, held: false, since: at });
}

async function credit(store: ModelStore, token: Address, account: Address, amount: bigint): Promise<void> {
  if (amount === 0n) return;
  const previous = await store.get("credit", { token, account });
  await store.put("credit", { token, account, amount: (previous?.amount ?? 0n) + amount });
}

// The NetworkRules keys of the rules a booking keeps (bytes32 short strings, as the contract declares them).
const DISPUTE_WINDOW_KEY = stringToHex("disputeWindow", { size: 32 });
const DISPUTE_RULING_PERIOD_KEY = stringToHex("disputeRulingPeriod", { size: 32 });

async function ruleValue(store: ModelStore, key: Hex): Promise<bigint> {
  return (await store.get("rule", { key }))?.value ?? 0n;
}

/** The tally column of each vote type (typed by the generated enum: a new vote type fails tsc until it has one). */
const TALLY_OF: { readonly [S in Support]: "votesAgainst" | "votesFor" | "votesAbstain" } = {
  against: "votesAgainst",
  for: "votesFor",
  abstain: "votesAbstain",
};

/**
 * The word of enum member `value` in `words` (the generated list). A value the list lacks means the contracts
 * are newer than this SDK's build: the fold stops rather than record a guess.
 */
function known<W extends string>(words: readonly W[], value: number, what: string): W {
  const word = words[value];
  if (word === undefined) throw new Error(`weconet model: ${what} ${value} is unknown to this SDK's build: rebuild it`);
  return word;
}

const nothing = async (): Promise<void> => {};

/** A connection's consent opened or changed: each source (slot) kept separately. */
async function connectionGiven(
  store: ModelStore,
  e: EventOf<"AccessGrants", "ConnectionOpened" | "ConnectionChanged">,
): Promise<void> {
  const a = e.args;
  const previous = await store.get("connection", { id: a.connectionId, slot: a.slot });
  const continues = e.event === "ConnectionChanged" && previous !== undefined && previous.open;
  await store.put("connection", {
    id: a.connectionId,
    slot: a.slot,
    owner: a.owner,
    grantee: a.grantee,
    attributeIds: a.attributeIds,
    purpose: a.purpose,
    expiresAt: a.expiresAt,
    grantedAt: e.timestamp,
    openedAt: continues ? previous.openedAt : e.timestamp,
    consent: known(CONSENTS, a.consent, "consent"),
    connector: a.connector,
    open: true,
    closedAt: null,
    closedBy: null,
    closeReason: null,
    changes: (previous?.changes ?? 0) + 1,
  });
}

async function applicationDescribed(
  store: ModelStore,
  e: EventOf<"Applications", "ApplicationRegistered" | "ApplicationUpdated">,
): Promise<void> {
  const { account, developer, name, metadataURI, attributeIds, purpose } = e.args;
  const previous = await store.get("application", { account });
  await store.put("application", {
    account,
    developer,
    name,
    metadataURI,
    attributeIds,
    purpose,
    status: previous?.status ?? "active",
    // registering anew keeps the status and its suspension, as the registry does
    suspendedBy: previous?.suspendedBy ?? 0,
    // registering anew (the developer left since) restarts the registration time; an update keeps it
    registeredAt: e.event === "ApplicationRegistered" ? e.timestamp : (previous?.registeredAt ?? e.timestamp),
  });
}

async function offerTerms(store: ModelStore, e: EventOf<"Market", "OfferListed" | "OfferUpdated">): Promise<void> {
  const a = e.args;
  const previous = await store.get("offer", { id: a.offerId });
  await store.put("offer", {
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
    dataAttributeIds: a.dataRequest.attributeIds,
    dataPurpose: a.dataRequest.purpose,
    dataDuration: a.dataRequest.duration,
    listedAt: previous?.listedAt ?? e.timestamp,
    updatedAt: e.timestamp,
  });
}

async function voteCast(
  store: ModelStore,
  e: EventOf<"WeconetGovernor", "VoteCast" | "VoteCastWithParams">,
  options: FoldOptions,
): Promise<void> {
  const { proposalId, voter, support, weight, reason } = e.args;
  await edit(store, options, "proposal", { id: proposalId }, "proposal", async (p) => {
    const side = TALLY_OF[known(VOTE_TYPES, support, "vote type")];
    const voted = (await store.get("vote", { proposalId, voter })) !== undefined;
    await store.put("vote", {
      proposalId,
      voter,
      support,
      weight,
      reason,
      block: e.block,
      timestamp: e.timestamp,
      tx: e.tx,
    });
    return { ...p, [side]: p[side] + weight, voters: p.voters + (voted ? 0 : 1) };
  });
}

async function roleGranted(
  store: ModelStore,
  contract: RoleContract,
  e: { timestamp: number; args: { role: Hex; account: Address } },
) {
  await grantRole(store, contract, e.args.role, e.args.account, e.timestamp);
}

async function roleRevoked(
  store: ModelStore,
  contract: RoleContract,
  e: { timestamp: number; args: { role: Hex; account: Address } },
) {
  await revokeRole(store, contract, e.args.role, e.args.account, e.timestamp);
}

/**
 * Every event of every Weconet contract, and what it does to the rows. Events the model deliberately ignores are
 * explicit no-ops, each saying why.
 */
export const REDUCERS = {
  Membership: {
    MembershipApplied: async (s, e) => setMember(s, e.args.applicant, { status: "applicant", since: e.timestamp }),
    ApplicationWithdrawn: async (s, e) =>
      setMember(s, e.args.applicant, { status: "none", since: e.timestamp, profile: zeroHash }),
    ApplicationRejected: async (s, e) =>
      setMember(s, e.args.applicant, { status: "none", since: e.timestamp, profile: zeroHash }),
    MemberAdmitted: async (s, e) =>
      setMember(s, e.args.member, { status: "active", since: e.timestamp, memberSince: e.timestamp }),
    MemberSuspended: async (s, e) => {
      // a higher authority suspending again raises the authority; the suspension's start stays
      const m = await memberOf(s, e.args.member);
      const start = m.status === "suspended" ? {} : { status: "suspended" as const, since: e.timestamp };
      await s.put("member", { ...m, ...start, suspendedBy: e.args.authority });
    },
    MemberReinstated: async (s, e) =>
      setMember(s, e.args.member, { status: "active", since: e.timestamp, suspendedBy: 0 }),
    MemberLeft: async (s, e) =>
      setMember(s, e.args.member, {
        status: "none",
        since: e.timestamp,
        memberSince: 0,
        profile: zeroHash,
        suspendedBy: 0,
      }),
    MemberRemoved: async (s, e) =>
      setMember(s, e.args.member, {
        status: "removed",
        since: e.timestamp,
        memberSince: 0,
        profile: zeroHash,
        suspendedBy: 0,
      }),
    // The vote itself arrives with DelegateVotesChanged in the same transaction.
    VoteActivated: nothing,
    ProfileUpdated: async (s, e) => setMember(s, e.args.account, { profile: e.args.profile }),
    DelegateVotesChanged: async (s, e) => setMember(s, e.args.delegate, { votes: e.args.newVotes }),
    Transfer: async (s, e) => {
      if (e.args.from !== zeroAddress) await setMember(s, e.args.from, { badge: false });
      if (e.args.to !== zeroAddress) await setMember(s, e.args.to, { badge: true });
    },
    ManagerAppointed: async (s, e) => setSettings(s, { manager: e.args.next }),
    RoleGranted: async (s, e) => roleGranted(s, "membership", e),
    RoleRevoked: async (s, e) => roleRevoked(s, "membership", e),
    // Role admins are fixed at deployment; no view the model mirrors depends on them.
    RoleAdminChanged: nothing,
    // The badge is soulbound: locking is part of its minting, not a state the model keeps.
    Locked: nothing,
    Unlocked: nothing,
    // Approvals of a soulbound badge cannot move it; the badge itself is tracked by Transfer.
    Approval: nothing,
    ApprovalForAll: nothing,
    // Delegation is to oneself at activation; the votes it moves arrive as DelegateVotesChanged.
    DelegateChanged: nothing,
    // The EIP-712 domain is the contract's own constant, not network state.
    EIP712DomainChanged: nothing,
  },
  WeconetTimelock: {
    RoleGranted: async (s, e) => roleGranted(s, "timelock", e),
    RoleRevoked: async (s, e) => roleRevoked(s, "timelock", e),
    // Role admins are fixed at deployment; no view the model mirrors depends on them.
    RoleAdminChanged: nothing,
    MinDelayChange: async (s, e) => setSettings(s, { minDelay: e.args.newDuration }),
    CallScheduled: async (s, e) => setOperation(s, e.args.id, { scheduled: true }),
    CallExecuted: async (s, e) => setOperation(s, e.args.id, { executed: true }),
    Cancelled: async (s, e) => setOperation(s, e.args.id, { cancelled: true }),
    // The salt only makes an operation's id unique; the id is what the model keys operations by.
    CallSalt: nothing,
  },
  AccessGrants: {
    ConnectionOpened: async (s, e) => connectionGiven(s, e),
    ConnectionChanged: async (s, e) => connectionGiven(s, e),
    ConnectionClosed: async (s, e) => {
      const key = { id: e.args.connectionId, slot: e.args.slot };
      const c = await s.get("connection", key);
      if (c === undefined) {
        // even a partial read sees a connection's opening: both carry the same indexed owner and grantee
        throw new Error(
          `weconet audit: consent ${e.args.slot} of connection ${e.args.connectionId} closed without ever being opened`,
        );
      }
      await s.put("connection", {
        ...c,
        open: false,
        closedAt: e.timestamp,
        closedBy: e.args.by,
        closeReason: known(CLOSE_REASONS, e.args.reason, "close reason"),
      });
    },
    AccessRequested: async (s, e) => {
      const a = e.args;
      await s.put("accessRequest", {
        connectionId: a.connectionId,
        owner: a.owner,
        grantee: a.grantee,
        attributeIds: a.attributeIds,
        purpose: a.purpose,
        duration: a.duration,
        expiresAt: a.requestExpiresAt,
        requestedAt: e.timestamp,
        status: "pending",
        reason: null,
      });
    },
    AccessRequestAccepted: async (s, e, o) =>
      edit(s, o, "accessRequest", { connectionId: e.args.connectionId }, "request on connection", (r) => ({
        ...r,
        status: "accepted",
      })),
    AccessRequestRejected: async (s, e, o) =>
      edit(s, o, "accessRequest", { connectionId: e.args.connectionId }, "request on connection", (r) => ({
        ...r,
        status: "rejected",
        reason: e.args.reason,
      })),
    AccessRequestCancelled: async (s, e, o) =>
      edit(s, o, "accessRequest", { connectionId: e.args.connectionId }, "request on connection", (r) => ({
        ...r,
        status: "cancelled",
      })),
    ConnectorSet: async (s, e) => {
      const { connector, id, approved, by } = e.args;
      await s.put("connector", { address: connector, id, approved, by });
      await s.put("connectorChange", { block: e.block, logIndex: e.logIndex, connector, approved, by });
    },
    BootstrapFinished: async (s) => setSettings(s, { bootstrapFinished: true }),
    // Used and invalidated signature nonces only stop a signature's replay; no view lists them.
    NonceInvalidated: nothing,
    SignedGrantUsed: nothing,
    // The EIP-712 domain is the contract's own constant, not network state.
    EIP712DomainChanged: nothing,
  },
  Applications: {
    ApplicationRegistered: async (s, e) => applicationDescribed(s, e),
    ApplicationUpdated: async (s, e) => applicationDescribed(s, e),
    ApplicationSuspended: async (s, e, o) =>
      edit(s, o, "application", { account: e.args.account }, "application", (r) => ({
        ...r,
        status: "suspended",
        suspendedBy: e.args.authority,
      })),
    ApplicationReinstated: async (s, e, o) =>
      edit(s, o, "application", { account: e.args.account }, "application", (r) => ({
        ...r,
        status: "active",
        suspendedBy: 0,
      })),
    ApplicationRetired: async (s, e, o) =>
      edit(s, o, "application", { account: e.args.account }, "application", (r) => ({ ...r, status: "retired" })),
    // The EIP-712 domain is the contract's own constant, not network state.
    EIP712DomainChanged: nothing,
  },
  Market: {
    OfferListed: async (s, e) => offerTerms(s, e),
    OfferUpdated: async (s, e) => offerTerms(s, e),
    OfferPaused: async (s, e, o) =>
      edit(s, o, "offer", { id: e.args.offerId }, "offer", (r) => ({ ...r, status: "paused" })),
    OfferResumed: async (s, e, o) =>
      edit(s, o, "offer", { id: e.args.offerId }, "offer", (r) => ({ ...r, status: "active" })),
    OfferClosed: async (s, e, o) =>
      edit(s, o, "offer", { id: e.args.offerId }, "offer", (r) => ({ ...r, status: "closed" })),
    RequestPosted: async (s, e) => {
      const { terms } = e.args;
      await s.put("marketRequest", {
        id: e.args.requestId,
        consumer: e.args.party,
        status: "open",
        classId: terms.classId,
        token: terms.token,
        quantity: terms.quantity,
        maxUnitPrice: terms.maxUnitPrice,
        deadline: terms.deadline,
        metadata: terms.metadata,
        postedAt: e.timestamp,
        answers: [],
        bookingId: null,
      });
    },
    RequestCancelled: async (s, e, o) =>
      edit(s, o, "marketRequest", { id: e.args.requestId }, "request", (r) => ({ ...r, status: "cancelled" })),
    RequestAnswered: async (s, e, o) =>
      edit(s, o, "marketRequest", { id: e.args.requestId }, "request", (r) => ({
        ...r,
        answers: [...r.answers, e.args.offerId],
      })),
    RequestAccepted: async (s, e, o) => {
      await edit(s, o, "marketRequest", { id: e.args.requestId }, "request", (r) => ({
        ...r,
        status: "accepted",
        bookingId: e.args.bookingId,
      }));
      await edit(s, o, "booking", { id: e.args.bookingId }, "booking", (b) => ({ ...b, requestId: e.args.requestId }));
    },
    BookingCreated: async (s, e) => {
      const a = e.args;
      const offer = await s.get("offer", { id: a.offerId });
      if (offer !== undefined) await s.put("offer", { ...offer, booked: offer.booked + a.quantity });
      await s.put("booking", {
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
        // the booking keeps the rules in force when it was made (0 when the fold did not read the rules' events)
        disputeWindow: Number(await ruleValue(s, DISPUTE_WINDOW_KEY)),
        rulingPeriod: Number(await ruleValue(s, DISPUTE_RULING_PERIOD_KEY)),
        windowEnds: 0,
        bookedAt: e.timestamp,
        requestId: null,
        disputeBy: null,
        disputeStatement: null,
        disputeOpenedAt: null,
        disputeMembersFrom: null,
        disputeFinalDeadline: null,
        ruling: null,
        ruledBy: null,
        settledBy: null,
        settledAt: null,
        refund: null,
        payment: null,
        fee: null,
      });
    },
    BookingAccepted: async (s, e, o) =>
      edit(s, o, "booking", { id: e.args.bookingId }, "booking", (b) => ({ ...b, status: "accepted" })),
    BookingDelivered: async (s, e, o) =>
      edit(s, o, "booking", { id: e.args.bookingId }, "booking", (b) => ({
        ...b,
        status: "delivered",
        windowEnds: e.args.windowEnds,
      })),
    DisputeOpened: async (s, e, o) =>
      edit(s, o, "booking", { id: e.args.bookingId }, "booking", (b) => ({
        ...b,
        status: "disputed",
        // the market keeps when the dispute opened where the window's end was
        windowEnds: e.timestamp,
        disputeBy: e.args.party,
        disputeStatement: e.args.statement,
        disputeOpenedAt: e.timestamp,
        disputeMembersFrom: e.args.membersFrom,
        disputeFinalDeadline: e.args.finalDeadline,
        ruling: null,
        ruledBy: null,
      })),
    DisputeRuled: async (s, e, o) =>
      edit(s, o, "booking", { id: e.args.bookingId }, "booking", (b) => ({
        ...b,
        disputeBy: b.disputeBy ?? zeroAddress,
        disputeStatement: b.disputeStatement ?? zeroHash,
        disputeOpenedAt: b.disputeOpenedAt ?? 0,
        disputeMembersFrom: b.disputeMembersFrom ?? 0,
        disputeFinalDeadline: b.disputeFinalDeadline ?? 0,
        ruling: e.args.ruling,
        ruledBy: e.args.party,
      })),
    BookingSettled: async (s, e, o) => {
      const a = e.args;
      await edit(s, o, "booking", { id: a.bookingId }, "booking", async (b) => {
        const outcome = known(BOOKING_STATUSES, a.outcome, "booking outcome");
        // fees are credited to the treasury: the governor's timelock as its events name it
        const { timelock } = await settingsOf(s);
        await credit(s, b.token, b.consumer, a.refund);
        await credit(s, b.token, b.provider, a.payment);
        await credit(s, b.token, timelock, a.fee);
        // Units return to the offer when the consumer got everything back (not for a free booking paid out).
        const offer = await s.get("offer", { id: b.offerId });
        if (offer !== undefined && a.refund === b.amount && outcome !== "completed" && outcome !== "claimed") {
          await s.put("offer", { ...offer, booked: offer.booked - b.quantity });
        }
        return {
          ...b,
          status: outcome,
          settledBy: a.party,
          settledAt: e.timestamp,
          refund: a.refund,
          payment: a.payment,
          fee: a.fee,
        };
      });
    },
    Withdrawn: async (s, e) => {
      // Kept at zero rather than dropped: verification checks every account ever credited. (A withdrawal needs a
      // credit, which a whole trail shows first.)
      const previous = await s.get("credit", { token: e.args.token, account: e.args.party });
      if (previous !== undefined) await s.put("credit", { ...previous, amount: 0n });
    },
  },
  NetworkRules: {
    RuleChanged: async (s, e) => s.put("rule", { key: e.args.key, value: e.args.newValue }),
  },
  Taxonomy: {
    AttributeAdded: async (s, e) => {
      const { id, name, domain, dataType, parent } = e.args;
      await s.put("attribute", { id, name, domain, dataType, parent, deprecated: false });
    },
    AttributeDeprecated: async (s, e) => {
      // an attribute deprecated before the read began is not one the fold can describe: skipped
      const attribute = await s.get("attribute", { id: e.args.id });
      if (attribute !== undefined) await s.put("attribute", { ...attribute, deprecated: true });
    },
  },
  SocketDirectory: {
    SocketSet: async (s, e) => s.put("socket", { account: e.args.member, url: e.args.url }),
    // kept, with "": the default serves them, and verification checks that the pointer is empty
    SocketCleared: async (s, e) => s.put("socket", { account: e.args.member, url: "" }),
    DefaultSocketSet: async (s, e) => setSettings(s, { defaultSocket: e.args.url }),
  },
  ReceiptAnchors: {
    ReceiptsAnchored: async (s, e) => {
      const { operator, root, receipts, seq } = e.args;
      await s.put("anchor", { operator, root, receipts, seq, anchoredAt: e.timestamp, block: e.block });
    },
  },
  Resources: {
    ResourceRegistered: async (s, e) =>
      s.put("resource", {
        id: e.args.id,
        owner: e.args.owner,
        classId: e.args.classId,
        metadata: e.args.metadata,
        active: true,
        registeredAt: e.timestamp,
      }),
    ResourceUpdated: async (s, e) => {
      // a resource registered before the read began is not one the fold can describe: skipped
      const r = await s.get("resource", { id: e.args.id });
      if (r !== undefined) await s.put("resource", { ...r, classId: e.args.classId, metadata: e.args.metadata });
    },
    ResourceActiveSet: async (s, e) => {
      const r = await s.get("resource", { id: e.args.id });
      if (r !== undefined) await s.put("resource", { ...r, active: e.args.active });
    },
  },
  WeconetGovernor: {
    ProposalCreated: async (s, e) => {
      const a = e.args;
      await s.put("proposal", {
        id: a.proposalId,
        proposer: a.proposer,
        targets: a.targets,
        values: a.values,
        calldatas: a.calldatas,
        description: a.description,
        voteStart: a.voteStart,
        voteEnd: a.voteEnd,
        deadline: a.voteEnd,
        votesAgainst: 0n,
        votesFor: 0n,
        votesAbstain: 0n,
        voters: 0,
        queued: false,
        eta: 0n,
        executed: false,
        canceled: false,
        createdAt: e.timestamp,
        block: e.block,
        proposedTx: e.tx,
        queuedTx: null,
        executedTx: null,
        canceledTx: null,
      });
    },
    VoteCast: async (s, e, o) => voteCast(s, e, o),
    VoteCastWithParams: async (s, e, o) => voteCast(s, e, o),
    ProposalExtended: async (s, e, o) =>
      edit(s, o, "proposal", { id: e.args.proposalId }, "proposal", (p) => ({
        ...p,
        deadline: e.args.extendedDeadline,
      })),
    ProposalQueued: async (s, e, o) =>
      edit(s, o, "proposal", { id: e.args.proposalId }, "proposal", (p) => ({
        ...p,
        queued: true,
        eta: e.args.etaSeconds,
        queuedTx: e.tx,
      })),
    ProposalExecuted: async (s, e, o) =>
      edit(s, o, "proposal", { id: e.args.proposalId }, "proposal", (p) => ({
        ...p,
        executed: true,
        executedTx: e.tx,
      })),
    ProposalCanceled: async (s, e, o) =>
      edit(s, o, "proposal", { id: e.args.proposalId }, "proposal", (p) => ({
        ...p,
        canceled: true,
        canceledTx: e.tx,
      })),
    VotingDelaySet: async (s, e) => setSettings(s, { votingDelay: e.args.newVotingDelay }),
    VotingPeriodSet: async (s, e) => setSettings(s, { votingPeriod: e.args.newVotingPeriod }),
    ProposalThresholdSet: async (s, e) => setSettings(s, { proposalThreshold: e.args.newProposalThreshold }),
    QuorumNumeratorUpdated: async (s, e) => setSettings(s, { quorumNumerator: e.args.newQuorumNumerator }),
    LateQuorumVoteExtensionSet: async (s, e) => setSettings(s, { lateQuorumExtension: e.args.newVoteExtension }),
    TimelockChange: async (s, e) => setSettings(s, { timelock: e.args.newTimelock }),
    // The EIP-712 domain is the contract's own constant, not network state.
    EIP712DomainChanged: nothing,
  },
} satisfies Reducers;
