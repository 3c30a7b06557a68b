"use client";

import { formatDate, type VoteView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { Table } from "@/components/Table";

import { TxLink } from "./Transactions";
import { SUPPORT_LABELS } from "./Vote";

/** Who voted on a proposal, their choice and reason, newest first. */
export function Voters({
  votes,
  explorer,
  proposalId,
}: {
  votes: readonly VoteView[];
  explorer: string | null;
  proposalId: bigint;
}) {
  if (votes.length === 0) return <p className="muted">Nobody has voted yet.</p>;
  return (
    <Table head={["Voter", "Choice", "Reason", "When", "Transaction"]} testId="voters">
      {votes.map((v) => (
        <tr key={v.voter} data-voter={v.voter}>
          <td>
            <AccountName address={v.voter} />
          </td>
          <td data-testid="voter-choice">
            <strong>{SUPPORT_LABELS[v.support]}</strong>
          </td>
          <td>{v.reason === "" ? <span className="muted">—</span> : v.reason}</td>
          <td>{formatDate(v.timestamp)}</td>
          <td>
            <TxLink hash={v.tx} explorer={explorer} proposalId={proposalId} />
          </td>
        </tr>
      ))}
    </Table>
  );
}
