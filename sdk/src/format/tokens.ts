/**
 * Amounts of a payment token as people read and type them: in whole tokens with the token's symbol ("0.02 ETH",
 * "147.75 dEUR"), never in its smallest units. Parsing gives a field error for anything the chain could not take
 * (negative, more decimals than the token has, more than a uint256), never an exception.
 */
import { formatUnits, maxUint256, maxUint64, parseUnits, zeroAddress, type Address } from "viem";

/** A payment token as amounts are shown in it: its address (ETH is the zero address), symbol and decimals. */
export interface TokenInfo {
  address: Address;
  symbol: string;
  decimals: number;
}

export const ETH_TOKEN: TokenInfo = { address: zeroAddress, symbol: "ETH", decimals: 18 };

/** A parsed field: its value, or what is wrong with what was typed (a sentence for beside the field). */
export type Parsed<T = bigint> = { ok: true; value: T } | { ok: false; error: string };

/** "7.5 dEUR": the amount in whole tokens (no trailing zeros) and the token's symbol. */
export function formatAmount(amount: bigint, token: TokenInfo): string {
  return `${formatUnits(amount, token.decimals)} ${token.symbol}`;
}

/** A number typed with digits and at most one decimal point ("7", "7.50", ".5"), nothing else. */
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/**
 * An amount typed in whole tokens ("7.50") in the token's smallest unit, or what is wrong with it: not a number,
 * negative, more decimals than the token has, more than `max` (in the smallest unit; a uint256 when not given, the
 * market's unit prices are uint128).
 */
export function parseAmount(text: string, token: TokenInfo, max: bigint = maxUint256): Parsed {
  const t = text.trim();
  if (t === "") return { ok: false, error: `Enter an amount in ${token.symbol}, e.g. 0.01.` };
  if (/^-\s*[\d.]/.test(t)) return { ok: false, error: "An amount cannot be negative." };
  if (!DECIMAL.test(t)) return { ok: false, error: `Enter an amount in ${token.symbol}, e.g. 0.01.` };
  const decimals = t.split(".")[1]?.length ?? 0;
  if (decimals > token.decimals) {
    return {
      ok: false,
      error:
        token.decimals === 0
          ? `${token.symbol} has no decimals: enter a whole number.`
          : `${token.symbol} has at most ${token.decimals} decimals.`,
    };
  }
  const value = parseUnits(t.startsWith(".") ? `0${t}` : t, token.decimals);
  if (value > max) return { ok: false, error: `Enter at most ${formatAmount(max, token)}.` };
  return { ok: true, value };
}

/**
 * A positive whole number typed in a form or on the command line (quantities, capacities), at most `max` (a uint64
 * when not given: the market's quantities and capacities are), or what is wrong with it, naming `what` ("quantity").
 */
export function parseCount(text: string, what: string, max: bigint = maxUint64): Parsed {
  const t = text.trim();
  if (/^-\s*\d/.test(t)) return { ok: false, error: `Enter the ${what}: a whole number above 0, not a negative one.` };
  if (!/^\d+$/.test(t)) return { ok: false, error: `Enter the ${what}: a whole number above 0.` };
  const value = BigInt(t);
  if (value === 0n) return { ok: false, error: `Enter the ${what}: a whole number above 0.` };
  if (value > max) return { ok: false, error: `Enter the ${what}: at most ${max}.` };
  return { ok: true, value };
}
