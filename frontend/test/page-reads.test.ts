import { describe, expect, it } from "vitest";

import { hashQueryKey, listRead, pointRead, queryKeyOf } from "@/lib/page-reads";

describe("a read's query key and its hash (the same in the browser and on the server)", () => {
  it("keys a list by its options and a point read by its arguments", () => {
    expect(queryKeyOf(31337, listRead("offers", { all: true }))).toEqual(["weconet", 31337, "offers", { all: true }]);
    expect(queryKeyOf(31337, listRead("members"))).toEqual(["weconet", 31337, "members", {}]);
    expect(listRead("members").args).toEqual([]);
    expect(listRead("offers", { all: true }).args).toEqual([{ all: true }]);
    const proposal = pointRead("voteOf", [7n, "0x0000000000000000000000000000000000000001", undefined]);
    expect(queryKeyOf(1, proposal)).toEqual([
      "weconet",
      1,
      "voteOf",
      [7n, "0x0000000000000000000000000000000000000001", undefined],
    ]);
  });

  it("hashes bigints and ignores the order of an object's keys", () => {
    expect(hashQueryKey(["weconet", 1, "offer", [2n ** 70n]])).toBe('["weconet",1,"offer",["1180591620717411303424"]]');
    expect(hashQueryKey(["a", { b: 1, a: [{ d: 1, c: 2 }] }])).toBe(hashQueryKey(["a", { a: [{ c: 2, d: 1 }], b: 1 }]));
    expect(hashQueryKey(["a", { all: true }])).not.toBe(hashQueryKey(["a", { all: false }]));
  });
});
