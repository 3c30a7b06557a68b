import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import type { Address } from "viem";

import { headWatcher, type HeadSource, type TableChange, type WatchedHead } from "@/lib/changes";
import { readsToRefresh, type Head } from "@/lib/head";
import { CLOCK_STEP, headOf } from "@/lib/refresh";
import { watchChanges } from "@/lib/weconet";

const watched = (patch: Partial<WatchedHead> = {}): WatchedHead => ({
  block: 10n,
  timestamp: 1_000,
  contracts: {},
  tables: {},
  ...patch,
});
/** The reads a browser refreshes going from one watched head to the next. */
const names = (from: WatchedHead, to: WatchedHead) => [...readsToRefresh(headOf(from), headOf(to))].sort();

describe("which reads a new head refreshes", () => {
  it("the first head refreshes nothing: the reads were just made", () => {
    expect(readsToRefresh(undefined, headOf(watched())).size).toBe(0);
  });

  it("a block without any change refreshes only what shows the block (and the balances, which any transaction moves)", () => {
    expect(names(watched(), watched({ block: 11n, timestamp: 1_001 }))).toEqual(["holdings", "status"]);
  });

  it("a changed table refreshes the lists that read it (the SDK's LIST_TABLES), and nothing else", () => {
    const before = watched({ tables: { booking: 5n, marketRequest: 5n } });
    const after = watched({ block: 11n, tables: { booking: 5n, marketRequest: 11n } });
    expect(names(before, after)).toEqual(["holdings", "marketRequests", "status"]);
    const credit = watched({ block: 12n, tables: { booking: 5n, marketRequest: 11n, credit: 12n } });
    // the inbox is built on the bookings (and their credits)
    expect(names(after, credit)).toEqual(["bookings", "credits", "holdings", "inbox", "status"]);
  });

  it("an event of a contract refreshes its point reads (view calls) and whatever reads every event", () => {
    const before = watched({ contracts: { membership: 3n } });
    const after = watched({ block: 11n, contracts: { membership: 11n } });
    expect(names(before, after)).toEqual(
      [
        "auditEvents",
        "authorizations",
        "holdings",
        "inbox",
        "isAuthorized",
        "member",
        "proposalView",
        "socket",
        "status",
        "voteOf",
      ].sort(),
    );
  });

  it("without a read model (no change rows) any event may have changed any table", () => {
    const before = watched({ tables: null });
    const after = watched({ block: 11n, tables: null, contracts: { market: 11n } });
    const refreshed = names(before, after);
    expect(refreshed).toContain("members");
    expect(refreshed).toContain("offers");
    expect(refreshed).toContain("offer");
    expect(refreshed).not.toContain("member");
    // Nothing happened at all: nothing is read again but the block.
    expect(names(before, watched({ block: 12n, tables: null }))).toEqual(["holdings", "status"]);
  });

  it("reads that depend on the time alone are refreshed at each step of the chain's clock", () => {
    const start = CLOCK_STEP * 100;
    const first = watched({ timestamp: start });
    expect(names(first, watched({ block: 11n, timestamp: start + CLOCK_STEP - 1 }))).toEqual(["holdings", "status"]);
    expect(names(first, watched({ block: 11n, timestamp: start + CLOCK_STEP }))).toEqual(
      [
        "authorizations",
        "bookings",
        "connections",
        "holdings",
        "inbox",
        "isAuthorized",
        "marketRequests",
        "match",
        "offer",
        "offers",
        "proposals",
        "proposalView",
        "requests",
        "socket",
        "status",
      ].sort(),
    );
  });

  it("a token's symbol and a proposal's decoded calls are read once", () => {
    const before = watched({ tables: { offer: 1n } });
    const after = watched({ block: 99n, timestamp: 99_999, tables: { offer: 99n }, contracts: { market: 99n } });
    expect(names(before, after)).not.toContain("tokens");
    expect(names(before, after)).not.toContain("decodeCalls");
  });

  it("a read the browser knows but the server does not name is left alone", () => {
    const previous = { block: 1n, timestamp: 1, versions: { offers: "t1" } };
    expect(readsToRefresh(previous, { block: 2n, timestamp: 2, versions: { members: "t2" } }).size).toBe(0);
  });
});

const MEMBERSHIP = "0x00000000000000000000000000000000000000a1" as Address;
const MARKET = "0x00000000000000000000000000000000000000B2" as Address;

/** A chain that answers from a script: the latest block, the logs per block, the change rows. */
function fakeChain() {
  const chain = {
    latest: 100n,
    logs: [] as { address: Address; block: bigint }[],
    tables: undefined as TableChange[] | undefined,
    calls: [] as [bigint, bigint][],
  };
  const source: HeadSource = {
    latestBlock: async () => ({ number: chain.latest, timestamp: Number(chain.latest) * 12 }),
    logs: async (_addresses, from, to) => {
      chain.calls.push([from, to]);
      return chain.logs.filter((l) => l.block >= from && l.block <= to);
    },
  };
  return { chain, source };
}

describe("the watch on a chain's head", () => {
  it("scans each new block range once, by address, and names the contracts that emitted", async () => {
    const { chain, source } = fakeChain();
    const watcher = headWatcher(source, { membership: MEMBERSHIP, market: MARKET }, { reuseMs: 0 });
    expect(await watcher.head()).toEqual({ block: 100n, timestamp: 1200, contracts: {}, tables: null });
    expect(chain.calls).toEqual([]);
    chain.latest = 103n;
    chain.logs.push({ address: MARKET.toLowerCase() as Address, block: 102n });
    const h = await watcher.head();
    expect(chain.calls).toEqual([[101n, 103n]]);
    expect(h.contracts).toEqual({ market: 102n });
    // Nothing new: no scan.
    await watcher.head();
    expect(chain.calls).toEqual([[101n, 103n]]);
  });

  it("passes on the read model's change rows", async () => {
    const { source } = fakeChain();
    const watcher = headWatcher(
      { ...source, tableChanges: async () => [{ table: "offer", block: 99n }] },
      { market: MARKET },
    );
    expect((await watcher.head()).tables).toEqual({ offer: 99n });
  });

  it("does not scan a gap wider than its range: every contract counts as changed", async () => {
    const { chain, source } = fakeChain();
    const watcher = headWatcher(source, { membership: MEMBERSHIP, market: MARKET }, { reuseMs: 0, maxRange: 10n });
    await watcher.head();
    chain.latest = 1_000n;
    expect((await watcher.head()).contracts).toEqual({ membership: 1_000n, market: 1_000n });
    expect(chain.calls).toEqual([]);
  });

  it("shares one look between concurrent callers and reuses it for a moment", async () => {
    const { source } = fakeChain();
    const latestBlock = vi.fn(source.latestBlock);
    let now = 0;
    const watcher = headWatcher({ ...source, latestBlock }, { market: MARKET }, { reuseMs: 250, now: () => now });
    await Promise.all([watcher.head(), watcher.head(), watcher.head()]);
    now = 100;
    await watcher.head();
    expect(latestBlock).toHaveBeenCalledTimes(1);
    now = 400;
    await watcher.head();
    expect(latestBlock).toHaveBeenCalledTimes(2);
  });

  it("looks again after a failure", async () => {
    const { source } = fakeChain();
    let fail = true;
    const watcher = headWatcher(
      {
        ...source,
        latestBlock: async () => {
          if (fail) throw new Error("node down");
          return source.latestBlock();
        },
      },
      { market: MARKET },
      { reuseMs: 10_000 },
    );
    await expect(watcher.head()).rejects.toThrow("node down");
    fail = false;
    expect((await watcher.head()).block).toBe(100n);
  });
});

describe("live updates refresh only the queries whose reads changed", () => {
  it("invalidates the offers list when the offer table changes, not the members or another chain's", async () => {
    const heads = [
      headOf(watched({ tables: { offer: 1n, member: 1n } })),
      headOf(watched({ block: 11n, tables: { offer: 11n, member: 1n } })),
    ];
    let calls = 0;
    const client = { head: async () => heads[Math.min(calls++, heads.length - 1)] ?? headOf(watched()) };
    const queryClient = new QueryClient();
    const offers = ["weconet", 31337, "offers", { all: true }];
    const members = ["weconet", 31337, "members", {}];
    const otherChain = ["weconet", 5, "offers", { all: true }];
    for (const key of [offers, members, otherChain]) queryClient.setQueryData(key, []);
    const seen: Head[] = [];
    const stop = watchChanges({ client, queryClient, chainId: 31337, intervalMs: 5, onHead: (h) => seen.push(h) });
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2));
    stop();
    expect(queryClient.getQueryState(offers)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(members)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(otherChain)?.isInvalidated).toBe(false);
  });
});
