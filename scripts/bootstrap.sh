#!/usr/bin/env bash
# Prepares a fresh clone with nothing but Node (>= 20.19) and npm: the pinned pnpm, the
# dependencies (better-sqlite3 compiles against the local Node headers), the Prisma clients
# and a build. Then runs the command given, e.g. `bootstrap.sh pnpm exec turbo run test`.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION (the version this repository pins)…"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
fi

# node-gyp would download Node's headers (not reachable everywhere); use the installed ones.
if [ -z "${npm_config_nodedir:-}" ]; then
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi
fi
export TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# Test results depend on the Node version: keep turbo's cache apart per version.
JOBSEARCH_NODE_VERSION="$(node --version)"
export JOBSEARCH_NODE_VERSION

pnpm install --frozen-lockfile --reporter=append-only
# better-sqlite3 is a native addon built for one Node ABI: rebuild it when Node changed.
if ! node -e "require('$(pwd)/packages/core/node_modules/better-sqlite3')(':memory:').close()" >/dev/null 2>&1; then
  echo "Rebuilding better-sqlite3 for Node $JOBSEARCH_NODE_VERSION…"
  pnpm rebuild better-sqlite3 >/dev/null
fi
pnpm exec turbo run build --output-logs=errors-only

"$@"
