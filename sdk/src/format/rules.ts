/**
 * The network rules (NetworkRules) in words: each rule's name, how its value reads (a percentage, a duration, a
 * choice, a number) and what it means; a value and a change of value as sentences ("market fee 1.5% → 2%"). The
 * dApp, the CLI and the audit trail all read rules through this one table.
 */
import { enumWords, type RuleName } from "../vocabulary.js";
import { formatDuration } from "./time.js";

/** How a rule's value reads and is entered: a percentage (basis points), a duration (seconds), a choice, a number. */
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
 * themselves come from NetworkRules; a rule the chain has and this build does not still reads, as a plain integer.
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

/** A rule's info by its key; a key this build does not know reads as itself, a plain integer. */
export function ruleInfo(name: RuleName | string): RuleInfo {
  return (
    (RULE_INFO as Record<string, RuleInfo | undefined>)[name] ?? {
      label: name,
      kind: "integer",
      help: "A network rule.",
    }
  );
}

/** Basis points as a percentage: 150 → "1.5%". */
export function formatBps(bps: bigint): string {
  const whole = bps / 100n;
  const cents = (bps < 0n ? -bps : bps) % 100n;
  const fraction = cents === 0n ? "" : `.${cents.toString().padStart(2, "0").replace(/0$/, "")}`;
  return `${bps < 0n && whole === 0n ? "-" : ""}${whole}${fraction}%`;
}

/** A rule's value in words: "1.5%", "10 days", "open (a leader admits each applicant)", "3". */
export function formatRuleValue(rule: RuleName | string, value: bigint): string {
  const info = ruleInfo(rule);
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

/** A rule's name inside a sentence: "market fee" (an unknown key stays as it is). */
export function ruleLabel(rule: RuleName | string): string {
  const label = ruleInfo(rule).label;
  return label === rule ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** A change of a rule: "market fee 1.5% → 2%", or "market fee set to 2%" when its value before is not known. */
export function describeRuleChange(rule: RuleName | string, from: bigint | undefined, to: bigint): string {
  const label = ruleLabel(rule);
  return from === undefined
    ? `${label} set to ${formatRuleValue(rule, to)}`
    : `${label} ${formatRuleValue(rule, from)} → ${formatRuleValue(rule, to)}`;
}
