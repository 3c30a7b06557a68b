#!/bin/sh
# Formatting and static checks: Prettier (TypeScript, Solidity, JSON, Markdown), solhint, ESLint, tsc (the
# project, the SDK, the SDK's browser entry without Node's types: it must stay free of Node-only imports, the socket, the
# indexer with its generated Ponder schema, and the dApp).
set -eu
echo "== prettier" && prettier --check --log-level warn .
echo "== solhint" && solhint --disc --max-warnings 0 "contracts/**/*.sol" "test/**/*.sol"
echo "== eslint" && eslint --max-warnings 0 .
echo "== tsc" && hardhat compile --quiet >/dev/null && tsc -p tsconfig.json && tsc -p sdk/tsconfig.json && tsc -p sdk/tsconfig.browser.json && tsc -p socket/tsconfig.json && tsx indexer/scripts/generate-schema.ts >/dev/null && tsc -p indexer/tsconfig.json && tsc -p frontend/tsconfig.json
