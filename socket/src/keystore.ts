import { and, eq } from "drizzle-orm";

import { newDataKey, unwrapDataKey, wrapDataKey, wrappingKeyOf } from "./crypto.js";
import type { Db } from "./db/open.js";
import { ownerAttributeIn } from "./db/pairs.js";
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
      return (await this.getMany([{ owner, attributeId }]))[0];
    },
    /** The data keys of several (owner, attribute) pairs, in their order; those not cached come in one query. */
    async getMany(pairs: readonly { owner: string; attributeId: number }[]): Promise<(Uint8Array | undefined)[]> {
      const now = Date.now();
      const fresh = (p: { owner: string; attributeId: number }) => {
        const cached = recent.get(cacheKey(p.owner, p.attributeId));
        return cached !== undefined && cached.at + KEY_CACHE_MS >= now ? cached.key : undefined;
      };
      const missing = pairs.filter((p) => fresh(p) === undefined);
      if (missing.length > 0) {
        const rows = await db
          .select()
          .from(dataKeys)
          .where(ownerAttributeIn(dataKeys.owner, dataKeys.attributeId, missing));
        for (const p of missing) recent.delete(cacheKey(p.owner, p.attributeId));
        if (recent.size + rows.length > KEY_CACHE_SIZE) recent.clear();
        for (const row of rows) {
          const key = unwrapDataKey(wrappingKey, row.owner, row.attributeId, row);
          recent.set(cacheKey(row.owner, row.attributeId), { key, at: now });
        }
      }
      return pairs.map((p) => recent.get(cacheKey(p.owner, p.attributeId))?.key);
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
