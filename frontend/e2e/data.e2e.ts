import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { confirmed, connectAs, openBrowser, screenshot, succeeds, type Session } from "./support/browser";
import { person } from "./support/people";
import type { Page } from "playwright-core";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(() => s?.close());

/** Moves to another page through the header (client-side: the socket sessions of this tab stay signed in). */
async function open(page: Page, label: "My data" | "Connections" | "Market" | "Leaders"): Promise<void> {
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: label, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: label }).waitFor();
}

async function switchTo(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Disconnect" }).click();
  await connectAs(page, name);
}

/** Signs in to the data socket where the page asks for it (each account once per tab: sessions stay for the tab). */
async function signIn(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign in to the data socket" }).first().click();
  await page.getByRole("button", { name: "Sign in to the data socket" }).first().waitFor({ state: "detached" });
}

describe("my data through the socket", () => {
  it("an owner enters an address, shares it, the grantee reads it, the owner closes it, the next read is refused, the owner sees both receipts and erases it", async () => {
    const { page } = s;
    const bob = person("bob");
    const dave = person("dave");

    // Bob enters his postal address on My data.
    await page.goto("/data");
    await connectAs(page, "bob");
    await signIn(page);
    const row = page.locator('li[data-attribute="postal_address"]');
    await row.getByLabel("postal_address: Street and number").fill("Lindengracht 12");
    await row.getByLabel("postal_address: Postal code").fill("1015 KK");
    await row.getByLabel("postal_address: City").fill("Amsterdam");
    await row.getByLabel("postal_address: Country").fill("NL");
    await row.getByRole("button", { name: "Save" }).click();
    await row.locator('[data-socket-status="done"]').waitFor();
    await expect.poll(() => row.getByTestId("stored-value").textContent()).toContain("Lindengracht 12");
    // A bad value is refused before anything is sent: the SDK's validator checks the data type.
    const email = page.locator('li[data-attribute="email"]');
    await email.getByLabel("email", { exact: true }).fill("not an e-mail address");
    await email.getByRole("button", { name: "Save" }).click();
    await email.getByRole("alert").waitFor();
    await screenshot(page, "data-entered");

    // He opens a connection to Dave for it.
    await open(page, "Connections");
    const form = page.getByTestId("grant-form");
    await form.getByLabel("Member", { exact: true }).fill(dave.address);
    await form.getByRole("checkbox", { name: "postal_address", exact: true }).check();
    await form.getByLabel("Purpose", { exact: true }).selectOption({ label: "Delivery of goods" });
    await form.getByLabel("For how many days").fill("7");
    await form.getByRole("button", { name: "Open connection" }).click();
    await confirmed(form);
    await open(page, "My data");
    await row.locator(`[data-reader="${dave.address}" i]`).waitFor();

    // Dave reads it on Connections.
    await switchTo(page, "dave");
    await open(page, "Connections");
    const received = page.getByTestId("connections-received").locator(`tr[data-party="${bob.address}"]`).first();
    await received.waitFor();
    await signIn(page);
    await received.getByRole("button", { name: "Read shared data" }).click();
    await expect.poll(() => received.getByTestId("shared-value").first().textContent()).toContain("Lindengracht 12");
    await screenshot(page, "data-read-by-grantee");

    // Bob closes the connection.
    await switchTo(page, "bob");
    const given = page.getByTestId("connections-given").locator(`tr[data-party="${dave.address}"]`);
    await given.getByRole("button", { name: "Close" }).click();
    await given.getByRole("button", { name: "Close the connection" }).click();
    await succeeds(given, () => given.waitFor({ state: "detached" }));

    // Dave's next read is refused, and he is told why.
    await switchTo(page, "dave");
    const closed = page.getByTestId("connections-received").locator(`tr[data-party="${bob.address}"]`).first();
    await closed.getByTestId("connection-closed").waitFor();
    await closed.getByRole("button", { name: "Read shared data" }).click();
    await closed.getByText(/No live connection from the owner shares this attribute with you/).waitFor();
    expect(await closed.getByTestId("shared-value").count()).toBe(0);
    await screenshot(page, "data-refused");

    // Bob sees both receipts, then erases the value.
    await switchTo(page, "bob");
    await open(page, "My data");
    const receipts = page.getByTestId("receipts");
    await receipts.locator(`tr[data-grantee="${dave.address}" i][data-decision="allowed"]`).waitFor();
    await receipts.locator(`tr[data-grantee="${dave.address}" i][data-decision="refused"]`).waitFor();
    expect(await receipts.locator(`tr[data-grantee="${dave.address}" i]`).count()).toBe(2);
    await screenshot(page, "data-receipts");

    await row.getByRole("button", { name: "Erase" }).click();
    await row.getByRole("button", { name: "Erase postal_address" }).click();
    await row.locator('[data-socket-status="done"]').waitFor();
    await expect.poll(() => row.getByTestId("stored-value").textContent()).toContain("No value stored");
    await screenshot(page, "data-erased");
  });

  it("the demo's data flows through the socket: offers show their documents, a provider reads what a booking shares, a leader reads the statements", async () => {
    const { page } = s;
    await switchTo(page, "alice");
    await open(page, "Market");
    // The offers' titles and descriptions come from their documents in the socket (the chain has their hashes).
    const courier = page
      .getByTestId("live-offers")
      .locator("[data-offer]")
      .filter({ hasText: "Same-day bike courier" });
    await courier.getByTestId("offer-description").getByText("service_area: Amsterdam").waitFor();

    // Alice, the provider of Eve's accepted deliveries, reads the delivery address the booking shares.
    await signIn(page);
    const booking = page
      .getByTestId("my-bookings")
      .locator("tr[data-booking]")
      .filter({ has: page.getByRole("button", { name: /delivery_address this booking shares/ }) });
    await booking.getByRole("button", { name: /delivery_address this booking shares/ }).click();
    await expect.poll(() => booking.getByTestId("shared-value").first().textContent()).toContain("Oudegracht 42");
    await screenshot(page, "data-booking-address");

    // Leader Lena reads the disputed subscription's statement before ruling.
    await switchTo(page, "lena");
    await open(page, "Leaders");
    await signIn(page);
    await page.getByTestId("statements").getByText("eve: the March files are missing").waitFor();
    await screenshot(page, "data-dispute-statements");
  });
});
