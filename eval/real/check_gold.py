"""Check a real-set gold folder against its articles; print one line per problem.

Usage::

    python eval/real/check_gold.py eval/real/dev            # every story
    python eval/real/check_gold.py eval/real/dev wirecard   # one story
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

TYPES = {"person", "agency", "outlet", "organization", "platform", "place"}
KINDS = {"named", "unnamed", "group"}
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def fold(text: str) -> str:
    """Quotes and whitespace folded, so a form matches however it was typed."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def body_of(text: str) -> str:
    """The article after its front matter (whose title repeats the headline line)."""
    meta = FRONT.match(text)
    return text[meta.end() :] if meta else text


def check_story(split: Path, story: str) -> list[str]:
    """Problems with one story's gold."""
    problems = []
    gold = split / "gold" / story
    texts = {p.stem: p.read_text("utf-8") for p in (split / "articles").glob(f"{story}--*.txt")}
    if not texts:
        return [f"{story}: no articles named {story}--*.txt"]
    for stem, text in texts.items():
        meta = FRONT.match(text)
        if not meta or not all(f"{k}:" in meta.group(1) for k in ("title", "outlet", "url")):
            problems.append(f"{stem}: front matter needs title, outlet and url")
    entities = json.loads((gold / "seeds.json").read_text("utf-8"))["entities"]
    names = {e["name"] for e in entities}
    for e in entities:
        if e["type"] not in TYPES:
            problems.append(f"{story}: {e['name']}: type {e['type']!r}")
        for doc in e["documents"]:
            if doc not in texts:
                problems.append(f"{story}: {e['name']}: no document {doc}")
        body = " ".join(fold(texts[d]) for d in e["documents"] if d in texts)
        for form in [e["name"], *e.get("aliases", [])]:
            if fold(form) not in body:
                problems.append(f"{story}: {e['name']}: form {form!r} not in its documents")
    claims = json.loads((gold / "assertions.json").read_text("utf-8"))["assertions"]
    for a in claims:
        where = f"{story}: claim {a.get('cue', '')[:40]!r}"
        if a.get("document") not in texts:
            problems.append(f"{where}: no document {a.get('document')}")
            continue
        if fold(body_of(texts[a["document"]])).count(fold(a["cue"])) != 1:
            problems.append(f"{where}: cue does not occur exactly once in the body")
        kind = a.get("speaker_kind")
        if kind not in KINDS:
            problems.append(f"{where}: speaker_kind {kind!r}")
        if kind == "named" and a["speaker"] not in names:
            problems.append(f"{where}: speaker {a['speaker']!r} is not a listed entity")
        for t in a.get("targets", []):
            if t not in names:
                problems.append(f"{where}: target {t!r} is not a listed entity")
    return problems


def main(argv: list[str]) -> int:
    """Check the stories named (default: all) in the split folder ``argv[0]``."""
    split = Path(argv[0])
    stories = argv[1:] or sorted(p.name for p in (split / "gold").iterdir() if p.is_dir())
    problems = [p for s in stories for p in check_story(split, s)]
    for p in problems:
        print(p)
    print(f"{len(stories)} stories, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
