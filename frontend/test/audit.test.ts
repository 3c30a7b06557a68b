import { describe, expect, it } from "vitest";

import { CSV_HEADER } from "@weconet/sdk";

import { auditFilterOf, EMPTY_AUDIT_FORM, toCsvFile, toJsonFile } from "@/lib/audit";

describe("the audit page's filter", () => {
  it("an empty form filters nothing", () => {
    expect(auditFilterOf(EMPTY_AUDIT_FORM)).toEqual({ filter: {}, errors: {} });
  });
  it("fills the SDK's filter from the form", () => {
    expect(
      auditFilterOf({
        account: " 0x976EA74026E726554dB657fA54763abd0C3a0aa9 ",
        contract: "WeconetGovernor",
        event: "VoteCast",
        attribute: "4",
        proposal: "123456789012345678901234567890",
        resource: "2",
      }),
    ).toEqual({
      filter: {
        accounts: ["0x976EA74026E726554dB657fA54763abd0C3a0aa9"],
        contracts: ["WeconetGovernor"],
        events: ["VoteCast"],
        attributes: [4],
        proposals: [123456789012345678901234567890n],
        resources: [2n],
      },
      errors: {},
    });
  });
  it("says what is wrong with each field", () => {
    const { errors } = auditFilterOf({ ...EMPTY_AUDIT_FORM, account: "alice", attribute: "x", resource: "1.5" });
    expect(errors).toEqual({
      account: "Not an address (0x followed by 40 hexadecimal digits).",
      attribute: "A whole number.",
      resource: "A whole number.",
    });
  });
  it("exports an empty selection as a header-only CSV and an empty JSON array", () => {
    expect(toCsvFile([])).toBe(`${CSV_HEADER}\n`);
    expect(JSON.parse(toJsonFile([]))).toEqual([]);
  });
});
