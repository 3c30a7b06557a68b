"use client";

import { useState } from "react";
import type { Address } from "viem";

import type { ProposalSummary, Support } from "@weconet/sdk";

import { Countdown } from "@/components/Countdown";
import { Field } from "@/components/Field";
import { TxStatus } from "@/components/TxStatus";
import { AccountName } from "@/components/AccountName";
import { describeDecoded, type DescribedCall } from "@/lib/call-text";
import { CopyId } from "@/components/CopyId";
import { shortAddress } from "@/lib/format";
import { useTransaction } from "@/lib/tx";
import { useNetworkConfig, useWeconet, useWeconetRead } from "@/lib/weconet";

import { LocalTimeTravel } from "./LocalTimeTravel";

const UNDECIDED: readonly ProposalSummary["state"][] = ["pending", "active", "succeeded", "queued"];

/** One proposal: what it changes, its state and countdown, the tally, my vote, and the next step. */
export function ProposalCard({
  proposal: p,
  now,
  currentRule,
}: {
  proposal: ProposalSummary;
  now: number | undefined;
  currentRule: (name: string) => bigint | undefined;
}) {
  const { devAccounts } = useNetworkConfig();
  const calls = useWeconetRead("decodeCalls", [
    p.targets.map((target, i) => ({ target, data: p.calldatas[i] ?? "0x" })),
  ]);
  // On the local chain the demo's names read better than addresses.
  const name = (a: Address) => {
    const person = devAccounts.find((d) => d.address.toLowerCase() === a.toLowerCase());
    return person === undefined ? a : `${person.name} (${shortAddress(a)})`;
  };
  const rationale = p.description.split("\n").slice(1).join("\n").trim();
  return (
    <article className="card" data-proposal={p.id.toString()} aria-labelledby={`p-${p.id}`}>
      <div className="row">
        <span className={`badge state-${p.state}`} data-testid="proposal-state">
          {p.state}
        </span>
        <h3 id={`p-${p.id}`} style={{ margin: 0 }}>
          {p.title}
        </h3>
      </div>
      <p className="muted small">
        Proposal <CopyId id={p.id} what="proposal id" /> by <AccountName address={p.proposer} />
      </p>
      <Phase proposal={p} now={now} />
      <div className="preview">
        <strong>What it does when executed</strong>
        <ul>
          {calls.data === undefined ? (
            <li className="muted">Reading the calls…</li>
          ) : (
            calls.data.map((decoded, i) => (
              <CallLine
                key={i}
                described={describeDecoded(decoded, {
                  // "from <current value>" is news only while the proposal has not been executed (or failed).
                  currentRule: UNDECIDED.includes(p.state) ? currentRule : undefined,
                  name,
                })}
              />
            ))
          )}
        </ul>
      </div>
      {rationale !== "" && <p>{rationale}</p>}
      <Tally proposal={p} />
      {p.state === "active" && <VoteForm proposal={p} />}
      <MyVotingPower proposal={p} now={now} />
      <NextStep proposal={p} now={now} />
    </article>
  );
}

function CallLine({ described }: { described: DescribedCall }) {
  return (
    <li>
      {described.sentence}{" "}
      <code className="small muted">
        {described.contract}.{described.signature}
      </code>
    </li>
  );
}

function Phase({ proposal: p, now }: { proposal: ProposalSummary; now: number | undefined }) {
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

function Tally({ proposal: p }: { proposal: ProposalSummary }) {
  const { for: yes, against, abstain } = p.votes;
  const total = yes + against + abstain;
  const pct = (n: bigint) => (total === 0n ? 0 : Number((n * 1000n) / total) / 10);
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
        <span className="muted">
          Quorum: {(yes + abstain).toString()} of {p.quorum.toString()} needed (for + abstain)
        </span>
      </p>
    </div>
  );
}

function MyVotingPower({ proposal: p, now }: { proposal: ProposalSummary; now: number | undefined }) {
  const { account } = useWeconet();
  const snapshotPassed = now !== undefined && now > Number(p.snapshot);
  const mine = useWeconetRead(
    "voteOf",
    account === undefined ? undefined : [p.id, account, snapshotPassed ? p.snapshot : undefined],
  );
  if (account === undefined || mine.data == null) return null;
  return (
    <p className="small" data-testid="my-voting-power">
      Your voting power {snapshotPassed ? "at this proposal's snapshot" : "now (the snapshot is still ahead)"}:{" "}
      <strong>{mine.data.votes.toString()}</strong>
      {mine.data.voted && " · you have voted"}
    </p>
  );
}

const SUPPORTS: [Support, string][] = [
  ["for", "For"],
  ["against", "Against"],
  ["abstain", "Abstain"],
];

function VoteForm({ proposal: p }: { proposal: ProposalSummary }) {
  const { account } = useWeconet();
  const tx = useTransaction();
  const [support, setSupport] = useState<Support | "">("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  if (account === undefined) return <p className="muted small">Connect a wallet to vote.</p>;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (support === "") return setError("Choose for, against or abstain.");
    setError(undefined);
    void tx.run("Vote", (w) =>
      w.governance.vote({ proposalId: p.id, support, ...(reason.trim() === "" ? {} : { reason: reason.trim() }) }),
    );
  };
  return (
    <form onSubmit={submit} aria-label={`Vote on ${p.title}`} noValidate>
      <fieldset aria-describedby={error === undefined ? undefined : `vote-error-${p.id}`}>
        <legend>Your vote</legend>
        <div className="choices">
          {SUPPORTS.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name={`support-${p.id}`}
                value={value}
                checked={support === value}
                onChange={() => setSupport(value)}
              />
              {label}
            </label>
          ))}
        </div>
        {error !== undefined && (
          <p id={`vote-error-${p.id}`} className="error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
      <Field label="Reason (optional, public and on-chain)" hint="Never personal data.">
        <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="row">
        <button type="submit" disabled={tx.busy}>
          Cast vote
        </button>
        <TxStatus state={tx.state} />
      </div>
    </form>
  );
}

function NextStep({ proposal: p, now }: { proposal: ProposalSummary; now: number | undefined }) {
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
