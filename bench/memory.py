"""Peak memory of ``build`` as the corpus grows (the streaming build of many documents).

Builds fresh stores from short synthetic articles (4 body paragraphs each, so thousands of
documents fit in a few minutes; ``--full-length``: the whole varied seed articles, 4.7k–16k
characters, 7.3k median) with ``linkchart.pipeline.build`` in a fresh process, and reports
peak RSS: of the build process (from ``wait4``), summed over the process tree (sampled; with
``--jobs 2`` the spaCy workers are separate processes), and the build process's peak at the end
of each phase, which shows which phase makes it grow.

If ``build`` streamed, peak memory would stay flat as documents are added.

    python bench/memory.py [--quick] [--docs 500,1000,2000] [--full-length]
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
    code_version,
    drop_snapshot,
    instrumented_build,
    median,
    run_measured,
    table,
    tmpdir,
    use_snapshot,
)

PARAGRAPHS = 4
#: Phases after which the build process's peak RSS is shown (the corpus streams through parsing).
RSS_PHASES = tuple(p for p in BUILD_PHASES if p != "load corpus")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="200 documents, jobs=1 only")
    parser.add_argument("--docs", help="comma-separated corpus sizes (default 500,1000,2000)")
    parser.add_argument(
        "--full-length", action="store_true", help=f"whole articles, not {PARAGRAPHS}-paragraph ones"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(instrumented_build(args.corpus, args.db, jobs=args.jobs)))
        return

    from synthetic import write_corpus

    sizes = [int(x) for x in (args.docs or ("200" if args.quick else "500,1000,2000")).split(",")]
    cases = [(n, 1) for n in sizes] + ([] if args.quick else [(sizes[-1], 2)])
    paragraphs = None if args.full_length else PARAGRAPHS
    snap = use_snapshot()
    folder = tmpdir("memory")
    rows = []
    try:
        corpus = folder / "corpus"
        write_corpus(corpus, max(sizes), max_paragraphs=paragraphs)
        files = sorted(corpus.glob("*.txt"))
        for n, jobs in cases:
            subset = folder / f"corpus-{n}"
            if not subset.exists():
                subset.mkdir()
                for path in files[:n]:
                    (subset / path.name).symlink_to(path)
            db = folder / f"store-{n}-{jobs}.db"
            m = run_measured(
                [PYTHON, __file__, "--worker", "--corpus", str(subset), "--db", str(db), "--jobs", str(jobs)],
                timeout=3600,
            )
            if m.returncode != 0:
                raise SystemExit(f"build of {n} docs failed:\n{m.stderr[-3000:]}")
            r = m.json()
            phase_rss = " / ".join(f"{r['phase_maxrss_mb'][p]:.0f}" for p in RSS_PHASES)
            chars = [len(path.read_text("utf-8")) for path in files[:n]]
            rows.append(
                [
                    n,
                    jobs,
                    f"{median(chars) / 1000:.1f}k",
                    r["tokens"],
                    r["entities"],
                    r["edges"],
                    r["seconds"],
                    round(r["tokens"] / r["seconds"]),
                    round(m.maxrss_mb),
                    round(m.tree_peak_mb),
                    phase_rss,
                    round(db.stat().st_size / 2**20, 1),
                    m.background_cores,
                ]
            )
            print(
                f"  {n} docs, jobs={jobs}: {r['seconds']:.1f} s, peak {m.maxrss_mb:.0f} MB", file=sys.stderr
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        drop_snapshot(snap)
    size = "full-length" if paragraphs is None else f"{paragraphs}-paragraph"
    print(
        table(
            [
                "docs",
                "jobs",
                "chars/doc (median)",
                "tokens",
                "entities",
                "edges",
                "build s",
                "tokens/s",
                "peak RSS MB (largest process)",
                "peak RSS MB (sum of processes)",
                "build process peak MB after: " + " / ".join(RSS_PHASES),
                "store MB",
                "bg load (cores)",
            ],
            rows,
            title=f"Peak memory of build ({size} synthetic articles, fresh store; {code_version()})",
        )
    )


if __name__ == "__main__":
    main()
