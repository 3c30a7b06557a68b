"use client";

import { useWeconet, useWeconetQuery } from "@/lib/weconet";
import { formatTime } from "@/lib/format";

/** The connected member at a glance: status, roles and voting power. */
export function MeCard() {
  const { account } = useWeconet();
  const me = useWeconetQuery(
    ["me", account],
    async (w) => {
      if (account === undefined) return null;
      const [member, votes] = await Promise.all([
        w.reads.member(account),
        w.contracts.membership.read.getVotes([account]),
      ]);
      return { ...member, votes };
    },
    { enabled: account !== undefined },
  );
  if (account === undefined) return null;
  const m = me.data;
  if (m == null) return <p className="me muted">Reading your membership…</p>;
  return (
    <p className="me" data-testid="me">
      <span className={`badge status-${m.status}`}>{m.status === "none" ? "not a member" : m.status}</span>
      {m.status === "active" && m.memberSince > 0 && <span> since {formatTime(m.memberSince)}</span>}
      {m.roles.length > 0 && <span> · roles: {m.roles.join(", ")}</span>}
      <span>
        {" "}
        · voting power: <strong data-testid="voting-power">{m.votes.toString()}</strong>
      </span>
    </p>
  );
}
