"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";

import { LOCAL_CHAIN_ID } from "@/lib/network";
import { chainOf } from "@/lib/wagmi";
import { messageOf } from "@/lib/message";
import { useNoteBlock, useWeconet, weconetKey } from "@/lib/weconet";

/**
 * On the local chain only: moves the chain's clock to `to` (Hardhat's evm_increaseTime), so that a demo can show a
 * proposal's whole life — voting delay, voting period, timelock delay — without waiting days.
 */
export function LocalTimeTravel({ to, label, now }: { to: number; label: string; now: number | undefined }) {
  const { chain } = useWeconet();
  const queryClient = useQueryClient();
  const noteBlock = useNoteBlock();
  const [message, setMessage] = useState("");
  if (chain.chainId !== LOCAL_CHAIN_ID || chain.rpcUrl === null || now === undefined || to <= now) return null;
  const rpcUrl = chain.rpcUrl;
  const travel = async () => {
    try {
      // viem's test actions only for this button (a local chain's), not with the page.
      const { createTestClient, http, publicActions } = await import("viem");
      const client = createTestClient({ mode: "hardhat", chain: chainOf(chain), transport: http(rpcUrl) }).extend(
        publicActions,
      );
      await client.increaseTime({ seconds: to - now });
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
    <>
      <button type="button" className="secondary" onClick={() => void travel()}>
        Local chain: skip ahead to {label}
      </button>
      {message !== "" && <span className="error">{message}</span>}
    </>
  );
}
