import { param, sql, type Column, type SQL } from "drizzle-orm";

/**
 * `(owner, attributeId) in pairs` as one condition with two array parameters, whatever the number of pairs: a
 * batch of lookups then costs one short statement instead of a clause (and two parameters) per pair.
 */
export function ownerAttributeIn(
  owner: Column,
  attributeId: Column,
  pairs: readonly { owner: string; attributeId: number }[],
): SQL {
  return sql`(${owner}, ${attributeId}) in (select * from unnest(${param(pairs.map((p) => p.owner))}::text[], ${param(pairs.map((p) => p.attributeId))}::integer[]))`;
}
