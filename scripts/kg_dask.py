#!/usr/bin/python3
"""kg_dask.py: run `kg extract` on a Dask cluster, then `kg load` the results.

usage: kg_dask.py --scheduler HOST:PORT --db DB [--kg KG] [--shard-lines N]
                  [--in-flight N] [--out DIR] [--keep] [--wait-workers N] INPUT...

INPUT: .jsonl files (split into shards of --shard-lines lines), and text or
HTML files or folders of them (one shard per file). Each shard's bytes are
sent to a worker, which runs `KG extract --source NAME --first-line K` on
them (KG must be installed at that path on every worker) and sends back the
extraction records. The driver writes each shard's records to
DIR/part-NNNNN.jsonl as they arrive (in whatever order the workers finish;
at most --in-flight shards, default 4 per worker, are out at a time, so the
driver's memory does not grow with the input),
then runs `KG --db DB load DIR/part-*.jsonl` here. Sources name the input
as given and the line each record came from, so the stored graph is the one
`kg ingest INPUT` makes: `kg load` stores documents in source order.

Exit: kg load's exit code (0 all stored, 3 some records rejected), 1 when a
shard's extraction failed outright, 2 usage.

Needs Dask's distributed scheduler: Debian package python3-distributed.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def shards_of(inputs, shard_lines):
    """Yields (source name, first line, bytes) for every shard of the input."""
    files = []
    for path in inputs:
        if os.path.isdir(path):
            # The order kg's reader walks a folder in: names sorted, hidden skipped.
            def walk(d):
                for name in sorted(os.listdir(d)):
                    if name.startswith("."):
                        continue
                    p = os.path.join(d, name) if not d.endswith("/") else d + name
                    if os.path.isdir(p):
                        yield from walk(p)
                    elif os.path.isfile(p):
                        yield p
            files.extend(walk(path.rstrip("/") or "/"))
        else:
            files.append(path)
    for path in files:
        if not (path.endswith(".jsonl") or path.endswith(".ndjson")):
            with open(path, "rb") as f:
                yield path, 1, f.read()
            continue
        # Streamed: only one shard of a large file is in memory at a time.
        with open(path, "rb") as f:
            chunk, first, line = [], 1, 0
            for raw in f:
                line += 1
                chunk.append(raw if raw.endswith(b"\n") else raw + b"\n")
                if len(chunk) == shard_lines:
                    yield path, first, b"".join(chunk)
                    chunk, first = [], line + 1
            if chunk:
                yield path, first, b"".join(chunk)


def extract_shard(kg, source, first_line, data):
    """On a worker: kg extract over one shard; returns (exit code, records, errors)."""
    import subprocess as sp
    run = sp.run([kg, "extract", "--threads", "1", "--source", source,
                  "--first-line", str(first_line), "-"],
                 input=data, stdout=sp.PIPE, stderr=sp.PIPE)
    return run.returncode, run.stdout, run.stderr.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scheduler", required=True, help="Dask scheduler address, HOST:PORT")
    ap.add_argument("--db", required=True, help="kg database to load into")
    ap.add_argument("--kg", default=shutil.which("kg") or "kg",
                    help="path of the kg binary on the workers and here")
    ap.add_argument("--shard-lines", type=int, default=1000,
                    help="JSON Lines records per shard (default 1000)")
    ap.add_argument("--out", help="folder for the shard outputs (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the shard outputs")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds to wait for the shards")
    ap.add_argument("--in-flight", type=int, default=0,
                    help="shards submitted at a time (default: 4 per worker)")
    ap.add_argument("--wait-workers", type=int, default=0,
                    help="wait (up to 120 s) until this many workers have joined")
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    if args.shard_lines < 1:
        ap.error("--shard-lines must be 1 or more")
    for p in args.inputs:
        if not os.path.exists(p):
            print(f"kg_dask: {p}: no such file or folder", file=sys.stderr)
            return 2

    from distributed import Client, as_completed

    out = args.out or tempfile.mkdtemp(prefix="kg-dask-")
    os.makedirs(out, exist_ok=True)
    failed = 0
    parts = []
    with Client(args.scheduler, timeout=60) as client:
        if args.wait_workers:
            client.wait_for_workers(args.wait_workers, timeout=120)
        workers = len(client.scheduler_info()["workers"])
        # At most --in-flight shards are submitted and not yet written out,
        # so the driver's memory does not grow with the input.
        limit = args.in_flight or 4 * max(1, workers)
        shards = enumerate(shards_of(args.inputs, args.shard_lines))
        pending = as_completed()
        where = {}
        deadline = time.monotonic() + args.timeout

        def submit_next():
            for n, (source, first, data) in shards:
                f = client.submit(extract_shard, args.kg, source, first, data, pure=False)
                where[f] = (n, source, first)
                pending.add(f)
                return True
            return False

        submitted = 0
        while submitted < limit and submit_next():
            submitted += 1
        print(f"kg_dask: shards on {workers} workers, {limit} at a time", file=sys.stderr)
        done = 0
        for f in pending:
            n, source, first = where.pop(f)
            left = deadline - time.monotonic()
            try:
                code, records, errors = f.result(timeout=max(1.0, left))
            except Exception as e:  # a worker failure or distributed's TimeoutError
                print(f"kg_dask: shard {n} ({source} from line {first}): {e!r}", file=sys.stderr)
                failed += 1
                code, records, errors = None, b"", ""
            if time.monotonic() > deadline:
                print(f"kg_dask: the shards took longer than {args.timeout} s", file=sys.stderr)
                return 1
            if errors:
                sys.stderr.write(errors)
            if code is not None and code not in (0, 3):
                print(f"kg_dask: shard {n} ({source} from line {first}) failed: exit {code}",
                      file=sys.stderr)
                failed += 1
            elif code is not None:
                part = os.path.join(out, f"part-{n:05d}.jsonl")
                with open(part, "wb") as w:
                    w.write(records)
                parts.append(part)
            done += 1
            submit_next()
        print(f"kg_dask: {done} shards done", file=sys.stderr)
    if failed:
        return 1
    load = subprocess.run([args.kg, "--db", args.db, "load"] + sorted(parts))
    if not args.keep and not args.out:
        shutil.rmtree(out, ignore_errors=True)
    return load.returncode


if __name__ == "__main__":
    sys.exit(main())
