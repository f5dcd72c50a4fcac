#!/usr/bin/env bash
# Prepares a fresh clone with nothing but Node and npm: a supported Node (22.12 or newer; where the
# machine's is older, Node 24 from the npm registry, cached outside the repository), the pinned
# pnpm, the dependencies, the Prisma clients and a build. Then runs the command given with that
# Node first on PATH, e.g. `bootstrap.sh pnpm exec turbo run test`.
set -euo pipefail
cd "$(dirname "$0")/.."

supported_node() {
  node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major > 22 || (major === 22 && minor >= 12) ? 0 : 1)' 2>/dev/null
}

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
has_pinned_pnpm() { command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; }

# pnpm runs on the machine's Node too (it needs 18+): installed with the machine's npm it is on the
# PATH of every later shell, so `pnpm lint` and the like work without this script. Where the global
# folder is not writable, it is installed beside the Node below instead.
if ! has_pinned_pnpm; then
  echo "Installing pnpm $PNPM_VERSION (the version this repository pins)…"
  npm install --global --no-fund --no-audit --loglevel=error "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || true
fi

if ! supported_node; then
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
  node_package="node-$(uname -s | tr '[:upper:]' '[:lower:]')-$arch"
  node_home="${JOBSEARCH_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/jobsearchai/node24}"
  echo "Node $(node --version 2>/dev/null || echo '(none)') is older than the 22.12 JobSearchAI needs: using Node 24 ($node_package@24 from the npm registry, cached in $node_home)."
  if [ ! -x "$node_home/node_modules/$node_package/bin/node" ]; then
    npm install --prefix "$node_home" --no-save --no-fund --no-audit --loglevel=error "$node_package@24" >/dev/null
  fi
  export PATH="$node_home/node_modules/$node_package/bin:$PATH"
fi

if ! has_pinned_pnpm; then
  echo "Installing pnpm $PNPM_VERSION beside Node $(node --version)…"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
fi

export TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# Test results depend on the Node version: keep turbo's cache apart per version.
JOBSEARCH_NODE_VERSION="$(node --version)"
export JOBSEARCH_NODE_VERSION

pnpm install --frozen-lockfile --reporter=append-only
pnpm exec turbo run build --output-logs=errors-only

"$@"
