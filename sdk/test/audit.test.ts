import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { hexToBigInt, numberToHex, padHex, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CSV_HEADER, rpcLogSource, type AuditEvent, type LogSource } from "../src/index.js";
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

isolateFile();

const dir = mkdtempSync(path.join(tmpdir(), "weconet-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const collect = async (events: AsyncIterable<AuditEvent>) => {
  const all: AuditEvent[] = [];
  for await (const e of events) all.push(e);
  return all;
};

describe("the audit trail", () => {
  const alice = people.outsider(0);
  let resourceId = 0n;

  beforeAll(async () => {
    await admitMember(alice, "alice");
    ({ resourceId } = await as(alice).resources.register({ resourceClass: "bike", metadata: "cargo bike" }));
    await as(people.lars).membership.suspend({ member: alice, reason: "late-fees" });
    await as(people.lars).membership.reinstate({ member: alice });
  });

  it("reads every event of every contract in chain order, typed and normalized", async () => {
    const events = await collect(reader.audit.events());
    const contracts = new Set(events.map((e) => e.contract));
    expect([...contracts].sort()).toEqual(
      ["Membership", "NetworkRules", "Taxonomy", "WeconetGovernor", "WeconetTimelock", "Resources"].sort(),
    );
    const order = events.map((e) => e.block * 100_000n + BigInt(e.logIndex));
    expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : 1)));

    const admitted = events.find(
      (e) => e.contract === "Membership" && e.event === "MemberAdmitted" && e.args.member === alice,
    );
    expect(admitted).toMatchObject({ actor: people.lars, summary: `${people.lars} admitted ${alice}` });
    expect(admitted?.timestamp).toBeGreaterThan(1_600_000_000);
    const suspended = events.find((e) => e.event === "MemberSuspended");
    expect(suspended?.summary).toBe(`${people.lars} suspended ${alice} (late-fees)`);
    const rules = events.filter((e) => e.event === "RuleChanged").map((e) => e.summary);
    expect(rules).toContain("rule marketFeeBps changed from 0 to 100");
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
      "DelegateVotesChanged",
      "MemberAdmitted",
      "ResourceRegistered",
      "DelegateVotesChanged",
      "MemberSuspended",
      "DelegateVotesChanged",
      "MemberReinstated",
    ]);
    const bike = await reader.reads.attributeId("bike");
    const byBike = await collect(filterEvents(reader.audit.events(), { attributes: [bike] }));
    expect(byBike.map((e) => e.summary)).toEqual([
      `attribute ${bike} "bike" (resource) was added`,
      `${alice} registered resource ${resourceId} of class ${bike}`,
    ]);
    const byResource = await collect(filterEvents(reader.audit.events(), { resources: [resourceId] }));
    expect(byResource).toHaveLength(1);
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
    expect(report.checks).toBeGreaterThan(80);
    expect(report.state.members.get(alice)?.status).toBe("active");
    expect(report.state.resources.get(resourceId)?.owner).toBe(alice);
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
    const reinstated = (await collect(reader.audit.events())).find((e) => e.event === "MemberReinstated");
    const dropping: LogSource = {
      getBlockTimestamp: (b) => chain.getBlockTimestamp(b),
      getLogs: async (q) => (await chain.getLogs(q)).filter((log) => log.transactionHash !== reinstated?.tx),
    };
    const dropped = await reader.audit.verify({ source: dropping });
    expect(dropped.differences.map((d) => d.subject)).toEqual(
      expect.arrayContaining([`${alice} status`, `${alice} status since`, `${alice} votes`, "active member count"]),
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
