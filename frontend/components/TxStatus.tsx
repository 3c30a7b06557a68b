"use client";

import type { TxState } from "@/lib/tx";
import { shortAddress } from "@/lib/format";

/** Where a transaction is, announced to screen readers as it changes. */
export function TxStatus({ state }: { state: TxState }) {
  return (
    <p className={`tx tx-${state.status}`} role="status" aria-live="polite" data-tx-status={state.status}>
      {describe(state)}
    </p>
  );
}

function describe(state: TxState): string {
  switch (state.status) {
    case "idle":
      return "";
    case "signing":
      return `${state.label}: confirm in your wallet…`;
    case "pending":
      return `${state.label}: pending (transaction ${shortAddress(state.hash)})…`;
    case "confirmed":
      return `${state.label}: confirmed in block ${state.block}.`;
    case "failed":
      return `${state.label} failed: ${state.message}`;
  }
}
