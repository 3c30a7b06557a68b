#!/bin/sh
# Everything that proves Weconet works: contracts (Solidity fuzz tests and mocha tests on an in-process chain).
set -eu
hardhat test
