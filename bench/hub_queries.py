"""neighbors and path through hubs on a store built from articles (links with thousands of documents).

The synthetic stores of ``queries.py`` give every link one piece of evidence; in a real
corpus a link between two hubs (Canada and China) has a sentence in most documents. This
script times, as CLI subprocesses (start-up included), ``neighbors`` of the entities named
in most documents and ``path`` between the busiest people and organisations, and, in
process, the same queries reading every link's whole evidence (what they did before they
read only the evidence they show); and ``linkchart html`` of the whole store and of the
busiest entity's neighbourhood, and, when those are refused as too many links, with the
``--min-weight`` the refusal advises (each link carries its first documents' evidence).

    python bench/hub_queries.py --db STORE       # a store built by linkchart build
    python bench/hub_queries.py [--docs 2000]    # builds one from synthetic 4-paragraph articles
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import LINKCHART, machine, median, run_measured, table, tmpdir

from graph.query import find_paths, top_neighbours
from graph.store import Store


def busiest(db: Path, kinds: tuple[str, ...], n: int) -> list[tuple[str, str]]:
    """``(id, label)`` of the ``n`` entities of these types named in most documents."""
    marks = ",".join("?" * len(kinds))
    with sqlite3.connect(db) as con:
        rows = con.execute(
            f"SELECT id, label, json_array_length(data, '$.documents') AS docs FROM entities "
            f"WHERE type IN ({marks}) ORDER BY docs DESC, label LIMIT ?",
            (*kinds, n),
        ).fetchall()
    return [(node, label) for node, label, _ in rows]


def largest_link(db: Path) -> tuple[str, int]:
    with sqlite3.connect(db) as con:
        u, v, docs = con.execute(
            "SELECT source, target, corroboration FROM edges ORDER BY corroboration DESC"
        ).fetchone()
    return f"{u} – {v}", docs


def in_process(db: Path, query: tuple, evidence: int | None) -> float:
    """Seconds for the library call behind the query, reading the evidence shown or all of it."""
    with Store(db) as store:
        start = time.perf_counter()
        if query[0] == "neighbors":
            top_neighbours(store, query[1], limit=20, evidence=evidence)
        else:
            find_paths(store, query[1], query[2], evidence=evidence)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="a store built by linkchart build (default: build one)")
    parser.add_argument("--docs", type=int, default=2000, help="synthetic articles to build (without --db)")
    parser.add_argument("--repeats", type=int, help="runs per command (default 3, quick 1)")
    parser.add_argument("--quick", action="store_true", help="200 synthetic articles, 1 run each")
    args = parser.parse_args()
    if args.quick:
        args.docs = 200
    args.repeats = args.repeats or (1 if args.quick else 3)

    folder = None
    db = args.db
    if db is None:
        from synthetic import synthetic_texts, write_texts

        folder = tmpdir("hub-queries")
        write_texts(folder / "corpus", synthetic_texts(args.docs, max_paragraphs=4))
        db = folder / "hubs.db"
        print(f"building {args.docs} synthetic articles ...", file=sys.stderr)
        built = run_measured([LINKCHART, "build", str(folder / "corpus"), "--db", str(db)])
        if built.returncode != 0:
            sys.exit(f"build failed: {built.stderr.strip()[-300:]}")
    try:
        with Store(db) as store:
            n_docs = len(store.docs.listing())
        hubs = busiest(db, ("place", "person", "organization", "agency"), 3)
        people = busiest(db, ("person", "organization"), 4)
        queries = [("neighbors", node, label) for node, label in hubs]
        queries += [("path", people[0], people[i]) for i in (1, 2, 3)]
        in_process(db, ("neighbors", hubs[0][0]), 1)  # warm-up: imports, page cache
        rows = []
        for query in queries:
            if query[0] == "neighbors":
                argv, shown = ["neighbors", query[2], "--json"], f"neighbors {query[2]}"
                ids = ("neighbors", query[1])
            else:
                (a, a_label), (b, b_label) = query[1], query[2]
                argv, shown = ["path", a_label, b_label, "--json"], f"path {a_label} → {b_label}"
                ids = ("path", a, b)
            times, result = [], ""
            for _ in range(args.repeats):
                m = run_measured([LINKCHART, *argv, "--db", str(db)], timeout=600)
                times.append(m.wall)
                result = f"exit {m.returncode}"
                if m.returncode == 0 and query[0] == "neighbors":
                    result += f", {len(json.loads(m.stdout))} neighbours"
            shown_s = median([in_process(db, ids, 1) for _ in range(args.repeats)])
            whole_s = median([in_process(db, ids, None) for _ in range(args.repeats)])
            rows.append([shown, median(times), shown_s, whole_s, result])
        pages = []
        advice = None
        for label, extra in (
            ("html (whole store)", []),
            (f"html --focus {hubs[0][1]}", ["--focus", hubs[0][1]]),
            ("html --min-weight W (W: the advice of a refusal above)", None),
            (f"html --focus {hubs[0][1]} --min-weight W", None),
        ):
            if extra is None:  # follow the advice a refused drawing gave
                if advice is None:
                    continue
                label = label.replace("W (W: the advice of a refusal above)", advice).replace(
                    " W", f" {advice}"
                )
                extra = (["--focus", hubs[0][1]] if "--focus" in label else []) + ["--min-weight", advice]
            out = Path(tmpdir("hub-html")) / "page.html"
            times, peak, result = [], 0.0, ""
            for _ in range(args.repeats):
                m = run_measured([LINKCHART, "html", str(out), *extra, "--db", str(db)], timeout=1200)
                times.append(m.wall)
                peak = max(peak, m.maxrss_mb)
                result = m.stdout.strip() if m.returncode == 0 else m.stderr.strip()[-200:]
                found = re.search(r"--min-weight (\d+)", m.stderr)
                if m.returncode == 2 and found and advice is None:
                    advice = found.group(1)
            size = out.stat().st_size / 1e6 if out.exists() else 0.0
            pages.append([label, median(times), round(size, 1), round(peak), result])
            shutil.rmtree(out.parent, ignore_errors=True)
        link, link_docs = largest_link(db)
        print(machine())
        print()
        print(
            table(
                [
                    "query",
                    "CLI wall s (median)",
                    "in process: evidence shown, s",
                    "in process: all evidence, s",
                    "result",
                ],
                rows,
                title=f"Queries through hubs, store of {n_docs:,} articles "
                f"(largest link: {link}, {link_docs:,} documents)",
            )
        )
        print()
        print(table(["page", "CLI wall s (median)", "file MB", "peak RSS MB", "result"], pages))
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
