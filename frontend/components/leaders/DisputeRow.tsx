"use client";

import { useState } from "react";

import type { BookingView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { Field } from "@/components/Field";
import { TxStatus } from "@/components/TxStatus";
import { formatAmount, parseAmount, tokenOf, type TokenInfo } from "@/lib/market";
import { useTransaction } from "@/lib/tx";

/** A disputed booking: a leader who is neither party splits the escrow, with a reasoned ruling (off-chain, hashed). */
export function DisputeRow({
  booking: b,
  tokens,
  canAct,
}: {
  booking: BookingView;
  tokens: readonly TokenInfo[] | undefined;
  canAct: boolean;
}) {
  const tx = useTransaction();
  const token = tokenOf(tokens, b.token);
  const [refund, setRefund] = useState("");
  const [ruling, setRuling] = useState("");
  const [errors, setErrors] = useState<{ refund?: string; ruling?: string }>({});
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(refund, token);
    const found: typeof errors = {};
    if (!amount.ok) found.refund = amount.error;
    else if (amount.value > b.amount) found.refund = `At most the escrow, ${formatAmount(b.amount, token)}.`;
    if (ruling.trim() === "") found.ruling = "State the ruling's reasons (only its hash goes on-chain).";
    setErrors(found);
    if (!amount.ok || Object.keys(found).length > 0) return;
    void tx.run("Rule", (w) => w.market.ruleDispute({ bookingId: b.id, refund: amount.value, ruling: ruling.trim() }));
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
      </td>
      <td>
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
        </form>
      </td>
    </tr>
  );
}
