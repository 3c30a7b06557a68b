import type { AttributeDataType } from "../reads/taxonomy.js";

/**
 * The value shapes of the taxonomy's data types, as the socket stores them and the dApp's inputs produce them. One
 * home for the rule: the service validates every write with {validateValue}, the dApp and the CLI check their
 * inputs with the same function before they send anything.
 */
export type ValueCheck = { ok: true; value: unknown } | { ok: false; message: string };

/** The most bytes a value takes once encoded as JSON (UTF-8); the socket refuses larger ones with `too_large`. */
export const MAX_VALUE_BYTES = 4096;

/** The bytes of `value` as the socket stores it: its JSON text in UTF-8. */
export function encodedValueSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

const fail = (message: string): ValueCheck => ({ ok: false, message });
const ok = (value: unknown): ValueCheck => ({ ok: true, value });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// ISO 8601 date and time with seconds and an offset (Z or ±hh:mm), fractions optional.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
// ISO 8601 durations such as P1Y2M10DT2H30M or PT15M or P2W.
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// E.164-like: an optional +, digits with spaces, dashes, dots or parentheses between them.
const PHONE = /^\+?[0-9][0-9 ().-]{4,30}$/;
const INTEGER = /^-?\d{1,78}$/;
const DECIMAL = /^-?\d{1,60}(\.\d{1,18})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function realDate(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function text(value: unknown, label: string, max = 1000): ValueCheck {
  if (typeof value !== "string") return fail(`${label} must be a string`);
  const trimmed = value.trim();
  if (trimmed === "") return fail(`${label} must not be empty`);
  if (trimmed.length > max) return fail(`${label} is longer than ${max} characters`);
  return ok(trimmed);
}

/** Only the listed keys, each a non-empty string. */
function stringFields(value: unknown, label: string, keys: readonly string[]): ValueCheck {
  if (!isRecord(value)) return fail(`${label} must be an object { ${keys.join(", ")} }`);
  const extra = Object.keys(value).filter((k) => !keys.includes(k));
  if (extra.length > 0) return fail(`${label} has unknown fields: ${extra.join(", ")}`);
  const out: Record<string, string> = {};
  for (const key of keys) {
    const field = text(value[key], `${label}.${key}`, 200);
    if (!field.ok) return field;
    out[key] = field.value as string;
  }
  return ok(out);
}

/**
 * Checks `value` against `dataType` and returns it in its stored form (trimmed text, a normalised number string,
 * an upper-case currency), or says what is wrong. Class attributes hold no value.
 */
export function validateValue(dataType: AttributeDataType, value: unknown): ValueCheck {
  switch (dataType) {
    case "class":
      return fail("a class attribute holds no value (use one of its sub-attributes)");
    case "text":
    case "reference":
      return text(value, dataType === "text" ? "a text" : "a reference");
    case "email": {
      const t = text(value, "an email address", 254);
      if (!t.ok) return t;
      return EMAIL.test(t.value as string) ? t : fail(`"${String(value)}" is not an email address`);
    }
    case "phone": {
      const t = text(value, "a phone number", 32);
      if (!t.ok) return t;
      return PHONE.test(t.value as string) ? t : fail(`"${String(value)}" is not a phone number`);
    }
    case "url": {
      const t = text(value, "a URL", 2000);
      if (!t.ok) return t;
      try {
        const url = new URL(t.value as string);
        if (url.protocol !== "http:" && url.protocol !== "https:")
          return fail("a URL must start with http:// or https://");
      } catch {
        return fail(`"${String(value)}" is not a URL`);
      }
      return t;
    }
    case "date":
      return typeof value === "string" && realDate(value) ? ok(value) : fail("a date must be a real date YYYY-MM-DD");
    case "datetime":
      return typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? ok(value)
        : fail("a date-time must be ISO 8601 with an offset, e.g. 2026-12-01T18:30:00Z");
    case "duration":
      return typeof value === "string" && DURATION.test(value)
        ? ok(value)
        : fail("a duration must be ISO 8601, e.g. P1D or PT2H30M");
    case "integer":
      if (typeof value === "number") {
        return Number.isSafeInteger(value) ? ok(value) : fail("an integer must be a whole number (or a digit string)");
      }
      return typeof value === "string" && INTEGER.test(value)
        ? ok(value)
        : fail("an integer must be a whole number or a string of decimal digits");
    case "decimal":
      return typeof value === "string" && DECIMAL.test(value)
        ? ok(value)
        : fail('a decimal must be a string such as "12.50"');
    case "boolean":
      return typeof value === "boolean" ? ok(value) : fail("a boolean must be true or false");
    case "postal_address": {
      const address = stringFields(value, "a postal address", ["street", "postalCode", "city", "country"]);
      if (!address.ok) return address;
      const fields = address.value as Record<string, string>;
      const country = (fields.country ?? "").toUpperCase();
      if (!COUNTRY.test(country)) return fail("a postal address's country must be an ISO 3166 code such as NL");
      return ok({ ...fields, country });
    }
    case "geo_location": {
      if (!isRecord(value) || Object.keys(value).some((k) => k !== "lat" && k !== "lon")) {
        return fail("a location must be an object { lat, lon }");
      }
      const { lat, lon } = value;
      if (typeof lat !== "number" || !Number.isFinite(lat) || lat < -90 || lat > 90) {
        return fail("a location's lat must be a number from -90 to 90");
      }
      if (typeof lon !== "number" || !Number.isFinite(lon) || lon < -180 || lon > 180) {
        return fail("a location's lon must be a number from -180 to 180");
      }
      return ok({ lat, lon });
    }
    case "money": {
      if (!isRecord(value) || Object.keys(value).some((k) => k !== "amount" && k !== "currency")) {
        return fail('an amount of money must be an object { amount: "12.50", currency: "EUR" }');
      }
      const { amount, currency } = value;
      if (typeof amount !== "string" || !DECIMAL.test(amount))
        return fail('money\'s amount must be a string such as "12.50"');
      if (typeof currency !== "string" || !CURRENCY.test(currency.toUpperCase())) {
        return fail("money's currency must be an ISO 4217 code such as EUR");
      }
      return ok({ amount, currency: currency.toUpperCase() });
    }
  }
}
