import { defineConfig } from "vitest/config";

// The indexer against a real chain: a Hardhat node seeded with the demo network, Ponder as a child process (PGlite,
// then a throwaway PostgreSQL), compared with the SDK's own fold of the same node's events.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/setup.ts"],
    // One chain, and Ponder processes that take a core each: the files take turns.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
