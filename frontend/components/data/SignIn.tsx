"use client";

import { useState } from "react";

import { messageOf } from "@/lib/message";
import type { SocketHandle } from "@/lib/socket";
import { useWeconet } from "@/lib/weconet";

/**
 * Signing in to a data socket with the connected wallet (Sign-In with Ethereum: the wallet signs a message naming
 * the socket, the chain and a single-use nonce; no transaction, no gas).
 */
export function SignIn({ socket, why }: { socket: SocketHandle; why: string }) {
  const { account } = useWeconet();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (account === undefined) return <p className="muted small">{why} Connect a wallet first.</p>;
  if (socket.url === undefined) return <p className="muted small">Finding the data socket…</p>;
  if (socket.url === null) {
    return (
      <p className="error" role="alert">
        This network names no data socket (SocketDirectory) and the dApp was told of none.
      </p>
    );
  }
  return (
    <div className="sign-in" data-testid="socket-sign-in">
      <p className="small">
        {why} Sign in to the data socket at <code>{socket.url}</code>: your wallet signs a message (no transaction).
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          socket
            .signIn()
            .catch((e: unknown) => setError(messageOf(e)))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? "Signing in…" : "Sign in to the data socket"}
      </button>
      {error !== undefined && (
        <p className="error" role="alert">
          Could not sign in: {error}
        </p>
      )}
    </div>
  );
}
