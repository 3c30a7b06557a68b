import { attributeIdOf } from "../../sdk/src/reads/taxonomy.js";
import { describe, expect, it, beforeAll, afterAll } from "vitest";

import { as, isolateFile, people, reader } from "../../sdk/test/support/weconet.js";
import { signIn, startTestSocket, type TestSocket } from "./support/socket.js";

isolateFile();

describe("the socket's vertical slice", () => {
  let t: TestSocket;
  beforeAll(async () => {
    t = await startTestSocket();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("lets an owner keep a value and a grantee read it while connected", async () => {
    const email = await attributeIdOf(reader.context, "email");
    const lars = await signIn(t.client, people.lars);
    const lena = await signIn(t.client, people.lena);
    const stored = await lars.values.set(email, "lars@example.org");
    expect(stored).toMatchObject({ attributeId: email, value: "lars@example.org", version: 1, dataType: "email" });
    expect((await lars.values.get(email)).value).toBe("lars@example.org");
    await expect(lena.read(people.lars, email)).rejects.toMatchObject({ code: "not_authorized", reason: "no_consent" });
    await as(people.lars).access.grant({
      grantee: people.lena,
      attributes: ["email"],
      purpose: "dpv:CommunicationManagement",
      duration: 3600,
    });
    const read = await lena.read(people.lars, email);
    expect(read.value).toBe("lars@example.org");
    await as(people.lars).access.revoke({ grantee: people.lena });
    await expect(lena.read(people.lars, email)).rejects.toMatchObject({ code: "not_authorized", reason: "no_consent" });
    const { receipts, head } = await lars.receipts();
    expect(receipts.map((r) => r.decision)).toEqual(["refused", "allowed", "refused"]);
    expect(head.count).toBe(3);
    expect(await lars.values.erase(email)).toEqual({ erased: 1 });
    await expect(lars.values.get(email)).rejects.toMatchObject({ code: "no_value" });
  });
});
