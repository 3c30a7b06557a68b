import type { WeconetContext } from "../client.js";
import { toWeconetError } from "../errors.js";
import { selectAll } from "../model/store.js";
import { readPoint } from "./rows.js";

/** Mirrors `ITaxonomy.Domain`. */
export const DOMAINS = ["person", "resource", "offer"] as const;
export type AttributeDomain = (typeof DOMAINS)[number];

/** Mirrors `ITaxonomy.DataType`. */
export const DATA_TYPES = [
  "class",
  "text",
  "integer",
  "decimal",
  "boolean",
  "date",
  "datetime",
  "duration",
  "email",
  "phone",
  "postal_address",
  "geo_location",
  "money",
  "url",
  "reference",
] as const;
export type AttributeDataType = (typeof DATA_TYPES)[number];

/** An attribute of the shared vocabulary. */
export interface Attribute {
  id: number;
  name: string;
  domain: AttributeDomain;
  dataType: AttributeDataType;
  /** The parent class (0 for none). */
  parent: number;
  deprecated: boolean;
}

/** The one builder of an {@link Attribute}: from an `attribute` row or `Taxonomy.attribute(id)`'s struct. */
export function toAttribute(
  id: number,
  raw: { name: string; domain: number; dataType: number; parent: number; deprecated: boolean },
): Attribute {
  return {
    id,
    name: raw.name,
    domain: DOMAINS[raw.domain] ?? "person",
    dataType: DATA_TYPES[raw.dataType] ?? "text",
    parent: raw.parent,
    deprecated: raw.deprecated,
  };
}

/** The id of an attribute given by id or by name. */
export async function attributeIdOf(ctx: WeconetContext, ref: number | string): Promise<number> {
  if (typeof ref === "number") return ref;
  if (/^\d+$/.test(ref)) return Number(ref);
  try {
    return await ctx.contracts.taxonomy.read.attributeId([ref]);
  } catch (error) {
    throw toWeconetError(error, `look up attribute "${ref}"`);
  }
}

/** The whole vocabulary (the `attribute` rows), by id. */
export async function listAttributes(ctx: WeconetContext): Promise<Attribute[]> {
  const { rows } = await readPoint(ctx);
  return (await selectAll(rows, "attribute")).map((row) => toAttribute(row.id, row));
}

/** A set of attributes given by id or name, as the contracts take it: ids, sorted, each once. */
export async function attributeSetOf(ctx: WeconetContext, refs: readonly (number | string)[]): Promise<number[]> {
  const ids = await Promise.all(refs.map((ref) => attributeIdOf(ctx, ref)));
  return [...new Set(ids)].sort((a, b) => a - b);
}
