import type { Address } from "viem";

import { latestBlock, type WeconetContext } from "../client.js";
import { inOneBatch } from "./batch.js";
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

/** The network at a glance: the contracts' views in one batch, at the latest block. */
export async function readNetworkStatus(ctx: WeconetContext): Promise<NetworkStatus> {
  const block = await latestBlock(ctx.publicClient);
  const [views, treasury, rules] = await Promise.all([
    inOneBatch(ctx, block, (batch) =>
      Promise.all([
        batch.view("membership", "manager", []),
        batch.view("membership", "voterCount", []),
        batch.view("taxonomy", "attributeCount", []),
        batch.view("resources", "resourceCount", []),
        batch.view("governor", "votingDelay", []),
        batch.view("governor", "votingPeriod", []),
        batch.view("governor", "quorumNumerator", []),
        batch.view("timelock", "getMinDelay", []),
        batch.view("accessGrants", "connectorCount", []),
        batch.view("market", "offerCount", []),
        batch.view("market", "requestCount", []),
        batch.view("market", "bookingCount", []),
      ]),
    ),
    ctx.publicClient.getBalance({ address: ctx.deployment.contracts.timelock, blockNumber: block }),
    readRules(ctx),
  ]);
  const [
    manager,
    voters,
    attributes,
    resources,
    votingDelay,
    votingPeriod,
    quorumPercent,
    delay,
    connectors,
    offers,
    requests,
    bookings,
  ] = views;
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
