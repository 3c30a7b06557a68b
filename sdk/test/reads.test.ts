import {
  createPublicClient,
  custom,
  http,
  numberToHex,
  parseEther,
  type Address,
  type PublicClient,
  zeroAddress,
} from "viem";
import { beforeAll, describe, expect, it } from "vitest";

import {
  BOOKING_STATUSES,
  createWeconet,
  inOneBatch,
  isSyncing,
  nodeRowSource,
  ROLES,
  rpcLogSource,
  type LogSource,
  type NodeRowSource,
  type RowSource,
  type ViewPage,
  type Weconet,
} from "../src/index.js";
import {
  as,
  chain,
  deployment,
  isolateFile,
  people,
  publicClient,
  reader,
  rpcUrl,
  testClient,
} from "./support/weconet.js";
import { deployTestToken } from "./support/token.js";

isolateFile();

const DAY = 86_400;

/** A public client over the test chain that counts its JSON-RPC requests by method. */
function countingClient(): { client: PublicClient; take(): Record<string, number>; logs(): unknown[] } {
  const inner = http(rpcUrl)({ chain });
  let calls: { method: string; params?: unknown }[] = [];
  const client = createPublicClient({
    chain,
    pollingInterval: 50,
    transport: custom({
      request: (args: { method: string; params?: unknown }) => {
        calls.push(args);
        return inner.request(args as Parameters<typeof inner.request>[0]);
      },
    }),
  });
  return {
    client,
    /** The requests since the last `take`, by method. */
    take() {
      const counts: Record<string, number> = {};
      for (const c of calls) counts[c.method] = (counts[c.method] ?? 0) + 1;
      calls = [];
      return counts;
    },
    /** The `eth_getLogs` parameters since the last `take` (without taking them). */
    logs: () => calls.filter((c) => c.method === "eth_getLogs").map((c) => c.params),
  };
}

let admissions = 0;
/** Admits `address`, by each founding leader in turn (each may admit only so many in a window). */
async function admit(address: Address, label: string): Promise<void> {
  await as(address).membership.apply({ profile: `profile of ${label}` });
  await as(admissions++ % 2 === 0 ? people.lars : people.lena).membership.admit({ applicant: address });
}

/** Every item of a paged list, `limit` at a time. */
async function allPages<V>(read: (page: { limit: number; after?: string }) => Promise<ViewPage<V>>, limit: number) {
  const items: V[] = [];
  const totals: (number | null)[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await read({ limit, ...(after === undefined ? {} : { after }) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    totals.push(page.total);
    if (page.next === null) return { items, totals };
    after = page.next;
  }
}

describe("reads on rows", () => {
  const members = [0, 1, 2, 3, 4, 5].map((i) => people.outsider(i)) as [
    Address,
    Address,
    Address,
    Address,
    ...Address[],
  ];
  const [alice, bob, carol, dave] = members;
  let offerId = 0n;

  beforeAll(async () => {
    for (const [i, m] of members.entries()) await admit(m, `reads-${i}`);
    const { resourceId } = await as(alice).resources.register({ resourceClass: "courier_service", metadata: "bike" });
    ({ offerId } = await as(alice).market.listOffer({
      resourceId,
      unitPrice: parseEther("0.01"),
      capacity: 5,
      document: "a ride",
    }));
    await as(alice).market.listOffer({ resourceId, unitPrice: parseEther("0.02"), capacity: 5, document: "a ride" });
    const paused = await as(alice).market.listOffer({
      resourceId,
      unitPrice: parseEther("0.005"),
      capacity: 5,
      document: "a ride",
    });
    await as(alice).market.pauseOffer({ offerId: paused.offerId });
    await as(bob).market.book({ offerId, quantity: 1n });
    await as(bob).access.grant({
      grantee: carol,
      attributes: ["email", "phone"],
      purpose: "dpv:Marketing",
      duration: DAY,
    });
    await as(dave).access.requestAccess({
      owner: carol,
      attributes: ["email"],
      purpose: "dpv:Marketing",
      duration: DAY,
    });
    await as(people.lars).governance.proposeRuleChange({ rule: "marketFeeBps", value: 300n, title: "Fee 3%" });
    await as(people.lena).governance.proposeRuleChange({ rule: "marketFeeBps", value: 200n, title: "Fee 2%" });
  });

  it("reads only the blocks after the last read, in a number of requests that does not grow with the items", async () => {
    const counter = countingClient();
    const w = createWeconet({ deployment, publicClient: counter.client });
    const source = w.rows as NodeRowSource;
    expect(isSyncing(source)).toBe(true);

    const first = (await w.reads.members()).items.length;
    const catchUp = counter.take();
    expect(catchUp.eth_getLogs).toBeGreaterThan(0);
    const head = await publicClient.getBlockNumber();
    console.log(`first catch-up (${head - deployment.fromBlock + 1n} blocks): ${JSON.stringify(catchUp)}`);
    expect(source.syncedTo).toBe(head);

    // Nothing new: the chain's head, and one multicall for what the membership derives of the members.
    await w.reads.members();
    expect(counter.take()).toEqual({ eth_getBlockByNumber: 1, eth_call: 1 });

    for (const [i, m] of [people.outsider(6), people.outsider(7)].entries()) await admit(m, `more-${i}`);
    const fewer = (await w.reads.members()).items.length;
    expect(fewer).toBe(first + 2);
    // The new blocks only: one eth_getLogs from the block after the last one folded.
    expect(counter.logs()).toEqual([
      expect.objectContaining({ 0: expect.objectContaining({ fromBlock: numberToHex(head + 1n) }) }),
    ]);
    const caughtUp = counter.take();
    // the head, and the last block folded (still on the chain?)
    expect(caughtUp).toEqual({ eth_getBlockByNumber: 2, eth_getLogs: 1, eth_call: 1 });

    for (const [i, m] of [8, 9, 10, 11, 12].map((j) => people.outsider(j)).entries()) await admit(m, `many-${i}`);
    await w.reads.members();
    counter.take();
    const more = (await w.reads.members()).items.length;
    expect(more).toBe(fewer + 5);
    expect(counter.take()).toEqual({ eth_getBlockByNumber: 1, eth_call: 1 });
  });

  it("makes at most one multicall per list after the catch-up (and none where the rows say everything)", async () => {
    const counter = countingClient();
    const w = createWeconet({ deployment, publicClient: counter.client });
    await w.reads.changes();
    counter.take();
    const lists: Record<string, () => Promise<unknown>> = {
      members: () => w.reads.members(),
      proposals: () => w.reads.proposals(),
      resources: () => w.reads.resources(),
      connections: () => w.reads.connections(),
      requests: () => w.reads.requests(),
      applications: () => w.reads.applications(),
      offers: () => w.reads.offers(),
      allOffers: () => w.reads.offers({ all: true }),
      bookings: () => w.reads.bookings(),
      marketRequests: () => w.reads.marketRequests({ all: true }),
      attributes: () => w.reads.attributes(),
      credits: () => w.reads.credits(alice),
      changes: () => w.reads.changes(),
    };
    const measured: Record<string, Record<string, number>> = {};
    for (const [name, read] of Object.entries(lists)) {
      await read();
      measured[name] = counter.take();
    }
    // rules read the contract's (pure) rule book once per client, then rows only
    await w.reads.rules();
    counter.take();
    await w.reads.rules();
    measured.rules = counter.take();
    console.log(`requests per list after the catch-up: ${JSON.stringify(measured)}`);
    for (const counts of Object.values(measured)) {
      expect(counts.eth_getBlockByNumber).toBe(1);
      expect(counts.eth_getLogs ?? 0).toBe(0);
      expect(counts.eth_call ?? 0).toBeLessThanOrEqual(1);
      expect(Object.keys(counts).every((m) => m === "eth_getBlockByNumber" || m === "eth_call")).toBe(true);
    }
    for (const rowsOnly of [
      "resources",
      "requests",
      "bookings",
      "marketRequests",
      "attributes",
      "credits",
      "changes",
    ]) {
      expect(measured[rowsOnly]).toEqual({ eth_getBlockByNumber: 1 });
    }
  });

  it("shares one catch-up between concurrent reads", async () => {
    const counter = countingClient();
    const w = createWeconet({ deployment, publicClient: counter.client });
    await w.reads.changes();
    await as(carol).resources.register({ resourceClass: "desk", metadata: "a desk" });
    counter.take();
    await Promise.all([
      w.reads.members(),
      w.reads.offers({ all: true }),
      w.reads.bookings(),
      w.reads.connections(),
      w.reads.resources(),
    ]);
    const counts = counter.take();
    expect(counts.eth_getLogs).toBe(1);
    expect(counts.eth_getBlockByNumber).toBe(5 + 1);
  });

  it("folds anew when the chain no longer holds the last block it folded (a revert, a reorg)", async () => {
    const w = createWeconet({ deployment, publicClient });
    const snapshot = await testClient.snapshot();
    const newcomer = people.outsider(13);
    await admit(newcomer, "reverted");
    expect((await w.reads.members()).items.map((m) => m.account)).toContain(newcomer);
    await testClient.revert({ id: snapshot });
    await testClient.mine({ blocks: 1 });
    expect((await w.reads.members()).items.map((m) => m.account)).not.toContain(newcomer);
    // and the same height with another block
    const again = await testClient.snapshot();
    await testClient.mine({ blocks: 1 });
    await w.reads.members();
    await testClient.revert({ id: again });
    await admit(newcomer, "again");
    expect((await w.reads.members()).items.map((m) => m.account)).toContain(newcomer);
  });

  it("pages give the whole list, in order, with its total", async () => {
    const everyone = (await reader.reads.members()).items;
    const paged = await allPages((p) => reader.reads.members(p), 3);
    expect(paged.items).toEqual(everyone);
    expect(new Set(paged.totals)).toEqual(new Set([everyone.length]));

    const active = (await reader.reads.members({ statuses: ["active"] })).items;
    expect(active).toEqual(everyone.filter((m) => m.status === "active"));

    // filtered by the contracts' views (the governor's state): pages read on until full
    const proposals = (await reader.reads.proposals()).items;
    // newest first
    expect(proposals.map((p) => p.title)).toEqual(["Fee 2%", "Fee 3%"]);
    const pending = await allPages((p) => reader.reads.proposals({ ...p, states: ["pending"] }), 1);
    expect(pending.items).toEqual(proposals.filter((p) => p.state === "pending"));

    // cheapest first; by default only bookable ones (the paused, cheapest offer is left out)
    const all = (await reader.reads.offers({ all: true })).items;
    expect(all.map((o) => o.unitPrice)).toEqual(
      [...all.map((o) => o.unitPrice)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    const bookable = await allPages((p) => reader.reads.offers(p), 1);
    expect(bookable.items).toEqual(all.filter((o) => o.bookable));
    expect(bookable.items.map((o) => o.id)).toContain(offerId);

    await expect(reader.reads.members({ limit: 0 })).rejects.toThrow("a page holds 1 to 1000 items, not 0");
    await expect(reader.reads.members({ after: "x" })).rejects.toThrow("`after` pages a list: give a `limit` too");
  });

  it("says of each item what the contracts' views say of it", async () => {
    for (const m of (await reader.reads.members()).items) expect(m).toEqual(await reader.reads.member(m.account));
    for (const o of (await reader.reads.offers({ all: true })).items) expect(o).toEqual(await reader.reads.offer(o.id));
    const [connection] = (await reader.reads.connections({ member: bob, direction: "given", states: ["live"] })).items;
    expect(connection?.authorizedAttributes).toEqual(
      (await reader.reads.authorizations({ owner: bob, grantee: carol, attributes: connection?.attributeIds ?? [] }))
        .filter((a) => a.authorized)
        .map((a) => a.attributeId),
    );
    expect(connection?.authorizedAttributes).toHaveLength(2);
    const [booking] = (await reader.reads.bookings({ party: bob })).items;
    expect(booking?.status).toBe("booked");
    const stored = await reader.contracts.market.read.booking([booking?.id ?? 0n]);
    expect(BOOKING_STATUSES[stored.status]).toBe(booking?.status);
  });

  it("reads any RowSource given as the indexer (here the rows of another fold) the same way", async () => {
    const fold = nodeRowSource(publicClient, deployment);
    await fold.sync();
    const overRows: Weconet = createWeconet({ deployment, publicClient, indexer: fold.store });
    expect(isSyncing(overRows.rows)).toBe(false);
    expect(await overRows.reads.members()).toEqual(await reader.reads.members());
    expect(await overRows.reads.offers({ all: true })).toEqual(await reader.reads.offers({ all: true }));
    expect(await overRows.reads.connections()).toEqual(await reader.reads.connections());
    expect(await overRows.reads.proposals()).toEqual(await reader.reads.proposals());
    // an acting client shares its reader's rows
    const wallet = as(alice).walletClient;
    if (wallet === undefined) throw new Error("test setup: as() gives no wallet");
    expect(overRows.connect(wallet).rows).toBe(fold.store);
  });

  it("catches up through a provider that caps eth_getLogs ranges (the reader halves them)", async () => {
    const node = rpcLogSource(publicClient);
    let refused = 0;
    let asked = 0;
    const capped: LogSource = {
      async getLogs(query) {
        asked++;
        if (query.toBlock - query.fromBlock + 1n > 5n) {
          refused++;
          throw new Error("query exceeds max block range 5");
        }
        return node.getLogs(query);
      },
      getBlockTimestamp: (block) => node.getBlockTimestamp(block),
    };
    const source = nodeRowSource(publicClient, deployment, { source: capped });
    const w = createWeconet({ deployment, publicClient, indexer: source });
    expect(await w.reads.members()).toEqual(await reader.reads.members());
    expect(await w.reads.offers({ all: true })).toEqual(await reader.reads.offers({ all: true }));
    expect(refused).toBeGreaterThan(0);
    const head = await publicClient.getBlockNumber();
    expect(asked).toBeGreaterThanOrEqual(Number((head - deployment.fromBlock + 1n) / 5n));
  });

  it("reads again what an action relies on once a lagging indexer has reached the chain's head", async () => {
    const fold = nodeRowSource(publicClient, deployment);
    let asked = 0;
    // An indexer one step behind: it applies the chain's new blocks only the second time it is asked its block.
    const lagging: RowSource = {
      get: (table, key) => fold.get(table, key),
      select: (table, options) => fold.select(table, options),
      async block() {
        if (++asked % 2 === 0) await fold.sync();
        return fold.block();
      },
    };
    const w = createWeconet({ deployment, publicClient, indexer: lagging });
    await fold.sync();
    const { proposalId } = await as(people.lars).governance.proposeRuleChange({
      rule: "marketFeeBps",
      value: 100n,
      title: "Fee 1%",
    });
    expect(await fold.get("proposal", { id: proposalId })).toBeUndefined();
    expect((await w.reads.proposal(proposalId)).title).toBe("Fee 1%");
    expect(asked).toBe(2);
    await expect(w.reads.proposal(999n)).rejects.toThrow("there is no proposal 999 on this network");
  });

  it("reads many views in as few calls as the node's init code limit allows", async () => {
    const counter = countingClient();
    const w = createWeconet({ deployment, publicClient: counter.client });
    const accounts = Array.from({ length: 400 }, (_, i) => people.outsider(i % 14));
    const held = await inOneBatch(w.context, undefined, (batch) =>
      Promise.all([
        ...accounts.map((a) => batch.view("membership", "hasActiveRole", [ROLES.leader, a])),
        batch.view("membership", "hasActiveRole", [ROLES.leader, people.lars]),
      ]),
    );
    expect(held.slice(0, -1).every((h) => !h)).toBe(true);
    expect(held.at(-1)).toBe(true);
    const calls = counter.take().eth_call ?? 0;
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThanOrEqual(4);
  });
});

describe("reads.tokens", () => {
  it("names ETH, an ERC-20 by its own symbol and decimals, each once, and an account that is no token neutrally", async () => {
    const token = await deployTestToken([], 0n);
    const infos = await reader.reads.tokens([zeroAddress, token, token.toLowerCase() as Address, people.outsider(3)]);
    expect(infos).toEqual([
      { address: zeroAddress, symbol: "ETH", decimals: 18 },
      { address: token.toLowerCase(), symbol: "TST", decimals: 18 },
      { address: people.outsider(3).toLowerCase(), symbol: "tokens", decimals: 18 },
    ]);
  });
});
