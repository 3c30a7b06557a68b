import { defineConfig } from "vitest/config";

// The end-to-end suite: the real stack (`npm start`'s code path on free ports) driven through Debian's Chromium.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.e2e.ts"],
    globalSetup: ["support/stack.ts"],
    // One chain and one dApp: the journeys take turns (each builds on a known demo network, not on each other).
    fileParallelism: false,
    testTimeout: 120_000,
    // What a page shows after a confirmation arrives with the next refresh of its reads, not at once.
    expect: { poll: { timeout: 30_000 } },
    // The first run builds the dApp (about a minute on two cores) while the chain is deployed and seeded.
    hookTimeout: 600_000,
  },
});
