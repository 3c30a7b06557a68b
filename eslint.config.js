import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".toolchain/",
      "artifacts/",
      "cache/",
      "typechain-types/",
      "coverage/",
      "deploy/deployments/",
      "bench/results/",
      "**/.next/",
      "**/out/",
      // Ponder's: its generated schema, its type declarations (written by `ponder codegen`), its build cache.
      "indexer/ponder.schema.ts",
      "indexer/ponder-env.d.ts",
      "indexer/.ponder/",
      "indexer/generated/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
