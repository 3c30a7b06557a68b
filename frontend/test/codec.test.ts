import { describe, expect, it } from "vitest";

import { decode, encode } from "@/lib/codec";

describe("the codec between the dApp's server and the browser", () => {
  it("keeps bigints, undefined, Maps and Sets, nested", () => {
    const value = {
      id: 2n ** 200n,
      negative: -5n,
      list: [1n, undefined, "x", null, 3],
      nested: { amount: 0n, none: undefined, flag: true },
      byToken: new Map([["0xabc", 7n]]),
      ids: new Set([1n, 2n]),
    };
    const back = decode(encode(value)) as typeof value;
    expect(back.id).toBe(2n ** 200n);
    expect(back.negative).toBe(-5n);
    expect(back.list).toEqual([1n, undefined, "x", null, 3]);
    expect(back.list[1]).toBeUndefined();
    expect(back.nested).toEqual({ amount: 0n, flag: true });
    expect("none" in back.nested).toBe(false);
    expect(back.byToken).toEqual(new Map([["0xabc", 7n]]));
    expect(back.ids).toEqual(new Set([1n, 2n]));
  });

  it("keeps a read that found nothing", () => {
    expect(decode(encode(undefined))).toBeUndefined();
    expect(decode(encode({ value: undefined }))).toEqual({});
    expect(decode(encode({ value: null }))).toEqual({ value: null });
  });

  it("refuses functions: a read's arguments are data", () => {
    expect(() => encode({ onProgress: () => undefined })).toThrow(/cannot send function "onProgress"/);
  });

  it("leaves plain JSON as JSON", () => {
    expect(encode({ a: 1, b: ["c"] })).toBe('{"a":1,"b":["c"]}');
    expect(decode('{"a":1}')).toEqual({ a: 1 });
  });

  it("says so when a tagged value is unknown", () => {
    expect(() => decode('{"__weconet":"date","v":"2026"}')).toThrow(/unknown tagged value "date"/);
  });
});
