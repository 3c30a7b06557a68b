/**
 * Contract errors in words: a sentence for every custom error of every Weconet contract (its own, else its NatSpec
 * with the arguments), the ERC-20 errors a payment token raises, and the translation of anything thrown while
 * talking to the chain into a WeconetError. Apart from errors.ts because it needs every contract's ABI and every
 * error's NatSpec: code that only names statuses or throws a WeconetError (the dApp's pages, the data socket's
 * client) does not load them with it. errors.ts re-exports what is public here.
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  InsufficientFundsError,
  IntrinsicGasTooLowError,
  decodeErrorResult,
  isHex,
  parseAbi,
  type AbiParameterToPrimitiveType,
  type ContractErrorArgs,
  type ContractErrorName,
  type Hex,
} from "viem";

import { allAbiItems, type abis, type ContractName } from "./contracts.js";
import {
  APPLICATION_STATUSES,
  AUTHORITIES,
  bytes32ToText,
  MEMBER_STATUSES,
  OutOfGasError,
  PROPOSAL_STATES,
  roleName,
  VOTE_TYPES,
  WeconetError,
  type WeconetErrorName,
} from "./errors.js";
import { formatDate } from "./format/time.js";
import { enumWord, enumWords, ERRORS, NUMBERS, type EnumName } from "./vocabulary.js";

type AllAbis = (typeof abis)[ContractName];

/** A contract time (seconds since the epoch) as a date in UTC, so a message reads the same wherever it is printed. */
const utcDate = (seconds: number | bigint) => formatDate(seconds, { timeZone: "UTC" });

/** Timelock operation states, in the order of OpenZeppelin's `TimelockController.OperationState`. */
const OPERATION_STATES = enumWords("TimelockController.OperationState");

/** Who may impose a suspension, by the value of `Authority`, as a phrase. */
const authority = (level: number) => AUTHORITIES[level] ?? `authority ${level}`;

/**
 * The authorities from the highest down ("the members' vote > the manager > a leader"). A function, as everything
 * here that reads errors.ts: errors.ts re-exports this module, so this module's top level runs before errors.ts has
 * defined its lists.
 */
const authorityOrder = () => AUTHORITIES.slice(1).reverse().join(" > ");

const token = (address: string) => (/^0x0{40}$/.test(address) ? "ETH" : `token ${address}`);

/** A number of seconds, with the largest whole unit it is in ("604800 s (7 days)"), for messages. */
function seconds(value: number | bigint): string {
  const s = BigInt(value);
  for (const [unit, size] of [
    ["day", 86_400n],
    ["hour", 3600n],
    ["minute", 60n],
  ] as const) {
    if (s >= size && s % size === 0n) return `${s} s (${s / size} ${unit}${s === size ? "" : "s"})`;
  }
  return `${s} s`;
}

/** "a, b or c". */
function either(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1) ?? ""}`;
}

/** Which of a bitmap of states (OpenZeppelin's `expectedStates`) are set, as words. */
function statesIn(bitmap: Hex, names: readonly string[]): string {
  const bits = BigInt(bitmap);
  const set = names.filter((_, i) => (bits >> BigInt(i)) & 1n);
  return set.length === 0 ? "none" : set.join(" or ");
}

type ErrorItem<N extends WeconetErrorName> = Extract<AllAbis[number], { type: "error"; name: N }>;

/** An error's arguments by their Solidity names (from the ABI: a renamed argument fails the type check here). */
export type ErrorArgs<N extends WeconetErrorName> = {
  readonly [P in ErrorItem<N>["inputs"][number] as P["name"]]: AbiParameterToPrimitiveType<P>;
};

type Messages = { [N in WeconetErrorName]?: (args: ErrorArgs<N>) => string };

type ErrorEntry = (typeof ERRORS)[keyof typeof ERRORS];
type ErrorParam = ErrorEntry["params"][number];

/** One argument as a sentence shows it: an enum as its word, a `uint48` (the contracts' time) as a date, a short code as text. */
function argumentText(param: ErrorParam, value: unknown): string {
  if ("enum" in param && param.enum === "Authority") return authority(value as number);
  if ("enum" in param) return enumWord(param.enum as EnumName, value as number);
  if (param.type === "uint48") return utcDate(value as number);
  if (param.type === "bytes32") return bytes32ToText(value as Hex) || (value as string);
  return String(value);
}

/**
 * An error's sentence from its NatSpec (`@notice`, else `@dev`): each `` `argument` `` replaced by its value, each
 * `{CONSTANT}` by the constant's value (`{Contract.CONSTANT}` or one of the declaring contract's).
 */
export function natSpecSentence(name: string, args: readonly unknown[]): string | undefined {
  const entry: ErrorEntry | undefined = (ERRORS as Record<string, ErrorEntry>)[name];
  if (entry === undefined) return undefined;
  const text = "notice" in entry ? entry.notice : "dev" in entry ? entry.dev : undefined;
  const params: readonly ErrorParam[] = entry.params;
  if (text === undefined) return `${name}(${params.map((p, i) => `${p.name} ${argumentText(p, args[i])}`).join(", ")})`;
  const numbers = NUMBERS as Record<string, Record<string, bigint> | undefined>;
  return text
    .replace(/`([^`]+)`/g, (_, word: string) => {
      const at = params.findIndex((p) => p.name === word);
      const param = params[at];
      return param === undefined ? word : argumentText(param, args[at]);
    })
    .replace(/\{(?:([A-Za-z_]\w*)\.)?([A-Za-z_][\w-]*)\}/g, (_, owner: string | undefined, constant: string) => {
      const value = numbers[owner ?? entry.declaredIn]?.[constant];
      return value === undefined ? constant : value.toString();
    });
}

/** Positional arguments by the error's Solidity argument names. */
function named(name: string, args: readonly unknown[]): Record<string, unknown> {
  const entry: ErrorEntry | undefined = (ERRORS as Record<string, ErrorEntry>)[name];
  const params: readonly ErrorParam[] = entry?.params ?? [];
  return Object.fromEntries(params.map((p, i) => [p.name, args[i]]));
}

/**
 * A readable sentence for the custom errors where the contract's NatSpec alone reads too thin (the SDK knows what
 * to do next, or an enum or time deserves words). Every other error reads its NatSpec with its arguments (see
 * {@link natSpecSentence}), so a new error in Solidity has a sentence without a change here.
 */
const MESSAGES: Messages = {
  // Membership
  MembershipAlreadyManager: ({ account }) => `${account} is the network manager already.`,
  MembershipApplicationsClosed: () => "The network does not accept applications now (admission policy: closed).",
  MembershipBadgeLocked: ({ tokenId }) => `Member badge ${tokenId} is personal: it cannot be transferred or approved.`,
  MembershipEmptyProfile: () => "A profile pointer (the content hash of the off-chain profile) must not be zero.",
  MembershipInvalidFounders: () => "The founders must name exactly one manager, with valid roles and no duplicates.",
  MembershipInvalidStatus: ({ account, status }) =>
    `${account} is ${MEMBER_STATUSES[status] ?? `status ${status}`}, which does not allow this action.`,
  MembershipManagerIsAppointed: () =>
    "The manager role is not granted, revoked or renounced: the members' vote appoints a new manager.",
  MembershipManagerMustBeReplaced: ({ manager }) =>
    `${manager} is the network manager and must first be replaced by the members' vote.`,
  MembershipNotMember: ({ account }) => `${account} is not a member of the network.`,
  MembershipVoteAlreadyActive: ({ member }) => `The vote of ${member} counts already.`,
  MembershipNotActiveMember: ({ account }) => `${account} is not an active member.`,
  MembershipVotesNotDelegable: () => "A member's vote is their own: it cannot be delegated.",
  MembershipZeroAddress: () => "The membership needs the governance executor and the rules contract.",
  // Resources
  ResourcesActiveUnchanged: ({ id, active }) => `Resource ${id} is already ${active ? "active" : "inactive"}.`,
  ResourcesEmptyMetadata: () => "A resource description pointer (content hash) must not be zero.",
  ResourcesInvalidClass: ({ classId }) => `Attribute ${classId} is not an active resource class of the taxonomy.`,
  ResourcesNotActiveMember: ({ account }) => `${account} is not an active member, and only members have resources.`,
  ResourcesUnknownResource: ({ id }) => `There is no resource ${id}.`,
  ResourcesZeroAddress: () => "Resources needs the membership and taxonomy contracts.",
  // SocketDirectory (where members' data lives)
  SocketDirectoryDefaultUnchanged: () => "The network's default socket is this URL already.",
  SocketDirectoryEmptyUrl: () => "A socket URL must not be empty.",
  SocketDirectoryNoSocket: ({ member }) =>
    `${member} named no socket of their own: the network's default serves them already.`,
  SocketDirectoryNotActiveMember: ({ account }) =>
    `${account} is not an active member, and only active members name their socket.`,
  SocketDirectorySocketUnchanged: ({ member }) => `${member}'s socket is this URL already.`,
  SocketDirectoryUrlInvalidCharacter: ({ index }) =>
    `A socket URL must be printable ASCII without spaces: the byte at position ${index} is not.`,
  SocketDirectoryUrlNotHttp: () => "A socket URL must start with http:// or https:// followed by the host.",
  SocketDirectoryUrlTooLong: ({ length, max }) => `A socket URL of ${length} bytes is too long: at most ${max}.`,
  SocketDirectoryZeroAddress: () => "The socket directory needs the membership contract.",
  // ReceiptAnchors (the data sockets' receipt logs)
  ReceiptAnchorsCountNotIncreasing: ({ previous, receipts }) =>
    `An anchor must cover more receipts than the operator's previous one (${previous}); ${receipts} does not: a receipt log only grows.`,
  ReceiptAnchorsZeroRoot: () => "A receipt anchor needs a Merkle root (not zero).",
  // AccessGrants (data connections)
  AccessGrantsConnectorUnchanged: ({ connector, approved }) =>
    `Connector ${connector} is ${approved ? "approved" : "not approved"} already.`,
  AccessGrantsEmptyPurpose: () => "A connection needs a purpose code (a short code or a hash, never personal text).",
  AccessGrantsInvalidConnector: ({ connector }) => `${connector} cannot be a connector.`,
  AccessGrantsInvalidDuration: ({ duration, max }) =>
    `A duration of ${duration} s is not allowed: it must be positive and at most ${max} s (the maximum grant duration).`,
  AccessGrantsInvalidExpiry: ({ expiresAt, latest }) =>
    `Expiry ${utcDate(expiresAt)} is not allowed: it must be in the future and no later than ${utcDate(latest)} (the maximum grant duration from now).`,
  AccessGrantsInvalidGrantee: ({ grantee }) =>
    `${grantee} can receive no access: it is neither an active member nor a live application.`,
  AccessGrantsInvalidNonce: ({ owner, nonce, expected }) =>
    `The signed grant's nonce ${nonce} is not the next one of ${owner} (expected ${expected}): used, cancelled or out of order.`,
  AccessGrantsInvalidSignature: ({ owner }) => `The signature is not a grant signed by ${owner}.`,
  AccessGrantsNoConnection: ({ owner, grantee }) => `There is no connection from ${owner} to ${grantee}.`,
  AccessGrantsNotActiveMember: ({ account }) => `${account} is not an active member.`,
  AccessGrantsConnectorNotContract: ({ connector }) =>
    `${connector} has no code: the bootstrapper may approve only contracts (the deployment's own market) as connectors.`,
  AccessGrantsNoFreeSlot: ({ owner, grantee }) =>
    `${owner} already has ${NUMBERS.AccessGrants.MAX_CONSENT_SLOT} bookings with data running with ${grantee}: settle one before booking more.`,
  AccessGrantsStaleSignature: ({ owner, issuedAt, memberSince: since }) =>
    `The signed grant was issued at ${utcDate(issuedAt)}: before ${owner}'s current membership began (${utcDate(since)}) or in the future. ${owner} must sign again.`,
  AccessGrantsRequestMismatch: ({ owner, grantee }) =>
    `What ${owner} accepts differs from what ${grantee} requested (attributes, purpose or duration).`,
  AccessGrantsSelfGrant: ({ owner }) => `${owner} cannot connect to themselves.`,
  AccessGrantsSignatureExpired: ({ deadline }) => `The signed grant's deadline ${utcDate(deadline)} has passed.`,
  AccessGrantsTooManyConnectors: () =>
    `The most connectors that can ever be approved (${NUMBERS.AccessGrants.MAX_CONNECTORS}) have been approved.`,
  PersonAttributesEmpty: () => "The set of attributes is empty: name at least one.",
  PersonAttributesNotPersonAttribute: ({ id }) =>
    `Attribute ${id} is not an active person attribute (unknown, deprecated, or of another domain).`,
  PersonAttributesUnsorted: ({ id }) =>
    `Attribute ${id} is out of order or repeated: attribute ids must be strictly increasing.`,
  // Applications
  ApplicationsConsentExpired: ({ deadline }) =>
    `The application account's consent lapsed at ${utcDate(deadline)}: the account must sign again.`,
  ApplicationsInvalidConsent: ({ account }) =>
    `The signature is not ${account}'s consent to this registration: the application account itself must sign (for this developer, with its current nonce).`,
  ApplicationsInsufficientAuthority: ({ caller, required, actual }) =>
    `${caller} acts as ${authority(actual)}: this needs ${authority(required)} or higher (${authorityOrder()}).`,
  ApplicationsEmptyPurpose: () => "An application needs a purpose code.",
  ApplicationsInvalidStatus: ({ account, status: s }) =>
    `Application ${account} is ${APPLICATION_STATUSES[s] ?? `status ${s}`}, which does not allow this action.`,
  ApplicationsNotOverseer: ({ caller }) =>
    `${caller} may not do this: only a network leader, the manager or the members' vote.`,
  // Market
  MarketAmountTooLarge: () => "The price times the quantity is too large for the escrow.",
  MarketConsentMismatch: ({ offerId }) =>
    `The consent does not repeat offer ${offerId}'s data request exactly (attributes, purpose, duration).`,
  MarketDisputeWindowOpen: ({ bookingId, windowEnds }) =>
    `The dispute window of booking ${bookingId} is open until ${utcDate(windowEnds)}: the payment can be claimed after it.`,
  MarketInsufficientCapacity: ({ offerId, requested, remaining }) =>
    `Offer ${offerId} has ${remaining} unit(s) left, fewer than the ${requested} asked for.`,
  MarketInvalidCapacity: ({ capacity, booked }) =>
    `A capacity of ${capacity} is not allowed: it must be positive and at least the ${booked} unit(s) booked.`,
  MarketInvalidClass: ({ classId }) => `Attribute ${classId} is not an active class of the resource or offer domain.`,
  MarketInvalidDataAttribute: ({ attributeId: id }) =>
    `Attribute ${id} is not an active person attribute, or the data request's ids are not strictly increasing.`,
  MarketInvalidDeadline: ({ deadline }) => `The deadline ${utcDate(deadline)} is not in the future.`,
  MarketInvalidQuantity: () => "At least one unit is needed.",
  MarketInvalidToken: ({ token: address }) => `${address} is neither ETH (the zero address) nor a token contract.`,
  MarketInvalidValidity: ({ validFrom, validUntil }) =>
    `The validity ${utcDate(validFrom)} – ${utcDate(validUntil)} ends before it begins or has ended already.`,
  MarketNotConsumer: ({ caller, consumer }) => `${caller} is not the consumer (${consumer}).`,
  MarketNotLeader: ({ caller }) =>
    `${caller} is not an active network leader: only leaders (and, after their ruling period, the members' vote) rule on disputes.`,
  MarketRulingClosed: ({ bookingId, finalDeadline }) =>
    `Nobody may rule on the dispute over booking ${bookingId} any more: its final deadline passed at ${utcDate(finalDeadline)}. Anyone may now settle it by the default outcome (full refund to the consumer).`,
  MarketDisputeNotExpired: ({ bookingId, finalDeadline }) =>
    `The dispute over booking ${bookingId} can be settled by the default outcome (full refund) only from ${utcDate(finalDeadline)}; until then the leaders (and, after their ruling period, the members' vote) rule.`,
  MarketNotProvider: ({ caller, provider }) => `${caller} is not the provider (${provider}).`,
  MarketNothingToWithdraw: ({ account, token: t }) => `${account} has no ${token(t)} to withdraw.`,
  MarketOfferChanged: ({ offerId, expected, current }) =>
    `Offer ${offerId} changed since it was read (version ${expected}, now ${current}): look at it again before booking.`,
  MarketOwnOffer: ({ offerId }) => `A provider cannot book or answer with their own offer ${offerId}.`,
  MarketRefundTooLarge: ({ refund, amount }) => `A refund of ${refund} exceeds the ${amount} in escrow.`,
  MarketResourceUnavailable: ({ resourceId }) =>
    `Resource ${resourceId} is not available: switched off, its owner not an active member, or from an earlier membership.`,
  MarketTokenShortfall: ({ token: t, expected, received }) =>
    `${token(t)} delivered ${received} where ${expected} was transferred (fee-on-transfer tokens are not accepted).`,
  MarketUnknownBooking: ({ bookingId }) => `There is no booking ${bookingId}.`,
  MarketUnknownOffer: ({ offerId }) => `There is no offer ${offerId}.`,
  MarketUnknownRequest: ({ requestId }) => `There is no request ${requestId}.`,
  MarketWrongPayment: ({ sent, expected }) => `${sent} wei of ETH was sent where ${expected} was due.`,
  // Rules and governed contracts
  InvalidRuleValue: ({ key, value }) => `${value} is outside the bounds of rule "${bytes32ToText(key)}".`,
  NotGovernance: ({ caller }) => `${caller} is not the governance executor: only the members' vote can do this.`,
  UnknownRule: ({ key }) => `There is no rule "${bytes32ToText(key)}".`,
  // Taxonomy
  TaxonomyDuplicateName: ({ name, id }) => `An attribute named "${name}" exists already (id ${id}).`,
  TaxonomyInvalidName: ({ name }) =>
    `"${name}" is not a valid attribute name (1–${NUMBERS.Taxonomy.MAX_NAME_LENGTH} of a-z, 0-9 and _, starting with a letter).`,
  TaxonomyInvalidParent: ({ parent }) => `Attribute ${parent} is not an active class of the new attribute's domain.`,
  TaxonomyUnknownAttribute: ({ id }) => `There is no attribute ${id}.`,
  TaxonomyUnknownName: ({ name }) => `There is no attribute named "${name}".`,
  // Governor
  WeconetGovernorEmptyDescription: () => "A proposal needs a description (a '# Title' line, then what and why).",
  WeconetGovernorNoVotingPower: ({ account }) =>
    `${account} cannot vote on this proposal: they had no vote at its snapshot (not a member then, or still on probation).`,
  WeconetGovernorProposerNotActive: ({ account }) =>
    `${account} may not propose: only active members (not suspended) may.`,
  WeconetGovernorVotingDelayTooLong: ({ votingDelay: delay, maxVotingDelay: max }) =>
    `A voting delay of ${delay} s is longer than the longest allowed, ${seconds(max)}.`,
  WeconetGovernorVotingPeriodTooLong: ({ votingPeriod: period, maxVotingPeriod: max }) =>
    `A voting period of ${period} s is longer than the longest allowed, ${seconds(max)}.`,
  GovernorLateQuorumBoundAboveVotingPeriod: ({ maxVoteExtension: bound, votingPeriod: period }) =>
    `A late-quorum bound of ${bound} s is longer than the voting period (${period} s).`,
  GovernorLateQuorumBoundTooLarge: ({ maxVoteExtension: bound, limit: max }) =>
    `A late-quorum bound of ${bound} s is longer than the longest allowed, ${seconds(max)}.`,
  GovernorAlreadyCastVote: ({ voter }) => `${voter} has voted on this proposal already.`,
  GovernorAlreadyQueuedProposal: ({ proposalId: id }) => `Proposal ${id} is queued already.`,
  GovernorDisabledDeposit: () => "The governor does not accept deposits: send funds to the timelock (the treasury).",
  GovernorInsufficientProposerVotes: ({ proposer, votes, threshold }) =>
    `${proposer} has ${votes} vote(s); proposing needs ${threshold}: only active members propose.`,
  GovernorInvalidProposalLength: ({ targets, calldatas, values }) =>
    `A proposal needs as many targets (${targets}), calls (${calldatas}) and values (${values}), and at least one.`,
  GovernorInvalidQuorumFraction: ({ quorumNumerator: numerator, quorumDenominator: denominator }) =>
    `A quorum of ${numerator}/${denominator} is not a valid fraction.`,
  GovernorInvalidSignature: ({ voter }) => `The signature is not a valid ballot signed by ${voter}.`,
  GovernorInvalidVoteParams: () => "This governor takes no vote parameters.",
  GovernorInvalidVoteType: () => `A vote is ${either(VOTE_TYPES.map((word, value) => `${value} (${word})`))}.`,
  GovernorInvalidVotingPeriod: ({ votingPeriod: period }) => `A voting period of ${period} s is not allowed.`,
  GovernorNonexistentProposal: ({ proposalId: id }) => `There is no proposal ${id}.`,
  GovernorOnlyExecutor: ({ account }) => `${account} is not the governance executor (the timelock).`,
  GovernorPreventLateQuorumVoteExtensionTooLarge: ({ newVoteExtension: extension, maxVoteExtension: max }) =>
    `A late-quorum extension of ${extension} s exceeds the maximum of ${max} s.`,
  GovernorProposalQueueingFailed: ({ proposalId: id }) => `Proposal ${id} could not be queued.`,
  GovernorProposalQueueingNotRequired: ({ proposalId: id }) => `Proposal ${id} does not need queueing.`,
  GovernorRestrictedProposer: ({ proposer }) => `${proposer} may not submit this proposal.`,
  GovernorUnableToCancel: ({ proposalId: id, account }) =>
    `${account} cannot cancel proposal ${id} (only before voting starts).`,
  GovernorUnexpectedProposalState: ({ proposalId: id, current, expectedStates: expected }) =>
    `Proposal ${id} is ${PROPOSAL_STATES[current] ?? current}; this needs it to be ${statesIn(expected, PROPOSAL_STATES)}.`,
  // Timelock
  TimelockInsufficientDelay: ({ delay, minDelay }) => `A delay of ${delay} s is below the minimum of ${minDelay} s.`,
  TimelockInvalidOperationLength: ({ targets, payloads, values }) =>
    `An operation needs as many targets (${targets}), payloads (${payloads}) and values (${values}).`,
  TimelockUnauthorizedCaller: ({ caller }) => `${caller} may not call the timelock directly.`,
  TimelockUnexecutedPredecessor: ({ predecessorId: id }) => `The predecessor operation ${id} has not been executed.`,
  WeconetTimelockDelayTooLong: ({ delay, maxDelay: max }) =>
    `A timelock delay of ${delay} s is longer than the longest allowed, ${seconds(max)}.`,
  TimelockUnexpectedOperationState: ({ operationId: id, expectedStates: expected }) =>
    `Timelock operation ${id} is not ${statesIn(expected, OPERATION_STATES)}.`,
  // OpenZeppelin building blocks
  AccessControlBadConfirmation: () => "A role can only be renounced by its holder, confirming their own address.",
  AccessControlUnauthorizedAccount: ({ account, neededRole: role }) => `${account} lacks the ${roleName(role)} role.`,
  CheckpointUnorderedInsertion: () => "A vote checkpoint would be written out of order.",
  ECDSAInvalidSignatureLength: ({ length }) => `A signature of ${length} bytes is invalid (65 expected).`,
  ECDSAInvalidSignatureS: ({ s }) => `The signature's s value ${s} is malleable and refused.`,
  ERC5805FutureLookup: ({ timepoint, clock }) => `Time ${timepoint} is not in the past (now: ${clock}).`,
  ERC721IncorrectOwner: ({ sender, tokenId, owner }) => `${sender} does not own badge ${tokenId} (${owner} does).`,
  ERC721InsufficientApproval: ({ operator, tokenId }) => `${operator} may not move badge ${tokenId}.`,
  ERC721InvalidApprover: ({ approver }) => `${approver} cannot approve.`,
  ERC721InvalidOperator: ({ operator }) => `${operator} cannot be an operator.`,
  ERC721InvalidOwner: ({ owner }) => `${owner} cannot own a badge.`,
  ERC721InvalidReceiver: ({ receiver }) => `${receiver} cannot receive a badge.`,
  ERC721InvalidSender: ({ sender }) => `${sender} cannot send a badge.`,
  ERC721NonexistentToken: ({ tokenId }) => `There is no member badge ${tokenId}.`,
  AddressEmptyCode: ({ target }) => `There is no contract at ${target}.`,
  InsufficientBalance: ({ balance, needed }) => `The contract holds ${balance} wei, ${needed} is needed.`,
  ReentrancyGuardReentrantCall: () => "A call re-entered the contract while it was busy: refused.",
  SafeERC20FailedOperation: ({ token: t }) => `A transfer of ${token(t)} failed.`,
  FailedCall: () => "A call made by the contract failed.",
  InvalidAccountNonce: ({ account, currentNonce: nonce }) =>
    `The signature of ${account} uses a stale nonce (current: ${nonce}).`,
  InvalidShortString: () => "A string is too long for a short string.",
  SafeCastOverflowedUintDowncast: ({ bits, value }) => `${value} does not fit in ${bits} bits.`,
  StringTooLong: ({ str }) => `"${str}" is too long.`,
  VotesExpiredSignature: ({ expiry }) => `The signature expired at ${expiry}.`,
};

/**
 * The errors of ERC-20 tokens built on OpenZeppelin (ERC-6093), which the market passes on when a payment token
 * refuses a transfer: the token is not a Weconet contract, but its refusal deserves a sentence too.
 */
const TOKEN_ERRORS = parseAbi([
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC20InvalidSender(address sender)",
  "error ERC20InvalidReceiver(address receiver)",
  "error ERC20InvalidApprover(address approver)",
  "error ERC20InvalidSpender(address spender)",
]);
type TokenErrorName = ContractErrorName<typeof TOKEN_ERRORS>;

const TOKEN_MESSAGES: { [N in TokenErrorName]: (args: ContractErrorArgs<typeof TOKEN_ERRORS, N>) => string } = {
  ERC20InsufficientBalance: ([sender, balance, needed]) =>
    `insufficient funds: ${sender} holds ${balance} of the token, ${needed} is needed.`,
  ERC20InsufficientAllowance: ([spender, allowance, needed]) =>
    `${spender} may take ${allowance} of the token, ${needed} is needed: approve more first.`,
  ERC20InvalidSender: ([sender]) => `The token refuses to send from ${sender}.`,
  ERC20InvalidReceiver: ([receiver]) => `The token refuses to send to ${receiver}.`,
  ERC20InvalidApprover: ([approver]) => `The token refuses an approval by ${approver}.`,
  ERC20InvalidSpender: ([spender]) => `The token refuses ${spender} as spender.`,
};

/** A decoded custom error: its name, arguments and readable sentence. */
export interface DecodedError {
  name: WeconetErrorName | TokenErrorName | "Error" | "Panic";
  args: readonly unknown[];
  message: string;
  /** The error's NatSpec (`@notice`, `@dev`), for a Weconet (or OpenZeppelin) error that has it. */
  natSpec?: { notice?: string; dev?: string };
}

/** The sentence of Weconet error `name`: its own in {@link MESSAGES}, else its NatSpec with the arguments. */
function weconetSentence(name: string, args: readonly unknown[]): string | undefined {
  const describe = (MESSAGES as Record<string, ((args: Record<string, unknown>) => string) | undefined>)[name];
  return describe === undefined ? natSpecSentence(name, args) : describe(named(name, args));
}

/** Decodes revert data of any Weconet contract (or a payment token) into a readable sentence; undefined for unknown data. */
export function decodeWeconetError(data: Hex): DecodedError | undefined {
  let decoded: { errorName: string; args?: readonly unknown[] | undefined } | undefined;
  try {
    decoded = decodeErrorResult({ abi: allAbiItems, data });
  } catch {
    // Not a Weconet error: perhaps a payment token's.
  }
  if (decoded !== undefined) {
    const args = decoded.args ?? [];
    if (decoded.errorName === "Error") return { name: "Error", args, message: String(args[0]) };
    if (decoded.errorName === "Panic") return { name: "Panic", args, message: `Panic ${String(args[0])}` };
    const name = decoded.errorName as WeconetErrorName;
    const message = weconetSentence(name, args);
    const entry: ErrorEntry | undefined = (ERRORS as Record<string, ErrorEntry>)[name];
    const natSpec = {
      ...(entry !== undefined && "notice" in entry ? { notice: entry.notice } : {}),
      ...(entry !== undefined && "dev" in entry ? { dev: entry.dev } : {}),
    };
    if (message !== undefined) return { name, args, message, natSpec };
  }
  try {
    const token = decodeErrorResult({ abi: TOKEN_ERRORS, data });
    const describe = (TOKEN_MESSAGES as unknown as Record<string, ((args: readonly unknown[]) => string) | undefined>)[
      token.errorName
    ];
    const args = (token.args ?? []) as readonly unknown[];
    if (describe !== undefined) return { name: token.errorName as TokenErrorName, args, message: describe(args) };
  } catch {
    // Not a token's error either.
  }
  return undefined;
}

/**
 * What nodes say when a transaction cannot run in the gas it may use: "out of gas" (anvil, Hardhat; anvil's eth_call
 * "EVM error OutOfGas"), "gas required exceeds allowance" (geth "(N)", anvil ": N", N being the most the sender
 * may use), "intrinsic gas too low" for a limit below the transaction's base cost.
 */
const OUT_OF_GAS = /out ?of ?gas|gas required exceeds allowance|intrinsic gas too low/i;
const ALLOWANCE = /gas required exceeds allowance\W*(\d+)/i;

/** The out-of-gas error that a node's message `text` describes, if it describes one. */
function outOfGasIn(text: string, doing: string | undefined, cause: unknown): OutOfGasError | undefined {
  if (!OUT_OF_GAS.test(text)) return undefined;
  const allowance = ALLOWANCE.exec(text)?.[1];
  return new OutOfGasError(doing, allowance === undefined ? {} : { gasLimit: BigInt(allowance) }, { cause });
}

/**
 * Turns anything thrown while talking to the chain into a {@link WeconetError} with a readable message: a
 * contract's custom error with its arguments, too little ETH for gas or value, an unreachable node.
 */
export function toWeconetError(error: unknown, doing?: string): WeconetError {
  if (error instanceof WeconetError) return error;
  const prefix = doing === undefined ? "" : `${doing}: `;
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const data = reverted.raw;
      const decoded = data !== undefined && isHex(data) ? decodeWeconetError(data) : undefined;
      if (decoded !== undefined) return new WeconetError(prefix + decoded.message, decoded, { cause: error });
      if (reverted.data?.errorName !== undefined) {
        return new WeconetError(`${prefix}reverted with ${reverted.data.errorName}`, undefined, { cause: error });
      }
      // No revert data: a node that ran out of gas while estimating says so only in words.
      const outOfGas = outOfGasIn(`${reverted.reason ?? ""}\n${error.message}`, doing, error);
      if (outOfGas !== undefined) return outOfGas;
      return new WeconetError(`${prefix}${reverted.reason ?? "the transaction reverted"}`, undefined, { cause: error });
    }
    const funds = error.walk((e) => e instanceof InsufficientFundsError);
    if (funds !== null) {
      return new WeconetError(`${prefix}insufficient funds: the account cannot pay for gas and value.`, undefined, {
        cause: error,
      });
    }
    const details = error.details || error.shortMessage;
    if (/insufficient funds|sender doesn't have enough funds/i.test(details)) {
      return new WeconetError(`${prefix}insufficient funds: the account cannot pay for gas and value.`, undefined, {
        cause: error,
      });
    }
    const outOfGas = outOfGasIn(`${details}\n${error.message}`, doing, error);
    if (outOfGas !== undefined) return outOfGas;
    if (error.walk((e) => e instanceof IntrinsicGasTooLowError) !== null)
      return new OutOfGasError(doing, {}, { cause: error });
    return new WeconetError(prefix + error.shortMessage, undefined, { cause: error });
  }
  return new WeconetError(prefix + (error instanceof Error ? error.message : String(error)), undefined, {
    cause: error,
  });
}
