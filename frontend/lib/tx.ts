"use client";

import { useCallback, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { Hash } from "viem";

import type { Sent, SigningClient, Weconet } from "@weconet/sdk";

import { failureOf } from "./failure";
import { useSigner, useWeconet, weconetKey } from "./weconet";

export { failureMessage } from "./failure";

/** Where a transaction is: waiting for the wallet, sent and pending, confirmed, or failed (with the reason). */
export type TxState =
  | { status: "idle" }
  | { status: "signing"; label: string }
  | { status: "pending"; label: string; hash: Hash }
  | { status: "confirmed"; label: string; hash: Hash; block: bigint }
  | { status: "failed"; label: string; message: string; hash?: Hash; outOfGas?: boolean };

/**
 * The wallet, reporting each transaction's hash the moment the wallet hands it over, so the dApp can show
 * "pending" while the SDK action waits for the receipt.
 */
export function observeSubmissions(wallet: SigningClient, onSubmitted: (hash: Hash) => void): SigningClient {
  const writeContract = (async (args: Parameters<SigningClient["writeContract"]>[0]) => {
    const hash = await wallet.writeContract(args);
    onSubmitted(hash);
    return hash;
  }) as SigningClient["writeContract"];
  return { ...wallet, writeContract };
}

/**
 * Sends SDK actions from the connected wallet and tracks them. The SDK simulates before sending, so a transaction
 * that would revert fails with its decoded reason and nothing is sent. After confirmation every Weconet read of the
 * chain refreshes, so lists update without a reload.
 */
export function useTransaction() {
  const signer = useSigner();
  const { weconet, chain } = useWeconet();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ status: "idle" });
  // Another account (or none) starts with a clean slate: the last one's result is not theirs.
  const address = signer?.account.address;
  useEffect(() => setState({ status: "idle" }), [address]);

  const run = useCallback(
    async <R extends Sent>(label: string, act: (weconet: Weconet) => Promise<R>): Promise<R | undefined> => {
      if (signer === undefined) {
        setState({ status: "failed", label, message: "Connect a wallet on this network first." });
        return undefined;
      }
      setState({ status: "signing", label });
      let hash: Hash | undefined;
      const wallet = observeSubmissions(signer, (submitted) => {
        hash = submitted;
        setState({ status: "pending", label, hash: submitted });
      });
      try {
        const sent = await act(weconet.connect(wallet));
        setState({ status: "confirmed", label, hash: sent.hash, block: sent.receipt.blockNumber });
        await queryClient.invalidateQueries({ queryKey: weconetKey(chain.chainId) });
        return sent;
      } catch (error) {
        const { message, outOfGas } = failureOf(error);
        setState({ status: "failed", label, message, outOfGas, ...(hash === undefined ? {} : { hash }) });
        return undefined;
      }
    },
    [signer, weconet, chain.chainId, queryClient],
  );
  const reset = useCallback(() => setState({ status: "idle" }), []);
  // While one transaction is in the wallet or on its way, its form's buttons stay disabled.
  const busy = state.status === "signing" || state.status === "pending";
  return { state, run, reset, busy, canSend: signer !== undefined };
}
