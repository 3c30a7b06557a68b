import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { expect } from "chai";

import { freePort } from "../../scripts/local-services.js";

const run = promisify(execFile);

/**
 * A Hardhat node in a process of its own (as a test chain is: not inside this test's process, where it would
 * compete with the deployment for the event loop), with chain id `chainId`; resolves once it answers.
 */
async function startNode(chainId: number): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn("npx", ["hardhat", "node", "--port", String(port), "--chain-id", String(chainId)], {
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    // npx and the node under it form the group this test started.
    if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
  };
  for (let attempt = 0; attempt < 120; attempt++) {
    const answer = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    }).catch(() => undefined);
    if (answer?.ok === true) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error("the test chain's node did not start");
}

/**
 * A developer deploys to an EVM test chain given only by an RPC URL and a key from the environment, with
 * parameters per network; a second deploy to the same chain reuses the first (Ignition's journal).
 * The "test chain" here is a separate Hardhat node with its own chain id, reached over HTTP.
 */
describe("deploying to a test chain by RPC URL and key", function () {
  // Ignition polls a test chain once a second per batch of transactions: ~2 minutes for the whole network on an
  // idle 2-core machine, more under load.
  this.timeout(360_000);

  it("deploys the whole network once and reuses the journal the second time", async () => {
    const chainId = 7_777;
    const node = await startNode(chainId);
    const deploymentId = `test-chain-${chainId}-${process.pid}`;
    const deploymentDir = path.join("deploy", "deployments", deploymentId);
    const workDir = mkdtempSync(path.join(tmpdir(), "weconet-deploy-"));
    try {
      // Founders of the test chain: accounts of that node (any addresses would do).
      const parameters = JSON.parse(readFileSync("deploy/parameters/testnet.example.json", "utf8")) as {
        WeconetCore: { founders: { account: string }[] };
      };
      const accounts = ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"];
      parameters.WeconetCore.founders.forEach((f, i) => (f.account = accounts[i] ?? f.account));
      const parametersFile = path.join(workDir, "parameters.json");
      writeFileSync(parametersFile, JSON.stringify(parameters));

      const deploy = () =>
        run(
          "npx",
          [
            "hardhat",
            "ignition",
            "deploy",
            "deploy/modules/Weconet.ts",
            "--network",
            "testnet",
            "--parameters",
            parametersFile,
            "--deployment-id",
            deploymentId,
          ],
          {
            env: {
              ...process.env,
              WECONET_RPC_URL: node.url,
              // Hardhat's first development key: funded on the node started above.
              WECONET_DEPLOYER_KEY: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
              HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "true",
            },
          },
        );

      const first = await deploy();
      expect(first.stdout).to.include("successfully deployed");
      const addresses = JSON.parse(readFileSync(path.join(deploymentDir, "deployed_addresses.json"), "utf8")) as Record<
        string,
        string
      >;
      expect(Object.keys(addresses)).to.include.members(["WeconetCore#Membership", "WeconetCore#WeconetGovernor"]);

      const second = await deploy();
      expect(second.stdout).to.include("Nothing new to deploy");
      expect(JSON.parse(readFileSync(path.join(deploymentDir, "deployed_addresses.json"), "utf8"))).to.deep.equal(
        addresses,
      );
    } finally {
      node.stop();
      rmSync(deploymentDir, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
