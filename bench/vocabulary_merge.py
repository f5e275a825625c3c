"""Vocabulary merge after a one-article delta: the whole vocabulary vs the part the delta can move.

Makes a synthetic corpus vocabulary (person full names over shared surnames, one-edit spelling
variants, lone surnames and given names, organisations with acronyms — some ambiguous —, places,
slugs that collide), stores it as a full build would (``vocabulary`` and ``vocabulary_links``),
then times, for deltas of about 30 keys like one article's (counts of known names, new names,
a new spelling, a new acronym):

- the whole merge, as incremental builds did before: read every ``vocabulary`` row, apply the
  delta, ``merge_vocabulary`` over all of it, compare every key's node;
- the local merge: ``graph.resolve.vocabulary.merge_delta`` (reads and merges only the part), and writing
  its rows (in a transaction rolled back, so every delta starts from the same store).

    python bench/vocabulary_merge.py [--quick] [--sizes 20000,100000] [--repeats R]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import table

from graph.resolve import merge_all, merge_delta, merge_vocabulary
from graph.store import Store, VocabularyTables, write_vocabulary


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ONSETS = _split("b c d f g h j k l m n p r s t v w z br ch dr gr kr pl sh st th tr")
VOWELS = _split("a e i o u ai ea ie ou y")
CODAS = ("", "", "n", "r", "s", "l", "m", "k", "nd", "rt", "st", "v", "x")
ORG_WORDS = _split("""National Federal Central Regional Royal United International European Northern Southern
Eastern Western Public Independent Joint Strategic Civil Maritime Financial Digital Energy Health Security
Intelligence Defence Justice Trade Transport Water Climate Research Development Investment Labour Border
Customs Election Media Broadcasting Cyber Space Nuclear Police Prosecution Audit Statistics""")
ORG_HEADS = _split(
    "Agency Council Authority Commission Service Ministry Bureau Office Institute Foundation Bank"
)


def word(rng: random.Random, syllables: int) -> str:
    return "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)
    ).title()


def typo(rng: random.Random, text: str) -> str:
    """One edit in the last word (a spelling variant when that word has 5 letters or more)."""
    head, _, last = text.rpartition(" ")
    i = rng.randrange(1, len(last))
    edit = rng.choice(("drop", "double", "swap"))
    last = (
        last[:i] + last[i + 1 :]
        if edit == "drop"
        else last[:i] + last[i] + last[i:]
        if edit == "double"
        else last[:i] + rng.choice("aeiou") + last[i + 1 :]
    )
    return f"{head} {last}" if head else last


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def zipf(rng: random.Random) -> int:
    return min(500, int(rng.paretovariate(1.3)))


class Corpus:
    """A synthetic vocabulary, and the name pools its deltas draw from."""

    def __init__(self, size: int, seed: int = 1):
        rng = self.rng = random.Random(seed)
        self.given = sorted({word(rng, rng.choice((1, 2))) for _ in range(max(60, size // 150))})
        self.surnames = sorted({word(rng, rng.choice((2, 2, 3))) for _ in range(max(200, size // 6))})
        self.vocabulary: dict[str, Counter] = {}
        self.people: list[str] = []
        self.orgs: list[str] = []
        self.acronyms: list[str] = []
        while len(self.vocabulary) < size:
            self.add_one()

    def person(self) -> str:
        rng = self.rng
        surname = self.surnames[min(len(self.surnames) - 1, int(rng.paretovariate(0.8)) - 1)]
        surname = surname if rng.random() < 0.5 else rng.choice(self.surnames)
        middle = f" {rng.choice(self.given)}" if rng.random() < 0.08 else ""
        return f"{rng.choice(self.given)}{middle} {surname}"

    def org(self) -> str:
        rng = self.rng
        words = rng.sample(ORG_WORDS, rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(("of", "for", "and")))
        return " ".join([*words, rng.choice(ORG_HEADS)])

    def add(self, key: str, kind: str, count: int | None = None) -> str:
        self.vocabulary.setdefault(key, Counter())[kind] += count or zipf(self.rng)
        return key

    def add_one(self) -> None:
        """One more name, drawn by kind like the names a news corpus holds."""
        rng, roll = self.rng, self.rng.random()
        if roll < 0.45:
            self.people.append(self.add(self.person(), "person"))
            if rng.random() < 0.05:  # sometimes also tagged as an organisation
                self.add(self.people[-1], "organization", 1)
        elif roll < 0.48 and self.people:
            self.add(typo(rng, rng.choice(self.people)), "person", 1)
        elif roll < 0.60 and self.people:  # a lone surname, often of a known person
            self.add(rng.choice(self.people).split()[-1], "person")
        elif roll < 0.61:
            self.add(rng.choice(self.given), "person")
        elif roll < 0.86:
            self.orgs.append(self.add(self.org(), rng.choice(("organization", "agency", "organization"))))
        elif roll < 0.93 and self.orgs:
            self.acronyms.append(
                self.add(initials(rng.choice(self.orgs)), rng.choice(("organization", "agency")))
            )
        elif roll < 0.99:
            self.add(word(rng, 3), "place")
        elif self.people:  # the same slug, another match key
            self.add(rng.choice(self.people).replace(" ", "-", 1), "person")

    def delta(self) -> dict[str, Counter]:
        """About 30 keys, like one article: known names mentioned again, new ones, a new spelling."""
        rng = self.rng
        keys: dict[str, Counter] = {}

        def mention(key: str, kind: str) -> None:
            keys.setdefault(key, Counter())[kind] += rng.randint(1, 4)

        known = list(self.vocabulary)
        for key in rng.sample(known, 12):
            mention(key, max(self.vocabulary[key], key=self.vocabulary[key].get))
        for _ in range(6):
            mention(self.person(), "person")
        mention(typo(rng, rng.choice(self.people)), "person")
        mention(rng.choice(self.people).split()[-1], "person")
        mention(rng.choice(self.people).split()[-1], "person")
        for _ in range(3):
            mention(self.org(), "organization")
        mention(initials(rng.choice(self.orgs)), "agency")
        mention(rng.choice(self.acronyms), "organization")
        mention(word(rng, 3), "place")
        gone = rng.choice(known)  # a name the article no longer uses (an edited article)
        keys[gone] = Counter({kind: -min(1, n) for kind, n in self.vocabulary[gone].items()})
        return keys


def whole_merge(db, delta: dict[str, Counter]) -> int:
    """The merge as incremental builds did it: every row read, everything merged, every node compared."""
    vocabulary, old = {}, {}
    for key, types, node in db.execute("SELECT key, types, node FROM vocabulary"):
        vocabulary[key] = Counter(json.loads(types))
        old[key] = node
    for key, change in delta.items():
        vocabulary[key] = vocabulary.get(key, Counter()) + change
        if not vocabulary[key]:
            del vocabulary[key]
    ids = merge_vocabulary(vocabulary)
    return len({k for k in ids if old.get(k) != ids[k]} | (old.keys() - ids.keys()))


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def measure(size: int, repeats: int) -> list:
    corpus = Corpus(size)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "v.db", create=True) as store:
        build_s, merged = timed(merge_all, corpus.vocabulary)
        with store.transaction() as db:
            write_vocabulary(db, merged)
        links = store.db.execute("SELECT COUNT(*) FROM vocabulary_links").fetchone()[0]
        whole, local, write, parts, moved = [], [], [], [], []
        for _ in range(repeats):
            delta = corpus.delta()
            t, n_moved = timed(whole_merge, store.db, delta)
            whole.append(t)
            t, part = timed(merge_delta, VocabularyTables(store.db), delta)
            local.append(t)
            assert len(part.moved) == n_moved, "the local merge moves other keys than the whole merge"
            store.db.execute("BEGIN")
            t, _ = timed(part.write, store.db)
            store.db.execute("ROLLBACK")
            write.append(t)
            parts.append(part.merged)
            moved.append(len(part.moved))
    med = statistics.median
    return [
        f"{len(corpus.vocabulary):,}",
        f"{links:,}",
        build_s,
        med(whole),
        1000 * med(local),
        1000 * max(local),
        1000 * med(write),
        f"{med(parts):.0f} (max {max(parts)})",
        f"{med(moved):.0f}",
        f"{med(whole) / med(local):.0f}×",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,100000", help="vocabulary sizes (keys), comma-separated")
    parser.add_argument("--repeats", type=int, default=7, help="deltas per size")
    parser.add_argument("--quick", action="store_true", help="2,000 and 20,000 keys, 3 deltas")
    args = parser.parse_args()
    sizes, repeats = (
        ([2000, 20000], 3) if args.quick else ([int(s) for s in args.sizes.split(",")], args.repeats)
    )
    rows = [measure(size, repeats) for size in sizes]
    headers = [
        "keys",
        "link rows",
        "full build merge (s)",
        "whole merge (s, median)",
        "local merge (ms, median)",
        "local (ms, max)",
        "write (ms, median)",
        "keys merged again",
        "keys moved",
        "speed-up",
    ]
    print(table(headers, rows, title=f"Vocabulary merge after a ~30-key delta ({repeats} deltas per size)"))


if __name__ == "__main__":
    main()
