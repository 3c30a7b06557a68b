"use client";

import { formatDuration, formatTime } from "@/lib/format";

/** "in 2 days 3 hours" (or "… ago") against the chain's clock, with the exact time in the title. */
export function Countdown({ at, now }: { at: bigint | number; now: number | undefined }) {
  const target = Number(at);
  if (now === undefined) return <time dateTime={new Date(target * 1000).toISOString()}>{formatTime(target)}</time>;
  const delta = target - now;
  return (
    <time dateTime={new Date(target * 1000).toISOString()} title={formatTime(target)}>
      {delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`}
    </time>
  );
}
