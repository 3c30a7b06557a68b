import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { blockNumber, confirmed, connectAs, openBrowser, screenshot, succeeds, type Session } from "./support/browser";
import { person } from "./support/people";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(() => s?.close());

describe("connections", () => {
  it("a member opens a connection, sees it, and closes it again", async () => {
    const { page } = s;
    const bob = person("bob");
    await page.goto("/connections");
    await connectAs(page, "dave");
    const given = page.getByTestId("connections-given");
    // The demo: Dave shares his postal address with Alice.
    await given
      .locator(`tr[data-party="${person("alice").address}"]`)
      .first()
      .waitFor();
    expect(await given.locator(`tr[data-party="${bob.address}"]`).count()).toBe(0);

    const form = page.getByTestId("grant-form");
    await form.getByLabel("Member", { exact: true }).fill(bob.address);
    await form.getByRole("checkbox", { name: "email", exact: true }).check();
    await form.getByLabel("Purpose", { exact: true }).selectOption({ label: "Customer care" });
    await form.getByLabel("For how many days").fill("7");
    await form.getByRole("button", { name: "Open connection" }).click();
    await confirmed(form);

    const row = given.locator(`tr[data-party="${bob.address}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain("email");
    expect(await row.textContent()).toContain("Customer care");
    await screenshot(page, "connections-opened");

    // Closing is for good: the row asks first, and nothing is sent until the member confirms.
    const before = await blockNumber();
    await row.getByRole("button", { name: "Close" }).click();
    const dialog = row.getByRole("alertdialog", { name: "Close" });
    expect(await dialog.textContent()).toMatch(/Close this connection for good\?/);
    await screenshot(page, "connections-close-confirm");
    expect(await blockNumber()).toBe(before);
    await dialog.getByRole("button", { name: "Close the connection" }).click();
    await succeeds(row, () => row.waitFor({ state: "detached" }));
    await screenshot(page, "connections-closed");
  });

  it("a member answers a request waiting for them", async () => {
    const { page } = s;
    await page.getByRole("button", { name: "Disconnect" }).click();
    await connectAs(page, "eve");
    // The demo: Carol asks Eve for her e-mail address.
    const carol = person("carol").address;
    const request = page.getByTestId("incoming-requests").locator(`tr[data-request="${carol}"]`);
    await request.getByRole("button", { name: "Accept" }).click();
    // Accepted: the request leaves the waiting list and the connection appears among those Eve gave.
    await succeeds(request, () => request.waitFor({ state: "detached" }));
    await page.getByTestId("connections-given").locator(`tr[data-party="${carol}"]`).waitFor();
    // Eve's connection to the demo's route planner shows among her applications.
    await page.getByTestId("my-applications").getByText("Route planner").waitFor();
  });

  it("an invalid connection shows its errors and sends nothing", async () => {
    const { page } = s;
    const form = page.getByTestId("grant-form");
    await form.getByLabel("Member", { exact: true }).fill("not an address");
    await form.getByLabel("For how many days").fill("9999");
    const before = await blockNumber();
    await form.getByRole("button", { name: "Open connection" }).click();
    await form.getByText("Choose a member, or enter an address (0x…).").waitFor();
    await form.getByText("Choose at least one attribute to share.").waitFor();
    await form.getByText("Choose what it is for.").waitFor();
    await form.getByText("The network allows at most 365 days (rule maxGrantDuration).").waitFor();
    expect(await form.getByLabel("Member", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await blockNumber()).toBe(before);
    await screenshot(page, "connections-invalid-form");
  });
});
