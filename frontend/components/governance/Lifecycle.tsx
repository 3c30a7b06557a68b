"use client";

import type { ProposalSummary } from "@weconet/sdk";

import { Countdown } from "@/components/Countdown";
import { TxStatus } from "@/components/TxStatus";
import { useTransaction } from "@/lib/tx";
import { useWeconet } from "@/lib/weconet";

import { LocalTimeTravel } from "./LocalTimeTravel";

/** Where a proposal is in its life, with the countdown to its next step. */
export function Phase({ proposal: p, now }: { proposal: ProposalSummary; now: number | undefined }) {
  switch (p.state) {
    case "pending":
      return (
        <p>
          Voting opens <Countdown at={p.snapshot} now={now} />.
        </p>
      );
    case "active":
      return (
        <p>
          Voting closes <Countdown at={p.deadline} now={now} />.
        </p>
      );
    case "succeeded":
      return <p>Passed: ready to be queued in the timelock.</p>;
    case "queued":
      return now !== undefined && now < Number(p.eta) ? (
        <p>
          Queued: executable <Countdown at={p.eta} now={now} />.
        </p>
      ) : (
        <p>Queued: ready to execute.</p>
      );
    case "executed":
      return <p>Executed.</p>;
    case "defeated":
      return <p>Defeated: not enough votes for, or no quorum.</p>;
    case "canceled":
      return <p>Canceled by its proposer.</p>;
    case "expired":
      return <p>Expired: it was not executed in time.</p>;
  }
}

/** Queue or execute when that is next (anyone may), and on the local chain the skip ahead to the next step. */
export function NextStep({ proposal: p, now }: { proposal: ProposalSummary; now: number | undefined }) {
  const tx = useTransaction();
  const { account } = useWeconet();
  const travel =
    p.state === "pending"
      ? { to: Number(p.snapshot) + 1, label: "open the vote" }
      : p.state === "active"
        ? { to: Number(p.deadline) + 1, label: "end the vote" }
        : p.state === "queued" && now !== undefined && now < Number(p.eta)
          ? { to: Number(p.eta) + 1, label: "end the timelock delay" }
          : undefined;
  const ready = p.state === "succeeded" || (p.state === "queued" && now !== undefined && now >= Number(p.eta));
  return (
    <div className="row">
      {p.state === "succeeded" && (
        <button
          type="button"
          disabled={account === undefined}
          onClick={() => void tx.run("Queue", (w) => w.governance.queue({ proposalId: p.id }))}
        >
          Queue
        </button>
      )}
      {p.state === "queued" && (
        <button
          type="button"
          disabled={account === undefined || !ready}
          onClick={() => void tx.run("Execute", (w) => w.governance.execute({ proposalId: p.id }))}
        >
          Execute
        </button>
      )}
      {travel !== undefined && <LocalTimeTravel to={travel.to} label={travel.label} now={now} />}
      <TxStatus state={tx.state} />
    </div>
  );
}
