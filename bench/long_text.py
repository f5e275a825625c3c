"""One very long article: time and peak memory of ``linkchart build`` on it.

Writes an article of ``--chars`` characters (the seeds' texts one after another, 900,000 by
default: just under the 1,000,000-character limit) into a fresh folder and builds a fresh
store from it in a child process. Long texts are parsed in paragraph pieces
(``ner.pipeline.parse``), so peak memory stays near a normal build's.

    python bench/long_text.py [--chars N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYTHON, machine, run_measured, table, tmpdir

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def long_article(chars: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    text, i = "", 0
    while len(text) < chars:
        text += parts[i % len(parts)] + "\n"
        i += 1
    return text[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=900_000)
    parser.add_argument("--quick", action="store_true", help="100,000 characters")
    args = parser.parse_args()
    chars = 100_000 if args.quick else args.chars
    folder = tmpdir("long_text")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(long_article(chars), encoding="utf-8")
    run = run_measured([PYTHON, "-m", "linkchart", "build", str(corpus), "--db", str(folder / "l.db")])
    if run.returncode:
        sys.exit(f"build failed: {run.stderr.strip()}")
    print(f"Machine: {machine()}\n")
    print(
        table(
            ["one article", "characters", "wall s", "peak RSS MB"],
            [["long.txt", chars, run.wall, run.maxrss_mb]],
        )
    )


if __name__ == "__main__":
    main()
