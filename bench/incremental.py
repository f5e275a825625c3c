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


def run_build(corpus: Path, db: Path, quiet_wait: float = 0) -> dict:
    if quiet_wait:
        wait_for_quiet(max_wait=quiet_wait)
    cmd = [PYTHON, __file__, "--worker", "--corpus", str(corpus), "--db", str(db)]
    m = run_measured(cmd, timeout=3600)
    if m.returncode != 0:
        raise SystemExit(f"build failed ({m.returncode}):\n{m.stderr[-3000:]}")
    return {**m.json(), "wall": m.wall, "maxrss_mb": m.maxrss_mb, "background_cores": m.background_cores}


def scenario(n_docs: int, repeats: int, max_paragraphs: int | None, quiet: float) -> tuple[list[list], dict]:
    from synthetic import edit_text, synthetic_texts, write_corpus

    folder = tmpdir("incremental")
    corpus, db = folder / "corpus", folder / "bench.db"
    try:
        paths = write_corpus(corpus, n_docs, max_paragraphs=max_paragraphs)
        results: list[tuple[str, list[dict]]] = [("full build (fresh store)", [run_build(corpus, db, quiet)])]
        results.append(("rebuild, nothing changed", [run_build(corpus, db, quiet) for _ in range(repeats)]))
        changed = []
        for i in range(repeats):
            target = paths[(i * 7) % len(paths)]
            target.write_text(edit_text(target.read_text(encoding="utf-8"), seed=i + 1), encoding="utf-8")
            changed.append(run_build(corpus, db, quiet))
        results.append(("rebuild, 1 document changed", changed))
        added = []
        extra = synthetic_texts(n_docs + repeats, max_paragraphs=max_paragraphs)[n_docs:]
        for doc_id, text in extra:
            (corpus / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
            added.append(run_build(corpus, db, quiet))
        results.append(("rebuild, 1 document added", added))
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
    args = parser.parse_args()
    if args.worker:
        worker(args.corpus, args.db)
        return
    snap = use_snapshot()
    repeats = args.repeats or (1 if args.quick else 3)
    configs = [(10, None)] if args.quick else [(100, None), (1000, 4)]
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
            changed = rows[2][5] / rows[0][5]
            print(
                f"\nTarget ≈ 1/N = {1 / n_docs:.4f} of a full build; measured {changed:.4f} "
                f"for 1 changed doc "
                f"({changed * n_docs:.1f}× the ideal); re-parsed only the changed doc: "
                f"{'yes' if rows[2][3] == 1 and rows[3][3] == 1 and rows[1][3] == 0 else 'NO'}.\n"
            )

    finally:
        drop_snapshot(snap)


if __name__ == "__main__":
    main()
