"use client";

import type { ApplicationView, Attribute } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { PurposeName } from "@/components/PurposeName";
import { Table } from "@/components/Table";
import type { SocketSession } from "@/lib/socket";
import { refusalLabel } from "@/lib/socket-errors";

/** An owner's receipts with the log's head, as the socket answers them. */
export type ReceiptLog = Awaited<ReturnType<SocketSession["receipts"]>>;

/**
 * The owner's access receipts, newest first: who read (or tried to read) which value when, at which block, allowed
 * or why not; under it the log's head, signed by the socket's operator, so an auditor can check it was not rewritten.
 */
export function Receipts({
  log,
  attributes,
  applications,
}: {
  log: ReceiptLog;
  attributes: readonly Attribute[];
  applications: readonly ApplicationView[];
}) {
  const name = (id: number) => attributes.find((a) => a.id === id)?.name ?? `#${id}`;
  const receipts = [...log.receipts].sort((a, b) => b.seq - a.seq);
  return (
    <>
      {receipts.length === 0 ? (
        <p className="muted">Nobody has read (or tried to read) your values yet.</p>
      ) : (
        <Table head={["#", "When", "Who", "What", "For", "Decision", "Block"]} testId="receipts">
          {receipts.map((r) => {
            const app = applications.find((a) => a.account.toLowerCase() === r.grantee.toLowerCase());
            return (
              <tr key={r.seq} data-receipt={r.seq} data-decision={r.decision} data-grantee={r.grantee}>
                <td>{r.seq}</td>
                <td>
                  <time dateTime={r.at}>{new Date(r.at).toLocaleString("en-GB")}</time>
                </td>
                <td>{app === undefined ? <AccountName address={r.grantee} /> : <strong>{app.name}</strong>}</td>
                <td>{name(r.attributeId)}</td>
                <td>
                  {r.purpose === null ? <span className="muted">not stated</span> : <PurposeName code={r.purpose} />}
                </td>
                <td>
                  <span className={`badge ${r.decision === "allowed" ? "state-active" : "state-defeated"}`}>
                    {r.decision === "allowed" ? "allowed" : `refused: ${refusalLabel(r.reason)}`}
                  </span>
                </td>
                <td>{r.block}</td>
              </tr>
            );
          })}
        </Table>
      )}
      <p className="small muted" data-testid="receipts-head">
        {log.head.count} receipt{log.head.count === 1 ? "" : "s"} in a hash chain; head <code>{log.head.hash}</code>
        {log.head.signature === null || log.head.operator === null ? (
          " (not signed: the socket has no operator key)"
        ) : (
          <>
            {" "}
            signed by the socket&apos;s operator <AccountName address={log.head.operator} />
          </>
        )}
        .
      </p>
    </>
  );
}
