#!/usr/bin/env bash
# Query benchmark: kg vs Kùzu 0.11.3 on the same synthetic graph and the
# same query texts (Q1-Q6 of ../shared/peers/README.md), in one run.
#
#   bash bench/query/run.sh [N_NODES N_EDGES]     (default 1000000 5000000)
#
# Env: BUILD (default build), WORK (default /tmp/kg-query-bench),
#      QUERY_TIMEOUT_MS (default 300000, per query, both engines).
# Prints a table of kg/Kùzu time ratios (< 1: kg faster) and exits 1 when an
# answer differs between the engines (or either fails).
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

def rows_of(answer):
    """An engine's answer as a list of row tuples (a lone value is one row)."""
    rows = answer.get("rows")
    if rows is None:
        v = answer.get("value")
        rows = v if isinstance(v, list) else [[v]]
    return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in rows]

def same(q, a, b):
    """Whether two answers agree. With ORDER BY ... LIMIT, rows tied with the
    last one may differ (either engine may cut the tie anywhere): the sort
    key column must agree row by row and the rows before the tie exactly."""
    ra, rb = rows_of(a), rows_of(b)
    if "ORDER BY" not in q or "LIMIT" not in q:
        return sorted(map(repr, ra)) == sorted(map(repr, rb))
    if len(ra) != len(rb):
        return False
    if [r[-1] for r in ra] != [r[-1] for r in rb]:
        return False
    last = ra[-1][-1] if ra else None
    return sorted(repr(r) for r in ra if r[-1] != last) == sorted(repr(r) for r in rb if r[-1] != last)

print(f"graph: {kz.get('csv')}")
if load and isinstance(kz.get("load"), dict):
    print(f"load: kg {load['total_ms']/1000:.1f} s, kuzu {kz['load']['total_ms']/1000:.1f} s, "
          f"ratio {load['total_ms']/kz['load']['total_ms']:.2f}")
print(f"{'query':5} {'kg ms':>10} {'kuzu ms':>10} {'kg/kuzu':>8}  answer")
bad = []
for q in sorted(set(kg["queries"]) | set(kz["queries"])):
    a, b = kg["queries"].get(q, {}), kz["queries"].get(q, {})
    ta, tb = a.get("median_ms"), b.get("median_ms")
    ratio = f"{ta/tb:8.2f}" if ta and tb else "       -"
    fa = f"{ta:10.2f}" if ta else "     error"
    fb = f"{tb:10.2f}" if tb else "     error"
    if "error" in a or "error" in b:
        verdict = f"ERROR kg: {a.get('error', '-')[:60]} | kuzu: {b.get('error', '-')[:60]}"
        bad.append(q)
    elif same(a.get("query", b.get("query", "")), a, b):
        first = rows_of(a)[0] if rows_of(a) else ()
        verdict = "same: " + (str(first[0]) if len(first) == 1 else str(list(first)) + " first")
    else:
        verdict = f"DIFFERENT kg {rows_of(a)[:3]} | kuzu {rows_of(b)[:3]}"
        bad.append(q)
    print(f"{q:5} {fa} {fb} {ratio}  {verdict}")
if bad:
    print(f"answers differ or failed: {', '.join(bad)}")
    sys.exit(1)
PY
