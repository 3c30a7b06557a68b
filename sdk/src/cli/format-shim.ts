/**
 * TEMPORARY: the signatures of the shared formatting module (sdk/src/format, i14-readable) until it is merged;
 * deleted then, the CLI importing `../format/index.js` instead.
 */
import { formatUnits, parseUnits, zeroAddress, type Address } from "viem";

import { enumWords } from "../vocabulary.js";
import { WeconetError } from "../errors.js";

export interface TokenInfo {
  address: Address;
  symbol: string;
  decimals: number;
}
export const ETH_TOKEN: TokenInfo = { address: zeroAddress, symbol: "ETH", decimals: 18 };

export function formatAmount(amount: bigint, token: TokenInfo): string {
  return `${formatUnits(amount, token.decimals)} ${token.symbol}`;
}

type Parsed = { ok: true; value: bigint } | { ok: false; error: string };

export function parseAmount(text: string, token: TokenInfo): Parsed {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return { ok: false, error: `an amount such as 7.50 ${token.symbol}, not "${text}"` };
  const decimals = t.split(".")[1]?.length ?? 0;
  if (decimals > token.decimals)
    return { ok: false, error: `${token.symbol} has ${token.decimals} decimals, "${text}" has ${decimals}` };
  return { ok: true, value: parseUnits(t, token.decimals) };
}

export function parseCount(text: string, what: string, max?: bigint): Parsed {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, error: `${what} must be a whole number, not "${text}"` };
  const value = BigInt(t);
  if (max !== undefined && value > max) return { ok: false, error: `${what} may be at most ${max}, not ${text}` };
  return { ok: true, value };
}

export function formatDate(seconds: number | bigint, options: { timeZone?: string } = {}): string {
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  }).format(new Date(Number(seconds) * 1000));
}

export function formatDuration(seconds: number | bigint): string {
  let s = Number(seconds);
  const parts: string[] = [];
  for (const [unit, size] of [
    ["day", 86_400],
    ["hour", 3600],
    ["minute", 60],
    ["second", 1],
  ] as const) {
    const n = Math.floor(s / size);
    if (n > 0 && parts.length < 2) parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
    s -= n * size;
  }
  return parts.length === 0 ? "0 seconds" : parts.join(" ");
}

export function shortId(id: bigint | string): string {
  const text = typeof id === "bigint" ? id.toString() : id;
  if (text.startsWith("0x")) return text.length > 12 ? `${text.slice(0, 6)}…${text.slice(-4)}` : text;
  return text.length > 12 ? `${text.slice(0, 6)}…${text.slice(-4)}` : text;
}

export function resolveId(typed: string, ids: readonly bigint[]): bigint {
  const t = typed.trim();
  const [head = "", tail] = t.split(/…|\.\.\./);
  if (!/^\d+$/.test(head) || (tail !== undefined && !/^\d*$/.test(tail)))
    throw new WeconetError(`"${typed}" is not an id: digits, or the first and last digits as shown ("123456…7890")`);
  const matches = ids.filter((id) => {
    const s = id.toString();
    return tail === undefined ? s === t || s.startsWith(head) : s.startsWith(head) && s.endsWith(tail);
  });
  const exact = ids.find((id) => id.toString() === t);
  if (exact !== undefined) return exact;
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length === 0) throw new WeconetError(`no id matches "${typed}"`);
  throw new WeconetError(`"${typed}" matches ${matches.length} ids: type more digits`);
}

const ADMISSION = enumWords("INetworkRules.AdmissionPolicy");
export interface RuleInfo {
  label: string;
  kind: "bps" | "duration" | "choice" | "integer";
}
export const RULE_INFO: Record<string, RuleInfo> = {
  admissionPolicy: { label: "Admission policy", kind: "choice" },
  maxGrantDuration: { label: "Longest data connection", kind: "duration" },
  marketFeeBps: { label: "Market fee", kind: "bps" },
  disputeWindow: { label: "Dispute window", kind: "duration" },
  accessRequestLifetime: { label: "Access request lifetime", kind: "duration" },
  probationPeriod: { label: "Probation period", kind: "duration" },
  admissionsPerLeader: { label: "Admissions per leader", kind: "integer" },
  disputeRulingPeriod: { label: "Leaders' ruling period", kind: "duration" },
};

export function formatRuleValue(rule: string, value: bigint): string {
  switch (RULE_INFO[rule]?.kind) {
    case "bps":
      return `${Number(value) / 100}%`;
    case "duration":
      return formatDuration(value);
    case "choice":
      return ADMISSION[Number(value)] ?? String(value);
    default:
      return String(value);
  }
}
