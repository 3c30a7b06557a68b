import { describe, expect, it } from "vitest";

import { indexerSource } from "../src/indexer/graphql-source.js";

/** A fake Ponder GraphQL endpoint: answers every aliased field, refusing a request that asks for bookings. */
function fakeIndexer() {
  const requests: string[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const { query } = JSON.parse(String(init?.body)) as { query: string };
    requests.push(query);
    const aliases = [...query.matchAll(/(q\d+): (\w+)/g)].map((m) => ({ alias: m[1] ?? "", field: m[2] ?? "" }));
    if (aliases.some((a) => a.field === "bookings")) {
      return new Response(JSON.stringify({ errors: [{ message: 'Cannot query field "bookings"' }] }));
    }
    const data = Object.fromEntries(
      aliases.map((a) => [a.alias, { items: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 }]),
    );
    return new Response(JSON.stringify({ data }));
  }) as typeof globalThis.fetch;
  return { requests, fetch };
}

describe("the indexer source's batches", () => {
  it("sends the queries made together as one request", async () => {
    const fake = fakeIndexer();
    const source = indexerSource("http://indexer.test", { fetch: fake.fetch });
    const pages = await Promise.all([source.select("member"), source.select("offer"), source.select("resource")]);
    expect(pages.map((p) => p.total)).toEqual([0, 0, 0]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatch(/q0: members\(.*q1: offers\(.*q2: resources\(/s);
  });

  it("splits a large batch and keeps a refused query from failing its neighbours", async () => {
    const fake = fakeIndexer();
    const source = indexerSource("http://indexer.test", { fetch: fake.fetch });
    await Promise.all(Array.from({ length: 20 }, () => source.select("member")));
    expect(fake.requests).toHaveLength(2);

    fake.requests.length = 0;
    // A table the indexer does not have (as a newer SDK against an older indexer would ask).
    const missing = source.select("booking");
    const [fine] = await Promise.all([source.select("offer"), expect(missing).rejects.toThrow(/refused the query/)]);
    expect(fine.total).toBe(0);
    // The batch was refused as a whole, then each query asked alone.
    expect(fake.requests).toHaveLength(3);
  });
});
