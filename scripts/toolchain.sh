#!/bin/sh
# Runs a command with Node >= 22 and the project's dependencies in place.
#
# Hardhat 3 and its native EDR binary need Node >= 22, and npm only installs that binary when npm
# itself runs under Node >= 22. Where the machine's Node is older (or missing), a pinned Node is
# installed once from the npm registry into .toolchain/ and put first on PATH; `npm ci` then runs
# under it. Nothing is installed globally and nothing is asked of the user.
set -eu

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"

pinned_node=24.21.0
minimum_major=22

major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(major_of node)" -lt "$minimum_major" ]; then
  local_node="$root/.toolchain/node_modules/.bin/node"
  if [ ! -x "$local_node" ] || [ "$(major_of "$local_node")" -lt "$minimum_major" ]; then
    echo "weconet: Node $(node --version 2>/dev/null || echo 'missing') is older than $minimum_major; installing Node $pinned_node from the npm registry into .toolchain/" >&2
    mkdir -p "$root/.toolchain"
    npm install --prefix "$root/.toolchain" --no-audit --no-fund --no-save --loglevel=error "node@$pinned_node" >&2
  fi
  PATH="$root/.toolchain/node_modules/.bin:$PATH"
  export PATH
fi

# Reinstall when the lockfile changed since the last install (or there never was one).
stamp="$root/node_modules/.weconet-lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$root/package-lock.json" "$stamp"; then
  echo "weconet: installing dependencies with npm ci under Node $(node --version)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  cp "$root/package-lock.json" "$stamp"
fi

# The project's own tools (prettier, hardhat, vitest …) by name, as npm scripts find them: so that
# `sh scripts/toolchain.sh sh scripts/lint.sh` works outside npm too.
PATH="$root/node_modules/.bin:$PATH"
export PATH

exec "$@"
