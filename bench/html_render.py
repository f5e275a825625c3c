"""HTML explorer: render time and file size for 500 and 2,000 entities.

Graphs are synthetic and follow ``graph/schema.py`` with the seeds' shape (≈ 4.5 links per
entity, ≈ 2 pieces of evidence per link, real seed sentences as evidence; ``bench/synthetic.py``).

1. ``viz.render_html`` in-process, with browser physics (``physics=True``) and with the
   fixed layout computed in Python (igraph, ``physics=False``, what ``linkchart html`` uses
   above its physics limit).
2. ``linkchart html`` as a subprocess (start-up, store loading, selection and writing included),
   on stores of 500 and 2,000 entities, and on a larger store cut down with ``--max-nodes``.

    python bench/html_render.py [--quick] [--repeats R]

(Not ``bench/html.py``: a script there would shadow the standard library's ``html`` module for every
script in ``bench/``, which Python puts first on ``sys.path``.)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import LINKCHART, drop_snapshot, median, run_measured, table, tmpdir, use_snapshot

LINKS_PER_NODE = 4.5


def render_rows(sizes: list[int], repeats: int, folder: Path) -> list[list]:
    from synthetic import synthetic_graph

    from viz.render import graph_payload, page_html, render_html

    rows = []
    for n in sizes:
        G = synthetic_graph(n, int(n * LINKS_PER_NODE), seed=n, evidence="seeds")
        evidence = statistics.mean(len(d["evidence"]) for _, _, d in G.edges(data=True))
        for physics in (True, False):
            out = folder / f"render-{n}-{physics}.html"
            totals, payloads, pages = [], [], []
            layout = "browser" if physics else "igraph layout in Python"
            try:
                for _ in range(repeats):
                    t0 = time.perf_counter()
                    payload = graph_payload(G, physics=physics)
                    t1 = time.perf_counter()
                    page_html(payload)
                    t2 = time.perf_counter()
                    render_html(G, out, physics=physics)
                    t3 = time.perf_counter()
                    payloads.append(t1 - t0)
                    pages.append(t2 - t1)
                    totals.append(t3 - t2)
            except Exception as error:  # a failure is a result: report it in the table
                reason = f"FAILED: {type(error).__name__}: {error}"[:90]
                rows.append(
                    [
                        G.number_of_nodes(),
                        G.number_of_edges(),
                        round(evidence, 2),
                        layout,
                        0,
                        reason,
                        "",
                        "",
                        "",
                    ]
                )
                continue
            rows.append(
                [
                    G.number_of_nodes(),
                    G.number_of_edges(),
                    round(evidence, 2),
                    layout,
                    len(totals),
                    median(payloads),
                    median(pages),
                    median(totals),
                    round(out.stat().st_size / 2**20, 2),
                ]
            )
    return rows


def cli_rows(cases: list[tuple[int, int | None]], repeats: int, folder: Path) -> list[list]:
    from synthetic import synthetic_graph

    from graph.store import Store

    rows = []
    for n, max_nodes in cases:
        db = folder / f"html-{n}.db"
        if not db.exists():
            G = synthetic_graph(n, int(n * LINKS_PER_NODE), seed=n, evidence="seeds")
            with Store(db, create=True) as store:
                store.graph.save(G, [])
        out = folder / f"cli-{n}-{max_nodes}.html"
        argv = [LINKCHART, "html", str(out), "--db", str(db)]
        if max_nodes:
            argv += ["--max-nodes", str(max_nodes)]
        runs = [run_measured(argv, timeout=600) for _ in range(repeats)]
        last = runs[-1]
        message = (
            (last.stdout.strip() or last.stderr.strip()).splitlines()[-1][:90]
            if (last.stdout.strip() or last.stderr.strip())
            else ""
        )
        size = round(out.stat().st_size / 2**20, 2) if out.exists() else "-"
        rows.append(
            [
                f"{n:,}",
                max_nodes or "",
                len(runs),
                median([r.wall for r in runs]),
                size,
                round(max(r.maxrss_mb for r in runs)),
                f"exit {last.returncode}: {message}",
            ]
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="one run each, no large-store case")
    parser.add_argument("--repeats", type=int, help="runs per case (default 3, quick 1)")
    args = parser.parse_args()
    repeats = args.repeats or (1 if args.quick else 3)
    snap = use_snapshot()
    folder = tmpdir("html")
    try:
        rendered = render_rows([500, 2000], repeats, folder)
        cases = (
            [(500, None), (2000, None)]
            if args.quick
            else [(500, None), (2000, None), (20000, 500), (20000, 2000)]
        )
        cli = cli_rows(cases, repeats, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        drop_snapshot(snap)
    print(
        table(
            [
                "entities",
                "links",
                "evidence / link",
                "layout",
                "runs",
                "graph_payload s",
                "page_html s",
                "render_html s (median)",
                "file MB",
            ],
            rendered,
            title="viz.render_html (in-process)",
        )
    )
    print()
    print(
        table(
            ["store entities", "--max-nodes", "runs", "wall s (median)", "file MB", "peak RSS MB", "result"],
            cli,
            title="linkchart html (subprocess, wall clock)",
        )
    )


if __name__ == "__main__":
    main()
