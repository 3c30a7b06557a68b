import type { WeconetContext } from "../client.js";
import { selectAll } from "../model/store.js";
import type { RowOf, TableName } from "../model/tables.js";
import { readPoint } from "./rows.js";

/**
 * Which tables each list of `w.reads` reads (its own rows, and the rows whose change may change what the
 * contracts' views say of its items): a list needs refreshing when one of them changed (see `changes()`).
 */
export const LIST_TABLES = {
  members: ["member", "role", "settings", "rule"],
  proposals: ["proposal", "vote", "settings", "member"],
  votes: ["vote"],
  rules: ["rule"],
  attributes: ["attribute"],
  resources: ["resource"],
  connections: ["connection", "application", "member", "role", "attribute"],
  requests: ["accessRequest"],
  applications: ["application", "member", "role"],
  offers: ["offer", "resource", "member", "attribute"],
  bookings: ["booking", "credit"],
  marketRequests: ["marketRequest"],
  credits: ["credit"],
  match: ["offer", "resource", "member", "attribute"],
  changes: ["change"],
} as const satisfies Record<string, readonly TableName[]>;

/** A list of `w.reads`. */
export type ListName = keyof typeof LIST_TABLES;

/**
 * Lists whose items also change with the chain's clock alone, with no table changing: a consent expires, a
 * request lapses, an offer's validity ends, a proposal's vote closes, a booking's dispute window ends. Refresh
 * them when a new block's time passes, too.
 */
export const CLOCK_LISTS = [
  "proposals",
  "connections",
  "requests",
  "offers",
  "bookings",
  "marketRequests",
  "match",
] as const satisfies readonly ListName[];

/** The lists that read `table` (for refreshing only those). */
export function listsReading(table: TableName): ListName[] {
  return (Object.keys(LIST_TABLES) as ListName[]).filter((list) =>
    (LIST_TABLES[list] as readonly TableName[]).includes(table),
  );
}

/**
 * Which table changed last at which block (the fold's `change` rows, one per table): poll it (cheap) and refresh
 * only the lists whose {@link LIST_TABLES} changed since.
 */
export async function readChanges(ctx: WeconetContext): Promise<RowOf<"change">[]> {
  const { rows } = await readPoint(ctx);
  return selectAll(rows, "change");
}
