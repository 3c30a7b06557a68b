#!/bin/sh
# Everything that proves Weconet works: contracts (Solidity fuzz tests and mocha tests on an in-process chain),
# the SDK and CLI (Vitest against a real Hardhat node with the Ignition deployment), the indexer (Ponder on PGlite and
# on PostgreSQL against the demo chain, compared with the SDK's own fold), the dApp's components and logic (Vitest),
# then end to end: the real stack of `npm start` (chain, deployment, demo network, indexer, production dApp) driven
# through Debian's Chromium (screenshots and first-load times in test-results/).
set -eu
hardhat test
vitest run
vitest run --config indexer/vitest.config.ts
vitest run --config frontend/vitest.config.ts
vitest run --config frontend/e2e/vitest.config.ts
