import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createSocketClient } from "@weconet/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { attributeIdOf } from "../../sdk/src/reads/taxonomy.js";
import { deploymentDirectory, isolateFile, people, reader, rpcUrl } from "../../sdk/test/support/weconet.js";
import { createDatabase, postgresSkipped } from "./support/postgres.js";
import { signIn, startTestSocket, type TestSocket } from "./support/socket.js";
import { socketOptionsFromEnv, startSocket } from "../src/index.js";

isolateFile();

const bin = path.resolve(import.meta.dirname, "..", "bin", "weconet-socket.js");
const MASTER = "11".repeat(32);

/** Runs `weconet-socket` with `env`; resolves with its first line on stdout, or its exit code and stderr. */
function run(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; line?: string; code?: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes("\n")) resolve({ child, line: stdout.split("\n")[0], stderr });
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ child, code: code ?? -1, stderr }));
  });
}

describe("weconet-socket, the command", () => {
  let dir: string;
  const started: ChildProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "weconet-bin-"));
  });
  afterAll(async () => {
    for (const child of started) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const base = () => ({
    WECONET_RPC_URL: rpcUrl,
    WECONET_DEPLOYMENT_DIR: deploymentDirectory,
    WECONET_SOCKET_DATA: path.join(dir, "data"),
    WECONET_SOCKET_PORT: "0",
  });

  it("says what is wrong when it cannot start", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [base(), /no master key: set WECONET_SOCKET_MASTER_KEY/],
      [
        { ...base(), WECONET_SOCKET_MASTER_KEY: MASTER, WECONET_RPC_URL: "http://127.0.0.1:1" },
        /cannot reach the chain at http:\/\/127\.0\.0\.1:1/,
      ],
    ];
    for (const [env, message] of cases) {
      const result = await run(env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^weconet-socket: cannot start: /);
      expect(result.stderr).toMatch(message);
    }
  });

  it("reads its settings from the environment, each wrong one named", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...base(), WECONET_SOCKET_MASTER_KEY: "abc" }, /WECONET_SOCKET_MASTER_KEY must be 32 bytes as 64 hex digits/],
      [
        { ...base(), WECONET_SOCKET_MASTER_KEY_FILE: path.join(dir, "missing.key") },
        /cannot read WECONET_SOCKET_MASTER_KEY_FILE/,
      ],
      [
        { ...base(), WECONET_SOCKET_MASTER_KEY: MASTER, WECONET_SOCKET_PORT: "http" },
        /WECONET_SOCKET_PORT must be a port number/,
      ],
      [
        { ...base(), WECONET_SOCKET_MASTER_KEY: MASTER, WECONET_SOCKET_OPERATOR_KEY: "0x12" },
        /OPERATOR_KEY must be a private key/,
      ],
      [
        { ...base(), WECONET_SOCKET_MASTER_KEY: MASTER, WECONET_SOCKET_PUBLIC_URL: "not a url" },
        /WECONET_SOCKET_PUBLIC_URL must be a URL/,
      ],
    ];
    for (const [env, message] of cases) expect(() => socketOptionsFromEnv(env)).toThrow(message);
    expect(
      socketOptionsFromEnv({
        ...base(),
        WECONET_SOCKET_MASTER_KEY: `0x${MASTER}`,
        DATABASE_URL: "postgres://db/socket",
        KEYS_DATABASE_URL: "postgres://keys/socket",
        WECONET_SOCKET_OPERATOR_KEY: "22".repeat(32),
        WECONET_SOCKET_PUBLIC_URL: "https://socket.example.org",
        WECONET_SOCKET_ANCHOR_EVERY: "600",
      }),
    ).toEqual({
      rpcUrl,
      deploymentDir: deploymentDirectory,
      dataDir: path.join(dir, "data"),
      port: 0,
      masterKey: Uint8Array.from(Buffer.from(MASTER, "hex")),
      databaseUrl: "postgres://db/socket",
      keysDatabaseUrl: "postgres://keys/socket",
      operatorKey: `0x${"22".repeat(32)}`,
      publicUrl: "https://socket.example.org",
      anchorEverySeconds: 600,
    });
    const options = socketOptionsFromEnv({ ...base(), WECONET_SOCKET_MASTER_KEY: MASTER });
    await expect(startSocket({ ...options, deploymentDir: path.join(dir, "none") })).rejects.toThrow(
      /no deployment found for chain 31337/,
    );
    await expect(startSocket({ ...options, databaseUrl: "postgres://nobody:secret@127.0.0.1:1/none" })).rejects.toThrow(
      /cannot connect to PostgreSQL \(postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none\)/,
    );
    await expect(startSocket({ ...options, masterKey: new Uint8Array(16) })).rejects.toThrow(
      /the master key must be 32 bytes/,
    );
  });

  it("serves from a master key file with PGlite by default", async () => {
    const keyFile = path.join(dir, "master.key");
    writeFileSync(keyFile, `${MASTER}\n`);
    const result = await run({ ...base(), WECONET_SOCKET_MASTER_KEY_FILE: keyFile });
    if (result.line === undefined) throw new Error(`the socket did not start: ${result.stderr}`);
    started.push(result.child);
    expect(result.line).toMatch(/^weconet-socket: serving http:\/\/127\.0\.0\.1:\d+ \(chain 31337, data in PGlite in /);
    const url = /serving (\S+)/.exec(result.line)?.[1] ?? "";
    const client = createSocketClient({ url });
    expect((await client.info()).chainId).toBe(31337);
    const session = await signIn(client, people.lena);
    expect(await session.values.list()).toEqual([]);
  });

  describe.skipIf(postgresSkipped !== undefined)("beside another socket on one PostgreSQL database", () => {
    let inProcess: TestSocket;
    let url: string;
    beforeAll(async () => {
      const dataUrl = await createDatabase("bin_data");
      const keysUrl = await createDatabase("bin_keys");
      const masterKey = Uint8Array.from(Buffer.from(MASTER, "hex"));
      inProcess = await startTestSocket({ masterKey, postgres: { dataUrl, keysUrl } });
      const result = await run({
        ...base(),
        WECONET_SOCKET_MASTER_KEY: MASTER,
        DATABASE_URL: dataUrl,
        KEYS_DATABASE_URL: keysUrl,
      });
      if (result.line === undefined) throw new Error(`the socket did not start: ${result.stderr}`);
      started.push(result.child);
      expect(result.line).toMatch(/data in PostgreSQL/);
      url = /serving (\S+)/.exec(result.line)?.[1] ?? "";
    });
    afterAll(async () => {
      await inProcess?.stop();
    });

    it("shares the values, keys and sessions of the other process", async () => {
      const here = await signIn(inProcess.client, people.lars);
      const birthDate = await attributeIdOf(reader.context, "birth_date");
      const stored = await here.values.set(birthDate, "1970-01-01");
      const there = createSocketClient({ url }).resume(here);
      expect(await there.values.get(birthDate)).toEqual(stored);
    });
  });
});
