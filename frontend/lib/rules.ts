import { formatRuleValue, ruleInfo, type Rule } from "@weconet/sdk";

// What each rule means and how its value reads are the SDK's (sdk/src/format/rules.ts, shared with the CLI and
// the audit trail); here are only the form's parts: the unit a value is typed in, its parsing and bounds.
export { formatRuleValue, RULE_INFO, ruleInfo } from "@weconet/sdk";
export type { RuleInfo, RuleKind } from "@weconet/sdk";

/** The unit a member types a rule's new value in. */
export function inputUnit(name: string): string {
  const kind = ruleInfo(name).kind;
  return kind === "bps" ? "%" : kind === "duration" ? "days" : "";
}

export type Parsed = { ok: true; value: bigint } | { ok: false; error: string };

/** The bounds NetworkRules enforces on a rule (inclusive), or undefined for a rule without known bounds. */
export type Bounds = { min: bigint; max: bigint };

/**
 * Parses what a member typed as a rule's new value (percent for fees, days for durations, the choice's index) and
 * checks it against the contract's bounds, so that a proposal the timelock could never execute is not sent.
 */
export function parseRuleInput(name: string, input: string, bounds?: Bounds): Parsed {
  const text = input.trim();
  if (text === "") return { ok: false, error: "Enter the new value." };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, error: "Enter a number (digits, optionally a decimal point)." };
  const kind = ruleInfo(name).kind;
  const scale = kind === "bps" ? 100 : kind === "duration" ? 86_400 : 1;
  const [whole = "0", fraction = ""] = text.split(".");
  const value = BigInt(whole) * BigInt(scale) + fractionOf(fraction, scale);
  if (fraction !== "" && !fitsScale(fraction, scale)) {
    return {
      ok: false,
      error: kind === "bps" ? "Use at most two decimals (0.01% steps)." : "That is not a whole number of seconds.",
    };
  }
  if (bounds !== undefined && (value < bounds.min || value > bounds.max)) {
    return {
      ok: false,
      error: `The value must be between ${formatRuleValue(name, bounds.min)} and ${formatRuleValue(name, bounds.max)}.`,
    };
  }
  return { ok: true, value };
}

/** The integer part of fraction × scale (digits after the decimal point). */
function fractionOf(fraction: string, scale: number): bigint {
  if (fraction === "") return 0n;
  const denominator = 10n ** BigInt(fraction.length);
  return (BigInt(fraction) * BigInt(scale)) / denominator;
}

function fitsScale(fraction: string, scale: number): boolean {
  const denominator = 10n ** BigInt(fraction.length);
  return (BigInt(fraction) * BigInt(scale)) % denominator === 0n;
}

/** The bounds NetworkRules enforces on every rule, by rule name (the SDK reads them with the rules). */
export function boundsOf(rules: readonly Rule[]): Record<string, Bounds> {
  return Object.fromEntries(rules.map((r) => [r.name, { min: r.min, max: r.max }]));
}
