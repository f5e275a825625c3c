"""Score linkchart's claims against PolNeAR's attributions (train or dev split; never test).

PolNeAR (github networkdynamics/PolNeAR: ~1,000 US political news articles, 2016) annotates
every attribution as source / cue / content spans (BRAT files). Its texts have no licence, so
this repository holds only this scorer: it reads a local snapshot of the corpus.

Usage::

    python eval/polnear.py PATH [--split dev|train] [--limit N] [--errors [--max-errors N]
                                [--kind named|pronoun|unnamed]] [--json]

``--errors`` lists each missed attribution of one kind of source (``--kind``, default named)
with its cue, the text around it and the speakers linkchart gave that sentence instead
(``-``: no claim there).

``PATH`` is a folder holding ``data/<split>/text/*.txt`` and ``data/<split>/attributions/*.ann``
(a checkout or an extracted archive of the repository). The test split is the project's hidden
measure: the scorer refuses it.

Matching: a claim matches a gold attribution of its document when the gold cue lies inside the
claim's sentence and the speakers agree: the gold source contains the last word of a name of the
claim's speaker, or the gold source is a pronoun (the claim then counts, but speaker accuracy
is read on the named sources only). Gold attributions are grouped by their source: **named**
(the source contains a name linkchart found, or a capitalised word that is not a pronoun),
**pronoun** ("he", "they") and **unnamed** ("officials", "a person familiar with the talks").
Articles annotated by several annotators are scored on the first annotation file.

The **naive rule** beside linkchart: one claim per named subject of a reporting verb (any
entity the model tags as the subject of a verb in linkchart's reporting-verb list), in the same
documents, scored the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ner.cleanup import match_key, rules  # noqa: E402

SPLITS = ("train", "dev")
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "their",
        "its",
        "our",
        "us",
        "this",
        "that",
        "who",
        "which",
    ]
)


@dataclass
class Gold:
    """One annotated attribution."""

    source: tuple[int, int] | None
    source_text: str
    cue: tuple[int, int]

    @cached_property
    def kind(self) -> str:
        words = re.findall(r"[\w’']+", self.source_text)
        if not words:
            return "unnamed"
        if len(words) <= 2 and all(w.lower() in PRONOUNS for w in words):
            return "pronoun"
        return "named" if any(w[:1].isupper() and w.lower() not in PRONOUNS for w in words) else "unnamed"


@dataclass
class Claim:
    """A predicted attribution: its sentence's characters and its speaker's names."""

    sentence: tuple[int, int]
    names: set[str]
    speaker: str


@dataclass
class Tally:
    predicted: int = 0
    correct: int = 0
    gold: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def row(self) -> dict[str, float]:
        out = {
            "claims": self.predicted,
            "precision": self.correct / self.predicted if self.predicted else 0.0,
        }
        for kind in ("named", "pronoun", "unnamed"):
            out[f"{kind} gold"] = self.gold[kind]
            out[f"{kind} recall"] = self.found[kind] / self.gold[kind] if self.gold[kind] else 0.0
        return out


def read_gold(ann: Path, text: str) -> list[Gold]:
    """The attributions of one BRAT file (source, cue and content spans tied by an event line)."""
    spans: dict[str, tuple[str, int, int]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, *offsets = parts[1].split(" ")
            ranges = [int(x) for piece in " ".join(offsets).split(";") for x in piece.split()]
            spans[parts[0]] = (kind, min(ranges), max(ranges))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split(" ") if ":" in arg))
    found = []
    for event in events:
        cue = spans.get(event.get("Cue", ""))
        if cue is None:
            continue
        source = spans.get(event.get("Source", ""))
        where = (source[1], source[2]) if source else None
        found.append(Gold(where, text[where[0] : where[1]] if where else "", (cue[1], cue[2])))
    return found


def predict(nlp, doc_id: str, text: str) -> tuple[list[Claim], list[Claim]]:
    """linkchart's claims and the naive rule's, for one article."""
    from ner.pipeline import to_analysis

    doc = nlp(text)
    analysis = to_analysis(doc_id, doc)
    names: dict[str, set[str]] = {}
    for m in analysis.mentions:
        if m.key:
            names.setdefault(m.key, set()).update({m.name, m.text})
    sentences = {s.index: (s.start, s.end) for s in analysis.sentences}
    claims = [
        Claim(sentences[a.sent_index], names.get(a.speaker, set()) | {a.speaker, a.speaker_text}, a.speaker)
        for a in analysis.assertions
        if a.sent_index in sentences
    ]
    verbs = rules()["reporting_verbs"]
    naive = [
        Claim((e.sent.start_char, e.sent.end_char), {e.text}, e.text)
        for e in doc.ents
        if e.label_ in ("PERSON", "ORG", "NORP", "GPE")
        and e.root.dep_ in ("nsubj", "nsubjpass")
        and e.root.head.lemma_ in verbs
    ]
    return claims, naive


def agrees(claim: Claim, gold: Gold) -> bool:
    """The gold cue lies in the claim's sentence, and the speakers agree (see the module doc)."""
    start, end = claim.sentence
    if not (start <= gold.cue[0] and gold.cue[1] <= end):
        return False
    if gold.kind == "pronoun":
        return True
    source = match_key(gold.source_text)
    words = set(re.findall(r"[\w’']+", source))
    return any(
        match_key(name).split()[-1:] and match_key(name).split()[-1] in words for name in claim.names if name
    )


def _miss(doc_id: str, gold: Gold, claims: list[Claim], text: str) -> str:
    """One missed attribution: its source, cue and sentence, and the speakers linkchart gave
    that sentence instead (``-`` when it made no claim there)."""
    if not text:
        return f"{doc_id}: {gold.source_text!r}"
    others = sorted(
        {c.speaker for c in claims if c.sentence[0] <= gold.cue[0] and gold.cue[1] <= c.sentence[1]}
    )
    start = max(text.rfind("\n", 0, min(gold.cue[0], (gold.source or gold.cue)[0])) + 1, gold.cue[0] - 200)
    end = text.find("\n", gold.cue[1])
    end = min(len(text) if end == -1 else end, gold.cue[1] + 200)
    line = " ".join(text[start:end].split())
    cue = text[gold.cue[0] : gold.cue[1]]
    return f"{doc_id}: {gold.source_text!r} cue {cue!r} instead {others or '-'} | {line}"


def score(
    tally: Tally,
    claims: list[Claim],
    golds: list[Gold],
    doc_id: str,
    errors: bool,
    text: str = "",
    kind: str = "named",
) -> None:
    match = [[agrees(c, g) for g in golds] for c in claims]  # each pair compared once
    tally.predicted += len(claims)
    tally.correct += sum(any(row) for row in match)
    for j, g in enumerate(golds):
        tally.gold[g.kind] += 1
        if any(row[j] for row in match):
            tally.found[g.kind] += 1
        elif errors and g.kind == kind:
            tally.misses.append(_miss(doc_id, g, claims, text))


def articles(root: Path, split: str) -> list[tuple[str, Path, Path]]:
    """``(doc id, text file, first annotation file)`` of a split."""
    folder = root / "data" / split
    found = []
    for text in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            found.append((text.stem, text, anns[0]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="a local snapshot of the PolNeAR repository")
    parser.add_argument("--split", default="dev", help="dev (default) or train; test is refused")
    parser.add_argument("--limit", type=int, help="score the first N articles only")
    parser.add_argument("--errors", action="store_true", help="list missed named-source attributions")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--max-errors", type=int, default=200, help="how many misses --errors lists")
    parser.add_argument(
        "--kind", default="named", choices=("named", "pronoun", "unnamed"), help="which misses --errors lists"
    )
    args = parser.parse_args()
    if args.split not in SPLITS:
        parser.error("the test split is the project's hidden measure: score train or dev")
    found = articles(args.path, args.split)[: args.limit]
    if not found:
        parser.error(f"no articles under {args.path / 'data' / args.split}")
    from ner.pipeline import load_pipeline

    nlp = load_pipeline()
    mine, naive = Tally(), Tally()
    for doc_id, text_path, ann in found:
        text = text_path.read_text(encoding="utf-8")
        golds = read_gold(ann, text)
        claims, rule = predict(nlp, doc_id, text)
        score(mine, claims, golds, doc_id, args.errors, text, args.kind)
        score(naive, rule, golds, doc_id, False)
    rows = {"linkchart": mine.row(), "naive rule": naive.row()}
    if args.json:
        print(json.dumps({"split": args.split, "articles": len(found), **rows}, indent=2))
        return
    print(f"PolNeAR {args.split}: {len(found)} articles\n")
    keys = list(rows["linkchart"])
    print("| | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for name, row in rows.items():
        cells = [f"{v:.2f}" if isinstance(v, float) else f"{v:,}" for v in row.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")
    for miss in mine.misses[: args.max_errors]:
        print("MISSED", miss)


if __name__ == "__main__":
    main()
