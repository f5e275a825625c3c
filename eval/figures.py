"""The README's entity table: every evaluation set, linkchart beside the raw small model.

Usage::

    python eval/figures.py            # seeds, synthetic dev, real dev
    python eval/figures.py --check    # and the real check splits (check to check8)
    python eval/figures.py --test     # and the real test half: only when an issue is resolved

Each set is built into a temporary store with the library (the CLI's code path) and
scored with :mod:`eval.score`; the raw model's labels (:mod:`eval.baseline`) are scored
the same way.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import score
from baseline import raw_entities

ROWS = (*score.SCORED_TYPES, score.UNTYPED)


def figures(name: str) -> tuple[dict, dict]:
    """linkchart's and the raw model's entity scores on one set."""
    corpus, gold_folder = score.SETS[name]
    db = Path(tempfile.mkdtemp()) / "eval.db"
    score.build_seeds(db, corpus)
    nodes, _ = score.load_store(db)
    gold, _ = score.load_gold(gold_folder)
    mine = score.score_entities(nodes, gold)
    mine["organisations_as_people"] = score.organisations_as_people(nodes, gold)
    raw_nodes = raw_entities(corpus)
    raw = score.score_entities(raw_nodes, gold)
    raw["organisations_as_people"] = score.organisations_as_people(raw_nodes, gold)
    return mine, raw


def main(argv: list[str] | None = None) -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="also score the real check splits")
    parser.add_argument("--test", action="store_true", help="also score the real test half")
    args = parser.parse_args(argv)
    checks = [
        "real-check",
        "real-check2",
        "real-check3",
        "real-check4",
        "real-check5",
        "real-check6",
        "real-check7",
        "real-check8",
    ]
    sets = ["seeds", "dev", "real-dev"] + (checks if args.check else [])
    sets += ["real-test"] if args.test else []
    results = {name: figures(name) for name in sets}
    print("| F1 (linkchart / raw model) | " + " | ".join(sets) + " |")
    print("|---|" + "---:|" * len(sets))
    pairs = list(results.values())
    for row in ROWS:
        cells = [f"{mine['types'][row]['f1']:.2f} / {raw['types'][row]['f1']:.2f}" for mine, raw in pairs]
        print(f"| {row} | " + " | ".join(cells) + " |")
    merges = [f"{len(m['wrong_merges'])} / {len(r['wrong_merges'])}" for m, r in results.values()]
    print("| wrong merges | " + " | ".join(merges) + " |")
    people = [f"{len(m['organisations_as_people'])} / {len(r['organisations_as_people'])}" for m, r in pairs]
    label = f"organisations typed person in a story's top {score.TOP_OF_STORY}"
    print(f"| {label} | " + " | ".join(people) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
