import type { WeconetContext } from "../client.js";
import { toWeconetError, WeconetError } from "../errors.js";
import { selectAll } from "../model/store.js";
import { enumWords } from "../vocabulary.js";
import { readPoint } from "./rows.js";

/** Attribute domains, in the order of `ITaxonomy.Domain`. */
export const DOMAINS = enumWords("ITaxonomy.Domain");
export type AttributeDomain = (typeof DOMAINS)[number];

/** Attribute data types, in the order of `ITaxonomy.DataType` (`PostalAddress` as "postal_address"). */
export const DATA_TYPES = enumWords("ITaxonomy.DataType");
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

/** A value a newer taxonomy has and this SDK's build does not know: rebuild the SDK from the contracts. */
function unknownValue(id: number, what: string, value: number): never {
  throw new WeconetError(`attribute ${id} has ${what} ${value}, which this SDK does not know: update the SDK`);
}

/** The one builder of an {@link Attribute}: from an `attribute` row or `Taxonomy.attribute(id)`'s struct. */
export function toAttribute(
  id: number,
  raw: { name: string; domain: number; dataType: number; parent: number; deprecated: boolean },
): Attribute {
  return {
    id,
    name: raw.name,
    domain: DOMAINS[raw.domain] ?? unknownValue(id, "domain", raw.domain),
    dataType: DATA_TYPES[raw.dataType] ?? unknownValue(id, "data type", raw.dataType),
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
