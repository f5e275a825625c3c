"""What a chart draws, read from the store: the entities and links a drawing keeps, and the
next ring of entities a cut page carries hidden (:mod:`graph.query.drawing` does the same on a
graph in memory)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from graph.schema import ANY_LAYER, ASSERTION, CO_MENTION, layers_of
from graph.store import Store

if TYPE_CHECKING:
    from networkx import MultiDiGraph


def select_from_store(
    store: Store,
    *,
    layer: str = ANY_LAYER,
    focus: str | None = None,
    depth: int = 1,
    min_link_weight: float = 1,
    max_nodes: int | None = None,
    keep: Iterable[str] = (),
    limit: int | None = None,
    evidence: int | None = None,
    link_limit: int | None = None,
) -> MultiDiGraph:
    """:func:`graph.query.drawing.select_for_drawing` on the store, reading only what the drawing needs.

    With ``evidence``, links carry only the evidence of their first ``evidence``
    documents (:data:`graph.query.drawing.EVIDENCE_DRAWN` is what a page shows).

    The filters run on the adjacency first: with ``focus``, only the entities
    within ``depth`` links of it (and ``keep``) are read; with ``max_nodes``
    alone, only the ``max_nodes`` best-linked entities; a selection larger than
    ``limit`` is refused before anything is read. Only layer and weight filters
    that leave a drawable graph read the whole graph. The result is the same as
    ``select_for_drawing`` on the whole graph (tested).

    Raises
    ------
    graph.query.drawing.TooLargeToDraw
        Unless ``max_nodes`` cuts it, when the selection has more than ``limit``
        entities or ``link_limit`` links.
    """
    import numpy as np

    from graph.index import LAYER_BITS, distances, owners, read_adjacency
    from graph.query.drawing import (
        MAX_DRAWN_LINKS,
        MAX_DRAWN_NODES,
        TooLargeToDraw,
        select_for_drawing,
        too_large_message,
        too_many_links_message,
    )

    limit = MAX_DRAWN_NODES if limit is None else limit
    link_limit = MAX_DRAWN_LINKS if link_limit is None else link_limit
    keep = list(keep)
    options = {"layer": layer, "min_link_weight": min_link_weight, "max_nodes": max_nodes, "keep": keep}
    options |= {"limit": limit, "link_limit": link_limit}
    adj = read_adjacency(store.index, ("indptr", "neighbour", "layer", "weight"))
    in_layer = (adj.layer & sum(LAYER_BITS[name] for name in layers_of(layer))) != 0
    one_layer = layer in (CO_MENTION, ASSERTION)
    mask = in_layer & (adj.weight >= min_link_weight) if min_link_weight > 1 else in_layer
    if focus is not None:  # the neighbourhood, and every link among it: select_for_drawing does the rest
        centre = store.reads.indexes_of([focus])[focus]
        near = np.flatnonzero(distances(adj, centre, mask, np.ones(adj.n_nodes, dtype=bool), depth) >= 0)
        nodes = set(store.reads.ids_at(near.tolist()).values()) | set(keep)
        G = store.reads.subgraph(nodes, _rows_among(store, adj, nodes, None, evidence))
        return select_for_drawing(G, focus=focus, depth=depth, **options)
    drawn = _drawn_entities(store, adj, in_layer, mask, one_layer, min_link_weight > 1)
    count = int(drawn.sum())
    if max_nodes is None or count <= max_nodes:  # nothing to cut: the limits apply
        if count > limit:
            raise TooLargeToDraw(too_large_message(count, limit))
        once = mask & (owners(adj.indptr) < adj.neighbour)  # each link once (a graph has no self-loops)
        if int(once.sum()) > link_limit:
            raise TooLargeToDraw(too_many_links_message(adj.weight[once].tolist(), link_limit))
        return select_for_drawing(store.graph.load(documents=evidence), **options)
    # the best-linked entities, ranked as graph.query.views.top_nodes ranks them
    degree = np.bincount(owners(adj.indptr)[mask], weights=adj.weight[mask], minlength=adj.n_nodes)
    rows = store.reads.entity_ranks()
    ranked = sorted((r for r in rows if drawn[r[0]]), key=lambda r: (-degree[r[0]], -(r[2] or 0), r[1]))
    top = {r[1] for r in ranked[:max_nodes]}
    if set(keep) <= top:
        return store.reads.subgraph(top, _rows_among(store, adj, top, mask, evidence))
    return store.reads.subgraph(top | set(keep), _rows_among(store, adj, top | set(keep), None, evidence))


def _rows_among(
    store: Store, adj, nodes: set[str], mask, evidence: int | None = None
) -> list[tuple[str, str, str, dict]]:
    """Full edge rows among ``nodes`` (of the entries passing ``mask``, or all), with the
    evidence of their first ``evidence`` documents (or all of it)."""
    import numpy as np

    from graph.index import links_among

    chosen = np.array(sorted(store.reads.indexes_of(nodes).values()), dtype=np.int64)
    everything = np.ones(len(adj.neighbour), dtype=bool) if mask is None else mask
    return store.reads.edges_at(
        links_among(store.index, adj, chosen, everything).tolist(), documents=evidence
    )


def _drawn_entities(store: Store, adj, in_layer, mask, one_layer: bool, weighed: bool):
    """Which entities survive ``select_for_drawing``'s layer and weight filters (a boolean array).

    ``in_layer``: entries of the chosen layer(s); ``mask``: those that also pass the weight filter.
    """
    import numpy as np

    from graph.index import rows_with

    if one_layer:  # entities without a link in that layer go
        kept = rows_with(adj.indptr, in_layer)
    else:
        kept = np.zeros(adj.n_nodes, dtype=bool)
        kept[store.reads.entity_indexes()] = True
    if weighed:  # entities the weight filter leaves without links go; isolated ones stay
        kept = rows_with(adj.indptr, mask) | (kept & ~rows_with(adj.indptr, in_layer))
    return kept


#: Hidden neighbours a cut page carries: per drawn entity its strongest links' other ends,
#: and in all (the strongest first); each of their links with its first documents' evidence.
RING_PER_ENTITY = 10
RING_LIMIT = 1000
RING_EVIDENCE = 3


def next_ring(
    store: Store,
    drawn: Iterable[str],
    *,
    layer: str = ANY_LAYER,
    per_entity: int = RING_PER_ENTITY,
    limit: int = RING_LIMIT,
    evidence: int | None = RING_EVIDENCE,
) -> tuple[MultiDiGraph, dict[str, int]]:
    """The entities one link beyond a drawing, with their links, to carry hidden in the page.

    Parameters
    ----------
    store : Store
    drawn : iterable of str
        The entities the page draws.
    layer : str
        The drawing's ``--layer``: only links of those layers count (any weight).
    per_entity : int
        At most this many hidden neighbours per drawn entity (its strongest links).
    limit : int
        At most this many hidden entities in all (those with the strongest link first).
    evidence : int or None
        The evidence of each link's first ``evidence`` documents.

    Returns
    -------
    (MultiDiGraph, dict)
        The ring entities and every link of the layers between them and the drawing or
        each other (the drawn ends included as nodes); and counts: ``ring`` (entities
        carried), ``not_carried`` (neighbours left out by the bounds), ``entities`` and
        ``links`` (in the store, of those layers).
    """
    import numpy as np

    from graph.index import LAYER_BITS, entries_of, owners, read_adjacency, read_slices

    adj = read_adjacency(store.index, ("indptr", "neighbour", "layer", "weight"))
    in_layer = (adj.layer & sum(LAYER_BITS[name] for name in layers_of(layer))) != 0
    drawn_idx = np.array(sorted(store.reads.indexes_of(set(drawn)).values()), dtype=np.int64)
    inside = np.zeros(adj.n_nodes, dtype=bool)
    inside[drawn_idx] = True
    entries = entries_of(adj.indptr, drawn_idx)
    outward = entries[in_layer[entries] & ~inside[adj.neighbour[entries]]]
    rows = owners(adj.indptr)[outward]
    candidates = np.unique(adj.neighbour[outward])
    order = np.lexsort((-adj.weight[outward], adj.neighbour[outward], rows))  # a pair's strongest link
    outward, rows = outward[order], rows[order]
    pairs = rows.astype(np.int64) * adj.n_nodes + adj.neighbour[outward]
    _, first_of_pair = np.unique(pairs, return_index=True)
    outward, rows = outward[first_of_pair], rows[first_of_pair]
    order = np.lexsort((adj.neighbour[outward], -adj.weight[outward], rows))  # per row, strongest first
    outward, rows = outward[order], rows[order]
    first = np.searchsorted(rows, rows, side="left")
    best = outward[(np.arange(len(rows)) - first) < per_entity]
    strength: dict[int, float] = {}
    for entry in best.tolist():
        n = int(adj.neighbour[entry])
        strength[n] = max(strength.get(n, 0.0), float(adj.weight[entry]))
    ring = sorted(strength, key=lambda n: (-strength[n], n))[:limit]
    counts = {"ring": len(ring), "not_carried": len(candidates) - len(ring)}
    counts["entities"] = store.reads.entity_count()
    counts["links"] = int((in_layer & (owners(adj.indptr) < adj.neighbour)).sum())
    if not ring:
        return store.reads.subgraph([], []), counts
    ring_idx = np.array(sorted(ring), dtype=np.int64)
    near = inside.copy()
    near[ring_idx] = True
    ring_entries = entries_of(adj.indptr, ring_idx)
    spans = [(int(adj.indptr[n]), int(adj.indptr[n + 1])) for n in ring_idx.tolist()]
    edges = read_slices(store.index, spans, ["edge"])["edge"]
    keep = in_layer[ring_entries] & near[adj.neighbour[ring_entries]]
    rowids = np.unique(edges[keep])
    ends = set(store.reads.ids_at(np.unique(adj.neighbour[ring_entries[keep]]).tolist()).values())
    ends |= set(store.reads.ids_at(ring_idx.tolist()).values())
    return store.reads.subgraph(ends, store.reads.edges_at(rowids.tolist(), documents=evidence)), counts
