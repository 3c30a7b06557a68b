import type { Address } from "viem";

import { latestBlock, type WeconetContext } from "../client.js";
import { readRules, type Rule } from "./rules.js";

/** The network at a glance. */
export interface NetworkStatus {
  chainId: number;
  block: bigint;
  contracts: Record<string, Address>;
  manager: Address;
  /** Members whose vote counts now (activated after probation; suspended members included). */
  voters: bigint;
  attributes: number;
  resources: bigint;
  rules: Rule[];
  governance: { votingDelay: bigint; votingPeriod: bigint; quorumPercent: bigint; timelockDelay: bigint };
  treasury: bigint;
  /** Connectors ever approved to open data connections (the market among them). */
  connectors: number;
  /** Offers, requests and bookings ever made on the market. */
  market: { offers: bigint; requests: bigint; bookings: bigint };
}

export async function readNetworkStatus(ctx: WeconetContext): Promise<NetworkStatus> {
  const c = ctx.contracts;
  const block = await latestBlock(ctx.publicClient);
  const at = { blockNumber: block };
  const [
    manager,
    voters,
    attributes,
    resources,
    rules,
    votingDelay,
    votingPeriod,
    quorumPercent,
    delay,
    treasury,
    connectors,
    offers,
    requests,
    bookings,
  ] = await Promise.all([
    c.membership.read.manager(at),
    c.membership.read.voterCount(at),
    c.taxonomy.read.attributeCount(at),
    c.resources.read.resourceCount(at),
    readRules(ctx, at),
    c.governor.read.votingDelay(at),
    c.governor.read.votingPeriod(at),
    c.governor.read.quorumNumerator(at),
    c.timelock.read.getMinDelay(at),
    ctx.publicClient.getBalance({ address: ctx.deployment.contracts.timelock, blockNumber: block }),
    c.accessGrants.read.connectorCount(at),
    c.market.read.offerCount(at),
    c.market.read.requestCount(at),
    c.market.read.bookingCount(at),
  ]);
  return {
    chainId: ctx.deployment.chainId,
    block,
    contracts: ctx.deployment.contracts,
    manager,
    voters,
    attributes,
    resources,
    rules,
    governance: { votingDelay, votingPeriod, quorumPercent, timelockDelay: delay },
    treasury,
    connectors,
    market: { offers, requests, bookings },
  };
}
