import { mkdirSync } from "node:fs";
import path from "node:path";

import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { createPublicClient, http } from "viem";
import { expect, inject } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
export const SCREENSHOTS = path.join(root, "test-results", "screenshots");

/** Debian's Chromium (`apt-get install chromium`); never a downloaded browser build. */
const CHROMIUM = process.env.WECONET_CHROMIUM ?? "/usr/bin/chromium";

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dappUrl: string;
  close(): Promise<void>;
}

/**
 * A fresh headless Chromium on the dApp of the running stack. Playwright gives every launch a new temporary user data
 * directory (and removes it on close), so nothing carries over between runs.
 */
export async function openBrowser(): Promise<Session> {
  const { dappUrl } = inject("stack");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: dappUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return {
    browser,
    context,
    page,
    dappUrl,
    close: () => browser.close(),
  };
}

/** Connects one of the demo people's development accounts (local chain only) through the wallet menu. */
export async function connectAs(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Connect wallet" }).click();
  const select = page.getByLabel("Act as");
  const option = await select
    .locator("option")
    .filter({ hasText: new RegExp(`^${name} — `) })
    .getAttribute("value");
  if (option === null) throw new Error(`no development account named ${name}`);
  await select.selectOption(option);
  await page.getByRole("button", { name: "Connect development account" }).click();
  await page.getByTestId("wallet-connected").getByText(name, { exact: true }).waitFor();
  // The member card appears once the membership is read: the dApp is ready to act as them.
  await page.getByTestId("voting-power").waitFor();
}

/** Saves a full-page screenshot as a test artifact (test-results/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until a transaction status of `scope` says confirmed; fails at once with its text if it failed. */
export async function confirmed(scope: Locator): Promise<void> {
  const status = scope.locator('[data-tx-status="confirmed"], [data-tx-status="failed"]').first();
  await status.waitFor();
  expect(await status.textContent()).not.toMatch(/failed/);
  expect(await status.getAttribute("data-tx-status")).toBe("confirmed");
}

/**
 * Waits for a transaction's visible effect (`effect`, e.g. a row appearing or disappearing) — for actions whose row
 * leaves the page once they succeed — failing at once with the reason when `scope` shows the transaction failed.
 */
export async function succeeds(scope: Locator, effect: () => Promise<void>): Promise<void> {
  const failed = scope.locator('[data-tx-status="failed"]');
  const failure = failed.waitFor().then(async () => {
    throw new Error(`the transaction failed: ${await failed.textContent()}`);
  });
  // Once the effect is there the failure watcher is moot (its row may be gone).
  failure.catch(() => undefined);
  await Promise.race([effect(), failure]);
}

/** The local chain's block number, read directly from the node (to prove a form sent nothing). */
export async function blockNumber(): Promise<bigint> {
  const client = createPublicClient({ transport: http(inject("stack").rpcUrl) });
  return client.getBlockNumber();
}
