"use client";

import Link from "next/link";

import type { ProposalSummary } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { CopyId } from "@/components/CopyId";

import { Calls } from "./Calls";
import { NextStep, Phase } from "./Lifecycle";
import { Tally } from "./Tally";
import { MyVotingPower, VoteBox } from "./Vote";

/** The path of a proposal's own page. */
export const proposalPath = (id: bigint) => `/governance/${id.toString()}`;

/** One proposal in the list: what it changes, its state and countdown, the tally, my vote, and the next step. */
export function ProposalCard({
  proposal: p,
  now,
  currentRule,
}: {
  proposal: ProposalSummary;
  now: number | undefined;
  currentRule: (name: string) => bigint | undefined;
}) {
  return (
    <article className="card" data-proposal={p.id.toString()} aria-labelledby={`p-${p.id}`}>
      <div className="row">
        <span className={`badge state-${p.state}`} data-testid="proposal-state">
          {p.state}
        </span>
        <h3 id={`p-${p.id}`} style={{ margin: 0 }}>
          <Link href={proposalPath(p.id)} data-testid="proposal-link">
            {p.title}
          </Link>
        </h3>
      </div>
      <p className="muted small">
        Proposal <CopyId id={p.id} what="proposal id" /> by <AccountName address={p.proposer} />
        {" · "}
        <Link href={proposalPath(p.id)}>description, voters and transactions</Link>
      </p>
      <Phase proposal={p} now={now} />
      <Calls proposal={p} currentRule={currentRule} />
      <Tally proposal={p} />
      <VoteBox proposal={p} />
      <MyVotingPower proposal={p} now={now} />
      <NextStep proposal={p} now={now} />
    </article>
  );
}
