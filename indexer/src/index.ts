/**
 * The indexing functions: one per (contract, event) of the Weconet ABIs, each turning Ponder's event into the SDK's
 * audit event and folding it with the SDK's reducers (`applyEvent`) into Ponder's tables — the same fold as the
 * auditor's rebuild from a node, so the two cannot disagree by construction.
 */
import { ponder, type EventNames } from "ponder:registry";
import * as schema from "ponder:schema";

import { applyEvent } from "@weconet/sdk";

import { auditEventOf, weconetEvents } from "../lib/event.js";
import { ponderStore } from "../lib/store.js";

/** The names Ponder registers log events under ("Contract:Event"; its "Contract:setup" hooks are not used). */
type LogEventName = Exclude<EventNames, `${string}:setup`>;

for (const { contract, event } of weconetEvents()) {
  // The names come from the same ABIs as ponder.config.ts's contracts, so each is one of Ponder's event names.
  ponder.on(`${contract}:${event}` as LogEventName, async ({ event: ponderEvent, context }) => {
    await applyEvent(ponderStore(context.db, schema), auditEventOf(contract, ponderEvent, context.chain.id));
  });
}
