import type { Address, Hash, Hex } from "viem";

import { SUPPORT_VALUES, type Support } from "../actions/governance.js";
import { titleOf } from "../audit/events.js";
import type { WeconetContext } from "../client.js";
import { PROPOSAL_STATES, WeconetError, type ProposalState } from "../errors.js";
import { resolveId } from "../format/ids.js";
import { selectAll } from "../model/store.js";
import type { RowOf } from "../model/tables.js";
import { inOneBatch, type ViewBatch } from "./batch.js";
import { pageOf, readFresh, readPoint, type PageOptions, type ReadPoint, type ViewPage } from "./rows.js";

/** A proposal as created: what it does and why. */
export interface ProposalDetails {
  id: bigint;
  proposer: Address;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  description: string;
  title: string;
}

/** The transactions of a proposal's lifecycle (null: not yet, or never). */
export interface ProposalTxs {
  proposed: Hash;
  queued: Hash | null;
  executed: Hash | null;
  canceled: Hash | null;
}

/** A proposal with its current state and tally. */
export interface ProposalSummary extends ProposalDetails {
  state: ProposalState;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** How many members voted. */
  voters: number;
  /** When voting opens and closes (timestamps; the deadline includes late-quorum extensions). */
  snapshot: bigint;
  deadline: bigint;
  /**
   * Votes (for + abstain) needed for quorum; null while the snapshot is ahead: the quorum is a share of the votes
   * that count at the snapshot, unknown until then.
   */
  quorum: bigint | null;
  /**
   * The members whose vote counts at the snapshot (one member, one vote: no delegation), against whom turnout is
   * measured; null while the snapshot is ahead.
   */
  eligible: bigint | null;
  /** When a queued proposal may be executed (0 when not queued). */
  eta: bigint;
  /** The transactions that proposed, queued, executed or canceled it. */
  txs: ProposalTxs;
  /** When it was proposed (timestamp) and in which block. */
  createdAt: number;
  block: bigint;
}

/** What the governor and the membership derive for a proposal now: its state, its quorum and electorate. */
export interface ProposalDerived {
  state: ProposalState;
  quorum: bigint | null;
  eligible: bigint | null;
}

type ProposalRow = RowOf<"proposal">;

/** The one builder of {@link ProposalDetails}, from a `proposal` row. */
export function proposalDetails(p: ProposalRow): ProposalDetails {
  return {
    id: p.id,
    proposer: p.proposer,
    targets: p.targets,
    values: p.values,
    calldatas: p.calldatas,
    description: p.description,
    title: titleOf(p.description),
  };
}

/** The one builder of a {@link ProposalSummary}: the row's calls and tally, the governor's state and quorum. */
export function proposalSummary(p: ProposalRow, derived: ProposalDerived): ProposalSummary {
  return {
    ...proposalDetails(p),
    state: derived.state,
    votes: { against: p.votesAgainst, for: p.votesFor, abstain: p.votesAbstain },
    voters: p.voters,
    snapshot: p.voteStart,
    deadline: p.deadline,
    quorum: derived.quorum,
    eligible: derived.eligible,
    eta: p.eta,
    txs: { proposed: p.proposedTx, queued: p.queuedTx, executed: p.executedTx, canceled: p.canceledTx },
    createdAt: p.createdAt,
    block: p.block,
  };
}

/**
 * Queues the views of a proposal: its state, and — once its snapshot has passed (`now`, the chain's time: before,
 * the governor and the membership revert, the snapshot's votes are not known yet) — the quorum and the votes that
 * count at the snapshot.
 */
async function derivedOf(batch: ViewBatch, p: ProposalRow, now: number): Promise<ProposalDerived> {
  const past = p.voteStart < BigInt(now);
  const [state, quorum, eligible] = await Promise.all([
    batch.view("governor", "state", [p.id]),
    past ? batch.view("governor", "quorum", [p.voteStart]) : null,
    past ? batch.view("membership", "getPastTotalSupply", [p.voteStart]) : null,
  ]);
  return { state: PROPOSAL_STATES[state] ?? "pending", quorum, eligible };
}

/** The creation of proposal `id` (its calls and description), from its row. */
export async function findProposal(ctx: WeconetContext, id: bigint): Promise<ProposalDetails> {
  return proposalDetails(await proposalRow(await readPoint(ctx), id));
}

/** Proposal `id`'s row at `point` (a source that lags the node is asked again), or a readable error. */
async function proposalRow(point: ReadPoint, id: bigint): Promise<ProposalRow> {
  const row = await readFresh(
    point,
    () => point.rows.get("proposal", { id }),
    (p) => p !== undefined,
  );
  if (row === undefined) throw new WeconetError(`there is no proposal ${id} on this network`);
  return row;
}

/**
 * Proposal `id` with its state, tally, quorum, electorate and transactions (the governor's and the membership's
 * views in one request): what a proposal's own page shows.
 */
export async function readProposal(ctx: WeconetContext, id: bigint): Promise<ProposalSummary> {
  const point = await readPoint(ctx);
  const row = await proposalRow(point, id);
  return inOneBatch(ctx, point.block, async (batch) => proposalSummary(row, await derivedOf(batch, row, point.now)));
}

/**
 * The proposal a typed id names: its full id, or a part that names only one proposal of this network (its first
 * digits, or `first…last` as the dApp and the CLI shorten ids, see `resolveId`); a readable error when it names none
 * or several.
 */
export async function resolveProposalId(ctx: WeconetContext, typed: string): Promise<bigint> {
  const { rows } = await readPoint(ctx);
  const text = typed.trim();
  if (/^\d+$/.test(text)) {
    // a full id is looked up as it is (no need to read every proposal)
    const exact = await rows.get("proposal", { id: BigInt(text) });
    if (exact !== undefined) return exact.id;
  }
  const ids = (await selectAll(rows, "proposal")).map((p) => p.id);
  return resolveId(text, ids, "proposal");
}

/**
 * Proposals with their state and tally, newest first (by snapshot); the governor's state and quorum of the page's
 * proposals read in one batch. Optionally only those in `states` (by the governor's state: the page reads on
 * until it is full).
 */
export async function listProposals(
  ctx: WeconetContext,
  options: PageOptions & { states?: readonly ProposalState[] } = {},
): Promise<ViewPage<ProposalSummary>> {
  const { rows, block, now } = await readPoint(ctx);
  const states = options.states;
  return pageOf(
    rows,
    "proposal",
    { orderBy: "voteStart", direction: "desc" },
    options,
    (proposals) =>
      inOneBatch(ctx, block, (batch) =>
        Promise.all(
          proposals.map(async (p) => {
            const summary = proposalSummary(p, await derivedOf(batch, p, now));
            return states === undefined || states.includes(summary.state) ? summary : undefined;
          }),
        ),
      ),
    states !== undefined,
  );
}

/** A vote on a proposal, with its reason. */
export interface VoteView {
  proposalId: bigint;
  voter: Address;
  support: Support;
  weight: bigint;
  /** The reason given ("" for none). */
  reason: string;
  block: bigint;
  timestamp: number;
  /** The transaction that cast it. */
  tx: Hash;
}

/** The one builder of a {@link VoteView}, from a `vote` row. */
export function voteView(v: RowOf<"vote">): VoteView {
  const support = (Object.keys(SUPPORT_VALUES) as Support[]).find((name) => SUPPORT_VALUES[name] === v.support);
  if (support === undefined)
    throw new WeconetError(`vote of ${v.voter} on ${v.proposalId}: unknown support ${v.support}`);
  return {
    proposalId: v.proposalId,
    voter: v.voter,
    support,
    weight: v.weight,
    reason: v.reason,
    block: v.block,
    timestamp: v.timestamp,
    tx: v.tx,
  };
}

/** The votes on a proposal (or every vote, or a voter's), with their reasons, newest first. */
export async function listVotes(
  ctx: WeconetContext,
  options: PageOptions & { proposalId?: bigint; voter?: Address } = {},
): Promise<ViewPage<VoteView>> {
  const { rows } = await readPoint(ctx);
  return pageOf(
    rows,
    "vote",
    {
      where: {
        ...(options.proposalId === undefined ? {} : { proposalId: options.proposalId }),
        ...(options.voter === undefined ? {} : { voter: options.voter }),
      },
      orderBy: "block",
      direction: "desc",
    },
    options,
    async (votes) => votes.map(voteView),
  );
}
