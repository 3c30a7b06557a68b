import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BUDGET, FAIL_FACTOR } from "../scripts/budget";
import { openBrowser, screenshot, SCREENSHOTS, type Session } from "./support/browser";

/** Every page, and what shows that its data has arrived. */
const PAGES = [
  { name: "network", path: "/", ready: '[data-testid="members"] tbody tr' },
  { name: "governance", path: "/governance", ready: "article[data-proposal]" },
  // Without a wallet My data shows where the data lives: the socket URL, read from the chain's SocketDirectory.
  { name: "data", path: "/data", ready: '[data-testid="socket-url"]' },
  { name: "connections", path: "/connections", ready: '[data-testid="grant-form"] input[type="checkbox"]' },
  { name: "market", path: "/market", ready: '[data-testid="live-offers"] [data-offer]' },
  { name: "leaders", path: "/leaders", ready: '[data-testid="applicants"] tbody tr' },
  { name: "developers", path: "/developers", ready: '[data-testid="applications"] li' },
  { name: "audit", path: "/audit", ready: '[data-testid="timeline"] tbody tr' },
] as const;

interface Timing {
  page: string;
  /** Navigation timing of the production build on localhost (ms from navigation start). */
  domContentLoaded: number;
  load: number;
  /**
   * Until the page shows its data (ms from navigation start): its data is in the document (the server renders a
   * page's first reads with its HTML) and the browser painted, whichever comes last.
   */
  contentReady: number;
  /** Of which: the data in the document, the first paint. */
  dataInDocument: number;
  firstPaint: number;
  /** Until the page answered a script again once its data showed (its JavaScript loaded and hydrated). */
  interactive: number;
  /** The JavaScript the first visit loads: as sent (gzip) and unpacked, in kB. */
  jsGzipKB: number;
  jsKB: number;
}

let s: Session;
const timings: Timing[] = [];
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s?.close();
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(
    path.join(SCREENSHOTS, "..", "first-load.json"),
    JSON.stringify({ budget: BUDGET, failFactor: FAIL_FACTOR, pages: timings }, null, 2),
  );
  console.table(timings);
  console.log(
    `budget per page: ${BUDGET.jsGzipKB} kB of JavaScript (gzip), data shown within ${BUDGET.contentReadyMs} ms; ` +
      `the suite fails past ${FAIL_FACTOR}×`,
  );
});

describe("every page loads on its own and shows its data", () => {
  it.each(PAGES)("$name ($path)", async ({ name, path: route, ready }) => {
    // A fresh context: nothing cached, no wallet connected — a first visit.
    const context = await s.browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: s.dappUrl });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // When the data first is in the document, as the browser builds it from the HTML (or a script adds it later).
    // A script as text: the test's functions are compiled with helpers the page does not have.
    await page.addInitScript(
      `(() => { const ready = ${JSON.stringify(ready)}; new MutationObserver(() => { if (window.__weconetData === undefined && document.querySelector(ready) !== null) window.__weconetData = performance.now(); }).observe(document, { childList: true, subtree: true }); })()`,
    );
    await page.goto(route);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    const interactive = await page.evaluate(() => performance.now());
    // What the first visit loads: the page's scripts, and whatever it fetches as it starts.
    await page.waitForLoadState("load");
    await page.waitForTimeout(500);
    const nav = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) =>
        new URL(r.name).pathname.endsWith(".js"),
      );
      return {
        dataInDocument: (window as unknown as { __weconetData?: number }).__weconetData ?? -1,
        firstPaint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
        domContentLoaded: entry?.domContentLoadedEventEnd ?? -1,
        load: entry?.loadEventEnd ?? -1,
        jsSent: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
        js: scripts.reduce((sum, r) => sum + r.decodedBodySize, 0),
      };
    });
    timings.push({
      page: route,
      domContentLoaded: Math.round(nav.domContentLoaded),
      load: Math.round(nav.load),
      contentReady: Math.round(Math.max(nav.dataInDocument, nav.firstPaint)),
      dataInDocument: Math.round(nav.dataInDocument),
      firstPaint: Math.round(nav.firstPaint),
      interactive: Math.round(interactive),
      jsGzipKB: Math.round(nav.jsSent / 1024),
      jsKB: Math.round(nav.js / 1024),
    });
    const timing = timings.at(-1);
    expect(timing?.dataInDocument).toBeGreaterThan(0);
    // Past the budget by more than FAIL_FACTOR is a regression, not a busy machine.
    expect(timing?.jsGzipKB).toBeLessThanOrEqual(BUDGET.jsGzipKB * FAIL_FACTOR);
    expect(timing?.contentReady).toBeLessThanOrEqual(BUDGET.contentReadyMs * FAIL_FACTOR);
    await screenshot(page, `page-${name}`);
    // A narrow screen, too: the layout is responsive.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, `page-${name}-mobile`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
