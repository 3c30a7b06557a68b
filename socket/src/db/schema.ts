import { sql } from "drizzle-orm";
import { bigint, customType, integer, pgSchema, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The socket's tables (drizzle-orm), the same on PGlite and PostgreSQL. The data database holds schema `socket`;
 * the key store — the wrapped data keys, and nothing else — lives in schema `socket_keys` behind its own database
 * handle, so a backup of the data database never holds a key. The SQL that creates them is in ../../migrations.
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  // pg returns a Buffer (a Uint8Array subclass); PGlite a Uint8Array: both are used as they are.
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

export const socket = pgSchema("socket");
export const socketKeys = pgSchema("socket_keys");

/** SIWE nonces: issued, then deleted when used (so a nonce works once, across every socket process). */
export const nonces = socket.table("nonces", {
  nonce: text("nonce").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Sessions, by the SHA-256 of their token (the token itself is never stored). */
export const sessions = socket.table("sessions", {
  tokenHash: text("token_hash").primaryKey(),
  address: text("address").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Owners' values, each encrypted with its own data key (kept in the key store). */
export const attributeValues = socket.table(
  "attribute_values",
  {
    owner: text("owner").notNull(),
    attributeId: integer("attribute_id").notNull(),
    version: integer("version").notNull(),
    nonce: bytea("nonce").notNull(),
    ciphertext: bytea("ciphertext").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.attributeId] })],
);

/** The head of each owner's receipt chain; its row is locked while a receipt is appended. */
export const receiptHeads = socket.table("receipt_heads", {
  owner: text("owner").primaryKey(),
  count: integer("count").notNull(),
  hash: text("hash").notNull(),
  signature: text("signature"),
});

/** Access receipts, hash-chained per owner. */
export const receipts = socket.table(
  "receipts",
  {
    owner: text("owner").notNull(),
    seq: integer("seq").notNull(),
    grantee: text("grantee").notNull(),
    attributeId: integer("attribute_id").notNull(),
    connectionId: text("connection_id").notNull(),
    purpose: text("purpose"),
    block: bigint("block", { mode: "bigint" }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    decision: text("decision").notNull(),
    reason: text("reason"),
    prev: text("prev").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.seq] })],
);

/** Roots anchored on-chain, and the heads each covered (for owners' proofs). */
export const anchors = socket.table("anchors", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  root: text("root").notNull(),
  receipts: bigint("receipts", { mode: "bigint" }).notNull(),
  block: bigint("block", { mode: "bigint" }).notNull(),
  tx: text("tx").notNull(),
  at: timestamp("at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

export const anchorHeads = socket.table(
  "anchor_heads",
  {
    anchorId: integer("anchor_id").notNull(),
    owner: text("owner").notNull(),
    count: integer("count").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.anchorId, t.owner] })],
);

/** Public content-addressed documents. */
export const documents = socket.table("documents", {
  hash: text("hash").primaryKey(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  content: bytea("content").notNull(),
  author: text("author").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull(),
});

/** Documents of a booking (dispute statements, rulings), kept apart: never served as public documents. */
export const bookingDocuments = socket.table(
  "booking_documents",
  {
    bookingId: text("booking_id").notNull(),
    hash: text("hash").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    author: text("author").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.hash] })],
);

/** The key store: each (owner, attribute)'s data key, wrapped by the key derived from the master key. */
export const dataKeys = socketKeys.table(
  "data_keys",
  {
    owner: text("owner").notNull(),
    attributeId: integer("attribute_id").notNull(),
    nonce: bytea("nonce").notNull(),
    wrapped: bytea("wrapped").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.attributeId] })],
);

export const dataSchema = {
  nonces,
  sessions,
  attributeValues,
  receiptHeads,
  receipts,
  anchors,
  anchorHeads,
  documents,
  bookingDocuments,
};
export const keySchema = { dataKeys };
