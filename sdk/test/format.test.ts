import { maxUint128, maxUint256, maxUint64, zeroAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";

import {
  describeRuleChange,
  ETH_TOKEN,
  formatAmount,
  formatBps,
  formatDate,
  formatDuration,
  formatRelative,
  formatRuleValue,
  parseAmount,
  parseCount,
  parseDuration,
  personName,
  personNames,
  resolveId,
  RULE_NAMES,
  RULE_INFO,
  shortAddress,
  shortId,
  WeconetError,
  withPersonNames,
  type TokenInfo,
} from "../src/index.js";

// Pure functions: no chain needed (the SDK's global setup still starts one for the other files).
const DEUR: TokenInfo = { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", symbol: "dEUR", decimals: 6 };
const ADA: Address = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const PROPOSAL = 71696087502631147148658298817282241535419667246690653406380167689183408814849n;

describe("amounts", () => {
  it("reads an amount in its token's units, without trailing zeros", () => {
    expect(formatAmount(20_000_000_000_000_000n, ETH_TOKEN)).toBe("0.02 ETH");
    expect(formatAmount(147_750_000n, DEUR)).toBe("147.75 dEUR");
    expect(formatAmount(0n, ETH_TOKEN)).toBe("0 ETH");
    expect(formatAmount(5_000_000_000_000_000n, ETH_TOKEN)).toBe("0.005 ETH");
    expect(ETH_TOKEN).toEqual({ address: zeroAddress, symbol: "ETH", decimals: 18 });
  });

  it("parses what is typed in whole tokens", () => {
    expect(parseAmount(" 0.02 ", ETH_TOKEN)).toEqual({ ok: true, value: 20_000_000_000_000_000n });
    expect(parseAmount("7.5", DEUR)).toEqual({ ok: true, value: 7_500_000n });
    expect(parseAmount(".5", DEUR)).toEqual({ ok: true, value: 500_000n });
    expect(parseAmount("0", DEUR)).toEqual({ ok: true, value: 0n });
  });

  it.each([
    ["", "Enter an amount in dEUR, e.g. 0.01."],
    ["-1", "An amount cannot be negative."],
    ["- 0.5", "An amount cannot be negative."],
    ["abc", "Enter an amount in dEUR, e.g. 0.01."],
    ["1e18", "Enter an amount in dEUR, e.g. 0.01."],
    ["1,5", "Enter an amount in dEUR, e.g. 0.01."],
    ["NaN", "Enter an amount in dEUR, e.g. 0.01."],
    ["0.0000001", "dEUR has at most 6 decimals."],
  ])("refuses the amount %j with a field error", (text, error) => {
    expect(parseAmount(text, DEUR)).toEqual({ ok: false, error });
  });

  it("refuses an amount above what the chain holds, or above a given maximum", () => {
    const huge = `${maxUint256}0`;
    expect(parseAmount(huge, { ...DEUR, decimals: 0 })).toEqual({
      ok: false,
      error: `Enter at most ${maxUint256} dEUR.`,
    });
    expect(() => parseAmount("8640000000000002000000000000000000000000000000000000000000", ETH_TOKEN)).not.toThrow();
    expect(parseAmount("1000", DEUR, 100_000_000n)).toEqual({ ok: false, error: "Enter at most 100 dEUR." });
    expect(parseAmount("1.5", { ...DEUR, decimals: 0 })).toEqual({
      ok: false,
      error: "dEUR has no decimals: enter a whole number.",
    });
    expect(parseAmount(maxUint128.toString(), { ...DEUR, decimals: 0 }, maxUint128).ok).toBe(true);
  });

  it("parses counts, refusing zero, negatives, fractions, words and more than a uint64", () => {
    expect(parseCount("3", "quantity")).toEqual({ ok: true, value: 3n });
    expect(parseCount("0", "quantity")).toEqual({ ok: false, error: "Enter the quantity: a whole number above 0." });
    expect(parseCount("1.5", "capacity")).toEqual({ ok: false, error: "Enter the capacity: a whole number above 0." });
    expect(parseCount("-2", "quantity")).toEqual({
      ok: false,
      error: "Enter the quantity: a whole number above 0, not a negative one.",
    });
    expect(parseCount("two", "quantity").ok).toBe(false);
    expect(parseCount(maxUint64.toString(), "quantity")).toEqual({ ok: true, value: maxUint64 });
    expect(parseCount((maxUint64 + 1n).toString(), "quantity")).toEqual({
      ok: false,
      error: `Enter the quantity: at most ${maxUint64}.`,
    });
    expect(parseCount("11", "quantity", 10n)).toEqual({ ok: false, error: "Enter the quantity: at most 10." });
  });
});

describe("times", () => {
  it("reads a block time as a date, in UTC with its name when asked", () => {
    expect(formatDate(1796675765, { timeZone: "UTC" })).toBe("7 Dec 2026, 20:36 UTC");
    expect(formatDate(1796675765n, { timeZone: "Europe/Berlin" })).toBe("7 Dec 2026, 21:36 CET");
    // Without a zone, the reader's own: the same shape, no zone name.
    expect(formatDate(1796675765)).toMatch(/^\d{1,2} Dec 2026, \d{2}:\d{2}$/);
    // An unknown zone reads as UTC rather than throwing in the middle of a sentence.
    expect(formatDate(0, { timeZone: "Mars/Olympus" })).toBe("1 Jan 1970, 00:00 UTC");
    // No date holds a uint48's maximum ("no end"): its number reads instead of "Invalid Date".
    expect(formatDate(2n ** 48n - 1n, { timeZone: "UTC" })).toBe("281474976710655 s after 1970");
  });

  it.each([
    [0, "0 seconds"],
    [1, "1 second"],
    [59, "59 seconds"],
    [3_600, "1 hour"],
    [3_661, "1 hour 1 minute"],
    [259_200, "3 days"],
    [266_461, "3 days 2 hours"],
    [-5, "0 seconds"],
  ])("a duration of %i s reads %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("reads times relative to now", () => {
    expect(formatRelative(1_000 + 3 * 3_600 + 59, 1_000)).toBe("in 3 hours");
    expect(formatRelative(1_000n, 1_000n + 2n * 86_400n)).toBe("2 days ago");
    expect(formatRelative(1_030, 1_000)).toBe("now");
    expect(formatRelative(1_000 + 86_400, 1_000)).toBe("in 1 day");
  });

  it("parses durations typed with units", () => {
    const max = 365n * 86_400n;
    expect(parseDuration("7 days", max)).toEqual({ ok: true, value: 604_800n });
    expect(parseDuration("36h", max)).toEqual({ ok: true, value: 129_600n });
    expect(parseDuration("1 day 12 hours", max)).toEqual({ ok: true, value: 129_600n });
    expect(parseDuration("1.5d", max)).toEqual({ ok: true, value: 129_600n });
    expect(parseDuration("90", max)).toEqual({ ok: true, value: 90n });
    expect(parseDuration("2 Weeks", max)).toEqual({ ok: true, value: 1_209_600n });
  });

  it.each([
    ["", 'Enter a duration, e.g. "7 days", "36h" or "1 day 12 hours".'],
    ["-3 days", "A duration cannot be negative."],
    ["soon", 'Not a duration: e.g. "7 days", "36h" or "1 day 12 hours".'],
    ["3 days!", 'Not a duration: e.g. "7 days", "36h" or "1 day 12 hours".'],
    ["3 fortnights", 'Unknown unit "fortnights": use seconds, minutes, hours, days or weeks.'],
    ["0.5 s", "That is not a whole number of seconds."],
    ["100000000000000000000000 days", "Enter at most 365 days."],
    ["366 days", "Enter at most 365 days."],
  ])("refuses the duration %j with a field error", (text, error) => {
    expect(parseDuration(text, 365n * 86_400n)).toEqual({ ok: false, error });
  });
});

describe("ids", () => {
  it("shortens addresses, hashes and proposal ids, keeping both ends", () => {
    expect(shortAddress(ADA)).toBe("0x976E…0aa9");
    expect(shortId(PROPOSAL)).toBe("716960…4849");
    expect(shortId(PROPOSAL.toString())).toBe("716960…4849");
    expect(shortId(`0x${"ab".repeat(32)}`)).toBe("0xabab…abab");
    expect(shortId(42n)).toBe("42");
    expect(shortId(123_456_789_012n)).toBe("123456789012");
  });

  const ids = [PROPOSAL, 71696087502631147148658298817282241535419667246690653406380167689183400000001n, 42n, 420n];

  it("resolves a full id, a unique prefix or a short form to the full id", () => {
    expect(resolveId(PROPOSAL.toString(), ids)).toBe(PROPOSAL);
    expect(resolveId("716960…4849", ids)).toBe(PROPOSAL);
    expect(resolveId("716960...4849", ids)).toBe(PROPOSAL);
    expect(resolveId(" 7169608750263114714865829881728224153541966724669065340638016768918340000", ids)).toBe(ids[1]);
    // An id that is also the prefix of another is itself.
    expect(resolveId("42", ids)).toBe(42n);
  });

  it("says which ids an ambiguous prefix could be, and when none is known", () => {
    expect(() => resolveId("716960", ids, "proposal")).toThrow(
      "716960 matches 2 proposal ids (716960…4849, 716960…0001): type more of its digits.",
    );
    expect(() => resolveId("999", ids, "proposal")).toThrow("No proposal id known here matches 999.");
    expect(() => resolveId("716960…1234", ids)).toThrow(WeconetError);
    expect(() => resolveId("0x12", ids, "proposal")).toThrow(/is not a proposal id/);
    expect(() => resolveId("", ids)).toThrow(WeconetError);
  });
});

describe("people", () => {
  const names = personNames([{ address: ADA.toLowerCase(), name: "Ada" }]);

  it("names a known account, else shows its short address", () => {
    expect(personName(ADA, names)).toBe("Ada (0x976E…0aa9)");
    expect(personName("0x14dC79964da2C08b23698B3D3cc7Ca32193d9955", names)).toBe("0x14dC…9955");
    expect(personName(ADA)).toBe("0x976E…0aa9");
  });

  it("names the accounts in a message, leaving hashes alone", () => {
    const hash = `0x${"cd".repeat(32)}`;
    expect(withPersonNames(`${ADA} is not a member (transaction ${hash}).`, names)).toBe(
      `Ada (0x976E…0aa9) is not a member (transaction ${hash}).`,
    );
  });
});

describe("rules", () => {
  it("has words for every rule NetworkRules declares", () => {
    expect(Object.keys(RULE_INFO).sort()).toEqual([...RULE_NAMES].sort());
  });

  it("reads values and changes with names and units", () => {
    expect(formatBps(150n)).toBe("1.5%");
    expect(formatBps(5n)).toBe("0.05%");
    expect(formatBps(200n)).toBe("2%");
    expect(formatRuleValue("disputeWindow", 864_000n)).toBe("10 days");
    expect(formatRuleValue("admissionPolicy", 1n)).toBe("open (a leader admits each applicant)");
    expect(formatRuleValue("admissionsPerLeader", 3n)).toBe("3");
    expect(describeRuleChange("marketFeeBps", 150n, 200n)).toBe("market fee 1.5% → 2%");
    expect(describeRuleChange("disputeRulingPeriod", undefined, 86_400n)).toBe("leaders' ruling period set to 1 day");
    // A rule this build does not know reads by its key, as a number.
    expect(describeRuleChange("futureRule", 1n, 2n)).toBe("futureRule 1 → 2");
  });
});
