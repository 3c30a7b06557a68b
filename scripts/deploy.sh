#!/bin/sh
# Deploys the whole network with Ignition to the `testnet` network of hardhat.config.ts (WECONET_RPC_URL, and
# WECONET_DEPLOYER_KEY for the account that pays): `npm run deploy -- --parameters deploy/parameters/testnet.json`.
# Every further argument goes to `hardhat ignition deploy` (e.g. --deployment-id, --verify).
#
# On any chain id but 31337 Ignition asks "Confirm deploy to network testnet (<id>)?" unless
# HARDHAT_IGNITION_CONFIRM_DEPLOYMENT is set. Without a terminal nobody can answer, and Node ends the run with
# "Detected unsettled top-level await". So: in a terminal the question stays (a deploy to a shared chain is worth a
# look); without one (CI, scripts, a test) running this command is the confirmation and it is set here.
set -eu

if [ ! -t 0 ] || [ ! -t 1 ]; then
  HARDHAT_IGNITION_CONFIRM_DEPLOYMENT="${HARDHAT_IGNITION_CONFIRM_DEPLOYMENT:-1}"
  export HARDHAT_IGNITION_CONFIRM_DEPLOYMENT
fi
exec hardhat ignition deploy deploy/modules/Weconet.ts --network testnet "$@"
