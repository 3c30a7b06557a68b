import { describe, expect, it, vi } from "vitest";

import type { WatchedHead } from "@/lib/changes";
import { readCache } from "@/lib/read-cache";
import { CLOCK_STEP } from "@/lib/refresh";

describe("the server keeps answers until what they read changed", () => {
  function setup() {
    let current: WatchedHead = { block: 10n, timestamp: 1_000, contracts: {}, tables: { offer: 1n, member: 1n } };
    const run = vi.fn(
      async (name: string, args: readonly unknown[]) => `${name}${JSON.stringify(args)}@${current.block}`,
    );
    const head = vi.fn(async (atLeast?: bigint) => {
      if (atLeast !== undefined && current.block < atLeast) current = { ...current, block: atLeast };
      return current;
    });
    const cache = readCache({ run, head, maxEntries: 3 });
    const move = (patch: Partial<WatchedHead>) => (current = { ...current, ...patch });
    return { cache, run, move };
  }

  it("answers the same read again from what it kept, and other arguments apart", async () => {
    const { cache, run } = setup();
    expect(await cache.read("offers", [{ all: true }])).toBe('offers[{"all":true}]@10');
    expect(await cache.read("offers", [{ all: true }])).toBe('offers[{"all":true}]@10');
    expect(await cache.read("offers", [])).toBe("offers[]@10");
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("reads again once a table it reads changed, not when another did", async () => {
    const { cache, run, move } = setup();
    await cache.read("offers", []);
    await cache.read("members", []);
    move({ block: 11n, tables: { offer: 11n, member: 1n } });
    expect(await cache.read("offers", [])).toBe("offers[]@11");
    expect(await cache.read("members", [])).toBe("members[]@10");
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("reads a view again when its contract emitted an event, and time-dependent reads when the clock moved", async () => {
    const { cache, move } = setup();
    await cache.read("member", ["0xa"]);
    await cache.read("proposals", []);
    move({ block: 11n, contracts: { membership: 11n } });
    expect(await cache.read("member", ["0xa"])).toBe('member["0xa"]@11');
    expect(await cache.read("proposals", [])).toBe("proposals[]@10");
    move({ block: 12n, timestamp: 1_000 + 2 * CLOCK_STEP });
    expect(await cache.read("proposals", [])).toBe("proposals[]@12");
  });

  it("a caller who saw a later block gets an answer that includes it", async () => {
    const { cache } = setup();
    await cache.read("member", ["0xa"]);
    // The head moves to block 15 for this caller (its transaction's), with an event of the member's contract.
    expect(await cache.read("status", [], 15n)).toBe("status[]@15");
  });

  it("keeps no failure, and no more answers than it may", async () => {
    const { cache, run } = setup();
    run.mockRejectedValueOnce(new Error("node down"));
    await expect(cache.read("rules", [])).rejects.toThrow("node down");
    expect(await cache.read("rules", [])).toBe("rules[]@10");
    for (const name of ["members", "offers", "resources"]) await cache.read(name, []);
    // "rules" was the least recently used of four: it went.
    await cache.read("rules", []);
    expect(run.mock.calls.filter(([name]) => name === "rules")).toHaveLength(3);
  });

  it("never keeps a read without a refresh rule", async () => {
    const { cache, run } = setup();
    await cache.read("unknown", []);
    await cache.read("unknown", []);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
