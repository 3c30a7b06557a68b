import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { generatePrivateKey } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";

import { deploymentDirectory, increaseTime, isolateFile, people, rpcUrl } from "./support/weconet.js";

isolateFile();

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "..", "bin", "weconet.js");
const dir = mkdtempSync(path.join(tmpdir(), "weconet-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `weconet …` against the test chain; resolves with the exit code and both outputs. */
async function weconet(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [bin, ...args, "--rpc", rpcUrl, ...(args.includes("--deployment") ? [] : ["--deployment", deploymentDirectory])],
      { env: { ...process.env, WECONET_PRIVATE_KEY: "", ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the weconet CLI", () => {
  const applicant = people.outsider(0);

  it("shows the network's status, members, rules and vocabulary", async () => {
    const status = await weconet(["status"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`manager         ${people.manager}`);
    expect(status.stdout).toContain("active members  3");
    const rules = JSON.parse((await weconet(["rules", "--json"])).stdout) as { name: string; value: string }[];
    expect(rules.map((r) => r.name)).toEqual([
      "admissionPolicy",
      "maxGrantDuration",
      "marketFeeBps",
      "disputeWindow",
      "accessRequestLifetime",
    ]);
    expect((await weconet(["taxonomy"])).stdout).toContain("bike");
    const members = await weconet(["members", "--status", "active"]);
    expect(members.stdout).toContain(`${people.lars}  active`);
  });

  it("lets a member apply, a leader admit, and a member propose and vote", async () => {
    expect((await weconet(["apply", "--profile", "my profile", "--from", applicant])).code).toBe(0);
    expect((await weconet(["admit", applicant, "--from", people.lars])).stdout).toContain(`admitted ${applicant}`);
    // Proposing counts the votes one second back: a member admitted this second cannot propose yet.
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
    const early = await weconet(["vote", proposalId, "for", "--from", applicant]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`is pending; this needs it to be active.`);
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

    const offline = await run(process.execPath, [bin, "status", "--rpc", "http://127.0.0.1:9"]).catch(
      (e: { stderr: string }) => e,
    );
    expect(offline.stderr).toContain("cannot reach a node at http://127.0.0.1:9");

    const unknown = await weconet(["frobnicate"]);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
