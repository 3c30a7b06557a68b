import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { parseEther } from "viem";
import { generatePrivateKey } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";

import { admitMember, as, deploymentDirectory, increaseTime, isolateFile, people, reader } from "./support/weconet.js";
import { weconet, weconetRaw } from "./support/cli.js";

isolateFile();

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "..", "bin", "weconet.js");
const dir = mkdtempSync(path.join(tmpdir(), "weconet-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the weconet CLI", () => {
  const applicant = people.outsider(0);

  it("shows the network's status, members, rules and vocabulary", async () => {
    const status = await weconet(["status"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`manager         ${people.manager}`);
    expect(status.stdout).toContain("voters          3");
    expect(status.stdout).toContain("market          0 offers, 0 requests, 0 bookings; 1 connector(s) ever approved");
    const rules = JSON.parse((await weconet(["rules", "--json"])).stdout) as { name: string; value: string }[];
    expect(rules.map((r) => r.name)).toEqual([
      "admissionPolicy",
      "maxGrantDuration",
      "marketFeeBps",
      "disputeWindow",
      "accessRequestLifetime",
      "probationPeriod",
      "admissionsPerLeader",
      "disputeRulingPeriod",
    ]);
    expect((await weconet(["taxonomy"])).stdout).toContain("bike");
    const members = await weconet(["members", "--status", "active"]);
    expect(members.stdout).toContain(`${people.lars}  active`);
  });

  it("lets a member apply, a leader admit, and a member propose and vote", async () => {
    expect((await weconet(["apply", "--profile", "my profile", "--from", applicant])).code).toBe(0);
    expect((await weconet(["admit", applicant, "--from", people.lars])).stdout).toContain(`admitted ${applicant}`);
    // A newcomer's vote counts after the probation period, once activated (here through the CLI, by themselves).
    const early = await weconet(["activate-vote", "--from", applicant]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`${applicant} is still on probation`);
    await increaseTime(Number(await reader.contracts.networkRules.read.probationPeriod()));
    const activated = await weconet(["activate-vote", applicant, "--from", people.lars]);
    expect(activated.stdout).toContain(`the vote of ${applicant} counts from now on`);
    // Proposing counts the votes one second back: a vote activated this second cannot propose yet.
    await increaseTime(1);
    const proposed = await weconet([
      "propose-rule",
      "marketFeeBps",
      "200",
      "--title",
      "Lower the fee to 2%",
      "--from",
      applicant,
      "--json",
    ]);
    expect(proposed.stderr).toBe("");
    const { proposalId } = JSON.parse(proposed.stdout) as { proposalId: string };
    const listed = await weconet(["proposals", "--state", "pending"]);
    expect(listed.stdout).toContain(proposalId);
    expect(listed.stdout).toContain("Lower the fee to 2%");
    const tooEarly = await weconet(["vote", proposalId, "for", "--from", applicant]);
    expect(tooEarly.code).toBe(1);
    expect(tooEarly.stderr).toContain(`is pending; this needs it to be active.`);
  });

  it("lists the purposes, names a member's socket and proposes a new default", async () => {
    const purposes = await weconet(["purposes"]);
    expect(purposes.stdout).toMatch(/^purpose\s+label\s+code\n/);
    expect(purposes.stdout).toMatch(/\ndpv:DeliveryOfGoods\s+Delivery of goods\s+0x[0-9a-f]{64}\n/);
    expect(purposes.stdout).toMatch(/dpv:Marketing\s+Marketing\s+0x[0-9a-f]{64}\s+marketing\n/);
    const listed = JSON.parse((await weconet(["purposes", "--json"])).stdout) as { key: string; iri: string }[];
    expect(listed.find((p) => p.key === "DeliveryOfGoods")?.iri).toBe("https://w3id.org/dpv#DeliveryOfGoods");

    expect((await weconet(["socket", people.lars])).stdout).toBe(
      `${people.lars}: http://127.0.0.1:8600 (the network's default)\n`,
    );
    expect((await weconet(["set-socket", "https://lars.example.org", "--from", people.lars])).stdout).toContain(
      "your data lives at https://lars.example.org",
    );
    expect((await weconet(["socket", "--from", people.lars])).stdout).toBe(
      `${people.lars}: https://lars.example.org (their own)\n`,
    );
    expect((await weconet(["clear-socket", "--from", people.lars])).stdout).toContain(
      "the network's default socket serves you again",
    );
    const proposed = await weconet([
      "propose-default-socket",
      "https://commons.example.net",
      "--from",
      people.lars,
      "--json",
    ]);
    expect(proposed.stderr).toBe("");
    const { proposalId } = JSON.parse(proposed.stdout) as { proposalId: string };
    expect((await weconet(["proposals", "--state", "pending"])).stdout).toContain(
      "Make https://commons.example.net the network's default socket",
    );
    expect(proposalId).toMatch(/^\d+$/);
  });

  it("exports the audit trail as JSON Lines and CSV, filtered, and verifies it", async () => {
    const jsonl = path.join(dir, "trail.jsonl");
    const exported = await weconet(["audit", "export", "--out", jsonl]);
    expect(exported.code).toBe(0);
    const lines = readFileSync(jsonl, "utf8").trimEnd().split("\n");
    expect(exported.stderr).toContain(`exported ${lines.length} events`);

    const csv = path.join(dir, "applicant.csv");
    await weconet(["audit", "export", "--out", csv, "--member", applicant, "--event", "MemberAdmitted"]);
    const rows = readFileSync(csv, "utf8").trimEnd().split("\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`${people.lars} admitted ${applicant}`);

    const verified = await weconet(["audit", "verify"]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain("OK: the state rebuilt from events alone equals the contracts' state");
  });

  it("grants, lists and revokes connections; answers requests; lists applications", async () => {
    const owner = people.outsider(1);
    const developer = people.outsider(2);
    const app = people.outsider(9);
    await admitMember(owner, "owner");
    await admitMember(developer, "developer");
    await as(people.lars).membership.grantDeveloper({ account: developer });

    const granted = await weconet([
      "grant",
      people.lars,
      "postal_address,email",
      "--purpose",
      "dpv:DeliveryOfGoods",
      "--days",
      "30",
      "--from",
      owner,
    ]);
    expect(granted.stderr).toBe("");
    expect(granted.stdout).toMatch(
      /^opened connection \d+ to 0x[0-9a-fA-F]{40} until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/,
    );
    const mine = await weconet(["connections", "--from", owner]);
    expect(mine.stdout).toContain(`${owner}  ${people.lars}  postal_address,email  Delivery of goods  live`);
    const received = JSON.parse(
      (await weconet(["connections", "--member", people.lars, "--direction", "received", "--json"])).stdout,
    ) as { owner: string; state: string; authorizedAttributes: number[] }[];
    expect(received).toEqual([expect.objectContaining({ owner, state: "live", authorizedAttributes: [4, 6] })]);

    await as(people.lars).access.requestAccess({
      owner,
      attributes: ["phone"],
      purpose: "dpv:CustomerCare",
      duration: 3_600,
    });
    await as(people.lena).access.requestAccess({
      owner,
      attributes: ["email"],
      purpose: "dpv:Marketing",
      duration: 60,
    });
    const requests = await weconet(["requests", "--from", owner, "--direction", "incoming"]);
    expect(requests.stdout).toContain(`${owner}  ${people.lars}  phone       Customer care  0.04 days  pending`);
    const accepted = await weconet(["accept", people.lars, "--from", owner]);
    expect(accepted.stdout).toMatch(/^accepted: changed connection \d+ to /);
    expect((await weconet(["reject", people.lena, "--reason", "not-needed", "--from", owner])).code).toBe(0);
    expect((await weconet(["requests", "--member", owner])).stdout).toBe("no requests\n");
    expect((await weconet(["requests", "--member", owner, "--all"])).stdout).toContain("rejected");
    expect((await weconet(["revoke", people.lars, "--from", owner])).stdout).toContain(
      `closed the connection to ${people.lars}`,
    );
    expect((await weconet(["connections", "--member", owner, "--state", "closed"])).stdout).toContain("closed");

    await as(developer).applications.register({
      account: app,
      consent: await as(app).applications.consentToRegistration({ developer }),
      name: "Route planner",
      metadataURI: "ipfs://route-planner",
      attributes: ["delivery_address"],
      purpose: "dpv:ServiceProvision",
    });
    const apps = await weconet(["apps", "--developer", developer]);
    expect(apps.stdout).toContain(
      `${app}  Route planner  ${developer}  active  delivery_address  Service provision (dpv:ServiceProvision)`,
    );
    expect((await weconet(["apps", "--status", "retired"])).stdout).toBe("no applications\n");

    // Bad input: every message says what is wrong.
    const cases: [string[], string][] = [
      [
        ["grant", "0x12", "email", "--purpose", "dpv:ServiceProvision", "--days", "1", "--from", owner],
        'unknown address for grant <grantee>: "0x12"',
      ],
      [
        ["grant", people.lars, "email", "--purpose", "dpv:ServiceProvision", "--from", owner],
        "say how long: --days <n> or --until <date>",
      ],
      [
        ["grant", people.lars, "email", "--purpose", "dpv:ServiceProvision", "--days", "0", "--from", owner],
        "--days must be a positive number",
      ],
      [
        ["grant", people.lars, "unicorn", "--purpose", "dpv:ServiceProvision", "--days", "1", "--from", owner],
        'There is no attribute named "unicorn".',
      ],
      [
        ["grant", app, "email", "--purpose", "dpv:ServiceProvision", "--until", "2000-01-01", "--from", owner],
        "is not allowed: it must be in the future",
      ],
      [
        ["grant", people.outsider(7), "email", "--purpose", "dpv:ServiceProvision", "--days", "1", "--from", owner],
        "can receive no access",
      ],
      [
        ["grant", people.lars, "email", "--purpose", "newsletter", "--days", "1", "--from", owner],
        'unknown purpose "newsletter": name a W3C DPV purpose the network offers (dpv:ServiceProvision,',
      ],
      [["grant", people.lars, "email", "--days", "1", "--from", owner], "grant needs --purpose <purpose>"],
      [["set-socket", "ftp://x", "--from", owner], "set socket ftp://x: A socket URL must start with http://"],
      [["clear-socket", "--from", owner], `${owner} named no socket of their own`],
      [["accept", people.lars, "--from", owner], `${people.lars} has no pending request to ${owner}.`],
      [["revoke", people.lars, "--from", owner], `There is no connection from ${owner} to ${people.lars}.`],
      [["connections", "--state", "open"], 'unknown state "open": one of live, expired, closed'],
      [["apps", "--status", "paused"], 'unknown status "paused": one of none, active, suspended, retired'],
    ];
    // None of them changes the chain: they run side by side.
    const results = await Promise.all(cases.map(([args]) => weconet(args)));
    for (const [i, [args, message]] of cases.entries()) {
      expect(results[i]?.code, args.join(" ")).toBe(1);
      expect(results[i]?.stderr, args.join(" ")).toContain(message);
    }
  });

  it("lists offers, ranks them for a need, books one and shows who acts next", async () => {
    const provider = people.outsider(1);
    const consumer = people.outsider(3);
    await admitMember(consumer, "consumer");
    const { resourceId } = await as(provider).resources.register({
      resourceClass: "courier_service",
      metadata: "bike courier",
    });
    const amsterdam = JSON.stringify({ attributes: { service_area: "Amsterdam" } });
    const rotterdam = JSON.stringify({ attributes: { service_area: "Rotterdam" } });
    const { offerId: near } = await as(provider).market.listOffer({
      resourceId,
      unitPrice: parseEther("0.008"),
      capacity: 10,
      document: amsterdam,
      dataRequest: { attributes: ["delivery_address"], purpose: "dpv:DeliveryOfGoods", duration: 86_400 },
    });
    const { offerId: far } = await as(provider).market.listOffer({
      resourceId,
      unitPrice: parseEther("0.005"),
      capacity: 10,
      document: rotterdam,
    });
    const documents = mkdtempSync(path.join(dir, "documents-"));
    writeFileSync(path.join(documents, "amsterdam.json"), amsterdam);
    writeFileSync(path.join(documents, "rotterdam.json"), rotterdam);

    const listed = await weconet(["offers", "--class", "service", "--subclasses"]);
    expect(
      listed.stdout
        .split("\n")
        .slice(1, 3)
        .map((line) => line.split(/\s+/).slice(0, 5)),
    ).toEqual([
      [String(far), "courier_service", "0.005", "ETH", "10/10"],
      [String(near), "courier_service", "0.008", "ETH", "10/10"],
    ]);
    expect((await weconet(["offers", "--max-price", "0.006"])).stdout).not.toContain("0.008 ETH");
    const matched = await weconet([
      "offers",
      "--match",
      "--class",
      "courier_service",
      "--quantity",
      "2",
      "--max-price",
      "0.01",
      "--want",
      "service_area=Amsterdam",
      "--documents",
      documents,
    ]);
    expect(matched.stdout).toMatch(
      new RegExp(
        `^1\\. offer ${near} by ${provider}: courier_service, 0.008 ETH a unit — (fits what you asked|fits well|fits in part|may fit)$`,
        "m",
      ),
    );
    expect(matched.stdout).toContain('1 of 1 wanted values match: service_area is "Amsterdam", as wanted');
    expect(matched.stdout).toContain('service_area is "Rotterdam", not "Amsterdam"');

    const booked = await weconet(["book", String(near), "--quantity", "2", "--from", consumer]);
    expect(booked.stdout).toMatch(
      new RegExp(
        `^booked 2 unit\\(s\\) of offer ${near}: booking \\d+, 0.016 ETH in escrow; data connection \\d+ opened`,
      ),
    );
    const bookings = await weconet(["bookings", "--member", provider]);
    expect(bookings.stdout).toContain("booked  provider: accept; provider: decline (full refund)");
    const mine = JSON.parse((await weconet(["bookings", "--member", consumer, "--json"])).stdout) as {
      status: string;
      next: { id: string; by: string }[];
    }[];
    expect(mine[0]?.next.filter((a) => a.by === "consumer")).toEqual([{ id: "cancel", by: "consumer" }]);

    const cases: [string[], string][] = [
      [["book", "999", "--from", consumer], "there is no offer 999 on this network"],
      [["book", String(near), "--from", provider], `A provider cannot book or answer with their own offer ${near}.`],
      [["offers", "--max-price", "cheap"], '--max-price must be an amount such as 7.50, got "cheap"'],
      [["offers", "--token", "dEUR"], 'unknown token "dEUR": no offer is priced in it'],
      [
        ["offers", "--match", "--class", "courier_service"],
        "offers --match needs --class <name>, --quantity <n> and --max-price",
      ],
      [
        ["offers", "--match", "--class", "courier_service", "--max-price", "1", "--want", "colour=red"],
        'there is no attribute named "colour"',
      ],
      [["bookings", "--role", "buyer"], 'unknown role "buyer": one of consumer, provider, both'],
      [["withdraw", "--from", consumer], `${consumer} has no ETH to withdraw.`],
    ];
    const results = await Promise.all(cases.map(([args]) => weconet(args)));
    for (const [i, [args, message]] of cases.entries()) {
      expect(results[i]?.code, args.join(" ")).toBe(1);
      expect(results[i]?.stderr, args.join(" ")).toContain(message);
    }
  });

  it("says clearly what is wrong with bad input", async () => {
    const badAddress = await weconet(["admit", "0x1234", "--from", people.lars]);
    expect(badAddress).toMatchObject({ code: 1 });
    expect(badAddress.stderr).toContain('unknown address for admit <address>: "0x1234" is not an Ethereum address');

    const notHeld = await weconet(["leave", "--from", "0x000000000000000000000000000000000000dEaD"]);
    expect(notHeld.stderr).toContain("holds no key for 0x000000000000000000000000000000000000dEaD");

    const missing = await weconet(["status", "--deployment", path.join(dir, "nowhere")]);
    expect(missing.stderr).toContain("no deployment found for chain 31337");

    const otherChain = path.join(dir, "chain-5");
    cpSync(deploymentDirectory, otherChain, { recursive: true });
    const journal = path.join(otherChain, "journal.jsonl");
    writeFileSync(journal, readFileSync(journal, "utf8").replace('"chainId":31337', '"chainId":5'));
    const wrong = await weconet(["status", "--deployment", otherChain]);
    expect(wrong.stderr).toContain("wrong network: the deployment in");
    expect(wrong.stderr).toContain("is for chain 5, but the node is chain 31337");

    const poor = await weconet(["apply", "--profile", "x"], { WECONET_PRIVATE_KEY: generatePrivateKey() });
    expect(poor.stderr).toContain("insufficient funds");

    const offline = await weconetRaw(["status", "--rpc", "http://127.0.0.1:9"]);
    expect(offline.stderr).toContain("cannot reach a node at http://127.0.0.1:9");

    const unknown = await weconet(["frobnicate"]);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it("runs as the `weconet` binary: its help, and a usage error's exit code", async () => {
    const help = await run(process.execPath, [bin, "--help"]);
    expect(help.stdout).toMatch(/^Usage: weconet <command> \[options\]/);
    const unknown = await run(process.execPath, [bin, "frobnicate"]).catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 2 });
    expect((unknown as { stderr: string }).stderr).toContain('weconet: unknown command "frobnicate"');
  });
});
