"use client";

import { useState } from "react";

import { isOpenAt, type BookingView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { Field } from "@/components/Field";
import { SocketStatus } from "@/components/data/SocketStatus";
import { Statements } from "@/components/leaders/Statements";
import { TxStatus } from "@/components/TxStatus";
import { DisputeDeadlinesList } from "@/components/market/DisputeDeadlines";
import { formatAmount, parseAmount, tokenOf, type TokenInfo } from "@/lib/market";
import { useSocket } from "@/lib/socket";
import { useSocketAction } from "@/lib/socket-action";
import { useTransaction } from "@/lib/tx";

/**
 * A disputed booking: a leader who is neither party splits the escrow, with a reasoned ruling (off-chain, hashed),
 * until the final deadline; the members' vote may rule from the end of the leaders' ruling period; from the final
 * deadline anyone may settle it by the default outcome (full refund to the consumer).
 */
export function DisputeRow({
  booking: b,
  tokens,
  canAct,
  now,
}: {
  booking: BookingView;
  tokens: readonly TokenInfo[] | undefined;
  canAct: boolean;
  /** The chain's time, to know whether the final deadline has passed. */
  now: number | undefined;
}) {
  const tx = useTransaction();
  const deadlines = b.deadlines;
  // Past the final deadline the SDK's next actions name only settling by the default outcome.
  const settle = b.next.find((a) => a.id === "settle_expired_dispute");
  const expired = settle !== undefined && now !== undefined && isOpenAt(settle, now);
  const token = tokenOf(tokens, b.token);
  const [refund, setRefund] = useState("");
  const [ruling, setRuling] = useState("");
  const [errors, setErrors] = useState<{ refund?: string; ruling?: string }>({});
  const socket = useSocket(b.consumer);
  const store = useSocketAction(() => void socket.signOut());
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(refund, token);
    const found: typeof errors = {};
    if (!amount.ok) found.refund = amount.error;
    else if (amount.value > b.amount) found.refund = `At most the escrow, ${formatAmount(b.amount, token)}.`;
    if (ruling.trim() === "") found.ruling = "State the ruling's reasons (only its hash goes on-chain).";
    setErrors(found);
    // A new field error: the last transaction's status line goes (it is not this attempt's).
    if (!amount.ok || Object.keys(found).length > 0) return tx.reset();
    const text = ruling.trim();
    const session = socket.session;
    void tx
      .run("Rule", (w) => w.market.ruleDispute({ bookingId: b.id, refund: amount.value, ruling: text }))
      .then((sent) => {
        // The ruling's text beside the statements (only its hash is on-chain), for the parties to read.
        if (sent === undefined || session === undefined) return;
        void store.run(
          "Store the ruling",
          () => session.bookingDocuments.put(b.id, text),
          () => "stored with the booking.",
        );
      });
  };
  return (
    <tr data-dispute={b.id.toString()}>
      <td>#{b.id.toString()}</td>
      <td>
        <AccountName address={b.consumer} /> booked from <AccountName address={b.provider} />:{" "}
        {formatAmount(b.amount, token)} in escrow
        {b.dispute !== undefined && (
          <div className="small muted">
            disputed by <AccountName address={b.dispute.by} />, statement{" "}
            <code>{b.dispute.statement.slice(0, 10)}…</code>
          </div>
        )}
        {deadlines !== undefined && <DisputeDeadlinesList deadlines={deadlines} />}
        <Statements booking={b} />
      </td>
      <td>
        {expired ? (
          <>
            <p className="small">Nobody ruled by the final deadline: anyone may settle it by a full refund.</p>
            <button
              type="button"
              disabled={tx.busy}
              onClick={() => void tx.run("Settle", (w) => w.market.settleExpiredDispute({ bookingId: b.id }))}
            >
              Settle (full refund)
            </button>
            <TxStatus state={tx.state} />
          </>
        ) : (
          <form onSubmit={submit} noValidate aria-label={`Rule on booking ${b.id}`}>
            <Field label={`Refund to the consumer (${token.symbol})`} error={errors.refund}>
              <input inputMode="decimal" value={refund} onChange={(e) => setRefund(e.target.value)} />
            </Field>
            <Field label="Ruling" error={errors.ruling}>
              <input value={ruling} onChange={(e) => setRuling(e.target.value)} />
            </Field>
            <button type="submit" disabled={!canAct || tx.busy}>
              Rule
            </button>
            <TxStatus state={tx.state} />
            <SocketStatus state={store.state} />
          </form>
        )}
      </td>
    </tr>
  );
}
