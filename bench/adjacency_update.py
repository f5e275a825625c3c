"""The search arrays after a small graph change: delta update vs. rewriting them whole.

For each size a synthetic graph (``bench/synthetic.py``, as ``bench/queries.py`` makes it) is
saved into a fresh store. Each run then writes, in one transaction rolled back afterwards, a
change like one re-aggregated document's (2 new entities with 3 links each, 1 entity deleted
with its links, 2 relabelled, 8 links changed, one of them to a new outlet, 3 links deleted:
about 5 entities and 20 links) through ``graph.store.write_graph_rows``, and times
``graph.index.delta.update_adjacency`` (what ``update_graph`` now runs) against
``graph.index.build.write_adjacency`` over the same tables, checking that both write the same
bytes. Medians over the runs; also the parts of the delta that grow with the graph (reading
and writing the array blobs) and, for the label ranks, sorting every label (in SQL or in
Python, as a whole write does) against the binary search the delta does.

    python bench/adjacency_update.py [--quick] [--sizes 10000x100000,100000x1000000] [--repeats R]
        [--folder DIR]  (keeps the stores there and reuses them)
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import graph_sizes, machine, table, tmpdir

from graph.index import ARRAYS, read_adjacency, save_arrays, update_adjacency, write_adjacency
from graph.schema import CO_MENTION
from graph.store import IndexTables, Store, write_graph_rows

NEW_OUTLET = "The Bench Courier"


def make_store(db: Path, n_nodes: int, n_edges: int) -> None:
    from synthetic import synthetic_graph

    G = synthetic_graph(n_nodes, n_edges, seed=n_nodes)
    with Store(db, create=True) as store:
        store.graph.save(G, [])


def _entity(db: sqlite3.Connection, rng: random.Random, top: int) -> tuple[str, dict]:
    while True:
        row = db.execute("SELECT id, label, type, data FROM entities WHERE idx = ?", (rng.randint(1, top),))
        found = row.fetchone()
        if found:
            return found[0], {"label": found[1], "type": found[2], **json.loads(found[3])}


def _edges_of(db: sqlite3.Connection, node: str) -> list[tuple[str, str, str]]:
    select = "SELECT source, target, layer FROM edges WHERE {} = ?"
    return [key for column in ("source", "target") for key in db.execute(select.format(column), (node,))]


def _edge(db: sqlite3.Connection, rng: random.Random, top: int) -> tuple[tuple[str, str, str], dict]:
    while True:
        found = db.execute(
            "SELECT source, target, layer, data FROM edges WHERE rowid = ?", (rng.randint(1, top),)
        ).fetchone()
        if found:
            return found[:3], json.loads(found[3])


def make_delta(db: sqlite3.Connection, rng: random.Random) -> tuple[dict, dict]:
    """Rows for ``write_graph_rows``: about 5 entities and 20 links touched."""
    top_node = db.execute("SELECT max(idx) FROM entities").fetchone()[0]
    top_edge = db.execute("SELECT max(rowid) FROM edges").fetchone()[0]
    nodes: dict[str, dict | None] = {}
    edges: dict[tuple[str, str, str], dict | None] = {}
    while len(nodes) < 1:  # one deleted entity, with its few links
        node, _ = _entity(db, rng, top_node)
        links = _edges_of(db, node)
        if 0 < len(links) <= 4:
            nodes[node] = None
            edges.update((key, None) for key in links)
    for _ in range(2):  # relabelled: moves in label order
        node, attrs = _entity(db, rng, top_node)
        if node not in nodes:
            nodes[node] = {**attrs, "label": "Aa " + attrs["label"]}
    for i in range(8):  # more evidence, the first from a new outlet
        key, data = _edge(db, rng, top_edge)
        if key not in edges and key[0] not in nodes and key[1] not in nodes:
            documents = sorted({*data["documents"], f"doc{rng.randrange(50):06d}"})
            outlets = sorted({*data["outlets"], NEW_OUTLET}) if i == 0 else data["outlets"]
            edges[key] = {**data, "documents": documents, "outlets": outlets, "corroboration": len(documents)}
    for _ in range(3):
        key, _ = _edge(db, rng, top_edge)
        if key[0] not in nodes and key[1] not in nodes:
            edges.setdefault(key, None)
    for i in range(2):  # new entities, linked to three others each
        node = f"person:bench-{rng.randrange(10**9)}-{i}"
        nodes[node] = {"label": f"Bench Person {i}", "type": "person", "mentions": 1, "aliases": []}
        for _ in range(3):
            other, _ = _entity(db, rng, top_node)
            if other in nodes:
                continue
            u, v = sorted((node, other))
            data = {"layer": CO_MENTION, "documents": ["doc000001"], "outlets": [NEW_OUTLET]}
            edges[(u, v, CO_MENTION)] = {**data, "corroboration": 1, "weight": 1, "evidence": []}
    return nodes, edges


def _stored(db: sqlite3.Connection) -> list[tuple]:
    return db.execute("SELECT name, dtype, data FROM adjacency ORDER BY name").fetchall()


def one_run(db: sqlite3.Connection, rng: random.Random) -> dict:
    """One change, timed, then rolled back."""
    db.execute("BEGIN")
    try:
        nodes, edges = make_delta(db, rng)
        t0 = time.perf_counter()
        before = write_graph_rows(db, nodes, edges)
        t1 = time.perf_counter()
        by_delta = update_adjacency(IndexTables(db), nodes, edges, before)
        t2 = time.perf_counter()
        delta = _stored(db)
        t3 = time.perf_counter()
        write_adjacency(IndexTables(db))
        t4 = time.perf_counter()
        same = delta == _stored(db)
        t5 = time.perf_counter()
        arrays = read_adjacency(IndexTables(db), ARRAYS).arrays
        t6 = time.perf_counter()
        save_arrays(IndexTables(db), arrays)
        t7 = time.perf_counter()
        labels = [r[0] for r in db.execute("SELECT idx FROM entities ORDER BY label, idx")]
        t8 = time.perf_counter()
        sorted((label, idx) for idx, label in db.execute("SELECT idx, label FROM entities"))
        t9 = time.perf_counter()
    finally:
        db.execute("ROLLBACK")
    return {
        "nodes": len(nodes),
        "edges": len(edges),
        "rows_s": t1 - t0,
        "delta_s": t2 - t1,
        "whole_s": t4 - t3,
        "by_delta": by_delta,
        "same": same,
        "read_s": t6 - t5,
        "save_s": t7 - t6,
        "sql_sort_s": t8 - t7,
        "py_sort_s": t9 - t8,
        "labels": len(labels),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="sizes 1k/10k and 10k/100k, 3 runs each")
    parser.add_argument("--sizes", help="NODESxEDGES,... (default 10000x100000,100000x1000000)")
    parser.add_argument("--repeats", type=int, help="runs per size (default 7, quick 3)")
    parser.add_argument("--folder", type=Path, help="keep the stores here (reused when present)")
    args = parser.parse_args()
    sizes = graph_sizes(
        args.sizes or ("1000x10000,10000x100000" if args.quick else "10000x100000,100000x1000000")
    )
    repeats = args.repeats or (3 if args.quick else 7)
    folder = args.folder or tmpdir("adjacency")
    folder.mkdir(parents=True, exist_ok=True)
    rows, parts = [], []
    try:
        for n_nodes, n_edges in sizes:
            db_path = folder / f"g{n_nodes}x{n_edges}.db"
            if not db_path.exists():
                t0 = time.perf_counter()
                make_store(db_path, n_nodes, n_edges)
                print(
                    f"  store {n_nodes}x{n_edges} made in {time.perf_counter() - t0:.0f} s", file=sys.stderr
                )
            with Store(db_path) as store:
                size = [
                    store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("entities", "edges")
                ]
                rng = random.Random(n_nodes)
                runs = [one_run(store.db, rng) for _ in range(repeats)]

            def med(key: str, runs: list[dict] = runs) -> float:
                return statistics.median(r[key] for r in runs)

            label = f"{size[0]:,} / {size[1]:,}"
            rows.append(
                [
                    label,
                    f"{med('nodes'):.0f} / {med('edges'):.0f}",
                    med("rows_s"),
                    med("delta_s"),
                    med("whole_s"),
                    round(med("whole_s") / med("delta_s"), 1),
                    f"{sum(r['by_delta'] for r in runs)}/{len(runs)}",
                    "yes" if all(r["same"] for r in runs) else "NO",
                ]
            )
            parts.append([label, med("read_s"), med("save_s"), med("sql_sort_s"), med("py_sort_s")])
            print(f"  {label}: delta {med('delta_s'):.3f} s, whole {med('whole_s'):.3f} s", file=sys.stderr)
    finally:
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(machine())
    print()
    headers = [
        "entities / links",
        "touched entities / links",
        "write_graph_rows (s)",
        "update_adjacency (s)",
        "write_adjacency (s)",
        "speed-up",
        "by delta",
        "same bytes",
    ]
    print(table(headers, rows, f"Search arrays after a small change (median of {repeats} runs)"))
    print()
    headers = [
        "entities / links",
        "read all arrays (s)",
        "write all arrays (s)",
        "ORDER BY label (s)",
        "sorted() labels (s)",
    ]
    print(
        table(
            headers,
            parts,
            "What grows with the graph: array blobs, and sorting every label (not done by the delta)",
        )
    )


if __name__ == "__main__":
    main()
