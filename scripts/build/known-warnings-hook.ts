import type { SolidityHooks } from "hardhat/types/hooks";

import { isKnownWarning } from "./known-warnings.js";

export default async (): Promise<Partial<SolidityHooks>> => ({
  async getCompilationJobErrors(context, compilationJob, compilerOutput, next) {
    const errors = await next(context, compilationJob, compilerOutput);
    return errors.filter((error) => !isKnownWarning(error));
  },
});
