/**
 * Issue 14: `npm start` as a user (or a service manager) runs and stops it. Started exactly so — npm → `sh -c` →
 * scripts/toolchain.sh → `hardhat run scripts/start.ts` — on free ports and a deployment of its own:
 *
 * - the CLI command it prints works against the ports it was started on;
 * - SIGTERM to the npm process (to npm alone, not to its group) stops the chain, the data socket, the indexer and the
 *   dApp: every port is closed and no process of the tree survives;
 * - it never deletes a journal it did not write: a deployment without its marker makes it stop, untouched.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, describe, expect, it } from "vitest";

import { freePort } from "../../scripts/local-services.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);
const started: { child: ChildProcess; id: string }[] = [];

/** The parent of every process now running (from /proc), to find a process's descendants. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": the command may hold spaces and parentheses, the fields after the last ")" do not.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      map.set(Number(entry), ppid);
    } catch {
      // Gone meanwhile.
    }
  }
  return map;
}

/** Every process under `pid` (children, their children …), whatever process group each runs in. */
function descendants(pid: number): number[] {
  const map = parents();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [child, ppid] of map) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has exited; it only waits for its parent to read its status.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Whether something accepts connections on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Start {
  child: ChildProcess;
  ports: { chain: number; dapp: number; socket: number; indexer: number };
  id: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` on free ports and deployment `id`, in a process group of its own (so that a failed test can clean up). */
async function npmStart(id: string): Promise<Start> {
  const ports = {
    chain: await freePort(),
    dapp: await freePort(),
    socket: await freePort(),
    indexer: await freePort(),
  };
  const child = spawn("npm", ["start"], {
    cwd: root,
    env: {
      ...process.env,
      WECONET_PORT: String(ports.chain),
      WECONET_DAPP_PORT: String(ports.dapp),
      WECONET_SOCKET_PORT: String(ports.socket),
      WECONET_INDEXER_PORT: String(ports.indexer),
      WECONET_DEPLOYMENT_ID: id,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  started.push({ child, id });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, ports, id, output: () => output, exited };
}

afterAll(async () => {
  for (const { child, id } of started) {
    // Whatever a failed test left: the group npm started in, and every process under it.
    if (child.pid !== undefined) {
      for (const pid of descendants(child.pid)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Gone.
        }
      }
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Gone.
      }
    }
    for (const dir of [
      path.join("deploy", "deployments", id),
      path.join(".weconet", "socket", id),
      path.join(".weconet", "demo", id),
      path.join(".weconet", "indexer", id),
    ]) {
      rmSync(path.join(root, dir), { recursive: true, force: true });
    }
  }
});

describe("npm start", () => {
  it("prints CLI hints for its own ports, and stops everything when npm gets SIGTERM", async () => {
    const start = await npmStart(`start-test-${process.pid}`);
    // The first start may build the dApp (minutes on a busy machine); later ones reuse the build.
    await until("npm start is running", () => start.output().includes("Weconet is running"), 540_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}:\n${start.output()}`);
      },
    );
    await until("the hints are printed", () => /npx weconet audit verify/.test(start.output()), 10_000);

    // The printed command reaches this run's chain and deployment, not the default port.
    const hint = /^ {2}(.*npx weconet status)$/m.exec(start.output())?.[1];
    expect(hint).toBe(
      `WECONET_RPC_URL=http://127.0.0.1:${start.ports.chain} WECONET_DEPLOYMENT=deploy/deployments/${start.id} npx weconet status`,
    );
    const { stdout } = await run("sh", ["-c", `${hint ?? "false"} --json`], { cwd: root });
    const addresses = JSON.parse(
      readFileSync(path.join(root, "deploy", "deployments", start.id, "deployed_addresses.json"), "utf8"),
    ) as Record<string, string>;
    const status = JSON.parse(stdout) as { chainId: number; contracts: { membership: string } };
    expect(status.chainId).toBe(31337);
    expect(status.contracts.membership).toBe(addresses["WeconetCore#Membership"]);
    expect(existsSync(path.join(root, "deploy", "deployments", start.id, ".weconet-start.json"))).toBe(true);

    const ports = Object.values(start.ports);
    for (const port of ports) expect(await listening(port), `port ${port} before SIGTERM`).toBe(true);
    const pid = start.child.pid ?? 0;
    const tree = descendants(pid);
    // npm, the shell it runs the script in (replaced by the main command: the script `exec`s), and the services.
    expect(tree.length).toBeGreaterThan(2);

    process.kill(pid, "SIGTERM");
    const code = await Promise.race([start.exited, new Promise((r) => setTimeout(() => r("timeout"), 90_000))]);
    expect(code, start.output()).not.toBe("timeout");
    for (const port of ports) expect(await listening(port), `port ${port} after SIGTERM`).toBe(false);
    // Next.js's and Ponder's workers leave with their group's leader: give them a moment.
    await until("no process of the tree is left", () => tree.every((p) => !alive(p)), 15_000).catch(() => undefined);
    expect(tree.filter(alive), "processes left").toEqual([]);
  }, 720_000);

  it("stops, touching nothing, when the deployment folder holds a journal it did not write", async () => {
    const id = `start-test-foreign-${process.pid}`;
    const dir = path.join(root, "deploy", "deployments", id);
    mkdirSync(dir, { recursive: true });
    // Another node's deployment (say, `hardhat ignition deploy --network localhost` against a node of one's own).
    const journal = `${JSON.stringify({ chainId: 31337, type: "DEPLOYMENT_INITIALIZE" })}\n`;
    writeFileSync(path.join(dir, "journal.jsonl"), journal);
    writeFileSync(path.join(dir, "deployed_addresses.json"), "{}\n");

    const start = await npmStart(id);
    const code = await Promise.race([start.exited, new Promise((r) => setTimeout(() => r("timeout"), 180_000))]);
    expect(code, start.output()).toBe(1);
    expect(start.output()).toContain(`deploy/deployments/${id} holds a deployment that npm start did not write`);
    expect(start.output()).toContain("WECONET_DEPLOYMENT_ID=");
    expect(readFileSync(path.join(dir, "journal.jsonl"), "utf8")).toBe(journal);
    expect(readdirSync(dir).sort()).toEqual(["deployed_addresses.json", "journal.jsonl"]);
    for (const port of Object.values(start.ports)) expect(await listening(port)).toBe(false);
  }, 240_000);
});
