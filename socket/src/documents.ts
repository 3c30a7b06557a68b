import { and, asc, eq } from "drizzle-orm";
import { getAddress, keccak256, type Address, type Hex } from "viem";

import type { Db } from "./db/open.js";
import { bookingDocuments, documents } from "./db/schema.js";
import { ApiError } from "./errors.js";

/** The largest document the socket keeps. */
export const MAX_DOCUMENT_BYTES = 256 * 1024;

const HASH = /^0x[0-9a-fA-F]{64}$/;

/** A `bytes32` content hash from a path, lower-case, or `malformed_hash`. */
export function contentHashOf(text: string): Hex {
  if (!HASH.test(text)) throw new ApiError("malformed_hash", `"${text}" is not a content hash (0x and 64 hex digits)`);
  return text.toLowerCase() as Hex;
}

function verified(hash: Hex, bytes: Uint8Array): void {
  const actual = keccak256(bytes);
  if (actual !== hash) throw new ApiError("hash_mismatch", `the document's keccak256 is ${actual}, not ${hash}`);
}

/**
 * Content-addressed documents: the bytes are checked against their keccak256 when written and again when read,
 * so a document served is always the one its hash names. Booking documents are kept apart from public ones.
 */
export function documentStore(db: Db) {
  return {
    async put(hash: Hex, bytes: Uint8Array, contentType: string, author: Address): Promise<{ created: boolean }> {
      if (bytes.length > MAX_DOCUMENT_BYTES)
        throw new ApiError("too_large", `the document has ${bytes.length} bytes; at most ${MAX_DOCUMENT_BYTES}`);
      verified(hash, bytes);
      const inserted = await db
        .insert(documents)
        .values({ hash, contentType, size: bytes.length, content: bytes, author, at: new Date() })
        .onConflictDoNothing()
        .returning({ hash: documents.hash });
      return { created: inserted.length > 0 };
    },
    async get(hash: Hex): Promise<{ bytes: Uint8Array; contentType: string }> {
      const [row] = await db.select().from(documents).where(eq(documents.hash, hash));
      if (row === undefined) throw new ApiError("not_found", `no document ${hash} here`);
      verified(hash, row.content);
      return { bytes: row.content, contentType: row.contentType };
    },
    async putForBooking(bookingId: bigint, hash: Hex, bytes: Uint8Array, contentType: string, author: Address) {
      if (bytes.length > MAX_DOCUMENT_BYTES)
        throw new ApiError("too_large", `the document has ${bytes.length} bytes; at most ${MAX_DOCUMENT_BYTES}`);
      verified(hash, bytes);
      const inserted = await db
        .insert(bookingDocuments)
        .values({
          bookingId: bookingId.toString(),
          hash,
          contentType,
          size: bytes.length,
          content: bytes,
          author,
          at: new Date(),
        })
        .onConflictDoNothing()
        .returning({ hash: bookingDocuments.hash });
      return { created: inserted.length > 0 };
    },
    async getForBooking(bookingId: bigint, hash: Hex) {
      const [row] = await db
        .select()
        .from(bookingDocuments)
        .where(and(eq(bookingDocuments.bookingId, bookingId.toString()), eq(bookingDocuments.hash, hash)));
      if (row === undefined) throw new ApiError("not_found", `booking ${bookingId} has no document ${hash}`);
      verified(hash, row.content);
      return { bytes: row.content, contentType: row.contentType };
    },
    async listForBooking(bookingId: bigint) {
      const rows = await db
        .select({
          hash: bookingDocuments.hash,
          size: bookingDocuments.size,
          author: bookingDocuments.author,
          at: bookingDocuments.at,
        })
        .from(bookingDocuments)
        .where(eq(bookingDocuments.bookingId, bookingId.toString()))
        .orderBy(asc(bookingDocuments.at));
      return rows.map((r) => ({
        hash: r.hash as Hex,
        size: r.size,
        author: getAddress(r.author),
        at: r.at.toISOString(),
      }));
    },
  };
}
export type DocumentStore = ReturnType<typeof documentStore>;
