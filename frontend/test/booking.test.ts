import { describe, expect, it } from "vitest";
import { zeroAddress, type Address } from "viem";

import { purposeCode, type OfferView, type TokenInfo } from "@weconet/sdk";

import { asksForData, checkBooking, offersByToken } from "@/lib/booking";

const dEUR: TokenInfo = { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", symbol: "dEUR", decimals: 18 };
const ETH: TokenInfo = { address: zeroAddress, symbol: "ETH", decimals: 18 };
const milli = 10n ** 15n;
const sharesAddress = {
  attributeIds: [4],
  purpose: purposeCode("dpv:DeliveryOfGoods"),
  duration: 7 * 86_400,
};
const noData = { attributeIds: [], purpose: `0x${"00".repeat(32)}` as const, duration: 0 };

const offer = (id: bigint, token: Address, unitPrice: bigint, extra: Partial<OfferView> = {}) =>
  ({ id, token, unitPrice, remaining: 3n, dataRequest: noData, ...extra }) as OfferView;

describe("booking: quantity and consent are checked before anything is sent", () => {
  const courier = offer(1n, zeroAddress, 4n * milli, { dataRequest: sharesAddress });
  const desk = offer(2n, zeroAddress, 4n * milli);

  it("books the quantity typed, for its total", () => {
    expect(checkBooking(desk, { quantity: "2", consent: false })).toEqual({
      errors: {},
      quantity: 2n,
      total: 8n * milli,
      ready: { quantity: 2n },
    });
  });

  it("refuses more units than are left, zero, fractions, negative and huge numbers", () => {
    expect(checkBooking(desk, { quantity: "4", consent: false }).errors.quantity).toBe(
      "Only 3 left: book at most that many.",
    );
    for (const quantity of ["0", "1.5", "-1", "", "two", "1e3"]) {
      const checked = checkBooking(desk, { quantity, consent: false });
      expect(checked.errors.quantity).toMatch(/^Enter the number of units: a whole number above 0/);
      expect(checked.ready).toBeUndefined();
    }
    expect(checkBooking(desk, { quantity: "9".repeat(80), consent: false }).ready).toBeUndefined();
  });

  it("an offer that asks for data cannot be booked without consent; with it, the SDK gets what was agreed", () => {
    expect(asksForData(courier)).toBe(true);
    expect(asksForData(desk)).toBe(false);
    const refused = checkBooking(courier, { quantity: "1", consent: false });
    // The total still shows (on the button), but nothing is ready to send.
    expect(refused).toEqual({
      errors: { consent: "Agree to share this data to book the offer, or choose another one." },
      quantity: 1n,
      total: 4n * milli,
    });
    expect(checkBooking(courier, { quantity: "1", consent: true })).toEqual({
      errors: {},
      quantity: 1n,
      total: 4n * milli,
      ready: { quantity: 1n, agreed: sharesAddress },
    });
    // Both problems at once: the person sees both.
    expect(Object.keys(checkBooking(courier, { quantity: "0", consent: false }).errors)).toEqual([
      "quantity",
      "consent",
    ]);
  });
});

describe("offers are grouped per token, cheapest first within each", () => {
  it("never interleaves ETH and dEUR prices; ETH first, ties by id", () => {
    const tokens = new Map([
      [zeroAddress as string, ETH],
      [dEUR.address.toLowerCase(), dEUR],
    ]);
    const groups = offersByToken(
      [
        offer(1n, dEUR.address, 15n * 10n ** 18n),
        offer(2n, zeroAddress, 8n * milli),
        offer(3n, dEUR.address, 7n * 10n ** 18n),
        offer(4n, zeroAddress, 4n * milli),
        offer(5n, zeroAddress, 4n * milli),
      ],
      (address) => tokens.get(address.toLowerCase()) ?? ETH,
    );
    expect(groups.map((g) => [g.token.symbol, g.offers.map((o) => o.id)])).toEqual([
      ["ETH", [4n, 5n, 2n]],
      ["dEUR", [3n, 1n]],
    ]);
  });
});
