import { enumWords, type Rule, type RuleName } from "@weconet/sdk";

import { formatBps, formatDuration } from "./format";

/** How a rule's value reads and is entered: a percentage (basis points), a duration (seconds), or a choice. */
export type RuleKind = "bps" | "duration" | "choice" | "integer";

export interface RuleInfo {
  label: string;
  kind: RuleKind;
  help: string;
  /** For `choice` rules: the label of each value. */
  choices?: readonly string[];
}

/** The admission policies, in the order of `INetworkRules.AdmissionPolicy` (the rule's value). */
const ADMISSION_POLICIES = enumWords("INetworkRules.AdmissionPolicy");

/** What each admission policy means; the type asks for one per member. */
const ADMISSION_POLICY_LABELS: Record<(typeof ADMISSION_POLICIES)[number], string> = {
  closed: "closed (no applications)",
  open: "open (a leader admits each applicant)",
};

/**
 * What each rule means to a member; the type asks for every rule key NetworkRules declares. The values and bounds
 * themselves come from NetworkRules; a rule the chain has and this build does not still shows and can be proposed,
 * as a plain integer.
 */
export const RULE_INFO: Record<RuleName, RuleInfo> = {
  admissionPolicy: {
    label: "Admission policy",
    kind: "choice",
    choices: ADMISSION_POLICIES.map((policy) => ADMISSION_POLICY_LABELS[policy]),
    help: "Whether newcomers may apply for membership.",
  },
  maxGrantDuration: {
    label: "Longest data connection",
    kind: "duration",
    help: "The longest a member may open a data connection for.",
  },
  marketFeeBps: { label: "Market fee", kind: "bps", help: "The share of each booking's price paid to the treasury." },
  disputeWindow: {
    label: "Dispute window",
    kind: "duration",
    help: "How long a consumer may dispute a completed booking.",
  },
  accessRequestLifetime: {
    label: "Access request lifetime",
    kind: "duration",
    help: "How long a request for access waits for the owner's answer.",
  },
  probationPeriod: {
    label: "Probation period",
    kind: "duration",
    help: "How long a new member waits after admission before their vote counts (never shorter than the longest vote, so the members can react to any admission first).",
  },
  admissionsPerLeader: {
    label: "Admissions per leader",
    kind: "integer",
    help: "How many members one leader may admit per probation period.",
  },
  disputeRulingPeriod: {
    label: "Leaders' ruling period",
    kind: "duration",
    help: "How long the network leaders have to rule on a dispute; after it the members' vote may rule, and later anyone may settle it with a full refund.",
  },
};

export function ruleInfo(name: string): RuleInfo {
  return (
    (RULE_INFO as Record<string, RuleInfo | undefined>)[name] ?? {
      label: name,
      kind: "integer",
      help: "A network rule.",
    }
  );
}

/** A rule's value in words: "1.5%", "10 days", "open (…)". */
export function formatRuleValue(name: string, value: bigint): string {
  const info = ruleInfo(name);
  switch (info.kind) {
    case "bps":
      return formatBps(value);
    case "duration":
      return formatDuration(value);
    case "choice":
      return info.choices?.[Number(value)] ?? value.toString();
    case "integer":
      return value.toString();
  }
}

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
