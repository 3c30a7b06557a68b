/**
 * Ponder's schema, generated from the SDK's table description (`MODEL_TABLES`): the tables exist in one place only.
 * `generateSchema` writes ponder.schema.ts before Ponder runs (scripts/run.ts, `npm run codegen`; not committed).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { MODEL_TABLES, type ColumnKind, type TableSpec } from "@weconet/sdk";

/** The indexer's workspace (Ponder's root) and the repository. */
export const INDEXER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPO_ROOT = path.resolve(INDEXER_ROOT, "..");

/**
 * The Ponder column builder of each kind. `int` (uint8..uint48) is stored as `numeric(15, 0)` — exact, served as
 * a GraphQL Float — and not as PostgreSQL's `integer`: a uint48 someone chooses (a market request's deadline) does
 * not fit 32 bits, and neither PostgreSQL's `integer` nor GraphQL's `Int` would hold it.
 */
const BUILDERS = {
  address: "t.hex()",
  hex: "t.hex()",
  bigint: "t.bigint()",
  int: 't.numeric({ mode: "number", precision: 15, scale: 0 })',
  bool: "t.boolean()",
  text: "t.text()",
  "int[]": 't.numeric({ mode: "number", precision: 15, scale: 0 }).array()',
  "bigint[]": "t.bigint().array()",
  "address[]": "t.hex().array()",
  "hex[]": "t.hex().array()",
} as const satisfies Record<string, string>;

type Base = keyof typeof BUILDERS;

function builderOf(table: string, column: string, kind: ColumnKind): string {
  const nullable = kind.endsWith("?");
  const base = (nullable ? kind.slice(0, -1) : kind) as Base;
  const builder: string | undefined = BUILDERS[base];
  if (builder === undefined)
    throw new Error(`weconet indexer: ${table}.${column} has a kind Ponder cannot store: ${kind}`);
  return nullable ? builder : `${builder}.notNull()`;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Columns worth an index beyond the key: those lists are filtered by — the accounts (members, owners, providers, …),
 * the statuses and the ids of other records (a booking's offer). Ponder creates them after the historical backfill,
 * so they cost nothing while it catches up.
 */
function indexed(spec: TableSpec, column: string): boolean {
  // A table keyed by one text column holds a handful of rows (settings, change).
  if (spec.key.length === 1 && spec.key[0] !== undefined && spec.columns[spec.key[0]] === "text") return false;
  if (spec.key[0] === column) return false;
  const kind = spec.columns[column];
  return kind === "address" || column === "status" || (kind === "bigint" && column.endsWith("Id"));
}

/** The text of ponder.schema.ts for `tables`; `fingerprint` names the reducers' build (see scripts/generate-schema.ts). */
export function renderSchema(tables: Readonly<Record<string, TableSpec>>, fingerprint: string): string {
  const parts: string[] = [];
  for (const [table, spec] of Object.entries(tables)) {
    if (!IDENTIFIER.test(table)) throw new Error(`weconet indexer: "${table}" cannot be a table name`);
    const columns = Object.entries(spec.columns);
    for (const column of spec.key) {
      if (spec.columns[column] === undefined) throw new Error(`weconet indexer: ${table}'s key ${column} is no column`);
    }
    const single = spec.key.length === 1 ? spec.key[0] : undefined;
    const lines = columns.map(([column, kind]) => {
      if (!IDENTIFIER.test(column)) throw new Error(`weconet indexer: "${table}.${column}" cannot be a column name`);
      const builder = builderOf(table, column, kind);
      return `    ${column}: ${column === single ? `${builder}.primaryKey()` : builder},`;
    });
    const extras: string[] = [];
    if (single === undefined) {
      extras.push(`    pk: primaryKey({ columns: [${spec.key.map((c) => `table.${c}`).join(", ")}] }),`);
    }
    for (const [column] of columns) {
      if (indexed(spec, column))
        extras.push(`    ${column}Index: index("${table}_${column}_index").on(table.${column}),`);
    }
    const extra = extras.length === 0 ? "" : `,\n  (table) => ({\n${extras.join("\n")}\n  })`;
    parts.push(
      `export const ${table} = onchainTable(\n  "${table}",\n  (t) => ({\n${lines.join("\n")}\n  })${extra},\n);`,
    );
  }
  return [
    "// Generated from the SDK's MODEL_TABLES (sdk/src/model/tables.ts) by indexer/scripts/generate-schema.ts before",
    "// Ponder runs. Do not edit; not committed.",
    `// Reducers' fingerprint: ${fingerprint} (a new one makes a new Ponder build: it never resumes from rows folded`,
    "// by other reducers).",
    'import { index, onchainTable, primaryKey } from "ponder";',
    "",
    ...parts.flatMap((p) => [p, ""]),
  ].join("\n");
}

/** Every TypeScript file under `dir`, in a stable order. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * A hash of what folds events into rows: the SDK's sources (reducers, event decoding, vocabularies, ABIs) and
 * indexer/lib. Ponder's build id hashes the schema file and src/, not the modules they import: written into the
 * schema, this makes a changed reducer a new build, which never resumes from rows the old one folded.
 */
export function reducersFingerprint(): string {
  const hash = createHash("sha256");
  for (const file of [...sources(path.join(REPO_ROOT, "sdk", "src")), ...sources(path.join(INDEXER_ROOT, "lib"))]) {
    hash.update(path.relative(REPO_ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Writes ponder.schema.ts from MODEL_TABLES (unchanged files are left alone); returns its path. */
export function generateSchema(): string {
  const file = path.join(INDEXER_ROOT, "ponder.schema.ts");
  const text = renderSchema(MODEL_TABLES, reducersFingerprint());
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current !== text) writeFileSync(file, text);
  return file;
}
