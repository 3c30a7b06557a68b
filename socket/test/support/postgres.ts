import { randomBytes } from "node:crypto";

import pg from "pg";
import { inject } from "vitest";

/** The test PostgreSQL server, or why there is none (see postgres-setup.ts). */
export const postgres = inject("postgres");
export const postgresSkipped = "skipped" in postgres ? postgres.skipped : undefined;

/** The engines the socket's API tests run against. */
export const ENGINES = ["pglite", "postgres"] as const;
export type Engine = (typeof ENGINES)[number];

/** A fresh, empty database on the test server; returns its URL. */
export async function createDatabase(label: string): Promise<string> {
  if ("skipped" in postgres) throw new Error(postgres.skipped);
  const name = `${label}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${postgres.url}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return `${postgres.url}/${name}`;
}

/** A data database and a separate key-store database for one socket. */
export async function createSocketDatabases(): Promise<{ dataUrl: string; keysUrl: string }> {
  return { dataUrl: await createDatabase("socket_data"), keysUrl: await createDatabase("socket_keys") };
}
