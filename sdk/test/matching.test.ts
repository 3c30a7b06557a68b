import { keccak256, parseEther, stringToHex, type Address, type Hex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";

import { documentsResolver, matchOffers, type DocumentResolver } from "../src/index.js";
import { deployTestToken } from "./support/token.js";
import { admitMember, as, isolateFile, latestTime, people, reader } from "./support/weconet.js";

isolateFile();

const DAY = 86_400;
const milli = (n: number) => parseEther(String(n / 1000));

/** An offer document as providers publish it: JSON with attribute values by taxonomy name. */
const document = (label: string, attributes: Record<string, unknown>) => JSON.stringify({ label, attributes });

describe("matching offers to a consumer's request", () => {
  const [ann, ben, cas] = [0, 1, 2].map((i) => people.outsider(i)) as [Address, Address, Address];
  const offers: Record<string, bigint> = {};
  const documents: string[] = [];
  let mismatched: Hex;

  beforeAll(async () => {
    for (const [i, member] of [ann, ben, cas].entries()) await admitMember(member, `provider-${i}`);
    const resource = async (owner: Address, resourceClass: string) =>
      (await as(owner).resources.register({ resourceClass, metadata: `${owner}'s ${resourceClass}` })).resourceId;
    const annCourier = await resource(ann, "courier_service");
    const benCourier = await resource(ben, "courier_service");
    const casService = await resource(cas, "service");
    const annBike = await resource(ann, "bike");
    const list = async (
      name: string,
      provider: Address,
      resourceId: bigint,
      unitPrice: bigint,
      attributes: Record<string, unknown> | undefined,
      extra: { capacity?: number; validUntil?: number; token?: Address } = {},
    ) => {
      const text = document(name, attributes ?? {});
      if (attributes !== undefined) documents.push(text);
      ({ offerId: offers[name] } = await as(provider).market.listOffer({
        resourceId,
        unitPrice,
        capacity: extra.capacity ?? 10,
        document: text,
        ...(extra.validUntil === undefined ? {} : { validUntil: extra.validUntil }),
        ...(extra.token === undefined ? {} : { token: extra.token }),
      }));
    };
    const amsterdam = { service_area: "Amsterdam", lead_time: 1800 };
    await list("exact", ann, annCourier, milli(8), amsterdam);
    await list("cheaper elsewhere", ben, benCourier, milli(5), { service_area: "Rotterdam", lead_time: 1800 });
    await list("broader class", cas, casService, milli(6), { service_area: "amsterdam ", lead_time: 3600 });
    await list("too few left", ben, benCourier, milli(9), amsterdam, { capacity: 2 });
    await list("over budget", ann, annCourier, milli(20), amsterdam);
    await list("paused", ben, benCourier, milli(7), amsterdam);
    await as(ben).market.pauseOffer({ offerId: offers.paused ?? 0n });
    await list("undocumented", ben, benCourier, milli(7.5), undefined);
    await list("forged document", ann, annCourier, milli(7.5), undefined);
    mismatched = keccak256(stringToHex(document("forged document", {})));
    await list("short validity", ann, annCourier, milli(8), amsterdam, { validUntil: (await latestTime()) + 10 * DAY });
    await list("a bike", ann, annBike, milli(1), amsterdam);
    const token = await deployTestToken([], 0n);
    await list("in a token", ann, annCourier, 1n, amsterdam, { token });
  });

  /** Finds documents by hash, except one offer's, for which it returns a text that does not hash to it. */
  const resolve: DocumentResolver = (hash) =>
    hash === mismatched
      ? document("forged document", { service_area: "Amsterdam" })
      : documentsResolver(documents)(hash);

  it("ranks by fit (class, capacity, validity, attribute values) and price, and explains every score", async () => {
    const { ranked, excluded } = await reader.reads.match(
      {
        class: "courier_service",
        quantity: 3,
        maxUnitPrice: milli(10),
        attributes: { service_area: "Amsterdam", lead_time: { max: 3600 } },
      },
      { resolveDocument: resolve },
    );
    const name = (id: bigint) => Object.entries(offers).find(([, offerId]) => offerId === id)?.[0];
    expect(ranked.map((m) => [name(m.offer.id), m.score])).toEqual([
      ["exact", 0.8],
      ["short validity", 0.8],
      ["cheaper elsewhere", 0.763],
      ["broader class", 0.738],
      ["undocumented", 0.587],
      ["forged document", 0.587],
    ]);
    const [best] = ranked;
    expect(best?.total).toBe(3n * milli(8));
    // Words, not scores: what the dApp and the CLI show.
    expect(best?.explanation).toEqual([
      `offer ${offers.exact}: fits what you asked; 0.024 ETH for 3 units`,
      "courier_service: what you asked for",
      "10 units left, 3 needed",
      "bookable with no end date",
      '2 of 2 wanted values match: service_area is "Amsterdam", as wanted; lead_time is 1800, as wanted',
      "0.008 ETH a unit, 80% of the most you pay (0.01 ETH)",
    ]);
    expect([best?.fit, best?.verdict]).toEqual([1, "fits what you asked"]);
    const explained = (id: string) => ranked.find((m) => m.offer.id === offers[id])?.explanation.join("\n");
    expect(explained("cheaper elsewhere")).toContain(
      '1 of 2 wanted values match: service_area is "Rotterdam", not "Amsterdam"; lead_time is 1800, as wanted',
    );
    expect(explained("broader class")).toContain("service is broader than courier_service: it may fit");
    expect(explained("broader class")).toMatch(/^offer \d+: may fit; 0\.018 ETH for 3 units\n/);
    expect(explained("short validity")).toMatch(/bookable until \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    expect(explained("undocumented")).toContain(
      `(document ${keccak256(stringToHex(document("undocumented", {})))} not found)`,
    );
    expect(explained("forged document")).toContain(`the document found for ${mismatched} does not match its hash`);
    expect(
      ranked.every((m) =>
        m.explanation.every(
          (line) => !/score|\b(fit|price|class|capacity|validity|attributes) [01](\.\d+)?:/.test(line),
        ),
      ),
    ).toBe(true);

    // Offers come cheapest first, the excluded ones too: one with fewer units left than asked does not fit.
    expect(excluded.map((e) => [name(e.offer.id), e.reasons])).toEqual([
      ["paused", ["not bookable now"]],
      ["too few left", ["only 2 units of the 3 needed are left"]],
      ["over budget", ["0.02 ETH a unit is over the budget of 0.01 ETH"]],
    ]);
  });

  it("finds narrower classes for a broad request, and scores a time window the offer covers only in part", async () => {
    const now = await latestTime();
    const { ranked } = await reader.reads.match({
      class: "service",
      quantity: 1,
      maxUnitPrice: milli(10),
      when: { from: now + DAY, until: now + 30 * DAY },
    });
    const byId = new Map(ranked.map((m) => [m.offer.id, m]));
    expect(byId.get(offers["broader class"] ?? 0n)?.criteria[0]).toMatchObject({ criterion: "class", score: 1 });
    expect(byId.get(offers.exact ?? 0n)?.criteria[0]).toMatchObject({
      score: 0.9,
      note: "courier_service is a kind of service (1 level below)",
    });
    expect(byId.get(offers["short validity"] ?? 0n)?.criteria[2]).toMatchObject({
      criterion: "validity",
      score: 0.5,
      note: "bookable for only part of the time needed",
    });
    // A window the offer does not reach at all leaves it out; without attribute wishes, no document is needed.
    const later = await reader.reads.match({
      class: "courier_service",
      quantity: 1,
      maxUnitPrice: milli(10),
      when: { from: now + 20 * DAY },
    });
    expect(later.excluded.find((e) => e.offer.id === offers["short validity"])?.reasons).toEqual([
      "not valid at the time needed",
    ]);
    expect(later.ranked.every((m) => m.criteria.every((c) => c.criterion !== "attributes"))).toBe(true);
  });

  it("leaves out unrelated classes and other tokens when given any offers, and weighs price as asked", async () => {
    const all = (await reader.reads.offers({ all: true })).items;
    const taxonomy = await reader.reads.attributes();
    const request = { class: "courier_service", quantity: 1, maxUnitPrice: milli(10) };
    const { ranked, excluded } = await matchOffers(request, all, { taxonomy, now: await latestTime() });
    expect(excluded.find((e) => e.offer.id === offers["a bike"])?.reasons).toEqual([
      "bike is not related to courier_service",
    ]);
    expect(excluded.find((e) => e.offer.id === offers["in a token"])?.reasons[0]).toMatch(/^priced in another token/);
    // Price alone: cheapest first.
    const now = await latestTime();
    const byPrice = await matchOffers(request, all, { taxonomy, now, weights: { price: 1 } });
    expect(byPrice.ranked[0]?.offer.id).toBe(offers["cheaper elsewhere"]);
    // Fit alone: the exact, fully capable offers first, the broader class last.
    const byFit = await matchOffers(request, all, { taxonomy, now, weights: { price: 0 } });
    expect(byFit.ranked.at(-1)?.offer.id).toBe(offers["broader class"]);
    expect(ranked.length).toBeGreaterThan(0);
    await expect(matchOffers({ ...request, attributes: { colour: "red" } }, all, { taxonomy })).rejects.toThrow(
      'matching: there is no attribute named "colour" in the taxonomy',
    );
  });
});
