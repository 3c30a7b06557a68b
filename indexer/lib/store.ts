/**
 * The reducers' store over Ponder's database (`context.db` in an indexing function): `get` is `db.find`, `put` an
 * insert that replaces the row whole on a key conflict. Ponder keeps addresses lower-cased; they come back
 * checksummed, as the reducers and `MemoryStore` hold them.
 */
import { getAddress, type Address } from "viem";

import {
  keyColumns,
  MODEL_TABLES,
  TABLE_NAMES,
  type ColumnKind,
  type KeyOf,
  type ModelStore,
  type RowOf,
  type TableName,
} from "@weconet/sdk";

/** A row as Ponder takes and gives it (column → value). */
export type PonderRow = Record<string, unknown>;

/** What the store uses of Ponder's `context.db` (its methods are generic over the schema's tables). */
export interface PonderDb<Table> {
  find(table: Table, key: PonderRow): Promise<PonderRow | null>;
  insert(table: Table): {
    values(row: PonderRow): {
      onConflictDoUpdate(update: PonderRow): Promise<unknown>;
      onConflictDoNothing(): Promise<unknown>;
    };
  };
}

const isAddressKind = (kind: ColumnKind) => kind === "address" || kind === "address?";
const isAddressListKind = (kind: ColumnKind) => kind === "address[]" || kind === "address[]?";

/** Which columns of each table hold addresses, and lists of them: the ones to checksum on the way out. */
const ADDRESS_COLUMNS = new Map<TableName, { single: string[]; list: string[] }>(
  TABLE_NAMES.map((table) => {
    const kinds = Object.entries(MODEL_TABLES[table].columns as Readonly<Record<string, ColumnKind>>);
    return [
      table,
      {
        single: kinds.filter(([, kind]) => isAddressKind(kind)).map(([column]) => column),
        list: kinds.filter(([, kind]) => isAddressListKind(kind)).map(([column]) => column),
      },
    ];
  }),
);

/** A row read from Ponder as the model's row: addresses checksummed, every column present (null when empty). */
export function fromPonder<T extends TableName>(table: T, stored: PonderRow): RowOf<T> {
  const row: PonderRow = {};
  for (const column of Object.keys(MODEL_TABLES[table].columns)) {
    const value = stored[column];
    row[column] = value === undefined ? null : value;
  }
  const addresses = ADDRESS_COLUMNS.get(table);
  for (const column of addresses?.single ?? []) {
    const value = row[column];
    if (typeof value === "string") row[column] = getAddress(value);
  }
  for (const column of addresses?.list ?? []) {
    const value = row[column];
    if (Array.isArray(value)) row[column] = value.map((a: string): Address => getAddress(a));
  }
  return row as RowOf<T>;
}

/** The key columns of a key or row, alone (what `db.find` takes). */
function keyOf<T extends TableName>(table: T, key: KeyOf<T>): PonderRow {
  const values = key as PonderRow;
  return Object.fromEntries(keyColumns(table).map((column) => [column, values[column]]));
}

/** The reducers' `ModelStore` over Ponder's `context.db`; `tables` is Ponder's schema (ponder.schema.ts's exports). */
export function ponderStore<Table>(
  db: PonderDb<NoInfer<Table>>,
  tables: Readonly<Record<TableName, Table>>,
): ModelStore {
  return {
    async get(table, key) {
      const stored = await db.find(tables[table], keyOf(table, key));
      return stored === null ? undefined : fromPonder(table, stored);
    },
    async put(table, row) {
      const values = { ...(row as PonderRow) };
      const key = new Set<string>(keyColumns(table));
      const update = Object.fromEntries(Object.entries(values).filter(([column]) => !key.has(column)));
      const insert = db.insert(tables[table]).values(values);
      // A table of key columns only has nothing to replace: the row is there or it is inserted.
      await (Object.keys(update).length === 0 ? insert.onConflictDoNothing() : insert.onConflictDoUpdate(update));
    },
  };
}
