"use client";

import { useState, type ReactNode } from "react";

import { formatDate, type ProposalSummary, type Support, type VoteView } from "@weconet/sdk";

import { Field } from "@/components/Field";
import { TxStatus } from "@/components/TxStatus";
import { useTransaction } from "@/lib/tx";
import { useWeconet, useWeconetList, useWeconetRead } from "@/lib/weconet";

/** Each choice as the ballot names it. */
export const SUPPORT_LABELS: { readonly [S in Support]: string } = {
  for: "For",
  against: "Against",
  abstain: "Abstain",
};

const SUPPORTS = Object.entries(SUPPORT_LABELS) as [Support, string][];

/**
 * The connected member's side of a proposal: what they voted (the vote replaces the form once it is cast), or the
 * form while the vote is open and they have not voted.
 */
export function VoteBox({ proposal: p }: { proposal: ProposalSummary }) {
  const { account } = useWeconet();
  const mine = useWeconetList(
    "votes",
    { proposalId: p.id, ...(account === undefined ? {} : { voter: account }) },
    { enabled: account !== undefined },
  );
  return (
    <VoteSide
      open={p.state === "active"}
      connected={account !== undefined}
      mine={mine.data}
      form={() => <VoteForm proposal={p} />}
    />
  );
}

/**
 * Which of the three a member sees: their vote once cast (it replaces the form, open or not), the form while the
 * vote is open and they have not voted, or nothing. `mine` is the list of their votes on it (undefined while read:
 * no form that the vote might replace a moment later).
 */
export function VoteSide({
  open,
  connected,
  mine,
  form,
}: {
  open: boolean;
  connected: boolean;
  mine: readonly VoteView[] | undefined;
  form: () => ReactNode;
}) {
  if (!connected) return open ? <p className="muted small">Connect a wallet to vote.</p> : null;
  const vote = mine?.[0];
  if (vote !== undefined) return <MyVote vote={vote} />;
  if (mine === undefined || !open) return null;
  return <>{form()}</>;
}

/** What the connected member voted, with their reason. */
export function MyVote({ vote }: { vote: VoteView }) {
  return (
    <p className="my-vote" data-testid="my-vote">
      You voted <strong>{SUPPORT_LABELS[vote.support]}</strong> on {formatDate(vote.timestamp)}
      {vote.reason === "" ? "." : <>: “{vote.reason}”</>}
    </p>
  );
}

/** For, against or abstain, with an optional public reason. */
export function VoteForm({ proposal: p }: { proposal: ProposalSummary }) {
  const tx = useTransaction();
  const [support, setSupport] = useState<Support | "">("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  if (tx.state.status === "confirmed") {
    return (
      <p className="small" data-testid="vote-recorded">
        Your vote is recorded. <TxStatus state={tx.state} />
      </p>
    );
  }
  // A new choice makes the last attempt's status line and field error stale (a new reason, its status line).
  const edited = () => {
    setError(undefined);
    tx.reset();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (support === "") {
      tx.reset();
      return setError("Choose for, against or abstain.");
    }
    setError(undefined);
    void tx.run("Vote", (w) =>
      w.governance.vote({ proposalId: p.id, support, ...(reason.trim() === "" ? {} : { reason: reason.trim() }) }),
    );
  };
  return (
    <form onSubmit={submit} aria-label={`Vote on ${p.title}`} noValidate data-testid="vote-form">
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
                onChange={() => {
                  setSupport(value);
                  edited();
                }}
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
        <textarea
          rows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            tx.reset();
          }}
        />
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

/** The connected member's vote for this proposal: one, held at its snapshot (nobody delegates). */
export function MyVotingPower({ proposal: p, now }: { proposal: ProposalSummary; now: number | undefined }) {
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
      {mine.data.votes === 0n && " — a member's one vote counts once their probation has passed"}
    </p>
  );
}

/** One member, one vote, and nobody delegates: said where members vote. */
export function OneMemberOneVote() {
  return (
    <p className="muted small" data-testid="one-member-one-vote">
      One member, one vote: every member whose probation has passed holds exactly one vote, and nobody delegates it — it
      counts as held at each proposal&apos;s snapshot.
    </p>
  );
}
