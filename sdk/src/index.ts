/**
 * @weconet/sdk — the browser-safe entry: typed contracts, actions, reads, error decoding, matching and the audit
 * trail over viem. Node-only parts (deployment files, file export, the CLI) are in `@weconet/sdk/node`.
 */
export { abis, allAbiItems, CONTRACT_KEYS, CONTRACT_NAMES, eventSelectorOf, nameOfKey, abiOfKey } from "./contracts.js";
export type { AbiOf, ContractKey, ContractName, Deployment } from "./contracts.js";
export { deploymentFromIgnition } from "./deployment.js";
export { createWeconet } from "./weconet.js";
export { weconetOverProvider } from "./provider.js";
export type { Eip1193Provider, ProviderWeconet } from "./provider.js";
export type { CreateWeconetOptions, Weconet } from "./weconet.js";
export {
  chainTime,
  contractsOf,
  eventIn,
  eventsIn,
  GAS_MARGIN,
  latestBlock,
  send,
  sendCall,
  withGasMargin,
} from "./client.js";
export type { Sent, SigningClient, WeconetContext, WeconetContracts } from "./client.js";
export {
  APPLICATION_STATUSES,
  AUTHORITIES,
  AUTHORITY_LEVELS,
  BOOKING_STATUSES,
  bytes32ToText,
  CLOSE_REASONS,
  CONSENTS,
  decodeWeconetError,
  isoTime,
  MARKET_REQUEST_STATUSES,
  MEMBER_STATUSES,
  natSpecSentence,
  OFFER_STATUSES,
  OutOfGasError,
  PROPOSAL_STATES,
  ranOutOfGas,
  ROLES,
  roleName,
  SETTLED_STATUSES,
  toWeconetError,
  VOTE_TYPES,
  WeconetError,
} from "./errors.js";
export type {
  ApplicationStatus,
  AuthorityLevel,
  BookingStatus,
  CloseReason,
  Consent,
  DecodedError,
  ErrorArgs,
  MarketRequestStatus,
  MemberStatus,
  OfferStatus,
  ProposalState,
  RoleName,
  WeconetErrorName,
} from "./errors.js";
export {
  ENUMS,
  enumBigInts,
  enumValues,
  enumWord,
  enumWords,
  ERRORS,
  MEMBERSHIP_ROLES,
  NUMBERS,
  ROLE_IDS,
  RULE_NAMES,
  SHORT_STRINGS,
  TYPED_DATA,
  wordOf,
} from "./vocabulary.js";
export type { EnumName, RuleName, Word } from "./vocabulary.js";
export { connectionIdOf, dataRequestHash, requestDigest, toBytes32Code, toContentHash } from "./codes.js";
export { describePurpose, DPV_NAMESPACE, PURPOSES, purposeCode, purposeOf, purposeText } from "./purposes.js";
export type { Purpose } from "./purposes.js";
export { GRANT_TYPES, grantNonceKey } from "./actions/access.js";
export type {
  AccessBatchStep,
  AttributeRef,
  ConnectionTerms,
  Expiry,
  Granted,
  Moment,
  SignedGrant,
} from "./actions/access.js";
export { REGISTRATION_TYPES, encodeRegistrationConsent, parseRegistrationConsent } from "./actions/applications.js";
export type { ApplicationDescription, RegistrationConsent } from "./actions/applications.js";
export type { Booked, DataRequestInput, OfferTermsInput } from "./actions/market.js";
export { documentsResolver, matchOffers, WEIGHTS } from "./matching.js";
export type {
  AttributeWant,
  Criterion,
  DocumentResolver,
  Match,
  MatchOutcome,
  MatchRequest,
  MatchWeights,
  OfferDocument,
} from "./matching.js";
export { classAndSubclasses, ETH, isSettled } from "./reads/market.js";
export type { BookingView, MarketRequestView, OfferView } from "./reads/market.js";
export { actionsOf, BOOKING_ROLE_NAMES, bookingActions, describeBookingAction, isOpenAt } from "./booking-actions.js";
export type { BookingAction, BookingActionId, BookingRole, DisputeDeadlines } from "./booking-actions.js";
export { BALLOT_TYPES, describeProposal, proposalCalls, SUPPORT_VALUES } from "./actions/governance.js";
export type { ProposalCall, SignedBallot, Support } from "./actions/governance.js";
export type { ClassRef } from "./actions/resources.js";
export { CONNECTION_STATES } from "./reads/access.js";
export type { ConnectionState, ConnectionView, Direction, RequestDirection, RequestView } from "./reads/access.js";
export type { ApplicationView } from "./reads/applications.js";
export type { ProposalDetails, ProposalSummary } from "./reads/governance.js";
export type { MemberView } from "./reads/members.js";
export type { ResourceView } from "./reads/resources.js";
export type { ReceiptAnchor } from "./reads/sockets.js";
export { checkSocketUrl, MAX_SOCKET_URL_LENGTH, socketUrlProblem } from "./socket-url.js";
export type { Rule } from "./reads/rules.js";
export type { NetworkStatus } from "./reads/status.js";
export { DATA_TYPES, DOMAINS, toAttribute } from "./reads/taxonomy.js";
export type { Attribute, AttributeDataType, AttributeDomain } from "./reads/taxonomy.js";
export { describeEvent, titleOf } from "./audit/events.js";
export type { AuditEvent, AuditEventBase, EventArgs, EventName, Subjects } from "./audit/events.js";
export { readEvents, rpcLogSource } from "./audit/reader.js";
export type { LogQuery, LogSource, RawLog, ReadEventsOptions, ReadProgress, TopicFilter } from "./audit/reader.js";
export { applyEvent, emptyState, rebuildState } from "./audit/state.js";
export type {
  AccessRequestRecord,
  AnchorRecord,
  ApplicationRecord,
  ConnectionRecord,
  NetworkState,
  SocketsState,
} from "./audit/state.js";
export {
  CSV_COLUMNS,
  CSV_HEADER,
  filterEvents,
  matchesFilter,
  toCsvLine,
  toJson,
  toJsonLine,
} from "./audit/timeline.js";
export type { AuditFilter } from "./audit/timeline.js";
export { authorizedByEvents, formatDifferences, verifyTrail } from "./audit/verify.js";
export type { Difference, VerifyReport } from "./audit/verify.js";
export * from "./socket/index.js";
