"use client";

import { useCallback, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";

import { messageOf } from "./message";
import type { SocketSession } from "./socket";
import { needsSignIn } from "./socket-errors";
import { useWeconet, weconetKey } from "./weconet";

/** Where a request to the data socket is: running, done (with what it did), or failed (with the reason). */
export type SocketActionState =
  | { status: "idle" }
  | { status: "busy"; label: string }
  | { status: "done"; label: string; message: string }
  | { status: "failed"; label: string; message: string };

/**
 * Runs requests to the data socket from a button or form and tracks them, as {@link useTransaction} does for the
 * chain: the failure in words, and afterwards every socket read on the page refreshes. A refusal that needs a new
 * sign-in calls `onSignedOut`, so the page offers signing in again.
 */
export function useSocketAction(onSignedOut?: () => void) {
  const { chain, account } = useWeconet();
  const queryClient = useQueryClient();
  const [state, setState] = useState<SocketActionState>({ status: "idle" });
  useEffect(() => setState({ status: "idle" }), [account]);

  const run = useCallback(
    async <T>(label: string, act: () => Promise<T>, done: (result: T) => string): Promise<T | undefined> => {
      setState({ status: "busy", label });
      try {
        const result = await act();
        setState({ status: "done", label, message: done(result) });
        await queryClient.invalidateQueries({ queryKey: [...weconetKey(chain.chainId), "socket"] });
        return result;
      } catch (error) {
        setState({ status: "failed", label, message: messageOf(error) });
        if (needsSignIn(error)) onSignedOut?.();
        return undefined;
      }
    },
    [queryClient, chain.chainId, onSignedOut],
  );
  return { state, run, busy: state.status === "busy", reset: () => setState({ status: "idle" }) };
}

/**
 * The connected account's session with `socket`, signing in first — tracked as one of `action`'s steps — when there
 * is none (a form that publishes a document before its transaction); undefined when signing in failed (the action's
 * state says why).
 */
export async function sessionFor(
  socket: { session: SocketSession | undefined; signIn(): Promise<SocketSession> },
  action: Pick<ReturnType<typeof useSocketAction>, "run">,
): Promise<SocketSession | undefined> {
  if (socket.session !== undefined) return socket.session;
  return action.run(
    "Sign in to the data socket",
    () => socket.signIn(),
    () => "signed in (your wallet signed a message, no transaction).",
  );
}
