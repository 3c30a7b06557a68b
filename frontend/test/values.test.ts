import { describe, expect, it } from "vitest";

import { draftOf, fieldsOf, formatValue, parseDraft } from "@/lib/values";

const address = { street: "Lindengracht 12", postalCode: "1015 KK", city: "Amsterdam", country: "NL" };

describe("typed value inputs", () => {
  it("gives each data type its inputs: one for most, one per part for the structured ones", () => {
    expect(fieldsOf("email")).toEqual([expect.objectContaining({ key: "value", type: "email" })]);
    expect(fieldsOf("date")[0]?.type).toBe("date");
    expect(fieldsOf("boolean")[0]?.options?.map((o) => o.value)).toEqual(["true", "false"]);
    expect(fieldsOf("postal_address").map((f) => f.key)).toEqual(["street", "postalCode", "city", "country"]);
    expect(fieldsOf("geo_location").map((f) => f.key)).toEqual(["lat", "lon"]);
    expect(fieldsOf("money").map((f) => f.key)).toEqual(["amount", "currency"]);
  });

  it("shows a stored value in its inputs, and an empty draft for none", () => {
    expect(draftOf("postal_address", address)).toEqual(address);
    expect(draftOf("postal_address", undefined)).toEqual({ street: "", postalCode: "", city: "", country: "" });
    expect(draftOf("geo_location", { lat: 52.1, lon: 5.1 })).toEqual({ lat: "52.1", lon: "5.1" });
    expect(draftOf("boolean", false)).toEqual({ value: "false" });
  });

  it("turns a draft into the socket's value shape, checked by the SDK's validator", () => {
    expect(parseDraft("postal_address", { ...address, street: " Lindengracht 12 " })).toEqual({
      ok: true,
      value: address,
    });
    expect(parseDraft("email", { value: "dave@example.org" })).toEqual({ ok: true, value: "dave@example.org" });
    expect(parseDraft("integer", { value: "42" })).toEqual({ ok: true, value: 42 });
    expect(parseDraft("boolean", { value: "true" })).toEqual({ ok: true, value: true });
    expect(parseDraft("geo_location", { lat: "52.09", lon: "5.12" })).toEqual({
      ok: true,
      value: { lat: 52.09, lon: 5.12 },
    });
    expect(parseDraft("date", { value: "1990-04-12" })).toEqual({ ok: true, value: "1990-04-12" });
  });

  it("says what is wrong with a bad draft, and that an empty one needs a value", () => {
    expect(parseDraft("email", { value: "" })).toEqual({ ok: false, error: "Enter a value first." });
    for (const [type, draft] of [
      ["email", { value: "not an e-mail address" }],
      ["integer", { value: "4.2" }],
      ["date", { value: "12 April 1990" }],
      ["geo_location", { lat: "north", lon: "5" }],
    ] as const) {
      const parsed = parseDraft(type, draft);
      expect(parsed.ok, `${type} ${JSON.stringify(draft)}`).toBe(false);
      if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(5);
    }
  });

  it("shows a value in one line", () => {
    expect(formatValue("postal_address", address)).toBe("Lindengracht 12, 1015 KK Amsterdam, NL");
    expect(formatValue("boolean", true)).toBe("yes");
    expect(formatValue("money", { amount: "12.50", currency: "EUR" })).toBe("12.50 EUR");
    expect(formatValue("geo_location", { lat: 52.1, lon: 5.1 })).toBe("52.1, 5.1");
    expect(formatValue("text", undefined)).toBe("—");
  });
});
