#!/usr/bin/env bash
# Query benchmark: kg vs Kùzu 0.11.3 on the same synthetic graph and the
# same query texts (Q1-Q6 of ../shared/peers/README.md), in one run.
#
#   bash bench/query/run.sh [N_NODES N_EDGES]     (default 1000000 5000000)
#
# Env: BUILD (default build), WORK (default /tmp/kg-query-bench),
#      QUERY_TIMEOUT_MS (default 300000, per query, both engines).
# Prints both JSON reports and a table of kg/Kùzu time ratios (< 1: kg faster).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
E=${2:-5000000}
BUILD=${BUILD:-build}
WORK=${WORK:-/tmp/kg-query-bench}
PEERS=$(realpath "${PEERS:-../shared/peers}")
export QUERY_TIMEOUT_MS=${QUERY_TIMEOUT_MS:-300000}
CSV=$WORK/csv-$N-$E
mkdir -p "$WORK"

cmake --build "$BUILD" --target kg_query_bench >/dev/null
[ -f "$CSV/edges.csv" ] || python3 "$PEERS/gen_graph.py" "$N" "$E" "$CSV"

# kg: load (once) and query.
KGDB=$WORK/kg-$N-$E
if [ ! -d "$KGDB" ]; then
  "$BUILD/bench/query/kg_query_bench" load "$CSV" "$KGDB" > "$WORK/kg-load.json"
fi
"$BUILD/bench/query/kg_query_bench" run "$KGDB" > "$WORK/kg.json"

# Kùzu: installed here by npm (the package ships its native library).
if [ ! -d "$WORK/node_modules/kuzu" ]; then
  (cd "$WORK" && npm install --no-save --silent kuzu@0.11.3 >/dev/null)
fi
KZDB=$WORK/kuzu-$N-$E
(cd "$WORK" && node "$PEERS/kuzu_bench.js" "$KZDB" "$CSV") > "$WORK/kuzu.json"

python3 - "$WORK/kg.json" "$WORK/kuzu.json" "$WORK/kg-load.json" <<'PY'
import json, sys
kg, kz = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
try:
    load = json.load(open(sys.argv[3]))["load"]
except Exception:
    load = {}
print(f"graph: {kz.get('csv')}")
if load and isinstance(kz.get("load"), dict):
    print(f"load: kg {load['total_ms']/1000:.1f} s, kuzu {kz['load']['total_ms']/1000:.1f} s, "
          f"ratio {load['total_ms']/kz['load']['total_ms']:.2f}")
print(f"{'query':5} {'kg ms':>10} {'kuzu ms':>10} {'kg/kuzu':>8}  answers (kg | kuzu)")
for q in sorted(set(kg["queries"]) | set(kz["queries"])):
    a, b = kg["queries"].get(q, {}), kz["queries"].get(q, {})
    ta, tb = a.get("median_ms"), b.get("median_ms")
    ratio = f"{ta/tb:8.2f}" if ta and tb else "       -"
    va = a.get("value", a.get("error", "-"))
    vb = b.get("value", b.get("error", "-"))
    if isinstance(vb, list) and vb: vb = f"{list(vb[0].values())}"
    fa = f"{ta:10.1f}" if ta else "     error"
    fb = f"{tb:10.1f}" if tb else "     error"
    print(f"{q:5} {fa} {fb} {ratio}  {str(va)[:40]} | {str(vb)[:40]}")
PY
