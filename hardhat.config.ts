import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import knownWarnings from "./scripts/build/plugin.js";
import weconetSdkAbis from "./sdk/codegen/plugin.js";

// solc comes from the npm registry, not from binaries.soliditylang.org: Hardhat compiles offline with
// the pinned `solc` package and labels it with that package's own version.
const require = createRequire(import.meta.url);
const solcVersion: string = (require("solc/package.json") as { version: string }).version;
const solcPath: string = require.resolve("solc/soljson.js");

export default defineConfig({
  // The SDK's typed ABIs are regenerated from the artifacts after every build (see sdk/codegen). Two solc warnings
  // about OpenZeppelin's sources are expected and not printed; each is explained in scripts/build/known-warnings.ts.
  plugins: [hardhatToolboxMochaEthers, weconetSdkAbis, knownWarnings],
  solidity: {
    // One build for tests and deployments. Hardhat's "production" profile (which `hardhat ignition deploy` builds
    // with) would otherwise drop these settings (its optimizer runs 200, not 10,000) and compile each file on its own:
    // other bytecode than the tests ran, and a second full build with solc's WebAssembly (many minutes) before a
    // deploy to a test chain. Both profiles are this one build, and the deploy finds it in the cache.
    profiles: Object.fromEntries(
      ["default", "production"].map((profile) => [
        profile,
        {
          version: solcVersion,
          path: solcPath,
          settings: {
            optimizer: { enabled: true, runs: 10_000 },
            evmVersion: "prague",
          },
          isolated: false,
          // Production records the versions of the build tools in the build info, which makes it another build.
          toolVersionsInBuildInfo: false,
        },
      ]),
    ),
    // The benchmark's anchors: an unmodified TimelockController, and typed interfaces of the EAS contracts that
    // it deploys from their shipped bytecode.
    npmFilesToBuild: [
      "@openzeppelin/contracts/governance/TimelockController.sol",
      "@openzeppelin/contracts/interfaces/IERC5267.sol",
      "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol",
      "@ethereum-attestation-service/eas-contracts/contracts/ISchemaRegistry.sol",
    ],
  },
  paths: {
    // bench/anchors/contracts: the systems the gas benchmark compares Weconet with (not part of Weconet).
    // bench/contracts: benchmark-only helpers (the audit benchmark's load generator).
    sources: { solidity: ["contracts", "bench/anchors/contracts", "bench/contracts"] },
    tests: { mocha: "test", solidity: "test" },
    // Ignition modules live in deploy/modules, deployment journals in deploy/deployments.
    ignition: "deploy",
  },
  typechain: {
    outDir: "typechain-types",
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    testnet: {
      type: "http",
      chainType: "l1",
      url: configVariable("WECONET_RPC_URL"),
      accounts: [configVariable("WECONET_DEPLOYER_KEY")],
    },
  },
});
