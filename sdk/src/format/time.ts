/**
 * Times and durations as people read and type them: a block time as a date ("2 Dec 2026, 14:50"), a number of
 * seconds in words ("10 days", "1 day 2 hours"), a time relative to now ("in 3 hours"). Parsing a duration gives a
 * field error for anything out of range, never a RangeError.
 */
import type { Parsed } from "./tokens.js";

/** The latest time a JavaScript Date holds (8.64e15 ms), in seconds: a later one is shown as its number. */
const LATEST_DATE_SECONDS = 8_640_000_000_000;

const DATE_PARTS: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};

/**
 * Seconds since the epoch (a block time, a deadline) as a date and time: "2 Dec 2026, 14:50" in the reader's own
 * time zone, or with `timeZone` in that zone with its name ("2 Dec 2026, 14:50 UTC": the CLI and the SDK's
 * messages pass "UTC", so what they print reads the same on every machine). A time no date can hold (such as a
 * uint48's maximum, "no end") reads as its number of seconds.
 */
export function formatDate(seconds: number | bigint, options: { timeZone?: string } = {}): string {
  const s = Number(seconds);
  if (!Number.isFinite(s) || Math.abs(s) > LATEST_DATE_SECONDS) return `${seconds.toString()} s after 1970`;
  const date = new Date(s * 1000);
  if (options.timeZone === undefined) return date.toLocaleString("en-GB", DATE_PARTS);
  try {
    return date.toLocaleString("en-GB", { ...DATE_PARTS, timeZone: options.timeZone, timeZoneName: "short" });
  } catch {
    // An unknown time zone: UTC, named, rather than an exception in the middle of a sentence.
    return date.toLocaleString("en-GB", { ...DATE_PARTS, timeZone: "UTC", timeZoneName: "short" });
  }
}

/** Units of a duration, largest first. */
const UNITS: readonly (readonly [seconds: number, singular: string])[] = [
  [86_400, "day"],
  [3_600, "hour"],
  [60, "minute"],
  [1, "second"],
];

const plural = (n: number, name: string) => `${n} ${name}${n === 1 ? "" : "s"}`;

/** A duration in words, its largest two units: "10 days", "1 day 2 hours", "45 seconds" (negative reads as 0). */
export function formatDuration(seconds: number | bigint): string {
  let rest = Math.max(0, Math.round(Number(seconds)));
  if (rest === 0 || !Number.isFinite(rest)) return rest === 0 ? "0 seconds" : "forever";
  const parts: string[] = [];
  for (const [size, name] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(plural(n, name));
      rest -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** `seconds` seen from `now` in its largest whole unit: "in 3 hours", "2 days ago", "now" (within a minute). */
export function formatRelative(seconds: number | bigint, now: number | bigint): string {
  const diff = Number(seconds) - Number(now);
  const size = Math.abs(diff);
  if (!Number.isFinite(diff)) return formatDate(seconds);
  if (size < 60) return "now";
  const [unit, name] = UNITS.find(([u]) => size >= u) ?? [1, "second"];
  const words = plural(Math.floor(size / unit), name);
  return diff > 0 ? `in ${words}` : `${words} ago`;
}

/** The words a duration may be typed with, in seconds per unit. */
const UNIT_WORDS: Record<string, bigint> = {
  s: 1n,
  sec: 1n,
  secs: 1n,
  second: 1n,
  seconds: 1n,
  m: 60n,
  min: 60n,
  mins: 60n,
  minute: 60n,
  minutes: 60n,
  h: 3_600n,
  hr: 3_600n,
  hrs: 3_600n,
  hour: 3_600n,
  hours: 3_600n,
  d: 86_400n,
  day: 86_400n,
  days: 86_400n,
  w: 604_800n,
  week: 604_800n,
  weeks: 604_800n,
};

const EXAMPLE = 'e.g. "7 days", "36h" or "1 day 12 hours"';

/**
 * A duration typed as one or more numbers with units ("7 days", "36h", "1 day 12 hours", "1.5d"; a bare number is
 * in seconds) in seconds, at most `max`; or what is wrong with it: not a duration, negative, not a whole number of
 * seconds, too long.
 */
export function parseDuration(text: string, max: bigint): Parsed {
  const t = text.trim().toLowerCase();
  if (t === "") return { ok: false, error: `Enter a duration, ${EXAMPLE}.` };
  if (t.startsWith("-")) return { ok: false, error: "A duration cannot be negative." };
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]*)\s*,?\s*/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== t.replace(/^\s+/, "")) {
    return { ok: false, error: `Not a duration: ${EXAMPLE}.` };
  }
  let total = 0n;
  for (const [, number = "", word = ""] of parts) {
    const unit = word === "" ? 1n : UNIT_WORDS[word];
    if (unit === undefined)
      return { ok: false, error: `Unknown unit "${word}": use seconds, minutes, hours, days or weeks.` };
    const [whole = "0", fraction = ""] = number.split(".");
    const scale = 10n ** BigInt(fraction.length);
    const scaled = (BigInt(whole) * scale + BigInt(fraction === "" ? "0" : fraction)) * unit;
    if (scaled % scale !== 0n) return { ok: false, error: "That is not a whole number of seconds." };
    total += scaled / scale;
  }
  if (total > max) return { ok: false, error: `Enter at most ${formatDuration(max)}.` };
  return { ok: true, value: total };
}
