"use client";

import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";

import { ConfirmButton } from "@/components/Confirm";
import { formatDuration } from "@/lib/format";
import { LOCAL_CHAIN_ID } from "@/lib/network";
import { chainOf } from "@/lib/wagmi";
import { messageOf } from "@/lib/message";
import { useNoteBlock, useWeconet, weconetKey } from "@/lib/weconet";

/**
 * The places on a page that could offer to skip ahead (one per proposal card): only the one with the nearest time
 * shows its button, so a page offers it once, and skipping never jumps past another proposal's next step.
 */
const offers = new Map<string, number>();
const listeners = new Set<() => void>();
let chosen: string | undefined;
function choose() {
  let best: [string, number] | undefined;
  // A Map keeps insertion order: of equal times the first mounted wins.
  for (const entry of offers) if (best === undefined || entry[1] < best[1]) best = entry;
  chosen = best?.[0];
  for (const listener of listeners) listener();
}
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * On the local chain only: moves the chain's clock to `to` (Hardhat's evm_increaseTime), so that a demo can show a
 * proposal's whole life — voting delay, voting period, timelock delay — without waiting days. Once per page (the
 * nearest of the times offered), and behind a confirmation that says what it does: the clock moves for everyone on
 * the chain, for good.
 */
export function LocalTimeTravel({ to, label, now }: { to: number; label: string; now: number | undefined }) {
  const { chain } = useWeconet();
  const queryClient = useQueryClient();
  const noteBlock = useNoteBlock();
  const [message, setMessage] = useState("");
  const id = useId();
  const eligible = chain.chainId === LOCAL_CHAIN_ID && chain.rpcUrl !== null && now !== undefined && to > now;
  useEffect(() => {
    if (!eligible) return;
    offers.set(id, to);
    choose();
    return () => {
      offers.delete(id);
      choose();
    };
  }, [eligible, id, to]);
  const mine = useSyncExternalStore(
    subscribe,
    () => chosen === id,
    () => false,
  );
  if (!eligible || !mine || chain.rpcUrl === null || now === undefined) return null;
  const rpcUrl = chain.rpcUrl;
  const seconds = to - now;
  const travel = async () => {
    try {
      // viem's test actions only for this button (a local chain's), not with the page.
      const { createTestClient, http, publicActions } = await import("viem");
      const client = createTestClient({ mode: "hardhat", chain: chainOf(chain), transport: http(rpcUrl) }).extend(
        publicActions,
      );
      await client.increaseTime({ seconds });
      await client.mine({ blocks: 1 });
      // The reads that follow must see the new block (and its time).
      noteBlock(await client.getBlockNumber({ cacheTime: 0 }));
      setMessage("");
      await queryClient.invalidateQueries({ queryKey: weconetKey(chain.chainId) });
    } catch (error) {
      setMessage(messageOf(error));
    }
  };
  return (
    <span data-testid="time-travel">
      <ConfirmButton
        label={`Local chain: skip ahead to ${label}`}
        question={
          <>
            Move the local chain&apos;s clock {formatDuration(seconds)} forward, to {label}? The clock moves for
            everyone on this chain — every wallet, tab and the CLI — and cannot be turned back.
          </>
        }
        confirmLabel={`Skip ${formatDuration(seconds)} ahead`}
        onConfirm={() => void travel()}
      />
      {message !== "" && (
        <span className="error" role="alert">
          {message}
        </span>
      )}
    </span>
  );
}
