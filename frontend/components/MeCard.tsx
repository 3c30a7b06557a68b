"use client";

import dynamic from "next/dynamic";

import { TxStatus } from "@/components/TxStatus";
import { useChainNow } from "@/lib/clock";
import { formatTime } from "@/lib/format";
import { useTransaction } from "@/lib/tx";
import { useWeconet, useWeconetRead } from "@/lib/weconet";

// Balances show only with a wallet connected: their code (amounts, the faucet) is not part of a visitor's page.
const Holdings = dynamic(() => import("@/components/Holdings").then((m) => m.Holdings), {
  ssr: false,
  loading: () => <span className="muted"> · reading your balance…</span>,
});

/**
 * The connected member at a glance: status, roles, voting power and balances (with the demo faucet on the local
 * chain). A new member's vote counts only after the probation period: the card says from when, and offers to
 * activate it once due (anyone may; here oneself).
 */
export function MeCard() {
  const { account } = useWeconet();
  const me = useWeconetRead("member", account === undefined ? undefined : [account]);
  const now = useChainNow();
  const tx = useTransaction();
  if (account === undefined) return null;
  const m = me.data;
  if (m == null) return <p className="me muted">Reading your membership…</p>;
  const pending = m.votes === 0n && m.voteActivatesAt > 0;
  const due = pending && now !== undefined && now >= m.voteActivatesAt;
  return (
    <div className="me" data-testid="me">
      <span className={`badge status-${m.status}`}>{m.status === "none" ? "not a member" : m.status}</span>
      {m.status === "active" && m.memberSince > 0 && <span> since {formatTime(m.memberSince)}</span>}
      {m.roles.length > 0 && <span> · roles: {m.roles.join(", ")}</span>}
      <span>
        {" "}
        · voting power: <strong data-testid="voting-power">{m.votes.toString()}</strong>
      </span>
      {pending && (
        <span data-testid="vote-activation">
          {" "}
          · your vote counts from {formatTime(m.voteActivatesAt)}{" "}
          {due && (
            <button
              type="button"
              className="secondary"
              disabled={tx.busy}
              onClick={() => void tx.run("Activate my vote", (w) => w.membership.activateVote())}
            >
              Activate my vote
            </button>
          )}
          <TxStatus state={tx.state} />
        </span>
      )}
      <Holdings account={account} />
    </div>
  );
}
