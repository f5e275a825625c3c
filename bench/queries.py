"""Query latency on big graphs: ``linkchart path``, ``neighbors`` and ``entities`` as a user runs them.

For each size a synthetic graph following ``graph/schema.py`` (one evidence dict per edge,
skewed degrees, see ``bench/synthetic.py``) is written into a fresh store through
``graph.store.StoredGraph.save``; then each CLI command is run as a subprocess and timed
wall-clock, Python start-up and store reading included (median of the runs, each with a
timeout). The target commands are marked; the others show the cases that still read more:
two weakly linked people (the search must go through hubs), an outlet filter, a misspelt name
(suggestions), and ``store.graph.load`` itself (what html --max-nodes and export use; sources and
stats load it without evidence).
A last table profiles each command in-process (cProfile) on the largest size and lists the
functions with the most own time.

Target (project issue): path, neighbors and entities on a 100k-node / 1M-edge graph answer in
< 0.5 s including loading.

    python bench/queries.py [--quick] [--sizes 1000x10000,10000x100000] [--repeats R] [--timeout S]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    LINKCHART,
    PYTHON,
    drop_snapshot,
    graph_sizes,
    median,
    run_measured,
    table,
    tmpdir,
    use_snapshot,
)

TARGET_S = 0.5


def worker_make(n_nodes: int, n_edges: int, db: str) -> None:
    from synthetic import query_endpoints, synthetic_graph

    from graph.store import Store

    t0 = time.perf_counter()
    G = synthetic_graph(n_nodes, n_edges, seed=n_nodes)
    t1 = time.perf_counter()
    with Store(db, create=True) as store:
        store.graph.save(G, [])
    t2 = time.perf_counter()
    names = query_endpoints(G)
    print(
        json.dumps(
            {
                "nodes": G.number_of_nodes(),
                "edges": G.number_of_edges(),
                "generate_s": t1 - t0,
                "save_s": t2 - t1,
                **names,
            }
        )
    )


def worker_load_graph(db: str, evidence: bool) -> None:
    """Time ``store.graph.load`` (the whole graph into networkx) after imports."""
    from graph.store import Store

    t0 = time.perf_counter()
    with Store(db) as store:
        G = store.graph.load(evidence=evidence)
    print(json.dumps({"seconds": time.perf_counter() - t0, "nodes": G.number_of_nodes()}))


def worker_profile(argv: list[str], top: int) -> None:
    """Run one CLI command in-process under cProfile; print its time and the top functions by own time."""
    import contextlib
    import cProfile
    import io
    import os
    import pstats

    from linkchart.cli import main

    def run() -> None:
        with (
            open(os.devnull, "w") as sink,
            contextlib.redirect_stdout(sink),
            contextlib.suppress(Exception, SystemExit),
        ):
            main(argv, standalone_mode=False)

    t0 = time.perf_counter()
    run()
    plain = time.perf_counter() - t0
    profiler = cProfile.Profile()
    profiler.runcall(run)
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (path, line, func), (_, calls, own, cum, _) in sorted(
        stats.stats.items(), key=lambda kv: kv[1][2], reverse=True
    )[:top]:
        where = "/".join(Path(path).parts[-2:]) if path != "~" else "builtin"
        rows.append(f"{func} ({where}:{line}) {own:.2f}s own/{cum:.2f}s cum, {calls:,} calls")
    print(json.dumps({"seconds": plain, "top": rows}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="sizes 1k/10k and 10k/100k, 1 run each")
    parser.add_argument("--sizes", help="NODESxEDGES,... (default 1000x10000,10000x100000,100000x1000000)")
    parser.add_argument("--repeats", type=int, help="runs per command (default 3, quick 1)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per command run (default 300)")
    parser.add_argument(
        "--slow-single",
        type=float,
        default=60,
        help="a command whose first run takes longer than this is not repeated (default 60 s)",
    )
    parser.add_argument(
        "--worker", choices=("make", "profile", "load_graph", "load_graph_bare"), help=argparse.SUPPRESS
    )
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--nodes", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--edges", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--argv", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "make":
        worker_make(args.nodes, args.edges, args.db)
        return
    if args.worker == "profile":
        worker_profile(json.loads(args.argv), top=4)
        return
    if args.worker in ("load_graph", "load_graph_bare"):
        worker_load_graph(args.db, evidence=args.worker == "load_graph")
        return

    sizes = graph_sizes(
        args.sizes or ("1000x10000,10000x100000" if args.quick else "1000x10000,10000x100000,100000x1000000")
    )
    repeats = args.repeats or (1 if args.quick else 3)
    snap = use_snapshot()
    folder = tmpdir("queries")
    rows, profiles, made = [], [], []
    try:
        for index, (n_nodes, n_edges) in enumerate(sizes):
            db = folder / f"g{n_nodes}.db"
            m = run_measured(
                [
                    PYTHON,
                    __file__,
                    "--worker",
                    "make",
                    "--nodes",
                    str(n_nodes),
                    "--edges",
                    str(n_edges),
                    "--db",
                    str(db),
                ],
                timeout=3600,
            )
            if m.returncode != 0:
                raise SystemExit(f"making the {n_nodes}-node store failed:\n{m.stderr[-3000:]}")
            info = m.json()
            size = f"{info['nodes']:,} / {info['edges']:,}"
            made.append(
                [
                    size,
                    info["generate_s"],
                    info["save_s"],
                    round(db.stat().st_size / 2**20),
                    round(m.maxrss_mb),
                    f"{info['hub']} ({info['hub_degree']} links)",
                ]
            )
            print(
                f"  store {size}: generated in {info['generate_s']:.1f} s, saved in {info['save_s']:.1f} s",
                file=sys.stderr,
            )
            d = ["--db", str(db)]
            # (label, argv, is a target command)
            commands = [
                ("start-up only: --version", ["--version"], False),
                ("entities --limit 20", ["entities", "--limit", "20", *d], True),
                ("neighbors BUSY", ["neighbors", info["busy"], *d], True),
                ("neighbors HUB (largest)", ["neighbors", info["hub"], *d], True),
                ("path BUSY RARE", ["path", info["busy"], info["rare"], *d], True),
                ("path RARE RARE2", ["path", info["rare"], info["rare2"], *d], True),
                ("path BUSY RARE --k 3", ["path", info["busy"], info["rare"], "--k", "3", *d], False),
                (
                    "path BUSY RARE --via-outlet O",
                    ["path", info["busy"], info["rare"], "--via-outlet", info["outlet"], *d],
                    False,
                ),
                ("neighbors MISSPELT (suggestions)", ["neighbors", info["rare"] + "x", *d], False),
                ("html (refused: too many entities)", ["html", str(folder / "all.html"), *d], False),
                (
                    "html --focus BUSY",
                    ["html", str(folder / "focus.html"), "--focus", info["busy"], *d],
                    False,
                ),
            ]
            if args.quick:
                commands = [c for c in commands if c[2] or c[0].startswith("start-up")]
            for label, argv, target in commands:
                runs = []
                for _ in range(repeats):
                    r = run_measured([LINKCHART, *argv], timeout=args.timeout)
                    runs.append(r)
                    if r.timed_out or r.wall > args.slow_single:
                        break
                walls = [r.wall for r in runs]
                last = runs[-1]
                first_line = (last.stdout.strip().splitlines() or last.stderr.strip().splitlines() or [""])[0]
                result = "TIMEOUT" if last.timed_out else f"exit {last.returncode}: {first_line[:70]}"
                status = (
                    ("met" if median(walls) < TARGET_S and not last.timed_out else "NOT met")
                    if target
                    else ""
                )
                rows.append(
                    [
                        size,
                        label + (" *" if target else ""),
                        len(runs),
                        median(walls),
                        min(walls),
                        max(walls),
                        result,
                        round(max(r.maxrss_mb for r in runs)),
                        round(max(r.background_cores for r in runs), 2),
                        status,
                    ]
                )
                print(f"  {size} {label}: {median(walls):.2f} s", file=sys.stderr)
                # profile the target commands on the largest size, the others (which read the whole
                # graph and would take minutes under the profiler) on the second largest
                profile_here = index == len(sizes) - 1 if target else index == max(0, len(sizes) - 2)
                if profile_here and not label.startswith("start-up"):
                    p = run_measured(
                        [PYTHON, __file__, "--worker", "profile", "--argv", json.dumps(argv)],
                        timeout=3 * args.timeout,
                    )
                    if p.returncode == 0:
                        prof = p.json()
                        profiles.append([size, label, prof["seconds"], "<br>".join(prof["top"])])
                    else:
                        profiles.append([size, label, "failed", p.stderr.strip()[-200:]])
            for worker, label, used_by in (
                ("load_graph", "store.graph.load() in-process, after imports", "(html --max-nodes, export)"),
                ("load_graph_bare", "store.graph.load(evidence=False), after imports", "(sources, stats)"),
            ):
                m = run_measured([PYTHON, __file__, "--worker", worker, "--db", str(db)], timeout=3600)
                if m.returncode == 0:
                    seconds = m.json()["seconds"]
                    times = [seconds, seconds, seconds]
                    rows.append(
                        [
                            size,
                            label,
                            1,
                            *times,
                            used_by,
                            round(m.maxrss_mb),
                            round(m.background_cores, 2),
                            "",
                        ]
                    )
            db.unlink(missing_ok=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        drop_snapshot(snap)
    print(
        table(
            ["entities / edges", "generate s", "save_graph s", "store MB", "peak RSS MB", "hub"],
            made,
            title="Synthetic stores (graph/schema.py shape, 1 evidence per edge)",
        )
    )
    print()
    print(
        table(
            [
                "entities / edges",
                "command (* = target)",
                "runs",
                "median s",
                "min s",
                "max s",
                "result",
                "peak RSS MB",
                "max bg load (cores)",
                f"< {TARGET_S} s",
            ],
            rows,
            title="Query latency: linkchart CLI as a subprocess, wall clock (start-up included)",
        )
    )
    print()
    print(
        table(
            [
                "entities / edges",
                "command",
                "in-process s (no profiler)",
                "top functions by own time (cProfile)",
            ],
            profiles,
            title="Where the time goes (in-process, after imports; non-target commands on the second size)",
        )
    )


if __name__ == "__main__":
    main()
