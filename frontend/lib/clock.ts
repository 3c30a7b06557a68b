"use client";

import { useEffect, useState } from "react";

import { useChainHead } from "./weconet";

/**
 * The chain's clock, ticking every second: governance deadlines are chain timestamps, and a local chain's clock runs
 * ahead of the wall clock once time was moved forward (as the demo seeding does). The latest block's time (from the
 * head the dApp polls anyway) plus the wall-clock time since it was read.
 */
export function useChainNow(): number | undefined {
  const latest = useChainHead();
  const [wallNow, setWallNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWallNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  if (latest === undefined) return undefined;
  return latest.head.timestamp + Math.max(0, Math.floor((wallNow - latest.readAt) / 1_000));
}
