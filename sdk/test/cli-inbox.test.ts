/**
 * `weconet inbox`: what waits for an account, as the CLI prints it (the SDK's reads.inbox), with the command that
 * acts on each item; good and bad input, in-process against the test chain.
 */
import { describe, expect, it } from "vitest";

import { admitMember, as, isolateFile, people } from "./support/weconet.js";
import { weconet } from "./support/cli.js";

isolateFile();

describe("weconet inbox", () => {
  const owner = people.outsider(12);
  const asker = people.outsider(13);

  it("lists an access request waiting for its owner with the command that answers it, and empties once answered", async () => {
    await admitMember(owner, "cli-inbox-owner");
    await admitMember(asker, "cli-inbox-asker");
    const empty = await weconet(["inbox", "--from", owner]);
    expect(empty.stderr).toBe("");
    expect(empty.stdout).toContain(`nothing waits for ${owner}`);

    await as(asker).access.requestAccess({
      owner,
      attributes: ["email"],
      purpose: "dpv:CommunicationManagement",
      duration: 7 * 86_400,
    });
    const waiting = await weconet(["inbox", "--member", owner]);
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toMatch(/UTC/);
    expect(waiting.stdout).toContain(`weconet accept ${asker}`);
    const json = await weconet(["inbox", "--member", owner, "--json"]);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ kind: "request", next: expect.stringContaining(asker) }),
    ]);

    expect((await weconet(["accept", asker, "--from", owner])).code).toBe(0);
    expect((await weconet(["inbox", "--from", owner])).stdout).toContain("nothing waits");
  });

  it("refuses without an account and with a bad closing window, and has its own --help", async () => {
    const none = await weconet(["inbox"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("inbox needs --member <address> (or --from)");
    const bad = await weconet(["inbox", "--member", owner, "--closing-within", "-2"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--closing-within must be a number of days");
    const help = await weconet(["inbox", "--help"]);
    expect(help.stdout).toContain("--closing-within <days>");
  });
});
