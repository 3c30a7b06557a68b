import { describe, expect, it } from "vitest";

import { formatRuleValue, parseRuleInput } from "@/lib/rules";

describe("rule values", () => {
  it.each([
    ["marketFeeBps", 150n, "1.5%"],
    ["marketFeeBps", 0n, "0%"],
    ["disputeWindow", 604_800n, "7 days"],
    ["maxGrantDuration", 90_000n, "1 day 1 hour"],
    ["admissionPolicy", 1n, "open (a leader admits each applicant)"],
    ["someNewRule", 42n, "42"],
  ])("shows %s = %s as %s", (name, value, text) => {
    expect(formatRuleValue(name, value)).toBe(text);
  });

  it.each([
    ["marketFeeBps", "2", 200n],
    ["marketFeeBps", "1.25", 125n],
    ["disputeWindow", "10", 864_000n],
    ["disputeWindow", "0.5", 43_200n],
    ["admissionPolicy", "0", 0n],
    ["someNewRule", "7", 7n],
  ])("reads %s typed as %s", (name, input, value) => {
    expect(parseRuleInput(name, input)).toEqual({ ok: true, value });
  });

  it.each([
    ["marketFeeBps", "", "Enter the new value."],
    ["marketFeeBps", "abc", "Enter a number (digits, optionally a decimal point)."],
    ["marketFeeBps", "-1", "Enter a number (digits, optionally a decimal point)."],
    ["marketFeeBps", "1.255", "Use at most two decimals (0.01% steps)."],
    ["disputeWindow", "0.0000001", "That is not a whole number of seconds."],
  ])("refuses %s typed as %j", (name, input, error) => {
    expect(parseRuleInput(name, input)).toEqual({ ok: false, error });
  });

  it("checks the contract's bounds before anything is sent", () => {
    const bounds = { min: 3_600n, max: 31_536_000n };
    expect(parseRuleInput("disputeWindow", "400", bounds)).toEqual({
      ok: false,
      error: "The value must be between 1 hour and 365 days.",
    });
    expect(parseRuleInput("disputeWindow", "365", bounds)).toEqual({ ok: true, value: 31_536_000n });
    expect(parseRuleInput("marketFeeBps", "100.01", { min: 0n, max: 10_000n })).toEqual({
      ok: false,
      error: "The value must be between 0% and 100%.",
    });
  });
});
