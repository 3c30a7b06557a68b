"use client";

import type { ReactNode } from "react";
import dynamic from "next/dynamic";
import Link from "next/link";

import { formatDate, type ProposalSummary } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { Calls } from "@/components/governance/Calls";
import { NextStep, Phase } from "@/components/governance/Lifecycle";
import { Tally } from "@/components/governance/Tally";
import { Transactions } from "@/components/governance/Transactions";
import { MyVotingPower, OneMemberOneVote, VoteBox } from "@/components/governance/Vote";
import { Voters } from "@/components/governance/Voters";
import { Query } from "@/components/Query";
import { useChainNow } from "@/lib/clock";
import { useWeconetList, useWeconetRead } from "@/lib/weconet";

// The description is rendered by the server (see page.tsx); only when it could not, the renderer is loaded here.
const ProposalText = dynamic(() => import("@/components/governance/ProposalText").then((m) => m.ProposalText), {
  loading: () => <p className="muted">Reading the description…</p>,
});

/**
 * One proposal's own page (its permalink): the description as its proposer previewed it, what it does, the dates,
 * the tally with quorum and turnout, the voters with their choice and reason, my vote, and its transactions.
 * `id` is the full id, as a decimal string (the server resolved a short one).
 */
export function ProposalPage({
  id: idText,
  explorer,
  text,
}: {
  id: string;
  explorer: string | null;
  /** Its title and description, rendered by the server. */
  text?: ReactNode;
}) {
  const id = BigInt(idText);
  const proposal = useWeconetRead("proposalView", [id]);
  const votes = useWeconetList("votes", { proposalId: id });
  const rules = useWeconetList("rules");
  const now = useChainNow();
  const currentRule = (name: string) => rules.data?.find((r) => r.name === name)?.value;
  return (
    <>
      <title>{`${proposal.data?.title ?? "Proposal"} · Governance · Weconet`}</title>
      <p className="small">
        <Link href="/governance">← All proposals</Link>
      </p>
      <Query result={proposal} what="the proposal">
        {(p) => (
          <article data-proposal={p.id.toString()} aria-labelledby="proposal-h">
            <div className="row">
              <span className={`badge state-${p.state}`} data-testid="proposal-state">
                {p.state}
              </span>
              <span className="muted small">
                Proposal <code data-testid="proposal-id">{p.id.toString()}</code>
              </span>
            </div>
            {text ?? <ProposalText title={p.title} description={p.description} level={1} headingId="proposal-h" />}
            <p className="muted small">
              Proposed by <AccountName address={p.proposer} />
            </p>
            <Dates proposal={p} />
            <Phase proposal={p} now={now} />
            <Calls proposal={p} currentRule={currentRule} />
            <section aria-labelledby="votes-h" className="card">
              <h2 id="votes-h">Votes</h2>
              <Tally proposal={p} />
              <OneMemberOneVote />
              <VoteBox proposal={p} />
              <MyVotingPower proposal={p} now={now} />
              <NextStep proposal={p} now={now} />
            </section>
            <section aria-labelledby="voters-h">
              <h2 id="voters-h">Voters</h2>
              <Query result={votes} what="the votes">
                {(list) => <Voters votes={list} explorer={explorer} proposalId={p.id} />}
              </Query>
            </section>
            <Transactions proposal={p} explorer={explorer} />
          </article>
        )}
      </Query>
    </>
  );
}

/** Proposed, voting opens (the snapshot), voting closes (with late-quorum extensions), executable from. */
function Dates({ proposal: p }: { proposal: ProposalSummary }) {
  const rows: [string, bigint | number][] = [
    ["Proposed", p.createdAt],
    ["Voting opens (snapshot)", p.snapshot],
    ["Voting closes", p.deadline],
    ...(p.eta > 0n ? ([["Executable from", p.eta]] as [string, bigint][]) : []),
  ];
  return (
    <dl className="dates" data-testid="proposal-dates">
      {rows.map(([label, at]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <time dateTime={new Date(Number(at) * 1000).toISOString()}>{formatDate(at)}</time>
          </dd>
        </div>
      ))}
    </dl>
  );
}
