import path from "node:path";

import { defineConfig } from "vitest/config";

// Component and logic tests of the dApp; the end-to-end suite has its own config (e2e/vitest.config.ts).
export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    root: import.meta.dirname,
    include: ["test/**/*.test.{ts,tsx}"],
    // Logic runs in Node; component tests say `// @vitest-environment jsdom` (a DOM costs seconds per file).
    environment: "node",
    setupFiles: [path.join(import.meta.dirname, "test", "setup.ts")],
  },
});
