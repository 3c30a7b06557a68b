import { readFileSync } from "node:fs";
import path from "node:path";

import { createWalletClient, getAddress, http, type Abi, type Address, type Hex } from "viem";

import { chain, people, publicClient, rpcUrl } from "./weconet.js";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

/** A compiled contract of this repository (tests only: TestToken, DemoEuro). */
function artifact(source: string, name: string): { abi: Abi; bytecode: Hex } {
  const file = path.join(root, "artifacts", "contracts", source, `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as { abi: Abi; bytecode: Hex };
}

const TEST_TOKEN = artifact("test/TestToken.sol", "TestToken");

/** Deploys contracts/test/TestToken.sol (an ERC-20 anyone may mint) and mints `amount` to each of `holders`. */
export async function deployTestToken(holders: readonly Address[], amount: bigint): Promise<Address> {
  const deployer = createWalletClient({ account: people.deployer, chain, transport: http(rpcUrl) });
  const hash = await deployer.deployContract({ abi: TEST_TOKEN.abi, bytecode: TEST_TOKEN.bytecode, args: [] });
  const { contractAddress } = await publicClient.waitForTransactionReceipt({ hash });
  if (contractAddress === null || contractAddress === undefined) throw new Error("TestToken was not deployed");
  const token = getAddress(contractAddress);
  for (const holder of holders) {
    const minted = await deployer.writeContract({
      address: token,
      abi: TEST_TOKEN.abi,
      functionName: "mint",
      args: [holder, amount],
    });
    await publicClient.waitForTransactionReceipt({ hash: minted });
  }
  return token;
}
