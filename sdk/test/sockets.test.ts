import { keccak256, stringToHex } from "viem";
import { describe, expect, it } from "vitest";

import { rpcLogSource, type LogSource } from "../src/index.js";
import {
  admitMember,
  as,
  increaseTime,
  isolateFile,
  latestTime,
  people,
  publicClient,
  reader,
} from "./support/weconet.js";

isolateFile();

/** deploy/parameters/localhost.json's default socket. */
const DEFAULT = "http://127.0.0.1:8600";
const HOME = "https://home.example.org";
const COMMONS = "https://commons.example.net";
const root = (label: string) => keccak256(stringToHex(label));

/** The chain as a log source that leaves out the transaction `tx`: a trail with a gap. */
function dropping(tx: `0x${string}`): LogSource {
  const chain = rpcLogSource(publicClient);
  return {
    getBlockTimestamp: (b) => chain.getBlockTimestamp(b),
    getLogs: async (q) => (await chain.getLogs(q)).filter((log) => log.transactionHash !== tx),
  };
}

describe("sockets: where members' data lives, and receipt anchors", () => {
  const alice = people.outsider(0);
  const bob = people.outsider(1);
  const operator = people.outsider(7);

  it("a member names and drops their socket; reads fall back to the network's default", async () => {
    await admitMember(alice, "alice");
    await admitMember(bob, "bob");
    expect(await reader.reads.defaultSocket()).toBe(DEFAULT);
    expect(await reader.reads.socketOf(alice)).toBe(DEFAULT);
    expect(await reader.reads.ownSocketOf(alice)).toBeUndefined();

    await as(alice).sockets.set({ url: HOME });
    expect(await reader.reads.socketOf(alice)).toBe(HOME);
    expect(await reader.reads.ownSocketOf(alice)).toBe(HOME);
    expect(await reader.reads.socketOf(bob)).toBe(DEFAULT);

    await as(bob).sockets.set({ url: COMMONS });
    await as(bob).sockets.clear();
    expect(await reader.reads.socketOf(bob)).toBe(DEFAULT);
  });

  it("says what is wrong, before sending or from the contract", async () => {
    await expect(as(alice).sockets.set({ url: "ftp://home.example.org" })).rejects.toThrow(
      "set socket ftp://home.example.org: A socket URL must start with http:// or https:// followed by the host.",
    );
    await expect(as(alice).sockets.set({ url: "https://my home.example.org" })).rejects.toThrow(
      "A socket URL must be printable ASCII without spaces: the byte at position 10 is not.",
    );
    await expect(as(alice).sockets.set({ url: HOME })).rejects.toThrow(
      `set socket ${HOME}: ${alice}'s socket is this URL already.`,
    );
    await expect(as(people.outsider(5)).sockets.set({ url: HOME })).rejects.toThrow(
      `${people.outsider(5)} is not an active member, and only active members name their socket.`,
    );
    await expect(as(bob).sockets.clear()).rejects.toThrow(
      `clear socket: ${bob} named no socket of their own: the network's default serves them already.`,
    );
  });

  it("an operator anchors its receipt logs; a count that does not grow is refused", async () => {
    expect(await reader.reads.latestAnchor(operator)).toBeUndefined();
    const first = await as(operator).sockets.anchor({ root: root("heads 1"), receipts: 3 });
    expect(first.seq).toBe(1n);
    const second = await as(operator).sockets.anchor({ root: root("heads 2"), receipts: 8n });
    expect(second.seq).toBe(2n);
    expect(await reader.reads.latestAnchor(operator)).toMatchObject({
      operator,
      root: root("heads 2"),
      receipts: 8n,
      seq: 2n,
    });
    await expect(as(operator).sockets.anchor({ root: root("rewritten"), receipts: 8n })).rejects.toThrow(
      "anchor 8 receipts: An anchor must cover more receipts than the operator's previous one (8); 8 does not: a receipt log only grows.",
    );
    await expect(as(operator).sockets.anchor({ root: "0x1234", receipts: 9n })).rejects.toThrow(
      'anchor: the root must be a 32-byte hex value, not "0x1234"',
    );
    await expect(as(operator).sockets.anchor({ root: root("x"), receipts: 0 })).rejects.toThrow(
      "anchor: the receipt count must be between 1 and 2^64 - 1, not 0",
    );
  });

  it("the members' vote moves the default socket (proposeDefaultSocket)", async () => {
    const { proposalId } = await as(people.manager).governance.proposeDefaultSocket({
      url: COMMONS,
      rationale: "The commons moved to its own host.",
    });
    const [created] = (await reader.reads.proposals()).items;
    expect(created?.title).toBe(`Make ${COMMONS} the network's default socket`);
    await increaseTime((await reader.contracts.governor.read.votingDelay()) + 1n);
    for (const voter of [people.manager, people.lars, people.lena]) {
      await as(voter).governance.vote({ proposalId, support: "for" });
    }
    const deadline = await reader.contracts.governor.read.proposalDeadline([proposalId]);
    await increaseTime(deadline - BigInt(await latestTime()) + 1n);
    await as(alice).governance.queue({ proposalId });
    await increaseTime((await reader.contracts.timelock.read.getMinDelay()) + 1n);
    await as(alice).governance.execute({ proposalId });
    expect(await reader.reads.defaultSocket()).toBe(COMMONS);
    expect(await reader.reads.socketOf(bob)).toBe(COMMONS);
    expect(await reader.reads.socketOf(alice)).toBe(HOME);
    await expect(as(alice).governance.proposeDefaultSocket({ url: "" })).rejects.toThrow(
      "propose a default socket: A socket URL must not be empty.",
    );
  });

  it("the audit trail rebuilds pointers and anchors and verifies them; a dropped event shows", async () => {
    const report = await reader.audit.verify();
    expect(report.differences).toEqual([]);
    const { store } = report;
    expect(store.row("settings", { id: "network" })?.defaultSocket).toBe(COMMONS);
    expect(store.row("socket", { account: alice })?.url).toBe(HOME);
    expect(store.row("socket", { account: bob })?.url).toBe("");
    expect(store.row("anchor", { operator })).toMatchObject({ seq: 2n, receipts: 8n, root: root("heads 2") });

    const events = [];
    for await (const e of reader.audit.events()) {
      if (e.contract === "SocketDirectory" || e.contract === "ReceiptAnchors") events.push(e);
    }
    expect(events.map((e) => e.summary)).toEqual([
      `the network's default socket is ${DEFAULT} (set by ${people.deployer})`,
      `${alice} keeps their data at the socket ${HOME}`,
      `${bob} keeps their data at the socket ${COMMONS}`,
      `${bob} dropped their own socket: the network's default serves them`,
      `socket operator ${operator} anchored its receipt logs (#1): 3 receipt(s), root ${root("heads 1")}`,
      `socket operator ${operator} anchored its receipt logs (#2): 8 receipt(s), root ${root("heads 2")}`,
      `the network's default socket is ${COMMONS} (set by ${reader.deployment.contracts.timelock})`,
    ]);

    const cleared = events.find((e) => e.event === "SocketCleared");
    const anchored = events.find((e) => e.event === "ReceiptsAnchored" && e.args.seq === 2n);
    if (cleared === undefined || anchored === undefined) throw new Error("test setup: events missing");
    const withoutClear = await reader.audit.verify({ source: dropping(cleared.tx) });
    expect(withoutClear.differences).toEqual([
      { domain: "sockets", subject: `socket of ${bob}`, fromEvents: COMMONS, onChain: "" },
    ]);
    const withoutAnchor = await reader.audit.verify({ source: dropping(anchored.tx) });
    expect(
      withoutAnchor.differences.map((d) => [d.subject, d.fromEvents.split("/")[0], d.onChain.split("/")[0]]),
    ).toEqual([[`latest anchor of ${operator}`, "1", "2"]]);
  });
});
