import { maxUint128 } from "viem";

import { parseDuration } from "@weconet/sdk";

/** What a form field parses to, or the words for what is wrong with it (the SDK's `Parsed`). */
export type Parsed = ReturnType<typeof parseDuration>;

/**
 * The longest term a form accepts (a request open, an offer bookable, a connection lasting): 100 years. The chain
 * keeps times in uint48 seconds, so anything past it would fail to encode (a raw "not in safe 48-bit unsigned
 * integer range"), and no market term needs more.
 */
export const LONGEST_TERM = 100n * 365n * 86_400n;

/** The largest price a unit may have: the market keeps prices in uint128. */
export const MAX_UNIT_PRICE = maxUint128;

/**
 * A "days" field: a number of days ("7", "0.5"), or any duration the SDK reads ("2 weeks", "36h"), in seconds, above
 * 0 and at most `max`; empty, zero, huge, negative or odd input is a field error in words (the SDK's
 * `parseDuration`), `empty` the words for an empty or zero one.
 */
export function parseDays(text: string, empty: string, max: bigint = LONGEST_TERM): Parsed {
  const t = text.trim();
  if (t === "") return { ok: false, error: empty };
  const parsed = parseDuration(/^\d+(\.\d+)?$/.test(t) ? `${t} days` : t, max);
  return parsed.ok && parsed.value === 0n ? { ok: false, error: empty } : parsed;
}
