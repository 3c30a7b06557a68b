/**
 * The CLI's market, as a provider, a consumer and a leader use it (issue 14): offers listed, changed, paused,
 * resumed and closed; every step of a booking; disputes ruled in the token's units and settled. Each command
 * runs in-process (runCli) against the test chain, with good and bad input; bad input sends nothing.
 */
import { describe, expect, it } from "vitest";

import { admitMember, increaseTime, isolateFile, people, reader } from "./support/weconet.js";
import { weconet, type CliResult } from "./support/cli.js";

isolateFile();

const provider = people.outsider(10);
const consumer = people.outsider(11);

/** Expects each command to fail (exit 1) with its message; none of them changes the chain. */
async function refused(cases: [string[], string][]): Promise<void> {
  const results = await Promise.all(cases.map(([args]) => weconet(args)));
  for (const [i, [args, message]] of cases.entries()) {
    expect(results[i]?.stderr, args.join(" ")).toContain(message);
    expect(results[i]?.code, args.join(" ")).toBe(1);
  }
}

const json = <T>(result: CliResult): T => {
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as T;
};

/** Books one unit of `offer` as the consumer; the booking's id. */
async function book(offer: string): Promise<string> {
  const booked = json<{ bookingId: string }>(await weconet(["book", offer, "--from", consumer, "--json"]));
  return booked.bookingId;
}

const document = JSON.stringify({ attributes: { service_area: "Amsterdam" } });
let resource = "";

describe("the CLI's market", () => {
  it("registers a resource of a class, and says *class* where a class is meant", async () => {
    await admitMember(provider, "provider");
    await admitMember(consumer, "consumer");
    await refused([
      [
        ["register-resource", "spaceship", "--metadata", "x", "--from", provider],
        'there is no class named "spaceship"',
      ],
      [
        ["register-resource", "email", "--metadata", "x", "--from", provider],
        '"email" is an attribute (email, of persons), not a class',
      ],
      [["register-resource", "courier_service", "--from", provider], "register-resource needs <class> and --metadata"],
    ]);
    const registered = json<{ resourceId: string }>(
      await weconet([
        "register-resource",
        "courier_service",
        "--metadata",
        "bike courier",
        "--from",
        provider,
        "--json",
      ]),
    );
    resource = registered.resourceId;
    expect((await weconet(["resources", "--owner", provider])).stdout).toMatch(
      new RegExp(`${resource}\\s+${provider}\\s+courier_service\\s+yes`),
    );
    const updated = await weconet([
      "update-resource",
      resource,
      "--metadata",
      "cargo bike courier",
      "--from",
      provider,
    ]);
    expect(updated.stdout).toContain(`updated resource ${resource}`);
    await refused([
      [["update-resource", resource, "--from", provider], "update-resource needs --class <class> or --metadata"],
      [
        ["update-resource", resource, "--class", "spaceship", "--from", provider],
        'there is no class named "spaceship"',
      ],
      [["update-resource", "999", "--metadata", "x", "--from", provider], "there is no resource 999 on this network"],
    ]);
  });

  it("lists an offer in units, updates, pauses, resumes and closes it", async () => {
    const listed = await weconet([
      "list-offer",
      resource,
      "--price",
      "0.01",
      "--capacity",
      "5",
      "--document",
      document,
      "--share",
      "delivery_address",
      "--purpose",
      "dpv:DeliveryOfGoods",
      "--share-days",
      "1",
      "--from",
      provider,
    ]);
    expect(listed.stderr).toBe("");
    const offer = /^listed offer (\d+): 5 unit\(s\) at 0\.01 ETH a unit/.exec(listed.stdout)?.[1] ?? "";
    expect(offer).not.toBe("");
    expect((await weconet(["offers", "--provider", provider])).stdout).toMatch(
      new RegExp(`${offer}\\s+courier_service\\s+0\\.01 ETH\\s+5/5\\s+bookable\\s+${provider}\\s+delivery_address`),
    );
    const base = ["list-offer", resource, "--capacity", "5", "--document", document, "--from", provider];
    await refused([
      [[...base, "--price", "cheap"], '--price must be an amount such as 7.50, got "cheap"'],
      [[...base, "--price", "0.0000000000000000001"], "ETH has at most 18 decimals"],
      [[...base, "--price", "1e9"], '--price must be an amount such as 7.50, got "1e9"'],
      [
        ["list-offer", resource, "--price", "1", "--capacity", "0", "--document", "x", "--from", provider],
        "Enter the capacity (--capacity): a whole number above 0",
      ],
      [
        ["list-offer", resource, "--price", "1", "--capacity", "5", "--from", provider],
        "list-offer needs <resource> --price <amount> --capacity <n> --document",
      ],
      [
        [...base, "--price", "1", "--share", "email"],
        "--share <attributes> --purpose <purpose> --share-days <n> (all three)",
      ],
      [[...base, "--price", "1", "--token", "dEUR"], 'unknown token "dEUR"'],
      [
        ["list-offer", resource, "--price", "1", "--capacity", "5", "--document", "x", "--from", consumer],
        "weconet: list an offer",
      ],
    ]);

    const updated = await weconet(["update-offer", offer, "--price", "0.02", "--capacity", "8", "--from", provider]);
    expect(updated.stdout).toMatch(
      new RegExp(`^updated offer ${offer} to version 1: 0\\.02 ETH a unit, 8 unit\\(s\\)`),
    );
    await refused([
      [["update-offer", offer, "--from", provider], "update-offer needs what changes"],
      [["update-offer", "999", "--price", "1", "--from", provider], "there is no offer 999 on this network"],
      [["update-offer", offer, "--price", "-1", "--from", provider], "--price must be an amount such as 7.50"],
      [["update-offer", offer, "--price", "1", "--from", consumer], `weconet: update offer ${offer}`],
    ]);
    // the data request dropped: a booking shares nothing any more
    expect((await weconet(["update-offer", offer, "--no-share", "--from", provider])).code).toBe(0);
    expect((await reader.reads.offer(BigInt(offer))).dataRequest.attributeIds).toEqual([]);

    expect((await weconet(["pause-offer", offer, "--from", provider])).stdout).toContain(`paused offer ${offer}`);
    expect((await weconet(["offers", "--provider", provider])).stdout).toBe("no offers\n");
    expect((await weconet(["offers", "--provider", provider, "--all"])).stdout).toMatch(/0\.02 ETH\s+8\/8\s+paused/);
    await refused([[["book", offer, "--from", consumer], `book 1 unit(s) of offer ${offer}`]]);
    expect((await weconet(["resume-offer", offer, "--from", provider])).stdout).toContain(`resumed offer ${offer}`);
    expect((await weconet(["offers", "--provider", provider])).stdout).toContain("bookable");

    await refused([
      [["close-offer", offer, "--from", provider], `Close offer ${offer} for good: not at a terminal, so pass --yes`],
      [["pause-offer", "abc", "--from", provider], 'the offer id must be a whole number, got "abc"'],
      [["resume-offer", offer, "--from", provider], `weconet: resume offer ${offer}`],
    ]);
    expect((await weconet(["close-offer", offer, "--yes", "--from", provider])).stdout).toContain(
      `closed offer ${offer} for good`,
    );
    expect((await weconet(["offers", "--provider", provider, "--all"])).stdout).toMatch(/8\/8\s+closed/);
  });

  let offer = "";
  it("takes a booking through every step, amounts in units", async () => {
    const listed = json<{ offerId: string }>(
      await weconet([
        "list-offer",
        resource,
        "--price",
        "0.01",
        "--capacity",
        "20",
        "--document",
        document,
        "--from",
        provider,
        "--json",
      ]),
    );
    offer = listed.offerId;
    await refused([
      [["book", offer, "--quantity", "21", "--from", consumer], `offer ${offer} has 20 unit(s) left, not 21`],
      [
        ["book", offer, "--quantity", "0", "--from", consumer],
        "Enter the quantity (--quantity): a whole number above 0",
      ],
    ]);

    // cancelled by the consumer, declined by the provider: full refunds, withdrawn in units
    const cancelled = await book(offer);
    expect((await weconet(["cancel-booking", cancelled, "--from", consumer])).stdout).toContain(
      `cancelled booking ${cancelled}`,
    );
    const declined = await book(offer);
    await refused([[["decline-booking", declined, "--from", consumer], `decline booking ${declined}`]]);
    expect((await weconet(["decline-booking", declined, "--from", provider])).stdout).toContain(
      `declined booking ${declined}`,
    );
    expect((await weconet(["bookings", "--member", consumer])).stdout).toContain(
      "consumer: withdraw 0.02 ETH credited",
    );
    expect((await weconet(["withdraw", "--from", consumer])).stdout).toMatch(/^withdrew 0\.02 ETH \(transaction 0x/);

    // accepted, delivered, completed: the provider is credited the price less the 1% fee
    const completed = await book(offer);
    await refused([
      [["accept-booking", completed, "--from", consumer], `accept booking ${completed}`],
      [["deliver", completed, "--from", provider], `mark delivered booking ${completed}`],
      [["accept-booking", "999", "--from", provider], "there is no booking 999 on this network"],
      [["complete", "x1", "--from", consumer], 'the booking id must be a whole number, got "x1"'],
    ]);
    expect((await weconet(["accept-booking", completed, "--from", provider])).stdout).toContain(
      `accepted booking ${completed}`,
    );
    expect((await weconet(["deliver", completed, "--from", provider])).stdout).toContain(
      `marked delivered: booking ${completed}`,
    );
    expect((await weconet(["bookings", "--member", provider])).stdout).toMatch(
      /delivered\s+provider: claim the payment from \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/,
    );
    expect((await weconet(["complete", completed, "--from", consumer])).stdout).toContain(
      `completed booking ${completed}`,
    );
    const mine = await weconet(["bookings", "--member", provider]);
    expect(mine.stdout).toContain("provider: withdraw 0.0099 ETH credited");
    expect(mine.stdout).not.toMatch(/withdraw \d{6,}/);

    // delivered and claimed once the dispute window is over
    const claimed = await book(offer);
    await weconet(["accept-booking", claimed, "--from", provider]);
    await weconet(["deliver", claimed, "--from", provider]);
    await refused([[["claim", claimed, "--from", provider], `claim the payment of booking ${claimed}`]]);
    await increaseTime(604_800 + 1);
    expect((await weconet(["claim", claimed, "--from", provider])).stdout).toContain(
      `claimed the payment of booking ${claimed}`,
    );
    expect((await weconet(["withdraw", "--from", provider])).stdout).toMatch(/^withdrew 0\.0198 ETH/);
  });

  it("opens disputes, rules on one in the token's units, proposes a ruling and settles an expired one", async () => {
    const ruled = await book(offer);
    await weconet(["accept-booking", ruled, "--from", provider]);
    await refused([
      [["dispute", ruled, "--from", consumer], "dispute needs --statement <text or 0x hash>"],
      [["dispute", ruled, "--statement", "late", "--from", people.lars], `open a dispute over booking ${ruled}`],
    ]);
    expect((await weconet(["dispute", ruled, "--statement", "never came", "--from", consumer])).stdout).toContain(
      `opened a dispute over booking ${ruled}`,
    );
    expect((await weconet(["disputes"])).stdout).toMatch(
      new RegExp(
        `${ruled}\\s+${consumer}\\s+${provider}\\s+0\\.01 ETH\\s+consumer, .* UTC\\s+leader: rule: split the escrow`,
      ),
    );
    await refused([
      [
        ["rule-dispute", ruled, "0.02", "--ruling", "x", "--from", people.lars],
        "the refund 0.02 ETH is more than the escrow of booking",
      ],
      [
        ["rule-dispute", ruled, "half", "--ruling", "x", "--from", people.lars],
        'the refund must be an amount such as 7.50, got "half"',
      ],
      [["rule-dispute", ruled, "0.005", "--from", people.lars], "rule-dispute needs --ruling <text or 0x hash>"],
      [
        ["rule-dispute", "1", "0", "--ruling", "x", "--from", people.lars],
        "is cancelled, not disputed: there is nothing to rule on",
      ],
      [["rule-dispute", ruled, "0.005", "--ruling", "x", "--from", consumer], `rule on booking ${ruled}`],
    ]);
    const rule = await weconet(["rule-dispute", ruled, "0.004", "--ruling", "half the parcels", "--from", people.lars]);
    expect(rule.stdout).toContain(
      `ruled on booking ${ruled}: 0.004 ETH back to the consumer, the rest (minus the fee) to the provider`,
    );

    const settled = await book(offer);
    await weconet(["accept-booking", settled, "--from", provider]);
    await weconet(["dispute", settled, "--statement", "broken", "--from", provider]);
    const proposed = json<{ proposalId: string }>(
      await weconet(["propose-ruling", settled, "0.01", "--ruling", "refund", "--from", people.lars, "--json"]),
    );
    expect((await weconet(["proposals", "--state", "pending"])).stdout).toContain(
      `Rule on the dispute over booking ${settled}: refund 0.01 ETH`,
    );
    expect(proposed.proposalId).toMatch(/^\d{60,}$/);
    await refused([
      [["settle-dispute", settled, "--from", people.lena], `settle the expired dispute over booking ${settled}`],
    ]);
    const [booking] = (await reader.reads.bookings({ statuses: ["disputed"] })).items;
    await increaseTime(
      (booking?.dispute?.finalDeadline ?? 0) - Number((await reader.publicClient.getBlock()).timestamp) + 1,
    );
    expect((await weconet(["settle-dispute", settled, "--from", people.lena])).stdout).toContain(
      `settled the expired dispute over booking ${settled}: full refund to the consumer`,
    );
    expect((await weconet(["disputes"])).stdout).toBe("no disputes\n");
  });
});
