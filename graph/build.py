"""Records → the two-layer graph described in :mod:`graph.schema`.

:func:`build_graph` reads each document's analysis once (linear in documents):
it resolves entities across documents, adds a co-mention edge for every pair
of entities named in one sentence and an assertion edge from every speaker to
every entity their statement mentions, each edge keeping its evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from graph.resolve import merge_entities
from graph.schema import ASSERTION, CO_MENTION
from ner.cleanup import INTERNAL_POSSESSIVE, strip_leading_article, tidy
from ner.records import DocumentAnalysis


def _evidence(doc_id: str, documents: dict, sent_index: int, sentence: str) -> dict:
    meta = documents.get(doc_id, {})
    return {
        "document": doc_id,
        "title": meta.get("title") or doc_id,
        "outlet": meta.get("outlet") or "",
        "sentence": sentence,
        "sent_index": sent_index,
    }


def _finish_edge(data: dict) -> None:
    """Derive weight, documents, outlets and corroboration from the evidence list."""
    evidence = data["evidence"]
    data["documents"] = sorted({e["document"] for e in evidence})
    data["outlets"] = sorted({e["outlet"] for e in evidence if e["outlet"]})
    data["corroboration"] = len(data["documents"])
    if data["layer"] == CO_MENTION:
        data["weight"] = len({(e["document"], e["sent_index"]) for e in evidence})
    else:
        data["weight"] = len(evidence)
        verbs = Counter(e["verb"] for e in evidence)
        stances = Counter(e["stance"] for e in evidence)
        data["verb"], data["stance"] = verbs.most_common(1)[0][0], stances.most_common(1)[0][0]
        data["verbs"], data["stances"] = sorted(verbs), sorted(stances)
        data["quotes"] = list(dict.fromkeys(e["quote"] for e in evidence))


def build_graph(
    analyses: Iterable[DocumentAnalysis], documents: dict[str, dict]
) -> tuple[nx.MultiDiGraph, list[dict]]:
    """Build the co-mention and assertion graph from per-document analyses.

    Parameters
    ----------
    analyses : iterable of DocumentAnalysis
        One per document, as produced by :func:`ner.pipeline.analyze`.
    documents : dict
        ``{doc_id: {"title", "outlet", ...}}`` metadata, copied into
        ``G.graph["documents"]`` and into every piece of evidence.

    Returns
    -------
    (G, claims)
        The graph, and every assertion as a claim record with resolved
        ``speaker_id``/``target_ids`` (including claims that name no target).

    Examples
    --------
    >>> G, claims = build_graph([], {})
    >>> G.number_of_nodes(), claims
    (0, [])
    """
    analyses = list(analyses)
    local: dict[tuple[str, str], tuple[str, int]] = {}
    counts: Counter = Counter()
    for a in analyses:
        for m in a.mentions:
            if m.key:
                counts[(a.doc_id, m.key)] += 1
        for key, kind in a.entity_types.items():
            local[(a.doc_id, key)] = (kind, counts[(a.doc_id, key)] or 1)
    ids = merge_entities(local)

    G = nx.MultiDiGraph(documents=documents)
    nodes: dict[str, dict] = defaultdict(
        lambda: {"aliases": set(), "mentions": 0, "documents": set(), "roles": Counter(), "names": Counter()}
    )
    edges: dict[tuple[str, str, str], dict] = {}
    claims: list[dict] = []
    for a in analyses:
        by_sentence: dict[int, set[str]] = defaultdict(set)
        for m in a.mentions:
            if not m.key:
                continue
            node = ids[(a.doc_id, m.key)]
            info = nodes[node]
            info["names"][m.key] += 1
            surface = strip_leading_article(tidy(m.text))
            info["aliases"].add(m.name)
            if not INTERNAL_POSSESSIVE.search(surface):
                info["aliases"].add(surface)  # "CSIS", "Consul General Han"; not "Trudeau’s Liberals"
            info["mentions"] += 1
            info["documents"].add(a.doc_id)
            if m.role:
                info["roles"][m.role] += 1
            by_sentence[m.sent_index].add(node)
        for sent_index, members in sorted(by_sentence.items()):
            evidence = _evidence(a.doc_id, documents, sent_index, a.sentence_text(sent_index))
            for u, v in combinations(sorted(members), 2):
                edge = edges.setdefault((u, v, CO_MENTION), {"layer": CO_MENTION, "evidence": []})
                edge["evidence"].append(evidence)
        for assertion in a.assertions:
            speaker = ids.get((a.doc_id, assertion.speaker))
            if speaker is None:
                continue
            targets = [ids[(a.doc_id, t)] for t in assertion.targets if (a.doc_id, t) in ids]
            targets = [t for t in dict.fromkeys(targets) if t != speaker]
            evidence = {
                **_evidence(a.doc_id, documents, assertion.sent_index, assertion.sentence),
                "quote": assertion.quote,
                "verb": assertion.verb,
                "stance": assertion.stance,
            }
            for target in targets:
                edge = edges.setdefault((speaker, target, ASSERTION), {"layer": ASSERTION, "evidence": []})
                edge["evidence"].append(evidence)
            claims.append(
                {
                    **evidence,
                    "speaker_id": speaker,
                    "target_ids": targets,
                    "kind": assertion.kind,
                    "affiliation_id": ids.get((a.doc_id, assertion.affiliation or "")),
                }
            )

    for node, info in nodes.items():
        label = max(info["names"].items(), key=lambda kv: (kv[1], len(kv[0].split()), kv[0]))[0]
        G.add_node(
            node,
            label=label,
            type=node.split(":", 1)[0],
            aliases=sorted(a for a in info["aliases"] if a and a != label),
            mentions=info["mentions"],
            documents=sorted(info["documents"]),
            roles=[r for r, _ in info["roles"].most_common()],
        )
    for (u, v, layer), data in edges.items():
        _finish_edge(data)
        G.add_edge(u, v, key=layer, **data)
    return G, claims
