"""Incremental builds: full build of N documents, then rebuilds after nothing / one change / one addition.

Each build is ``linkchart.pipeline.build`` in a fresh process (as ``linkchart build`` would
run), timed inside the process (``build()`` call) and as process wall time (Python start-up and
imports included). The worker also times the phases of ``build`` by wrapping library functions
(no library change): corpus loading, spaCy model loading, parsing + saving analyses, updating
the graph (re-aggregating only what changed, in one transaction).

Target (project issue): re-building after adding or changing 1 of N documents re-parses only that
document and costs ≈ 1/N of a full build.

    python bench/incremental.py [--quick] [--repeats R]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    BUILD_PHASES,
    PYTHON,
    drop_snapshot,
    instrumented_build,
    median,
    run_measured,
    table,
    tmpdir,
    use_snapshot,
    wait_for_quiet,
)

PHASES = BUILD_PHASES


def worker(corpus: str, db: str) -> None:
    """One build with per-phase timings; prints a JSON line."""
    print(json.dumps(instrumented_build(corpus, db)))


def watch_worker(corpus: str, db: str, repeats: int, extra: str) -> None:
    """``linkchart watch``'s rounds in one long-running process; prints a JSON line.

    The store is already built. One warm-up round loads the pipeline (nothing to parse); then
    each round edits or adds one file and times the whole ``Watcher.poll`` (the changed files
    found from file events, or by a walk of every file without them, + a build that reads only
    the changed files, with the loaded pipeline). A file read within 3 s of its write is read
    again by the next round, as in real use. The time of a walk is reported on its own (the
    watcher walks every file once a minute, and when a folder appears).
    """
    import time

    from synthetic import edit_text

    from linkchart import scan
    from linkchart.watch import Watcher, walk_stamps

    folder = Path(corpus)
    paths = sorted(folder.iterdir())
    watcher = Watcher([folder], Path(db))
    assert watcher.poll().summary.parsed == 0  # warm-up: loads the model, nothing to parse
    time.sleep(scan.RACY_NS / 1e9)
    watcher.poll()  # files the last builds read too soon after writing them are read again

    def timed() -> dict:
        started = time.perf_counter()
        rounds, walks = watcher.changed_only_rounds, watcher.walks
        update = watcher.poll()
        seconds = time.perf_counter() - started
        walked = watcher.walks > walks
        if update is None:
            return {"seconds": seconds, "parsed": 0, "unchanged": None, "documents": None, "walked": walked}
        s = update.summary
        return {
            "seconds": seconds,
            "build": update.seconds,
            "parsed": s.parsed,
            "unchanged": s.unchanged,
            "documents": s.documents,
            "read": s.files_read,
            "changed_only": watcher.changed_only_rounds > rounds,
            "walked": walked,
            "graph": {"nodes": s.graph.nodes, "edges": s.graph.edges} if s.graph else None,
        }

    started = time.perf_counter()
    walk_stamps([folder])
    walk = time.perf_counter() - started
    results = {"nothing": [timed() for _ in range(repeats)], "changed": [], "added": [], "stamps": walk}
    for i in range(repeats):
        target = paths[(i * 11 + 3) % len(paths)]
        target.write_text(edit_text(target.read_text(encoding="utf-8"), seed=100 + i), encoding="utf-8")
        results["changed"].append(timed())
    for path in sorted(Path(extra).iterdir()):
        path.rename(folder / path.name)
        results["added"].append(timed())
    print(json.dumps(results))


def run_build(corpus: Path, db: Path, quiet_wait: float = 0) -> dict:
    if quiet_wait:
        wait_for_quiet(max_wait=quiet_wait)
    cmd = [PYTHON, __file__, "--worker", "--corpus", str(corpus), "--db", str(db)]
    m = run_measured(cmd, timeout=3600)
    if m.returncode != 0:
        raise SystemExit(f"build failed ({m.returncode}):\n{m.stderr[-3000:]}")
    return {**m.json(), "wall": m.wall, "maxrss_mb": m.maxrss_mb, "background_cores": m.background_cores}


def scenario(n_docs: int, repeats: int, max_paragraphs: int | None, quiet: float) -> tuple[list[list], dict]:
    from synthetic import edit_text, synthetic_texts, write_texts

    folder = tmpdir("incremental")
    corpus, db = folder / "corpus", folder / "bench.db"
    try:
        # one stream of distinct texts: the corpus, then the documents to add (build, then watch)
        texts = synthetic_texts(n_docs + 2 * repeats, max_paragraphs=max_paragraphs)
        paths = write_texts(corpus, texts[:n_docs])
        extra = write_texts(folder / "extra", texts[n_docs:])
        results: list[tuple[str, list[dict]]] = [("full build (fresh store)", [run_build(corpus, db, quiet)])]
        results.append(("rebuild, nothing changed", [run_build(corpus, db, quiet) for _ in range(repeats)]))
        changed = []
        for i in range(repeats):
            target = paths[(i * 7) % len(paths)]
            target.write_text(edit_text(target.read_text(encoding="utf-8"), seed=i + 1), encoding="utf-8")
            changed.append(run_build(corpus, db, quiet))
        results.append(("rebuild, 1 document changed", changed))
        added = []
        for path in extra[:repeats]:
            path.rename(corpus / path.name)
            added.append(run_build(corpus, db, quiet))
        results.append(("rebuild, 1 document added", added))
        if quiet:
            wait_for_quiet(max_wait=quiet)
        cmd = [PYTHON, __file__, "--watch-worker", "--corpus", str(corpus), "--db", str(db)]
        cmd += ["--repeats", str(repeats), "--extra", str(folder / "extra")]
        m = run_measured(cmd, timeout=3600)
        if m.returncode != 0:
            raise SystemExit(f"watch failed ({m.returncode}):\n{m.stderr[-3000:]}")
        watch = m.json()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    full = results[0][1][0]
    rows = []
    for label, runs in results:
        seconds = median([r["seconds"] for r in runs])
        wall = median([r["wall"] for r in runs])
        mid = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
        phases = " / ".join(f"{mid['phases'][p]:.2f}" for p in PHASES)
        rows.append(
            [
                label,
                len(runs),
                mid["documents"],
                mid["parsed"],
                mid["unchanged"],
                seconds,
                wall,
                round(seconds / full["seconds"], 4),
                phases,
                max(r["background_cores"] for r in runs),
            ]
        )
    full_s = full["seconds"]
    for label, key in (
        ("watch: nothing changed", "nothing"),
        ("watch: 1 changed", "changed"),
        ("watch: 1 added", "added"),
    ):
        runs = watch[key]
        seconds = median([r["seconds"] for r in runs])
        mid = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
        walked = any(r["walked"] for r in runs)
        phases = f"walk of every file {watch['stamps']:.3f}" if walked else "file events, no walk"
        if "build" in mid:
            how = "changed files only" if all(r.get("changed_only") for r in runs) else "full scan"
            phases += f", build {mid['build']:.3f} ({mid['read']} files read: {how})"
        rows.append(
            [
                label,
                len(runs),
                mid["documents"] or "",
                mid["parsed"],
                mid["unchanged"] or "",
                seconds,
                "(one process)",
                round(seconds / full_s, 5),
                phases,
                m.background_cores,
            ]
        )
    rows.append(
        [
            "watch: walk of every file (each minute, or when a folder appears)",
            1,
            len(paths) + len(extra),
            0,
            "",
            watch["stamps"],
            "(one process)",
            round(watch["stamps"] / full_s, 5),
            "os.scandir + stat of every file",
            m.background_cores,
        ]
    )
    info = {
        "n": n_docs,
        "full": full,
        "tokens": full["tokens"],
        "entities": full["entities"],
        "edges": full["edges"],
    }
    return rows, info


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="10 documents, 1 repeat")
    parser.add_argument("--repeats", type=int, help="rebuilds per scenario (default 3, quick 1)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--watch-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--extra", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", help="N,N,… short documents (default 1000,4000,16000; and 100 long)")
    args = parser.parse_args()
    if args.worker:
        worker(args.corpus, args.db)
        return
    if args.watch_worker:
        watch_worker(args.corpus, args.db, args.repeats, args.extra)
        return
    snap = use_snapshot()
    repeats = args.repeats or (1 if args.quick else 3)
    sizes = [int(n) for n in (args.sizes or "1000,4000,16000").split(",")]
    configs = [(10, None)] if args.quick else [(100, None), *((n, 4) for n in sizes)]
    headers = [
        "build",
        "runs",
        "docs",
        "parsed",
        "unchanged",
        "build() s (median)",
        "process wall s",
        "÷ full build",
        "phases s: " + " / ".join(PHASES),
        "max bg load (cores)",
    ]
    try:
        for n_docs, max_paragraphs in configs:
            rows, info = scenario(n_docs, repeats, max_paragraphs, 0 if args.quick else 60)
            size = "full-length" if max_paragraphs is None else f"short ({max_paragraphs}-paragraph)"
            print(
                table(
                    headers,
                    rows,
                    title=(
                        f"Incremental build, N = {n_docs} {size} synthetic docs ({info['tokens']:,} tokens; "
                        f"graph {info['entities']:,} entities, {info['edges']:,} edges)"
                    ),
                )
            )
            changed, watched = rows[2][5] / rows[0][5], rows[5][5] / rows[0][5]
            only = rows[2][3] == 1 and rows[3][3] == 1 and rows[1][3] == 0 and rows[5][3] == 1
            print(
                f"\nTarget ≈ 1/N = {1 / n_docs:.5f} of a full build; 1 changed doc: "
                f"linkchart build {changed:.5f} ({changed * n_docs:.1f}/N), "
                f"linkchart watch {watched:.5f} ({watched * n_docs:.1f}/N); "
                f"re-parsed only the changed doc: {'yes' if only else 'NO'}.\n"
            )

    finally:
        drop_snapshot(snap)


if __name__ == "__main__":
    main()
