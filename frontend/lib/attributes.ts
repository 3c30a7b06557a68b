import type { Attribute } from "@weconet/sdk";

/**
 * The attributes a member can share (a connection) or an application can ask for: active person attributes that
 * carry a value (not classes). AccessGrants refuses any other.
 */
export function shareableAttributes(attributes: readonly Attribute[]): Attribute[] {
  return attributes.filter((a) => a.domain === "person" && !a.deprecated && a.dataType !== "class");
}

/** Whether every id is shareable (and there is at least one), for the forms' checks. */
export function attributeSetProblem(
  ids: readonly number[],
  attributes: readonly Attribute[],
): "empty" | "unusable" | undefined {
  if (ids.length === 0) return "empty";
  const usable = new Set(shareableAttributes(attributes).map((a) => a.id));
  return ids.some((id) => !usable.has(id)) ? "unusable" : undefined;
}

/** Attribute ids as their taxonomy names. */
export function attributeNames(ids: readonly number[], attributes: readonly Attribute[]): string {
  return ids.map((id) => attributes.find((a) => a.id === id)?.name ?? `#${id}`).join(", ");
}
