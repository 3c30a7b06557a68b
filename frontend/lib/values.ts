import { validateValue, type AttributeDataType } from "@weconet/sdk";

export { formatValue } from "./format-value";

/**
 * The inputs a value of each data type is edited with: one field for most types, several for the structured ones
 * (PostalAddress, GeoLocation, Money). `type` is the HTML input's type; `options` makes it a choice.
 */
export interface ValueField {
  key: string;
  label: string;
  type: "text" | "email" | "tel" | "url" | "date" | "datetime-local" | "number";
  placeholder?: string;
  options?: readonly { value: string; label: string }[];
  inputMode?: "numeric" | "decimal";
}

/** What the member typed, per field key (always text: inputs give text). */
export type ValueDraft = Record<string, string>;

const one = (field: Omit<ValueField, "key" | "label"> & { label?: string }): ValueField[] => [
  { key: "value", label: field.label ?? "Value", ...field },
];

/** The fields of a data type's input. */
export function fieldsOf(dataType: AttributeDataType): ValueField[] {
  switch (dataType) {
    case "email":
      return one({ type: "email", placeholder: "name@example.org" });
    case "phone":
      return one({ type: "tel", placeholder: "+31 20 555 0100" });
    case "url":
      return one({ type: "url", placeholder: "https://…" });
    case "date":
      return one({ type: "date" });
    case "datetime":
      return one({ type: "datetime-local" });
    case "duration":
      return one({ type: "text", placeholder: "ISO 8601, e.g. PT2H30M or P3D" });
    case "integer":
      return one({ type: "text", inputMode: "numeric", placeholder: "e.g. 42" });
    case "decimal":
      return one({ type: "text", inputMode: "decimal", placeholder: "e.g. 12.50" });
    case "boolean":
      return one({
        type: "text",
        options: [
          { value: "true", label: "yes" },
          { value: "false", label: "no" },
        ],
      });
    case "postal_address":
      return [
        { key: "street", label: "Street and number", type: "text" },
        { key: "postalCode", label: "Postal code", type: "text" },
        { key: "city", label: "City", type: "text" },
        { key: "country", label: "Country", type: "text", placeholder: "e.g. NL" },
      ];
    case "geo_location":
      return [
        { key: "lat", label: "Latitude", type: "text", inputMode: "decimal", placeholder: "e.g. 52.37" },
        { key: "lon", label: "Longitude", type: "text", inputMode: "decimal", placeholder: "e.g. 4.89" },
      ];
    case "money":
      return [
        { key: "amount", label: "Amount", type: "text", inputMode: "decimal", placeholder: "e.g. 12.50" },
        { key: "currency", label: "Currency", type: "text", placeholder: "e.g. EUR" },
      ];
    default:
      return one({ type: "text" });
  }
}

/** The draft that shows a stored value (or an empty one). */
export function draftOf(dataType: AttributeDataType, value: unknown): ValueDraft {
  const fields = fieldsOf(dataType);
  if (value === undefined || value === null) return Object.fromEntries(fields.map((f) => [f.key, ""]));
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(fields.map((f) => [f.key, record[f.key] === undefined ? "" : String(record[f.key])]));
  }
  // datetime-local shows local time without seconds' zone: the stored ISO instant, in the browser's time zone.
  if (dataType === "datetime" && typeof value === "string") return { value: toLocalInput(value) };
  return { value: String(value) };
}

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value a draft stands for, in the shape the socket stores (see the SDK's value shapes). */
function valueOfDraft(dataType: AttributeDataType, draft: ValueDraft): unknown {
  const text = (key: string) => (draft[key] ?? "").trim();
  switch (dataType) {
    case "boolean":
      return text("value") === "true" ? true : text("value") === "false" ? false : text("value");
    case "integer": {
      const digits = text("value");
      const n = Number(digits);
      return /^-?\d+$/.test(digits) && Number.isSafeInteger(n) ? n : digits;
    }
    case "datetime": {
      const date = new Date(text("value"));
      return Number.isNaN(date.getTime()) ? text("value") : date.toISOString();
    }
    case "geo_location": {
      const number = (key: string) => (text(key) === "" ? text(key) : Number(text(key)));
      return { lat: number("lat"), lon: number("lon") };
    }
    case "postal_address":
    case "money":
      return Object.fromEntries(fieldsOf(dataType).map((f) => [f.key, text(f.key)]));
    default:
      return text("value");
  }
}

/**
 * The value of a draft, checked by the SDK's validator (the same one the socket applies) and in the form it stores
 * (trimmed, normalised), or what is wrong with it in words.
 */
export function parseDraft(
  dataType: AttributeDataType,
  draft: ValueDraft,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const fields = fieldsOf(dataType);
  if (fields.every((f) => (draft[f.key] ?? "").trim() === "")) return { ok: false, error: "Enter a value first." };
  const check = validateValue(dataType, valueOfDraft(dataType, draft));
  return check.ok ? { ok: true, value: check.value } : { ok: false, error: sentence(check.message) };
}

/** The validator's phrase as a sentence: capitalised, with a full stop. */
function sentence(phrase: string): string {
  const text = phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
