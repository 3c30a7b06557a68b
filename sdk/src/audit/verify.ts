import { erc20Abi, zeroAddress, type Address, type Hex } from "viem";

import { latestBlock, type WeconetContext } from "../client.js";
import { connectionIdOf, dataRequestHash, requestDigest } from "../digests.js";
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
  type ProposalState,
} from "../errors.js";
import { readEvents, type ReadEventsOptions } from "./reader.js";
import { foldToMemory } from "../model/fold.js";
import { initialSettings, SETTINGS_KEY } from "../model/reducers.js";
import { keyString, selectAll, type MemoryStore, type RowSource } from "../model/store.js";
import { kindOf, MODEL_TABLES, TABLE_NAMES, type ColumnKind, type RowOf, type TableName } from "../model/tables.js";

/** One way in which the rows (rebuilt from events) differ from what the contracts say. */
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

/** The result of comparing rows with the contracts' views. */
export interface RowsReport {
  /** The block the views were read at. */
  toBlock: bigint;
  /** How many events built the rows. */
  events: number;
  /** How many facts were compared. */
  checks: number;
  differences: Difference[];
  /**
   * Facts to review: every connector approval or unapproval that the members' vote (the timelock) did not make
   * (the deployment's bootstrap approving its own market is expected; anything else is not).
   */
  notices: Notice[];
}

/** The result of verifying the trail against the contracts. */
export interface VerifyReport extends RowsReport {
  fromBlock: bigint;
  /** The rows rebuilt from events, for further inspection. */
  store: MemoryStore;
}

/** Runs `tasks` with at most `limit` in flight (thousands of view calls must not flood a node). */
async function inBatches<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(run));
}

/** The proposal states an event decides (the governor's others follow its clock). */
const EVENT_DECIDED_STATES: ReadonlySet<ProposalState> = new Set<ProposalState>(["canceled", "queued", "executed"]);

/** No pending request: what `pendingRequestOf` returns (a zero expiry and a zero 26-byte digest). */
const NO_REQUEST = `0/0x${"00".repeat(26)}`;

/** What decides whether a consent authorizes now, besides the consent itself: members, applications, attributes. */
export interface AuthorizationFacts {
  member(account: Address): RowOf<"member"> | undefined;
  application(account: Address): RowOf<"application"> | undefined;
  attribute(id: number): RowOf<"attribute"> | undefined;
  /** Whether `account` holds the developer role in the membership now. */
  isDeveloper(account: Address): boolean;
}

/** The facts from rows (addresses compared case-insensitively: a store may keep them lower-cased). */
export function authorizationFacts(rows: {
  members: readonly RowOf<"member">[];
  applications: readonly RowOf<"application">[];
  attributes: readonly RowOf<"attribute">[];
  roles: readonly RowOf<"role">[];
}): AuthorizationFacts {
  const members = new Map(rows.members.map((m) => [m.account.toLowerCase(), m]));
  const applications = new Map(rows.applications.map((a) => [a.account.toLowerCase(), a]));
  const attributes = new Map(rows.attributes.map((a) => [a.id, a]));
  const developer = ROLES.developer.toLowerCase();
  const developers = new Set(
    rows.roles
      .filter((r) => r.contract === "membership" && r.held && r.role.toLowerCase() === developer)
      .map((r) => r.account.toLowerCase()),
  );
  return {
    member: (account) => members.get(account.toLowerCase()),
    application: (account) => applications.get(account.toLowerCase()),
    attribute: (id) => attributes.get(id),
    isDeveloper: (account) => developers.has(account.toLowerCase()),
  };
}

/** Whether `account` is an active member whose membership began no later than `since`, by the rows. */
function memberSince(facts: AuthorizationFacts, account: Address, since: number): boolean {
  const m = facts.member(account);
  return m !== undefined && m.status === "active" && m.memberSince <= since;
}

/**
 * Whether the application `account` may hold access: active, its developer an active member with the role whose
 * current membership began no later than the (latest) registration.
 */
function applicationLive(facts: AuthorizationFacts, account: Address): boolean {
  const app = facts.application(account);
  if (app === undefined || app.status !== "active") return false;
  return facts.isDeveloper(app.developer) && memberSince(facts, app.developer, app.registeredAt);
}

/**
 * What `isAuthorized(owner, grantee, attributeId)` must answer at time `now`, by the events alone: some consent
 * of the pair (the owner's own or a booking's, each rebuilt separately) is open, not expired and covers the
 * attribute, and was given while the owner (and a member grantee) were active members of their current
 * membership, and, for an application grantee, at or after its registration while it is live; the attribute is an
 * active person attribute.
 */
export function authorizedByEvents(
  facts: AuthorizationFacts,
  consents: readonly RowOf<"connection">[],
  attributeId: number,
  now: number,
): boolean {
  const attribute = facts.attribute(attributeId);
  if (attribute === undefined || attribute.deprecated || attribute.domain !== 0) return false;
  return consents.some((c) => {
    if (!c.open || c.expiresAt <= now || !c.attributeIds.includes(attributeId)) return false;
    if (!memberSince(facts, c.owner, c.grantedAt)) return false;
    const app = facts.application(c.grantee);
    if (app !== undefined) return applicationLive(facts, c.grantee) && app.registeredAt <= c.grantedAt;
    return memberSince(facts, c.grantee, c.grantedAt);
  });
}

/** Rows grouped by a key's text, in the rows' order. */
function groupBy<R>(rows: readonly R[], keyOf: (row: R) => string): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return groups;
}

/**
 * Verifies the audit trail: folds the network's events, read straight from the node, into rows in memory, then
 * compares them with the contracts' own views at the same block ({@link verifyRows}). Reading streams: memory
 * grows with the network's state, not its history.
 */
export async function verifyTrail(
  ctx: WeconetContext,
  options: Omit<ReadEventsOptions, "contracts"> = {},
): Promise<VerifyReport> {
  const toBlock = options.toBlock ?? (await latestBlock(ctx.publicClient));
  const fromBlock = options.fromBlock ?? ctx.deployment.fromBlock;
  const store = await foldToMemory(readEvents(ctx.publicClient, ctx.deployment, { ...options, fromBlock, toBlock }));
  return { fromBlock, ...(await verifyRows(ctx, store, toBlock)), store };
}

/**
 * Compares the rows of `source` (the SDK's own fold, or the indexer's tables) with the contracts' views at block
 * `atBlock` (by default the source's own block), and reports each difference: every member, role ever granted,
 * rule, attribute, resource, proposal and vote, timelock operation, application, connector, connection consent
 * (and what `isAuthorized` answers), request, offer, market request, booking, credit, and what the market holds.
 */
export async function verifyRows(ctx: WeconetContext, source: RowSource, atBlock?: bigint): Promise<RowsReport> {
  const applied = await source.block();
  const toBlock = atBlock ?? applied;
  if (applied > toBlock) {
    throw new Error(
      `weconet audit: the rows include events of block ${applied}, after block ${toBlock} they are to be compared at`,
    );
  }
  const all = <T extends TableName>(table: T) => selectAll(source, table);
  const [
    settingsRow,
    memberRows,
    roleRows,
    ruleRows,
    attributeRows,
    resourceRows,
    proposalRows,
    voteRows,
    operationRows,
    applicationRows,
    connectorRows,
    connectorChangeRows,
    connectionRows,
    requestRows,
    offerRows,
    marketRequestRows,
    bookingRows,
    creditRows,
    socketRows,
    anchorRows,
  ] = await Promise.all([
    source.get("settings", SETTINGS_KEY),
    all("member"),
    all("role"),
    all("rule"),
    all("attribute"),
    all("resource"),
    all("proposal"),
    all("vote"),
    all("operation"),
    all("application"),
    all("connector"),
    all("connectorChange"),
    all("connection"),
    all("accessRequest"),
    all("offer"),
    all("marketRequest"),
    all("booking"),
    all("credit"),
    all("socket"),
    all("anchor"),
  ]);
  const settings = settingsRow ?? initialSettings();
  const facts = authorizationFacts({
    members: memberRows,
    applications: applicationRows,
    attributes: attributeRows,
    roles: roleRows,
  });
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
  await inBatches(memberRows, 32, async (m) => {
    const account = m.account;
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
  const voters = memberRows.filter((m) => m.votes > 0n).length;
  compare("members", "voter count", voters, await membership.read.voterCount(at));

  // Roles: every (role, account) ever granted, in the membership and the timelock; and the manager.
  for (const [contract, name] of [
    [membership, "membership"],
    [timelock, "timelock"],
  ] as const) {
    await inBatches(
      roleRows.filter((r) => r.contract === name),
      32,
      async ({ role, account, held }) => {
        compare(
          "roles",
          `${name} ${roleName(role)} ${account}`,
          held,
          await contract.read.hasRole([role, account], at),
        );
      },
    );
  }
  compare("roles", "manager", settings.manager, await membership.read.manager(at));

  // Rules: the contract's own key list against the keys the events set, then each value.
  const keys = await networkRules.read.ruleKeys(at);
  compare(
    "rules",
    "rule keys",
    ruleRows
      .map((r) => bytes32ToText(r.key))
      .sort()
      .join(","),
    keys.map(bytes32ToText).sort().join(","),
  );
  const rules = new Map(ruleRows.map((r) => [r.key.toLowerCase(), r.value]));
  for (const key of keys) {
    compare(
      "rules",
      `rule ${bytes32ToText(key)}`,
      rules.get(key.toLowerCase()),
      await networkRules.read.rule([key], at),
    );
  }

  // Taxonomy: the count, then every attribute.
  const attributeCount = await taxonomy.read.attributeCount(at);
  compare("taxonomy", "attribute count", attributeRows.length, attributeCount);
  await inBatches(attributeRows, 32, async (a) => {
    const id = a.id;
    const onChain = await taxonomy.read.attribute([id], at);
    compare(
      "taxonomy",
      `attribute ${id}`,
      `${a.name}/${a.domain}/${a.dataType}/${a.parent}/${a.deprecated}`,
      `${onChain.name}/${onChain.domain}/${onChain.dataType}/${onChain.parent}/${onChain.deprecated}`,
    );
  });

  // Resources: the count, then every resource.
  compare("resources", "resource count", resourceRows.length, await resources.read.resourceCount(at));
  await inBatches(resourceRows, 32, async (r) => {
    const id = r.id;
    const onChain = await resources.read.resource([id], at);
    compare(
      "resources",
      `resource ${id}`,
      `${r.owner}/${r.classId}/${r.metadata}/${r.active}/${r.registeredAt}`,
      `${onChain.owner}/${onChain.classId}/${onChain.metadata}/${onChain.active}/${onChain.registeredAt}`,
    );
  });

  // Governance: settings, then each proposal's tally, voters, deadline and lifecycle.
  const g = settings;
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
  const votersOf = groupBy(voteRows, (v) => v.proposalId.toString());
  await inBatches(proposalRows, 16, async (p) => {
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
      `${p.votesAgainst}/${p.votesFor}/${p.votesAbstain}`,
      `${against}/${forVotes}/${abstain}`,
    );
    compare("governance", `${id} deadline`, p.deadline, deadline);
    compare("governance", `${id} proposer`, p.proposer, proposer);
    // Only the states events decide; the others (pending, active, defeated, succeeded, expired) follow the clock.
    const decided = p.canceled ? "canceled" : p.executed ? "executed" : p.queued ? "queued" : undefined;
    const onChainState: ProposalState | undefined = PROPOSAL_STATES[s];
    const clockState = onChainState !== undefined && !EVENT_DECIDED_STATES.has(onChainState);
    compare(
      "governance",
      `${id} state`,
      decided ?? "undecided",
      clockState ? "undecided" : (onChainState ?? String(s)),
    );
    await inBatches(votersOf.get(p.id.toString()) ?? [], 32, async ({ voter }) => {
      compare("governance", `${id} voted ${voter}`, true, await governor.read.hasVoted([p.id, voter], at));
    });
  });

  // Timelock: the delay, then every operation's lifecycle.
  compare("timelock", "minimum delay", settings.minDelay, await timelock.read.getMinDelay(at));
  await inBatches(operationRows, 32, async (op) => {
    const id = op.id;
    const [done, pending] = await Promise.all([
      timelock.read.isOperationDone([id], at),
      timelock.read.isOperationPending([id], at),
    ]);
    const fromEvents = op.executed ? "done" : op.cancelled ? "cancelled" : op.scheduled ? "pending" : "unknown";
    compare("timelock", `operation ${id}`, fromEvents, done ? "done" : pending ? "pending" : "cancelled");
  });

  // Applications: every registered one, and whether it may hold access now.
  await inBatches(applicationRows, 32, async (a) => {
    const [onChain, live] = await Promise.all([
      applications.read.application([a.account], at),
      applications.read.isLive([a.account], at),
    ]);
    compare(
      "applications",
      `application ${a.account}`,
      `${a.developer}/${a.status}/${a.registeredAt}/${a.name}/${a.metadataURI}/${a.attributeIds.join(" ")}/${a.purpose}/${a.suspendedBy}`,
      `${onChain.developer}/${APPLICATION_STATUSES[onChain.status] ?? onChain.status}/${onChain.registeredAt}/${onChain.name}/${onChain.metadataURI}/${onChain.attributeIds.join(" ")}/${onChain.purpose}/${onChain.suspendedBy}`,
    );
    compare("applications", `application ${a.account} live`, applicationLive(facts, a.account), live);
  });

  // Connectors and the bootstrap phase.
  compare("connections", "connector count", connectorRows.length, await accessGrants.read.connectorCount(at));
  await inBatches(connectorRows, 32, async (record) => {
    const connector = record.address;
    const onChain = await accessGrants.read.connectorOf([connector], at);
    compare(
      "connections",
      `connector ${connector}`,
      `${record.id}/${record.approved}`,
      `${onChain.id}/${onChain.approved}`,
    );
  });
  if (settings.bootstrapFinished) {
    compare("connections", "bootstrapper", zeroAddress, await accessGrants.read.bootstrapper(at));
  }
  // Every connector approval the members' vote did not make (the bootstrapper's within the deployment included).
  const timelockAddress = ctx.deployment.contracts.timelock.toLowerCase();
  for (const change of connectorChangeRows) {
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
  const pairs = groupBy(connectionRows, (c) => c.id.toString());
  await inBatches([...pairs.values()], 16, async (consents) => {
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
          authorizedByEvents(facts, consents, attributeId, now),
          await accessGrants.read.isAuthorized([first.owner, first.grantee, attributeId], at),
        );
      }),
    );
  });

  // Requests: the pending ones as stored (expiry and digest), the answered ones gone.
  await inBatches(requestRows, 32, async (r) => {
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
  const [offerCount, requestCount, bookingCount] = await Promise.all([
    market.read.offerCount(at),
    market.read.requestCount(at),
    market.read.bookingCount(at),
  ]);
  compare("market", "offer count", offerRows.length, offerCount);
  compare("market", "request count", marketRequestRows.length, requestCount);
  compare("market", "booking count", bookingRows.length, bookingCount);
  await inBatches(offerRows, 32, async (o) => {
    const c = await market.read.offer([o.id], at);
    compare(
      "market",
      `offer ${o.id}`,
      `${o.provider}/${o.status}/${o.classId}/${o.version}/${o.resourceId}/${o.token}/${o.validFrom}-${o.validUntil}/${o.unitPrice}/${o.capacity}/${o.booked}/${dataRequestHash({ attributeIds: o.dataAttributeIds, purpose: o.dataPurpose, duration: o.dataDuration })}`,
      `${c.provider}/${OFFER_STATUSES[c.status] ?? c.status}/${c.classId}/${c.version}/${c.resourceId}/${c.token}/${c.validFrom}-${c.validUntil}/${c.unitPrice}/${c.capacity}/${c.booked}/${c.dataRequest}`,
    );
  });
  await inBatches(marketRequestRows, 32, async (r) => {
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
  // Per token (by its lower-cased address: a store may keep addresses lower-cased), the open escrows and credits.
  const escrow = new Map<string, bigint>();
  const tokenOf = new Map<string, Address>();
  await inBatches(bookingRows, 32, async (b) => {
    const c = await market.read.booking([b.id], at);
    compare(
      "escrows",
      `booking ${b.id}`,
      `${b.consumer}/${b.status}/${b.feeBps}/${b.connectionId !== 0n}/${b.windowEnds}/${b.token}/${b.offerId}/${b.disputeWindow}/${b.amount}/${b.quantity}/${b.rulingPeriod}`,
      `${c.consumer}/${BOOKING_STATUSES[c.status] ?? c.status}/${c.feeBps}/${c.consentSlot !== 0}/${c.windowEnds}/${c.token}/${c.offerId}/${c.disputeWindow}/${c.amount}/${c.quantity}/${c.rulingPeriod}`,
    );
    if (!SETTLED_STATUSES.includes(b.status)) {
      const t = b.token.toLowerCase();
      tokenOf.set(t, tokenOf.get(t) ?? b.token);
      escrow.set(t, (escrow.get(t) ?? 0n) + b.amount);
    }
  });
  const creditsOf = groupBy(creditRows, (c) => c.token.toLowerCase());
  for (const c of creditRows) tokenOf.set(c.token.toLowerCase(), tokenOf.get(c.token.toLowerCase()) ?? c.token);
  for (const [key, token] of tokenOf) {
    const credits = creditsOf.get(key) ?? [];
    await inBatches(credits, 32, async ({ account, amount }) => {
      compare(
        "escrows",
        `credit of ${account} in ${tokenName(token)}`,
        amount,
        await market.read.balanceOf([account, token], at),
      );
    });
    const owed = (escrow.get(key) ?? 0n) + credits.reduce((sum, c) => sum + c.amount, 0n);
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
  compare("sockets", "default socket", settings.defaultSocket, await socketDirectory.read.defaultSocket(at));
  await inBatches(socketRows, 32, async ({ account: member, url }) => {
    compare("sockets", `socket of ${member}`, url, await socketDirectory.read.ownSocketOf([member], at));
  });
  await inBatches(anchorRows, 32, async (a) => {
    const operator = a.operator;
    const [root, receipts, seq, anchoredAt] = await receiptAnchors.read.latestOf([operator], at);
    compare(
      "sockets",
      `latest anchor of ${operator}`,
      `${a.seq}/${a.root}/${a.receipts}/${a.anchoredAt}`,
      `${seq}/${root}/${receipts}/${anchoredAt}`,
    );
  });

  return { toBlock, events: settings.events, checks, differences, notices };
}

const tokenName = (token: Address) => (token === zeroAddress ? "ETH" : token);

/** A difference report as text lines. */
export function formatDifferences(report: Pick<RowsReport, "differences">): string[] {
  return report.differences.map(
    (d) => `[${d.domain}] ${d.subject}: events say ${d.fromEvents}, the contract says ${d.onChain}`,
  );
}

/** One way two row sources differ: a row only one has, or a column whose values differ. */
export interface RowDifference {
  table: TableName;
  /** The row's key, e.g. `["0xabc…"]` or `["12","0"]` (its key columns' values). */
  key: string;
  /** The column that differs; null when the row is missing from one side. */
  column: string | null;
  a: string;
  b: string;
}

/** A value as text for comparing sources: addresses and hex case-insensitively, lists element by element. */
function comparable(kind: ColumnKind, value: unknown): string {
  if (value === null || value === undefined) return "null";
  const lower = kind.startsWith("address") || kind.startsWith("hex");
  const text = (v: unknown) => (lower ? String(v).toLowerCase() : String(v));
  return Array.isArray(value) ? `[${value.map(text).join(",")}]` : text(value);
}

/**
 * The rows in which sources `a` and `b` differ (e.g. the indexer's tables and the SDK's own fold from a node), for
 * every table or those named; nothing when they agree. Rows are matched by key; every column is compared.
 */
export async function compareSources(
  a: RowSource,
  b: RowSource,
  options: { tables?: readonly TableName[] } = {},
): Promise<RowDifference[]> {
  const differences: RowDifference[] = [];
  for (const table of options.tables ?? TABLE_NAMES) {
    const [left, right] = await Promise.all([selectAll(a, table), selectAll(b, table)]);
    const columns = Object.keys(MODEL_TABLES[table].columns);
    const byKey = (rows: readonly RowOf<TableName>[]) =>
      new Map(rows.map((r) => [keyString(table, r), r as unknown as Readonly<Record<string, unknown>>]));
    const l = byKey(left);
    const r = byKey(right);
    for (const [key, row] of l) {
      const other = r.get(key);
      if (other === undefined) {
        differences.push({ table, key, column: null, a: "present", b: "missing" });
        continue;
      }
      for (const column of columns) {
        const kind = kindOf(table, column);
        const x = comparable(kind, row[column]);
        const y = comparable(kind, other[column]);
        if (x !== y) differences.push({ table, key, column, a: x, b: y });
      }
    }
    for (const key of r.keys()) {
      if (!l.has(key)) differences.push({ table, key, column: null, a: "missing", b: "present" });
    }
  }
  return differences;
}
