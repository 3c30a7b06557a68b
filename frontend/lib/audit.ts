import { isAddress, type Address } from "viem";

import {
  CSV_HEADER,
  resolveId,
  toCsvLine,
  toJsonLine,
  type AuditEvent,
  type AuditFilter,
  type ContractName,
} from "@weconet/sdk";

/** The audit page's filter form, as typed. */
export interface AuditForm {
  account: string;
  contract: string;
  event: string;
  attribute: string;
  proposal: string;
  resource: string;
}

export const EMPTY_AUDIT_FORM: AuditForm = {
  account: "",
  contract: "",
  event: "",
  attribute: "",
  proposal: "",
  resource: "",
};

/**
 * The SDK's filter from the form, or what is wrong with the form (per field). Given the trail's `proposalIds`, a
 * proposal may be typed by the first of its digits or its short form ("716960…4849", as the page shows it).
 */
export function auditFilterOf(
  form: AuditForm,
  proposalIds?: readonly bigint[],
): {
  filter: AuditFilter;
  errors: Partial<Record<keyof AuditForm, string>>;
} {
  const errors: Partial<Record<keyof AuditForm, string>> = {};
  const filter: { -readonly [K in keyof AuditFilter]: AuditFilter[K] } = {};
  const account = form.account.trim();
  if (account !== "") {
    if (isAddress(account)) filter.accounts = [account as Address];
    else errors.account = "Not an address (0x followed by 40 hexadecimal digits).";
  }
  if (form.contract !== "") filter.contracts = [form.contract as ContractName];
  if (form.event !== "") filter.events = [form.event];
  const whole = (text: string, key: "attribute" | "proposal" | "resource"): bigint | undefined => {
    const t = text.trim();
    if (t === "") return undefined;
    if (!/^\d+$/.test(t)) {
      errors[key] = "A whole number.";
      return undefined;
    }
    return BigInt(t);
  };
  const attribute = whole(form.attribute, "attribute");
  if (attribute !== undefined) filter.attributes = [Number(attribute)];
  const typed = form.proposal.trim();
  if (proposalIds !== undefined && typed !== "") {
    try {
      filter.proposals = [resolveId(typed, proposalIds, "proposal")];
    } catch (error) {
      errors.proposal = error instanceof Error ? error.message : String(error);
    }
  } else {
    const proposal = whole(form.proposal, "proposal");
    if (proposal !== undefined) filter.proposals = [proposal];
  }
  const resource = whole(form.resource, "resource");
  if (resource !== undefined) filter.resources = [resource];
  return { filter, errors };
}

/** The events as a CSV file's text (the SDK's columns, as the CLI exports them). */
export function toCsvFile(events: readonly AuditEvent[]): string {
  return [CSV_HEADER, ...events.map(toCsvLine)].join("\n") + "\n";
}

/** The events as one JSON array (each element the SDK's JSON record, as in the CLI's JSON Lines export). */
export function toJsonFile(events: readonly AuditEvent[]): string {
  return events.length === 0 ? "[]\n" : `[\n${events.map(toJsonLine).join(",\n")}\n]\n`;
}

/** The payment tokens the market events of a trail name (for their symbols and decimals). */
export function tokensIn(events: readonly AuditEvent[]): Address[] {
  const tokens = new Set<Address>();
  for (const e of events) {
    if (e.contract !== "Market") continue;
    if (e.event === "BookingCreated" || e.event === "Withdrawn") tokens.add(e.args.token);
    if (e.event === "OfferListed" || e.event === "OfferUpdated" || e.event === "RequestPosted") {
      tokens.add(e.args.terms.token);
    }
  }
  return [...tokens];
}

/** An event's key in the trail (a log is one block's n-th). */
export const eventKey = (e: Pick<AuditEvent, "block" | "logIndex">) => `${e.block}-${e.logIndex}`;

/** The proposals a trail names, each once. */
export function proposalsIn(events: readonly AuditEvent[]): bigint[] {
  return [...new Set(events.flatMap((e) => e.subjects.proposals))];
}
