"use client";

import { useEffect, useState } from "react";

import { chainTime } from "@weconet/sdk";

import { useWeconetQuery } from "./weconet";

/**
 * The chain's clock, ticking every second: governance deadlines are chain timestamps, and a local chain's clock runs
 * ahead of the wall clock once time was moved forward (as the demo seeding does). The latest block's time plus the
 * wall-clock time since it was read.
 */
export function useChainNow(): number | undefined {
  const latest = useWeconetQuery(["chain-time"], async (w) => ({
    time: await chainTime(w.context),
    readAt: Date.now(),
  }));
  const [wallNow, setWallNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWallNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const data = latest.data;
  if (data === undefined) return undefined;
  return data.time + Math.max(0, Math.floor((wallNow - data.readAt) / 1_000));
}
