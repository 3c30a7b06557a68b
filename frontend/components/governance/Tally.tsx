"use client";

import type { ProposalSummary } from "@weconet/sdk";

/** Percent of `part` in `whole`, one decimal (0 when the whole is 0). */
export function percentOf(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : Number((part * 1000n) / whole) / 10;
}

/**
 * The tally, the quorum and the turnout. Before the snapshot neither the quorum nor the electorate is known (the
 * quorum is a share of the votes that count at the snapshot): it says so instead of "0 of 0".
 */
export function Tally({ proposal: p }: { proposal: ProposalSummary }) {
  const { for: yes, against, abstain } = p.votes;
  const total = yes + against + abstain;
  const pct = (n: bigint) => percentOf(n, total);
  return (
    <div data-testid="tally">
      <div className="bar-chart" aria-hidden="true">
        <span className="bar-for" style={{ width: `${pct(yes)}%` }} />
        <span className="bar-against" style={{ width: `${pct(against)}%` }} />
        <span className="bar-abstain" style={{ width: `${pct(abstain)}%` }} />
      </div>
      <p className="tally">
        <span>
          For: <strong data-testid="votes-for">{yes.toString()}</strong>
        </span>
        <span>
          Against: <strong data-testid="votes-against">{against.toString()}</strong>
        </span>
        <span>
          Abstain: <strong data-testid="votes-abstain">{abstain.toString()}</strong>
        </span>
        {p.quorum === null ? (
          <span className="muted" data-testid="quorum">
            Quorum: set when voting opens, from the members whose vote counts then
          </span>
        ) : (
          <span className="muted" data-testid="quorum">
            Quorum: {(yes + abstain).toString()} of {p.quorum.toString()} needed (for + abstain)
          </span>
        )}
        {p.eligible !== null && (
          <span className="muted" data-testid="turnout">
            Turnout: {p.voters} of {p.eligible.toString()} {p.eligible === 1n ? "member" : "members"} (
            {percentOf(BigInt(p.voters), p.eligible)}%)
          </span>
        )}
      </p>
    </div>
  );
}
