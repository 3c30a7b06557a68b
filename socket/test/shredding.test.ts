import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { SocketError } from "@weconet/sdk";
import { generatePrivateKey } from "viem/accounts";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { attributeIdOf } from "../../sdk/src/reads/taxonomy.js";
import { isolateFile, people, reader } from "../../sdk/test/support/weconet.js";
import { createDatabase, postgres, postgresSkipped } from "./support/postgres.js";
import { signIn, startTestSocket, type TestSocket } from "./support/socket.js";

isolateFile();

/**
 * Crypto-shredding: an erased value cannot be read back from a backup of the data database taken before the
 * erasure, because its data key lived only in the key store and was destroyed there. Each case first shows the
 * backup does reveal the value while its key exists (so the test can fail), then erases and restores it again.
 */
const owner = people.lars;
const BIRTH_DATE = "1984-06-15";

async function valueOrCode(t: TestSocket, attributeId: number): Promise<unknown> {
  const s = await signIn(t.client, owner);
  try {
    return (await s.values.get(attributeId)).value;
  } catch (error) {
    if (error instanceof SocketError) return error.code;
    throw error;
  }
}

describe("erasure destroys the data key: an old backup of the data database cannot reveal the value", () => {
  const masterKey = crypto.getRandomValues(new Uint8Array(32));
  const operatorKey = generatePrivateKey();
  let birthDate: number;
  let base: string;
  beforeAll(async () => {
    birthDate = await attributeIdOf(reader.context, "birth_date");
    base = mkdtempSync(path.join(tmpdir(), "weconet-shred-"));
  });
  afterAll(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it("on PGlite: dumpDataDir before erasure, load it after", async () => {
    const keysDir = path.join(base, "keys");
    const start = (dataDir: string) => startTestSocket({ dataDir, keysDir, masterKey, operatorKey });

    const original = await start(path.join(base, "data-a"));
    await (await signIn(original.client, owner)).values.set(birthDate, BIRTH_DATE);
    const backup = await original.socket.data.pglite?.dumpDataDir("none");
    if (backup === undefined) throw new Error("the data database is not PGlite");
    await original.stop();

    const restore = async (dir: string) => {
      const db = await PGlite.create({ dataDir: dir, loadDataDir: backup });
      const rows = await db.query("SELECT owner, ciphertext FROM socket.attribute_values");
      await db.close();
      return rows.rows.length;
    };

    // the backup works while the key exists
    expect(await restore(path.join(base, "data-b"))).toBe(1);
    const before = await start(path.join(base, "data-b"));
    expect(await valueOrCode(before, birthDate)).toBe(BIRTH_DATE);
    expect(await (await signIn(before.client, owner)).values.erase(birthDate)).toEqual({ erased: 1 });
    await before.stop();

    // the same backup after the erasure: the ciphertext is there, the value is gone
    expect(await restore(path.join(base, "data-c"))).toBe(1);
    const after = await start(path.join(base, "data-c"));
    expect(await valueOrCode(after, birthDate)).toBe("no_value");
    const keys = await after.socket.keys.pglite?.query("SELECT count(*)::int AS n FROM socket_keys.data_keys");
    expect(keys?.rows).toEqual([{ n: 0 }]);
    await after.stop();
  });

  it.skipIf(postgresSkipped !== undefined)(
    "on PostgreSQL: pg_dump of schema socket before erasure, restored after",
    async () => {
      if ("skipped" in postgres) return;
      const { bin } = postgres;
      const keysUrl = await createDatabase("shred_keys");
      const start = (dataUrl: string) => startTestSocket({ postgres: { dataUrl, keysUrl }, masterKey, operatorKey });
      const original = await createDatabase("shred_data");
      const t = await start(original);
      await (await signIn(t.client, owner)).values.set(birthDate, BIRTH_DATE);
      await t.stop();
      const dumpFile = path.join(base, "socket.sql");
      execFileSync(path.join(bin, "pg_dump"), ["--schema=socket", "--no-owner", "-f", dumpFile, original]);

      const restore = async () => {
        const url = await createDatabase("shred_restored");
        execFileSync(path.join(bin, "psql"), ["-q", "-v", "ON_ERROR_STOP=1", "-f", dumpFile, url]);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const rows = await client.query("SELECT owner, ciphertext FROM socket.attribute_values");
        await client.end();
        return { url, rows: rows.rowCount };
      };

      const first = await restore();
      expect(first.rows).toBe(1);
      const before = await start(first.url);
      expect(await valueOrCode(before, birthDate)).toBe(BIRTH_DATE);
      expect(await (await signIn(before.client, owner)).values.erase(birthDate)).toEqual({ erased: 1 });
      await before.stop();

      const second = await restore();
      expect(second.rows).toBe(1);
      const after = await start(second.url);
      expect(await valueOrCode(after, birthDate)).toBe("no_value");
      await after.stop();
    },
  );
});
