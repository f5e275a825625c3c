"""What the co-mention windows (paragraph, document) cost on a 16,000-document store.

Parses ``--unique`` synthetic articles (``synthetic.py``) once and stores them ``--copies``
times under distinct ids (16,000 documents by default), then builds the graph twice: from
the analyses as they are (with the windows) and from the same analyses without paragraph
numbers (what the graph was before the windows: no window edges). Prints the build time,
the store size and the edge counts of each, and their ratios. A single document added to
each store is timed too (the incremental cost).

    python bench/windows.py [--quick] [--unique N] [--copies C]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, table, tmpdir
from corrections import fill_store, parse
from synthetic import synthetic_texts


def without_paragraphs(analyses):
    """The analyses as they were before paragraphs were kept: no window edges."""
    return [replace(a, sentences=tuple(replace(s, paragraph=-1) for s in a.sentences)) for a in analyses]


def measure(db: Path, docs, analyses, copies: int, extra) -> dict:
    from graph.store import Store, update_graph

    n_docs = fill_store(db, docs, analyses, copies)
    with Store(db) as store:
        t0 = time.perf_counter()
        update_graph(store)
        full = time.perf_counter() - t0
        layers = dict(store.db.execute("SELECT layer, COUNT(*) FROM edges GROUP BY layer").fetchall())
        store.db.execute("VACUUM")
    size = os.path.getsize(db)
    doc, analysis = extra
    with Store(db) as store:
        store.docs.save_analyses([(doc, analysis)], "bench")
        t0 = time.perf_counter()
        update_graph(store)
        one = time.perf_counter() - t0
    return {"docs": n_docs, "full": full, "size": size, "layers": layers, "one": one}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 articles × 5 copies")
    parser.add_argument("--unique", type=int, default=400)
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args()
    unique, copies = (40, 5) if args.quick else (args.unique, args.copies)
    folder = tmpdir("windows")
    docs, analyses = parse(synthetic_texts(unique + 1, max_paragraphs=6, seed=3))
    extra_doc = replace(docs[-1], id="added", content_hash="added")
    extra = replace(analyses[-1], doc_id="added")
    docs, analyses = docs[:-1], analyses[:-1]
    before = measure(
        folder / "before.db",
        docs,
        without_paragraphs(analyses),
        copies,
        (extra_doc, without_paragraphs([extra])[0]),
    )
    after = measure(folder / "after.db", docs, analyses, copies, (extra_doc, extra))
    print(f"Machine: {machine()}\n")
    rows = []
    for name, key, unit in (
        ("full graph build", "full", "s"),
        ("one document added (graph update)", "one", "s"),
        ("store size (after VACUUM)", "size", "MB"),
    ):
        b, a = before[key], after[key]
        scale = 1e6 if unit == "MB" else 1
        rows.append([f"{name}, {unit}", b / scale, a / scale, a / b if b else 0.0])
    main_links = sum(before["layers"].values())
    rows.append(
        [
            "links (co-mention + assertion)",
            main_links,
            sum(v for k, v in after["layers"].items() if k in ("co-mention", "assertion")),
            1.0,
        ]
    )
    for layer in ("paragraph", "document"):
        rows.append([f"{layer} window links", 0, after["layers"].get(layer, 0), 0.0])
    print(f"{after['docs']} documents ({unique} unique × {copies})\n")
    print(table(["", "without windows", "with windows", "ratio"], rows))


if __name__ == "__main__":
    main()
