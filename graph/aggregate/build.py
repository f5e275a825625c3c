"""Records → the two-layer graph described in :mod:`graph.schema`.

:func:`build_graph` reads each document's analysis once (linear in documents):
it resolves entities across documents, adds a co-mention edge for every pair
of entities named in one sentence and an assertion edge from every speaker to
every entity their statement mentions, each edge keeping its evidence (in
document-id order).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from graph.aggregate.contribution import LocalDoc, contribute, node_attributes, summarize
from graph.aggregate.evidence import finish_edge
from graph.resolve import Correction, Fixes, corrected_attributes, merge_all
from graph.schema import EdgeKey
from ner.records import DocumentAnalysis

if TYPE_CHECKING:
    import networkx as nx


def build_graph(
    analyses: Iterable[DocumentAnalysis], documents: dict[str, dict], corrections: Sequence[Correction] = ()
) -> tuple[nx.MultiDiGraph, list[dict]]:
    """Build the co-mention and assertion graph from per-document analyses.

    Analyses are read once, as a stream: each is reduced to what the graph
    needs (:func:`graph.aggregate.contribution.summarize`) while the corpus vocabulary is
    summed; the vocabulary is merged into nodes; then every document
    contributes its node shares, edge evidence and claims, in document-id
    order. :mod:`graph.store.delta` maintains the same graph by delta.

    Parameters
    ----------
    analyses : iterable of DocumentAnalysis
        One per document, as produced by :func:`ner.pipeline.analyze`.
    documents : dict
        ``{doc_id: {"title", "outlet", ...}}`` metadata, copied into
        ``G.graph["documents"]`` and into every piece of evidence.
    corrections : sequence of Correction, optional
        A user's corrections in force (:mod:`graph.resolve.corrections`).

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
    docs: list[LocalDoc] = []
    vocabulary: dict[str, Counter] = defaultdict(Counter)
    fixes = Fixes(tuple(corrections))
    for analysis in analyses:
        doc = summarize(analysis, fixes.splits)
        docs.append(doc)
        for key, counts in doc.vocabulary().items():
            vocabulary[key].update(counts)
    merged = merge_all(vocabulary, fixes.corrections)
    ids = merged.ids
    fixes.nodes = merged.nodes_of
    claim_fixes = fixes.claims()

    import networkx as nx  # imported here: the quick queries import this package without it

    G = nx.MultiDiGraph(documents=documents)
    shares: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    edges: dict[EdgeKey, dict] = {}
    claims: list[dict] = []
    for doc in sorted(docs, key=lambda d: d.doc_id):
        part = contribute(doc, ids, documents.get(doc.doc_id, {}), claim_fixes)
        for node, share in part.nodes.items():
            shares[node].append((doc.doc_id, share.to_json()))
        for (u, v, layer), evidence in part.edges.items():
            edges.setdefault((u, v, layer), {"layer": layer, "evidence": []})["evidence"].extend(evidence)
        claims.extend(part.claims)
    for node, node_shares in shares.items():
        attributes = node_attributes(node, node_shares)
        G.add_node(node, **corrected_attributes(attributes, merged.corrections.get(node)))
    for (u, v, layer), data in edges.items():
        finish_edge(data)
        G.add_edge(u, v, key=layer, **data)
    return G, claims
