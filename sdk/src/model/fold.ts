import type { AuditEvent } from "../audit/events.js";
import { REDUCERS, SETTINGS_KEY, settingsOf, type FoldOptions, type Reducer } from "./reducers.js";
import { MemoryStore, type ModelStore } from "./store.js";
import type { KeyOf, RowOf, TableName } from "./tables.js";

/** The reducer of an event, whichever it is (the table is checked per contract and event by its type). */
function reducerOf(e: AuditEvent): Reducer<AuditEvent["contract"], AuditEvent["event"]> | undefined {
  const forContract = REDUCERS[e.contract] as Record<string, unknown> | undefined;
  return forContract?.[e.event] as Reducer<AuditEvent["contract"], AuditEvent["event"]> | undefined;
}

/** Whether `e` is at or before the position `(block, logIndex)`: already folded. */
function folded(e: AuditEvent, settings: RowOf<"settings"> | undefined): boolean {
  if (settings === undefined) return false;
  return e.block < settings.lastBlock || (e.block === settings.lastBlock && e.logIndex <= settings.lastLogIndex);
}

/** A store that notes which tables a reducer wrote. */
function recording(store: ModelStore, written: Set<TableName>): ModelStore {
  return {
    get: <T extends TableName>(table: T, key: KeyOf<T>) => store.get(table, key),
    put: <T extends TableName>(table: T, row: RowOf<T>) => {
      written.add(table);
      return store.put(table, row);
    },
  };
}

/**
 * Applies one event to `store` (events must come in chain order) and moves the fold's cursor past it; an event at
 * or before the cursor was folded already and is skipped, so a fold resumes where it stopped. Notes, in `change`,
 * which tables the event wrote. Returns whether the event was applied.
 */
export async function applyEvent(
  store: ModelStore,
  e: AuditEvent,
  options: Partial<FoldOptions> = {},
): Promise<boolean> {
  const before = await store.get("settings", SETTINGS_KEY);
  if (folded(e, before)) return false;
  const reduce = reducerOf(e);
  if (reduce === undefined) throw new Error(`weconet model: no reducer for ${e.contract}.${e.event}`);
  const written = new Set<TableName>();
  await reduce(recording(store, written), e, { partial: options.partial ?? false });
  // read again only when the reducer changed the settings
  const settings = written.has("settings") || before === undefined ? await settingsOf(store) : before;
  await store.put("settings", {
    ...settings,
    events: settings.events + 1,
    lastBlock: e.block,
    lastLogIndex: e.logIndex,
  });
  for (const table of written) {
    const previous = await store.get("change", { table });
    await store.put("change", { table, block: e.block, count: (previous?.count ?? 0) + 1 });
  }
  return true;
}

/** Applies `events` in order (see {@link applyEvent}); returns how many were applied (not skipped). */
export async function applyEvents(
  store: ModelStore,
  events: Iterable<AuditEvent> | AsyncIterable<AuditEvent>,
  options: Partial<FoldOptions> = {},
): Promise<number> {
  let applied = 0;
  for await (const e of events) if (await applyEvent(store, e, options)) applied++;
  return applied;
}

/** Folds `events` into a new memory store. Memory grows with the rows, not the stream. */
export async function foldToMemory(
  events: Iterable<AuditEvent> | AsyncIterable<AuditEvent>,
  options: Partial<FoldOptions> = {},
): Promise<MemoryStore> {
  const store = new MemoryStore();
  await applyEvents(store, events, options);
  return store;
}
