#!/usr/bin/env bash
# Ingest growth: how the cost of `kg ingest` grows with the corpus.
#
#   bash bench/ingest/run.sh [SIZES...]        (default: 1000 10000 100000)
#
# For each size N, builds an N-article JSON Lines corpus from the news sample
# and the seeds (make_corpus.py: copy k of an article starts "Edition k.", so
# every article has its own id), ingests it into a fresh database with the
# default number of threads, and prints one row: articles/s, claims/s (claims
# read and stored with their provenance), peak RSS of the kg process,
# database size. The rows are meant to be read against
# each other (the 1k row is the baseline of the same run).
#
# Env: BUILD (default build), WORK (default /tmp/kg-ingest-bench),
#      KG_INGEST_FLAGS (extra flags for kg ingest, e.g. --no-sync).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
WORK=${WORK:-/tmp/kg-ingest-bench}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
mkdir -p "$WORK"
cmake --build "$BUILD" --target kg >/dev/null

printf "%9s %9s %11s %12s %10s %8s %8s %7s\n" articles seconds articles/s claims_read claims/s edges peak_MB db_MB
for n in "${SIZES[@]}"; do
  corpus="$WORK/corpus-$n.jsonl"
  [ -f "$corpus" ] || python3 bench/ingest/make_corpus.py "$n" "$corpus"
  db="$WORK/db-$n"
  rm -rf "$db"
  # /usr/bin/time -v: the kernel's peak resident set of the kg process.
  /usr/bin/time -v "$BUILD/kg" --db "$db" -q ingest ${KG_INGEST_FLAGS:-} "$corpus" \
    2> "$WORK/time-$n.txt"
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time-$n.txt")
  peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$n.txt")
  stats=$("$BUILD/kg" --db "$db" stats --json)
  docs=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
  claims=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["claims"])')
  sources=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sources"])')
  db_mb=$(du -sm "$db" | cut -f1)
  python3 - "$n" "$docs" "$secs" "$claims" "$sources" "$peak_kb" "$db_mb" <<'PY'
import sys
n, docs, secs, claims, sources, peak_kb, db_mb = sys.argv[1:]
n, docs, secs, claims, sources = int(n), int(docs), float(secs), int(claims), int(sources)
assert docs == n, f"{docs} documents stored of {n}"
print(f"{n:9d} {secs:9.1f} {n/secs:11.1f} {sources:12d} {sources/secs:10.1f} {claims:8d} "
      f"{int(peak_kb)/1024:8.0f} {int(db_mb):7d}")
PY
done
echo "claims_read: claims stored with their provenance (kg stats' sources); edges: distinct (subject, relation, object)"
