"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { createTestClient, http } from "viem";

import { LOCAL_CHAIN_ID } from "@/lib/network";
import { chainOf } from "@/lib/wagmi";
import { failureMessage } from "@/lib/tx";
import { useWeconet, weconetKey } from "@/lib/weconet";

/**
 * On the local chain only: moves the chain's clock to `to` (Hardhat's evm_increaseTime), so that a demo can show a
 * proposal's whole life — voting delay, voting period, timelock delay — without waiting days.
 */
export function LocalTimeTravel({ to, label, now }: { to: number; label: string; now: number | undefined }) {
  const { chain } = useWeconet();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  if (chain.chainId !== LOCAL_CHAIN_ID || chain.rpcUrl === null || now === undefined || to <= now) return null;
  const rpcUrl = chain.rpcUrl;
  const travel = async () => {
    try {
      const client = createTestClient({ mode: "hardhat", chain: chainOf(chain), transport: http(rpcUrl) });
      await client.increaseTime({ seconds: to - now });
      await client.mine({ blocks: 1 });
      setMessage("");
      await queryClient.invalidateQueries({ queryKey: weconetKey(chain.chainId) });
    } catch (error) {
      setMessage(failureMessage(error));
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
