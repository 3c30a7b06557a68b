import { and, eq } from "drizzle-orm";

import { newDataKey, unwrapDataKey, wrapDataKey, wrappingKeyOf } from "./crypto.js";
import type { Db } from "./db/open.js";
import { dataKeys } from "./db/schema.js";

const KEY_CACHE_MS = 2000;
const KEY_CACHE_SIZE = 10_000;

/**
 * The key store: data keys, wrapped, in their own database (schema socket_keys). Erasing deletes them here first,
 * which is what makes an erased value unreadable in every copy of the data database (crypto-shredding).
 */
export function keyStore(db: Db, masterKey: Uint8Array) {
  const wrappingKey = wrappingKeyOf(masterKey);
  // Keys unwrapped in the last moment, so that a burst of reads does not fetch and unwrap each again. An erasure
  // here drops them at once; one by another process sharing the key store is seen within KEY_CACHE_MS (its
  // values' rows are deleted right after their keys, so nothing is left to open meanwhile).
  const recent = new Map<string, { key: Uint8Array; at: number }>();
  const cacheKey = (owner: string, attributeId: number) => `${owner}|${attributeId}`;
  return {
    /** The data key of (owner, attribute), or undefined when there is none (never written, or erased). */
    async get(owner: string, attributeId: number): Promise<Uint8Array | undefined> {
      const cached = recent.get(cacheKey(owner, attributeId));
      if (cached !== undefined && cached.at + KEY_CACHE_MS >= Date.now()) return cached.key;
      const rows = await db
        .select()
        .from(dataKeys)
        .where(and(eq(dataKeys.owner, owner), eq(dataKeys.attributeId, attributeId)));
      const row = rows[0];
      if (row === undefined) {
        recent.delete(cacheKey(owner, attributeId));
        return undefined;
      }
      const key = unwrapDataKey(wrappingKey, owner, attributeId, row);
      if (recent.size >= KEY_CACHE_SIZE) recent.clear();
      recent.set(cacheKey(owner, attributeId), { key, at: Date.now() });
      return key;
    },
    /** The data key of (owner, attribute), made and stored first when there is none. */
    async getOrCreate(owner: string, attributeId: number): Promise<Uint8Array> {
      const key = newDataKey();
      const sealed = wrapDataKey(wrappingKey, owner, attributeId, key);
      // Two processes may race to create the key: the first insert wins and both use the stored one.
      await db
        .insert(dataKeys)
        .values({ owner, attributeId, ...sealed, createdAt: new Date() })
        .onConflictDoNothing();
      const stored = await this.get(owner, attributeId);
      if (stored === undefined) throw new Error(`the key store lost the data key of ${owner}/${attributeId}`);
      return stored;
    },
    /** Destroys the data key of one attribute of the owner, or all of the owner's; returns how many. */
    async destroy(owner: string, attributeId?: number): Promise<number> {
      for (const k of [...recent.keys()]) {
        if (attributeId === undefined ? k.startsWith(`${owner}|`) : k === cacheKey(owner, attributeId))
          recent.delete(k);
      }
      const where =
        attributeId === undefined
          ? eq(dataKeys.owner, owner)
          : and(eq(dataKeys.owner, owner), eq(dataKeys.attributeId, attributeId));
      const deleted = await db.delete(dataKeys).where(where).returning({ attributeId: dataKeys.attributeId });
      return deleted.length;
    },
  };
}
export type KeyStore = ReturnType<typeof keyStore>;
