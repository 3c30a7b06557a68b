/**
 * Generates the SDK's typed ABIs (`sdk/src/generated/abis.ts`) from Hardhat's artifacts, so that no ABI is ever
 * written by hand or committed: the Solidity sources are the single source, and every Hardhat build (compile,
 * test, run) regenerates the file through the plugin in ./plugin.ts.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The contracts an auditor and a dApp deal with: everything under contracts/ except test and benchmark helpers and
 * the demo's play money (deployed by the demo only, never part of a Weconet deployment).
 */
export function isWeconetSource(sourceName: string): boolean {
  return (
    sourceName.startsWith("contracts/") &&
    !["contracts/test/", "contracts/bench/", "contracts/demo/"].some((dir) => sourceName.startsWith(dir))
  );
}

interface Artifact {
  contractName: string;
  sourceName: string;
  abi: unknown[];
  bytecode: string;
  deployedBytecode: string;
}

/**
 * A library's runtime code starts with its call guard: `PUSH20 <its own address>` (zeros until it is deployed),
 * `ADDRESS`, `EQ`. Interfaces and abstract contracts have no bytecode at all. Neither is a contract a deployment
 * holds: their errors and events reach the SDK through the contracts using them.
 */
const LIBRARY_PREFIX = "0x73" + "00".repeat(20) + "3014";

/** Whether an artifact is a contract a deployment holds (not an interface, abstract contract or library). */
function isDeployable(artifact: Artifact): boolean {
  return artifact.bytecode !== "0x" && !artifact.deployedBytecode.startsWith(LIBRARY_PREFIX);
}

/**
 * Writes the ABIs of the deployable Weconet contracts among `artifactPaths` to `outFile`, as `as const` literals;
 * returns the paths of those contracts' artifacts.
 */
export async function generateAbis(artifactPaths: readonly string[], outFile: string): Promise<string[]> {
  const artifacts: Artifact[] = [];
  const used: string[] = [];
  for (const file of artifactPaths) {
    const artifact = JSON.parse(await readFile(file, "utf8")) as Artifact;
    if (!isWeconetSource(artifact.sourceName) || !isDeployable(artifact)) continue;
    artifacts.push(artifact);
    used.push(file);
  }
  artifacts.sort((a, b) => a.contractName.localeCompare(b.contractName));
  const seen = new Set<string>();
  for (const { contractName } of artifacts) {
    if (seen.has(contractName)) throw new Error(`weconet abis: two contracts are named ${contractName}`);
    seen.add(contractName);
  }
  const body = artifacts
    .map((a) => `  /** ${a.sourceName} */\n  ${a.contractName}: ${JSON.stringify(a.abi)},`)
    .join("\n");
  const text =
    "// Generated from Hardhat's artifacts by sdk/codegen/abis.ts on every Hardhat build. Do not edit; not committed.\n" +
    `export const abis = {\n${body}\n} as const;\n`;
  await mkdir(path.dirname(outFile), { recursive: true });
  const previous = await readFile(outFile, "utf8").catch(() => "");
  // Unchanged ABIs leave the file alone, so watchers and tsc caches are not disturbed by every build.
  if (previous !== text) await writeFile(outFile, text);
  return used;
}
