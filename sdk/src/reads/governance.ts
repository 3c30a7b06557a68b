import { readEvents, type ReadEventsOptions } from "../audit/reader.js";
import { titleOf } from "../audit/events.js";
import type { WeconetContext } from "../client.js";
import { foldToMemory } from "../model/fold.js";
import type { RowOf } from "../model/tables.js";
import { PROPOSAL_STATES, WeconetError, type ProposalState } from "../errors.js";

/** A proposal as created: what it does and why. */
export type ProposalDetails = Pick<
  RowOf<"proposal">,
  "id" | "proposer" | "targets" | "values" | "calldatas" | "description"
> & { title: string };

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

type ReadOptions = Pick<ReadEventsOptions, "fromBlock" | "toBlock" | "onProgress" | "source">;

/** The creation of proposal `id` (its calls and description), from the governor's events. */
export async function findProposal(
  ctx: WeconetContext,
  id: bigint,
  options: ReadOptions = {},
): Promise<ProposalDetails> {
  for await (const e of readEvents(ctx.publicClient, ctx.deployment, { ...options, contracts: ["governor"] })) {
    if (e.contract === "WeconetGovernor" && e.event === "ProposalCreated" && e.args.proposalId === id) {
      const a = e.args;
      return {
        id,
        proposer: a.proposer,
        targets: a.targets,
        values: a.values,
        calldatas: a.calldatas,
        description: a.description,
        title: titleOf(a.description),
      };
    }
  }
  throw new WeconetError(`there is no proposal ${id} on this network`);
}

/** Every proposal with its state and tally, newest first; optionally only those in `states`. */
export async function listProposals(
  ctx: WeconetContext,
  options: ReadOptions & { states?: readonly ProposalState[] } = {},
): Promise<ProposalSummary[]> {
  const store = await foldToMemory(
    readEvents(ctx.publicClient, ctx.deployment, { ...options, contracts: ["governor"] }),
  );
  const governor = ctx.contracts.governor;
  const summaries = await Promise.all(
    store.rows("proposal").map(async (p): Promise<ProposalSummary> => {
      const [s, [against, forVotes, abstain], snapshot, deadline, eta] = await Promise.all([
        governor.read.state([p.id]),
        governor.read.proposalVotes([p.id]),
        governor.read.proposalSnapshot([p.id]),
        governor.read.proposalDeadline([p.id]),
        governor.read.proposalEta([p.id]),
      ]);
      return {
        id: p.id,
        proposer: p.proposer,
        targets: p.targets,
        values: p.values,
        calldatas: p.calldatas,
        description: p.description,
        title: titleOf(p.description),
        state: PROPOSAL_STATES[s] ?? "pending",
        votes: { against, for: forVotes, abstain },
        snapshot,
        deadline,
        quorum: await governor.read.quorum([snapshot]).catch(() => 0n),
        eta,
      };
    }),
  );
  return summaries
    .filter((p) => options.states === undefined || options.states.includes(p.state))
    .sort((a, b) => (a.snapshot < b.snapshot ? 1 : a.snapshot > b.snapshot ? -1 : 0));
}
