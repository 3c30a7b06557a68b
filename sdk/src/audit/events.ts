import {
  zeroAddress,
  type Address,
  type ContractEventName,
  type DecodeEventLogReturnType,
  type Hash,
  type Hex,
} from "viem";

import type { AbiOf, ContractName } from "../contracts.js";
import { describePurpose } from "../purposes.js";
import {
  AUTHORITIES,
  BOOKING_STATUSES,
  bytes32ToText,
  CLOSE_REASONS,
  CONSENTS,
  roleName,
  VOTE_TYPES,
} from "../errors.js";
import { describeRuleChange } from "../format/rules.js";
import { formatDate, formatDuration } from "../format/time.js";
import { ETH_TOKEN, formatAmount, type TokenInfo } from "../format/tokens.js";
import { DOMAINS } from "../reads/taxonomy.js";

/** The events of contract `C`. */
export type EventName<C extends ContractName> = ContractEventName<AbiOf<C>>;

/** The decoded arguments of event `E` of contract `C`. */
export type EventArgs<C extends ContractName, E extends EventName<C>> = DecodeEventLogReturnType<AbiOf<C>, E>["args"];

/** Who and what an event is about: the keys the audit trail is filtered by. */
export interface Subjects {
  /** Addresses of members, applicants and other accounts the event concerns (the actor included). */
  accounts: Address[];
  /** Taxonomy attribute ids (classes included). */
  attributes: number[];
  /** Governor proposal ids. */
  proposals: bigint[];
  /** Resource ids. */
  resources: bigint[];
  /** Market offer ids. */
  offers: bigint[];
  /** Market booking ids. */
  bookings: bigint[];
  /** Market request ids. */
  requests: bigint[];
}

/** One event of the audit trail, normalized: who did what, when, in which block and transaction. */
export interface AuditEventBase {
  chainId: number;
  block: bigint;
  logIndex: number;
  tx: Hash;
  /** The block's timestamp (seconds since the epoch). */
  timestamp: number;
  /** The emitting contract's address. */
  address: Address;
  /** Who acted, when the event says so (the applicant, the admitting leader, the voter, the owner). */
  actor: Address | null;
  subjects: Subjects;
  /** One readable sentence. */
  summary: string;
}

/** A normalized event with its typed arguments: narrow on `contract` and `event` to get the exact arguments. */
export type AuditEvent = {
  [C in ContractName]: {
    [E in EventName<C>]: AuditEventBase & { contract: C; event: E; args: EventArgs<C, E> };
  }[EventName<C>];
}[ContractName];

/** An event's contract, name and typed arguments (what a log decodes to, before the trail's other fields). */
export type DecodedEvent = {
  [C in ContractName]: { [E in EventName<C>]: { contract: C; event: E; args: EventArgs<C, E> } }[EventName<C>];
}[ContractName];

/** What a normalizer says about one event. */
interface Described {
  actor?: Address | null;
  accounts?: Address[];
  attributes?: number[];
  proposals?: bigint[];
  resources?: bigint[];
  offers?: bigint[];
  bookings?: bigint[];
  requests?: bigint[];
  summary: string;
}

/**
 * What a summary may know beyond the event itself, to read as a sentence for people: a token's symbol and decimals,
 * a booking's token, an attribute's name, an account's name. Every part is optional; without it the summary says
 * what the event says (an ERC-20 amount in its smallest units, an attribute by its id, an account by its address),
 * so that an export stays exact and greppable. The machine-readable fields (args, subjects) never depend on it.
 */
export interface SummaryContext {
  /** A payment token's symbol and decimals (ETH, the zero address, is known without it). */
  token?: (address: Address) => TokenInfo | undefined;
  /** The token a booking escrows: BookingSettled does not name it, the booking's BookingCreated does. */
  bookingToken?: (bookingId: bigint) => Address | undefined;
  /** An attribute's (or class's) name, by its taxonomy id. */
  attributeName?: (id: number) => string | undefined;
  /** How an account reads: its full address unless given (the dApp passes a name or the short address). */
  person?: (address: Address) => string;
  /** How a long id or hash reads (proposal ids, document hashes): whole unless given (the dApp shortens them). */
  longId?: (id: bigint | Hex) => string;
  /** How a time (seconds since the epoch) reads: in UTC, named ("7 Dec 2026, 20:36 UTC"), unless given. */
  date?: (seconds: number | bigint) => string;
}

/** The parts of a sentence, from a summary context (see {@link SummaryContext}). */
interface Words {
  who: (account: Address) => string;
  amount: (value: bigint, token: Address | undefined) => string;
  date: (seconds: number | bigint) => string;
  duration: (seconds: number | bigint) => string;
  /** "attributes email (4), phone (5)". */
  attributes: (ids: readonly number[]) => string;
  /** "class bike (3)". */
  cls: (id: number) => string;
  id: (id: bigint | Hex) => string;
  bookingToken: (bookingId: bigint) => Address | undefined;
}

function wordsOf(c: SummaryContext): Words {
  const named = (id: number) => {
    const name = c.attributeName?.(id);
    return name === undefined ? `${id}` : `${name} (${id})`;
  };
  return {
    who: c.person ?? ((account) => account),
    amount(value, token) {
      const info = token === undefined ? undefined : token === zeroAddress ? ETH_TOKEN : c.token?.(token);
      if (info !== undefined) return formatAmount(value, info);
      return token === undefined
        ? `${value} (in the smallest unit of the booking's token)`
        : `${value} of token ${c.person?.(token) ?? token} (in its smallest unit)`;
    },
    date: c.date ?? ((seconds) => formatDate(seconds, { timeZone: "UTC" })),
    duration: formatDuration,
    attributes: (ids) =>
      ids.length === 0 ? "no attributes" : `attribute${ids.length === 1 ? "" : "s"} ${ids.map(named).join(", ")}`,
    cls: (id) => `class ${named(id)}`,
    id: c.longId ?? ((id) => id.toString()),
    bookingToken: c.bookingToken ?? (() => undefined),
  };
}

type Normalizers = {
  [C in ContractName]: { [E in EventName<C>]: (args: EventArgs<C, E>, w: Words) => Described };
};

const code = (value: Hex) => bytes32ToText(value) || "(none)";
const roleGranted = (args: { role: Hex; account: Address; sender: Address }, w: Words): Described => ({
  actor: args.sender,
  accounts: [args.account],
  summary: `${w.who(args.sender)} granted the ${roleName(args.role)} role to ${w.who(args.account)}`,
});
const roleRevoked = (args: { role: Hex; account: Address; sender: Address }, w: Words): Described => ({
  actor: args.sender,
  accounts: [args.account],
  summary: `${w.who(args.sender)} revoked the ${roleName(args.role)} role from ${w.who(args.account)}`,
});
const consentOf = (consent: number, connector: Address, w: Words) =>
  CONSENTS[consent] === "connector"
    ? `through connector ${w.who(connector)}`
    : `by ${CONSENTS[consent] ?? consent} consent`;
/** Which consent of a connection a slot holds, in words (slot 0, the owner's own, reads as the connection). */
const consentSource = (slot: number, article: "a" | "the"): string =>
  slot === 0 ? `${article} connection` : `${article} consent of a booking (slot ${slot})`;

const connection = (
  verb: string,
  a: {
    owner: Address;
    grantee: Address;
    attributeIds: readonly number[];
    purpose: Hex;
    expiresAt: number;
    consent: number;
    connector: Address;
    slot: number;
  },
  w: Words,
): Described => ({
  actor: a.owner,
  accounts: a.connector === zeroAddress ? [a.grantee] : [a.grantee, a.connector],
  attributes: [...a.attributeIds],
  summary: `${w.who(a.owner)} ${verb} ${consentSource(a.slot, "a")} to ${w.who(a.grantee)}: ${w.attributes(a.attributeIds)} for ${describePurpose(a.purpose)} until ${w.date(a.expiresAt)} (${consentOf(a.consent, a.connector, w)})`,
});
const application = (
  verb: string,
  a: { account: Address; developer: Address; name: string; attributeIds: readonly number[]; purpose: Hex },
  w: Words,
): Described => ({
  actor: a.developer,
  accounts: [a.account],
  attributes: [...a.attributeIds],
  summary: `${w.who(a.developer)} ${verb} application "${a.name}" (${w.who(a.account)}) asking for ${w.attributes(a.attributeIds)} for ${describePurpose(a.purpose)}`,
});
/**
 * The subjects of a market event: the party, the offer and the booking or request it concerns (the market indexes
 * (party, offerId, bookingId) and, in the request events, (party, offerId, requestId)), zeros left out.
 */
const market = (a: { party: Address; offerId: bigint; bookingId?: bigint; requestId?: bigint }) => ({
  actor: a.party,
  offers: a.offerId === 0n ? [] : [a.offerId],
  bookings: a.bookingId === undefined || a.bookingId === 0n ? [] : [a.bookingId],
  requests: a.requestId === undefined || a.requestId === 0n ? [] : [a.requestId],
});
const offerTerms = (
  verb: string,
  a: {
    party: Address;
    offerId: bigint;
    bookingId: bigint;
    terms: { classId: number; token: Address; unitPrice: bigint; capacity: bigint; metadata: Hex };
    dataRequest: { attributeIds: readonly number[] };
  },
  w: Words,
): Described => ({
  ...market(a),
  attributes: [a.terms.classId, ...a.dataRequest.attributeIds],
  summary: `${w.who(a.party)} ${verb} offer ${a.offerId}: ${w.cls(a.terms.classId)}, ${w.amount(a.terms.unitPrice, a.terms.token)} a unit, ${a.terms.capacity} unit(s)${a.dataRequest.attributeIds.length === 0 ? "" : `, asking the consumer's ${w.attributes(a.dataRequest.attributeIds)}`} (document ${w.id(a.terms.metadata)})`,
});
const roleAdminChanged = (args: { role: Hex; previousAdminRole: Hex; newAdminRole: Hex }): Described => ({
  summary: `the ${roleName(args.role)} role is administered by ${roleName(args.newAdminRole)} (was ${roleName(args.previousAdminRole)})`,
});

/**
 * Every event of every Weconet contract, normalized. The type requires an entry for each event of each contract,
 * so a new event in Solidity fails the SDK's type check until the audit trail knows it.
 */
const NORMALIZERS: Normalizers = {
  AccessGrants: {
    ConnectionOpened: (a, w) => connection("opened", a, w),
    ConnectionChanged: (a, w) => connection("changed", a, w),
    ConnectionClosed: (a, w) => ({
      actor: a.by,
      accounts: [a.owner, a.grantee],
      summary: `${w.who(a.by)} closed ${consentSource(a.slot, "the")} from ${w.who(a.owner)} to ${w.who(a.grantee)} (${CLOSE_REASONS[a.reason] ?? a.reason})`,
    }),
    AccessRequested: (a, w) => ({
      actor: a.grantee,
      accounts: [a.owner],
      attributes: [...a.attributeIds],
      summary: `${w.who(a.grantee)} asked ${w.who(a.owner)} for ${w.attributes(a.attributeIds)} for ${describePurpose(a.purpose)}, for ${w.duration(a.duration)} (the request lapses ${w.date(a.requestExpiresAt)})`,
    }),
    AccessRequestAccepted: (a, w) => ({
      actor: a.owner,
      accounts: [a.grantee],
      summary: `${w.who(a.owner)} accepted the request of ${w.who(a.grantee)}`,
    }),
    AccessRequestRejected: (a, w) => ({
      actor: a.owner,
      accounts: [a.grantee],
      summary: `${w.who(a.owner)} rejected the request of ${w.who(a.grantee)} (${code(a.reason)})`,
    }),
    AccessRequestCancelled: (a, w) => ({
      actor: a.grantee,
      accounts: [a.owner],
      summary: `${w.who(a.grantee)} withdrew their request to ${w.who(a.owner)}`,
    }),
    NonceInvalidated: (a, w) => ({ actor: a.owner, summary: `${w.who(a.owner)} cancelled signature nonce ${a.nonce}` }),
    SignedGrantUsed: (a, w) => ({
      actor: a.owner,
      summary: `a grant ${w.who(a.owner)} signed with nonce ${a.nonce} was submitted`,
    }),
    ConnectorSet: (a, w) => ({
      actor: a.by,
      accounts: [a.connector],
      summary: `${w.who(a.by)} set connector ${a.id} (${w.who(a.connector)}) ${a.approved ? "approved" : "no longer approved"}`,
    }),
    BootstrapFinished: (a, w) => ({
      actor: a.bootstrapper,
      summary: `${w.who(a.bootstrapper)} ended the bootstrap: only the members' vote approves connectors now`,
    }),
    EIP712DomainChanged: () => ({ summary: "the access grants' EIP-712 domain changed" }),
  },
  Market: {
    OfferListed: (a, w) => offerTerms(`listed for resource ${a.resourceId}`, a, w),
    OfferUpdated: (a, w) => offerTerms(`updated (version ${a.version})`, a, w),
    OfferPaused: (a, w) => ({ ...market(a), summary: `${w.who(a.party)} paused offer ${a.offerId}` }),
    OfferResumed: (a, w) => ({ ...market(a), summary: `${w.who(a.party)} resumed offer ${a.offerId}` }),
    OfferClosed: (a, w) => ({ ...market(a), summary: `${w.who(a.party)} closed offer ${a.offerId}` }),
    RequestPosted: (a, w) => ({
      ...market(a),
      attributes: [a.terms.classId],
      summary: `${w.who(a.party)} posted request ${a.requestId}: ${a.terms.quantity} unit(s) of ${w.cls(a.terms.classId)} at most ${w.amount(a.terms.maxUnitPrice, a.terms.token)} a unit, until ${w.date(a.terms.deadline)}`,
    }),
    RequestCancelled: (a, w) => ({ ...market(a), summary: `${w.who(a.party)} withdrew request ${a.requestId}` }),
    RequestAnswered: (a, w) => ({
      ...market(a),
      summary: `${w.who(a.party)} answered request ${a.requestId} with offer ${a.offerId}`,
    }),
    RequestAccepted: (a, w) => ({
      ...market(a),
      summary: `${w.who(a.party)} accepted offer ${a.offerId} for request ${a.requestId}: booking ${a.bookingId}`,
    }),
    BookingCreated: (a, w) => ({
      ...market(a),
      summary: `${w.who(a.party)} booked ${a.quantity} unit(s) of offer ${a.offerId} (booking ${a.bookingId}), ${w.amount(a.amount, a.token)} in escrow${a.connectionId === 0n ? "" : ", sharing data with the provider"}`,
    }),
    BookingAccepted: (a, w) => ({ ...market(a), summary: `${w.who(a.party)} accepted booking ${a.bookingId}` }),
    BookingDelivered: (a, w) => ({
      ...market(a),
      summary: `${w.who(a.party)} delivered booking ${a.bookingId}; disputes are open until ${w.date(a.windowEnds)}`,
    }),
    DisputeOpened: (a, w) => ({
      ...market(a),
      summary: `${w.who(a.party)} disputed booking ${a.bookingId} (statement ${w.id(a.statement)}); the members' vote may rule from ${w.date(a.membersFrom)}, and from ${w.date(a.finalDeadline)} anyone may settle it by a full refund`,
    }),
    DisputeRuled: (a, w) => ({
      ...market(a),
      summary: `${w.who(a.party)} ruled on booking ${a.bookingId} (ruling ${w.id(a.ruling)})`,
    }),
    BookingSettled: (a, w) => {
      const amount = (value: bigint) => w.amount(value, w.bookingToken(a.bookingId));
      return {
        ...market(a),
        summary: `booking ${a.bookingId} ended ${BOOKING_STATUSES[a.outcome] ?? a.outcome} by ${w.who(a.party)}: refund ${amount(a.refund)}, payment ${amount(a.payment)}, fee ${amount(a.fee)}`,
      };
    },
    Withdrawn: (a, w) => ({ ...market(a), summary: `${w.who(a.party)} withdrew ${w.amount(a.amount, a.token)}` }),
  },
  Applications: {
    EIP712DomainChanged: () => ({ summary: "the application registry's EIP-712 domain changed" }),
    ApplicationRegistered: (a, w) => application("registered", a, w),
    ApplicationUpdated: (a, w) => application("updated", a, w),
    ApplicationSuspended: (a, w) => ({
      actor: a.by,
      accounts: [a.account],
      summary: `${w.who(a.by)} suspended application ${w.who(a.account)} as ${AUTHORITIES[a.authority] ?? a.authority} (${code(a.reason)})`,
    }),
    ApplicationReinstated: (a, w) => ({
      actor: a.by,
      accounts: [a.account],
      summary: `${w.who(a.by)} reinstated application ${w.who(a.account)} as ${AUTHORITIES[a.authority] ?? a.authority}`,
    }),
    ApplicationRetired: (a, w) => ({
      actor: a.developer,
      accounts: [a.account],
      summary: `${w.who(a.developer)} retired application ${w.who(a.account)} for good`,
    }),
  },
  Membership: {
    MembershipApplied: (a, w) => ({ actor: a.applicant, summary: `${w.who(a.applicant)} applied for membership` }),
    ApplicationWithdrawn: (a, w) => ({
      actor: a.applicant,
      summary: `${w.who(a.applicant)} withdrew their application`,
    }),
    ApplicationRejected: (a, w) => ({
      actor: a.by,
      accounts: [a.applicant],
      summary: `${w.who(a.by)} rejected the application of ${w.who(a.applicant)} (${code(a.reason)})`,
    }),
    MemberAdmitted: (a, w) => ({
      actor: a.by === zeroAddress ? null : a.by,
      accounts: [a.member],
      summary:
        a.by === zeroAddress
          ? `${w.who(a.member)} was admitted as a founder`
          : `${w.who(a.by)} admitted ${w.who(a.member)}`,
    }),
    VoteActivated: (a, w) => ({ accounts: [a.member], summary: `the vote of ${w.who(a.member)} counts from now on` }),
    MemberSuspended: (a, w) => ({
      actor: a.by,
      accounts: [a.member],
      summary: `${w.who(a.by)} suspended ${w.who(a.member)} as ${AUTHORITIES[a.authority] ?? a.authority} (${code(a.reason)})`,
    }),
    MemberReinstated: (a, w) => ({
      actor: a.by,
      accounts: [a.member],
      summary: `${w.who(a.by)} reinstated ${w.who(a.member)}`,
    }),
    MemberLeft: (a, w) => ({ actor: a.member, summary: `${w.who(a.member)} left the network` }),
    MemberRemoved: (a, w) => ({
      accounts: [a.member],
      summary: `the members' vote removed ${w.who(a.member)} (${code(a.reason)})`,
    }),
    ProfileUpdated: (a, w) => ({
      accounts: [a.account],
      summary: `${w.who(a.account)} points to profile ${w.id(a.profile)}`,
    }),
    ManagerAppointed: (a, w) => ({
      accounts: [a.previous, a.next].filter((x) => x !== zeroAddress),
      summary: `${w.who(a.next)} became the network manager`,
    }),
    RoleGranted: roleGranted,
    RoleRevoked: roleRevoked,
    RoleAdminChanged: roleAdminChanged,
    Transfer: (a, w) => ({
      accounts: [a.from, a.to].filter((x) => x !== zeroAddress),
      summary:
        a.from === zeroAddress
          ? `member badge ${w.id(a.tokenId)} was minted to ${w.who(a.to)}`
          : a.to === zeroAddress
            ? `member badge ${w.id(a.tokenId)} of ${w.who(a.from)} was burnt`
            : `member badge ${w.id(a.tokenId)} moved from ${w.who(a.from)} to ${w.who(a.to)}`,
    }),
    Locked: (a, w) => ({ summary: `member badge ${w.id(a.tokenId)} is locked (soulbound)` }),
    Unlocked: (a, w) => ({ summary: `member badge ${w.id(a.tokenId)} is unlocked` }),
    Approval: (a, w) => ({
      actor: a.owner,
      accounts: [a.approved],
      summary: `${w.who(a.owner)} approved ${w.who(a.approved)} for badge ${w.id(a.tokenId)}`,
    }),
    ApprovalForAll: (a, w) => ({
      actor: a.owner,
      accounts: [a.operator],
      summary: `${w.who(a.owner)} ${a.approved ? "approved" : "disapproved"} operator ${w.who(a.operator)}`,
    }),
    DelegateChanged: (a, w) => ({
      actor: a.delegator,
      accounts: [a.fromDelegate, a.toDelegate],
      summary: `${w.who(a.delegator)} delegated to ${w.who(a.toDelegate)}`,
    }),
    DelegateVotesChanged: (a, w) => ({
      accounts: [a.delegate],
      summary: `${w.who(a.delegate)} now has ${a.newVotes} vote(s) (was ${a.previousVotes})`,
    }),
    EIP712DomainChanged: () => ({ summary: "the membership's EIP-712 domain changed" }),
  },
  NetworkRules: {
    RuleChanged: (a) => ({ summary: describeRuleChange(bytes32ToText(a.key), a.oldValue, a.newValue) }),
  },
  Resources: {
    ResourceRegistered: (a, w) => ({
      actor: a.owner,
      resources: [a.id],
      attributes: [a.classId],
      summary: `${w.who(a.owner)} registered resource ${a.id} of ${w.cls(a.classId)}`,
    }),
    ResourceUpdated: (a, w) => ({
      actor: a.owner,
      resources: [a.id],
      attributes: [a.classId],
      summary: `${w.who(a.owner)} updated resource ${a.id} (${w.cls(a.classId)})`,
    }),
    ResourceActiveSet: (a, w) => ({
      actor: a.owner,
      resources: [a.id],
      summary: `${w.who(a.owner)} switched resource ${a.id} ${a.active ? "on" : "off"}`,
    }),
  },
  SocketDirectory: {
    SocketSet: (a, w) => ({
      actor: a.member,
      summary: `${w.who(a.member)} keeps their data at the socket ${a.url}`,
    }),
    SocketCleared: (a, w) => ({
      actor: a.member,
      summary: `${w.who(a.member)} dropped their own socket: the network's default serves them`,
    }),
    DefaultSocketSet: (a, w) => ({
      actor: a.by,
      summary: `the network's default socket is ${a.url} (set by ${w.who(a.by)})`,
    }),
  },
  ReceiptAnchors: {
    ReceiptsAnchored: (a, w) => ({
      actor: a.operator,
      summary: `socket operator ${w.who(a.operator)} anchored its receipt logs (#${a.seq}): ${a.receipts} receipt(s), root ${w.id(a.root)}`,
    }),
  },
  Taxonomy: {
    AttributeAdded: (a) => ({
      attributes: a.parent === 0 ? [a.id] : [a.id, a.parent],
      summary: `attribute ${a.id} "${a.name}" (${DOMAINS[a.domain] ?? a.domain}) was added`,
    }),
    AttributeDeprecated: (a, w) => ({
      attributes: [a.id],
      summary: `${w.attributes([a.id])} was deprecated`,
    }),
  },
  WeconetGovernor: {
    ProposalCreated: (a, w) => ({
      actor: a.proposer,
      proposals: [a.proposalId],
      summary: `${w.who(a.proposer)} proposed "${titleOf(a.description)}" (proposal ${w.id(a.proposalId)}), voting from ${w.date(a.voteStart)} until ${w.date(a.voteEnd)}`,
    }),
    VoteCast: (a, w) => ({
      actor: a.voter,
      proposals: [a.proposalId],
      summary: `${w.who(a.voter)} voted ${VOTE_TYPES[a.support] ?? a.support} on proposal ${w.id(a.proposalId)}${a.reason ? `: "${a.reason}"` : ""}`,
    }),
    VoteCastWithParams: (a, w) => ({
      actor: a.voter,
      proposals: [a.proposalId],
      summary: `${w.who(a.voter)} voted ${VOTE_TYPES[a.support] ?? a.support} on proposal ${w.id(a.proposalId)} with parameters`,
    }),
    ProposalQueued: (a, w) => ({
      proposals: [a.proposalId],
      summary: `proposal ${w.id(a.proposalId)} was queued, executable from ${w.date(a.etaSeconds)}`,
    }),
    ProposalExecuted: (a, w) => ({
      proposals: [a.proposalId],
      summary: `proposal ${w.id(a.proposalId)} was executed`,
    }),
    ProposalCanceled: (a, w) => ({
      proposals: [a.proposalId],
      summary: `proposal ${w.id(a.proposalId)} was canceled`,
    }),
    ProposalExtended: (a, w) => ({
      proposals: [a.proposalId],
      summary: `voting on proposal ${w.id(a.proposalId)} was extended to ${w.date(a.extendedDeadline)} (late quorum)`,
    }),
    // The governor's clock is the block timestamp (WeconetGovernor.CLOCK_MODE): its delays and periods are seconds.
    VotingDelaySet: (a, w) => ({
      summary: `voting delay set to ${w.duration(a.newVotingDelay)} (was ${w.duration(a.oldVotingDelay)})`,
    }),
    VotingPeriodSet: (a, w) => ({
      summary: `voting period set to ${w.duration(a.newVotingPeriod)} (was ${w.duration(a.oldVotingPeriod)})`,
    }),
    ProposalThresholdSet: (a) => ({
      summary: `proposal threshold set to ${a.newProposalThreshold} (was ${a.oldProposalThreshold})`,
    }),
    QuorumNumeratorUpdated: (a) => ({
      summary: `quorum set to ${a.newQuorumNumerator}% (was ${a.oldQuorumNumerator}%)`,
    }),
    LateQuorumVoteExtensionSet: (a, w) => ({
      summary: `late-quorum extension set to ${w.duration(a.newVoteExtension)} (was ${w.duration(a.oldVoteExtension)})`,
    }),
    TimelockChange: (a, w) => ({
      summary: `the governor's timelock is ${w.who(a.newTimelock)} (was ${w.who(a.oldTimelock)})`,
    }),
    EIP712DomainChanged: () => ({ summary: "the governor's EIP-712 domain changed" }),
  },
  WeconetTimelock: {
    CallScheduled: (a, w) => ({
      summary: `operation ${w.id(a.id)} call ${a.index} to ${w.who(a.target)} scheduled with a delay of ${w.duration(a.delay)}`,
    }),
    CallSalt: (a, w) => ({ summary: `operation ${w.id(a.id)} has salt ${w.id(a.salt)}` }),
    CallExecuted: (a, w) => ({
      summary: `operation ${w.id(a.id)} call ${a.index} to ${w.who(a.target)} executed`,
    }),
    Cancelled: (a, w) => ({ summary: `operation ${w.id(a.id)} was cancelled` }),
    MinDelayChange: (a, w) => ({
      summary: `timelock delay set to ${w.duration(a.newDuration)} (was ${w.duration(a.oldDuration)})`,
    }),
    RoleGranted: roleGranted,
    RoleRevoked: roleRevoked,
    RoleAdminChanged: roleAdminChanged,
  },
};

/** The title of a proposal description: its first line without the Markdown `#`. */
export function titleOf(description: string): string {
  const first = description.split("\n", 1)[0] ?? "";
  return first.replace(/^#+\s*/, "").trim();
}

/**
 * Who and what a decoded event is about, and its sentence; `context` adds what the event alone does not say (see
 * {@link SummaryContext}): it changes only the sentence.
 */
export function describeEvent<C extends ContractName>(
  contract: C,
  event: EventName<C>,
  args: EventArgs<C, EventName<C>>,
  context: SummaryContext = {},
): { actor: Address | null; subjects: Subjects; summary: string } {
  const normalize = (NORMALIZERS[contract] as Record<string, (args: unknown, w: Words) => Described>)[event];
  if (normalize === undefined) throw new Error(`weconet audit: no normalizer for ${contract}.${event}`);
  const d = normalize(args, wordsOf(context));
  const actor = d.actor ?? null;
  const accounts = [...(actor === null ? [] : [actor]), ...(d.accounts ?? [])];
  return {
    actor,
    subjects: {
      accounts: [...new Set(accounts)],
      attributes: d.attributes ?? [],
      proposals: d.proposals ?? [],
      resources: d.resources ?? [],
      offers: d.offers ?? [],
      bookings: d.bookings ?? [],
      requests: d.requests ?? [],
    },
    summary: d.summary,
  };
}

/** The sentence of an event of the trail, told again with `context` (the dApp's names, tokens and time zone). */
export function summarize(event: AuditEvent, context: SummaryContext = {}): string {
  return describeEvent(event.contract, event.event, event.args as never, context).summary;
}

/**
 * What the trail itself says that later events do not repeat: the token each booking escrows (its BookingCreated)
 * and each attribute's name (its AttributeAdded). Noting the events in chain order, a summary of BookingSettled
 * reads its amounts in the booking's token, and a class or attribute by its name.
 */
export class TrailFacts {
  readonly bookingTokens = new Map<bigint, Address>();
  readonly attributeNames = new Map<number, string>();

  /** Learns what `event` tells (call in chain order); returns it. */
  note<E extends DecodedEvent>(event: E): E {
    const e: DecodedEvent = event;
    if (e.contract === "Market" && e.event === "BookingCreated") this.bookingTokens.set(e.args.bookingId, e.args.token);
    if (e.contract === "Taxonomy" && e.event === "AttributeAdded") this.attributeNames.set(e.args.id, e.args.name);
    return event;
  }

  /** Learns from every event of `events`, in their order. */
  static of(events: Iterable<DecodedEvent>): TrailFacts {
    const facts = new TrailFacts();
    for (const e of events) facts.note(e);
    return facts;
  }

  /** `context` knowing these facts too (what `context` says comes first). */
  context(context: SummaryContext = {}): SummaryContext {
    return {
      ...context,
      bookingToken: (id) => context.bookingToken?.(id) ?? this.bookingTokens.get(id),
      attributeName: (id) => context.attributeName?.(id) ?? this.attributeNames.get(id),
    };
  }
}
