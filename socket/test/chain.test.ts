import { readFileSync } from "node:fs";
import path from "node:path";

import { abis, headLeaf, SocketError, verifyReceiptChain, verifyReceiptProof, type SocketSession } from "@weconet/sdk";
import { createWalletClient, getAddress, hashMessage, http, parseEther, type Abi, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listAttributes } from "../../sdk/src/reads/taxonomy.js";
import {
  admitMember,
  as,
  chain,
  isolateFile,
  people,
  publicClient,
  reader,
  rpcUrl,
  testClient,
} from "../../sdk/test/support/weconet.js";
import { ENGINES, createSocketDatabases, postgresSkipped } from "./support/postgres.js";
import { call, codeOf } from "./support/raw.js";
import { startRpcProxy, type RpcProxy } from "./support/rpc-proxy.js";
import { signIn, startTestSocket, type TestSocket } from "./support/socket.js";

isolateFile();

const DAY = 86_400;
const HOUR = 3600;
const root = path.resolve(import.meta.dirname, "..", "..");

async function refusal(promise: Promise<unknown>): Promise<SocketError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SocketError) return error;
    throw error;
  }
  throw new Error("expected the socket to refuse");
}

/** Sends a transaction as the network's governance (the timelock), as an executed proposal would. */
async function asGovernance(address: Address, abi: Abi, functionName: string, args: readonly unknown[]): Promise<void> {
  const timelock = reader.deployment.contracts.timelock;
  await testClient.impersonateAccount({ address: timelock });
  await testClient.setBalance({ address: timelock, value: parseEther("1") });
  const wallet = createWalletClient({ account: timelock, chain, transport: http(rpcUrl) });
  const hash = await wallet.writeContract({ address, abi, functionName, args, account: timelock, chain });
  await publicClient.waitForTransactionReceipt({ hash });
  await testClient.stopImpersonatingAccount({ address: timelock });
}

for (const engine of ENGINES) {
  describe.skipIf(engine === "postgres" && postgresSkipped !== undefined)(`chain events stop reads (${engine})`, () => {
    isolateFile();
    const [alice, bob, carol, dina] = [0, 1, 2, 3].map((i) => people.outsider(i)) as [
      Address,
      Address,
      Address,
      Address,
    ];
    const planner = people.outsider(9);
    let proxy: RpcProxy;
    let t: TestSocket;
    let ids: Record<string, number>;
    let aliceS: SocketSession;
    let bobS: SocketSession;
    let carolS: SocketSession;

    beforeAll(async () => {
      for (const [i, m] of [alice, bob, carol, dina].entries()) await admitMember(m, `chain-${engine}-${i}`);
      ids = Object.fromEntries((await listAttributes(reader.context)).map((a) => [a.name, a.id]));
      proxy = await startRpcProxy(rpcUrl);
      t = await startTestSocket({
        rpcUrl: proxy.url,
        ...(engine === "postgres" ? { postgres: await createSocketDatabases() } : {}),
      });
      aliceS = await signIn(t.client, alice);
      bobS = await signIn(t.client, bob);
      carolS = await signIn(t.client, carol);
      await aliceS.values.set(ids.email ?? 0, "alice@example.org");
      await aliceS.values.set(ids.phone ?? 0, "+31 6 1234 5678");
      await aliceS.values.set(ids.delivery_address ?? 0, {
        street: "Dam 1",
        postalCode: "1012 JS",
        city: "Amsterdam",
        country: "NL",
      });
    });
    afterAll(async () => {
      await t?.stop();
      await proxy?.close();
    });

    it("reuses a check only within one block, and sends concurrent checks as one batch", async () => {
      await as(alice).access.grant({
        grantee: bob,
        attributes: ["email", "phone"],
        purpose: "dpv:CommunicationManagement",
        duration: HOUR,
      });
      proxy.reset();
      const reads = await Promise.all(Array.from({ length: 20 }, () => bobS.read(alice, ids.email ?? 0)));
      expect(new Set(reads.map((r) => r.block)).size).toBe(1);
      // twenty reads at one block: one isAuthorized call (the calls at a block are cached), a few block numbers
      expect(proxy.count("eth_call")).toBe(1);
      expect(proxy.count("eth_blockNumber")).toBeGreaterThanOrEqual(1);
      expect(proxy.count("eth_blockNumber")).toBeLessThanOrEqual(20);
      proxy.reset();
      const many = await bobS.readMany(alice, [ids.email ?? 0, ids.phone ?? 0, ids.delivery_address ?? 0]);
      expect(many.values.map((v) => ("refused" in v ? v.refused : v.name))).toEqual(["email", "phone", "no_consent"]);
      // the checks of one request went out together in one JSON-RPC batch
      expect(proxy.requests.some((batch) => batch.filter((m) => m === "eth_call").length >= 3)).toBe(true);
      // a new block is asked anew
      await testClient.mine({ blocks: 1 });
      proxy.reset();
      const next = await bobS.read(alice, ids.email ?? 0);
      expect(BigInt(next.block)).toBe(BigInt(reads[0]?.block ?? 0) + 1n);
      expect(proxy.count("eth_call")).toBe(1);
      await as(alice).access.revoke({ grantee: bob });
    });

    it("fails closed when the chain cannot be reached", async () => {
      await as(alice).access.grant({
        grantee: bob,
        attributes: ["email"],
        purpose: "dpv:CommunicationManagement",
        duration: HOUR,
      });
      expect((await bobS.read(alice, ids.email ?? 0)).value).toBe("alice@example.org");
      proxy.down = true;
      try {
        const e = await refusal(bobS.read(alice, ids.email ?? 0));
        expect([e.status, e.code]).toEqual([503, "chain_unreachable"]);
        expect((await refusal(bobS.readMany(alice, [ids.email ?? 0]))).code).toBe("chain_unreachable");
        expect((await refusal(aliceS.values.set(ids.email ?? 0, "new@example.org"))).code).toBe("chain_unreachable");
        expect((await refusal(aliceS.documents.put("a document"))).code).toBe("chain_unreachable");
        // an account's own signature is checked without the chain (a contract wallet's would need it)
        expect((await signIn(t.client, alice)).address).toBe(alice);
      } finally {
        proxy.down = false;
      }
      // nothing was changed while the chain was away
      expect((await aliceS.values.get(ids.email ?? 0)).value).toBe("alice@example.org");
      expect((await bobS.read(alice, ids.email ?? 0)).value).toBe("alice@example.org");
      await as(alice).access.revoke({ grantee: bob });
    });

    it("stops reads when an application is suspended or retired", async () => {
      await as(people.lars).membership.grantDeveloper({ account: dina });
      const consent = await as(planner).applications.consentToRegistration({ developer: dina });
      await as(dina).applications.register({
        account: planner,
        consent,
        name: "Route planner",
        metadataURI: "ipfs://route-planner",
        attributes: ["delivery_address"],
        purpose: "dpv:ServiceProvision",
      });
      await as(alice).access.grantToApplication({ application: planner, duration: 7 * DAY });
      const app = await signIn(t.client, planner);
      expect((await app.read(alice, ids.delivery_address ?? 0)).value).toMatchObject({ city: "Amsterdam" });
      await as(people.lena).applications.suspend({ account: planner, reason: "abuse-report" });
      expect((await refusal(app.read(alice, ids.delivery_address ?? 0))).reason).toBe("application_not_live");
      await as(people.lena).applications.reinstate({ account: planner });
      expect((await app.read(alice, ids.delivery_address ?? 0)).value).toMatchObject({ city: "Amsterdam" });
      await as(dina).applications.retire({ account: planner });
      expect((await refusal(app.read(alice, ids.delivery_address ?? 0))).reason).toBe("application_not_live");
    });

    it("stops reads of an attribute at the block that deprecates it, and refuses new values of it", async () => {
      await as(alice).access.grant({
        grantee: carol,
        attributes: ["phone"],
        purpose: "dpv:CommunicationManagement",
        duration: HOUR,
      });
      expect((await carolS.read(alice, ids.phone ?? 0)).value).toBe("+31 6 1234 5678");
      await asGovernance(reader.deployment.contracts.taxonomy, abis.Taxonomy, "deprecateAttribute", [ids.phone]);
      expect((await refusal(carolS.read(alice, ids.phone ?? 0))).reason).toBe("attribute_deprecated");
      const e = await refusal(aliceS.values.set(ids.phone ?? 0, "+31 6 0000 0000"));
      expect([e.status, e.code]).toEqual([400, "deprecated_attribute"]);
      // a person class holds no value
      await asGovernance(reader.deployment.contracts.taxonomy, abis.Taxonomy, "addAttribute", [
        { name: `contact_details_${engine}`, domain: 0, dataType: 0, parent: 0 },
      ]);
      const klass = await reader.reads.attributeId(`contact_details_${engine}`);
      const c = await refusal(aliceS.values.set(klass ?? 0, "x"));
      expect([c.code, c.message]).toEqual([
        "wrong_type",
        expect.stringMatching(/class attribute holds no value/) as string,
      ]);
    });

    it("lets a provider read the delivery address while the booking runs, and stops at settlement; booking documents", async () => {
      const { resourceId } = await as(bob).resources.register({ resourceClass: "courier_service", metadata: "bikes" });
      const { offerId } = await as(bob).market.listOffer({
        resourceId,
        unitPrice: parseEther("0.01"),
        capacity: 10,
        document: "bike courier",
        dataRequest: { attributes: ["delivery_address"], purpose: "dpv:DeliveryOfGoods", duration: 2 * DAY },
      });
      const { bookingId } = await as(alice).market.book({ offerId, quantity: 1 });
      expect((await bobS.read(alice, ids.delivery_address ?? 0)).value).toMatchObject({ street: "Dam 1" });

      // booking documents: the consumer writes, the provider and a leader read, no one else
      const statement = "the parcel arrived wet";
      const hash = await aliceS.bookingDocuments.put(bookingId, statement);
      expect(await bobS.bookingDocuments.get(bookingId, hash)).toBe(statement);
      const lena = await signIn(t.client, people.lena);
      expect(await lena.bookingDocuments.get(bookingId, hash)).toBe(statement);
      const ruling = await lena.bookingDocuments.put(bookingId, "ruling: half refund");
      expect((await bobS.bookingDocuments.list(bookingId)).map((d) => [d.hash, d.author])).toEqual([
        [hash, alice],
        [ruling, people.lena],
      ]);
      const outsider = await refusal(carolS.bookingDocuments.get(bookingId, hash));
      expect([outsider.status, outsider.code, outsider.reason]).toEqual([403, "not_authorized", "not_a_party"]);
      expect((await refusal(carolS.bookingDocuments.put(bookingId, "me too"))).reason).toBe("not_a_party");
      expect((await refusal(carolS.bookingDocuments.list(bookingId))).reason).toBe("not_a_party");
      expect((await refusal(aliceS.bookingDocuments.list(99_999n))).code).toBe("not_found");
      expect((await refusal(aliceS.bookingDocuments.get(bookingId, `0x${"ab".repeat(32)}` as Hex))).code).toBe(
        "not_found",
      );
      // a private statement is not a public document
      expect((await call(t.socket.url, "GET", `/v1/documents/${hash}`)).status).toBe(404);
      const bad = await call(t.socket.url, "PUT", `/v1/bookings/${bookingId}/documents/0x12`, {
        token: aliceS.token,
        body: "x",
        contentType: "text/plain",
      });
      expect(codeOf(bad.body)).toBe("malformed_hash");
      const badId = await call(t.socket.url, "GET", `/v1/bookings/abc/documents`, { token: aliceS.token });
      expect([badId.status, codeOf(badId.body)]).toEqual([400, "bad_request"]);

      await as(bob).market.acceptBooking({ bookingId });
      await as(bob).market.markDelivered({ bookingId });
      await as(alice).market.completeBooking({ bookingId });
      expect((await refusal(bobS.read(alice, ids.delivery_address ?? 0))).reason).toBe("no_consent");
    });

    it("signs in a contract wallet through ERC-1271", async () => {
      const artifact = JSON.parse(
        readFileSync(
          path.join(root, "artifacts", "contracts", "test", "ERC1271Wallet.sol", "ERC1271Wallet.json"),
          "utf8",
        ),
      ) as { abi: Abi; bytecode: Hex };
      const owner = privateKeyToAccount(generatePrivateKey());
      const deployer = createWalletClient({ account: people.deployer, chain, transport: http(rpcUrl) });
      const hash = await deployer.deployContract({
        abi: artifact.abi,
        bytecode: artifact.bytecode,
        args: [owner.address],
      });
      const { contractAddress } = await publicClient.waitForTransactionReceipt({ hash });
      const wallet = getAddress(contractAddress ?? "0x");
      // the wallet's owner signs the EIP-191 digest of the message; the wallet vouches for it (isValidSignature)
      const session = await t.client.signIn({
        address: wallet,
        signMessage: (message) => owner.sign({ hash: hashMessage(message) }),
      });
      expect(session.address).toBe(wallet);
      expect((await session.values.set(ids.email ?? 0, "wallet@example.org")).value).toBe("wallet@example.org");
      // another key's signature does not count for the wallet
      const forger = privateKeyToAccount(generatePrivateKey());
      const forged = await refusal(
        t.client.signIn({ address: wallet, signMessage: (message) => forger.sign({ hash: hashMessage(message) }) }),
      );
      expect(forged.code).toBe("unauthenticated");
    });

    it("anchors the root of the receipt heads on-chain; each owner gets a proof an auditor checks", async () => {
      const anchored = await t.socket.anchor();
      expect(anchored).toBeDefined();
      const onChain = await reader.contracts.receiptAnchors.read.latestOf([t.operator]);
      expect(onChain[0]).toBe(anchored?.root);
      expect(onChain[1]).toBe(anchored?.receipts);
      expect(await t.client.latestAnchor()).toEqual({
        root: anchored?.root,
        receipts: Number(anchored?.receipts),
        block: anchored?.block.toString(),
        tx: anchored?.tx,
      });
      // nothing new: nothing to anchor
      expect(await t.socket.anchor()).toBeUndefined();

      const { receipts, head } = await aliceS.receipts({ limit: 500 });
      expect((await verifyReceiptChain({ receipts, head, operator: t.operator })).ok).toBe(true);
      const proof = await aliceS.receiptProof();
      expect(proof).toMatchObject({ root: anchored?.root, count: head.count, anchor: { tx: anchored?.tx } });
      expect(proof.leaf).toBe(headLeaf(alice, head.count, head.hash));
      expect(verifyReceiptProof({ head, proof })).toEqual({ ok: true, problems: [] });
      expect(verifyReceiptProof({ head: { ...head, hash: receipts[0]?.hash ?? head.hash }, proof }).ok).toBe(false);

      // a later read grows the log; the next anchor covers it
      await as(alice).access.grant({
        grantee: carol,
        attributes: ["email"],
        purpose: "dpv:CommunicationManagement",
        duration: HOUR,
      });
      await carolS.read(alice, ids.email ?? 0);
      const again = await t.socket.anchor();
      expect(again?.receipts).toBe((anchored?.receipts ?? 0n) + 1n);
      const newer = await aliceS.receiptProof();
      expect(newer.count).toBe(head.count + 1);
    });

    // The timer does not depend on the engine: it runs once, on PostgreSQL (which starts faster) when there is one.
    const timerEngine = postgresSkipped === undefined ? "postgres" : "pglite";
    if (engine === timerEngine)
      it("anchors by itself every anchorEverySeconds", async () => {
        const timed = await startTestSocket({
          anchorEverySeconds: 1,
          ...(engine === "postgres" ? { postgres: await createSocketDatabases() } : {}),
        });
        try {
          await (await signIn(timed.client, alice)).values.set(ids.email ?? 0, "alice@example.org");
          await (await signIn(timed.client, carol)).read(alice, ids.email ?? 0);
          const deadline = Date.now() + 15_000;
          let anchor: Awaited<ReturnType<typeof timed.client.latestAnchor>> | undefined;
          while (anchor === undefined && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            anchor = await timed.client.latestAnchor().catch(() => undefined);
          }
          expect(anchor?.receipts).toBe(1);
          const onChain = await reader.contracts.receiptAnchors.read.latestOf([timed.operator]);
          expect(onChain[0]).toBe(anchor?.root);
        } finally {
          await timed.stop();
        }
      });
  });
}
