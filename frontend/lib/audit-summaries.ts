import { summarize, TrailFacts, type AuditEvent, type SummaryContext } from "@weconet/sdk";

import { eventKey } from "./audit";

/**
 * Each event's sentence for people, by {@link eventKey}: told with `context` (the dApp's token symbols, names, short
 * ids, dates) and what the whole trail says that a later event does not (each booking's token, each
 * attribute's name), so a settlement reads "refund 0.005 ETH", not "refund 5000000000000000".
 */
export function readableSummaries(events: readonly AuditEvent[], context: SummaryContext): Map<string, string> {
  const full = TrailFacts.of(events).context(context);
  return new Map(events.map((e) => [eventKey(e), summarize(e, full)]));
}
