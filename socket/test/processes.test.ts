import { createSocketClient, verifyReceiptChain, type SocketSession } from "@weconet/sdk";
import type { Address } from "viem";
import { generatePrivateKey } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { attributeIdOf } from "../../sdk/src/reads/taxonomy.js";
import { admitMember, as, isolateFile, people, reader } from "../../sdk/test/support/weconet.js";
import { createDatabase, postgresSkipped } from "./support/postgres.js";
import { call, signedMessage } from "./support/raw.js";
import { signIn, startTestSocket, type TestSocket } from "./support/socket.js";

isolateFile();

const HOUR = 3600;
/** What both processes answer to: one public URL, as behind a load balancer. */
const PUBLIC_URL = "http://socket.weconet.test";

describe.skipIf(postgresSkipped !== undefined)("several socket processes on one PostgreSQL database", () => {
  const [alice, bob] = [0, 1].map((i) => people.outsider(i)) as [Address, Address];
  let a: TestSocket;
  let b: TestSocket;
  let email: number;

  beforeAll(async () => {
    for (const [i, m] of [alice, bob].entries()) await admitMember(m, `processes-${i}`);
    email = await attributeIdOf(reader.context, "email");
    // One database for the data and the key store (schemas socket and socket_keys), both processes started at
    // once: the migrations run once, under their advisory lock.
    const url = await createDatabase("socket_shared");
    const shared = { masterKey: crypto.getRandomValues(new Uint8Array(32)), operatorKey: generatePrivateKey() };
    const start = () => startTestSocket({ ...shared, publicUrl: PUBLIC_URL, postgres: { dataUrl: url, keysUrl: url } });
    [a, b] = await Promise.all([start(), start()]);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("uses each nonce once, whichever process it reaches", async () => {
    const { nonce } = (await call(a.socket.listenUrl, "POST", "/v1/auth/nonce")).body as { nonce: string };
    const signed = await signedMessage(alice, {
      domain: new URL(PUBLIC_URL).host,
      chainId: 31337,
      nonce,
      uri: PUBLIC_URL,
    });
    const answers = await Promise.all(
      [a, b, a, b].map((s) => call(s.socket.listenUrl, "POST", "/v1/auth/session", { json: signed })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401, 401]);
  });

  it("keeps one unforked receipt chain per owner while both processes append to it", async () => {
    const atA = await signIn(a.client, bob);
    // a session from one process is good at the other
    const atB = createSocketClient({ url: b.socket.listenUrl }).resume(atA);
    await (await signIn(a.client, alice)).values.set(email, "alice@example.org");
    await as(alice).access.grant({
      grantee: bob,
      attributes: ["email"],
      purpose: "dpv:CommunicationManagement",
      duration: HOUR,
    });
    const sessions: SocketSession[] = [atA, atB];
    const reads = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (sessions[i % 2] as SocketSession).read(alice, email)),
    );
    expect(reads.every((r) => r.value === "alice@example.org")).toBe(true);
    const owner = await signIn(b.client, alice);
    const { receipts, head } = await owner.receipts({ limit: 500 });
    expect(head.count).toBe(40);
    expect(receipts.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyReceiptChain({ receipts, head, operator: a.operator })).toMatchObject({ ok: true, count: 40 });
  });

  it("numbers concurrent replacements of one value from both processes without losing one", async () => {
    const atA = await signIn(a.client, alice);
    const atB = createSocketClient({ url: b.socket.listenUrl }).resume(atA);
    const written = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? atA : atB).values.set(email, `v${i}@example.org`)),
    );
    expect(written.map((w) => w.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
    const latest = written.find((w) => w.version === 11);
    expect((await atB.values.get(email)).value).toBe(latest?.value);
  });
});

describe("one PGlite socket under concurrent reads", () => {
  const [carol, dave] = [2, 3].map((i) => people.outsider(i)) as [Address, Address];
  let t: TestSocket;
  beforeAll(async () => {
    for (const [i, m] of [carol, dave].entries()) await admitMember(m, `pglite-concurrency-${i}`);
    t = await startTestSocket();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("appends every receipt to one chain", async () => {
    const phone = await attributeIdOf(reader.context, "phone");
    await (await signIn(t.client, carol)).values.set(phone, "+31 6 5555 0000");
    await as(carol).access.grant({ grantee: dave, attributes: ["phone"], purpose: "dpv:CustomerCare", duration: HOUR });
    const daveS = await signIn(t.client, dave);
    await Promise.all(Array.from({ length: 30 }, () => daveS.read(carol, phone)));
    const { receipts, head } = await (await signIn(t.client, carol)).receipts({ limit: 500 });
    expect(head.count).toBe(30);
    expect((await verifyReceiptChain({ receipts, head })).ok).toBe(true);
  });
});
