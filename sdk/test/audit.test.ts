import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  encodeAbiParameters,
  erc20Abi,
  hexToBigInt,
  keccak256,
  numberToHex,
  padHex,
  stringToHex,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  applyEvents,
  compareSources,
  connectionIdOf,
  CONTRACT_NAMES,
  CSV_HEADER,
  describeEvent,
  foldToMemory,
  formatDate,
  personName,
  personNames,
  rpcLogSource,
  sendCall,
  shortAddress,
  shortId,
  summarize,
  TrailFacts,
  verifyRows,
  type AuditEvent,
  type LogSource,
  type SummaryContext,
} from "../src/index.js";
import { exportEvents } from "../src/node/index.js";
import {
  admitMember,
  as,
  deployment,
  isolateFile,
  people,
  publicClient,
  reader,
  testClient,
} from "./support/weconet.js";
import { deployTestToken } from "./support/token.js";

isolateFile();

const dir = mkdtempSync(path.join(tmpdir(), "weconet-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The chain as a log source that leaves out the transaction of the first `event`: a trail with a gap. */
async function droppingFirst(event: string): Promise<LogSource> {
  const chain = rpcLogSource(publicClient);
  const dropped = (await collect(reader.audit.events())).find((e) => e.event === event);
  if (dropped === undefined) throw new Error(`no ${event} to drop`);
  return {
    getBlockTimestamp: (b) => chain.getBlockTimestamp(b),
    getLogs: async (q) => (await chain.getLogs(q)).filter((log) => log.transactionHash !== dropped.tx),
  };
}

const collect = async (events: AsyncIterable<AuditEvent>) => {
  const all: AuditEvent[] = [];
  for await (const e of events) all.push(e);
  return all;
};

describe("the audit trail", () => {
  const alice = people.outsider(0);
  const bob = people.outsider(1);
  const carol = people.outsider(2);
  const planner = people.outsider(9);
  let resourceId = 0n;
  let token: Address;

  beforeAll(async () => {
    await admitMember(alice, "alice");
    ({ resourceId } = await as(alice).resources.register({ resourceClass: "bike", metadata: "cargo bike" }));
    await as(people.lars).membership.suspend({ member: alice, reason: "late-fees" });
    await as(people.lars).membership.reinstate({ member: alice });
    // Data connections: a developer's application, live and closed connections, a pending request.
    await admitMember(bob, "bob");
    await admitMember(carol, "carol");
    await as(people.lars).membership.grantDeveloper({ account: bob });
    await as(bob).applications.register({
      account: planner,
      consent: await as(planner).applications.consentToRegistration({ developer: bob }),
      name: "Route planner",
      metadataURI: "ipfs://route-planner",
      attributes: ["delivery_address"],
      purpose: "dpv:ServiceProvision",
    });
    await as(carol).access.grantToApplication({ application: planner, duration: 86_400 });
    await as(bob).access.grant({
      grantee: carol,
      attributes: ["postal_address"],
      purpose: "dpv:DeliveryOfGoods",
      duration: 86_400,
    });
    await as(carol).access.grant({
      grantee: bob,
      attributes: ["email", "phone"],
      purpose: "dpv:Marketing",
      duration: 600,
    });
    await as(carol).access.revoke({ grantee: bob });
    await as(carol).access.requestAccess({
      owner: bob,
      attributes: ["phone"],
      purpose: "dpv:CustomerCare",
      duration: 3_600,
    });
    // The market: carol's desks, booked by bob in ETH and in a token (open escrows), one booking completed.
    token = await deployTestToken([bob], 10n ** 21n);
    const { resourceId: desks } = await as(carol).resources.register({ resourceClass: "desk", metadata: "desks" });
    const { offerId: inEth } = await as(carol).market.listOffer({
      resourceId: desks,
      unitPrice: 10n ** 15n,
      capacity: 10,
      document: "a desk, per day",
    });
    const { offerId: inToken } = await as(carol).market.listOffer({
      resourceId: desks,
      token,
      unitPrice: 10n ** 18n,
      capacity: 10,
      document: "a desk, per day, in tokens",
    });
    await as(bob).market.book({ offerId: inEth, quantity: 2 });
    await as(bob).market.book({ offerId: inToken, quantity: 3 });
    const { bookingId } = await as(bob).market.book({ offerId: inEth, quantity: 1 });
    await as(carol).market.acceptBooking({ bookingId });
    await as(bob).market.completeBooking({ bookingId });
    // Where data lives: carol names her socket; a socket operator anchors its receipt logs.
    await as(carol).sockets.set({ url: "https://carol.example.org" });
    await as(people.outsider(8)).sockets.anchor({ root: keccak256(stringToHex("heads")), receipts: 2 });
  });

  it("reads every event of every contract in chain order, typed and normalized", async () => {
    const events = await collect(reader.audit.events());
    const contracts = new Set(events.map((e) => e.contract));
    expect([...contracts].sort()).toEqual(CONTRACT_NAMES.toSorted());
    const order = events.map((e) => e.block * 100_000n + BigInt(e.logIndex));
    expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : 1)));

    const admitted = events.find(
      (e) => e.contract === "Membership" && e.event === "MemberAdmitted" && e.args.member === alice,
    );
    expect(admitted).toMatchObject({ actor: people.lars, summary: `${people.lars} admitted ${alice}` });
    expect(admitted?.timestamp).toBeGreaterThan(1_600_000_000);
    const suspended = events.find((e) => e.event === "MemberSuspended");
    expect(suspended?.summary).toBe(`${people.lars} suspended ${alice} as a leader (late-fees)`);
    const rules = events.filter((e) => e.event === "RuleChanged").map((e) => e.summary);
    expect(rules).toContain("market fee 0% → 1%");
    const closed = events.find((e) => e.event === "ConnectionClosed");
    expect(closed).toMatchObject({
      actor: carol,
      subjects: { accounts: [carol, bob] },
      summary: `${carol} closed the connection from ${carol} to ${bob} (revoked)`,
    });
    const opened = events.find((e) => e.event === "ConnectionOpened");
    expect(opened?.summary).toMatch(
      new RegExp(
        `^${carol} opened a connection to ${planner}: attribute delivery_address \\(5\\) for Service provision \\(dpv:ServiceProvision\\) until \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} UTC \\(by owner consent\\)$`,
      ),
    );
  });

  it("filters by member, attribute and resource", async () => {
    const byAlice = await collect(reader.audit.events({}));
    const aliceEvents = byAlice.filter((e) => e.subjects.accounts.includes(alice));
    const { filterEvents } = await import("../src/index.js");
    const filtered = await collect(filterEvents(reader.audit.events(), { accounts: [alice] }));
    expect(filtered).toEqual(aliceEvents);
    expect(filtered.map((e) => e.event)).toEqual([
      "ProfileUpdated",
      "MembershipApplied",
      "Transfer",
      "MemberAdmitted",
      "ResourceRegistered",
      // a suspension takes no vote (and alice, on probation, has none yet)
      "MemberSuspended",
      "MemberReinstated",
    ]);
    const bike = await reader.reads.attributeId("bike");
    const byBike = await collect(filterEvents(reader.audit.events(), { attributes: [bike] }));
    expect(byBike.map((e) => e.summary)).toEqual([
      `attribute ${bike} "bike" (resource) was added`,
      `${alice} registered resource ${resourceId} of class bike (${bike})`,
    ]);
    const byResource = await collect(filterEvents(reader.audit.events(), { resources: [resourceId] }));
    expect(byResource).toHaveLength(1);
  });

  it("tells amounts in their token's units, dates as dates, rules in words and people by name", async () => {
    const events = await collect(reader.audit.events());
    const created = events.filter((e) => e.event === "BookingCreated");
    // Without context: ETH in ETH, an ERC-20 (its decimals are not in the event) in its smallest unit, saying so.
    expect(created.map((e) => e.summary.replace(/^.*\), /, ""))).toEqual([
      "0.002 ETH in escrow",
      `3000000000000000000 of token ${token} (in its smallest unit) in escrow`,
      "0.001 ETH in escrow",
    ]);
    // BookingSettled does not name its token: the trail's BookingCreated did, so its amounts read in ETH.
    const settled = events.find((e) => e.event === "BookingSettled");
    expect(settled?.summary).toBe(
      `booking ${settled?.subjects.bookings[0]} ended completed by ${bob}: refund 0 ETH, payment 0.00099 ETH, fee 0.00001 ETH`,
    );

    // With the dApp's context: the token's symbol, names, short ids, dates in a given zone.
    const names = personNames([
      { address: alice, name: "Alice" },
      { address: bob, name: "Bob" },
      { address: carol, name: "Carol" },
      { address: people.lars, name: "Lars" },
    ]);
    const symbol = await publicClient.readContract({ address: token, abi: erc20Abi, functionName: "symbol" });
    const context: SummaryContext = {
      token: (address) => (address === token ? { address, symbol, decimals: 18 } : undefined),
      person: (address) => personName(address, names),
      longId: (id) => shortId(id),
      date: (seconds) => formatDate(seconds, { timeZone: "Europe/Berlin" }),
    };
    const facts = TrailFacts.of(events);
    const readable = events.map((e) => summarize(e, facts.context(context)));
    expect(readable).toContain(
      `Bob (${shortAddress(bob)}) booked 3 unit(s) of offer 2 (booking 2), 3 ${symbol} in escrow`,
    );
    expect(readable).toContain(`Lars (${shortAddress(people.lars)}) admitted Alice (${shortAddress(alice)})`);
    // No raw wei, no unix seconds, no 78-digit ids, no whole addresses or hashes left in any sentence.
    expect(readable.filter((text) => /\d{13,}|0x[0-9a-fA-F]{12,}/.test(text))).toEqual([]);
    // The machine-readable fields do not depend on the sentence.
    expect(created[1]?.args).toMatchObject({ token, amount: 3n * 10n ** 18n, quantity: 3n });
  });

  it("tells governance and rule events with dates, short ids and units", () => {
    const proposalId = 71696087502631147148658298817282241535419667246690653406380167689183408814849n;
    const context: SummaryContext = { longId: (id) => shortId(id) };
    expect(
      describeEvent("WeconetGovernor", "ProposalQueued", { proposalId, etaSeconds: 1796675765n }, context).summary,
    ).toBe("proposal 716960…4849 was queued, executable from 7 Dec 2026, 20:36 UTC");
    expect(
      describeEvent("NetworkRules", "RuleChanged", {
        key: padHex(stringToHex("marketFeeBps"), { dir: "right" }),
        oldValue: 150n,
        newValue: 200n,
      }).summary,
    ).toBe("market fee 1.5% → 2%");
    expect(
      describeEvent("WeconetTimelock", "MinDelayChange", { oldDuration: 86_400n, newDuration: 172_800n }).summary,
    ).toBe("timelock delay set to 2 days (was 1 day)");
  });

  it("exports JSON Lines and CSV, streamed to files", async () => {
    const total = (await collect(reader.audit.events())).length;
    const jsonl = path.join(dir, "trail.jsonl");
    expect(await exportEvents(reader.audit.events(), jsonl, "jsonl")).toBe(total);
    const lines = readFileSync(jsonl, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(total);
    const first = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      "chainId",
      "block",
      "logIndex",
      "timestamp",
      "time",
      "tx",
      "contract",
      "address",
      "event",
      "actor",
      "args",
      "subjects",
      "summary",
    ]);
    expect(first.chainId).toBe(31337);

    const csv = path.join(dir, "trail.csv");
    expect(await exportEvents(reader.audit.events(), csv, "csv")).toBe(total);
    const rows = readFileSync(csv, "utf8").trimEnd().split("\n");
    expect(rows[0]).toBe(CSV_HEADER);
    expect(rows).toHaveLength(total + 1);
    expect(rows.some((r) => r.includes(`"{""member"":""${alice}"",""by"":""${people.lars}""}"`))).toBe(true);
  });

  it("verifies: the state rebuilt from events equals the contracts' views", async () => {
    const report = await reader.audit.verify();
    expect(report.differences).toEqual([]);
    expect(report.checks).toBeGreaterThan(100);
    const { store } = report;
    expect(store.row("member", { account: alice })?.status).toBe("active");
    expect(store.row("resource", { id: resourceId })?.owner).toBe(alice);
    expect(store.rows("connection").map((c) => [c.owner, c.grantee, c.open])).toEqual([
      [carol, planner, true],
      [bob, carol, true],
      [carol, bob, false],
    ]);
    expect(store.rows("accessRequest").map((r) => [r.grantee, r.status])).toEqual([[carol, "pending"]]);
    expect(store.row("application", { account: planner })?.status).toBe("active");
    expect(store.size("connector")).toBe(1);
    expect(store.row("settings", { id: "network" })?.bootstrapFinished).toBe(true);
    const open = store.rows("booking").filter((b) => b.status === "booked");
    expect(open.map((b) => [b.token, b.amount])).toEqual([
      [zeroAddress, 2n * 10n ** 15n],
      [token, 3n * 10n ** 18n],
    ]);
    expect(store.row("credit", { token: zeroAddress, account: carol })?.amount).toBe(10n ** 15n - 10n ** 13n);
  });

  it("folds incrementally: a fold resumed from its cursor equals a fold from zero, row for row", async () => {
    const events = await collect(reader.audit.events());
    const whole = await foldToMemory(events);
    const middle = events[Math.floor(events.length / 2)];
    if (middle === undefined) throw new Error("test setup: no events");
    const resumed = await foldToMemory(events.filter((e) => e.block <= middle.block));
    expect(await resumed.block()).toBe(middle.block);
    expect((await compareSources(whole, resumed)).length).toBeGreaterThan(0);
    // the whole trail again: what the resumed store folded already is skipped
    const applied = await applyEvents(resumed, events);
    expect(applied).toBe(events.filter((e) => e.block > middle.block).length);
    expect(await compareSources(whole, resumed)).toEqual([]);
    expect(whole.row("settings", { id: "network" })?.events).toBe(events.length);
    // every table an event wrote names the last block that wrote it
    const last = events.at(-1);
    expect(whole.rows("change").map((c) => c.table)).toEqual(expect.arrayContaining(["member", "booking", "rule"]));
    expect(whole.rows("change").some((c) => c.block === last?.block)).toBe(true);

    // the rows compared with the contracts directly: no difference, the same checks as the trail's verification
    const trail = await reader.audit.verify();
    const rows = await verifyRows(reader.context, whole, trail.toBlock);
    expect(rows.differences).toEqual([]);
    expect(rows.checks).toBe(trail.checks);

    // a row that differs is named, column by column; a missing row as missing
    const bookings = whole.rows("booking");
    const booking = bookings[0];
    if (booking === undefined) throw new Error("test setup: no booking");
    resumed.put("booking", { ...booking, amount: booking.amount + 1n });
    resumed.put("socket", { account: alice, url: "https://forged.example" });
    expect(await compareSources(whole, resumed)).toEqual([
      {
        table: "booking",
        key: JSON.stringify([booking.id.toString()]),
        column: "amount",
        a: String(booking.amount),
        b: String(booking.amount + 1n),
      },
      { table: "socket", key: JSON.stringify([alice.toLowerCase()]), column: null, a: "missing", b: "present" },
    ]);
  });

  it("catches a dropped booking and tokens the market holds beyond escrows and credits", async () => {
    const dropping = await droppingFirst("BookingCreated");
    const dropped = await reader.audit.verify({ source: dropping });
    // The booking is missing, its offer's booked units are short, and the market holds more ETH than it owes.
    expect(
      dropped.differences.map((d) => [d.subject, d.fromEvents.split("/").at(-2), d.onChain.split("/").at(-2)]),
    ).toEqual([
      ["booking count", undefined, undefined],
      ["offer 1", "1", "3"],
      ["ETH held by the market (open escrows + credits)", undefined, undefined],
    ]);
    expect(dropped.differences.at(-1)).toMatchObject({
      fromEvents: String(10n ** 15n),
      onChain: String(3n * 10n ** 15n),
    });

    // Tokens sent to the market outside a booking: the market holds more than it owes.
    const snapshot = await testClient.snapshot();
    await sendCall(as(bob).context, {
      address: token,
      abi: erc20Abi,
      functionName: "transfer",
      args: [deployment.contracts.market, 5n],
      doing: "send tokens to the market directly",
    });
    const donated = await reader.audit.verify();
    expect(donated.differences).toEqual([
      {
        domain: "escrows",
        subject: `${token} held by the market (open escrows + credits)`,
        fromEvents: String(3n * 10n ** 18n),
        onChain: String(3n * 10n ** 18n + 5n),
      },
    ]);
    await testClient.revert({ id: snapshot });
  });

  it("reads in small chunks, survives a flaky node and halves a range the node refuses", async () => {
    const chain = rpcLogSource(publicClient);
    let calls = 0;
    const flaky: LogSource = {
      getBlockTimestamp: (b) => chain.getBlockTimestamp(b),
      async getLogs(query) {
        calls++;
        if (calls % 3 === 1) throw new Error("socket hang up");
        if (query.toBlock - query.fromBlock > 3n) throw new Error("query returned more than 10000 results");
        return chain.getLogs(query);
      },
    };
    const expected = await collect(reader.audit.events());
    const progress: bigint[] = [];
    const events = await collect(
      reader.audit.events({ source: flaky, chunkSize: 50n, onProgress: (p) => progress.push(p.doneBlock) }),
    );
    expect(events).toEqual(expected);
    expect(progress.length).toBeGreaterThan(3);
  });

  it("catches an event source that drops or alters an event", async () => {
    const chain = rpcLogSource(publicClient);
    const dropping = await droppingFirst("MemberReinstated");
    const dropped = await reader.audit.verify({ source: dropping });
    expect(dropped.differences.map((d) => d.subject)).toEqual(
      expect.arrayContaining([`${alice} status`, `${alice} status since`, `${alice} suspended by`]),
    );

    // A forged RuleChanged that claims a market fee of 99%.
    const altering: LogSource = {
      getBlockTimestamp: (b) => chain.getBlockTimestamp(b),
      getLogs: async (q) =>
        (await chain.getLogs(q)).map((log) =>
          log.address.toLowerCase() === deployment.contracts.networkRules.toLowerCase() &&
          hexToBigInt(log.data.slice(66, 130).padStart(64, "0") === "" ? "0x0" : (`0x${log.data.slice(66)}` as Hex)) ===
            100n
            ? { ...log, data: `${log.data.slice(0, 66)}${padHex(numberToHex(9_900), { size: 32 }).slice(2)}` as Hex }
            : log,
        ),
    };
    const altered = await reader.audit.verify({ source: altering });
    expect(altered.differences).toContainEqual({
      domain: "rules",
      subject: "rule marketFeeBps",
      fromEvents: "9900",
      onChain: "100",
    });
  });

  it("catches a dropped connection close and a connection changed behind the events' back", async () => {
    const dropping = await droppingFirst("ConnectionClosed");
    const email = await reader.reads.attributeId("email");
    const dropped = await reader.audit.verify({ source: dropping });
    expect(dropped.differences.map((d) => d.subject)).toEqual([
      `connection ${carol} → ${bob} consent 0`,
      `connection ${carol} → ${bob} authorizes attribute ${email}`,
      `connection ${carol} → ${bob} authorizes attribute ${email + 1}`,
    ]);

    // The live connection from bob to carol, its expiry (the low 40 bits of its slot) rewound on the chain.
    const snapshot = await testClient.snapshot();
    const id = connectionIdOf(bob, carol);
    const address = deployment.contracts.accessGrants;
    let slot: Hex | undefined;
    for (let base = 0n; base < 16n && slot === undefined; base++) {
      const candidate = keccak256(encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [id, base]));
      const value = await publicClient.getStorageAt({ address, slot: candidate });
      if (value !== undefined && hexToBigInt(value) !== 0n) slot = candidate;
    }
    if (slot === undefined) throw new Error("the connection's storage slot was not found");
    const word = hexToBigInt((await publicClient.getStorageAt({ address, slot })) ?? "0x0");
    const rewound = ((word >> 40n) << 40n) | 1n;
    await testClient.setStorageAt({ address, index: slot, value: padHex(numberToHex(rewound), { size: 32 }) });
    await testClient.mine({ blocks: 1 });
    const postal = await reader.reads.attributeId("postal_address");
    const forged = await reader.audit.verify();
    expect(forged.differences.map((d) => [d.subject, d.fromEvents, d.onChain])).toEqual([
      [
        `connection ${bob} → ${carol} consent 0`,
        expect.stringMatching(/^\d+\//) as string,
        expect.stringMatching(/^1\//) as string,
      ],
      [`connection ${bob} → ${carol} authorizes attribute ${postal}`, "true", "false"],
    ]);
    await testClient.revert({ id: snapshot });
  });

  it("catches state changed behind the events' back (storage written directly on the chain)", async () => {
    const address = deployment.contracts.networkRules;
    const slot = await publicClient.getStorageAt({ address, slot: "0x0" });
    // RuleValues is packed in slot 0: admissionPolicy (1 byte), then marketFeeBps (2 bytes), … from the right.
    const value = hexToBigInt(slot ?? "0x0");
    const forged = (value & ~(0xffffn << 8n)) | (4_242n << 8n);
    await testClient.setStorageAt({ address, index: "0x0", value: padHex(numberToHex(forged), { size: 32 }) });
    await testClient.mine({ blocks: 1 });
    const report = await reader.audit.verify();
    expect(report.differences).toEqual([
      { domain: "rules", subject: "rule marketFeeBps", fromEvents: "100", onChain: "4242" },
    ]);
  });
});
