"""What one document contributes to the graph, and the in-memory build of a whole corpus.

``contribution``: a document's analysis summarised (:class:`LocalDoc`) and its share of nodes,
edges and claims (:class:`Contribution`); ``evidence``: an edge's attributes from its
per-document evidence; ``build``: :func:`build_graph`, every document at once in memory.
Depends on :mod:`graph.resolve` (the cross-document merge) and the shared leaves only.
"""

from graph.aggregate.build import build_graph
from graph.aggregate.contribution import (
    DOCUMENT_CAP,
    Contribution,
    LocalDoc,
    NodeTotals,
    contribute,
    decorated,
    distinctive,
    enumerates,
    node_attributes,
    summarize,
)
from graph.aggregate.evidence import (
    EVIDENCE_COLUMNS,
    DocEvidence,
    by_document,
    co_mention_attributes,
    edge_attributes,
    finish_edge,
)

__all__ = [
    "DOCUMENT_CAP",
    "EVIDENCE_COLUMNS",
    "Contribution",
    "DocEvidence",
    "LocalDoc",
    "NodeTotals",
    "build_graph",
    "by_document",
    "co_mention_attributes",
    "contribute",
    "decorated",
    "distinctive",
    "edge_attributes",
    "enumerates",
    "finish_edge",
    "node_attributes",
    "summarize",
]
