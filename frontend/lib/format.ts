import type { Address } from "viem";

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** A proposal id (a 256-bit hash) short enough to read. */
export function shortId(id: bigint): string {
  const text = id.toString();
  return text.length > 12 ? `${text.slice(0, 6)}…${text.slice(-4)}` : text;
}

const UNITS: [seconds: number, singular: string][] = [
  [86_400, "day"],
  [3_600, "hour"],
  [60, "minute"],
  [1, "second"],
];

/** A duration in words, largest two units: "10 days", "1 day 2 hours", "45 seconds". */
export function formatDuration(seconds: number | bigint): string {
  let rest = Math.max(0, Math.round(Number(seconds)));
  if (rest === 0) return "0 seconds";
  const parts: string[] = [];
  for (const [size, name] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n} ${name}${n === 1 ? "" : "s"}`);
      rest -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** A block timestamp as a local date and time. */
export function formatTime(timestamp: number | bigint): string {
  return new Date(Number(timestamp) * 1000).toLocaleString("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

/** Basis points as a percentage: 150 → "1.5%". */
export function formatBps(bps: bigint): string {
  return `${Number(bps) / 100}%`;
}

export function sameAddress(a: Address | string | undefined, b: Address | string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
