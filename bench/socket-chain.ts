/**
 * The socket benchmark's chain: a Hardhat node over HTTP (the socket reaches it as it reaches any node) with the
 * whole network deployed by the real Ignition module and parameters, 20 person attributes, and `readers` owners
 * who are active members, each with a live connection to one grantee for all 20 attributes.
 */
import { rmSync } from "node:fs";
import path from "node:path";

import { network } from "hardhat";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  keccak256,
  stringToHex,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { abiOfKey, createWeconet, type Attribute, type Deployment, type Weconet } from "@weconet/sdk";
import { loadDeployment } from "@weconet/sdk/node";

import WeconetModule from "../deploy/modules/Weconet.js";

/** A reproducible key per role and index (runs are comparable; nothing random goes on-chain). */
export const keyOf = (kind: string, i: number): Hex => keccak256(stringToHex(`weconet-bench-socket:${kind}:${i}`));

export interface BenchChain {
  rpcUrl: string;
  deploymentDir: string;
  chain: ReturnType<typeof defineChain>;
  deployment: Deployment;
  publicClient: PublicClient;
  testClient: ReturnType<typeof createTestClient>;
  /** The SDK acting as `account`. */
  as(account: Address | PrivateKeyAccount): Weconet;
  attributes: Attribute[];
  owners: PrivateKeyAccount[];
  grantee: PrivateKeyAccount;
  close(): Promise<void>;
}

export async function benchChain(attributeCount: number, readers: number): Promise<BenchChain> {
  const server = await network.createServer("node", "127.0.0.1", 0);
  const { port } = await server.listen();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deploymentId = `bench-socket-${process.pid}`;
  const deploymentDir = path.join("deploy", "deployments", deploymentId);
  const close = async () => {
    rmSync(deploymentDir, { recursive: true, force: true });
    await server.close();
  };
  try {
    const { ignition } = await network.create({ network: "localhost", override: { url: rpcUrl } });
    await ignition.deploy(WeconetModule, {
      parameters: path.resolve("deploy", "parameters", "localhost.json"),
      deploymentId,
    });
    const chain = defineChain({
      id: 31337,
      name: "Weconet socket benchmark",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
    });
    const publicClient: PublicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 });
    const testClient = createTestClient({ chain, mode: "hardhat", transport: http(rpcUrl) });
    const deployment = loadDeployment({ chainId: chain.id, dir: deploymentDir });
    const as = (account: Address | PrivateKeyAccount): Weconet =>
      createWeconet({
        deployment,
        publicClient,
        walletClient: createWalletClient({ account, chain, transport: http(rpcUrl) }),
      });
    // deploy/parameters/localhost.json: the node's accounts 2 and 3 are the founding leaders
    const nodeAccounts = await createWalletClient({ chain, transport: http(rpcUrl) }).getAddresses();
    const leaders = nodeAccounts.slice(2, 4);

    // The starter vocabulary has fewer person attributes than the benchmark stores: text attributes are added by
    // the governance timelock (impersonated), as an executed proposal would add them.
    const w = createWeconet({ deployment, publicClient });
    const usable = (all: Attribute[]) =>
      all.filter((a) => a.domain === "person" && a.dataType !== "class" && !a.deprecated);
    const missing = attributeCount - usable(await w.reads.attributes()).length;
    if (missing > 0) {
      const timelock = deployment.contracts.timelock;
      await testClient.impersonateAccount({ address: timelock });
      await testClient.setBalance({ address: timelock, value: 10n ** 18n });
      const governance = createWalletClient({ account: timelock, chain, transport: http(rpcUrl) });
      const hash = await governance.writeContract({
        address: deployment.contracts.taxonomy,
        abi: abiOfKey("taxonomy"),
        functionName: "addAttributes",
        args: [
          Array.from({ length: missing }, (_, i) => ({
            name: `bench_note_${i + 1}`,
            domain: 0,
            dataType: 1,
            parent: 0,
          })),
        ],
      });
      await publicClient.waitForTransactionReceipt({ hash });
    }
    const attributes = usable(await w.reads.attributes()).slice(0, attributeCount);

    const owners = Array.from({ length: readers }, (_, i) => privateKeyToAccount(keyOf("owner", i)));
    const grantee = privateKeyToAccount(keyOf("grantee", 0));
    for (const [i, account] of [grantee, ...owners].entries()) {
      const leader = leaders[i % leaders.length];
      if (leader === undefined) throw new Error("bench: the node has no founding leaders (accounts 2 and 3)");
      await testClient.setBalance({ address: account.address, value: 10n ** 20n });
      await as(account).membership.apply({ profile: `bench socket member ${i}` });
      await as(leader).membership.admit({ applicant: account.address });
    }
    for (const owner of owners) {
      await as(owner).access.grant({
        grantee: grantee.address,
        attributes: attributes.map((a) => a.id),
        purpose: "dpv:ServiceProvision",
        duration: 86_400,
      });
    }
    return {
      rpcUrl,
      deploymentDir,
      chain,
      deployment,
      publicClient,
      testClient,
      as,
      attributes,
      owners,
      grantee,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
