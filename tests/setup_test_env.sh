#!/usr/bin/env bash
# tests/setup_test_env.sh: things some tests need that Debian does not package.
# Called by `setup.sh test` before ctest. Quiet, idempotent, never writes into
# the repository's source folders.
#
#  * Kùzu 0.11.3 (npm package `kuzu`, ships its native library) for the CSV
#    round-trip test in tests/ux: installed into build/ux-node/ when missing.
#    Tests that need it skip, by name, when it is not there.
set -uo pipefail
cd "$(dirname "$0")/.."

KUZU_VERSION=0.11.3
NODE_DIR="${KG_UX_NODE_DIR:-build/ux-node}"

if ! command -v npm >/dev/null 2>&1; then
  echo "setup_test_env: npm not found; the Kùzu round-trip test will be skipped" >&2
  exit 0
fi
if [ -f "$NODE_DIR/node_modules/kuzu/package.json" ] &&
   grep -q "\"version\": \"$KUZU_VERSION\"" "$NODE_DIR/node_modules/kuzu/package.json"; then
  exit 0
fi
mkdir -p "$NODE_DIR"
[ -f "$NODE_DIR/package.json" ] || echo '{"name": "kg-ux-test-env", "private": true}' > "$NODE_DIR/package.json"
if ! npm install --prefix "$NODE_DIR" --no-audit --no-fund --silent "kuzu@$KUZU_VERSION" >/dev/null 2>"$NODE_DIR/npm-install.log"; then
  echo "setup_test_env: npm install kuzu@$KUZU_VERSION failed (see $NODE_DIR/npm-install.log);" \
       "the Kùzu round-trip test will be skipped" >&2
fi
exit 0
