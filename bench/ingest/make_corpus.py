#!/usr/bin/env python3
"""Builds a JSON Lines news corpus of N distinct articles from the news sample
(../shared/data/news-sample, 24 Wikinews articles) and the seed articles
(seeds/, 5), replayed as often as needed.

usage: make_corpus.py N OUT.jsonl [--shared DIR]

Copy k of an article gets the line "Edition k." in front of its text and
"?edition=k" after its url, so every article is a document of its own (kg
identifies documents by url, else by text) while the claims stay those of
the original. Deterministic: the same N gives the same
file.
"""
import json
import os
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    n, out = int(args[0]), args[1]
    root = os.path.dirname(os.path.abspath(__file__)) + "/../.."
    shared = os.environ.get("KG_SHARED_DATA", root + "/../shared/data")
    if "--shared" in sys.argv:
        shared = sys.argv[sys.argv.index("--shared") + 1]
    base = []
    with open(shared + "/news-sample/wikinews_gum_news.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                base.append(json.loads(line))
    seeds = root + "/seeds"
    for name in sorted(os.listdir(seeds)):
        with open(os.path.join(seeds, name), encoding="utf-8") as f:
            base.append({"id": "seed:" + name, "title": "", "publisher": "kg seeds",
                         "text": f.read()})
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            a = dict(base[i % len(base)])
            k = i // len(base)
            a["id"] = f"{a['id']}#{k}"
            a["text"] = f"Edition {k}.\n\n{a['text']}"
            if a.get("url"):  # kg identifies a document by its url
                a["url"] = f"{a['url']}?edition={k}"
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
