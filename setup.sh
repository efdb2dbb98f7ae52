#!/usr/bin/env bash
# setup.sh: install what kg needs (Debian packages), build it, and run it.
#
#   bash setup.sh demo   install, build, ingest seeds/ into ./kg.db, print a summary and an answer
#   bash setup.sh test   install, build, run every test (ctest)
#   bash setup.sh build  install and build only
#   bash setup.sh deps   install only
set -euo pipefail
cd "$(dirname "$0")"

# Every Debian package kg uses to build, test and run.
PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  librocksdb-dev libboost-graph-dev libfmt-dev
  antlr4 libantlr4-runtime-dev default-jre-headless
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev nlohmann-json3-dev
  libedit-dev libicu-dev libgumbo-dev libpcre2-dev wordnet-base
  graphviz tmux python3
  chromium  # headless browser: the HTML audit report's screenshot test (tests/ux/)
  python3-distributed  # Dask scheduler and workers (scripts/kg_dask.py and its test)
  clang  # libFuzzer targets (fuzz/, -DKG_FUZZ=ON)
)

install_deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js and npm (for the Kùzu round-trip test): the machine's own when present.
  if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

build() {
  if [ ! -f build/build.ninja ]; then
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  cmake --build build -j "$(nproc)"
}

case "${1:-build}" in
  deps) install_deps ;;
  build) install_deps; build ;;
  demo)
    install_deps; build
    build/kg ingest seeds/
    build/kg stats
    echo
    echo "Who did Vladimir Putin do what to, according to the seeds?"
    build/kg query "MATCH (p {name: 'Vladimir Putin'})-[r]->(o) RETURN type(r) AS relation, o.name AS object, sources(r) AS sources ORDER BY sources DESC, relation LIMIT 20"
    ;;
  test)
    install_deps; build
    if [ -f tests/setup_test_env.sh ]; then bash tests/setup_test_env.sh; fi
    cd build && ctest --output-on-failure -j 2 --timeout 1500
    ;;
  *) echo "usage: setup.sh deps|build|demo|test" >&2; exit 2 ;;
esac
