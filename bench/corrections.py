"""Corrections applied by delta on a large store, against building its graph again.

Parses ``--unique`` synthetic articles (``synthetic.py``) once, stores them ``--copies`` times
under distinct ids (16,000 documents by default: every entity is named in tens to thousands of
documents, so hubs are as large as the store allows), builds the graph once
(``graph.store.delta.update_graph``), then times each correction the way ``linkchart fix``
applies it (``linkchart.pipeline.apply_corrections``: written to the corrections file, then the
store follows by delta): retype a mid-size organisation, merge two people, drop a place, undo the
merge. Each is compared with the full graph build of the same store. With ``--check`` the final
store is compared with a fresh build that had the corrections from the start.

    python bench/corrections.py [--quick] [--unique N] [--copies C] [--check]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import drop_snapshot, machine, table, tmpdir, use_snapshot
from synthetic import synthetic_texts


def parse(texts: list[tuple[str, str]]):
    from linkchart.corpus import content_hash
    from ner.pipeline import analyze, load_pipeline
    from ner.records import Document

    docs = [Document(doc_id, text, title=doc_id, content_hash=content_hash(text)) for doc_id, text in texts]
    return docs, list(analyze(load_pipeline(), docs))


def fill_store(db: Path, docs, analyses, copies: int) -> int:
    from graph.store import Store

    with Store(db, create=True) as store:
        for c in range(copies):
            batch = [
                (
                    replace(d, id=f"{d.id}-{c:03d}", content_hash=f"{d.content_hash}-{c}"),
                    replace(a, doc_id=f"{d.id}-{c:03d}"),
                )
                for d, a in zip(docs, analyses, strict=True)
            ]
            store.docs.save_analyses(batch, "bench")
        return store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def targets(db: Path) -> dict[str, str]:
    """Labels to correct: an organisation and two people of middling size, a place."""
    from graph.store import Store

    with Store(db) as store:
        rows = list(store.reads.entity_rows())
    by_type: dict[str, list[tuple[str, dict]]] = {}
    for node, data in rows:
        by_type.setdefault(data["type"], []).append((node, data))

    def middle(kind: str, k: int = 0) -> str:
        found = by_type[kind]
        return found[len(found) // 2 + k][1]["label"]

    return {
        "organization": middle("organization"),
        "person_a": middle("person"),
        "person_b": middle("person", 1),
        "place": middle("place"),
    }


def timed_fix(db: Path, path: Path, op: str, **fields) -> tuple[float, object]:
    from graph.resolve import append
    from linkchart.pipeline import apply_corrections

    append(path, op, **fields)
    t0 = time.perf_counter()
    summary = apply_corrections(db, path)
    return time.perf_counter() - t0, summary.graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 articles × 5 copies")
    parser.add_argument("--unique", type=int, default=400)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--check", action="store_true", help="compare with a fresh build at the end")
    args = parser.parse_args()
    unique, copies = (40, 5) if args.quick else (args.unique, args.copies)
    snap = use_snapshot()
    folder = tmpdir("corrections")
    try:
        from graph.store import Store, update_graph

        t0 = time.perf_counter()
        docs, analyses = parse(synthetic_texts(unique, max_paragraphs=6))
        parse_s = time.perf_counter() - t0
        db = folder / "big.db"
        n_docs = fill_store(db, docs, analyses, copies)
        with Store(db) as store:
            t0 = time.perf_counter()
            built = update_graph(store)
            full_s = time.perf_counter() - t0
            entities = store.db.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
            links = store.db.execute("SELECT COUNT(*) FROM edges").fetchone()[0]
        pristine = folder / "pristine.db"
        shutil.copy(db, pristine)
        names = targets(db)
        path = folder / "big.corrections.jsonl"
        rows = []
        steps = [
            ("type", {"entity": names["organization"], "type": "agency"}, f"retype {names['organization']}"),
            (
                "merge",
                {"entity": names["person_a"], "other": names["person_b"]},
                f"merge {names['person_b']} into {names['person_a']}",
            ),
            ("drop", {"entity": names["place"]}, f"drop {names['place']}"),
            ("undo", {"undoes": 2}, "undo the merge"),
        ]
        for op, fields, what in steps:
            seconds, update = timed_fix(db, path, op, **fields)
            rows.append(
                [
                    what,
                    seconds,
                    update.aggregated if update else 0,
                    update.nodes if update else 0,
                    update.edges if update else 0,
                    full_s / seconds if seconds else 0.0,
                ]
            )
        print(f"Machine: {machine()}\n")
        print(
            f"{n_docs:,} documents ({unique} synthetic articles parsed once in {parse_s:.0f} s, stored "
            f"{copies} times); graph: {entities:,} entities, {links:,} links; full graph build "
            f"{full_s:.1f} s ({built.aggregated:,} documents aggregated).\n"
        )
        headers = [
            "correction",
            "seconds",
            "documents re-aggregated",
            "entities rewritten",
            "links rewritten",
        ]
        print(table([*headers, "× faster than the full build"], rows))
        if args.check:
            from linkchart.pipeline import apply_corrections

            fresh = folder / "fresh.db"
            shutil.copy(pristine, fresh)
            apply_corrections(fresh, path)  # one update with every correction in force
            same = all(
                _rows(db, sql) == _rows(fresh, sql)
                for sql in ("SELECT * FROM entities", "SELECT source, target, layer, data FROM edges")
            )
            print(f"\nstore corrected step by step == store corrected at once: {same}")
        print(json.dumps({"full_s": full_s, "documents": n_docs}), file=sys.stderr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        drop_snapshot(snap)


def _rows(db: Path, sql: str) -> list:
    from graph.store import Store

    with Store(db) as store:
        rows = store.db.execute(sql).fetchall()
    return sorted(tuple(r[1:]) if sql.startswith("SELECT * FROM entities") else r for r in rows)


if __name__ == "__main__":
    main()
