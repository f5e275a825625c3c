"""Deterministic synthetic data for the benchmarks: article corpora and linkchart graphs.

Corpora are the bundled seed articles varied so that no two documents are identical:
people are renamed (full names and surnames, consistently within a document, from a
pool that makes names recur across documents so entities merge and paths exist),
common words are swapped for synonyms, sentences inside paragraphs and neighbouring
paragraphs are shuffled, and a few paragraphs are dropped. Reporting verbs, agencies,
outlets and places are left alone so the extractors have the same kind of work to do
as on the seeds. The same ``(n, seed)`` always gives the same texts.

Graphs follow :mod:`graph.schema` (node and edge attributes, co-mention edges stored
from the smaller id to the larger, assertion edges speaker → target) with a skewed
degree distribution, so a few hubs have many links like "Canada" in real data.

Usage as a script: ``python bench/synthetic.py corpus OUT_DIR N`` writes N ``.txt`` files.
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
from collections import Counter
from itertools import accumulate
from pathlib import Path

import networkx as nx

from graph.resolve import slug
from graph.schema import ASSERTION, CO_MENTION, STANCES
from linkchart.corpus import default_corpus, load_corpus

# -- corpora --------------------------------------------------------------------------------
#: People named in the seeds, as (full name, surname alias used alone in the text).
SEED_PEOPLE = (
    ("Meng Wanzhou", "Wanzhou"),
    ("Chrystia Freeland", "Freeland"),
    ("Donald Trump", "Trump"),
    ("John Bolton", "Bolton"),
    ("Michael Chong", "Chong"),
    ("Justin Trudeau", "Trudeau"),
    ("Michael Kovrig", "Kovrig"),
    ("Michael Spavor", "Spavor"),
    ("Charles Burton", "Burton"),
    ("Eric Balsam", "Balsam"),
    ("Xi Jinping", None),
    ("Bill Majcher", "Majcher"),
    ("Jean Chrétien", "Chrétien"),
    ("Dominic Barton", "Barton"),
    ("Erin O’Toole", "O’Toole"),
    ("Joe Biden", "Biden"),
    ("Barack Obama", "Obama"),
    ("Han Dong", "Dong"),
    ("Alison Murphy", "Murphy"),
    ("Aidan Jonah", "Jonah"),
    ("Dimitri Lascaris", None),
    ("Mark Carney", None),
    ("Ken Stone", None),
    ("Kenny Chiu", None),
    ("Sam Cooper", None),
    ("Dominic LeBlanc", None),
    ("Katie Telford", None),
    ("Michael Tansey", None),
    ("John McCallum", None),
    ("Wenran Jiang", None),
    ("Bill Blair", None),
    ("Rob Stewart", None),
    ("Fen Hampson", None),
    ("Robert Schellenberg", None),
)
GIVEN_NAMES = (
    "Adrian",
    "Beatrice",
    "Caleb",
    "Daria",
    "Elliot",
    "Fiona",
    "Gareth",
    "Helena",
    "Ivan",
    "Julia",
    "Kieran",
    "Leona",
    "Marcus",
    "Nadia",
    "Oscar",
    "Priya",
    "Quentin",
    "Rosa",
    "Stefan",
    "Tamsin",
    "Ulrich",
    "Vera",
    "Wesley",
    "Yasmin",
    "Zoran",
    "Amelie",
    "Bruno",
    "Celine",
    "Dmitri",
    "Elena",
    "Felix",
    "Greta",
    "Hugo",
    "Ingrid",
    "Jonas",
    "Katya",
    "Lukas",
    "Mirela",
    "Nils",
    "Olga",
)
SURNAMES = (
    "Abernathy",
    "Bellweather",
    "Castellano",
    "Drummond",
    "Eckhart",
    "Fairbanks",
    "Galloway",
    "Halvorsen",
    "Ingersoll",
    "Jablonski",
    "Kavanagh",
    "Lindqvist",
    "Marchetti",
    "Northcott",
    "Okonkwo",
    "Pemberton",
    "Quarles",
    "Rasmussen",
    "Sandoval",
    "Thackeray",
    "Underhill",
    "Valdivia",
    "Whitcombe",
    "Yarborough",
    "Zeller",
    "Ashworth",
    "Brannigan",
    "Cartwright",
    "Delacroix",
    "Ellsworth",
    "Fitzgerald",
    "Grimaldi",
    "Holloway",
    "Iverson",
    "Jorgensen",
    "Kowalczyk",
    "Lockhart",
    "Montague",
    "Nakamura",
    "Oyelaran",
    "Prendergast",
    "Radcliffe",
    "Stavros",
    "Tremblay",
    "Vasquez",
    "Wainwright",
    "Yamamoto",
    "Zielinski",
)
#: Word swaps (both directions are used); none touches a reporting verb or a name.
SYNONYMS = (
    ("government", "administration"),
    ("country", "nation"),
    ("important", "significant"),
    ("large", "big"),
    ("documents", "records"),
    ("officials", "authorities"),
    ("secret", "covert"),
    ("meeting", "session"),
    ("recent", "latest"),
    ("people", "citizens"),
    ("major", "key"),
    ("campaign", "drive"),
    ("public", "general"),
    ("issue", "matter"),
    ("help", "assist"),
    ("however", "still"),
    ("also", "additionally"),
    ("early", "initial"),
    ("many", "numerous"),
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def _seed_texts() -> list[str]:
    return [d.text for d in load_corpus([default_corpus()])]


def _people_pattern() -> tuple[re.Pattern, dict[str, int]]:
    """One regex matching every seed full name or surname alias, mapped to the person's index."""
    index: dict[str, int] = {}
    for i, (full, alias) in enumerate(SEED_PEOPLE):
        index[full] = i
        if alias:
            index[alias] = i
    names = sorted(index, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b"), index


def _synonym_pattern() -> tuple[re.Pattern, dict[str, str]]:
    table = {}
    for a, b in SYNONYMS:
        table[a], table[b] = b, a
    return re.compile(r"\b(" + "|".join(sorted(table, key=len, reverse=True)) + r")\b"), table


def vary(text: str, rng: random.Random, name_pool: int) -> str:
    """One variant of a seed text (see the module docstring)."""
    people, person_index = _people_pattern()
    words, synonyms = _synonym_pattern()
    renamed: dict[int, tuple[str, str]] = {}

    def new_name(i: int) -> tuple[str, str]:
        if i not in renamed:
            k = rng.randrange(name_pool)
            given = GIVEN_NAMES[k % len(GIVEN_NAMES)]
            surname = SURNAMES[(k // len(GIVEN_NAMES) + k) % len(SURNAMES)]
            renamed[i] = (f"{given} {surname}", surname)
        return renamed[i]

    keep = {i for i in range(len(SEED_PEOPLE)) if rng.random() < 0.3}  # some people stay as in the seeds

    def person(match: re.Match) -> str:
        i = person_index[match.group(1)]
        if i in keep:
            return match.group(1)
        full, surname = new_name(i)
        return full if match.group(1) == SEED_PEOPLE[i][0] else surname

    def synonym(match: re.Match) -> str:
        return synonyms[match.group(1)] if rng.random() < 0.5 else match.group(1)

    lines = [line for line in text.splitlines() if line.strip()]
    head, body = lines[:2], lines[2:]
    out_body = []
    for paragraph in body:
        if len(body) > 6 and rng.random() < 0.1:
            continue  # drop a paragraph
        sentences = _SENTENCE_SPLIT.split(paragraph)
        if len(sentences) > 2 and rng.random() < 0.3:
            first, rest = sentences[0], sentences[1:]
            rng.shuffle(rest)
            sentences = [first, *rest]
        out_body.append(" ".join(sentences))
    for i in range(len(out_body) - 1):
        if rng.random() < 0.15:
            out_body[i], out_body[i + 1] = out_body[i + 1], out_body[i]
    varied = "\n\n".join([*head, *out_body])
    varied = people.sub(person, varied)
    return words.sub(synonym, varied)


def synthetic_texts(n: int, *, seed: int = 0, max_paragraphs: int | None = None) -> list[tuple[str, str]]:
    """``n`` distinct ``(doc_id, text)`` pairs made by varying the seeds.

    ``max_paragraphs`` keeps only a random run of that many body paragraphs per
    document (short articles, for many-document runs).
    """
    seeds = _seed_texts()
    rng = random.Random(seed)
    pool = max(20, n // 2)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    i = 0
    while len(out) < n:
        text = seeds[i % len(seeds)]
        if max_paragraphs:
            lines = [line for line in text.splitlines() if line.strip()]
            start = rng.randrange(2, max(3, len(lines) - max_paragraphs))
            text = "\n".join(lines[:2] + lines[start : start + max_paragraphs])
        varied = vary(text, rng, pool)
        digest = hashlib.sha256(varied.encode()).hexdigest()
        i += 1
        if digest in seen:
            continue
        seen.add(digest)
        out.append((f"syn{len(out):05d}", varied))
    return out


def write_corpus(folder: Path, n: int, *, seed: int = 0, max_paragraphs: int | None = None) -> list[Path]:
    """Write ``n`` synthetic articles as ``folder/synNNNNN.txt``; returns the paths."""
    return write_texts(folder, synthetic_texts(n, seed=seed, max_paragraphs=max_paragraphs))


def write_texts(folder: Path, texts: list[tuple[str, str]]) -> list[Path]:
    """Write ``(doc_id, text)`` pairs as ``folder/<doc_id>.txt``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc_id, text in texts:
        path = folder / f"{doc_id}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def edit_text(text: str, seed: int = 1) -> str:
    """A small real edit: one paragraph's sentences reordered and one sentence appended."""
    rng = random.Random(seed)
    paragraphs = text.split("\n\n")
    i = rng.randrange(2, len(paragraphs)) if len(paragraphs) > 2 else len(paragraphs) - 1
    sentences = _SENTENCE_SPLIT.split(paragraphs[i])
    rng.shuffle(sentences)
    paragraphs[i] = " ".join(sentences)
    paragraphs.append("Adrian Abernathy said the Canadian Security Intelligence Service declined to comment.")
    return "\n\n".join(paragraphs)


# -- graphs ---------------------------------------------------------------------------------
#: Share of each entity type (roughly the seeds' mix).
TYPE_MIX = (
    ("person", 0.36),
    ("agency", 0.2),
    ("place", 0.16),
    ("organization", 0.13),
    ("outlet", 0.1),
    ("platform", 0.05),
)
_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "to",
    "vel",
    "dor",
    "an",
    "bri",
    "cos",
    "el",
    "fa",
    "gu",
    "ha",
    "is",
    "jo",
    "ku",
    "lin",
    "mor",
    "ne",
    "os",
    "pa",
    "qui",
    "ru",
    "sel",
    "ta",
    "ul",
    "vo",
    "wen",
    "xa",
    "yo",
)
VERBS = ("say", "claim", "report", "deny", "allege", "confirm", "warn", "assess")


def _word(i: int, parts: int = 3) -> str:
    syllables = []
    for _ in range(parts):
        syllables.append(_SYLLABLES[i % len(_SYLLABLES)])
        i //= len(_SYLLABLES)
    return "".join(syllables).capitalize()


def _label(kind: str, i: int) -> str:
    a, b = _word(i, 4), _word(i * 7919 + 13, 2)
    return {
        "person": f"{a} {b}",
        "agency": f"{a} {b} Agency",
        "place": f"{a}{b.lower()}",
        "organization": f"{a} {b} Institute",
        "outlet": f"The {a} {b} Times",
        "platform": f"{a}{b}Net",
    }[kind]


def sentence_pool(size: int = 2000) -> list[str]:
    """Real sentences from the seeds (evidence text for synthetic edges)."""
    sentences = []
    for text in _seed_texts():
        for line in text.splitlines():
            sentences.extend(s for s in _SENTENCE_SPLIT.split(line.strip()) if len(s.split()) > 5)
    return sentences[:size]


def synthetic_graph(
    n_nodes: int,
    n_edges: int,
    *,
    seed: int = 0,
    assertion_share: float = 0.2,
    evidence: str = "one",
    skew: float = 0.8,
) -> nx.MultiDiGraph:
    """A linkchart graph following :mod:`graph.schema` with about ``n_edges`` edges.

    ``evidence`` is ``"one"`` (one evidence dict per edge) or ``"seeds"`` (a
    geometric number per edge, mean ≈ 2 as in the seeds build). Endpoints are drawn
    with probability ∝ rank^-skew, so a few nodes are hubs.
    """
    rng = random.Random(seed)
    sentences = sentence_pool()
    n_docs = max(50, n_nodes // 10)
    outlets = [_label("outlet", i) for i in range(max(5, n_docs // 20))]
    documents = {}
    for d in range(n_docs):
        doc_id = f"doc{d:06d}"
        documents[doc_id] = {
            "title": sentences[d % len(sentences)][:90],
            "outlet": outlets[d % len(outlets)],
            "url": None,
            "date": None,
            "author": None,
            "path": f"/corpus/{doc_id}.txt",
            "n_tokens": 1500,
            "paths": [f"/corpus/{doc_id}.txt"],
        }
    doc_ids = list(documents)
    G = nx.MultiDiGraph(documents=documents)
    kinds = [k for k, _ in TYPE_MIX]
    cum = list(accumulate(w for _, w in TYPE_MIX))
    nodes = []
    for i in range(n_nodes):
        kind = rng.choices(kinds, cum_weights=cum)[0]
        label = _label(kind, i)
        node = f"{kind}:{slug(label)}-{i}"
        docs = sorted(rng.sample(doc_ids, k=min(len(doc_ids), 1 + int(rng.expovariate(1.0)))))
        aliases = [label.split()[-1]] if kind == "person" and rng.random() < 0.4 else []
        G.add_node(
            node,
            label=label,
            type=kind,
            aliases=aliases,
            mentions=len(docs) + rng.randrange(5),
            documents=docs,
            roles=[],
        )
        nodes.append(node)
    weights = list(accumulate((r + 1) ** -skew for r in range(n_nodes)))
    speakers = [n for n in nodes if not n.startswith("place:")]
    speaker_weights = list(accumulate((r + 1) ** -skew for r in range(len(speakers))))
    seen: set[tuple[str, str, str]] = set()
    attempts = 0
    while len(seen) < n_edges and attempts < n_edges * 3:
        attempts += 1
        if rng.random() < assertion_share:
            u = rng.choices(speakers, cum_weights=speaker_weights)[0]
            v = rng.choices(nodes, cum_weights=weights)[0]
            layer = ASSERTION
        else:
            u, v = sorted(rng.choices(nodes, cum_weights=weights, k=2))
            layer = CO_MENTION
        if u == v or (u, v, layer) in seen:
            continue
        seen.add((u, v, layer))
        count = 1 if evidence == "one" else min(20, 1 + int(rng.expovariate(0.7)))
        pieces = []
        for _ in range(count):
            doc = rng.choice(doc_ids)
            piece = {
                "document": doc,
                "title": documents[doc]["title"],
                "outlet": documents[doc]["outlet"],
                "sentence": rng.choice(sentences),
                "sent_index": rng.randrange(80),
            }
            if layer == ASSERTION:
                piece.update(
                    quote=rng.choice(sentences)[:120], verb=rng.choice(VERBS), stance=rng.choice(STANCES)
                )
            pieces.append(piece)
        data = {
            "layer": layer,
            "evidence": pieces,
            "documents": sorted({e["document"] for e in pieces}),
            "outlets": sorted({e["outlet"] for e in pieces}),
        }
        data["corroboration"] = len(data["documents"])
        data["weight"] = len(pieces)
        if layer == ASSERTION:
            data.update(
                verb=pieces[0]["verb"],
                stance=pieces[0]["stance"],
                verbs=sorted({e["verb"] for e in pieces}),
                stances=sorted({e["stance"] for e in pieces}),
                quotes=list(dict.fromkeys(e["quote"] for e in pieces)),
            )
        G.add_edge(u, v, key=layer, **data)
    return G


def query_endpoints(G: nx.MultiDiGraph) -> dict[str, str]:
    """Names for the query benchmarks, by role.

    ``busy``: a well-linked person (rank 2% by degree weight); ``rare``, ``rare2``: two weakly
    linked people (ranks 75% and 90%), so a path between them has to go through busy nodes;
    ``hub``: the most linked entity of all (the largest neighbourhood); ``outlet``: the most
    common outlet in the evidence. Path endpoints are people so that ``path`` neither starts nor
    ends at a place; whether a path exists is reported by the benchmark, not assumed.
    """
    people = [n for n in G.nodes if n.startswith("person:")]
    hub = max(G.nodes, key=G.degree)
    outlets = Counter(o for _, _, d in G.edges(data=True) for o in d["outlets"])
    return {
        "busy": G.nodes[people[len(people) // 50]]["label"],
        "rare": G.nodes[people[(len(people) * 3) // 4]]["label"],
        "rare2": G.nodes[people[(len(people) * 9) // 10]]["label"],
        "hub": G.nodes[hub]["label"],
        "hub_degree": str(G.degree(hub)),
        "outlet": outlets.most_common(1)[0][0],
    }


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "corpus":
        sys.exit("usage: python bench/synthetic.py corpus OUT_DIR N")
    written = write_corpus(Path(sys.argv[2]), int(sys.argv[3]))
    print(f"wrote {len(written)} articles to {sys.argv[2]}")
