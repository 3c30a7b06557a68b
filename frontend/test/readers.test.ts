import { describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";

import type { ConnectionView } from "@weconet/sdk";

import { readersByAttribute } from "@/lib/readers";

const alice = "0x00000000000000000000000000000000000000a1" as Address;
const carol = "0x00000000000000000000000000000000000000c3" as Address;

function connection(over: Partial<ConnectionView>): ConnectionView {
  return {
    grantee: alice,
    granteeKind: "member",
    state: "live",
    source: "own",
    purpose: "0x01" as Hex,
    purposeText: "courier-delivery",
    expiresAt: 2_000,
    attributeIds: [4],
    authorizedAttributes: [4],
    ...over,
  } as ConnectionView;
}

describe("who may read my values now", () => {
  it("lists the live consents per attribute that authorizes now", () => {
    const readers = readersByAttribute([
      connection({ attributeIds: [4, 6], authorizedAttributes: [4, 6] }),
      connection({
        grantee: carol,
        source: "booking",
        purposeText: null,
        attributeIds: [5],
        authorizedAttributes: [5],
      }),
    ]);
    expect(readers.get(4)).toEqual([
      { grantee: alice, kind: "member", source: "own", purpose: "0x01", expiresAt: 2_000 },
    ]);
    expect(readers.get(6)?.map((r) => r.grantee)).toEqual([alice]);
    expect(readers.get(5)).toEqual([
      { grantee: carol, kind: "member", source: "booking", purpose: "0x01", expiresAt: 2_000 },
    ]);
  });

  it("leaves out closed and expired consents and attributes that do not authorize now", () => {
    const readers = readersByAttribute([
      connection({ state: "closed" }),
      connection({ grantee: carol, state: "expired" }),
      // A suspended grantee or a deprecated attribute: agreed, but not authorized now.
      connection({ attributeIds: [7, 8], authorizedAttributes: [8] }),
    ]);
    expect(readers.get(4)).toBeUndefined();
    expect(readers.get(7)).toBeUndefined();
    expect(readers.get(8)?.map((r) => r.grantee)).toEqual([alice]);
  });
});
