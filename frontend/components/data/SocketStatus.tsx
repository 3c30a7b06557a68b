"use client";

import type { SocketActionState } from "@/lib/socket-action";

/** Where a request to the data socket is, announced to screen readers as it changes. */
export function SocketStatus({ state }: { state: SocketActionState }) {
  const text =
    state.status === "idle"
      ? ""
      : state.status === "busy"
        ? `${state.label}…`
        : state.status === "done"
          ? `${state.label}: ${state.message}`
          : `${state.label} failed: ${state.message}`;
  return (
    <p
      className={`tx ${state.status === "failed" ? "tx-failed" : state.status === "done" ? "tx-confirmed" : "tx-pending"}`}
      role="status"
      aria-live="polite"
      data-socket-status={state.status}
    >
      {text}
    </p>
  );
}
