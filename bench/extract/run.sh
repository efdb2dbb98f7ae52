#!/bin/sh
# Runs the extraction benchmark pinned to one core (core 1).
#   bench/extract/run.sh BUILD_DIR [--seconds N]
set -e
build=${1:?usage: run.sh BUILD_DIR [--seconds N]}
shift
exec taskset -c 1 "$build/bench/extract/kg_bench_extract" "$@"
