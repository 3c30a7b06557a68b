import { describe, expect, it } from "vitest";

import { reasonCodeProblem } from "@/lib/codes";
import { formatDuration, shortAddress, shortId } from "@/lib/format";

describe("formatting", () => {
  it.each([
    [0, "0 seconds"],
    [1, "1 second"],
    [59, "59 seconds"],
    [3_600, "1 hour"],
    [3_661, "1 hour 1 minute"],
    [259_200, "3 days"],
    [266_461, "3 days 2 hours"],
  ])("a duration of %i s reads %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("shortens addresses and proposal ids, keeping both ends", () => {
    expect(shortAddress("0x976EA74026E726554dB657fA54763abd0C3a0aa9")).toBe("0x976E…0aa9");
    expect(shortId(71696087502631147148658298817282241535419667246690653406380167689183408814849n)).toBe("716960…4849");
    expect(shortId(42n)).toBe("42");
  });
});

describe("reason codes", () => {
  it.each([["spam"], ["inactive-90d"], ["not_needed"]])("accepts %s", (code) => {
    expect(reasonCodeProblem(code)).toBeUndefined();
  });
  it.each([[""], ["Has Capitals"], ["with space"], ["a".repeat(32)], ["jan@example.org"]])("refuses %j", (code) => {
    expect(reasonCodeProblem(code)).toBeDefined();
  });
});
