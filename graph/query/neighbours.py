"""Neighbours ranked by corroboration: on the store (a node's row of the search arrays) or on a
graph in memory; the two are tested to agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.filters import LinkFilter
from graph.query.hops import Hop
from graph.schema import ANY_LAYER, layers_of
from graph.store import Store

if TYPE_CHECKING:
    import networkx as nx

#: Per-entry arrays :func:`top_neighbours` reads for one node.
NEIGHBOUR_ARRAYS = ("neighbour", "edge", "layer", "weight", "corroboration", "pair_documents")


def top_neighbours(
    store: Store, node: str, *, layer: str = ANY_LAYER, limit: int = 20, evidence: int | None = None
) -> list[tuple[str, dict, Hop]]:
    """``node``'s ``limit`` best-corroborated neighbours as ``(id, attributes, hop)``.

    The order is :func:`graph.query.neighbours.ranked_neighbours`'s (distinct documents over
    the chosen layers, then total weight, then label), computed on ``node``'s row
    of the adjacency, so a hub with tens of thousands of links reads the
    evidence of ``limit`` of them only. With ``evidence``, each link carries only
    the evidence ``hop.best_evidence(evidence)`` can show (a link between two hubs
    has thousands of documents).
    """
    import numpy as np

    from graph.index import LAYER_BITS, read_adjacency, read_row

    i = store.reads.indexes_of([node])[node]
    row = read_row(store.index, i, (*NEIGHBOUR_ARRAYS, "pair_assertion_documents"))
    bits = sum(LAYER_BITS[name] for name in layers_of(layer))
    keep = (row["layer"] & bits) != 0
    documents = {ANY_LAYER: row["pair_documents"], "assertion": row["pair_assertion_documents"]}.get(
        layer, row["corroboration"]
    )[keep]
    others, inverse = np.unique(row["neighbour"][keep], return_inverse=True)
    if not others.size:
        return []
    weight = np.bincount(inverse, weights=row["weight"][keep])
    best_documents = np.zeros(len(others), dtype=np.int64)
    np.maximum.at(best_documents, inverse, documents)
    rank = read_adjacency(store.index, ("label_rank",)).label_rank[others]
    chosen = others[np.lexsort((rank, -weight, -best_documents))[:limit]]
    wanted = np.isin(row["neighbour"], chosen) & keep
    ids = store.reads.ids_at(chosen.tolist())
    links: dict[str, list[dict]] = {}
    for u, v, _, data in store.reads.edges_at(row["edge"][wanted].tolist(), documents=evidence):
        other = v if u == node else u
        links.setdefault(other, []).append({**data, "source": u, "target": v})
    attributes = store.reads.entity_attributes(ids.values())
    return [(ids[o], attributes[ids[o]], Hop(node, ids[o], tuple(links[ids[o]]))) for o in chosen.tolist()]


def ranked_neighbours(G: nx.MultiDiGraph, node: str, *, layer: str = ANY_LAYER) -> list[tuple[str, Hop]]:
    """Neighbours of ``node`` in a graph in memory, best corroborated first (then by weight and label).

    Raises
    ------
    networkx.NodeNotFound
        If ``node`` is not in the graph.
    """
    import networkx as nx

    from graph.query.paths import evidence_view

    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    H = evidence_view(G, LinkFilter(layer=layer))
    hops = [(other, Hop(node, other, tuple(H[node][other]["links"]))) for other in H[node]]
    return sorted(
        hops,
        key=lambda item: (
            -H[node][item[0]]["corroboration"],
            -sum(link["weight"] for link in item[1].links),
            G.nodes[item[0]].get("label", item[0]),
        ),
    )
