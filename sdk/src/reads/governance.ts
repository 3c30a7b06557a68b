import type { Address, Hex } from "viem";

import { SUPPORT_VALUES, type Support } from "../actions/governance.js";
import { titleOf } from "../audit/events.js";
import type { WeconetContext } from "../client.js";
import { PROPOSAL_STATES, WeconetError, type ProposalState } from "../errors.js";
import type { RowOf } from "../model/tables.js";
import { inOneBatch, type ViewBatch } from "./batch.js";
import { pageOf, readFresh, readPoint, type PageOptions, type ViewPage } from "./rows.js";

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

/** A proposal with its current state and tally. */
export interface ProposalSummary extends ProposalDetails {
  state: ProposalState;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** When voting opens and closes (timestamps; the deadline includes late-quorum extensions). */
  snapshot: bigint;
  deadline: bigint;
  /** Votes needed for quorum. */
  quorum: bigint;
  /** When a queued proposal may be executed (0 when not queued). */
  eta: bigint;
}

/** What the governor derives for a proposal now: its state (its state machine) and its quorum. */
export interface ProposalDerived {
  state: ProposalState;
  quorum: bigint;
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
    snapshot: p.voteStart,
    deadline: p.deadline,
    quorum: derived.quorum,
    eta: p.eta,
  };
}

/** Queues the governor's views of a proposal: its state, and the quorum at its snapshot. */
async function derivedOf(batch: ViewBatch, p: ProposalRow): Promise<ProposalDerived> {
  const [state, quorum] = await Promise.all([
    batch.view("governor", "state", [p.id]),
    // the quorum of a snapshot still in the future is not known yet (the governor reverts)
    batch.view("governor", "quorum", [p.voteStart], { orElse: 0n }),
  ]);
  return { state: PROPOSAL_STATES[state] ?? "pending", quorum };
}

/** The creation of proposal `id` (its calls and description), from its row. */
export async function findProposal(ctx: WeconetContext, id: bigint): Promise<ProposalDetails> {
  const point = await readPoint(ctx);
  const row = await readFresh(
    point,
    () => point.rows.get("proposal", { id }),
    (p) => p !== undefined,
  );
  if (row === undefined) throw new WeconetError(`there is no proposal ${id} on this network`);
  return proposalDetails(row);
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
  const { rows, block } = await readPoint(ctx);
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
            const summary = proposalSummary(p, await derivedOf(batch, p));
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
