import { DATA_TYPES, encodedValueSize, MAX_VALUE_BYTES, validateValue, type AttributeDataType } from "@weconet/sdk";
import { describe, expect, it } from "vitest";

/** The SDK's value rules (sdk/src/socket/values.ts), which the socket, the dApp and the CLI share. */
describe("validateValue", () => {
  const good: [AttributeDataType, unknown, unknown][] = [
    ["text", "  Lars  ", "Lars"],
    ["reference", "urn:isbn:9780", "urn:isbn:9780"],
    ["email", "lars@example.org", "lars@example.org"],
    ["phone", "+31 (0)20-123 4567", "+31 (0)20-123 4567"],
    ["url", "https://weconet.example/x", "https://weconet.example/x"],
    ["date", "2024-02-29", "2024-02-29"],
    ["datetime", "2026-12-01T18:30:00Z", "2026-12-01T18:30:00Z"],
    ["datetime", "2026-12-01T18:30:00.250+01:00", "2026-12-01T18:30:00.250+01:00"],
    ["duration", "P1Y2M10DT2H30M", "P1Y2M10DT2H30M"],
    ["duration", "PT15M", "PT15M"],
    ["integer", 42, 42],
    ["integer", "-123456789012345678901234567890", "-123456789012345678901234567890"],
    ["decimal", "12.50", "12.50"],
    ["boolean", false, false],
    [
      "postal_address",
      { street: "Dam 1", postalCode: "1012 JS", city: "Amsterdam", country: "nl" },
      { street: "Dam 1", postalCode: "1012 JS", city: "Amsterdam", country: "NL" },
    ],
    ["geo_location", { lat: 52.37, lon: 4.89 }, { lat: 52.37, lon: 4.89 }],
    ["money", { amount: "12.50", currency: "eur" }, { amount: "12.50", currency: "EUR" }],
  ];
  it.each(good)("accepts a %s (%j) and stores it normalised", (type, value, stored) => {
    expect(validateValue(type, value)).toEqual({ ok: true, value: stored });
  });

  const bad: [AttributeDataType, unknown, RegExp][] = [
    ["class", "x", /class attribute holds no value/],
    ["text", "   ", /must not be empty/],
    ["text", 5, /must be a string/],
    ["email", "lars.example.org", /not an email address/],
    ["phone", "call me", /not a phone number/],
    ["url", "ftp://example.org", /http:\/\/ or https:\/\//],
    ["url", "not a url", /not a URL/],
    ["date", "2023-02-29", /real date/],
    ["date", "01-02-2023", /real date/],
    ["datetime", "2026-12-01 18:30", /ISO 8601/],
    ["duration", "P", /ISO 8601/],
    ["duration", "1 day", /ISO 8601/],
    ["integer", 1.5, /whole number/],
    ["integer", "12a", /decimal digits/],
    ["decimal", 12.5, /string such as "12.50"/],
    ["boolean", "true", /true or false/],
    ["postal_address", "Dam 1, Amsterdam", /object \{ street, postalCode, city, country \}/],
    ["postal_address", { street: "Dam 1", postalCode: "1012", city: "A", country: "Netherlands" }, /ISO 3166/],
    [
      "postal_address",
      { street: "Dam 1", postalCode: "1012", city: "A", country: "NL", extra: 1 },
      /unknown fields: extra/,
    ],
    ["postal_address", { street: "Dam 1", city: "A", country: "NL" }, /postalCode must be a string/],
    ["geo_location", { lat: 91, lon: 0 }, /lat must be a number from -90 to 90/],
    ["geo_location", { lat: 0, lon: "4" }, /lon must be a number/],
    ["money", { amount: 12.5, currency: "EUR" }, /amount must be a string/],
    ["money", { amount: "12.50", currency: "euro" }, /ISO 4217/],
  ];
  it.each(bad)("refuses a %s given %j", (type, value, message) => {
    const check = validateValue(type, value);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });

  it("covers every data type of the taxonomy", () => {
    const covered = new Set([...good, ...bad].map(([type]) => type));
    expect([...DATA_TYPES].filter((t) => !covered.has(t))).toEqual([]);
  });

  it("measures a value as its JSON in UTF-8", () => {
    expect(encodedValueSize("é")).toBe(4);
    expect(MAX_VALUE_BYTES).toBe(4096);
  });
});
