/**
 * The indexing functions: one per (contract, event) of the Weconet ABIs, each turning Ponder's event into the SDK's
 * audit event and folding it with the SDK's reducers (`applyEvent`) into Ponder's tables — the same fold as the
 * auditor's rebuild from a node, so the two cannot disagree by construction.
 */
import { ponder, type EventNames } from "ponder:registry";
import * as schema from "ponder:schema";

import { applyEvent, type TableName } from "@weconet/sdk";

import { auditEventOf, weconetEvents } from "../lib/event.js";
import { ponderStore, type PonderDb } from "../lib/store.js";

/** The names Ponder registers log events under ("Contract:Event"; its "Contract:setup" hooks are not used). */
type LogEventName = Exclude<EventNames, `${string}:setup`>;

/**
 * Ponder types `context.db` per table (each table's insert model); the reducers name their table at run time and
 * their rows are checked by the model's own row types, so the store sees the database through one untyped view.
 */
type SchemaTable = (typeof schema)[TableName];
/** Every table of the model, in the generated schema (a table missing from it fails here). */
const tables: Readonly<Record<TableName, SchemaTable>> = schema;

for (const { contract, event } of weconetEvents()) {
  // The names come from the same ABIs as ponder.config.ts's contracts, so each is one of Ponder's event names.
  ponder.on(`${contract}:${event}` as LogEventName, async ({ event: ponderEvent, context }) => {
    await applyEvent(
      ponderStore(context.db as PonderDb<SchemaTable>, tables),
      auditEventOf(contract, ponderEvent, context.chain.id),
    );
  });
}
