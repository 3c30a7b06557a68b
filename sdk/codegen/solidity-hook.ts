import path from "node:path";

import type { SolidityHooks } from "hardhat/types/hooks";

import { generateAbis } from "./abis.js";
import { generateVocabulary } from "./vocabulary.js";

export default async (): Promise<Partial<SolidityHooks>> => ({
  async processArtifactsAfterSuccessfulBuild(context, artifactPaths) {
    const generated = path.join(context.config.paths.root, "sdk", "src", "generated");
    const deployable = await generateAbis(artifactPaths, path.join(generated, "abis.ts"));
    await generateVocabulary(
      artifactPaths,
      deployable,
      path.join(context.config.paths.artifacts, "build-info"),
      path.join(generated, "vocabulary.ts"),
    );
  },
});
