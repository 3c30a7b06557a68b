/**
 * The CLI's reading of what people type (ids, addresses, amounts, classes, choices, how long) and its writing of
 * what they read (amounts in their token's units, dates). Every problem is a {@link WeconetError} that says what
 * was typed and what is wanted, thrown before anything is signed or sent.
 */
import type { Address } from "viem";

import { WeconetError } from "../errors.js";
import type { Expiry } from "../actions/access.js";
import { ETH } from "../reads/market.js";
import type { Attribute } from "../reads/taxonomy.js";
import type { Weconet } from "../weconet.js";
import { parseAddress } from "./connect.js";
import {
  ETH_TOKEN,
  formatAmount,
  formatDate,
  parseAmount,
  parseCount,
  resolveId,
  type TokenInfo,
} from "../format/index.js";

export { parseAddress };

/** A whole number typed for `what` (an offer id, a block, a quantity). */
export function wholeNumber(value: string | undefined, what: string): bigint {
  if (value === undefined || !/^\d+$/.test(value))
    throw new WeconetError(`${what} must be a whole number, got "${value ?? ""}"`);
  return BigInt(value);
}

/** A count of at least one (units, capacity), at most what the market holds (a uint64); `what` is a word. */
export function positiveCount(value: string, what: string): bigint {
  const parsed = parseCount(value, what);
  if (!parsed.ok) throw new WeconetError(`${parsed.error} (got "${value}")`);
  return parsed.value;
}

/** `value` when it is one of `allowed`; a clear message otherwise. */
export function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  what: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new WeconetError(`unknown ${what} "${value}": one of ${allowed.join(", ")}`);
  return value as T;
}

/** Collects a repeated option's values (`--want a --want b`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A unix time as people read it in a terminal: "2 Dec 2026, 14:50 UTC" ("-" for none). */
export function at(seconds: number | bigint): string {
  return Number(seconds) === 0 ? "-" : formatDate(seconds, { timeZone: "UTC" });
}

/** Seconds typed as days ("30", "0.5"), for `what`. */
export function days(value: string, what: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) {
    throw new WeconetError(`${what} must be a positive number, got "${value}"`);
  }
  // Beyond a century no rule allows it, and past 2^53 seconds the number would no longer be exact.
  if (Number(value) > 36_500) throw new WeconetError(`${what} must be at most 36500 days (100 years), got "${value}"`);
  return Math.round(Number(value) * 86_400);
}

/** A moment typed as a date (ISO 8601: 2026-01-31, 2026-01-31T12:00Z) or a unix time. */
export function moment(value: string, what: string): number {
  const seconds = /^\d+$/.test(value) ? Number(value) : Date.parse(value) / 1000;
  if (!Number.isFinite(seconds))
    throw new WeconetError(`${what} must be a date (2026-01-31) or unix time, got "${value}"`);
  return Math.floor(seconds);
}

/** Until when a connection runs: --days from now, or --until a date or unix time (one of them). */
export function expiry(o: { days?: string; until?: string }): Expiry {
  if ((o.days === undefined) === (o.until === undefined)) {
    throw new WeconetError("say how long: --days <n> or --until <date> (one of them)");
  }
  if (o.days !== undefined) return { duration: days(o.days, "--days") };
  return { expiresAt: moment(o.until ?? "", "--until") };
}

/** Attribute names or ids separated by commas; `usage` when there are none. */
export function attributeList(word: string | undefined, usage: string): string[] {
  const refs = (word ?? "").split(",").filter((a) => a !== "");
  if (refs.length === 0) throw new WeconetError(usage);
  return refs;
}

/** The vocabulary, looked up by name or id, with a message that says where to find the names. */
export async function vocabulary(w: Weconet): Promise<(ref: string) => Attribute> {
  const attributes = await w.reads.attributes();
  const byName = new Map(attributes.map((a) => [a.name, a]));
  const byId = new Map(attributes.map((a) => [a.id, a]));
  return (ref) => {
    const found = /^\d+$/.test(ref) ? byId.get(Number(ref)) : byName.get(ref);
    if (found === undefined) {
      throw new WeconetError(`unknown attribute "${ref}": see \`weconet taxonomy\` for the names and ids`);
    }
    return found;
  };
}

/**
 * A class of the vocabulary (what a resource or an offer is), by name or id: "there is no class named …" for a
 * name the vocabulary lacks, and a word on what it is when the name is an attribute that is not a class.
 */
export async function classOf(w: Weconet, ref: string): Promise<Attribute> {
  const attributes = await w.reads.attributes();
  const found = attributes.find((a) => (/^\d+$/.test(ref) ? a.id === Number(ref) : a.name === ref));
  if (found === undefined) {
    const classes = attributes.filter((a) => a.dataType === "class" && !a.deprecated).map((a) => a.name);
    throw new WeconetError(`there is no class named "${ref}": one of ${classes.join(", ")} (see \`weconet taxonomy\`)`);
  }
  if (found.dataType !== "class") {
    throw new WeconetError(
      `"${found.name}" is an attribute (${found.dataType}, of ${found.domain}s), not a class: see \`weconet taxonomy\``,
    );
  }
  if (found.deprecated) throw new WeconetError(`the class "${found.name}" is deprecated`);
  return found;
}

/** Attribute ids as names, for listings. */
export async function attributeNames(w: Weconet): Promise<(ids: readonly number[]) => string> {
  const names = new Map((await w.reads.attributes()).map((a) => [a.id, a.name]));
  return (ids) => ids.map((id) => names.get(id) ?? String(id)).join(",");
}

/** A market token's symbol and decimals, for amounts people read and type. */
export async function tokenInfo(w: Weconet, token: Address): Promise<TokenInfo> {
  const [info] = await w.reads.tokens([token]);
  return info ?? ETH_TOKEN;
}

/** Amounts in their token's units, each token's symbol and decimals read once. */
export function moneyOf(w: Weconet): (amount: bigint, token: Address) => Promise<string> {
  const known = new Map<Address, Promise<TokenInfo>>();
  return async (amount, token) => {
    let info = known.get(token);
    if (info === undefined) {
      info = tokenInfo(w, token);
      known.set(token, info);
    }
    return formatAmount(amount, await info);
  };
}

/** --token: ETH (the default), a token address, or the symbol of a token some offer is priced in. */
export async function tokenOption(w: Weconet, value: string | undefined): Promise<Address> {
  if (value === undefined || value.toUpperCase() === "ETH") return ETH;
  if (value.startsWith("0x")) return parseAddress(value, "--token");
  const tokens = [...new Set((await w.reads.offers({ all: true })).items.map((o) => o.token).filter((t) => t !== ETH))];
  for (const token of tokens) {
    if ((await tokenInfo(w, token)).symbol.toLowerCase() === value.toLowerCase()) return token;
  }
  throw new WeconetError(`unknown token "${value}": no offer is priced in it (use ETH or the token's address)`);
}

/** The market's prices and escrows are uint128. */
const MAX_UINT128 = 2n ** 128n - 1n;

/** An amount typed in whole units of `token` ("7.50"), in its smallest unit. */
export function amountIn(value: string, token: TokenInfo, what: string): bigint {
  if (!/^\d+(\.\d+)?$/.test(value.trim()))
    throw new WeconetError(`${what} must be an amount such as 7.50, got "${value}"`);
  const parsed = parseAmount(value, token, MAX_UINT128);
  if (!parsed.ok) throw new WeconetError(`${what}: ${parsed.error}`);
  return parsed.value;
}

/** A proposal id as typed: the whole id, or its first digits (or "first…last" as lists show it). */
export async function proposalId(w: Weconet, typed: string | undefined): Promise<bigint> {
  if (typed === undefined || typed === "") throw new WeconetError("a proposal id is needed");
  const { items } = await w.reads.proposals();
  try {
    return resolveId(
      typed,
      items.map((p) => p.id),
      "proposal",
    );
  } catch (error) {
    throw new WeconetError(`${error instanceof Error ? error.message : String(error)} (see \`weconet proposals\`)`);
  }
}
