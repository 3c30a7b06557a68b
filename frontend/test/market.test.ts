import { describe, expect, it } from "vitest";

import { bookingActions } from "@weconet/sdk";

import { bookingControls } from "@/lib/booking-controls";
import { ETH_TOKEN, formatAmount, offerTextOf, parseAmount, parseCount } from "@/lib/market";
import { checkOffer } from "@/lib/offer-draft";

const dEUR = { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", symbol: "dEUR", decimals: 2 } as const;

describe("market amounts", () => {
  it("reads amounts in whole tokens into the smallest unit", () => {
    expect(parseAmount("0.01", ETH_TOKEN)).toEqual({ ok: true, value: 10_000_000_000_000_000n });
    expect(parseAmount("7.50", dEUR)).toEqual({ ok: true, value: 750n });
  });
  it.each([
    ["", "Enter an amount in ETH, e.g. 0.01."],
    ["-1", "An amount cannot be negative."],
    ["1e3", "Enter an amount in ETH, e.g. 0.01."],
  ])("refuses %j", (text, error) => {
    expect(parseAmount(text, ETH_TOKEN)).toEqual({ ok: false, error });
  });
  it("refuses more decimals than the token has", () => {
    expect(parseAmount("7.505", dEUR)).toEqual({ ok: false, error: "dEUR has at most 2 decimals." });
  });
  it("shows amounts with the token's symbol", () => {
    expect(formatAmount(15_000_000_000_000_000n, ETH_TOKEN)).toBe("0.015 ETH");
    expect(formatAmount(2500n, dEUR)).toBe("25 dEUR");
  });
  it("counts are whole numbers above zero", () => {
    expect(parseCount("3", "quantity")).toEqual({ ok: true, value: 3n });
    expect(parseCount("0", "quantity")).toEqual({ ok: false, error: "Enter the quantity: a whole number above 0." });
    expect(parseCount("1.5", "capacity")).toEqual({ ok: false, error: "Enter the capacity: a whole number above 0." });
  });
});

describe("listing an offer is checked before anything is sent", () => {
  const draft = { resourceId: "4", unitPrice: "0.01", capacity: "10", days: "", description: "Meeting room, per hour" };
  it("gives the SDK's listing, without an end when no days are given", () => {
    expect(checkOffer(draft, 1_000)).toEqual({
      errors: {},
      listing: {
        resourceId: 4n,
        unitPrice: 10_000_000_000_000_000n,
        capacity: 10n,
        document: "Meeting room, per hour",
      },
    });
  });
  it("ends the offer after the given days, on the chain's clock", () => {
    expect(checkOffer({ ...draft, days: "2" }, 1_000).listing?.validUntil).toBe(1_000 + 172_800);
  });
  it("reports every problem at once", () => {
    expect(checkOffer({ resourceId: "", unitPrice: "x", capacity: "0", days: "-1", description: " " }, 1_000)).toEqual({
      errors: {
        resourceId: "Choose one of your resources.",
        unitPrice: "Enter an amount in ETH, e.g. 0.01.",
        capacity: "Enter the capacity: a whole number above 0.",
        days: "A duration cannot be negative. Leave empty for no end.",
        description: "Describe the offer: only the document's hash goes on-chain.",
      },
    });
  });
});

describe("offer documents", () => {
  it("reads the title, description and attribute values of a JSON document", () => {
    const text = JSON.stringify({
      title: "Same-day bike courier, per parcel",
      description: "Within the ring, by cargo bike.",
      attributes: { service_area: "Amsterdam", lead_time: 7200 },
    });
    expect(offerTextOf(text)).toEqual({
      title: "Same-day bike courier, per parcel",
      description: "Within the ring, by cargo bike.",
      attributes: { service_area: "Amsterdam", lead_time: 7200 },
    });
  });
  it("takes any other text as the description", () => {
    expect(offerTextOf("Hot desks by the day.")).toEqual({
      title: undefined,
      description: "Hot desks by the day.",
      attributes: {},
    });
    expect(offerTextOf("[1, 2]").description).toBe("[1, 2]");
    expect(offerTextOf(JSON.stringify({ title: "  ", attributes: [1] }))).toEqual({
      title: undefined,
      description: undefined,
      attributes: {},
    });
  });
});

describe("booking controls (buttons from the SDK's next actions)", () => {
  const none = { consumer: 0n, provider: 0n };
  const labels = (
    status: Parameters<typeof bookingActions>[0]["status"],
    side: "consumer" | "provider",
    now: number | undefined,
    extra: { windowEnds?: number; deadlines?: { disputedAt: number; membersFrom: number; finalDeadline: number } } = {},
  ) => {
    const actions = bookingActions({ status, windowEnds: extra.windowEnds ?? 0 }, now ?? 0, none, extra.deadlines);
    const c = bookingControls(actions, side, now);
    return { buttons: c.buttons.map((b) => b.label), dispute: c.dispute };
  };
  it("offers each side what the market lets it do next", () => {
    expect(labels("booked", "provider", 100)).toEqual({ buttons: ["Accept", "Decline"], dispute: false });
    expect(labels("booked", "consumer", 100)).toEqual({ buttons: ["Cancel"], dispute: false });
    expect(labels("accepted", "provider", 100)).toEqual({ buttons: ["Mark delivered"], dispute: true });
    expect(labels("accepted", "consumer", 100)).toEqual({ buttons: ["Complete"], dispute: true });
    expect(labels("completed", "provider", 100)).toEqual({ buttons: [], dispute: false });
  });
  it("opens the claim and closes the dispute form when the dispute window ends", () => {
    expect(labels("delivered", "provider", 100, { windowEnds: 200 })).toEqual({ buttons: [], dispute: true });
    expect(labels("delivered", "consumer", 100, { windowEnds: 200 })).toEqual({ buttons: ["Complete"], dispute: true });
    expect(labels("delivered", "provider", 200, { windowEnds: 200 })).toEqual({
      buttons: ["Claim payment"],
      dispute: false,
    });
    // Before the chain's time is known, nothing that depends on it is offered.
    expect(labels("delivered", "provider", undefined, { windowEnds: 200 })).toEqual({ buttons: [], dispute: false });
  });
  it("lets either party settle a dispute nobody ruled on by its final deadline, and not before", () => {
    const deadlines = { disputedAt: 100, membersFrom: 200, finalDeadline: 300 };
    expect(labels("disputed", "consumer", 299, { deadlines })).toEqual({ buttons: [], dispute: false });
    expect(labels("disputed", "provider", 300, { deadlines })).toEqual({
      buttons: ["Settle (full refund)"],
      dispute: false,
    });
  });
});
