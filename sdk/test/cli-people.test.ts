/**
 * The CLI for members, leaders and developers (issue 14): suspending, reinstating and rejecting; asking for access
 * and withdrawing the request; an application's whole life; proposals typed by their first digits and rules in
 * their units; and every command's own --help. In-process (runCli) against the test chain, good and bad input.
 */
import { describe, expect, it } from "vitest";

import { DEFAULT_RPC, unreachableNode } from "../src/cli/connect.js";
import { createProgram } from "../src/cli/program.js";
import { admitMember, increaseTime, isolateFile, people, reader } from "./support/weconet.js";
import { weconet, weconetRaw, type CliResult } from "./support/cli.js";

isolateFile();

const member = people.outsider(12);
const developer = people.outsider(13);
const app = people.outsider(14);

/** Expects each command to fail (exit 1) with its message; none of them changes the chain. */
async function refused(cases: [string[], string][]): Promise<void> {
  const results = await Promise.all(cases.map(([args]) => weconet(args)));
  for (const [i, [args, message]] of cases.entries()) {
    expect(results[i]?.stderr, args.join(" ")).toContain(message);
    expect(results[i]?.code, args.join(" ")).toBe(1);
  }
}

const ok = (result: CliResult): string => {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
};

describe("the CLI for members and leaders", () => {
  it("suspends and reinstates a member, rejects an applicant, updates and withdraws applications", async () => {
    await admitMember(member, "member");
    expect(ok(await weconet(["suspend", member, "--reason", "spam", "--from", people.lars]))).toContain(
      `suspended ${member} (spam)`,
    );
    expect(ok(await weconet(["members", "--status", "suspended"]))).toContain(`${member}  suspended`);
    await refused([
      [["suspend", member, "--from", people.lars], "suspend needs --reason <code>"],
      [["suspend", "0x12", "--reason", "spam", "--from", people.lars], 'unknown address for suspend <member>: "0x12"'],
      [["suspend", people.lena, "--reason", "x".repeat(33), "--from", people.lars], "at most 32 bytes"],
      [["suspend", people.lena, "--reason", "spam", "--from", people.lars], `suspend ${people.lena}`],
      [["reinstate", member, "--from", member], `reinstate ${member}`],
    ]);
    expect(ok(await weconet(["reinstate", member, "--from", people.lars]))).toContain(`reinstated ${member}`);
    expect(ok(await weconet(["members", "--status", "active"]))).toContain(`${member}  active`);

    const applicant = people.outsider(15);
    ok(await weconet(["apply", "--profile", "first profile", "--from", applicant]));
    ok(await weconet(["update-profile", "--profile", "second profile", "--from", applicant]));
    await refused([
      [["reject-applicant", applicant, "--from", people.lars], "reject-applicant needs --reason <code>"],
      [["reject-applicant", member, "--reason", "duplicate", "--from", people.lars], `reject ${member}`],
      [["update-profile", "--from", applicant], "update-profile needs --profile"],
    ]);
    expect(
      ok(await weconet(["reject-applicant", applicant, "--reason", "incomplete", "--from", people.lars])),
    ).toContain(`rejected the application of ${applicant} (incomplete)`);
    await refused([[["withdraw-application", "--from", applicant], "withdraw application"]]);
    ok(await weconet(["apply", "--profile", "third profile", "--from", applicant]));
    expect(ok(await weconet(["withdraw-application", "--from", applicant]))).toContain("withdrew your application");
  });

  it("asks an owner for access, withdraws the request, and gives access up", async () => {
    const asked = ok(
      await weconet([
        "request-access",
        member,
        "phone,email",
        "--purpose",
        "dpv:CustomerCare",
        "--days",
        "2",
        "--from",
        people.lars,
      ]),
    );
    expect(asked).toMatch(
      new RegExp(`^asked ${member} for phone,email for 2 days; the request lapses \\d{1,2} [A-Z][a-z]{2} \\d{4}`),
    );
    expect(ok(await weconet(["requests", "--member", member, "--direction", "incoming"]))).toContain(
      `${member}  ${people.lars}  email,phone`,
    );
    await refused([
      [["request-access", member, "phone", "--days", "2", "--from", people.lars], "request-access needs --purpose"],
      [["request-access", member, "phone", "--purpose", "dpv:CustomerCare", "--from", people.lars], "needs --days <n>"],
      [
        ["request-access", member, "phone", "--purpose", "dpv:CustomerCare", "--days", "-1", "--from", people.lars],
        '--days must be a positive number, got "-1"',
      ],
      [
        [
          "request-access",
          member,
          "phone",
          "--purpose",
          "dpv:CustomerCare",
          "--days",
          "100000000000000000000",
          "--from",
          people.lars,
        ],
        '--days must be at most 36500 days (100 years), got "100000000000000000000"',
      ],
      [
        ["request-access", member, "unicorn", "--purpose", "dpv:CustomerCare", "--days", "1", "--from", people.lars],
        'There is no attribute named "unicorn".',
      ],
      [["cancel-request", member, "--from", people.lena], `cancel the request to ${member}`],
    ]);
    expect(ok(await weconet(["cancel-request", member, "--from", people.lars]))).toContain(
      `withdrew your request to ${member}`,
    );
    expect(ok(await weconet(["requests", "--member", member]))).toBe("no requests\n");
    await refused([[["cancel-request", member, "--from", people.lars], `cancel the request to ${member}`]]);

    ok(
      await weconet(["grant", people.lena, "email", "--purpose", "dpv:CustomerCare", "--days", "1", "--from", member]),
    );
    expect(ok(await weconet(["relinquish", member, "--from", people.lena]))).toContain(
      `gave up the connection from ${member}`,
    );
    expect(ok(await weconet(["connections", "--member", member, "--state", "closed"]))).toContain("closed");
  });

  it("registers, updates, suspends, reinstates and retires an application", async () => {
    await admitMember(developer, "developer");
    expect(ok(await weconet(["grant-developer", developer, "--from", people.lars]))).toContain(
      `${developer} is a developer now`,
    );
    const consent = ok(await weconet(["app-consent", "--developer", developer, "--from", app])).trim();
    const register = [
      "register-app",
      app,
      "email",
      "--name",
      "Route planner",
      "--metadata",
      "ipfs://route-planner",
      "--purpose",
      "dpv:ServiceProvision",
    ];
    await refused([
      [[...register, "--from", developer], "register-app needs --consent <JSON>"],
      [["register-app", app, "email", "--consent", consent, "--from", developer], "register-app needs --name"],
      [
        [...register, "--consent", consent, "--from", member],
        `the consent names developer ${developer}, not the sender`,
      ],
    ]);
    expect(ok(await weconet([...register, "--consent", consent, "--from", developer]))).toContain(
      `registered application ${app}`,
    );
    expect(
      ok(await weconet(["update-app", app, "email,phone", "--name", "Route planner 2", "--from", developer])),
    ).toContain(`updated application ${app}`);
    expect(ok(await weconet(["apps", "--developer", developer]))).toContain(
      `${app}  Route planner 2  ${developer}  active  email,phone`,
    );
    await refused([
      [["update-app", app, "--from", developer], "update-app needs what changes"],
      [["update-app", people.outsider(7), "--name", "x", "--from", developer], "there is no application with account"],
      [["update-app", app, "--name", "x", "--from", member], `update application ${app}`],
      [["suspend-app", app, "--from", people.lars], "suspend-app needs --reason <code>"],
      [["retire-app", app, "--from", developer], "for good: not at a terminal, so pass --yes to confirm"],
    ]);
    expect(ok(await weconet(["suspend-app", app, "--reason", "abuse", "--from", people.lars]))).toContain(
      `suspended application ${app} (abuse)`,
    );
    expect(ok(await weconet(["apps", "--status", "suspended"]))).toContain(app);
    expect(ok(await weconet(["reinstate-app", app, "--from", people.lars]))).toContain(`reinstated application ${app}`);
    expect(ok(await weconet(["retire-app", app, "--yes", "--from", developer]))).toContain(
      `retired application ${app}`,
    );
    expect(ok(await weconet(["apps", "--status", "retired"]))).toContain(app);
  });

  it("takes proposals by their first digits and rule values in their units", async () => {
    const proposed = ok(
      await weconet(["propose-rule", "marketFeeBps", "2%", "--title", "Fee to 2%", "--from", people.lars]),
    );
    const id = /^proposed (\d+): marketFeeBps 1% → 2%/.exec(proposed)?.[1] ?? "";
    expect(id).toMatch(/^\d{60,}$/);
    ok(await weconet(["propose-rule", "disputeWindow", "3 days", "--title", "Shorter window", "--from", people.lena]));
    await refused([
      [
        ["propose-rule", "marketFeeBps", "cheap", "--title", "x", "--from", people.lars],
        'the value of marketFeeBps must be a whole number (basis points) or a percentage such as 1.5%, got "cheap"',
      ],
      [
        ["propose-rule", "marketFeeBps", "150%", "--title", "x", "--from", people.lars],
        "marketFeeBps must be from 0% to",
      ],
      [["propose-rule", "unicorns", "1", "--title", "x", "--from", people.lars], 'unknown rule "unicorns"'],
      [["vote", "999", "for", "--from", people.lars], "No proposal id known here matches 999."],
      [["vote", id.slice(0, 8), "maybe", "--from", people.lars], 'vote needs for, against or abstain, got "maybe"'],
      [["queue", "12ab", "--from", people.lars], '"12ab" is not a proposal id'],
    ]);
    await increaseTime(Number(await reader.contracts.governor.read.votingDelay()) + 1);
    const short = `${id.slice(0, 6)}…${id.slice(-4)}`;
    expect(ok(await weconet(["vote", short, "for", "--reason", "fair", "--from", people.lars]))).toContain(
      `voted for on ${id}`,
    );
    expect(ok(await weconet(["vote", id.slice(0, 12), "for", "--from", people.lena]))).toContain(`voted for on ${id}`);
    const exported = await weconet(["audit", "export", "--proposal", id.slice(0, 10), "--event", "VoteCast"]);
    expect(exported.stdout.trimEnd().split("\n")).toHaveLength(2);
  });
});

describe("the CLI's help and usage errors", () => {
  const program = createProgram({ stdout: () => undefined, stderr: () => undefined, env: {} });
  const names = program.commands.map((c) => c.name()).filter((n) => n !== "help");

  it("lists every command by group, and gives each its own --help", async () => {
    const root = ok(await weconetRaw(["--help"]));
    for (const heading of [
      "Network:",
      "Members and leaders",
      "Market: offers",
      "Market: bookings",
      "Market: disputes",
      "Auditor:",
      "Global options",
    ]) {
      expect(root).toContain(heading);
    }
    expect(ok(await weconetRaw([]))).toBe(root);
    for (const name of [
      "status",
      "apply",
      "admit",
      "vote",
      "audit",
      "list-offer",
      "update-offer",
      "pause-offer",
      "resume-offer",
      "close-offer",
      "accept-booking",
      "decline-booking",
      "deliver",
      "complete",
      "cancel-booking",
      "claim",
      "dispute",
      "rule-dispute",
      "request-access",
      "cancel-request",
      "suspend",
      "reinstate",
      "reject-applicant",
      "register-app",
      "update-app",
      "suspend-app",
      "retire-app",
    ]) {
      expect(names).toContain(name);
    }
    const helps = await Promise.all(names.map((name) => weconetRaw([name, "--help"])));
    for (const [i, name] of names.entries()) {
      const help = helps[i];
      expect(help?.code, name).toBe(0);
      expect(help?.stdout, name).toMatch(new RegExp(`^Usage: weconet ${name}`));
      // commander wraps help at the terminal's width: compare the words
      expect(help?.stdout.replace(/\s+/g, " "), name).toContain(
        program.commands.find((c) => c.name() === name)?.description() ?? "?",
      );
      expect(help?.stdout, name).toContain("--rpc <url>");
    }
    for (const sub of [
      ["data", "set"],
      ["data", "receipts"],
      ["doc", "get"],
      ["audit", "export"],
      ["audit", "verify"],
    ]) {
      expect(ok(await weconetRaw([...sub, "--help"]))).toMatch(new RegExp(`^Usage: weconet ${sub.join(" ")}`));
    }
    expect(ok(await weconetRaw(["help", "list-offer"]))).toContain("--price <amount>");
    expect(ok(await weconetRaw(["update-offer", "--help"]))).toContain("--no-share");
  });

  it("says what is wrong with a command line it does not understand (exit code 2)", async () => {
    const cases: [string[], string][] = [
      [["admit"], 'weconet: missing required argument "address"'],
      [["status", "--frobnicate"], 'weconet: unknown option "--frobnicate"'],
      [["leave", "now"], "weconet: too many arguments"],
      [["stauts"], "(Did you mean status?)"],
      [["vote", "1"], "(`weconet vote --help` says what it takes)"],
    ];
    for (const [args, message] of cases) {
      const result = await weconetRaw(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toContain(message);
    }
  });

  it("asks whether `npm start` runs only when the node is the local default", async () => {
    expect(unreachableNode(DEFAULT_RPC)).toContain("is `npm start` running?");
    const elsewhere = await weconetRaw(["status", "--rpc", "http://127.0.0.1:9"]);
    expect(elsewhere.stderr).toBe(
      "weconet: cannot reach a node at http://127.0.0.1:9: is the node running and the URL right? (--rpc <url> / WECONET_RPC_URL)\n",
    );
    const env = await weconetRaw(["status"], { WECONET_RPC_URL: "http://127.0.0.1:9" });
    expect(env.stderr).not.toContain("npm start");
  });
});
