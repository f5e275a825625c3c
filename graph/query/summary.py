"""What the graph holds: per-source contributions and overall statistics."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from graph.query.paths import evidence_view
from graph.query.shortest import neighbour_counts
from graph.schema import LAYERS

#: Above this many nodes, betweenness is estimated from this many sampled sources.
BETWEENNESS_SAMPLE = 500


def source_contributions(G: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """What each document and each outlet contributes to the graph.

    Returns
    -------
    (documents, outlets)
        ``documents``: one dict per document with ``id``, ``title``, ``outlet``,
        ``entities``, ``co_mentions``, ``assertions`` and ``sole_source_links``
        (links no other document backs). ``outlets``: one dict per outlet with
        ``outlet``, ``documents``, ``links`` and ``sole_source_links``.
    """
    docs_meta = G.graph.get("documents", {})
    entities: Counter = Counter()
    for _, data in G.nodes(data=True):
        entities.update(data.get("documents", []))
    outlet_of = {doc_id: meta.get("outlet") or "" for doc_id, meta in docs_meta.items()}
    per_doc: dict[str, Counter] = defaultdict(Counter)
    per_outlet: dict[str, Counter] = defaultdict(Counter)
    for _, _, layer, data in G.edges(keys=True, data=True):
        if layer not in LAYERS:
            continue  # the co-mention windows are a reading aid, not what a source contributes
        documents = data.get("documents", [])
        for doc in documents:
            per_doc[doc]["assertions" if layer == "assertion" else "co_mentions"] += 1
        if len(documents) == 1:
            per_doc[documents[0]]["sole_source_links"] += 1
        outlets = {outlet_of.get(doc, "") for doc in documents}
        for outlet in outlets:
            per_outlet[outlet]["links"] += 1
        if len(outlets) == 1:
            per_outlet[next(iter(outlets))]["sole_source_links"] += 1
    documents = [
        {
            "id": doc_id,
            "title": meta.get("title") or doc_id,
            "outlet": meta.get("outlet") or "",
            "entities": entities[doc_id],
            "co_mentions": per_doc[doc_id]["co_mentions"],
            "assertions": per_doc[doc_id]["assertions"],
            "sole_source_links": per_doc[doc_id]["sole_source_links"],
        }
        for doc_id, meta in sorted(docs_meta.items())
    ]
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for doc_id, outlet in outlet_of.items():
        by_outlet[outlet].append(doc_id)
    outlets = [
        {
            "outlet": outlet or "(unknown)",
            "documents": len(doc_ids),
            "links": per_outlet[outlet]["links"],
            "sole_source_links": per_outlet[outlet]["sole_source_links"],
        }
        for outlet, doc_ids in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    return documents, outlets


def graph_statistics(G: nx.MultiDiGraph, *, top: int = 10) -> dict:
    """Counts, connected components and the most central entities.

    Centrality is computed on the undirected view of both layers: degree
    (distinct neighbours, each counting at most 1: a neighbour named with it only in
    list sentences counts the list's share, so one list makes no hub) and betweenness
    (sampled above :data:`BETWEENNESS_SAMPLE` nodes, with a fixed seed).
    """
    H = evidence_view(G)
    components = sorted((len(c) for c in nx.connected_components(H)), reverse=True)
    n = H.number_of_nodes()
    k = BETWEENNESS_SAMPLE if n > BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(H, k=k, seed=0) if n else {}
    weights = ((u, v, link.get("weight", 1)) for u, v, d in H.edges(data=True) for link in d["links"])

    def ranked(scores: dict) -> list[dict]:
        best = sorted(scores.items(), key=lambda kv: (-kv[1], G.nodes[kv[0]]["label"]))[:top]
        return [
            {
                "id": node,
                "name": G.nodes[node]["label"],
                "type": G.nodes[node]["type"],
                "score": round(score, 4),
            }
            for node, score in best
        ]

    by_layer = Counter(k for _, _, k in G.edges(keys=True))
    return {
        "documents": len(G.graph.get("documents", {})),
        "entities": n,
        "entities_by_type": dict(Counter(d["type"] for _, d in G.nodes(data=True)).most_common()),
        "links": sum(by_layer[layer] for layer in LAYERS),
        "links_by_layer": {k: v for k, v in by_layer.most_common() if k in LAYERS},
        "window_links_by_layer": {k: v for k, v in by_layer.most_common() if k not in LAYERS},
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "isolated_entities": sum(1 for size in components if size == 1),
        "by_degree": ranked(neighbour_counts(weights)),
        "by_betweenness": ranked(betweenness),
    }
