import {
  connectionIdOf,
  SocketError,
  toContentHash,
  verifyReceiptChain,
  type Receipt,
  type SocketSession,
} from "@weconet/sdk";
import { keccak256, stringToHex, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listAttributes } from "../../sdk/src/reads/taxonomy.js";
import { admitMember, as, increaseTime, isolateFile, people, reader } from "../../sdk/test/support/weconet.js";
import { ENGINES, createSocketDatabases, postgresSkipped } from "./support/postgres.js";
import { call, codeOf, signedMessage } from "./support/raw.js";
import { signIn, startTestSocket, type TestSocket } from "./support/socket.js";

isolateFile();

const HOUR = 3600;
const ADDRESS = { street: "Keizersgracht 1", postalCode: "1015 AA", city: "Amsterdam", country: "nl" };

/** The error a call to the socket rejects with. */
async function refusal(promise: Promise<unknown>): Promise<SocketError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SocketError) return error;
    throw error;
  }
  throw new Error("expected the socket to refuse");
}

for (const engine of ENGINES) {
  describe.skipIf(engine === "postgres" && postgresSkipped !== undefined)(`the socket API on ${engine}`, () => {
    isolateFile();
    const [alice, bob, carol] = [0, 1, 2].map((i) => people.outsider(i)) as [Address, Address, Address];
    const stranger = people.outsider(5);
    let t: TestSocket;
    let ids: Record<string, number>;
    let aliceS: SocketSession;
    let bobS: SocketSession;
    let carolS: SocketSession;

    const start = async (extra: Parameters<typeof startTestSocket>[0] = {}) =>
      startTestSocket({ ...(engine === "postgres" ? { postgres: await createSocketDatabases() } : {}), ...extra });

    beforeAll(async () => {
      for (const [i, m] of [alice, bob, carol].entries()) await admitMember(m, `socket-${engine}-${i}`);
      ids = Object.fromEntries((await listAttributes(reader.context)).map((a) => [a.name, a.id]));
      t = await start();
      aliceS = await signIn(t.client, alice);
      bobS = await signIn(t.client, bob);
      carolS = await signIn(t.client, carol);
    });
    afterAll(async () => {
      await t?.stop();
    });

    describe("about the socket", () => {
      it("says which chain, domain, AccessGrants and operator it serves", async () => {
        const info = await t.client.info();
        expect(info).toEqual({
          chainId: 31337,
          domain: new URL(t.socket.url).host,
          url: t.socket.url,
          accessGrants: t.socket.deployment.contracts.accessGrants,
          operator: t.operator,
          version: "1.0.0",
        });
      });

      it("serves its OpenAPI 3.1 document and a readable reference generated from it", async () => {
        const doc = await call(t.socket.url, "GET", "/openapi.json");
        expect(doc.status).toBe(200);
        const openapi = doc.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
        expect(openapi.openapi).toBe("3.1.0");
        expect(Object.keys(openapi.paths)).toEqual(
          expect.arrayContaining([
            "/v1/info",
            "/v1/auth/nonce",
            "/v1/auth/session",
            "/v1/me/values",
            "/v1/me/values/{attributeId}",
            "/v1/owners/{owner}/values/{attributeId}",
            "/v1/owners/{owner}/values",
            "/v1/me/receipts",
            "/v1/me/receipts/proof",
            "/v1/anchors/latest",
            "/v1/documents/{hash}",
            "/v1/bookings/{bookingId}/documents/{hash}",
            "/v1/bookings/{bookingId}/documents",
          ]),
        );
        const html = await call(t.socket.url, "GET", "/docs");
        expect(html.status).toBe(200);
        expect(html.contentType).toMatch(/text\/html/);
        expect(html.text).toContain("/v1/owners/{owner}/values/{attributeId}");
        expect(html.text).toContain('id="schema-Receipt"');
        expect(html.text).not.toMatch(/<script/);
      });

      it("lets browsers on other origins call it (CORS), without cookies", async () => {
        const preflight = await fetch(`${t.socket.url}/v1/me/values/1`, {
          method: "OPTIONS",
          headers: {
            origin: "http://127.0.0.1:3000",
            "access-control-request-method": "PUT",
            "access-control-request-headers": "authorization, content-type",
          },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
        expect(preflight.headers.get("access-control-allow-headers")).toMatch(/authorization/);
        expect(preflight.headers.get("access-control-allow-methods")).toMatch(/PUT/);
        expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
      });

      it("answers an unknown route with a JSON 404", async () => {
        const res = await call(t.socket.url, "GET", "/v1/nothing");
        expect(res.status).toBe(404);
        expect(codeOf(res.body)).toBe("not_found");
      });
    });

    describe("signing in (SIWE)", () => {
      const fieldsFor = async (
        over: Partial<{ domain: string; chainId: number; issuedAt: Date; expirationTime: Date }> = {},
      ) => {
        const { nonce } = (await call(t.socket.url, "POST", "/v1/auth/nonce")).body as { nonce: string };
        return { domain: new URL(t.socket.url).host, chainId: 31337, nonce, uri: t.socket.url, ...over };
      };
      const session = (body: unknown) => call(t.socket.url, "POST", "/v1/auth/session", { json: body });

      it("gives a session for a signed message, and each nonce works once", async () => {
        const signed = await signedMessage(alice, await fieldsFor());
        const first = await session(signed);
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({ address: alice, token: expect.any(String) as string });
        const again = await session(signed);
        expect(again.status).toBe(401);
        expect((again.body as { error: { message: string } }).error.message).toMatch(/nonce/);
      });

      it("refuses another domain, another chain, a future or expired message, a nonce it never issued, another's signature", async () => {
        for (const [over, pattern] of [
          [{ domain: "evil.example:443" }, /domain/],
          [{ chainId: 1 }, /chain 1/],
          [{ issuedAt: new Date(Date.now() + 10 * 60_000) }, /future/],
          [{ expirationTime: new Date(Date.now() - 1000) }, /expired/],
        ] as const) {
          const res = await session(await signedMessage(alice, await fieldsFor(over)));
          expect(res.status).toBe(401);
          expect(codeOf(res.body)).toBe("unauthenticated");
          expect((res.body as { error: { message: string } }).error.message).toMatch(pattern);
        }
        const made = await fieldsFor();
        const unknownNonce = await session(await signedMessage(alice, { ...made, nonce: "abcdefgh12345678" }));
        expect(unknownNonce.status).toBe(401);
        const forged = await session(await signedMessage(alice, await fieldsFor(), bob));
        expect(forged.status).toBe(401);
        expect((forged.body as { error: { message: string } }).error.message).toMatch(/signature/);
      });

      it("answers malformed requests with bad_request", async () => {
        for (const body of [{}, { message: "hello", signature: "0x12" }, { message: 5, signature: "0x" }]) {
          const res = await session(body);
          expect(res.status).toBe(400);
          expect(codeOf(res.body)).toBe("bad_request");
        }
        const notJson = await call(t.socket.url, "POST", "/v1/auth/session", { body: "{not json" });
        expect(notJson.status).toBe(400);
        expect(codeOf(notJson.body)).toBe("bad_request");
      });

      it("refuses calls without a session, with an unknown token, after sign-out and once the session expired", async () => {
        expect(codeOf((await call(t.socket.url, "GET", "/v1/me/values")).body)).toBe("unauthenticated");
        const unknown = await call(t.socket.url, "GET", "/v1/me/values", { token: "nope" });
        expect([unknown.status, codeOf(unknown.body)]).toEqual([401, "unauthenticated"]);
        const temporary = await signIn(t.client, carol);
        await temporary.values.list();
        await temporary.signOut();
        expect((await refusal(temporary.values.list())).code).toBe("unauthenticated");

        const short = await start({ sessionTtlSeconds: 1 });
        try {
          const s = await signIn(short.client, carol);
          await s.values.list();
          await new Promise((resolve) => setTimeout(resolve, 1100));
          const expired = await refusal(s.values.list());
          expect([expired.status, expired.code]).toEqual([401, "session_expired"]);
        } finally {
          await short.stop();
        }
      });
    });

    describe("an owner's own values", () => {
      it("writes, reads, lists, replaces and erases values", async () => {
        const written = await aliceS.values.set(ids.postal_address ?? 0, ADDRESS);
        expect(written).toMatchObject({
          attributeId: ids.postal_address,
          name: "postal_address",
          dataType: "postal_address",
          value: { ...ADDRESS, country: "NL" },
          version: 1,
        });
        await aliceS.values.set(ids.email ?? 0, "alice@example.org");
        const replaced = await aliceS.values.set(ids.email ?? 0, "alice@example.net");
        expect(replaced.version).toBe(2);
        expect((await aliceS.values.get(ids.email ?? 0)).value).toBe("alice@example.net");
        expect((await aliceS.values.list()).map((v) => [v.name, v.version])).toEqual([
          ["postal_address", 1],
          ["email", 2],
        ]);
        // Another member sees none of them as their own.
        expect(await bobS.values.list()).toEqual([]);
        expect((await refusal(bobS.values.get(ids.email ?? 0))).code).toBe("no_value");

        await carolS.values.set(ids.phone ?? 0, "+31 20 123 4567");
        await carolS.values.set(ids.birth_date ?? 0, "1990-02-28");
        expect(await carolS.values.erase(ids.phone ?? 0)).toEqual({ erased: 1 });
        expect(await carolS.values.erase(ids.phone ?? 0)).toEqual({ erased: 0 });
        expect((await refusal(carolS.values.get(ids.phone ?? 0))).code).toBe("no_value");
        await carolS.values.set(ids.given_name ?? 0, "Carol");
        expect(await carolS.values.eraseAll()).toEqual({ erased: 2 });
        expect(await carolS.values.list()).toEqual([]);
      });

      it("refuses unknown, non-person attributes, values of the wrong type and oversized values", async () => {
        const cases: [number, unknown, string, number][] = [
          [9999, "x", "unknown_attribute", 400],
          [ids.price ?? 0, { amount: "1.00", currency: "EUR" }, "not_a_person_attribute", 400],
          [ids.equipment ?? 0, "x", "not_a_person_attribute", 400],
          [ids.email ?? 0, "not an email", "wrong_type", 400],
          [ids.birth_date ?? 0, "1990-02-30", "wrong_type", 400],
          [ids.home_location ?? 0, { lat: 100, lon: 0 }, "wrong_type", 400],
          [ids.postal_address ?? 0, "Keizersgracht 1", "wrong_type", 400],
          [ids.skills ?? 0, "x".repeat(5000), "too_large", 413],
        ];
        for (const [id, value, code, status] of cases) {
          const e = await refusal(bobS.values.set(id, value));
          expect([id, e.code, e.status]).toEqual([id, code, status]);
        }
        for (const path of ["/v1/me/values/abc", "/v1/me/values/0", "/v1/me/values/70000"]) {
          const res = await call(t.socket.url, "PUT", path, { token: bobS.token, json: { value: "x" } });
          expect([path, res.status, codeOf(res.body)]).toEqual([path, 400, "bad_request"]);
        }
        const noValue = await call(t.socket.url, "PUT", `/v1/me/values/${ids.skills}`, { token: bobS.token, json: {} });
        expect([noValue.status, codeOf(noValue.body)]).toEqual([400, "bad_request"]);
        const broken = await call(t.socket.url, "PUT", `/v1/me/values/${ids.skills}`, { token: bobS.token, body: "{" });
        expect([broken.status, codeOf(broken.body)]).toEqual([400, "bad_request"]);
        // nothing was half-written
        expect(await bobS.values.list()).toEqual([]);
      });
    });

    describe("grantees' reads, checked live on the chain", () => {
      it("refuses without a connection, reads once connected, and stops at the next block after a revocation", async () => {
        const email = ids.email ?? 0;
        const none = await refusal(bobS.read(alice, email));
        expect([none.status, none.code, none.reason]).toEqual([403, "not_authorized", "no_consent"]);
        await as(alice).access.grant({
          grantee: bob,
          attributes: ["email", "postal_address"],
          purpose: "dpv:CommunicationManagement",
          duration: HOUR,
        });
        const purpose = keccak256(stringToHex("https://w3id.org/dpv#CommunicationManagement"));
        const read = await bobS.read(alice, email, { purpose });
        expect(read).toMatchObject({
          owner: alice,
          attributeId: email,
          name: "email",
          value: "alice@example.net",
          version: 2,
          connectionId: connectionIdOf(alice, bob).toString(),
        });
        expect(BigInt(read.block)).toBe(await reader.publicClient.getBlockNumber());
        // the wrong owner: Carol never connected Bob
        expect((await refusal(bobS.read(carol, email))).reason).toBe("no_consent");
        // allowed but nothing stored
        await as(carol).access.grant({
          grantee: bob,
          attributes: ["phone"],
          purpose: "dpv:CommunicationManagement",
          duration: HOUR,
        });
        expect((await refusal(bobS.read(carol, ids.phone ?? 0))).code).toBe("no_value");

        const many = await bobS.readMany(alice, [email, ids.postal_address ?? 0, ids.phone ?? 0]);
        expect(many.values).toEqual([
          { attributeId: email, name: "email", dataType: "email", value: "alice@example.net", version: 2 },
          {
            attributeId: ids.postal_address,
            name: "postal_address",
            dataType: "postal_address",
            value: { ...ADDRESS, country: "NL" },
            version: 1,
          },
          { attributeId: ids.phone, refused: "no_consent" },
        ]);

        // narrowing: the owner grants again with fewer attributes
        await as(alice).access.grant({
          grantee: bob,
          attributes: ["postal_address"],
          purpose: "dpv:CommunicationManagement",
          duration: HOUR,
        });
        expect((await refusal(bobS.read(alice, email))).reason).toBe("no_consent");
        expect((await bobS.read(alice, ids.postal_address ?? 0)).value).toMatchObject({ city: "Amsterdam" });

        await as(alice).access.revoke({ grantee: bob });
        expect((await refusal(bobS.read(alice, ids.postal_address ?? 0))).reason).toBe("no_consent");

        const bad = await call(t.socket.url, "GET", `/v1/owners/0x123/values/${email}`, { token: bobS.token });
        expect([bad.status, codeOf(bad.body)]).toEqual([400, "bad_request"]);
        const badPurpose = await call(t.socket.url, "GET", `/v1/owners/${alice}/values/${email}?purpose=delivery`, {
          token: bobS.token,
        });
        expect([badPurpose.status, codeOf(badPurpose.body)]).toEqual([400, "bad_request"]);
        expect((await refusal(bobS.read(alice, 9999))).code).toBe("unknown_attribute");
        const anonymous = await call(t.socket.url, "GET", `/v1/owners/${alice}/values/${email}`);
        expect([anonymous.status, codeOf(anonymous.body)]).toEqual([401, "unauthenticated"]);
      });

      it("stops reads when the connection expires", async () => {
        await as(alice).access.grant({
          grantee: carol,
          attributes: ["email"],
          purpose: "dpv:CommunicationManagement",
          duration: 60,
        });
        expect((await carolS.read(alice, ids.email ?? 0)).value).toBe("alice@example.net");
        await increaseTime(61);
        const e = await refusal(carolS.read(alice, ids.email ?? 0));
        expect([e.code, e.reason]).toEqual(["not_authorized", "expired"]);
      });

      it("stops reads when a party is suspended", async () => {
        await as(alice).access.grant({
          grantee: carol,
          attributes: ["email"],
          purpose: "dpv:CommunicationManagement",
          duration: HOUR,
        });
        expect((await carolS.read(alice, ids.email ?? 0)).value).toBe("alice@example.net");
        await as(people.lars).membership.suspend({ member: carol, reason: "test" });
        expect((await refusal(carolS.read(alice, ids.email ?? 0))).reason).toBe("grantee_not_active");
        await as(people.lars).membership.reinstate({ member: carol });
        await as(people.lars).membership.suspend({ member: alice, reason: "test" });
        expect((await refusal(carolS.read(alice, ids.email ?? 0))).reason).toBe("owner_not_active");
        await as(people.lars).membership.reinstate({ member: alice });
      });

      it("appends a receipt for every read, allowed or refused, in a hash chain the operator signs", async () => {
        const { receipts, head } = await aliceS.receipts({ limit: 500 });
        expect(receipts.length).toBeGreaterThanOrEqual(10);
        expect(receipts.every((r) => r.owner === alice)).toBe(true);
        const first = receipts.find((r) => r.decision === "allowed") as Receipt;
        expect(first).toMatchObject({
          grantee: bob,
          attributeId: ids.email,
          connectionId: connectionIdOf(alice, bob).toString(),
          purpose: keccak256(stringToHex("https://w3id.org/dpv#CommunicationManagement")),
          reason: null,
        });
        expect(receipts[0]).toMatchObject({ seq: 1, decision: "refused", reason: "no_consent", purpose: null });
        const report = await verifyReceiptChain({ receipts, head, operator: t.operator });
        expect(report).toMatchObject({ ok: true, count: head.count, signer: t.operator });

        const page = await aliceS.receipts({ after: 2, limit: 3 });
        expect(page.receipts.map((r) => r.seq)).toEqual([3, 4, 5]);
        // a rewritten receipt is caught
        const rewritten = receipts.map((r) => (r.seq === 2 ? { ...r, decision: "refused" as const } : r));
        const caught = await verifyReceiptChain({ receipts: rewritten, head });
        expect(caught.ok).toBe(false);
        expect(caught.problems[0]).toMatch(/receipt 2: its hash does not match/);
        // a dropped receipt too
        const dropped = await verifyReceiptChain({ receipts: receipts.filter((r) => r.seq !== 3), head });
        expect(dropped.ok).toBe(false);
        // Bob's own log holds nothing of Alice's
        expect((await bobS.receipts()).receipts).toEqual([]);
        const tooMany = await call(t.socket.url, "GET", "/v1/me/receipts?limit=501", { token: aliceS.token });
        expect([tooMany.status, codeOf(tooMany.body)]).toEqual([400, "bad_request"]);
        const noProof = await refusal(aliceS.receiptProof());
        expect(noProof.code).toBe("not_found");
        expect((await call(t.socket.url, "GET", "/v1/anchors/latest")).status).toBe(404);
      });
    });

    describe("documents", () => {
      it("stores and serves content-addressed documents, verified against their hash", async () => {
        const text = `offer description of ${engine}`;
        const hash = await aliceS.documents.put(text);
        expect(hash).toBe(toContentHash(text));
        expect(await t.client.documents.get(hash)).toBe(text);
        const again = await call(t.socket.url, "PUT", `/v1/documents/${hash}`, {
          token: aliceS.token,
          body: text,
          contentType: "text/plain",
        });
        expect([again.status, again.body]).toEqual([200, { hash, size: text.length }]);
      });

      it("refuses a malformed hash, a mismatch, a non-member, an oversized document and answers 404 for an unknown one", async () => {
        const put = (hash: string, body: string, token: string) =>
          call(t.socket.url, "PUT", `/v1/documents/${hash}`, { token, body, contentType: "text/plain" });
        expect(codeOf((await put("0x1234", "x", aliceS.token)).body)).toBe("malformed_hash");
        expect(codeOf((await call(t.socket.url, "GET", "/v1/documents/nothex")).body)).toBe("malformed_hash");
        const mismatch = await put(toContentHash("one"), "two", aliceS.token);
        expect([mismatch.status, codeOf(mismatch.body)]).toEqual([400, "hash_mismatch"]);
        const outsider = await signIn(t.client, stranger);
        const forbidden = await put(toContentHash("mine"), "mine", outsider.token);
        expect([forbidden.status, codeOf(forbidden.body)]).toEqual([403, "forbidden"]);
        const big = "x".repeat(256 * 1024 + 1);
        const tooLarge = await put(toContentHash(big), big, aliceS.token);
        expect([tooLarge.status, codeOf(tooLarge.body)]).toEqual([413, "too_large"]);
        const missing = await call(t.socket.url, "GET", `/v1/documents/${toContentHash("never stored")}`);
        expect([missing.status, codeOf(missing.body)]).toEqual([404, "not_found"]);
        expect(codeOf((await put(toContentHash("anon"), "anon", "")).body)).toBe("unauthenticated");
      });

      it("lets an applicant publish the profile its application names, and nothing else", async () => {
        const applicant = people.outsider(6);
        const profile = JSON.stringify({ name: `Applicant on ${engine}`, about: "wants to join" });
        const session = await signIn(t.client, applicant);
        // Before applying it is a stranger: its profile is not anything the chain points to yet.
        expect((await refusal(session.documents.put(profile))).code).toBe("forbidden");
        await as(applicant).membership.apply({ profile });
        expect(await session.documents.put(profile)).toBe(toContentHash(profile));
        expect(await t.client.documents.get(toContentHash(profile))).toBe(profile);
        expect((await refusal(session.documents.put("another document"))).code).toBe("forbidden");
        await as(applicant).membership.withdrawApplication();
        // Withdrawn, it points to no profile any more: even the document it published is refused now.
        expect((await refusal(session.documents.put(profile))).code).toBe("forbidden");
      });
    });
  });
}
