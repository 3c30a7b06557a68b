import type { Address, PublicClient } from "viem";

import { accessActions } from "./actions/access.js";
import { applicationActions } from "./actions/applications.js";
import { marketActions } from "./actions/market.js";
import { membershipActions } from "./actions/membership.js";
import { governanceActions } from "./actions/governance.js";
import { resourceActions } from "./actions/resources.js";
import { socketActions } from "./actions/sockets.js";
import { readEvents, type ReadEventsOptions } from "./audit/reader.js";
import { verifyTrail } from "./audit/verify.js";
import { contractsOf, type SigningClient, type WeconetContext } from "./client.js";
import type { Deployment } from "./contracts.js";
import { WeconetError } from "./errors.js";
import { authorizations, isAuthorized, listConnections, listRequests } from "./reads/access.js";
import { listApplications, readApplication } from "./reads/applications.js";
import type { MatchRequest } from "./matching.js";
import { matchMarket } from "./reads/match.js";
import { listBookings, listMarketRequests, listOffers, marketCredits, readOffer } from "./reads/market.js";
import { findProposal, listProposals, listVotes, readProposal, resolveProposalId } from "./reads/governance.js";
import { listMembers, readMember } from "./reads/members.js";
import { listResources } from "./reads/resources.js";
import { defaultSocket, latestAnchor, ownSocketOf, socketOf } from "./reads/sockets.js";
import { readRules } from "./reads/rules.js";
import { attributeIdOf, listAttributes } from "./reads/taxonomy.js";
import { readNetworkStatus } from "./reads/status.js";
import { readChanges } from "./reads/lists.js";
import { readInbox } from "./reads/inbox.js";
import { readTokens } from "./reads/tokens.js";
import { indexerSource } from "./indexer/graphql-source.js";
import { nodeRowSource } from "./reads/node-source.js";
import type { RowSource } from "./model/store.js";

export interface CreateWeconetOptions {
  deployment: Deployment;
  publicClient: PublicClient;
  /** Needed to act (send transactions, sign grants and ballots); reads work without. */
  walletClient?: SigningClient;
  /**
   * Where lists read their rows: the Weconet indexer (its URL, or any `RowSource`). Without, the SDK folds the
   * node's events itself, into memory, bringing them up to the chain's head before each read (only the new
   * blocks after the first).
   */
  indexer?: string | RowSource;
}

/** The rows for `options`: the indexer's, or a fold of the node's events. */
function rowSourceOf(options: CreateWeconetOptions): RowSource {
  const { indexer } = options;
  if (indexer === undefined) return nodeRowSource(options.publicClient, options.deployment);
  return typeof indexer === "string" ? indexerSource(indexer) : indexer;
}

/**
 * A Weconet client: typed contracts, one function per user action (grouped by domain), reads for lists, and the
 * audit trail. `connect(wallet)` gives the same client acting as another account.
 */
export function createWeconet(options: CreateWeconetOptions) {
  const { deployment, publicClient, walletClient } = options;
  const chainId = publicClient.chain?.id;
  if (chainId !== undefined && chainId !== deployment.chainId) {
    throw new WeconetError(
      `wrong network: the deployment is for chain ${deployment.chainId}, but the client is on chain ${chainId}`,
    );
  }
  const rows = rowSourceOf(options);
  const ctx: WeconetContext = {
    deployment,
    publicClient,
    contracts: contractsOf(deployment, publicClient),
    rows,
    ...(walletClient === undefined ? {} : { walletClient }),
  };
  return {
    deployment,
    publicClient,
    walletClient,
    contracts: ctx.contracts,
    context: ctx,
    /** The rows the lists read (the indexer's, or the SDK's own fold: `sync()` brings that up to the chain). */
    rows,
    /** Applying, admitting, suspending, leaving, profiles and the developer role. */
    membership: membershipActions(ctx),
    /** Proposals (rule changes, role appointments, vocabulary), votes (also by signature), queue, execute. */
    governance: governanceActions(ctx),
    /** Members' resources. */
    resources: resourceActions(ctx),
    /** Data connections: grant (also by signature, also in batches), revoke, relinquish, requests and answers. */
    access: accessActions(ctx),
    /** Applications of community developers: register, update, retire; leaders suspend and reinstate. */
    applications: applicationActions(ctx),
    /** The market: offers, requests and answers, bookings with escrow, delivery, disputes, rulings, withdrawals. */
    market: marketActions(ctx),
    /** Where one's data lives (name or clear one's socket), and socket operators' receipt anchors. */
    sockets: socketActions(ctx),
    reads: {
      status: () => readNetworkStatus(ctx),
      member: (account: Parameters<typeof readMember>[1]) => readMember(ctx, account),
      members: (o?: Parameters<typeof listMembers>[1]) => listMembers(ctx, o),
      proposals: (o?: Parameters<typeof listProposals>[1]) => listProposals(ctx, o),
      proposal: (id: bigint) => findProposal(ctx, id),
      /** One proposal with its state, tally, quorum, electorate (the votes at its snapshot) and transactions. */
      proposalView: (id: bigint) => readProposal(ctx, id),
      /** The full id of the proposal a typed id names: the whole id, or a part of it that names only one. */
      resolveProposal: (typed: string) => resolveProposalId(ctx, typed),
      /** The votes on a proposal (or a voter's), with their reasons, newest first. */
      votes: (o?: Parameters<typeof listVotes>[1]) => listVotes(ctx, o),
      rules: () => readRules(ctx),
      /** The whole vocabulary. */
      attributes: () => listAttributes(ctx),
      attributeId: (ref: number | string) => attributeIdOf(ctx, ref),
      resources: (o?: Parameters<typeof listResources>[1]) => listResources(ctx, o),
      /** A member's (or everyone's) connections: given, received; live, expired, closed. */
      connections: (o?: Parameters<typeof listConnections>[1]) => listConnections(ctx, o),
      /** Requests to or by a member (pending by default). */
      requests: (o?: Parameters<typeof listRequests>[1]) => listRequests(ctx, o),
      applications: (o?: Parameters<typeof listApplications>[1]) => listApplications(ctx, o),
      application: (account: Parameters<typeof readApplication>[1]) => readApplication(ctx, account),
      /** Whether a grantee may access an attribute of an owner now (what the data socket asks). */
      isAuthorized: (p: Parameters<typeof isAuthorized>[1]) => isAuthorized(ctx, p),
      /** The same for several attributes, in one call. */
      authorizations: (p: Parameters<typeof authorizations>[1]) => authorizations(ctx, p),
      /** Offers, cheapest first: live ones by default, by class (and subclasses), token, price, provider. */
      offers: (o?: Parameters<typeof listOffers>[1]) => listOffers(ctx, o),
      offer: (offerId: bigint) => readOffer(ctx, offerId),
      /** A party's bookings with their escrow and what each side can do next. */
      bookings: (o?: Parameters<typeof listBookings>[1]) => listBookings(ctx, o),
      /** Requests on the market (open ones by default) with their answers. */
      marketRequests: (o?: Parameters<typeof listMarketRequests>[1]) => listMarketRequests(ctx, o),
      /** Each payment token's symbol and decimals (ETH for the zero address). */
      tokens: (tokens: readonly Address[]) => readTokens(ctx, tokens),
      /** What an account may withdraw from the market, per token. */
      credits: (account: Parameters<typeof marketCredits>[1]) => marketCredits(ctx, account),
      /** The offers ranked for what a consumer asks, each with its explanation (see `matchOffers`). */
      match: (request: MatchRequest, o?: Parameters<typeof matchMarket>[2]) => matchMarket(ctx, request, o),
      /** What waits for an account to act: requests to answer, bookings, disputes to rule, proposals to vote on. */
      inbox: (account: Address, o?: Parameters<typeof readInbox>[2]) => readInbox(ctx, account, o),
      /** Which table changed last at which block: poll it and refresh only the lists that read it (`LIST_TABLES`). */
      changes: () => readChanges(ctx),
      /** The URL of the socket serving a member's data: their own, else the network's default. */
      socketOf: (member: Parameters<typeof socketOf>[1]) => socketOf(ctx, member),
      /** The socket a member named themselves (undefined when the default serves them). */
      ownSocketOf: (member: Parameters<typeof ownSocketOf>[1]) => ownSocketOf(ctx, member),
      /** The network's default socket. */
      defaultSocket: () => defaultSocket(ctx),
      /** A socket operator's latest receipt anchor (undefined before its first). */
      latestAnchor: (operator: Parameters<typeof latestAnchor>[1]) => latestAnchor(ctx, operator),
    },
    audit: {
      /** Every event over a block range, normalized, streamed in chain order. */
      events: (o?: ReadEventsOptions) => readEvents(publicClient, deployment, o),
      /** Rebuilds the state from events and compares it with the contracts' views. */
      verify: (o?: Omit<ReadEventsOptions, "contracts">) => verifyTrail(ctx, o),
    },
    /** The same client, acting as `wallet`'s account. */
    connect: (wallet: SigningClient) =>
      createWeconet({ deployment, publicClient, walletClient: wallet, indexer: rows }),
  };
}

/** A Weconet client. */
export type Weconet = ReturnType<typeof createWeconet>;
