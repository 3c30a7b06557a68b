import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { blockNumber, confirmed, connectAs, openBrowser, screenshot, type Session } from "./support/browser";

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
    // The searched quantity carries into the card's total and the booking; the fit is said in words.
    expect(await match.getByTestId("match-total").textContent()).toBe("0.01 ETH a unit · 0.02 ETH for 2 units");
    expect(await match.getByLabel("Units").inputValue()).toBe("2");
    const why = (await match.getByTestId("match-why").textContent()) ?? "";
    expect(why).toContain("meeting_room is a kind of workspace");
    expect(why).not.toMatch(/score|\b(fit|price|class|capacity|validity|attributes) [01](\.\d+)?:/);
    expect(await match.getByTestId("match-verdict").textContent()).toMatch(
      /^(fits what you asked|fits well|fits in part|may fit)$/,
    );
    await match.getByRole("button", { name: "Book 2 units for 0.02 ETH" }).click();
    await confirmed(match);
    const booking = page.getByTestId("my-bookings").locator("tr", { hasText: `offer #${offerId} ` });
    await expect.poll(() => booking.getByTestId("booking-status").textContent()).toBe("booked");
    await screenshot(page, "market-booked");
  });

  it("a search for more units than are left does not say the offer fits", async () => {
    const { page } = s;
    const search = page.getByTestId("search-form");
    await search.getByLabel("How many units").fill("9");
    await search.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => page.getByTestId("matches").locator(`[data-offer="${offerId}"]`).count()).toBe(0);
    expect(await page.getByTestId("match-count").textContent()).toMatch(/left out/);
    await page.getByText(/^Left out/).click();
    await page.getByText(`Offer #${offerId} (meeting_room): only 8 units of the 9 needed are left`).waitFor();
  });

  it("live offers are grouped per token, cheapest first within each", async () => {
    const { page } = s;
    const groups = page.getByTestId("live-offers").locator("section[data-token]");
    await groups.first().waitFor();
    const symbols = await groups.evaluateAll((all) => all.map((g) => g.getAttribute("data-token")));
    expect(symbols).toEqual(["ETH", "dEUR"]);
    for (const group of await groups.all()) {
      const prices = await group
        .locator("[data-offer] > .row > span")
        .evaluateAll((spans) => spans.map((span) => Number(/^([\d.]+) /.exec(span.textContent ?? "")?.[1])));
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
    }
  });

  it("booking an offer that asks for data shows what is shared, with whom, how long, and needs consent", async () => {
    const { page } = s;
    const courier = page
      .getByTestId("live-offers")
      .locator('section[data-token="dEUR"] [data-offer]')
      .filter({ hasText: "Same-day bike courier" });
    const consent = courier.getByTestId("consent");
    await consent.waitFor();
    expect(await consent.getByTestId("consent-what").textContent()).toBe("delivery_address");
    expect(await consent.getByTestId("consent-with").textContent()).toMatch(
      /^alice \(0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}\), the provider$/,
    );
    expect(await consent.getByTestId("consent-purpose").textContent()).toMatch(/Delivery of goods/i);
    expect(await consent.getByTestId("consent-duration").textContent()).toMatch(/^3 days from booking/);
    // Without the consent nothing is sent.
    const before = await blockNumber();
    await courier.getByRole("button", { name: "Book 1 unit for 7.5 dEUR" }).click();
    await consent.getByText("Agree to share this data to book the offer, or choose another one.").waitFor();
    expect(await blockNumber()).toBe(before);
    await consent.getByLabel("I agree to share this data with the provider for this purpose and time").check();
    await courier.getByRole("button", { name: "Book 1 unit for 7.5 dEUR" }).click();
    await confirmed(courier);
    await screenshot(page, "market-consented");
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
