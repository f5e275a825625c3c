"""Run every benchmark and print all tables with the machine description.

    python bench/run_all.py [--quick] [--only throughput,queries] [--out results.md]

``--quick`` is a smoke run (< 2 min in all); without it the real sizes run (about 40 min on
2 cores). Scripts run one after another (never in parallel: they measure CPU throughput), all on
one frozen copy of the library code taken at the start (see ``common.use_snapshot``).
Progress goes to stderr; the Markdown report to stdout (and to ``--out``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH, PYTHON, code_version, drop_snapshot, machine, use_snapshot

SCRIPTS = (
    "throughput",
    "incremental",
    "queries",
    "hub_queries",
    "html_render",
    "html_browser",
    "memory",
    "corrections",
    "windows",
    "long_text",
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    parser.add_argument("--only", help=f"comma-separated subset of {', '.join(SCRIPTS)}")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    scripts = [s for s in (args.only.split(",") if args.only else SCRIPTS) if s]
    unknown = set(scripts) - set(SCRIPTS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    snap = use_snapshot()
    report = [
        f"# linkchart benchmarks ({'quick' if args.quick else 'full'} run)",
        "",
        f"- machine: {machine()}",
        f"- code: {code_version()} (frozen copy taken at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
    ]
    failed = []
    try:
        for name in scripts:
            cmd = [PYTHON, str(BENCH / f"{name}.py"), *(["--quick"] if args.quick else [])]
            print(f"== {name} ==", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
            elapsed = time.perf_counter() - t0
            report += [f"## {name} ({elapsed:.0f} s)", "", proc.stdout.strip(), ""]
            if proc.returncode != 0:
                failed.append(name)
                report += [f"**{name} failed with exit code {proc.returncode}** (see stderr)", ""]
    finally:
        drop_snapshot(snap)
    text = "\n".join(report)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
