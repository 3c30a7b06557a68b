import type { AttributeDataType } from "@weconet/sdk";

/** A stored value in one line, for lists and receipts (apart from lib/values.ts: lists need no editor). */
export function formatValue(dataType: AttributeDataType, value: unknown): string {
  if (value === null || value === undefined) return "—";
  switch (dataType) {
    case "boolean":
      return value === true ? "yes" : value === false ? "no" : String(value);
    case "postal_address": {
      const v = value as Record<string, unknown>;
      return [v.street, [v.postalCode, v.city].filter(Boolean).join(" "), v.country].filter(Boolean).join(", ");
    }
    case "geo_location": {
      const v = value as Record<string, unknown>;
      return `${String(v.lat)}, ${String(v.lon)}`;
    }
    case "money": {
      const v = value as Record<string, unknown>;
      return `${String(v.amount)} ${String(v.currency)}`;
    }
    case "datetime":
      return typeof value === "string" ? new Date(value).toLocaleString() : String(value);
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}
