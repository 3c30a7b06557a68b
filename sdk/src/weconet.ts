import type { PublicClient } from "viem";

import { membershipActions } from "./actions/membership.js";
import { governanceActions } from "./actions/governance.js";
import { resourceActions } from "./actions/resources.js";
import { readEvents, type ReadEventsOptions } from "./audit/reader.js";
import { verifyTrail } from "./audit/verify.js";
import { contractsOf, type SigningClient, type WeconetContext } from "./client.js";
import type { Deployment } from "./contracts.js";
import { WeconetError } from "./errors.js";
import { findProposal, listProposals } from "./reads/governance.js";
import { listMembers, readMember } from "./reads/members.js";
import { listResources } from "./reads/resources.js";
import { readRules } from "./reads/rules.js";
import { attributeIdOf, listAttributes } from "./reads/taxonomy.js";
import { readNetworkStatus } from "./reads/status.js";

export interface CreateWeconetOptions {
  deployment: Deployment;
  publicClient: PublicClient;
  /** Needed to act (send transactions, sign grants and ballots); reads work without. */
  walletClient?: SigningClient;
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
  const ctx: WeconetContext = {
    deployment,
    publicClient,
    contracts: contractsOf(deployment, publicClient),
    ...(walletClient === undefined ? {} : { walletClient }),
  };
  return {
    deployment,
    publicClient,
    walletClient,
    contracts: ctx.contracts,
    context: ctx,
    /** Applying, admitting, suspending, leaving, profiles and the developer role. */
    membership: membershipActions(ctx),
    /** Proposals (rule changes, role appointments, vocabulary), votes (also by signature), queue, execute. */
    governance: governanceActions(ctx),
    /** Members' resources. */
    resources: resourceActions(ctx),
    reads: {
      status: () => readNetworkStatus(ctx),
      member: (account: Parameters<typeof readMember>[1]) => readMember(ctx, account),
      members: (o?: Parameters<typeof listMembers>[1]) => listMembers(ctx, o),
      proposals: (o?: Parameters<typeof listProposals>[1]) => listProposals(ctx, o),
      proposal: (id: bigint) => findProposal(ctx, id),
      rules: () => readRules(ctx),
      attributes: () => listAttributes(ctx),
      attributeId: (ref: number | string) => attributeIdOf(ctx, ref),
      resources: (o?: Parameters<typeof listResources>[1]) => listResources(ctx, o),
    },
    audit: {
      /** Every event over a block range, normalized, streamed in chain order. */
      events: (o?: ReadEventsOptions) => readEvents(publicClient, deployment, o),
      /** Rebuilds the state from events and compares it with the contracts' views. */
      verify: (o?: Omit<ReadEventsOptions, "contracts">) => verifyTrail(ctx, o),
    },
    /** The same client, acting as `wallet`'s account. */
    connect: (wallet: SigningClient) => createWeconet({ deployment, publicClient, walletClient: wallet }),
  };
}

/** A Weconet client. */
export type Weconet = ReturnType<typeof createWeconet>;
