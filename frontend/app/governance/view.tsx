"use client";

import { useState } from "react";
import dynamic from "next/dynamic";

import { ProposalCard } from "@/components/governance/ProposalCard";
import { OneMemberOneVote } from "@/components/governance/Vote";
import { Query } from "@/components/Query";
import { useChainNow } from "@/lib/clock";
import { boundsOf } from "@/lib/rules";
import { useWeconetList } from "@/lib/weconet";

// Proposing is rare beside reading and voting: its form (which encodes calls with the contracts' ABIs) is loaded
// when a member opens it, not with the page.
const ProposeForm = dynamic(() => import("@/components/governance/ProposeForm").then((m) => m.ProposeForm), {
  loading: () => <p className="muted">Opening the form…</p>,
});

/** Proposals with their state and countdowns, voting, queue and execute; proposing rule changes and appointments. */
export function GovernancePage() {
  const proposals = useWeconetList("proposals");
  const rules = useWeconetList("rules");
  const members = useWeconetList("members");
  const now = useChainNow();
  const currentRule = (name: string) => rules.data?.find((r) => r.name === name)?.value;
  const [proposing, setProposing] = useState(false);
  return (
    <>
      <h1>Governance</h1>
      <p className="muted">
        A proposal opens for voting after the voting delay; when it passes it is queued in the timelock and executed
        after its delay. Each proposal has its own page: its description, voters and transactions.
      </p>
      <OneMemberOneVote />
      <section aria-labelledby="proposals-h">
        <h2 id="proposals-h">Proposals</h2>
        <Query result={proposals} what="the proposals">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No proposals yet.</p>
            ) : (
              list.map((p) => <ProposalCard key={p.id.toString()} proposal={p} now={now} currentRule={currentRule} />)
            )
          }
        </Query>
      </section>
      <section className="card">
        {!proposing ? (
          <button type="button" onClick={() => setProposing(true)}>
            Propose a change
          </button>
        ) : rules.data !== undefined && members.data !== undefined ? (
          <ProposeForm rules={rules.data} members={members.data} bounds={boundsOf(rules.data)} />
        ) : (
          <p className="muted">Reading the rules and members…</p>
        )}
      </section>
    </>
  );
}
