import type { Address } from "viem";

import type { ContractName } from "../contracts.js";
import type { AuditEvent } from "./events.js";

/** Which events to keep: each given criterion must match (within a criterion, any listed value matches). */
export interface AuditFilter {
  /** Events concerning any of these accounts (as actor or subject). */
  accounts?: readonly Address[];
  /** Events naming any of these taxonomy attributes. */
  attributes?: readonly number[];
  /** Events about any of these proposals. */
  proposals?: readonly bigint[];
  /** Events about any of these resources. */
  resources?: readonly bigint[];
  /** Events about any of these market offers. */
  offers?: readonly bigint[];
  /** Events about any of these market bookings. */
  bookings?: readonly bigint[];
  /** Events about any of these market requests. */
  requests?: readonly bigint[];
  /** Events of these contracts only. */
  contracts?: readonly ContractName[];
  /** Events with these names only (e.g. "VoteCast"). */
  events?: readonly string[];
}

const some = <T>(wanted: readonly T[] | undefined, present: readonly T[]) =>
  wanted === undefined || wanted.length === 0 || present.some((value) => wanted.includes(value));

/** Whether `event` passes `filter`. */
export function matchesFilter(event: AuditEvent, filter: AuditFilter): boolean {
  const accounts = filter.accounts?.map((a) => a.toLowerCase());
  return (
    some(
      accounts,
      event.subjects.accounts.map((a) => a.toLowerCase()),
    ) &&
    some(filter.attributes, event.subjects.attributes) &&
    some(filter.proposals, event.subjects.proposals) &&
    some(filter.resources, event.subjects.resources) &&
    some(filter.offers, event.subjects.offers) &&
    some(filter.bookings, event.subjects.bookings) &&
    some(filter.requests, event.subjects.requests) &&
    some(filter.contracts, [event.contract]) &&
    some(filter.events, [event.event])
  );
}

/** The events of `events` that pass `filter`, streamed. */
export async function* filterEvents(
  events: AsyncIterable<AuditEvent>,
  filter: AuditFilter,
): AsyncGenerator<AuditEvent> {
  for await (const event of events) if (matchesFilter(event, filter)) yield event;
}

/** JSON with bigints as decimal strings (JSON has no big integers). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** One JSON Lines record of an event (no trailing newline). */
export function toJsonLine(event: AuditEvent): string {
  return toJson({
    chainId: event.chainId,
    block: event.block,
    logIndex: event.logIndex,
    timestamp: event.timestamp,
    time: new Date(event.timestamp * 1000).toISOString(),
    tx: event.tx,
    contract: event.contract,
    address: event.address,
    event: event.event,
    actor: event.actor,
    args: event.args,
    subjects: event.subjects,
    summary: event.summary,
  });
}

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  "block",
  "logIndex",
  "time",
  "tx",
  "contract",
  "event",
  "actor",
  "accounts",
  "attributes",
  "proposals",
  "resources",
  "offers",
  "bookings",
  "requests",
  "summary",
  "args",
] as const;

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The CSV header line (no trailing newline). */
export const CSV_HEADER = CSV_COLUMNS.join(",");

/** One CSV line of an event (RFC 4180 quoting; no trailing newline). */
export function toCsvLine(event: AuditEvent): string {
  const s = event.subjects;
  return [
    event.block.toString(),
    String(event.logIndex),
    new Date(event.timestamp * 1000).toISOString(),
    event.tx,
    event.contract,
    event.event,
    event.actor ?? "",
    s.accounts.join(" "),
    s.attributes.join(" "),
    s.proposals.join(" "),
    s.resources.join(" "),
    s.offers.join(" "),
    s.bookings.join(" "),
    s.requests.join(" "),
    event.summary,
    toJson(event.args),
  ]
    .map(csvCell)
    .join(",");
}
