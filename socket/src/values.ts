import { encodedValueSize, MAX_VALUE_BYTES, validateValue, type Attribute, type ValueRecord } from "@weconet/sdk";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Address } from "viem";

import type { ChainGateway } from "./chain.js";
import { openValue, sealValue } from "./crypto.js";
import type { Db } from "./db/open.js";
import { ownerAttributeIn } from "./db/pairs.js";
import { attributeValues } from "./db/schema.js";
import { ApiError } from "./errors.js";
import type { KeyStore } from "./keystore.js";

/** A stored value, decrypted. */
export interface StoredValue {
  attributeId: number;
  value: unknown;
  version: number;
  updatedAt: Date;
}

/**
 * Owners' values: encrypted with their data key on write, opened on read. A row whose data key is gone (erased)
 * counts as no value: it cannot be opened by anyone.
 */
export function valueStore(options: { db: Db; keys: KeyStore; chain: ChainGateway }) {
  const { db, keys, chain } = options;

  /**
   * The rows opened with their data keys (fetched in one go), by `owner|attributeId` in the rows' order; a row
   * whose key is gone is left out.
   */
  async function open(rows: readonly (typeof attributeValues.$inferSelect)[]): Promise<Map<string, StoredValue>> {
    const dataKeys = await keys.getMany(rows);
    const opened = new Map<string, StoredValue>();
    rows.forEach((row, i) => {
      const key = dataKeys[i];
      if (key === undefined) return;
      const value = openValue(key, row.owner, row.attributeId, row.version, row);
      opened.set(`${row.owner}|${row.attributeId}`, {
        attributeId: row.attributeId,
        value,
        version: row.version,
        updatedAt: row.updatedAt,
      });
    });
    return opened;
  }

  async function read(owner: Address, attributeIds?: readonly number[]): Promise<StoredValue[]> {
    const where =
      attributeIds === undefined
        ? eq(attributeValues.owner, owner)
        : and(eq(attributeValues.owner, owner), inArray(attributeValues.attributeId, [...attributeIds]));
    const rows = await db.select().from(attributeValues).where(where).orderBy(asc(attributeValues.attributeId));
    return [...(await open(rows)).values()];
  }

  // Concurrent single reads share one query: those that arrive while a lookup runs go together in the next.
  type Wanted = {
    owner: Address;
    attributeId: number;
    resolve: (v: StoredValue | undefined) => void;
    reject: (e: unknown) => void;
  };
  let wanted: Wanted[] = [];
  let looking = false;
  async function lookUp(): Promise<void> {
    looking = true;
    while (wanted.length > 0) {
      const batch = wanted;
      wanted = [];
      try {
        const pairs = [...new Map(batch.map((w) => [`${w.owner}|${w.attributeId}`, w])).values()];
        const rows = await db
          .select()
          .from(attributeValues)
          .where(ownerAttributeIn(attributeValues.owner, attributeValues.attributeId, pairs));
        const opened = await open(rows);
        for (const w of batch) w.resolve(opened.get(`${w.owner}|${w.attributeId}`));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    looking = false;
  }

  /** One value of the owner (undefined when there is none), looked up together with concurrent ones. */
  function readOne(owner: Address, attributeId: number): Promise<StoredValue | undefined> {
    return new Promise((resolve, reject) => {
      wanted.push({ owner, attributeId, resolve, reject });
      if (!looking) void lookUp();
    });
  }

  async function record(owner: Address, v: StoredValue): Promise<ValueRecord> {
    const a = await chain.describe(v.attributeId);
    return {
      attributeId: v.attributeId,
      name: a?.name ?? `#${v.attributeId}`,
      dataType: a?.dataType ?? "text",
      value: v.value,
      version: v.version,
      updatedAt: v.updatedAt.toISOString(),
    };
  }

  /** The attribute, if the owner may hold a value of it now: a Person attribute, not deprecated, not a class. */
  async function writable(attributeId: number): Promise<Attribute> {
    const a = await chain.attribute(attributeId);
    if (a === undefined) throw new ApiError("unknown_attribute", `the taxonomy has no attribute ${attributeId}`);
    if (a.domain !== "person") {
      throw new ApiError(
        "not_a_person_attribute",
        `attribute ${attributeId} (${a.name}) describes ${a.domain}s, not persons`,
      );
    }
    if (a.deprecated) throw new ApiError("deprecated_attribute", `attribute ${attributeId} (${a.name}) is deprecated`);
    return a;
  }

  async function set(owner: Address, attributeId: number, value: unknown): Promise<ValueRecord> {
    const size = encodedValueSize(value);
    if (size > MAX_VALUE_BYTES)
      throw new ApiError("too_large", `the value takes ${size} bytes; at most ${MAX_VALUE_BYTES} are kept`);
    const a = await writable(attributeId);
    const checked = validateValue(a.dataType, value);
    if (!checked.ok) throw new ApiError("wrong_type", `${a.name} is of type ${a.dataType}: ${checked.message}`);
    const key = await keys.getOrCreate(owner, attributeId);
    const updatedAt = new Date();
    const version = await db.transaction(async (tx) => {
      const current = await tx
        .select({ version: attributeValues.version })
        .from(attributeValues)
        .where(and(eq(attributeValues.owner, owner), eq(attributeValues.attributeId, attributeId)))
        .for("update");
      const next = (current[0]?.version ?? 0) + 1;
      const sealed = sealValue(key, owner, attributeId, next, checked.value);
      await tx
        .insert(attributeValues)
        .values({ owner, attributeId, version: next, ...sealed, updatedAt })
        .onConflictDoUpdate({
          target: [attributeValues.owner, attributeValues.attributeId],
          set: { version: next, nonce: sealed.nonce, ciphertext: sealed.ciphertext, updatedAt },
        });
      return next;
    });
    return {
      attributeId,
      name: a.name,
      dataType: a.dataType,
      value: checked.value,
      version,
      updatedAt: updatedAt.toISOString(),
    };
  }

  /**
   * Erases one value of the owner, or all: the data keys are destroyed first (from then on the value is
   * unreadable, in this database and in every backup of it), then the ciphertexts are deleted.
   */
  async function erase(owner: Address, attributeId?: number): Promise<number> {
    const destroyed = await keys.destroy(owner, attributeId);
    const where =
      attributeId === undefined
        ? eq(attributeValues.owner, owner)
        : and(eq(attributeValues.owner, owner), eq(attributeValues.attributeId, attributeId));
    const deleted = await db.delete(attributeValues).where(where).returning({ id: attributeValues.attributeId });
    return Math.max(destroyed, deleted.length);
  }

  return { read, readOne, record, set, erase };
}
export type ValueStore = ReturnType<typeof valueStore>;
