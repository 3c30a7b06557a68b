import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openBrowser, screenshot, type Session } from "./support/browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(() => s?.close());

describe("the audit trail reads for people", () => {
  it("shows amounts in units, dates, rules in words and short ids with a copy button, within the table", async () => {
    const { page } = s;
    await page.goto("/audit");
    const rows = page.getByTestId("timeline").getByTestId("audit-row");
    await rows.first().waitFor();
    const cells = () => page.locator('[data-testid="audit-row"] td:nth-child(5)').allTextContents();
    // No raw wei, unix seconds or 78-digit id (13 digits or more in a row), no whole address or hash, once the
    // tokens' symbols and decimals are read (until then an ERC-20 amount says it is in the smallest unit).
    const raw = (texts: string[]) => texts.filter((text) => /\d{13,}|0x[0-9a-fA-F]{12,}/.test(text));
    await expect.poll(async () => raw(await cells())).toEqual([]);
    const what = await cells();
    expect(what.length).toBeGreaterThan(50);
    // The demo's seeded market and governance, in words: amounts with their symbol, the rule change with units.
    expect(what.some((text) => /\d ETH in escrow|\d dEUR in escrow/.test(text))).toBe(true);
    expect(what.some((text) => /^market fee 1% → \d+(\.\d+)?%$/.test(text))).toBe(true);
    expect(what.some((text) => /executable from \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/.test(text))).toBe(true);

    // Proposal ids shortened, with the full id to copy; nothing wider than the table's frame.
    const copy = page.locator(".copy-id").first();
    await copy.waitFor();
    expect(await copy.getAttribute("data-full-id")).toMatch(/^\d{60,}$/);
    expect(await copy.locator("code").textContent()).toMatch(/^\d{6}…\d{4}$/);
    const fits = await page
      .getByTestId("timeline")
      .evaluate((table) => table.scrollWidth <= (table.parentElement?.clientWidth ?? 0) + 1);
    expect(fits).toBe(true);
    await screenshot(page, "audit-readable");

    // A proposal's short form filters the timeline to its events.
    const short = (await copy.locator("code").textContent()) ?? "";
    await page.getByLabel("Proposal id", { exact: true }).fill(short);
    await expect.poll(() => page.getByTestId("audit-count").textContent()).toMatch(/^\d+ of \d+ events$/);
    const shown = await page.locator('[data-testid="audit-row"] td:nth-child(5)').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((text) => text.includes(short))).toBe(true);
  });
});
