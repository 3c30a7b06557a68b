/**
 * Issue 11, point 10: real wallets' gas, against a node that estimates on the latest block.
 *
 * Foundry's anvil (1.7.1) runs `eth_estimateGas` on "latest", and by default on "pending" too, in the latest block's
 * environment, at that block's timestamp (with a fixed timestamp interval, as here, its "pending" moves on). A vote checkpoint written in that second is then updated in place in
 * the estimate, while the transaction lands a second later and appends a new one (on the contracts before issue
 * 11: `weconet admit` estimated 99,034 gas and needed 121,300). Here anvil is started by the test itself, the
 * network deployed on it by the real Ignition module, every block made exactly one second after the one before
 * (`anvil_setBlockTimestampInterval`), and the block before each measured transaction changes the votes: the case
 * that a wallet's estimate gets wrong, made deterministic.
 */
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import {
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  http,
  numberToHex,
  type Address,
  type Hash,
  type PublicClient,
} from "viem";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  abis,
  createWeconet,
  OutOfGasError,
  toWeconetError,
  withGasMargin,
  type SigningClient,
  type Weconet,
} from "../src/index.js";
import { loadDeployment } from "../src/node/index.js";
import { startAnvil, type RunningAnvil } from "./support/anvil.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);

/** Deploys the network to the node at `url` with Ignition (sdk/test/support/deploy-to.ts); its deployment directory. */
async function deployTo(url: string): Promise<string> {
  const { stdout } = await run("npx", ["hardhat", "run", "sdk/test/support/deploy-to.ts"], {
    cwd: root,
    env: {
      ...process.env,
      WECONET_TEST_NODE_URL: url,
      WECONET_TEST_DEPLOYMENT_ID: `anvil-gas-${process.pid}`,
    },
  });
  const line = stdout.split("\n").find((l) => l.startsWith("WECONET_TEST_DEPLOYMENT "));
  if (line === undefined) throw new Error(`the deployment to anvil printed no directory:\n${stdout}`);
  return (JSON.parse(line.slice("WECONET_TEST_DEPLOYMENT ".length)) as { deploymentDir: string }).deploymentDir;
}

let anvil: RunningAnvil | undefined;
let deploymentDir = "";
let publicClient: PublicClient;
let accounts: Address[] = [];
let sdk: (address: Address, wallet?: (w: SigningClient) => SigningClient) => Weconet;

/** Anvil's JSON-RPC (its own methods have no viem action in "anvil" mode that this test needs typed). */
async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
  return publicClient.request({ method: method as never, params: params as never });
}

const bin = path.join(root, "sdk", "bin", "weconet.js");
/** Runs `weconet …` against anvil; resolves with the exit code and both outputs. */
async function weconet(args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [bin, ...args, "--rpc", anvil?.url ?? "", "--deployment", deploymentDir],
      {
        env: { ...process.env, WECONET_PRIVATE_KEY: "" },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// deploy/parameters/localhost.json: account 1 is the manager, 2 and 3 are the leaders; 4 onwards are outsiders.
function account(i: number): Address {
  const a = accounts[i];
  if (a === undefined) throw new Error(`test setup: anvil has no account ${i}`);
  return a;
}
const leader = (): Address => account(2);
const outsider = (i: number): Address => account(4 + i);
/** Members with a vote, which the tests make leave to change the votes in a block of their choosing. */
const voter = (i: 0 | 1 | 2): Address => outsider(i);
const voters = (): Address[] => [voter(0), voter(1), voter(2)];
/** Applicants, admitted by the tests. */
const applicantNo = (i: 0 | 1): Address => outsider(3 + i);
/** Admitted but (with part A's probation) not yet voting: the tests activate its vote. */
const probationer = (): Address => outsider(5);

/** The gas anvil estimates for a Membership call on the latest block (what a plain wallet would send). */
async function latestEstimate(from: Address, functionName: "admit" | "leave", args: readonly Address[]) {
  const deployment = loadDeployment({ chainId: 31337, dir: deploymentDir });
  return publicClient.estimateContractGas({
    address: deployment.contracts.membership,
    abi: abis.Membership,
    functionName,
    args: args as never,
    account: from,
    blockTag: "latest",
  });
}

/** Makes the next block change the votes: a voting member leaves (one vote fewer, a checkpoint this second). */
async function changeVotesInTheNextBlock(voter: Address): Promise<void> {
  await sdk(voter).membership.leave();
}

/** The latest block's timestamp. */
async function latestTime(): Promise<number> {
  return Number((await publicClient.getBlock()).timestamp);
}

/** Mines an empty block `seconds` after the latest (the interval of one second resumes from there). */
async function advance(seconds: number): Promise<void> {
  await rpc("evm_setNextBlockTimestamp", [(await latestTime()) + Math.max(seconds, 1)]);
  await rpc("evm_mine");
}

/** The gas a mined transaction used, and its limit (anvil may answer `eth_sendTransaction` before it has mined it). */
async function gasOf(hash: Hash): Promise<{ used: bigint; limit: bigint; status: string }> {
  const [receipt, tx] = await Promise.all([
    publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 10_000 }),
    publicClient.getTransaction({ hash }),
  ]);
  return { used: receipt.gasUsed, limit: tx.gas, status: receipt.status };
}

const hashIn = (stdout: string): Hash => {
  const hash = /transaction (0x[0-9a-f]{64})/.exec(stdout)?.[1];
  if (hash === undefined) throw new Error(`no transaction in: ${stdout}`);
  return hash as Hash;
};

beforeAll(async () => {
  anvil = await startAnvil({ accounts: 20 });
  deploymentDir = await deployTo(anvil.url);
  const chain = defineChain({
    id: 31337,
    name: "anvil",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [anvil.url] } },
  });
  const url = anvil.url;
  publicClient = createPublicClient({ chain, transport: http(url), pollingInterval: 50 });
  accounts = await createWalletClient({ chain, transport: http(url) }).getAddresses();
  const deployment = loadDeployment({ chainId: chain.id, dir: deploymentDir });
  sdk = (address, wallet = (w) => w) =>
    createWeconet({
      deployment,
      publicClient,
      walletClient: wallet(createWalletClient({ account: address, chain, transport: http(url) })),
    });
  // Every block exactly one second after the one before, whatever the wall clock does.
  await rpc("anvil_setBlockTimestampInterval", [1]);

  for (const who of [...voters(), applicantNo(0), applicantNo(1), probationer()]) {
    await sdk(who).membership.apply({ profile: `profile of ${who}` });
  }
  // An empty block after each vote change, so that the setup does not itself depend on what is tested here.
  for (const who of [...voters(), probationer()]) {
    await sdk(leader()).membership.admit({ applicant: who });
    await rpc("evm_mine");
  }
  // An admitted member votes only after the probation period: let it pass, activate the voters.
  const probation = await sdk(leader()).contracts.networkRules.read.probationPeriod();
  const latest = await publicClient.getBlock();
  await rpc("evm_setNextBlockTimestamp", [Number(latest.timestamp) + Number(probation) + 1]);
  // the SDK simulates on the latest block: it must already be past the probation period
  await rpc("evm_mine");
  for (const who of voters()) {
    await activateVote(sdk(leader()), who);
    await rpc("evm_mine");
  }
}, 240_000);

afterAll(async () => {
  await anvil?.stop();
  if (deploymentDir !== "") rmSync(deploymentDir, { recursive: true, force: true });
});

// Each test starts from the state above.
let snapshot: unknown;
beforeEach(async () => {
  snapshot = await rpc("evm_snapshot");
});
afterEach(async () => {
  await rpc("evm_revert", [snapshot]);
});

/** `Membership.activateVote(member)` through the SDK's action (anyone may send it). */
function activateVote(as: Weconet, member: Address) {
  return as.membership.activateVote({ member });
}

describe("transactions that change the votes, on a node that estimates on the latest block (anvil)", () => {
  it("`weconet admit --from <leader>` right after a vote change in the latest block succeeds", async () => {
    const applicant = applicantNo(0);
    await changeVotesInTheNextBlock(voter(0));
    const estimate = await latestEstimate(leader(), "admit", [applicant]);
    const admitted = await weconet(["admit", applicant, "--from", leader()]);
    expect(admitted.stderr).toBe("");
    expect(admitted.stdout).toContain(`admitted ${applicant}`);
    const gas = await gasOf(hashIn(admitted.stdout));
    expect(gas.status).toBe("success");
    // The SDK's margin covers what the latest block's estimate missed.
    expect(gas.used).toBeLessThanOrEqual(withGasMargin(estimate));
    console.info(`admit: anvil's latest-block estimate ${estimate}, used ${gas.used}, limit ${gas.limit}`);
  });

  it("`weconet leave` right after a vote change in the latest block succeeds", async () => {
    const leaver = voter(1);
    await changeVotesInTheNextBlock(voter(0));
    const estimate = await latestEstimate(leaver, "leave", []);
    const left = await weconet(["leave", "--from", leaver]);
    expect(left.stderr).toBe("");
    expect(left.stdout).toContain("left the network");
    const gas = await gasOf(hashIn(left.stdout));
    expect(gas.status).toBe("success");
    expect(gas.used).toBeLessThanOrEqual(withGasMargin(estimate));
    console.info(`leave: anvil's latest-block estimate ${estimate}, used ${gas.used}, limit ${gas.limit}`);
  });

  it("`weconet execute` of the members' vote to remove a member, right after a vote change in the latest block, succeeds", async () => {
    const target = voter(2);
    const proposer = sdk(voter(0));
    const governor = proposer.contracts.governor;
    const { proposalId } = await proposer.governance.proposeRemoval({ member: target, reason: "spam" });
    await advance(Number(await governor.read.votingDelay()) + 1);
    for (const who of [voter(0), voter(1), leader()]) {
      await sdk(who).governance.vote({ proposalId, support: "for" });
    }
    await advance(Number(await governor.read.proposalDeadline([proposalId])) - (await latestTime()) + 1);
    await proposer.governance.queue({ proposalId });
    await advance(Number(await governor.read.proposalEta([proposalId])) - (await latestTime()));
    await changeVotesInTheNextBlock(voter(1));
    const executed = await weconet(["execute", String(proposalId), "--from", voter(0)]);
    expect(executed.stderr).toBe("");
    expect(executed.stdout).toContain(`executed ${proposalId}`);
    const gas = await gasOf(hashIn(executed.stdout));
    expect(gas.status).toBe("success");
    console.info(`execute (removal): used ${gas.used}, limit ${gas.limit}`);
    expect((await proposer.reads.member(target)).status).toBe("removed");
  });

  it("activateVote right after a vote change in the latest block succeeds", async () => {
    const member = probationer();
    await changeVotesInTheNextBlock(voter(0));
    const sent = await activateVote(sdk(outsider(10)), member);
    expect(sent.receipt.status).toBe("success");
  });

  it("even a wallet that sends exactly the latest block's estimate (no margin) succeeds: the gas no longer depends on the second", async () => {
    const deployment = loadDeployment({ chainId: 31337, dir: deploymentDir });
    const plainWallet = (from: Address) => createWalletClient({ account: from, transport: http(anvil?.url) });
    const cases: { from: Address; functionName: "admit" | "leave"; args: Address[] }[] = [
      { from: leader(), functionName: "admit", args: [applicantNo(1)] },
      { from: voter(2), functionName: "leave", args: [] },
    ];
    for (const { from, functionName, args } of cases) {
      await changeVotesInTheNextBlock(functionName === "leave" ? voter(1) : voter(0));
      const gas = await latestEstimate(from, functionName, args);
      const hash = await plainWallet(from).writeContract({
        address: deployment.contracts.membership,
        abi: abis.Membership,
        functionName,
        args: args as never,
        gas,
        chain: null,
      });
      expect((await gasOf(hash)).status, functionName).toBe("success");
    }
  });
});

describe("an out-of-gas failure is reported as such", () => {
  it("a mined transaction that used the whole gas limit its wallet allowed", async () => {
    const applicant = applicantNo(0);
    // A wallet that replaces the SDK's gas limit by one too small for an admission.
    const stingy = (w: SigningClient): SigningClient => ({
      ...w,
      writeContract: ((args: Parameters<SigningClient["writeContract"]>[0]) =>
        w.writeContract({ ...args, gas: 40_000n })) as SigningClient["writeContract"],
    });
    const error = await sdk(leader(), stingy)
      .membership.admit({ applicant })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfGasError);
    const oog = error as OutOfGasError;
    expect(oog.gasLimit).toBe(40_000n);
    expect(oog.gasUsed).toBe(40_000n);
    expect(oog.message).toBe(
      `admit ${applicant}: the transaction ${oog.hash} ran out of gas: the network needed more than the 40000 gas the wallet allowed (it used 40000); it changed nothing, but its fee is spent. Send it again with a higher gas limit.`,
    );
    expect((await sdk(leader()).reads.member(applicant)).status).toBe("applicant");
  });

  it("an estimate that no allowed amount of gas satisfies", async () => {
    const applicant = applicantNo(0);
    const deployment = loadDeployment({ chainId: 31337, dir: deploymentDir });
    // What a wallet asks before sending with a cap of 50,000 gas (viem's estimateGas drops the cap; ask directly).
    const refused = await rpc("eth_estimateGas", [
      {
        from: leader(),
        to: deployment.contracts.membership,
        data: encodeFunctionData({ abi: abis.Membership, functionName: "admit", args: [applicant] }),
        gas: numberToHex(50_000),
      },
      "latest",
    ]).catch((e: unknown) => e);
    const error = toWeconetError(refused, `admit ${applicant}`);
    expect(error).toBeInstanceOf(OutOfGasError);
    expect(error.message).toBe(
      `admit ${applicant}: ran out of gas: the network needed more than the 50000 gas the wallet allowed; nothing was sent. Send it again with a higher gas limit.`,
    );
  });
});
