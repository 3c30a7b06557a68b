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
export { toBytes32Code, toContentHash } from "./codes.js";
export { connectionIdOf, dataRequestHash, requestDigest } from "./digests.js";
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
export {
  bookableOfferFilter,
  bookingView,
  classAndSubclasses,
  creditView,
  ETH,
  isSettled,
  marketRequestView,
  offerView,
  openRequestFilter,
} from "./reads/market.js";
export type {
  BookingCredits,
  BookingView,
  Credit,
  DataRequestView,
  MarketRequestView,
  OfferView,
} from "./reads/market.js";
export { actionsOf, BOOKING_ROLE_NAMES, bookingActions, describeBookingAction, isOpenAt } from "./booking-actions.js";
export type { BookingAction, BookingActionId, BookingRole, DisputeDeadlines } from "./booking-actions.js";
export { BALLOT_TYPES, describeProposal, proposalCalls, SUPPORT_VALUES } from "./actions/governance.js";
export type { ProposalCall, SignedBallot, Support } from "./actions/governance.js";
export type { ClassRef } from "./actions/resources.js";
export {
  CONNECTION_STATES,
  connectionStateFilter,
  connectionStateOf,
  connectionView,
  lapsedRequestFilter,
  requestView,
} from "./reads/access.js";
export type {
  ConnectionDerived,
  ConnectionState,
  ConnectionView,
  Direction,
  RequestDirection,
  RequestView,
} from "./reads/access.js";
export { applicationView } from "./reads/applications.js";
export type { ApplicationFacts, ApplicationView } from "./reads/applications.js";
export { proposalDetails, proposalSummary, voteView } from "./reads/governance.js";
export type { ProposalDerived, ProposalDetails, ProposalSummary, VoteView } from "./reads/governance.js";
export type { ProposalTxs } from "./reads/governance.js";
export { CLOSING_SOON } from "./reads/inbox.js";
export type { InboxBookingAction, InboxItem, InboxKind } from "./reads/inbox.js";
export { memberView } from "./reads/members.js";
export type { MemberDerived, MemberFacts, MemberView } from "./reads/members.js";
export { applicationOversightOf, oversightOf } from "./oversight.js";
export type { ApplicationOversight, Oversight } from "./oversight.js";
export { resourceView } from "./reads/resources.js";
export type { ResourceView } from "./reads/resources.js";
export type { ReceiptAnchor } from "./reads/sockets.js";
export { checkSocketUrl, MAX_SOCKET_URL_LENGTH, socketUrlProblem } from "./socket-url.js";
export { ruleView } from "./reads/rules.js";
export type { Rule } from "./reads/rules.js";
export type { NetworkStatus } from "./reads/status.js";
export { DATA_TYPES, DOMAINS, toAttribute } from "./reads/taxonomy.js";
export type { Attribute, AttributeDataType, AttributeDomain } from "./reads/taxonomy.js";
export { describeEvent, titleOf } from "./audit/events.js";
export type { AuditEvent, AuditEventBase, EventArgs, EventName, Subjects } from "./audit/events.js";
export { summarize, TrailFacts } from "./audit/events.js";
export type { DecodedEvent, SummaryContext } from "./audit/events.js";
export { readEvents, rpcLogSource } from "./audit/reader.js";
export type { LogQuery, LogSource, RawLog, ReadEventsOptions, ReadProgress, TopicFilter } from "./audit/reader.js";
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
export {
  authorizationFacts,
  authorizedByEvents,
  compareSources,
  formatDifferences,
  verifyRows,
  verifyTrail,
} from "./audit/verify.js";
export type {
  AuthorizationFacts,
  Difference,
  Notice,
  RowDifference,
  RowsReport,
  VerifyReport,
} from "./audit/verify.js";
export * from "./socket/index.js";
// The read model: the tables events fold into, and the stores (memory; the indexer's) that hold and serve them.
export { keyColumns, kindOf, MODEL_TABLES, TABLE_NAMES } from "./model/tables.js";
export type {
  AccessRequestStatus,
  AnyRow,
  BaseKind,
  ColumnKind,
  KeyColumn,
  KeyOf,
  RoleContract,
  RowOf,
  TableName,
  TableSpec,
  ValueOfKind,
} from "./model/tables.js";
export { DEFAULT_LIMIT, keyString, limitOf, MAX_LIMIT, MemoryStore, rowMatches, selectAll } from "./model/store.js";
export type { Condition, Filter, MaybePromise, ModelStore, Page, RowSource, SelectOptions } from "./model/store.js";
export { applyEvent, applyEvents, foldToMemory } from "./model/fold.js";
export { initialSettings, REDUCERS, SETTINGS_KEY, settingsOf } from "./model/reducers.js";
export type { EventOf, FoldOptions, Reducer, Reducers } from "./model/reducers.js";
// The indexer's rows over its GraphQL (a RowSource like MemoryStore).
export { indexerSource, toWhere } from "./indexer/graphql-source.js";
export type { IndexerSourceOptions } from "./indexer/graphql-source.js";
// Reads on rows: pages of lists, the SDK's own fold of a node (without an indexer), the views' batch.
export { chainHead, isSyncing, pageOf, readPoint } from "./reads/rows.js";
export type { ChainHead, PageOptions, ReadPoint, SyncingRowSource, ViewPage } from "./reads/rows.js";
export { nodeRowSource } from "./reads/node-source.js";
export type { NodeRowSource, NodeRowSourceOptions } from "./reads/node-source.js";
export { inOneBatch, ViewBatch } from "./reads/batch.js";
export type { ViewArgs, ViewName, ViewResult } from "./reads/batch.js";
export { CLOCK_LISTS, LIST_TABLES, listsReading } from "./reads/lists.js";
export type { ListName } from "./reads/lists.js";
// Formatting shared by the dApp, the CLI and the audit trail (amounts, dates, ids, people, rules) and its parsing.
export * from "./format/index.js";
// Profiles and resource descriptions: the documents whose hashes membership and resources put on-chain.
export {
  checkProfile,
  checkResource,
  DOCUMENT_LIMITS,
  PROFILE_KIND,
  profileText,
  readProfile,
  readResource,
  RESOURCE_KIND,
  resourceText,
} from "./member-documents.js";
export type { ProfileDocument, ResourceDocument } from "./member-documents.js";
export { fitVerdict } from "./matching.js";
