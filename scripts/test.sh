#!/bin/sh
# Everything that proves Weconet works: contracts (Solidity fuzz tests and mocha tests on an in-process chain),
# then the SDK and CLI (Vitest against a real Hardhat node with the Ignition deployment).
set -eu
hardhat test
vitest run
