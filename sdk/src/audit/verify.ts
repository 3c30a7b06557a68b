import { erc20Abi, zeroAddress, type Address, type Hex } from "viem";

import { latestBlock, type WeconetContext } from "../client.js";
import { connectionIdOf, dataRequestHash, requestDigest } from "../codes.js";
import {
  APPLICATION_STATUSES,
  BOOKING_STATUSES,
  bytes32ToText,
  MARKET_REQUEST_STATUSES,
  MEMBER_STATUSES,
  OFFER_STATUSES,
  PROPOSAL_STATES,
  ROLES,
  roleName,
  SETTLED_STATUSES,
} from "../errors.js";
import { readEvents, type ReadEventsOptions } from "./reader.js";
import { applyEvent, emptyState, type ConnectionRecord, type NetworkState } from "./state.js";

/** One way in which the state rebuilt from events differs from what the contracts say. */
export interface Difference {
  /** members, roles, rules, taxonomy, resources, governance, timelock, applications, connections, requests, market, escrows, sockets. */
  domain: string;
  /** What differs, e.g. "0xabc… status" or "rule marketFeeBps". */
  subject: string;
  fromEvents: string;
  onChain: string;
}

/** Something the trail shows that an auditor should look at, though the state and the views agree. */
export interface Notice {
  domain: string;
  subject: string;
  detail: string;
}

/** The result of verifying the trail against the contracts. */
export interface VerifyReport {
  fromBlock: bigint;
  toBlock: bigint;
  events: number;
  /** How many facts were compared. */
  checks: number;
  differences: Difference[];
  /**
   * Facts to review: every connector approval or unapproval that the members' vote (the timelock) did not make
   * (the deployment's bootstrap approving its own market is expected; anything else is not).
   */
  notices: Notice[];
  /** The state rebuilt from events, for further inspection. */
  state: NetworkState;
}

/** Runs `tasks` with at most `limit` in flight (thousands of view calls must not flood a node). */
async function inBatches<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(run));
}

/** No pending request: what `pendingRequestOf` returns (a zero expiry and a zero 26-byte digest). */
const NO_REQUEST = `0/0x${"00".repeat(26)}`;

/** Whether `account` is an active member whose membership began no later than `since`, by the events. */
function memberSince(state: NetworkState, account: Address, since: number): boolean {
  const m = state.members.get(account);
  return m !== undefined && m.status === "active" && m.memberSince <= since;
}

/**
 * Whether the application `account` may hold access: active, its developer an active member with the role whose
 * current membership began no later than the (latest) registration.
 */
function applicationLive(state: NetworkState, account: Address): boolean {
  const app = state.applications.get(account);
  if (app === undefined || app.status !== "active") return false;
  const developers = state.roles.membership.get(ROLES.developer);
  return (developers?.has(app.developer) ?? false) && memberSince(state, app.developer, app.registeredAt);
}

/**
 * What `isAuthorized(owner, grantee, attributeId)` must answer at time `now`, by the events alone: some consent
 * of the pair (the owner's own or a booking's, each rebuilt separately) is open, not expired and covers the
 * attribute, and was given while the owner (and a member grantee) were active members of their current
 * membership, and, for an application grantee, at or after its registration while it is live; the attribute is an
 * active person attribute.
 */
export function authorizedByEvents(
  state: NetworkState,
  consents: readonly ConnectionRecord[],
  attributeId: number,
  now: number,
): boolean {
  const attribute = state.attributes.get(attributeId);
  if (attribute === undefined || attribute.deprecated || attribute.domain !== 0) return false;
  return consents.some((c) => {
    if (!c.open || c.expiresAt <= now || !c.attributeIds.includes(attributeId)) return false;
    if (!memberSince(state, c.owner, c.grantedAt)) return false;
    const app = state.applications.get(c.grantee);
    if (app !== undefined) return applicationLive(state, c.grantee) && app.registeredAt <= c.grantedAt;
    return memberSince(state, c.grantee, c.grantedAt);
  });
}

/** The consents of each pair (connection id), every source separately. */
function consentsByPair(state: NetworkState): Map<bigint, ConnectionRecord[]> {
  const pairs = new Map<bigint, ConnectionRecord[]>();
  for (const c of state.connections.values()) pairs.set(c.id, [...(pairs.get(c.id) ?? []), c]);
  return pairs;
}

/**
 * Verifies the audit trail: rebuilds the network's state (members, roles, rules, taxonomy, resources, proposals,
 * timelock operations) from events alone, then compares every fact with the contracts' own views at the same
 * block, and reports each difference. Reading streams: memory grows with the network's state, not its history.
 */
export async function verifyTrail(
  ctx: WeconetContext,
  options: Omit<ReadEventsOptions, "contracts"> = {},
): Promise<VerifyReport> {
  const toBlock = options.toBlock ?? (await latestBlock(ctx.publicClient));
  const fromBlock = options.fromBlock ?? ctx.deployment.fromBlock;
  const state = emptyState();
  for await (const event of readEvents(ctx.publicClient, ctx.deployment, { ...options, fromBlock, toBlock })) {
    applyEvent(state, event);
  }
  const differences: Difference[] = [];
  const notices: Notice[] = [];
  let checks = 0;
  const at = { blockNumber: toBlock };
  const compare = (domain: string, subject: string, fromEvents: unknown, onChain: unknown) => {
    checks++;
    const a = String(fromEvents);
    const b = String(onChain);
    if (a !== b) differences.push({ domain, subject, fromEvents: a, onChain: b });
  };
  const {
    membership,
    timelock,
    governor,
    networkRules,
    taxonomy,
    resources,
    accessGrants,
    applications,
    market,
    socketDirectory,
    receiptAnchors,
  } = ctx.contracts;

  // Members: every account the events know, against memberInfo, votes and badge.
  await inBatches([...state.members.entries()], 32, async ([account, m]) => {
    const [[status, since, memberSince, profile], votes, badges, suspendedBy] = await Promise.all([
      membership.read.memberInfo([account], at),
      membership.read.getVotes([account], at),
      membership.read.balanceOf([account], at),
      membership.read.suspensionAuthority([account], at),
    ]);
    compare("members", `${account} status`, m.status, MEMBER_STATUSES[status]);
    compare("members", `${account} status since`, m.since, since);
    compare("members", `${account} member since`, m.memberSince, memberSince);
    compare("members", `${account} profile`, m.profile, profile);
    compare("members", `${account} votes`, m.votes, votes);
    compare("members", `${account} badge`, m.badge ? 1 : 0, badges);
    compare("members", `${account} suspended by`, m.suspendedBy, suspendedBy);
  });
  // Votes are the activated members', suspended or not (a suspension takes no vote).
  const voters = [...state.members.values()].filter((m) => m.votes > 0n).length;
  compare("members", "voter count", voters, await membership.read.voterCount(at));

  // Roles: every (role, account) ever granted, in the membership and the timelock; and the manager.
  for (const [contract, history, current] of [
    [membership, state.roleHistory.membership, state.roles.membership],
    [timelock, state.roleHistory.timelock, state.roles.timelock],
  ] as const) {
    const name = contract === membership ? "membership" : "timelock";
    const pairs = [...history.entries()].flatMap(([role, accounts]) => [...accounts].map((a) => [role, a] as const));
    await inBatches(pairs, 32, async ([role, account]) => {
      const held = current.get(role)?.has(account) ?? false;
      compare("roles", `${name} ${roleName(role)} ${account}`, held, await contract.read.hasRole([role, account], at));
    });
  }
  compare("roles", "manager", state.manager, await membership.read.manager(at));

  // Rules: the contract's own key list against the keys the events set, then each value.
  const keys = await networkRules.read.ruleKeys(at);
  compare(
    "rules",
    "rule keys",
    [...state.rules.keys()].map(bytes32ToText).sort().join(","),
    keys.map(bytes32ToText).sort().join(","),
  );
  for (const key of keys) {
    compare("rules", `rule ${bytes32ToText(key)}`, state.rules.get(key), await networkRules.read.rule([key], at));
  }

  // Taxonomy: the count, then every attribute.
  const attributeCount = await taxonomy.read.attributeCount(at);
  compare("taxonomy", "attribute count", state.attributes.size, attributeCount);
  await inBatches([...state.attributes.entries()], 32, async ([id, a]) => {
    const onChain = await taxonomy.read.attribute([id], at);
    compare(
      "taxonomy",
      `attribute ${id}`,
      `${a.name}/${a.domain}/${a.dataType}/${a.parent}/${a.deprecated}`,
      `${onChain.name}/${onChain.domain}/${onChain.dataType}/${onChain.parent}/${onChain.deprecated}`,
    );
  });

  // Resources: the count, then every resource.
  compare("resources", "resource count", state.resources.size, await resources.read.resourceCount(at));
  await inBatches([...state.resources.entries()], 32, async ([id, r]) => {
    const onChain = await resources.read.resource([id], at);
    compare(
      "resources",
      `resource ${id}`,
      `${r.owner}/${r.classId}/${r.metadata}/${r.active}/${r.registeredAt}`,
      `${onChain.owner}/${onChain.classId}/${onChain.metadata}/${onChain.active}/${onChain.registeredAt}`,
    );
  });

  // Governance: settings, then each proposal's tally, voters, deadline and lifecycle.
  const g = state.governor;
  compare("governance", "voting delay", g.votingDelay, await governor.read.votingDelay(at));
  compare("governance", "voting period", g.votingPeriod, await governor.read.votingPeriod(at));
  compare("governance", "proposal threshold", g.proposalThreshold, await governor.read.proposalThreshold(at));
  compare("governance", "quorum numerator", g.quorumNumerator, await governor.read.quorumNumerator(at));
  compare(
    "governance",
    "late-quorum extension",
    g.lateQuorumExtension,
    await governor.read.lateQuorumVoteExtension(at),
  );
  compare("governance", "timelock", g.timelock, await governor.read.timelock(at));
  await inBatches([...state.proposals.values()], 16, async (p) => {
    const [[against, forVotes, abstain], deadline, proposer, s] = await Promise.all([
      governor.read.proposalVotes([p.id], at),
      governor.read.proposalDeadline([p.id], at),
      governor.read.proposalProposer([p.id], at),
      governor.read.state([p.id], at),
    ]);
    const id = `proposal ${p.id}`;
    compare(
      "governance",
      `${id} votes against/for/abstain`,
      `${p.votes.against}/${p.votes.for}/${p.votes.abstain}`,
      `${against}/${forVotes}/${abstain}`,
    );
    compare("governance", `${id} deadline`, p.deadline, deadline);
    compare("governance", `${id} proposer`, p.proposer, proposer);
    // Only the states events decide; the others (pending, active, defeated, succeeded, expired) follow the clock.
    const decided = p.canceled ? "canceled" : p.executed ? "executed" : p.queued ? "queued" : undefined;
    const onChainState = PROPOSAL_STATES[s] ?? String(s);
    const clockState = ["pending", "active", "defeated", "succeeded", "expired"].includes(onChainState);
    compare("governance", `${id} state`, decided ?? "undecided", clockState ? "undecided" : onChainState);
    await inBatches([...p.voters], 32, async (voter: Address) => {
      compare("governance", `${id} voted ${voter}`, true, await governor.read.hasVoted([p.id, voter], at));
    });
  });

  // Timelock: the delay, then every operation's lifecycle.
  compare("timelock", "minimum delay", state.timelock.minDelay, await timelock.read.getMinDelay(at));
  await inBatches([...state.timelock.operations.entries()], 32, async ([id, op]) => {
    const [done, pending] = await Promise.all([
      timelock.read.isOperationDone([id], at),
      timelock.read.isOperationPending([id], at),
    ]);
    const fromEvents = op.executed ? "done" : op.cancelled ? "cancelled" : op.scheduled ? "pending" : "unknown";
    compare("timelock", `operation ${id}`, fromEvents, done ? "done" : pending ? "pending" : "cancelled");
  });

  // Applications: every registered one, and whether it may hold access now.
  await inBatches([...state.applications.values()], 32, async (a) => {
    const [onChain, live] = await Promise.all([
      applications.read.application([a.account], at),
      applications.read.isLive([a.account], at),
    ]);
    compare(
      "applications",
      `application ${a.account}`,
      `${a.developer}/${a.status}/${a.registeredAt}/${a.name}/${a.metadataURI}/${a.attributeIds.join(" ")}/${a.purpose}`,
      `${onChain.developer}/${APPLICATION_STATUSES[onChain.status] ?? onChain.status}/${onChain.registeredAt}/${onChain.name}/${onChain.metadataURI}/${onChain.attributeIds.join(" ")}/${onChain.purpose}`,
    );
    compare("applications", `application ${a.account} live`, applicationLive(state, a.account), live);
  });

  // Connectors and the bootstrap phase.
  compare("connections", "connector count", state.connectors.size, await accessGrants.read.connectorCount(at));
  await inBatches([...state.connectors.entries()], 32, async ([connector, record]) => {
    const onChain = await accessGrants.read.connectorOf([connector], at);
    compare(
      "connections",
      `connector ${connector}`,
      `${record.id}/${record.approved}`,
      `${onChain.id}/${onChain.approved}`,
    );
  });
  if (state.bootstrapFinished) {
    compare("connections", "bootstrapper", zeroAddress, await accessGrants.read.bootstrapper(at));
  }
  // Every connector approval the members' vote did not make (the bootstrapper's within the deployment included).
  const timelockAddress = ctx.deployment.contracts.timelock.toLowerCase();
  for (const change of state.connectorChanges) {
    if (change.by.toLowerCase() === timelockAddress) continue;
    notices.push({
      domain: "connections",
      subject: `connector ${change.connector}`,
      detail: `${change.approved ? "approved" : "unapproved"} by ${change.by}, not by the members' vote (block ${change.block})`,
    });
  }

  // Connections: every consent ever opened, each source (the owner's own, each booking's slot) separately, as
  // stored, and what isAuthorized answers for each of its attributes given all the pair's consents.
  const now = Number((await ctx.publicClient.getBlock({ blockNumber: toBlock })).timestamp);
  await inBatches([...consentsByPair(state).values()], 16, async (consents) => {
    const [first] = consents;
    if (first === undefined) return;
    const name = `connection ${first.owner} → ${first.grantee}`;
    compare("connections", `${name} id`, first.id, connectionIdOf(first.owner, first.grantee));
    const [stored] = await accessGrants.read.consentsOf([first.owner, first.grantee], at);
    for (const c of consents) {
      const onChain = stored[c.slot];
      compare(
        "connections",
        `${name} consent ${c.slot}`,
        c.open ? `${c.expiresAt}/${c.grantedAt}/${c.connector}/${c.attributeIds.join(" ")}` : `0/0/${zeroAddress}/`,
        onChain === undefined
          ? "no such slot"
          : `${onChain.expiresAt}/${onChain.grantedAt}/${onChain.connector}/${onChain.attributeIds.join(" ")}`,
      );
    }
    const attributes = [...new Set(consents.flatMap((c) => c.attributeIds))];
    await Promise.all(
      attributes.map(async (attributeId) => {
        compare(
          "connections",
          `${name} authorizes attribute ${attributeId}`,
          authorizedByEvents(state, consents, attributeId, now),
          await accessGrants.read.isAuthorized([first.owner, first.grantee, attributeId], at),
        );
      }),
    );
  });

  // Requests: the pending ones as stored (expiry and digest), the answered ones gone.
  await inBatches([...state.requests.values()], 32, async (r) => {
    const [expiresAt, digest] = await accessGrants.read
      .pendingRequestOf([r.owner, r.grantee], at)
      .then((p): [number, Hex] => [p.expiresAt, p.digest]);
    compare(
      "requests",
      `request ${r.grantee} → ${r.owner}`,
      r.status === "pending" ? `${r.expiresAt}/${requestDigest(r.attributeIds, r.purpose, r.duration)}` : NO_REQUEST,
      `${expiresAt}/${digest}`,
    );
  });

  // Market: the counts, every offer, request and booking as stored, every credit, and per token what the market
  // holds against the open escrows plus the credits.
  const m = state.market;
  const [offerCount, requestCount, bookingCount] = await Promise.all([
    market.read.offerCount(at),
    market.read.requestCount(at),
    market.read.bookingCount(at),
  ]);
  compare("market", "offer count", m.offers.size, offerCount);
  compare("market", "request count", m.requests.size, requestCount);
  compare("market", "booking count", m.bookings.size, bookingCount);
  await inBatches([...m.offers.values()], 32, async (o) => {
    const c = await market.read.offer([o.id], at);
    compare(
      "market",
      `offer ${o.id}`,
      `${o.provider}/${o.status}/${o.classId}/${o.version}/${o.resourceId}/${o.token}/${o.validFrom}-${o.validUntil}/${o.unitPrice}/${o.capacity}/${o.booked}/${dataRequestHash(o.dataRequest)}`,
      `${c.provider}/${OFFER_STATUSES[c.status] ?? c.status}/${c.classId}/${c.version}/${c.resourceId}/${c.token}/${c.validFrom}-${c.validUntil}/${c.unitPrice}/${c.capacity}/${c.booked}/${c.dataRequest}`,
    );
  });
  await inBatches([...m.requests.values()], 32, async (r) => {
    const c = await market.read.request([r.id], at);
    compare(
      "market",
      `request ${r.id}`,
      `${r.consumer}/${r.status}/${r.classId}/${r.deadline}/${r.token}/${r.quantity}/${r.maxUnitPrice}`,
      `${c.consumer}/${MARKET_REQUEST_STATUSES[c.status] ?? c.status}/${c.classId}/${c.deadline}/${c.token}/${c.quantity}/${c.maxUnitPrice}`,
    );
    for (const offerId of r.answers) {
      compare(
        "market",
        `request ${r.id} answered by offer ${offerId}`,
        true,
        await market.read.hasAnswered([r.id, offerId], at),
      );
    }
  });
  const escrow = new Map<Address, bigint>();
  await inBatches([...m.bookings.values()], 32, async (b) => {
    const c = await market.read.booking([b.id], at);
    compare(
      "escrows",
      `booking ${b.id}`,
      `${b.consumer}/${b.status}/${b.feeBps}/${b.connectionId !== 0n}/${b.windowEnds}/${b.token}/${b.offerId}/${b.disputeWindow}/${b.amount}/${b.quantity}/${b.rulingPeriod}`,
      `${c.consumer}/${BOOKING_STATUSES[c.status] ?? c.status}/${c.feeBps}/${c.consentSlot !== 0}/${c.windowEnds}/${c.token}/${c.offerId}/${c.disputeWindow}/${c.amount}/${c.quantity}/${c.rulingPeriod}`,
    );
    if (!SETTLED_STATUSES.includes(b.status)) escrow.set(b.token, (escrow.get(b.token) ?? 0n) + b.amount);
  });
  const tokens = new Set<Address>([...escrow.keys(), ...m.credits.keys()]);
  for (const token of tokens) {
    const credits = m.credits.get(token) ?? new Map<Address, bigint>();
    await inBatches([...credits.entries()], 32, async ([account, amount]) => {
      compare(
        "escrows",
        `credit of ${account} in ${tokenName(token)}`,
        amount,
        await market.read.balanceOf([account, token], at),
      );
    });
    const owed = (escrow.get(token) ?? 0n) + [...credits.values()].reduce((sum, amount) => sum + amount, 0n);
    const held =
      token === zeroAddress
        ? await ctx.publicClient.getBalance({ address: market.address, blockNumber: toBlock })
        : await ctx.publicClient.readContract({
            address: token,
            abi: erc20Abi,
            functionName: "balanceOf",
            args: [market.address],
            blockNumber: toBlock,
          });
    compare("escrows", `${tokenName(token)} held by the market (open escrows + credits)`, owed, held);
  }

  // Sockets: the default, every member's own pointer (a cleared one must be empty), every operator's latest anchor.
  const sockets = state.sockets;
  compare("sockets", "default socket", sockets.defaultSocket, await socketDirectory.read.defaultSocket(at));
  await inBatches([...sockets.own.entries()], 32, async ([member, url]) => {
    compare("sockets", `socket of ${member}`, url, await socketDirectory.read.ownSocketOf([member], at));
  });
  await inBatches([...sockets.anchors.entries()], 32, async ([operator, a]) => {
    const [root, receipts, seq, anchoredAt] = await receiptAnchors.read.latestOf([operator], at);
    compare(
      "sockets",
      `latest anchor of ${operator}`,
      `${a.seq}/${a.root}/${a.receipts}/${a.anchoredAt}`,
      `${seq}/${root}/${receipts}/${anchoredAt}`,
    );
  });

  return { fromBlock, toBlock, events: state.events, checks, differences, notices, state };
}

const tokenName = (token: Address) => (token === zeroAddress ? "ETH" : token);

/** A difference report as text lines. */
export function formatDifferences(report: VerifyReport): string[] {
  return report.differences.map(
    (d) => `[${d.domain}] ${d.subject}: events say ${d.fromEvents}, the contract says ${d.onChain}`,
  );
}
