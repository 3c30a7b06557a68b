/**
 * Generates the SDK's typed ABIs (`sdk/src/generated/abis.ts`) from Hardhat's artifacts, so that no ABI is ever
 * written by hand or committed: the Solidity sources are the single source, and every Hardhat build (compile,
 * test, run) regenerates the file through the plugin in ./plugin.ts.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** The contracts an auditor and a dApp deal with: everything under contracts/ except test and benchmark helpers. */
export function isWeconetSource(sourceName: string): boolean {
  return (
    sourceName.startsWith("contracts/") &&
    !sourceName.startsWith("contracts/test/") &&
    !sourceName.startsWith("contracts/bench/")
  );
}

interface Artifact {
  contractName: string;
  sourceName: string;
  abi: unknown[];
  bytecode: string;
}

/** Writes the ABIs of the deployable Weconet contracts among `artifactPaths` to `outFile`, as `as const` literals. */
export async function generateAbis(artifactPaths: readonly string[], outFile: string): Promise<number> {
  const artifacts: Artifact[] = [];
  for (const file of artifactPaths) {
    const artifact = JSON.parse(await readFile(file, "utf8")) as Artifact;
    // Interfaces and abstract contracts have no bytecode: their ABIs reach the SDK through the contracts using them.
    if (!isWeconetSource(artifact.sourceName) || artifact.bytecode === "0x") continue;
    artifacts.push(artifact);
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
  return artifacts.length;
}
