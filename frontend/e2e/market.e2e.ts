import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { confirmed, connectAs, openBrowser, screenshot, type Session } from "./support/browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(() => s?.close());

/** Switches the connected development account. */
async function actAs(name: string): Promise<void> {
  await s.page.getByRole("button", { name: "Disconnect" }).click();
  await connectAs(s.page, name);
}

describe("market", () => {
  let offerId = "";

  it("a provider lists an offer", async () => {
    const { page } = s;
    await page.goto("/market");
    await connectAs(page, "bob");
    const mine = page.getByTestId("my-offers").locator("[data-my-offer]");
    const offerIds = () => mine.evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-my-offer"))));
    // Bob lists offers in the demo already; the new one is the id that was not there before.
    await mine.first().waitFor();
    const before = new Set(await offerIds());
    const form = page.getByTestId("list-offer-form");
    const resource = form.getByLabel("Resource");
    const meetingRoom = await resource
      .locator("option")
      .filter({ hasText: "meeting_room" })
      .first()
      .getAttribute("value");
    await resource.selectOption(meetingRoom ?? "");
    await form.getByLabel("Price a unit (ETH)").fill("0.01");
    await form.getByLabel("Units on offer").fill("10");
    await form.getByLabel("Description").fill("Meeting room for eight, per hour (end-to-end test)");
    await form.getByRole("button", { name: "List offer" }).click();
    await confirmed(form);
    await expect.poll(async () => (await offerIds()).filter((id) => !before.has(id)).length).toBe(1);
    offerId = String((await offerIds()).find((id) => !before.has(id)));
    await screenshot(page, "market-listed");
  });

  it("a consumer finds it with the matcher and books it", async () => {
    const { page } = s;
    await actAs("dave");
    const search = page.getByTestId("search-form");
    const what = search.getByLabel("What do you need?");
    const workspace = await what
      .locator("option")
      .filter({ hasText: /^workspace / })
      .getAttribute("value");
    // A broader class: the matcher finds the meeting room below "workspace".
    await what.selectOption(workspace ?? "");
    await search.getByLabel("How many units").fill("2");
    await search.getByLabel("At most (ETH a unit)").fill("0.02");
    await search.getByRole("button", { name: "Search" }).click();
    const match = page.getByTestId("matches").locator(`[data-offer="${offerId}"]`);
    await match.waitFor();
    expect(await match.textContent()).toContain("0.01 ETH a unit");
    await match.getByLabel("Units").fill("2");
    await match.getByRole("button", { name: "Book for 0.02 ETH" }).click();
    await confirmed(match);
    const booking = page.getByTestId("my-bookings").locator("tr", { hasText: `offer #${offerId} ` });
    await expect.poll(() => booking.getByTestId("booking-status").textContent()).toBe("booked");
    await screenshot(page, "market-booked");
  });

  it("the provider accepts the booking", async () => {
    const { page } = s;
    await actAs("bob");
    const booking = page.getByTestId("my-bookings").locator("tr", { hasText: `offer #${offerId} ` });
    await booking.getByRole("button", { name: "Accept" }).click();
    await confirmed(booking);
    await expect.poll(() => booking.getByTestId("booking-status").textContent()).toBe("accepted");
  });

  it("the consumer completes it, and the provider can withdraw the payment", async () => {
    const { page } = s;
    await actAs("dave");
    const booking = page.getByTestId("my-bookings").locator("tr", { hasText: `offer #${offerId} ` });
    await booking.getByRole("button", { name: "Complete" }).click();
    await confirmed(booking);
    await expect.poll(() => booking.getByTestId("booking-status").textContent()).toBe("completed");
    await screenshot(page, "market-completed");
    await actAs("bob");
    await page
      .getByTestId("credits")
      .getByRole("button", { name: /^Withdraw .* ETH$/ })
      .waitFor();
  });
});
