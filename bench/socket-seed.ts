/**
 * Fills the socket benchmark's store with many owners' values while the socket is stopped: straight into the
 * socket's own tables (socket/src/db/schema.ts, opened and migrated by socket/src/db/open.ts), each value sealed
 * with a data key of its own and each data key wrapped by the master key with the socket's own crypto
 * (socket/src/crypto.ts) — the rows are exactly those the API writes, in batches instead of one transaction per
 * value. What a write through HTTP costs (SIWE session, the taxonomy checked on-chain, one transaction each) is
 * measured separately by the benchmark.
 */
import path from "node:path";

import { getAddress } from "viem";

import { newDataKey, sealValue, wrapDataKey, wrappingKeyOf } from "../socket/src/crypto.js";
import { openDatabase } from "../socket/src/db/open.js";
import { attributeValues, dataKeys } from "../socket/src/db/schema.js";

export interface SeedOptions {
  dataDir: string;
  keysDir: string;
  masterKey: Uint8Array;
  owners: readonly string[];
  attributes: readonly { id: number; dataType: string }[];
  value(dataType: string, owner: number): unknown;
}

/** Rows per INSERT: large enough that statements do not dominate, small enough for PGlite's memory. */
const BATCH = 1000;

export async function seedValues(o: SeedOptions): Promise<{ how: string; seconds: number; values: number }> {
  const [data, keys] = await Promise.all([
    openDatabase({ dir: path.resolve(o.dataDir) }, "data"),
    openDatabase({ dir: path.resolve(o.keysDir) }, "keys"),
  ]);
  const wrapping = wrappingKeyOf(o.masterKey);
  const started = performance.now();
  let values = 0;
  try {
    let keyRows: (typeof dataKeys.$inferInsert)[] = [];
    let valueRows: (typeof attributeValues.$inferInsert)[] = [];
    const flush = async () => {
      await keys.db.insert(dataKeys).values(keyRows);
      await data.db.insert(attributeValues).values(valueRows);
      values += valueRows.length;
      keyRows = [];
      valueRows = [];
    };
    const now = new Date();
    for (const [i, raw] of o.owners.entries()) {
      const owner = getAddress(raw);
      for (const a of o.attributes) {
        const key = newDataKey();
        keyRows.push({ owner, attributeId: a.id, ...wrapDataKey(wrapping, owner, a.id, key), createdAt: now });
        valueRows.push({
          owner,
          attributeId: a.id,
          version: 1,
          ...sealValue(key, owner, a.id, 1, o.value(a.dataType, i)),
          updatedAt: now,
        });
        if (valueRows.length >= BATCH) await flush();
      }
    }
    if (valueRows.length > 0) await flush();
  } finally {
    await Promise.all([data.close(), keys.close()]);
  }
  return {
    how: `in batches of ${BATCH} rows into the socket's own tables, sealed and wrapped by its own crypto`,
    seconds: (performance.now() - started) / 1000,
    values,
  };
}
