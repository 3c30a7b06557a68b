import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";

/** A drizzle database over either engine: the socket's code never asks which. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** A transaction of a {Db}. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The rows of a raw query (both drivers answer `{ rows }`). */
export async function rowsOf<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows?: T[] };
  return result.rows ?? [];
}

/** An open database and how to close it. */
export interface Database {
  db: Db;
  engine: "pglite" | "postgres";
  /** The PGlite instance (for dumps in tests and backups); undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

const MIGRATIONS = path.resolve(import.meta.dirname, "..", "..", "migrations");

/** Where the database is: a PostgreSQL URL, or a PGlite data folder. */
export type DatabaseTarget = { url: string } | { dir: string };

/** Opens a database and brings schema `kind` ("data" → socket, "keys" → socket_keys) up to date. */
export async function openDatabase(target: DatabaseTarget, kind: "data" | "keys"): Promise<Database> {
  let database: Database;
  if ("url" in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // A pool reports errors of idle connections here; without a listener they would end the process.
    pool.on("error", (error) => console.error(`weconet-socket: PostgreSQL connection error: ${error.message}`));
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end();
      throw new Error(`cannot connect to PostgreSQL (${redact(target.url)}): ${(error as Error).message}`, {
        cause: error,
      });
    }
    database = { db: drizzlePg(pool) as unknown as Db, engine: "postgres", close: () => pool.end() };
  } else {
    mkdirSync(target.dir, { recursive: true });
    const client = await PGlite.create(target.dir);
    database = {
      db: drizzlePglite(client) as unknown as Db,
      engine: "pglite",
      pglite: client,
      close: () => client.close(),
    };
  }
  try {
    await migrate(database.db, kind);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** A URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return "(an unreadable DATABASE_URL)";
  }
}

/**
 * Applies the migrations of `kind` not applied yet, each in its own transaction, under an advisory lock so that
 * several socket processes starting against one PostgreSQL database migrate it once.
 */
async function migrate(db: Db, kind: "data" | "keys"): Promise<void> {
  const schema = kind === "data" ? "socket" : "socket_keys";
  const dir = path.join(MIGRATIONS, kind);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`weconet-socket-migrate-${schema}`}))`);
    await tx.execute(sql.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
    await tx.execute(
      sql.raw(
        `CREATE TABLE IF NOT EXISTS ${schema}.migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL)`,
      ),
    );
    const done = await rowsOf<{ name: string }>(tx, sql.raw(`SELECT name FROM ${schema}.migrations`));
    const applied = new Set(done.map((r) => r.name));
    for (const file of files) {
      if (applied.has(file)) continue;
      for (const statement of statementsOf(readFileSync(path.join(dir, file), "utf8"))) {
        await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`INSERT INTO ${sql.raw(schema)}.migrations (name, applied_at) VALUES (${file}, now())`);
    }
  });
}

/** The statements of a migration file: comments dropped, split at the semicolons that end a line. */
function statementsOf(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n")
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
