"use client";

import { useCallback, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import type { Hash } from "viem";

import type { Sent, SigningClient, Weconet } from "@weconet/sdk";

import { usePersonNames } from "./people";
import type { WeconetWagmiConfig } from "./wagmi";
import { useNoteBlock, useWeconet, weconetKey } from "./weconet";

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
 * The SDK acting as the connected wallet, loaded on first use (see lib/acting.ts): `act()` resolves to it;
 * `canAct` says whether a wallet is connected on the active network.
 */
export function useActing(): {
  canAct: boolean;
  act: (observe?: (w: SigningClient) => SigningClient) => Promise<Weconet>;
} {
  const { chain, account } = useWeconet();
  const config = useConfig() as WeconetWagmiConfig;
  const act = useCallback(
    async (observe?: (w: SigningClient) => SigningClient) =>
      (await import("./acting")).actingWeconet(config, chain, observe),
    [config, chain],
  );
  return { canAct: account !== undefined, act };
}

/**
 * Sends SDK actions from the connected wallet and tracks them. The SDK simulates before sending, so a transaction
 * that would revert fails with its decoded reason and nothing is sent. After confirmation every Weconet read of the
 * chain refreshes at once (the member's own action: they look for its effect), not only at the next head.
 */
export function useTransaction() {
  const { chain, account } = useWeconet();
  const { canAct, act: acting } = useActing();
  const queryClient = useQueryClient();
  const noteBlock = useNoteBlock();
  const names = usePersonNames();
  const [state, setState] = useState<TxState>({ status: "idle" });
  // Another account (or none) starts with a clean slate: the last one's result is not theirs.
  useEffect(() => setState({ status: "idle" }), [account]);

  const run = useCallback(
    async <R extends Sent>(label: string, act: (weconet: Weconet) => Promise<R>): Promise<R | undefined> => {
      if (!canAct) {
        setState({ status: "failed", label, message: "Connect a wallet on this network first." });
        return undefined;
      }
      setState({ status: "signing", label });
      let hash: Hash | undefined;
      const observe = (wallet: SigningClient) =>
        observeSubmissions(wallet, (submitted) => {
          hash = submitted;
          setState({ status: "pending", label, hash: submitted });
        });
      try {
        const sent = await act(await acting(observe));
        setState({ status: "confirmed", label, hash: sent.hash, block: sent.receipt.blockNumber });
        noteBlock(sent.receipt.blockNumber);
        await queryClient.invalidateQueries({ queryKey: weconetKey(chain.chainId) });
        return sent;
      } catch (error) {
        const { message, outOfGas } = (await import("./acting")).failureOf(error, names);
        setState({ status: "failed", label, message, outOfGas, ...(hash === undefined ? {} : { hash }) });
        return undefined;
      }
    },
    [canAct, acting, chain.chainId, queryClient, noteBlock, names],
  );
  const reset = useCallback(() => setState({ status: "idle" }), []);
  // While one transaction is in the wallet or on its way, its form's buttons stay disabled.
  const busy = state.status === "signing" || state.status === "pending";
  return { state, run, reset, busy, canSend: canAct };
}
