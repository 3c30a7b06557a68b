import path from "node:path";

import type { SolidityHooks } from "hardhat/types/hooks";

import { generateAbis } from "./abis.js";

export default async (): Promise<Partial<SolidityHooks>> => ({
  async processArtifactsAfterSuccessfulBuild(context, artifactPaths) {
    const outFile = path.join(context.config.paths.root, "sdk", "src", "generated", "abis.ts");
    await generateAbis(artifactPaths, outFile);
  },
});
