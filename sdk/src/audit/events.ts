import {
  formatEther,
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
  isoTime,
  roleName,
  VOTE_TYPES,
} from "../errors.js";
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

type Normalizers = {
  [C in ContractName]: { [E in EventName<C>]: (args: EventArgs<C, E>) => Described };
};

const code = (value: Hex) => bytes32ToText(value) || "(none)";
const roleGranted = (args: { role: Hex; account: Address; sender: Address }): Described => ({
  actor: args.sender,
  accounts: [args.account],
  summary: `${args.sender} granted the ${roleName(args.role)} role to ${args.account}`,
});
const roleRevoked = (args: { role: Hex; account: Address; sender: Address }): Described => ({
  actor: args.sender,
  accounts: [args.account],
  summary: `${args.sender} revoked the ${roleName(args.role)} role from ${args.account}`,
});
const ids = (attributeIds: readonly number[]) => `[${attributeIds.join(", ")}]`;
const consentOf = (consent: number, connector: Address) =>
  CONSENTS[consent] === "connector" ? `through connector ${connector}` : `by ${CONSENTS[consent] ?? consent} consent`;
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
): Described => ({
  actor: a.owner,
  accounts: a.connector === zeroAddress ? [a.grantee] : [a.grantee, a.connector],
  attributes: [...a.attributeIds],
  summary: `${a.owner} ${verb} ${consentSource(a.slot, "a")} to ${a.grantee}: attributes ${ids(a.attributeIds)} for ${describePurpose(a.purpose)} until ${isoTime(a.expiresAt)} (${consentOf(a.consent, a.connector)})`,
});
const application = (
  verb: string,
  a: { account: Address; developer: Address; name: string; attributeIds: readonly number[]; purpose: Hex },
): Described => ({
  actor: a.developer,
  accounts: [a.account],
  attributes: [...a.attributeIds],
  summary: `${a.developer} ${verb} application "${a.name}" (${a.account}) asking for attributes ${ids(a.attributeIds)} for ${describePurpose(a.purpose)}`,
});
/** An amount of a market token: ETH in ether, an ERC-20 in its smallest units (its decimals are not in the event). */
const amountOf = (value: bigint, token: Address) =>
  token === zeroAddress ? `${formatEther(value)} ETH` : `${value} units of ${token}`;
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
): Described => ({
  ...market(a),
  attributes: [a.terms.classId, ...a.dataRequest.attributeIds],
  summary: `${a.party} ${verb} offer ${a.offerId}: class ${a.terms.classId}, ${amountOf(a.terms.unitPrice, a.terms.token)} a unit, ${a.terms.capacity} unit(s)${a.dataRequest.attributeIds.length === 0 ? "" : `, asking the consumer's attributes ${ids(a.dataRequest.attributeIds)}`} (document ${a.terms.metadata})`,
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
    ConnectionOpened: (a) => connection("opened", a),
    ConnectionChanged: (a) => connection("changed", a),
    ConnectionClosed: (a) => ({
      actor: a.by,
      accounts: [a.owner, a.grantee],
      summary: `${a.by} closed ${consentSource(a.slot, "the")} from ${a.owner} to ${a.grantee} (${CLOSE_REASONS[a.reason] ?? a.reason})`,
    }),
    AccessRequested: (a) => ({
      actor: a.grantee,
      accounts: [a.owner],
      attributes: [...a.attributeIds],
      summary: `${a.grantee} asked ${a.owner} for attributes ${ids(a.attributeIds)} for ${describePurpose(a.purpose)}, for ${a.duration} s (the request lapses at ${isoTime(a.requestExpiresAt)})`,
    }),
    AccessRequestAccepted: (a) => ({
      actor: a.owner,
      accounts: [a.grantee],
      summary: `${a.owner} accepted the request of ${a.grantee}`,
    }),
    AccessRequestRejected: (a) => ({
      actor: a.owner,
      accounts: [a.grantee],
      summary: `${a.owner} rejected the request of ${a.grantee} (${code(a.reason)})`,
    }),
    AccessRequestCancelled: (a) => ({
      actor: a.grantee,
      accounts: [a.owner],
      summary: `${a.grantee} withdrew their request to ${a.owner}`,
    }),
    NonceInvalidated: (a) => ({ actor: a.owner, summary: `${a.owner} cancelled signature nonce ${a.nonce}` }),
    SignedGrantUsed: (a) => ({
      actor: a.owner,
      summary: `a grant ${a.owner} signed with nonce ${a.nonce} was submitted`,
    }),
    ConnectorSet: (a) => ({
      actor: a.by,
      accounts: [a.connector],
      summary: `${a.by} set connector ${a.id} (${a.connector}) ${a.approved ? "approved" : "no longer approved"}`,
    }),
    BootstrapFinished: (a) => ({
      actor: a.bootstrapper,
      summary: `${a.bootstrapper} ended the bootstrap: only the members' vote approves connectors now`,
    }),
    EIP712DomainChanged: () => ({ summary: "the access grants' EIP-712 domain changed" }),
  },
  Market: {
    OfferListed: (a) => offerTerms(`listed for resource ${a.resourceId}`, a),
    OfferUpdated: (a) => offerTerms(`updated (version ${a.version})`, a),
    OfferPaused: (a) => ({ ...market(a), summary: `${a.party} paused offer ${a.offerId}` }),
    OfferResumed: (a) => ({ ...market(a), summary: `${a.party} resumed offer ${a.offerId}` }),
    OfferClosed: (a) => ({ ...market(a), summary: `${a.party} closed offer ${a.offerId}` }),
    RequestPosted: (a) => ({
      ...market(a),
      attributes: [a.terms.classId],
      summary: `${a.party} posted request ${a.requestId}: ${a.terms.quantity} unit(s) of class ${a.terms.classId} at most ${amountOf(a.terms.maxUnitPrice, a.terms.token)} a unit, until ${isoTime(a.terms.deadline)}`,
    }),
    RequestCancelled: (a) => ({ ...market(a), summary: `${a.party} withdrew request ${a.requestId}` }),
    RequestAnswered: (a) => ({
      ...market(a),
      summary: `${a.party} answered request ${a.requestId} with offer ${a.offerId}`,
    }),
    RequestAccepted: (a) => ({
      ...market(a),
      summary: `${a.party} accepted offer ${a.offerId} for request ${a.requestId}: booking ${a.bookingId}`,
    }),
    BookingCreated: (a) => ({
      ...market(a),
      summary: `${a.party} booked ${a.quantity} unit(s) of offer ${a.offerId} (booking ${a.bookingId}), ${amountOf(a.amount, a.token)} in escrow${a.connectionId === 0n ? "" : ", sharing data with the provider"}`,
    }),
    BookingAccepted: (a) => ({ ...market(a), summary: `${a.party} accepted booking ${a.bookingId}` }),
    BookingDelivered: (a) => ({
      ...market(a),
      summary: `${a.party} delivered booking ${a.bookingId}; disputes are open until ${isoTime(a.windowEnds)}`,
    }),
    DisputeOpened: (a) => ({
      ...market(a),
      summary: `${a.party} disputed booking ${a.bookingId} (statement ${a.statement}); the members' vote may rule from ${isoTime(a.membersFrom)}, and from ${isoTime(a.finalDeadline)} anyone may settle it by a full refund`,
    }),
    DisputeRuled: (a) => ({
      ...market(a),
      summary: `${a.party} ruled on booking ${a.bookingId} (ruling ${a.ruling})`,
    }),
    BookingSettled: (a) => ({
      ...market(a),
      summary: `booking ${a.bookingId} ended ${BOOKING_STATUSES[a.outcome] ?? a.outcome} by ${a.party}: refund ${a.refund}, payment ${a.payment}, fee ${a.fee}`,
    }),
    Withdrawn: (a) => ({ ...market(a), summary: `${a.party} withdrew ${amountOf(a.amount, a.token)}` }),
  },
  Applications: {
    EIP712DomainChanged: () => ({ summary: "the application registry's EIP-712 domain changed" }),
    ApplicationRegistered: (a) => application("registered", a),
    ApplicationUpdated: (a) => application("updated", a),
    ApplicationSuspended: (a) => ({
      actor: a.by,
      accounts: [a.account],
      summary: `${a.by} suspended application ${a.account} as ${AUTHORITIES[a.authority] ?? a.authority} (${code(a.reason)})`,
    }),
    ApplicationReinstated: (a) => ({
      actor: a.by,
      accounts: [a.account],
      summary: `${a.by} reinstated application ${a.account} as ${AUTHORITIES[a.authority] ?? a.authority}`,
    }),
    ApplicationRetired: (a) => ({
      actor: a.developer,
      accounts: [a.account],
      summary: `${a.developer} retired application ${a.account} for good`,
    }),
  },
  Membership: {
    MembershipApplied: (a) => ({ actor: a.applicant, summary: `${a.applicant} applied for membership` }),
    ApplicationWithdrawn: (a) => ({ actor: a.applicant, summary: `${a.applicant} withdrew their application` }),
    ApplicationRejected: (a) => ({
      actor: a.by,
      accounts: [a.applicant],
      summary: `${a.by} rejected the application of ${a.applicant} (${code(a.reason)})`,
    }),
    MemberAdmitted: (a) => ({
      actor: a.by === zeroAddress ? null : a.by,
      accounts: [a.member],
      summary: a.by === zeroAddress ? `${a.member} was admitted as a founder` : `${a.by} admitted ${a.member}`,
    }),
    VoteActivated: (a) => ({ accounts: [a.member], summary: `the vote of ${a.member} counts from now on` }),
    MemberSuspended: (a) => ({
      actor: a.by,
      accounts: [a.member],
      summary: `${a.by} suspended ${a.member} as ${AUTHORITIES[a.authority] ?? a.authority} (${code(a.reason)})`,
    }),
    MemberReinstated: (a) => ({ actor: a.by, accounts: [a.member], summary: `${a.by} reinstated ${a.member}` }),
    MemberLeft: (a) => ({ actor: a.member, summary: `${a.member} left the network` }),
    MemberRemoved: (a) => ({
      accounts: [a.member],
      summary: `the members' vote removed ${a.member} (${code(a.reason)})`,
    }),
    ProfileUpdated: (a) => ({ accounts: [a.account], summary: `${a.account} points to profile ${a.profile}` }),
    ManagerAppointed: (a) => ({
      accounts: [a.previous, a.next].filter((x) => x !== zeroAddress),
      summary: `${a.next} became the network manager`,
    }),
    RoleGranted: roleGranted,
    RoleRevoked: roleRevoked,
    RoleAdminChanged: roleAdminChanged,
    Transfer: (a) => ({
      accounts: [a.from, a.to].filter((x) => x !== zeroAddress),
      summary:
        a.from === zeroAddress
          ? `member badge ${a.tokenId} was minted to ${a.to}`
          : a.to === zeroAddress
            ? `member badge ${a.tokenId} of ${a.from} was burnt`
            : `member badge ${a.tokenId} moved from ${a.from} to ${a.to}`,
    }),
    Locked: (a) => ({ summary: `member badge ${a.tokenId} is locked (soulbound)` }),
    Unlocked: (a) => ({ summary: `member badge ${a.tokenId} is unlocked` }),
    Approval: (a) => ({
      actor: a.owner,
      accounts: [a.approved],
      summary: `${a.owner} approved ${a.approved} for badge ${a.tokenId}`,
    }),
    ApprovalForAll: (a) => ({
      actor: a.owner,
      accounts: [a.operator],
      summary: `${a.owner} ${a.approved ? "approved" : "disapproved"} operator ${a.operator}`,
    }),
    DelegateChanged: (a) => ({
      actor: a.delegator,
      accounts: [a.fromDelegate, a.toDelegate],
      summary: `${a.delegator} delegated to ${a.toDelegate}`,
    }),
    DelegateVotesChanged: (a) => ({
      accounts: [a.delegate],
      summary: `${a.delegate} now has ${a.newVotes} vote(s) (was ${a.previousVotes})`,
    }),
    EIP712DomainChanged: () => ({ summary: "the membership's EIP-712 domain changed" }),
  },
  NetworkRules: {
    RuleChanged: (a) => ({ summary: `rule ${bytes32ToText(a.key)} changed from ${a.oldValue} to ${a.newValue}` }),
  },
  Resources: {
    ResourceRegistered: (a) => ({
      actor: a.owner,
      resources: [a.id],
      attributes: [a.classId],
      summary: `${a.owner} registered resource ${a.id} of class ${a.classId}`,
    }),
    ResourceUpdated: (a) => ({
      actor: a.owner,
      resources: [a.id],
      attributes: [a.classId],
      summary: `${a.owner} updated resource ${a.id} (class ${a.classId})`,
    }),
    ResourceActiveSet: (a) => ({
      actor: a.owner,
      resources: [a.id],
      summary: `${a.owner} switched resource ${a.id} ${a.active ? "on" : "off"}`,
    }),
  },
  SocketDirectory: {
    SocketSet: (a) => ({ actor: a.member, summary: `${a.member} keeps their data at the socket ${a.url}` }),
    SocketCleared: (a) => ({
      actor: a.member,
      summary: `${a.member} dropped their own socket: the network's default serves them`,
    }),
    DefaultSocketSet: (a) => ({ actor: a.by, summary: `the network's default socket is ${a.url} (set by ${a.by})` }),
  },
  ReceiptAnchors: {
    ReceiptsAnchored: (a) => ({
      actor: a.operator,
      summary: `socket operator ${a.operator} anchored its receipt logs (#${a.seq}): ${a.receipts} receipt(s), root ${a.root}`,
    }),
  },
  Taxonomy: {
    AttributeAdded: (a) => ({
      attributes: a.parent === 0 ? [a.id] : [a.id, a.parent],
      summary: `attribute ${a.id} "${a.name}" (${DOMAINS[a.domain] ?? a.domain}) was added`,
    }),
    AttributeDeprecated: (a) => ({ attributes: [a.id], summary: `attribute ${a.id} was deprecated` }),
  },
  WeconetGovernor: {
    ProposalCreated: (a) => ({
      actor: a.proposer,
      proposals: [a.proposalId],
      summary: `${a.proposer} proposed "${titleOf(a.description)}" (${a.proposalId})`,
    }),
    VoteCast: (a) => ({
      actor: a.voter,
      proposals: [a.proposalId],
      summary: `${a.voter} voted ${VOTE_TYPES[a.support] ?? a.support} on ${a.proposalId}${a.reason ? `: "${a.reason}"` : ""}`,
    }),
    VoteCastWithParams: (a) => ({
      actor: a.voter,
      proposals: [a.proposalId],
      summary: `${a.voter} voted ${VOTE_TYPES[a.support] ?? a.support} on ${a.proposalId} with parameters`,
    }),
    ProposalQueued: (a) => ({
      proposals: [a.proposalId],
      summary: `proposal ${a.proposalId} was queued, executable from ${a.etaSeconds}`,
    }),
    ProposalExecuted: (a) => ({ proposals: [a.proposalId], summary: `proposal ${a.proposalId} was executed` }),
    ProposalCanceled: (a) => ({ proposals: [a.proposalId], summary: `proposal ${a.proposalId} was canceled` }),
    ProposalExtended: (a) => ({
      proposals: [a.proposalId],
      summary: `voting on ${a.proposalId} was extended to ${a.extendedDeadline} (late quorum)`,
    }),
    VotingDelaySet: (a) => ({ summary: `voting delay set to ${a.newVotingDelay} s (was ${a.oldVotingDelay})` }),
    VotingPeriodSet: (a) => ({ summary: `voting period set to ${a.newVotingPeriod} s (was ${a.oldVotingPeriod})` }),
    ProposalThresholdSet: (a) => ({
      summary: `proposal threshold set to ${a.newProposalThreshold} (was ${a.oldProposalThreshold})`,
    }),
    QuorumNumeratorUpdated: (a) => ({
      summary: `quorum set to ${a.newQuorumNumerator}% (was ${a.oldQuorumNumerator}%)`,
    }),
    LateQuorumVoteExtensionSet: (a) => ({
      summary: `late-quorum extension set to ${a.newVoteExtension} s (was ${a.oldVoteExtension})`,
    }),
    TimelockChange: (a) => ({ summary: `the governor's timelock is ${a.newTimelock} (was ${a.oldTimelock})` }),
    EIP712DomainChanged: () => ({ summary: "the governor's EIP-712 domain changed" }),
  },
  WeconetTimelock: {
    CallScheduled: (a) => ({
      summary: `operation ${a.id} call ${a.index} to ${a.target} scheduled with a delay of ${a.delay} s`,
    }),
    CallSalt: (a) => ({ summary: `operation ${a.id} has salt ${a.salt}` }),
    CallExecuted: (a) => ({ summary: `operation ${a.id} call ${a.index} to ${a.target} executed` }),
    Cancelled: (a) => ({ summary: `operation ${a.id} was cancelled` }),
    MinDelayChange: (a) => ({ summary: `timelock delay set to ${a.newDuration} s (was ${a.oldDuration})` }),
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

/** Who and what a decoded event is about, and its sentence. */
export function describeEvent<C extends ContractName>(
  contract: C,
  event: EventName<C>,
  args: EventArgs<C, EventName<C>>,
): { actor: Address | null; subjects: Subjects; summary: string } {
  const normalize = (NORMALIZERS[contract] as Record<string, (args: unknown) => Described>)[event];
  if (normalize === undefined) throw new Error(`weconet audit: no normalizer for ${contract}.${event}`);
  const d = normalize(args);
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
