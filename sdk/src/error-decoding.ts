/**
 * Contract errors in words: a sentence for every custom error of every Weconet contract (and the ERC-20 errors a
 * payment token raises), and the translation of anything thrown while talking to the chain into a WeconetError.
 * Apart from errors.ts because it needs every contract's ABI: code that only names statuses or throws a
 * WeconetError (the dApp's pages, the data socket's client) does not load the ABIs with it.
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  InsufficientFundsError,
  IntrinsicGasTooLowError,
  decodeErrorResult,
  isHex,
  parseAbi,
  type ContractErrorArgs,
  type ContractErrorName,
  type Hex,
} from "viem";

import { allAbiItems, type abis, type ContractName } from "./contracts.js";
import {
  APPLICATION_STATUSES,
  AUTHORITIES,
  BOOKING_STATUSES,
  bytes32ToText,
  isoTime,
  MARKET_REQUEST_STATUSES,
  MEMBER_STATUSES,
  OFFER_STATUSES,
  OutOfGasError,
  PROPOSAL_STATES,
  roleName,
  WeconetError,
  type WeconetErrorName,
} from "./errors.js";

type AllAbis = (typeof abis)[ContractName];

/** Timelock operation states, in the order of OpenZeppelin's `TimelockController.OperationState`. */
const OPERATION_STATES = ["unset", "waiting", "ready", "done"] as const;

const status = (s: number) => MEMBER_STATUSES[s] ?? `status ${s}`;

/** Who may impose a suspension, in the order of `Membership.Authority` (lowest first). */
const authority = (level: number) => AUTHORITIES[level] ?? `authority ${level}`;

const token = (address: string) => (/^0x0{40}$/.test(address) ? "ETH" : `token ${address}`);

/** Which of a bitmap of states (OpenZeppelin's `expectedStates`) are set, as words. */
function statesIn(bitmap: Hex, names: readonly string[]): string {
  const bits = BigInt(bitmap);
  const set = names.filter((_, i) => (bits >> BigInt(i)) & 1n);
  return set.length === 0 ? "none" : set.join(" or ");
}

type Messages = { [N in WeconetErrorName]: (args: ContractErrorArgs<AllAbis, N>) => string };

/**
 * A readable sentence for every custom error, with its arguments. The type requires one per error of every
 * contract, so a new error in Solidity fails the SDK's type check until it has its sentence here.
 */
const MESSAGES: Messages = {
  // Membership
  MembershipAlreadyManager: ([account]) => `${account} is the network manager already.`,
  MembershipApplicationsClosed: () => "The network does not accept applications now (admission policy: closed).",
  MembershipBadgeLocked: ([tokenId]) => `Member badge ${tokenId} is personal: it cannot be transferred or approved.`,
  MembershipEmptyProfile: () => "A profile pointer (the content hash of the off-chain profile) must not be zero.",
  MembershipInvalidFounders: () => "The founders must name exactly one manager, with valid roles and no duplicates.",
  MembershipInvalidStatus: ([account, s]) => `${account} is ${status(s)}, which does not allow this action.`,
  MembershipManagerIsAppointed: () =>
    "The manager role is not granted, revoked or renounced: the members' vote appoints a new manager.",
  MembershipManagerMustBeReplaced: ([manager]) =>
    `${manager} is the network manager and must first be replaced by the members' vote.`,
  MembershipNotMember: ([account]) => `${account} is not a member of the network.`,
  MembershipVoteAlreadyActive: ([member]) => `The vote of ${member} counts already.`,
  MembershipProbationNotOver: ([member, activatesAt]) =>
    `${member} is still on probation: their vote can be activated from ${isoTime(activatesAt)}.`,
  MembershipAdmissionLimitReached: ([leader, resetsAt]) =>
    `${leader} admitted the most members a leader may admit per probation period; they may admit again from ${isoTime(resetsAt)}.`,
  MembershipSuspendedByHigherAuthority: ([member, imposedBy]) =>
    `${member} was suspended by ${authority(imposedBy)}: only the same or a higher authority can reinstate them.`,
  MembershipAlreadySuspended: ([member, imposedBy]) =>
    `${member} is suspended already by ${authority(imposedBy)}: only a higher authority may suspend them again.`,
  MembershipNotActiveMember: ([account]) => `${account} is not an active member.`,
  MembershipVotesNotDelegable: () => "A member's vote is their own: it cannot be delegated.",
  MembershipZeroAddress: () => "The membership needs the governance executor and the rules contract.",
  // Resources
  ResourcesActiveUnchanged: ([id, active]) => `Resource ${id} is already ${active ? "active" : "inactive"}.`,
  ResourcesEmptyMetadata: () => "A resource description pointer (content hash) must not be zero.",
  ResourcesFromEarlierMembership: ([id]) =>
    `Resource ${id} belongs to an earlier membership of its owner, who left since: register it anew.`,
  ResourcesInvalidClass: ([classId]) => `Attribute ${classId} is not an active resource class of the taxonomy.`,
  ResourcesNotActiveMember: ([account]) => `${account} is not an active member, and only members have resources.`,
  ResourcesNotOwner: ([id, caller]) => `${caller} does not own resource ${id}.`,
  ResourcesUnknownResource: ([id]) => `There is no resource ${id}.`,
  ResourcesZeroAddress: () => "Resources needs the membership and taxonomy contracts.",
  // SocketDirectory (where members' data lives)
  SocketDirectoryDefaultUnchanged: () => "The network's default socket is this URL already.",
  SocketDirectoryEmptyUrl: () => "A socket URL must not be empty.",
  SocketDirectoryNoSocket: ([member]) =>
    `${member} named no socket of their own: the network's default serves them already.`,
  SocketDirectoryNotActiveMember: ([account]) =>
    `${account} is not an active member, and only active members name their socket.`,
  SocketDirectorySocketUnchanged: ([member]) => `${member}'s socket is this URL already.`,
  SocketDirectoryUrlInvalidCharacter: ([index]) =>
    `A socket URL must be printable ASCII without spaces: the byte at position ${index} is not.`,
  SocketDirectoryUrlNotHttp: () => "A socket URL must start with http:// or https:// followed by the host.",
  SocketDirectoryUrlTooLong: ([length, max]) => `A socket URL of ${length} bytes is too long: at most ${max}.`,
  SocketDirectoryZeroAddress: () => "The socket directory needs the membership contract.",
  // ReceiptAnchors (the data sockets' receipt logs)
  ReceiptAnchorsCountNotIncreasing: ([previous, receipts]) =>
    `An anchor must cover more receipts than the operator's previous one (${previous}); ${receipts} does not: a receipt log only grows.`,
  ReceiptAnchorsZeroRoot: () => "A receipt anchor needs a Merkle root (not zero).",
  // AccessGrants (data connections)
  AccessGrantsConnectorUnchanged: ([connector, approved]) =>
    `Connector ${connector} is ${approved ? "approved" : "not approved"} already.`,
  AccessGrantsEmptyPurpose: () => "A connection needs a purpose code (a short code or a hash, never personal text).",
  AccessGrantsInvalidConnector: ([connector]) => `${connector} cannot be a connector.`,
  AccessGrantsInvalidDuration: ([duration, max]) =>
    `A duration of ${duration} s is not allowed: it must be positive and at most ${max} s (the maximum grant duration).`,
  AccessGrantsInvalidExpiry: ([expiresAt, latest]) =>
    `Expiry ${isoTime(expiresAt)} is not allowed: it must be in the future and no later than ${isoTime(latest)} (the maximum grant duration from now).`,
  AccessGrantsInvalidGrantee: ([grantee]) =>
    `${grantee} can receive no access: it is neither an active member nor a live application.`,
  AccessGrantsInvalidNonce: ([owner, nonce, expected]) =>
    `The signed grant's nonce ${nonce} is not the next one of ${owner} (expected ${expected}): used, cancelled or out of order.`,
  AccessGrantsInvalidSignature: ([owner]) => `The signature is not a grant signed by ${owner}.`,
  AccessGrantsNoConnection: ([owner, grantee]) => `There is no connection from ${owner} to ${grantee}.`,
  AccessGrantsNoRequest: ([owner, grantee]) => `${grantee} has no pending request to ${owner}.`,
  AccessGrantsNotActiveMember: ([account]) => `${account} is not an active member.`,
  AccessGrantsNotBootstrapper: ([caller]) =>
    `${caller} may not do this: only the bootstrapper, and only during the deployment's bootstrap (it ends once finished or lapsed).`,
  AccessGrantsConnectorNotContract: ([connector]) =>
    `${connector} has no code: the bootstrapper may approve only contracts (the deployment's own market) as connectors.`,
  AccessGrantsNoFreeSlot: ([owner, grantee]) =>
    `${owner} already has 7 bookings with data running with ${grantee}: settle one before booking more.`,
  AccessGrantsNotSlotHolder: ([caller, owner, grantee, slot]) =>
    `${caller} does not hold consent slot ${slot} of the connection from ${owner} to ${grantee}.`,
  AccessGrantsStaleSignature: ([owner, issuedAt, since]) =>
    `The signed grant was issued at ${isoTime(issuedAt)}: before ${owner}'s current membership began (${isoTime(since)}) or in the future. ${owner} must sign again.`,
  AccessGrantsNotConnector: ([caller]) => `${caller} is not an approved connector.`,
  AccessGrantsRequestExpired: ([owner, grantee, expiredAt]) =>
    `The request of ${grantee} to ${owner} lapsed at ${isoTime(expiredAt)}.`,
  AccessGrantsRequestMismatch: ([owner, grantee]) =>
    `What ${owner} accepts differs from what ${grantee} requested (attributes, purpose or duration).`,
  AccessGrantsSelfGrant: ([owner]) => `${owner} cannot connect to themselves.`,
  AccessGrantsSignatureExpired: ([deadline]) => `The signed grant's deadline ${isoTime(deadline)} has passed.`,
  AccessGrantsTooManyConnectors: () => "The most connectors that can ever be approved (255) have been approved.",
  PersonAttributesEmpty: () => "The set of attributes is empty: name at least one.",
  PersonAttributesNotPersonAttribute: ([id]) =>
    `Attribute ${id} is not an active person attribute (unknown, deprecated, or of another domain).`,
  PersonAttributesUnsorted: ([id]) =>
    `Attribute ${id} is out of order or repeated: attribute ids must be strictly increasing.`,
  // Applications
  ApplicationsAlreadyRegistered: ([account]) =>
    `An application is registered under ${account} already (an account is registered anew only once its developer left).`,
  ApplicationsConsentExpired: ([deadline]) =>
    `The application account's consent lapsed at ${isoTime(deadline)}: the account must sign again.`,
  ApplicationsInvalidConsent: ([account]) =>
    `The signature is not ${account}'s consent to this registration: the application account itself must sign (for this developer, with its current nonce).`,
  ApplicationsInsufficientAuthority: ([caller, required, actual]) =>
    `${caller} acts as ${AUTHORITIES[actual] ?? `authority ${actual}`}: this needs ${AUTHORITIES[required] ?? `authority ${required}`} or higher (the members' vote > the manager > a leader).`,
  ApplicationsEmptyPurpose: () => "An application needs a purpose code.",
  ApplicationsInvalidAccount: ([account]) =>
    `${account} cannot be an application's account: it is zero, the developer's own address, an applicant, or is or was a member.`,
  ApplicationsInvalidMetadataURI: () => "An application's metadata URI must have 1 to 256 bytes.",
  ApplicationsInvalidName: () => "An application's name must have 1 to 64 bytes.",
  ApplicationsInvalidStatus: ([account, s]) =>
    `Application ${account} is ${APPLICATION_STATUSES[s] ?? `status ${s}`}, which does not allow this action.`,
  ApplicationsNotDeveloper: ([caller]) => `${caller} is not an active member holding the developer role.`,
  ApplicationsNotItsDeveloper: ([caller, account]) => `${caller} is not the developer of application ${account}.`,
  ApplicationsNotOverseer: ([caller]) =>
    `${caller} may not do this: only a network leader, the manager or the members' vote.`,
  // Market
  MarketAlreadyAnswered: ([requestId, offerId]) => `Offer ${offerId} has answered request ${requestId} already.`,
  MarketAmountTooLarge: () => "The price times the quantity is too large for the escrow.",
  MarketBookingStatus: ([bookingId, s]) =>
    `Booking ${bookingId} is ${BOOKING_STATUSES[s] ?? `status ${s}`}, which does not allow this.`,
  MarketConsentMismatch: ([offerId]) =>
    `The consent does not repeat offer ${offerId}'s data request exactly (attributes, purpose, duration).`,
  MarketDisputeWindowClosed: ([bookingId, windowEnds]) =>
    `The dispute window of booking ${bookingId} closed at ${isoTime(windowEnds)}.`,
  MarketDisputeWindowOpen: ([bookingId, windowEnds]) =>
    `The dispute window of booking ${bookingId} is open until ${isoTime(windowEnds)}: the payment can be claimed after it.`,
  MarketEmptyMetadata: () => "An offer needs the content hash of its document.",
  MarketInsufficientCapacity: ([offerId, requested, remaining]) =>
    `Offer ${offerId} has ${remaining} unit(s) left, fewer than the ${requested} asked for.`,
  MarketInvalidCapacity: ([capacity, booked]) =>
    `A capacity of ${capacity} is not allowed: it must be positive and at least the ${booked} unit(s) booked.`,
  MarketInvalidClass: ([classId]) => `Attribute ${classId} is not an active class of the resource or offer domain.`,
  MarketInvalidDataAttribute: ([id]) =>
    `Attribute ${id} is not an active person attribute, or the data request's ids are not strictly increasing.`,
  MarketInvalidDataRequest: () =>
    "A data request needs a purpose and a duration (at most the maximum grant duration), only when it names attributes, and at most 32 of them.",
  MarketInvalidDeadline: ([deadline]) => `The deadline ${isoTime(deadline)} is not in the future.`,
  MarketInvalidQuantity: () => "At least one unit is needed.",
  MarketInvalidToken: ([address]) => `${address} is neither ETH (the zero address) nor a token contract.`,
  MarketInvalidValidity: ([validFrom, validUntil]) =>
    `The validity ${isoTime(validFrom)} – ${isoTime(validUntil)} ends before it begins or has ended already.`,
  MarketNotActiveMember: ([account]) => `${account} is not an active member.`,
  MarketNotAnswered: ([requestId, offerId]) => `Offer ${offerId} has not answered request ${requestId}.`,
  MarketNotConsumer: ([caller, consumer]) => `${caller} is not the consumer (${consumer}).`,
  MarketNotLeader: ([caller]) =>
    `${caller} is not an active network leader: only leaders (and, after their ruling period, the members' vote) rule on disputes.`,
  MarketMembersRuleFrom: ([bookingId, membersFrom]) =>
    `The members' vote may rule on the dispute over booking ${bookingId} only from ${isoTime(membersFrom)}, when the leaders' ruling period has passed.`,
  MarketRulingClosed: ([bookingId, finalDeadline]) =>
    `Nobody may rule on the dispute over booking ${bookingId} any more: its final deadline passed at ${isoTime(finalDeadline)}. Anyone may now settle it by the default outcome (full refund to the consumer).`,
  MarketDisputeNotExpired: ([bookingId, finalDeadline]) =>
    `The dispute over booking ${bookingId} can be settled by the default outcome (full refund) only from ${isoTime(finalDeadline)}; until then the leaders (and, after their ruling period, the members' vote) rule.`,
  MarketNotParty: ([bookingId, caller]) =>
    `${caller} is neither the consumer nor the provider of booking ${bookingId}.`,
  MarketNotProvider: ([caller, provider]) => `${caller} is not the provider (${provider}).`,
  MarketNotResourceOwner: ([resourceId, caller]) => `${caller} does not own resource ${resourceId}.`,
  MarketNothingToWithdraw: ([account, t]) => `${account} has no ${token(t)} to withdraw.`,
  MarketOfferChanged: ([offerId, expected, current]) =>
    `Offer ${offerId} changed since it was read (version ${expected}, now ${current}): look at it again before booking.`,
  MarketOfferMismatch: ([requestId, offerId]) =>
    `Offer ${offerId} does not meet request ${requestId} (class, token, price or capacity).`,
  MarketOfferNotValid: ([offerId]) => `Offer ${offerId} is outside its validity period.`,
  MarketOfferStatus: ([offerId, s]) =>
    `Offer ${offerId} is ${OFFER_STATUSES[s] ?? `status ${s}`}, which does not allow this.`,
  MarketOwnOffer: ([offerId]) => `A provider cannot book or answer with their own offer ${offerId}.`,
  MarketPartyCannotRule: ([bookingId, caller]) =>
    `${caller} is a party to booking ${bookingId} and may not rule on it.`,
  MarketRefundTooLarge: ([refund, amount]) => `A refund of ${refund} exceeds the ${amount} in escrow.`,
  MarketRequestExpired: ([requestId, deadline]) => `Request ${requestId} expired at ${isoTime(deadline)}.`,
  MarketRequestNotOpen: ([requestId, s]) =>
    `Request ${requestId} is ${MARKET_REQUEST_STATUSES[s] ?? `status ${s}`}, not open.`,
  MarketResourceUnavailable: ([resourceId]) =>
    `Resource ${resourceId} is not available: switched off, its owner not an active member, or from an earlier membership.`,
  MarketTokenShortfall: ([t, expected, received]) =>
    `${token(t)} delivered ${received} where ${expected} was transferred (fee-on-transfer tokens are not accepted).`,
  MarketUnknownBooking: ([bookingId]) => `There is no booking ${bookingId}.`,
  MarketUnknownOffer: ([offerId]) => `There is no offer ${offerId}.`,
  MarketUnknownRequest: ([requestId]) => `There is no request ${requestId}.`,
  MarketWrongPayment: ([sent, expected]) => `${sent} wei of ETH was sent where ${expected} was due.`,
  // Rules and governed contracts
  GovernanceZeroAddress: () => "The governance executor cannot be the zero address.",
  InvalidRuleValue: ([key, value]) => `${value} is outside the bounds of rule "${bytes32ToText(key)}".`,
  NotGovernance: ([caller]) => `${caller} is not the governance executor: only the members' vote can do this.`,
  UnknownRule: ([key]) => `There is no rule "${bytes32ToText(key)}".`,
  // Taxonomy
  TaxonomyAlreadyDeprecated: ([id]) => `Attribute ${id} is deprecated already.`,
  TaxonomyDuplicateName: ([name, id]) => `An attribute named "${name}" exists already (id ${id}).`,
  TaxonomyFull: () => "The taxonomy holds the maximum number of attributes (512).",
  TaxonomyInvalidName: ([name]) =>
    `"${name}" is not a valid attribute name (1–32 of a-z, 0-9 and _, starting with a letter).`,
  TaxonomyInvalidParent: ([parent]) => `Attribute ${parent} is not an active class of the new attribute's domain.`,
  TaxonomyUnknownAttribute: ([id]) => `There is no attribute ${id}.`,
  TaxonomyUnknownName: ([name]) => `There is no attribute named "${name}".`,
  // Governor
  WeconetGovernorEmptyDescription: () => "A proposal needs a description (a '# Title' line, then what and why).",
  WeconetGovernorNoVotingPower: ([account]) =>
    `${account} cannot vote on this proposal: they had no vote at its snapshot (not a member then, or still on probation).`,
  WeconetGovernorProposerNotActive: ([account]) =>
    `${account} may not propose: only active members (not suspended) may.`,
  WeconetGovernorTimelockIsPermanent: () =>
    "The governor's timelock cannot be replaced: the rules, the taxonomy and the roles are bound to it.",
  WeconetGovernorVotingDelayTooLong: ([delay, max]) =>
    `A voting delay of ${delay} s is longer than the longest allowed, ${max} s (7 days).`,
  WeconetGovernorVotingPeriodTooLong: ([period, max]) =>
    `A voting period of ${period} s is longer than the longest allowed, ${max} s (14 days).`,
  GovernorLateQuorumBoundAboveVotingPeriod: ([bound, period]) =>
    `A late-quorum bound of ${bound} s is longer than the voting period (${period} s).`,
  GovernorLateQuorumBoundTooLarge: ([bound, max]) =>
    `A late-quorum bound of ${bound} s is longer than the longest allowed, ${max} s (7 days).`,
  GovernorAlreadyCastVote: ([voter]) => `${voter} has voted on this proposal already.`,
  GovernorAlreadyQueuedProposal: ([id]) => `Proposal ${id} is queued already.`,
  GovernorDisabledDeposit: () => "The governor does not accept deposits: send funds to the timelock (the treasury).",
  GovernorInsufficientProposerVotes: ([proposer, votes, threshold]) =>
    `${proposer} has ${votes} vote(s); proposing needs ${threshold}: only active members propose.`,
  GovernorInvalidProposalLength: ([targets, calldatas, values]) =>
    `A proposal needs as many targets (${targets}), calls (${calldatas}) and values (${values}), and at least one.`,
  GovernorInvalidQuorumFraction: ([numerator, denominator]) =>
    `A quorum of ${numerator}/${denominator} is not a valid fraction.`,
  GovernorInvalidSignature: ([voter]) => `The signature is not a valid ballot signed by ${voter}.`,
  GovernorInvalidVoteParams: () => "This governor takes no vote parameters.",
  GovernorInvalidVoteType: () => "A vote is 0 (against), 1 (for) or 2 (abstain).",
  GovernorInvalidVotingPeriod: ([period]) => `A voting period of ${period} s is not allowed.`,
  GovernorNonexistentProposal: ([id]) => `There is no proposal ${id}.`,
  GovernorOnlyExecutor: ([account]) => `${account} is not the governance executor (the timelock).`,
  GovernorPreventLateQuorumVoteExtensionTooLarge: ([extension, max]) =>
    `A late-quorum extension of ${extension} s exceeds the maximum of ${max} s.`,
  GovernorProposalQueueingFailed: ([id]) => `Proposal ${id} could not be queued.`,
  GovernorProposalQueueingNotRequired: ([id]) => `Proposal ${id} does not need queueing.`,
  GovernorRestrictedProposer: ([proposer]) => `${proposer} may not submit this proposal.`,
  GovernorUnableToCancel: ([id, account]) => `${account} cannot cancel proposal ${id} (only before voting starts).`,
  GovernorUnexpectedProposalState: ([id, current, expected]) =>
    `Proposal ${id} is ${PROPOSAL_STATES[current] ?? current}; this needs it to be ${statesIn(expected, PROPOSAL_STATES)}.`,
  // Timelock
  TimelockInsufficientDelay: ([delay, minDelay]) => `A delay of ${delay} s is below the minimum of ${minDelay} s.`,
  TimelockInvalidOperationLength: ([targets, payloads, values]) =>
    `An operation needs as many targets (${targets}), payloads (${payloads}) and values (${values}).`,
  TimelockUnauthorizedCaller: ([caller]) => `${caller} may not call the timelock directly.`,
  TimelockUnexecutedPredecessor: ([id]) => `The predecessor operation ${id} has not been executed.`,
  WeconetTimelockDelayTooLong: ([delay, max]) =>
    `A timelock delay of ${delay} s is longer than the longest allowed, ${max} s (7 days).`,
  TimelockUnexpectedOperationState: ([id, expected]) =>
    `Timelock operation ${id} is not ${statesIn(expected, OPERATION_STATES)}.`,
  // OpenZeppelin building blocks
  AccessControlBadConfirmation: () => "A role can only be renounced by its holder, confirming their own address.",
  AccessControlUnauthorizedAccount: ([account, role]) => `${account} lacks the ${roleName(role)} role.`,
  CheckpointUnorderedInsertion: () => "A vote checkpoint would be written out of order.",
  ECDSAInvalidSignature: () => "The signature is invalid.",
  ECDSAInvalidSignatureLength: ([length]) => `A signature of ${length} bytes is invalid (65 expected).`,
  ECDSAInvalidSignatureS: ([s]) => `The signature's s value ${s} is malleable and refused.`,
  ERC5805FutureLookup: ([timepoint, clock]) => `Time ${timepoint} is not in the past (now: ${clock}).`,
  ERC721IncorrectOwner: ([sender, tokenId, owner]) => `${sender} does not own badge ${tokenId} (${owner} does).`,
  ERC721InsufficientApproval: ([operator, tokenId]) => `${operator} may not move badge ${tokenId}.`,
  ERC721InvalidApprover: ([approver]) => `${approver} cannot approve.`,
  ERC721InvalidOperator: ([operator]) => `${operator} cannot be an operator.`,
  ERC721InvalidOwner: ([owner]) => `${owner} cannot own a badge.`,
  ERC721InvalidReceiver: ([receiver]) => `${receiver} cannot receive a badge.`,
  ERC721InvalidSender: ([sender]) => `${sender} cannot send a badge.`,
  ERC721NonexistentToken: ([tokenId]) => `There is no member badge ${tokenId}.`,
  AddressEmptyCode: ([target]) => `There is no contract at ${target}.`,
  InsufficientBalance: ([balance, needed]) => `The contract holds ${balance} wei, ${needed} is needed.`,
  ReentrancyGuardReentrantCall: () => "A call re-entered the contract while it was busy: refused.",
  SafeERC20FailedOperation: ([t]) => `A transfer of ${token(t)} failed.`,
  FailedCall: () => "A call made by the contract failed.",
  InvalidAccountNonce: ([account, nonce]) => `The signature of ${account} uses a stale nonce (current: ${nonce}).`,
  InvalidShortString: () => "A string is too long for a short string.",
  SafeCastOverflowedUintDowncast: ([bits, value]) => `${value} does not fit in ${bits} bits.`,
  StringTooLong: ([str]) => `"${str}" is too long.`,
  VotesExpiredSignature: ([expiry]) => `The signature expired at ${expiry}.`,
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
}

/** Decodes revert data of any Weconet contract (or a payment token) into a readable sentence; undefined for unknown data. */
export function decodeWeconetError(data: Hex): DecodedError | undefined {
  for (const [abi, messages] of [
    [allAbiItems, MESSAGES],
    [TOKEN_ERRORS, TOKEN_MESSAGES],
  ] as const) {
    try {
      const decoded = decodeErrorResult({ abi, data });
      const args = (decoded.args ?? []) as readonly unknown[];
      if (decoded.errorName === "Error") return { name: "Error", args, message: String(args[0]) };
      if (decoded.errorName === "Panic") return { name: "Panic", args, message: `Panic ${String(args[0])}` };
      const name = decoded.errorName as WeconetErrorName | TokenErrorName;
      const describe = (messages as unknown as Record<string, ((args: readonly unknown[]) => string) | undefined>)[
        name
      ];
      if (describe !== undefined) return { name, args, message: describe(args) };
    } catch {
      // Not one of this table's errors: try the next.
    }
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
