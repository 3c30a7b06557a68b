import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { blockNumber, confirmed, connectAs, openBrowser, screenshot, type Session } from "./support/browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(() => s?.close());

const DEMO_PROPOSAL = "Extend the dispute window to 10 days";

describe("governance", () => {
  it("a member connects, votes on the demo proposal with a reason and sees the tally change", async () => {
    const { page } = s;
    await page.goto("/governance");
    await connectAs(page, "alice");
    const proposal = page.locator("article").filter({ has: page.getByRole("heading", { name: DEMO_PROPOSAL }) });
    await expect.poll(() => proposal.getByTestId("votes-for").textContent()).toBe("1");
    expect(await proposal.getByTestId("proposal-state").textContent()).toBe("active");
    expect(await proposal.getByTestId("my-voting-power").textContent()).toMatch(/at this proposal's snapshot: 1$/);

    await proposal.getByRole("radio", { name: "For" }).check();
    await proposal.getByLabel("Reason (optional, public and on-chain)").fill("Weekly services need the time.");
    await proposal.getByRole("button", { name: "Cast vote" }).click();
    await confirmed(proposal);

    // The tally updates without a reload, and the dApp knows alice voted.
    await expect.poll(() => proposal.getByTestId("votes-for").textContent()).toBe("2");
    await expect.poll(() => proposal.getByTestId("my-voting-power").textContent()).toMatch(/you have voted$/);
    await screenshot(page, "governance");
  });

  it("an invalid proposal shows its errors and sends nothing", async () => {
    const { page } = s;
    // The form opens on demand (it is loaded then, not with the page).
    await page.getByRole("button", { name: "Propose a change" }).click();
    const form = page.getByTestId("propose-form");
    await form.getByLabel("Rule", { exact: true }).selectOption("marketFeeBps");
    await form.getByLabel("New value (%)").fill("150");
    const before = await blockNumber();
    await form.getByRole("button", { name: "Propose" }).click();
    await form.getByText("Give the proposal a title: members see it first.").waitFor();
    await form.getByText("The value must be between 0% and 100%.").waitFor();
    expect(await form.getByLabel("New value (%)").getAttribute("aria-invalid")).toBe("true");
    expect(await form.locator("[data-tx-status]").getAttribute("data-tx-status")).toBe("idle");
    expect(await blockNumber()).toBe(before);
    await screenshot(page, "governance-invalid-form");
  });
});
