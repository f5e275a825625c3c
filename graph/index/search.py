"""Searches over the search arrays: which entries pass a :class:`~graph.filters.LinkFilter`,
breadth-first distances, the entities on the shortest paths and the links among them."""

from __future__ import annotations

import numpy as np

from graph.filters import LinkFilter
from graph.index.adjacency import (
    LAYER_BITS,
    OUTLET_ARRAYS,
    Adjacency,
    entries_of,
    owners,
    read_slices,
    rows_with,
)
from graph.index.rows import IndexedRows


def neighbour_counts(adj: Adjacency) -> np.ndarray:
    """Per node, :func:`graph.query.shortest.neighbour_counts`: its neighbours over every layer,
    each counting ``min(1, weight of their links)``.

    Entries are ordered by (node, neighbour), so a new neighbour starts wherever
    the neighbour or the node changes. ``adj`` needs ``indptr``, ``neighbour`` and ``weight``.
    """
    node = owners(adj.indptr)
    if not node.size:
        return np.zeros(adj.n_nodes, dtype=np.float64)
    new = np.ones(node.size, dtype=bool)
    new[1:] = (adj.neighbour[1:] != adj.neighbour[:-1]) | (node[1:] != node[:-1])
    starts = np.flatnonzero(new)
    pair_weight = np.minimum(1.0, np.add.reduceat(adj.weight.astype(np.float64), starts))
    return np.bincount(node[starts], weights=pair_weight, minlength=adj.n_nodes)


def mask_arrays(links: LinkFilter) -> tuple[str, ...]:
    """The arrays :func:`entry_mask` reads for these filters (besides ``neighbour``)."""
    names = ["neighbour"]
    if sum(LAYER_BITS[layer] for layer in links.layers) != sum(LAYER_BITS.values()):
        names.append("layer")
    if links.min_sources > 1:
        names.append("corroboration")
    if links.by_outlet:
        names.extend(OUTLET_ARRAYS)
    return tuple(names)


def entry_mask(adj: Adjacency, links: LinkFilter) -> np.ndarray:
    """Which entries pass the filters of :func:`graph.query.paths.evidence_view` (per layer edge;
    ``avoid_types`` aside).

    ``adj`` needs the arrays :func:`mask_arrays` names for the same filters.
    """
    bits = sum(LAYER_BITS[layer] for layer in links.layers)
    via_outlet, exclude_outlet = links.via_outlet, links.exclude_outlet
    keep = np.ones(len(adj.neighbour), dtype=bool)
    if bits != sum(LAYER_BITS.values()):
        keep &= (adj.layer & bits) != 0
    if links.min_sources > 1:
        keep &= adj.corroboration >= links.min_sources
    if via_outlet or exclude_outlet:
        folded = np.array([name.casefold() for name in adj.outlet_names] or [""])
        if via_outlet:
            wanted = np.isin(adj.outlet_ids, np.flatnonzero(folded == via_outlet.casefold()))
            keep &= rows_with(adj.outlet_indptr, wanted)
        if exclude_outlet:
            unwanted = np.isin(adj.outlet_ids, np.flatnonzero(folded == exclude_outlet.casefold()))
            reported = np.diff(adj.outlet_indptr) > 0
            keep &= ~reported | rows_with(adj.outlet_indptr, ~unwanted)  # dropped: reported only by it
    return keep


def distances(
    adj: Adjacency,
    start: int,
    mask: np.ndarray,
    expandable: np.ndarray,
    max_depth: int,
    *,
    stop_at: int | None = None,
    within: np.ndarray | None = None,
) -> np.ndarray:
    """Breadth-first hop counts from ``start`` (-1: not reached within ``max_depth``).

    Nodes where ``expandable`` is false are reached but not passed through
    (``start`` always is). With ``stop_at``, the search stops at the end of the
    level that reaches it. With ``within`` (a per-node budget), a node is only
    expanded if its depth is at most its budget.
    """
    dist = np.full(adj.n_nodes, -1, dtype=np.int32)
    dist[start] = 0
    frontier = np.array([start], dtype=np.int64)
    depth = 0
    while frontier.size and depth < max_depth:
        if depth:
            frontier = frontier[expandable[frontier]]
        if within is not None:
            frontier = frontier[within[frontier] >= depth]
        entries = entries_of(adj.indptr, frontier)
        reached = adj.neighbour[entries[mask[entries]]]
        reached = reached[dist[reached] < 0]
        depth += 1
        dist[reached] = depth
        frontier = np.flatnonzero(dist == depth) if reached.size else reached.astype(np.int64)
        if stop_at is not None and dist[stop_at] >= 0:
            break
    return dist


def path_nodes(
    adj: Adjacency,
    source: int,
    target: int,
    mask: np.ndarray,
    expandable: np.ndarray,
    *,
    slack: int = 0,
    max_hops: int = 64,
) -> tuple[int | None, np.ndarray]:
    """The shortest distance and every node on a path of at most that + ``slack`` hops.

    Returns ``(None, [])`` when ``target`` is not reachable within ``max_hops``.
    A node is on such a path iff its distances from both ends sum to at most
    the bound, so the nodes returned hold every one of those paths and no other node.
    """
    from_source = distances(adj, source, mask, expandable, max_hops, stop_at=target)
    if from_source[target] < 0:
        return None, np.zeros(0, dtype=np.int64)
    shortest = int(from_source[target])
    bound = shortest + slack
    if slack:
        from_source = distances(adj, source, mask, expandable, bound)
    budget = np.where(from_source >= 0, bound - from_source, 0)
    budget[target] = bound
    from_target = distances(adj, target, mask, expandable, bound, within=budget)
    on_path = (from_source >= 0) & (from_target >= 0) & (from_source + from_target <= bound)
    on_path &= expandable
    on_path[[source, target]] = True
    return shortest, np.flatnonzero(on_path)


def links_among(rows: IndexedRows, adj: Adjacency, nodes: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Rowids of the ``edges`` passing ``mask`` between two of ``nodes`` (reads only their rows)."""
    inside = np.zeros(adj.n_nodes, dtype=bool)
    inside[nodes] = True
    entries = entries_of(adj.indptr, nodes)
    spans = [(int(adj.indptr[n]), int(adj.indptr[n + 1])) for n in nodes.tolist()]
    edges = read_slices(rows, spans, ["edge"])["edge"]
    return np.unique(edges[mask[entries] & inside[adj.neighbour[entries]]])
