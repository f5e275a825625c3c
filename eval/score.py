"""Score linkchart's entities and assertions against a gold file; print tables.

Usage::

    python eval/score.py                      # build the seeds into a temp store, score
    python eval/score.py --db linkchart.db    # score an existing store
    python eval/score.py --json               # machine-readable figures

Entities: a predicted node matches the gold entity that shares the most names
with it (label and aliases, compared case-, accent-, quote- and
whitespace-insensitively). Per scored type, a node is a true positive if it
is the first node matched to a gold entity of the same type; a further node
for the same entity is a *split*; a node whose names belong to two gold
entities is a *wrong merge*. Places are not scored.

Assertions: a predicted claim matches a gold attribution when they are in the
same document, the speaker is the same gold entity, and the gold cue lies in
the claim's sentence or quote. Edges are scored as (speaker, target, document)
triples. Speaker accuracy: of the claims whose sentence or quote holds a gold
cue of their document, the share whose speaker is that attribution's speaker.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph.aggregate import distinctive  # noqa: E402
from graph.store import Store  # noqa: E402
from ner.cleanup import match_key  # noqa: E402

REAL = REPO / "eval" / "real"
#: The real check splits (eval/real/README.md): each scored blind once, then a dev set.
CHECK_SPLITS = ("check", *(f"check{n}" for n in range(2, 10)))
#: Evaluation sets: articles and gold annotations.
SETS = {
    "seeds": (REPO / "seeds", REPO / "eval" / "gold"),
    "dev": (REPO / "eval" / "dev" / "articles", REPO / "eval" / "dev" / "gold"),
    "real-dev": (REAL / "dev" / "articles", REAL / "dev" / "gold"),
    "real-test": (REAL / "test" / "articles", REAL / "test" / "gold"),
    **{f"real-{split}": (REAL / split / "articles", REAL / split / "gold") for split in CHECK_SPLITS},
}
#: Organisation-like gold types that must never be typed person among a story's top entities.
NOT_PEOPLE = ("agency", "outlet", "organization", "platform")
#: How many of a story's most mentioned entities the "organisation typed person" check reads.
TOP_OF_STORY = 20
SCORED_TYPES = ("person", "agency", "outlet", "organization", "platform")
#: The row that scores entities whatever their type (any scored type against any scored gold type).
UNTYPED = "untyped"
SILENT = ("Meng Wanzhou", "Michael Spavor", "Xi Jinping")


def norm(text: str) -> str:
    """Whitespace- and quote-folded match key (non-breaking spaces included)."""
    return match_key(re.sub(r"\s+", " ", text.replace("\u00a0", " ")))


def cue_found(cue: str, where: str) -> bool:
    """The gold cue, or a piece of it of three words or more, lies in ``where``.

    A cue may run across a sentence end or a closing quotation mark
    ("he added. “And one does wonder why"); each piece is tried.
    """
    if norm(cue) in where:
        return True
    pieces = re.split(r"[.“”\"‘’:;]\s*", cue)
    return any(len(p.split()) >= 3 and norm(p) in where for p in pieces)


def _gold_index(gold: list[dict]) -> dict[str, set[int]]:
    index: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(gold):
        for name in [g["name"], *g.get("aliases", [])]:
            index[norm(name)].add(i)
    return index


def match_nodes(nodes: list[dict], gold: list[dict]) -> dict[str, int | None]:
    """Map node id → index of the gold entity it stands for (or None)."""
    index = _gold_index(gold)
    found: dict[str, int | None] = {}
    for node in nodes:
        votes: Counter = Counter()
        for name in [node["name"], *node["aliases"]]:
            for i in index.get(norm(name), ()):
                votes[i] += 2 if name == node["name"] else 1
        found[node["id"]] = votes.most_common(1)[0][0] if votes else None
    return found


def score_entities(nodes: list[dict], gold: list[dict]) -> dict:
    """Per-type precision, recall, F1, splits and wrong merges."""
    gold = [g for g in gold if g.get("scored", True) and g["type"] in SCORED_TYPES]
    index = _gold_index(gold)
    matched = match_nodes(nodes, gold)
    table: dict[str, dict] = {}
    wrong_merges = []
    for node in nodes:  # a name two gold entities share ("Parliament") is no evidence of a merge
        names = [node["name"], *node["aliases"]]
        owners = {i for name in names if len(index.get(norm(name), ())) == 1 for i in index[norm(name)]}
        if len(owners) > 1:
            wrong_merges.append((node["name"], sorted(gold[i]["name"] for i in owners)))
    for kind in (*SCORED_TYPES, UNTYPED):
        mine = sorted(
            (n for n in nodes if n["type"] == kind or (kind == UNTYPED and n["type"] in SCORED_TYPES)),
            key=lambda n: -n["mentions"],
        )
        taken: set[int] = set()
        tp = splits = 0
        false_pos: list[str] = []
        split_names: list[str] = []
        for n in mine:
            g = matched[n["id"]]
            if g is not None and (gold[g]["type"] == kind or kind == UNTYPED):
                if g in taken:
                    splits += 1
                    split_names.append(f"{n['name']} (of {gold[g]['name']})")
                else:
                    taken.add(g)
                    tp += 1
            else:
                false_pos.append(n["name"])
        n_gold = sum(1 for g in gold if g["type"] == kind or kind == UNTYPED)
        p = tp / len(mine) if mine else 0.0
        r = tp / n_gold if n_gold else 0.0
        missed = [
            g["name"] for i, g in enumerate(gold) if (g["type"] == kind or kind == UNTYPED) and i not in taken
        ]
        table[kind] = {
            "gold": n_gold,
            "predicted": len(mine),
            "tp": tp,
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "splits": splits,
            "split_nodes": split_names,
            "false_positives": false_pos,
            "missed": missed,
        }
    return {"types": table, "wrong_merges": wrong_merges}


def score_assertions(
    claims: list[dict], nodes: list[dict], gold_entities: list[dict], gold: list[dict]
) -> dict:
    """Attribution-level and edge-level precision and recall."""
    matched = match_nodes(nodes, gold_entities)
    name_of = {
        n["id"]: gold_entities[matched[n["id"]]]["name"] if matched[n["id"]] is not None else None
        for n in nodes
    }
    gold_by_doc: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for i, g in enumerate(gold):
        gold_by_doc[g["document"]].append((i, g))
    hit_gold: set[int] = set()
    correct = located = 0
    wrong = []
    for c in claims:
        speaker = name_of.get(c["speaker_id"])
        where = norm(c["sentence"] + " " + c["quote"])
        ok = found = False
        for i, g in gold_by_doc.get(c["document"], []):
            if cue_found(g["cue"], where):
                found = True
                if g["speaker"] == speaker:
                    hit_gold.add(i)
                    ok = True
        correct += ok
        located += found
        if not ok:
            wrong.append(
                f"{c['document'][:3]} {speaker or c['speaker_id']} {c['verb']}: {c['sentence'][:70]}"
            )
    predicted_edges = {
        (name_of.get(c["speaker_id"]), name_of.get(t), c["document"]) for c in claims for t in c["target_ids"]
    }
    gold_edges = {(g["speaker"], t, g["document"]) for g in gold for t in g["targets"]}
    edge_tp = len(predicted_edges & gold_edges)
    speakers_by_doc = {(g["document"], g["speaker"]) for g in gold}
    silent = sorted(
        {
            f"{name_of.get(c['speaker_id'])} in {c['document'][:3]}"
            for c in claims
            if name_of.get(c["speaker_id"]) in SILENT
            or (
                name_of.get(c["speaker_id"])
                and (c["document"], name_of.get(c["speaker_id"])) not in speakers_by_doc
                and any(
                    g["name"] == name_of.get(c["speaker_id"]) and g["type"] == "person" for g in gold_entities
                )
            )
        }
    )
    return {
        "attributions": {
            "gold": len(gold),
            "predicted": len(claims),
            "correct": correct,
            "precision": correct / len(claims) if claims else 0.0,
            "recall": len(hit_gold) / len(gold) if gold else 0.0,
        },
        "edges": {
            "gold": len(gold_edges),
            "predicted": len(predicted_edges),
            "tp": edge_tp,
            "precision": edge_tp / len(predicted_edges) if predicted_edges else 0.0,
            "recall": edge_tp / len(gold_edges) if gold_edges else 0.0,
        },
        "speakers": {
            "matched": located,
            "right": correct,
            "accuracy": correct / located if located else 0.0,
        },
        "silent_speakers": silent,
        "wrong": wrong,
        "missed": [
            f"{g['document'][:3]} {g['speaker']} {g['verb']}: {g['cue']}"
            for i, g in enumerate(gold)
            if i not in hit_gold
        ],
    }


def score_unnamed(claims: list[dict], gold: list[dict]) -> dict:
    """Claims by sources the text does not name (``speaker_kind`` unnamed or group) against the
    gold ones: a claim is right when a gold attribution of its document by such a source has its
    cue in the claim's sentence or quote; ``kind agrees``: how many of those also agree on the kind."""
    by_doc: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for i, g in enumerate(gold):
        by_doc[g["document"]].append((i, g))
    hit: set[int] = set()
    correct = agree = 0
    for c in claims:
        where = norm(c["sentence"] + " " + c["quote"])
        found = [(i, g) for i, g in by_doc.get(c["document"], []) if cue_found(g["cue"], where)]
        hit |= {i for i, _ in found}
        correct += bool(found)
        agree += any(g["speaker_kind"] == c.get("speaker_kind") for _, g in found)
    return {
        "gold": len(gold),
        "predicted": len(claims),
        "correct": correct,
        "kind_agrees": agree,
        "precision": correct / len(claims) if claims else 0.0,
        "recall": len(hit) / len(gold) if gold else 0.0,
    }


def load_gold(folder: Path) -> tuple[list[dict], list[dict]]:
    """Gold entities and attributions of a folder: its own files, or one subfolder per story.

    Entities of several stories of the same type that share their name, or a name of several
    words or an acronym ("AP" named in one story, an alias of "Associated Press" in another), are
    one entity; a single common word ("Parliament") is no evidence across stories.
    """
    folders = [folder]
    if not (folder / "seeds.json").exists():
        folders = sorted(p for p in folder.iterdir() if p.is_dir())
    found: list[dict] = []
    assertions: list[dict] = []
    for f in folders:
        found += json.loads((f / "seeds.json").read_text("utf-8"))["entities"]
        assertions += json.loads((f / "assertions.json").read_text("utf-8"))["assertions"]
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    for i, e in enumerate(found):
        for name in [e["name"], *e.get("aliases", [])]:
            if name != e["name"] and not distinctive(name):
                continue
            key = (norm(name), e["type"])
            if key in owner:
                a, b = sorted((root(owner[key]), root(i)))
                parent[b] = a
            else:
                owner[key] = i
    entities: dict[int, dict] = {}
    for i, e in enumerate(found):
        known = entities.setdefault(root(i), {**found[root(i)], "aliases": [], "documents": []})
        names = {e["name"], *e.get("aliases", [])} - {known["name"]}
        known["aliases"] = sorted({*known["aliases"], *names})
        known["documents"] = sorted({*known["documents"], *e.get("documents", [])})
    return list(entities.values()), assertions


def organisations_as_people(nodes: list[dict], gold: list[dict]) -> list[str]:
    """Organisation-like entities typed person among each story's most mentioned entities.

    A story is the part of a document id before ``--`` (the whole id when there is none).
    """
    matched = match_nodes(nodes, gold)
    stories: dict[str, list[dict]] = defaultdict(list)
    for node in nodes:
        for story in {d.split("--")[0] for d in node.get("documents", [])}:
            stories[story].append(node)
    found = []
    for story, members in sorted(stories.items()):
        for node in sorted(members, key=lambda n: -n["mentions"])[:TOP_OF_STORY]:
            g = matched[node["id"]]
            if node["type"] == "person" and g is not None and gold[g]["type"] in NOT_PEOPLE:
                found.append(f"{story}: {node['name']} ({gold[g]['type']})")
    return found


def load_store(db: Path) -> tuple[list[dict], list[dict]]:
    """Entities (public JSON shape) and claims from a store."""
    with Store(db) as store:
        G = store.graph.load()
        claims = store.reads.claims()
    nodes = [
        {
            "id": n,
            "name": d["label"],
            "type": d["type"],
            "aliases": d.get("aliases", []),
            "mentions": d.get("mentions", 0),
            "documents": d.get("documents", []),
        }
        for n, d in G.nodes(data=True)
    ]
    return nodes, claims


def build_seeds(db: Path, corpus: Path) -> None:
    """Build ``corpus`` into ``db`` with the library (same code path as the CLI)."""
    from linkchart.pipeline import build

    build([corpus], db)


def main(argv: list[str] | None = None) -> int:
    """Entry point: print the tables (or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="score this store instead of building the corpus")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="seeds",
        help="seeds; dev (synthetic); real-dev / real-check[2-9] / real-test (eval/real/)",
    )
    parser.add_argument("--corpus", type=Path, help="articles to build (default: the set's)")
    parser.add_argument("--gold", type=Path, help="gold folder (default: the set's)")
    parser.add_argument(
        "--baseline", action="store_true", help="score raw en_core_web_sm labels instead (entities only)"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list false positives and misses")
    args = parser.parse_args(argv)
    args.corpus = args.corpus or SETS[args.set][0]
    args.gold = args.gold or SETS[args.set][1]
    db = args.db
    if args.baseline:
        from eval.baseline import raw_entities

        nodes, claims = raw_entities(args.corpus), []
    else:
        if db is None:
            db = Path(tempfile.mkdtemp()) / "eval.db"
            build_seeds(db, args.corpus)
        nodes, claims = load_store(db)
    gold_entities, all_gold = load_gold(args.gold)
    gold_assertions = [g for g in all_gold if g.get("speaker_kind", "named") == "named"]
    named = [c for c in claims if c.get("speaker_kind", "named") == "named"]
    entities = score_entities(nodes, gold_entities)
    entities["organisations_as_people"] = organisations_as_people(nodes, gold_entities)
    assertions = score_assertions(named, nodes, gold_entities, gold_assertions)
    assertions["unnamed"] = score_unnamed(
        [c for c in claims if c.get("speaker_kind", "named") != "named"],
        [g for g in all_gold if g.get("speaker_kind", "named") != "named"],
    )
    if args.json:
        print(json.dumps({"entities": entities, "assertions": assertions}, indent=2, ensure_ascii=False))
        return 0
    print("| type | gold | predicted | precision | recall | F1 | splits |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, row in entities["types"].items():
        print(
            f"| {kind} | {row['gold']} | {row['predicted']} | {row['precision']:.2f} | "
            f"{row['recall']:.2f} | {row['f1']:.2f} | {row['splits']} |"
        )
    print(f"\nwrong merges: {len(entities['wrong_merges'])}")
    print(
        f"organisations typed person among a story's {TOP_OF_STORY} most mentioned: "
        f"{len(entities['organisations_as_people'])}"
    )
    a, e = assertions["attributions"], assertions["edges"]
    print("\n| assertions | gold | predicted | precision | recall |")
    print("|---|---:|---:|---:|---:|")
    u = assertions["unnamed"]
    rows = (
        ("attributions (speaker + sentence)", a),
        ("edges (speaker, target, document)", e),
        ("unnamed and group sources (sentence)", u),
    )
    for name, row in rows:
        figures = f"{row['gold']} | {row['predicted']} | {row['precision']:.2f} | {row['recall']:.2f}"
        print(f"| {name} | {figures} |")
    sp = assertions["speakers"]
    print(
        f"\nspeaker accuracy on claims that match a gold attribution: {sp['accuracy']:.2f} "
        f"({sp['right']} of {sp['matched']})"
    )
    print(f"non-speakers shown as speakers: {len(assertions['silent_speakers'])}")
    if args.errors:
        for m in entities["wrong_merges"]:
            print("WRONG MERGE", m)
        for m in entities["organisations_as_people"]:
            print("ORG AS PERSON", m)
        for kind, row in entities["types"].items():
            print(f"FP {kind}: {row['false_positives']}")
            print(f"SPLIT {kind}: {row['split_nodes']}")
            print(f"MISSED {kind}: {row['missed']}")
        for line in assertions["silent_speakers"]:
            print("SILENT", line)
        for line in assertions["wrong"]:
            print("WRONG", line)
        for line in assertions["missed"]:
            print("MISSED", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
