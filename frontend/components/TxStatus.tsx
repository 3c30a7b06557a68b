"use client";

import { useExplorerHref } from "@/components/Explorer";
import type { TxState } from "@/lib/tx";
import { shortAddress } from "@/lib/format";

/**
 * Where a transaction is, announced to screen readers as it changes, with a link to it on the chain's explorer
 * where the chain has one. A form resets it (`tx.reset`) when its own check finds a field error: an old status
 * never stays beside new field errors.
 */
export function TxStatus({ state }: { state: TxState }) {
  const hash = "hash" in state ? state.hash : undefined;
  const href = useExplorerHref("tx", hash ?? "");
  return (
    <p
      className={`tx tx-${state.status}`}
      role="status"
      aria-live="polite"
      data-tx-status={state.status}
      // Out of gas is not a refusal: the same transaction may pass with a higher gas limit (e2e and styling key on it).
      data-tx-out-of-gas={state.status === "failed" && state.outOfGas === true ? "" : undefined}
    >
      {describe(state)}
      {hash !== undefined && href !== undefined && (
        <>
          {" "}
          <a href={href} target="_blank" rel="noreferrer">
            View on the explorer
          </a>
        </>
      )}
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
