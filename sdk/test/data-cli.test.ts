import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSocket } from "@weconet/socket";

import { toContentHash } from "../src/index.js";
import { admitMember, as, deploymentDirectory, isolateFile, people, rpcUrl, testClient } from "./support/weconet.js";
import { weconet as run } from "./support/cli.js";

isolateFile();

const dir = mkdtempSync(path.join(tmpdir(), "weconet-data-cli-"));

const operatorKey = generatePrivateKey();
const operator = privateKeyToAccount(operatorKey);
let socket: Awaited<ReturnType<typeof startSocket>>;
beforeAll(async () => {
  socket = await startSocket({
    port: 0,
    rpcUrl,
    deploymentDir: deploymentDirectory,
    dataDir: path.join(dir, "data"),
    keysDir: path.join(dir, "keys"),
    masterKey: new Uint8Array(randomBytes(32)),
    operatorKey,
  });
});
afterAll(async () => {
  await socket.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `weconet …` against the test chain, with no socket named in the environment unless the test names one. */
const weconet = (args: string[], env: Record<string, string> = {}) => run(args, { WECONET_SOCKET_URL: "", ...env });

/** `weconet …` at the test's socket. */
const at = (args: string[]) => weconet([...args, "--socket", socket.url]);

const address = { street: "Damrak 1", postalCode: "1012 LG", city: "Amsterdam", country: "NL" };

describe("weconet data and doc", () => {
  const owner = people.outsider(5);
  const grantee = people.outsider(6);

  beforeAll(async () => {
    await admitMember(owner, "data owner");
    await admitMember(grantee, "data grantee");
  });

  it("stores, replaces and lists the owner's own values", async () => {
    const set = await at(["data", "set", "postal_address", JSON.stringify(address), "--from", owner]);
    expect(set.stderr).toBe("");
    expect(set.stdout).toContain("stored postal_address = {");
    expect((await at(["data", "set", "email", "old@example.org", "--from", owner])).code).toBe(0);
    const replaced = await at(["data", "set", "email", "ada@example.org", "--from", owner]);
    expect(replaced.stdout).toContain("stored email = ada@example.org (version 2)");

    const listed = await at(["data", "get", "--from", owner]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^id\s+attribute\s+type\s+value\s+version\s+updated/);
    expect(listed.stdout).toMatch(/email\s+email\s+ada@example\.org\s+2/);
    expect(listed.stdout).toContain('"city":"Amsterdam"');
    expect((await at(["data", "get", "email", "--from", owner])).stdout).toBe("ada@example.org\n");
    const json = JSON.parse((await at(["data", "get", "--from", owner, "--json"])).stdout) as {
      name: string;
      value: unknown;
    }[];
    expect(json.map((v) => v.name).sort()).toEqual(["email", "postal_address"]);
    expect(json.find((v) => v.name === "postal_address")?.value).toEqual(address);
  });

  it("finds the socket through WECONET_SOCKET_URL", async () => {
    const listed = await weconet(["data", "get", "email", "--from", owner], { WECONET_SOCKET_URL: socket.url });
    expect(listed.stdout).toBe("ada@example.org\n");
  });

  it("finds the owner's socket through their pointer on-chain", async () => {
    await as(owner).sockets.set({ url: socket.url });
    const listed = await weconet(["data", "get", "email", "--from", owner]);
    expect(listed.stderr).toBe("");
    expect(listed.stdout).toBe("ada@example.org\n");
  });

  it("refuses bad input with a sentence and a non-zero exit code", async () => {
    const cases: [string[], string][] = [
      [["data", "set", "postal_address", "Damrak 1, Amsterdam"], "postal_address is a postal_address: give it as JSON"],
      [
        ["data", "set", "postal_address", '{"street":"Damrak 1"}'],
        "postal_address (postal_address): a postal address.postalCode must be a string",
      ],
      [["data", "set", "email", "not an email"], `email (email): "not an email" is not an email address`],
      [["data", "set", "no_such_attribute", "x"], 'unknown attribute "no_such_attribute"'],
      [["data", "set", "email"], "data set needs <attribute> <value>"],
      [["data", "read", "0x123", "email"], '"0x123" is not an Ethereum address'],
      [["data", "read", grantee], "data read needs <owner> <attribute>"],
      [["data", "erase"], "data erase needs an <attribute> or --all"],
      [["data", "frobnicate"], 'data needs set, get, read, erase or receipts, got "frobnicate"'],
      [["doc", "get", "0x1234"], "doc get needs a document hash: 0x and 64 hex digits"],
      [["doc", "put", path.join(dir, "missing.txt")], "no such file"],
    ];
    for (const [args, message] of cases) {
      const result = await at([...args, "--from", owner]);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr, args.join(" ")).toContain(message);
    }
    // the socket's own refusal, as a sentence: capacity describes resources, not persons
    const capacity = await at(["data", "set", "capacity", "3", "--from", owner]);
    expect(capacity.code).toBe(1);
    expect(capacity.stderr).toMatch(/^weconet: attribute \d+ \(capacity\) describes resources, not persons/);
    const bike = await at(["data", "set", "bike", "x", "--from", owner]);
    expect(bike.stderr).toContain("bike (class): a class attribute holds no value");
    const away = await weconet(["data", "get", "--from", owner, "--socket", "http://127.0.0.1:9"]);
    expect(away.code).toBe(1);
    expect(away.stderr).toContain("cannot reach the data socket at http://127.0.0.1:9");
    expect((await weconet(["data", "get", "--from", owner, "--socket", "ftp://x"])).stderr).toContain(
      '--socket "ftp://x": A socket URL must start with http:// or https://',
    );
  });

  it("lets a grantee read what a live connection shares, and refuses it once the connection is closed", async () => {
    await as(owner).access.grant({
      grantee,
      attributes: ["postal_address", "email"],
      purpose: "dpv:DeliveryOfGoods",
      duration: 3_600,
    });
    const read = await at([
      "data",
      "read",
      owner,
      "postal_address",
      "--from",
      grantee,
      "--purpose",
      "dpv:DeliveryOfGoods",
    ]);
    expect(read.stderr).toBe("");
    expect(JSON.parse(read.stdout)).toEqual(address);
    const many = await at(["data", "read", owner, "email,phone", "--from", grantee]);
    expect(many.code).toBe(1); // one of them refused
    expect(many.stdout).toMatch(/email\s+ada@example\.org/);
    expect(many.stdout).toMatch(
      /phone\s+refused \(no_consent\): no live connection from the owner shares this attribute/,
    );
    const json = JSON.parse(
      (await at(["data", "read", owner, "postal_address", "--from", grantee, "--json"])).stdout,
    ) as {
      value: unknown;
      block: string;
    };
    expect(json.value).toEqual(address);

    expect((await at(["revoke", grantee, "--from", owner])).code).toBe(0);
    const refused = await at(["data", "read", owner, "postal_address", "--from", grantee]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(
      new RegExp(
        `^weconet: refused: ${grantee} may not read postal_address of ${owner} \\(at block \\d+\\): no live connection from the owner shares this attribute with you`,
        "i",
      ),
    );
  });

  it("shows the owner's receipts and verifies their hash chain and signed head", async () => {
    const receipts = await at(["data", "receipts", "--from", owner, "--verify"]);
    expect(receipts.stderr).toBe("");
    expect(receipts.code).toBe(0);
    expect(receipts.stdout).toMatch(/^seq\s+at\s+block\s+grantee\s+attribute\s+purpose\s+decision/);
    expect(receipts.stdout).toMatch(
      new RegExp(`${grantee}\\s+postal_address\\s+Delivery of goods \\(dpv:DeliveryOfGoods\\)\\s+allowed`),
    );
    expect(receipts.stdout).toMatch(new RegExp(`${grantee}\\s+phone\\s+-\\s+refused \\(no_consent\\)`));
    expect(receipts.stdout).toMatch(/hash chain: 5 receipt\(s\), every hash and link checked, head 0x[0-9a-f]{64}/);
    expect(receipts.stdout).toContain(`head signed by the socket's operator ${operator.address}`);
    expect(receipts.stdout).toContain("not anchored on-chain yet");
    expect(receipts.stdout).toContain("OK: the receipt log is intact");

    // once the operator anchors the heads' root on-chain, --verify checks the owner's head against it
    await testClient.setBalance({ address: operator.address, value: 10n ** 18n });
    expect(await socket.anchor()).toBeDefined();
    const anchored = await at(["data", "receipts", "--from", owner, "--verify"]);
    expect(anchored.code).toBe(0);
    expect(anchored.stdout).toMatch(
      /the head at 5 receipt\(s\) is in the root 0x[0-9a-f]{64} anchored on-chain \(anchor \d+\)/,
    );

    const json = JSON.parse((await at(["data", "receipts", "--from", owner, "--json"])).stdout) as {
      receipts: { decision: string }[];
    };
    expect(json.receipts.map((r) => r.decision)).toEqual(["allowed", "allowed", "refused", "allowed", "refused"]);
    // the grantee has no receipts of their own: reading is not being read
    expect((await at(["data", "receipts", "--from", grantee])).stdout).toContain("no receipts");

    // a receipt rewritten behind the log's back (a refusal turned into an allowed read) is caught
    const pglite = socket.data.pglite;
    if (pglite === undefined) throw new Error("the test socket runs on PGlite");
    await pglite.query("UPDATE socket.receipts SET decision = 'allowed', reason = NULL WHERE owner = $1 AND seq = 3", [
      owner,
    ]);
    const rewritten = await at(["data", "receipts", "--from", owner, "--verify"]);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toContain("NOT VERIFIED:\n  receipt 3: its hash does not match its contents (rewritten?)");
  });

  it("erases one value or everything, asking for confirmation unless --yes", async () => {
    const unconfirmed = await at(["data", "erase", "email", "--from", owner]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain("not at a terminal, so pass --yes to confirm");
    expect((await at(["data", "get", "email", "--from", owner])).code).toBe(0);

    const erased = await at(["data", "erase", "email", "--yes", "--from", owner]);
    expect(erased.stdout).toContain("erased 1 value(s): email of");
    const gone = await at(["data", "get", "email", "--from", owner]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^weconet: no value of attribute \d+ is kept for/);

    expect((await at(["data", "set", "phone", "+31 20 123 4567", "--from", owner])).code).toBe(0);
    const all = await at(["data", "erase", "--all", "--yes", "--from", owner]);
    expect(all.stdout).toContain("erased 2 value(s): every value of");
    expect((await at(["data", "get", "--from", owner])).stdout).toContain("no values stored");
  });

  it("stores a document by its hash and serves it back, verified", async () => {
    const text = "# Bike courier\n\nSame-day delivery in Amsterdam.\n";
    const file = path.join(dir, "offer.md");
    writeFileSync(file, text);
    const put = await at(["doc", "put", file, "--from", owner]);
    expect(put.stderr).toBe("");
    expect(put.stdout).toBe(`${toContentHash(text)}\n`);

    const got = await weconet(["doc", "get", toContentHash(text), "--socket", socket.url]);
    expect(got.stdout).toBe(text);
    const out = path.join(dir, "copy.md");
    expect((await at(["doc", "get", toContentHash(text), "--out", out])).stdout).toContain(`wrote document`);
    expect(readFileSync(out, "utf8")).toBe(text);

    const missing = await at(["doc", "get", toContentHash("never stored")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`weconet: no document ${toContentHash("never stored")} here\n`);
    const binary = path.join(dir, "blob.bin");
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
    expect((await at(["doc", "put", binary, "--from", owner])).stderr).toContain("is not UTF-8 text");
    // an outsider (not an active member, and no applicant publishing its own profile) may not store documents
    const outsider = await at(["doc", "put", file, "--from", people.outsider(7)]);
    expect(outsider.code).toBe(1);
    expect(outsider.stderr).toContain(`${people.outsider(7)} is not an active member, and 0x`);
    expect(outsider.stderr).toContain(`is not the profile it applied with (this needs an active member's session)`);
  });
});
