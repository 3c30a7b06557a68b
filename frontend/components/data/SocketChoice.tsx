"use client";

import { useState } from "react";

import { socketUrlProblem } from "@weconet/sdk";

import { Field } from "@/components/Field";
import { TxStatus } from "@/components/TxStatus";
import { useTransaction } from "@/lib/tx";
import { useWeconet, useWeconetRead } from "@/lib/weconet";

/**
 * Where my data lives, on the chain (SocketDirectory): the socket I named, else the network's default; name another
 * (a socket of my own, or my community's) or go back to the default. Values do not move by themselves: a new socket
 * starts empty.
 */
export function SocketChoice() {
  const { account } = useWeconet();
  const tx = useTransaction();
  const own = useWeconetRead("ownSocketOf", account === undefined ? undefined : [account]);
  const fallback = useWeconetRead("defaultSocket", []);
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string>();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const problem = socketUrlProblem(url.trim());
    setError(problem);
    // A new field error: the last transaction's status line goes (it is not this attempt's).
    if (problem !== undefined) tx.reset();
    else void tx.run("Name my socket", (w) => w.sockets.set({ url: url.trim() }));
  };
  return (
    <div data-testid="socket-choice">
      <p className="small">
        {own.data === undefined ? (
          <>
            The network&apos;s default socket serves you: <code>{fallback.data ?? "…"}</code>.
          </>
        ) : (
          <>
            You named your own socket: <code>{own.data}</code> (the network&apos;s default is{" "}
            <code>{fallback.data ?? "…"}</code>).
          </>
        )}
      </p>
      <form className="row" onSubmit={submit} noValidate aria-label="Name my socket">
        <Field
          label="Another socket's URL"
          hint="On-chain and public. Your values do not move: enter them again in the new socket."
          error={error}
        >
          <input
            type="url"
            value={url}
            placeholder="https://socket.example.org"
            onChange={(e) => setUrl(e.target.value)}
          />
        </Field>
        <button type="submit" disabled={tx.busy}>
          Name my socket
        </button>
        {own.data !== undefined && (
          <button
            type="button"
            className="secondary"
            disabled={tx.busy}
            onClick={() => void tx.run("Use the default socket", (w) => w.sockets.clear())}
          >
            Use the default again
          </button>
        )}
      </form>
      <TxStatus state={tx.state} />
    </div>
  );
}
