"use client";

import { ProposalCard } from "@/components/governance/ProposalCard";
import { ProposeForm } from "@/components/governance/ProposeForm";
import { Query } from "@/components/Query";
import { useChainNow } from "@/lib/clock";
import { boundsOf } from "@/lib/rules";
import { useWeconetQuery } from "@/lib/weconet";

/** Proposals with their state and countdowns, voting, queue and execute; proposing rule changes and appointments. */
export default function GovernancePage() {
  const proposals = useWeconetQuery(["proposals"], (w) => w.reads.proposals().then((page) => page.items));
  const rules = useWeconetQuery(["rules"], (w) => w.reads.rules());
  const members = useWeconetQuery(["members"], (w) => w.reads.members().then((page) => page.items));
  const now = useChainNow();
  const currentRule = (name: string) => rules.data?.find((r) => r.name === name)?.value;
  return (
    <>
      <title>Governance · Weconet</title>
      <h1>Governance</h1>
      <p className="muted">
        One member, one vote. A proposal opens for voting after the voting delay; when it passes it is queued in the
        timelock and executed after its delay.
      </p>
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
        {rules.data !== undefined && members.data !== undefined ? (
          <ProposeForm rules={rules.data} members={members.data} bounds={boundsOf(rules.data)} />
        ) : (
          <p className="muted">Reading the rules and members…</p>
        )}
      </section>
    </>
  );
}
