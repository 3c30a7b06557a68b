import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["sdk/test/**/*.test.ts", "socket/test/**/*.test.ts"],
    globalSetup: ["sdk/test/support/global-setup.ts", "socket/test/support/postgres-setup.ts"],
    // One shared chain (the SDK and socket tests): test files take turns, each reverting to a snapshot when done.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
