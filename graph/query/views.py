"""Views of a linkchart graph: pick a layer, a neighbourhood, the strong links, the busy nodes.

Every function takes the graph first, returns a new ``networkx.MultiDiGraph`` (attributes
deep-copied, so editing the result never touches the input) and leaves its input unchanged.
The graph shape is described in :mod:`graph.schema`.
"""

from __future__ import annotations

import copy
from collections import deque
from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx

from graph.schema import LAYERS, PATH_LAYER_CHOICES, layers_of


def _edge_layer(key: Hashable, data: dict[str, Any]) -> Any:
    """Return an edge's layer: its ``layer`` attribute, else its key."""
    return data.get("layer", key)


def _build(
    G: nx.MultiDiGraph,
    nodes: Iterable[Hashable],
    edges: Iterable[tuple[Hashable, Hashable, Hashable, dict[str, Any]]],
) -> nx.MultiDiGraph:
    """Build a deep-copied MultiDiGraph from chosen nodes and edges, keeping G's node order."""
    keep = set(nodes)
    H = nx.MultiDiGraph()
    H.graph.update(copy.deepcopy(G.graph))
    H.add_nodes_from((n, copy.deepcopy(d)) for n, d in G.nodes(data=True) if n in keep)
    H.add_edges_from((u, v, k, copy.deepcopy(d)) for u, v, k, d in edges if u in keep and v in keep)
    return H


def induced_subgraph(G: nx.MultiDiGraph, nodes: Iterable[Hashable]) -> nx.MultiDiGraph:
    """Return a deep copy of the subgraph induced by ``nodes`` (all edges among them)."""
    keep = set(nodes)
    edges = (e for e in G.edges(keys=True, data=True) if e[0] in keep and e[1] in keep)
    return _build(G, keep, edges)


def select_layer(G: nx.MultiDiGraph, layer: str) -> nx.MultiDiGraph:
    """Keep only the edges of one layer, or of the main two.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph.
    layer : {"any", "co-mention", "assertion", "paragraph", "document"}
        The layer to keep: "any" is the two main layers, "paragraph" adds the paragraph
        window to them and "document" both windows (:func:`graph.schema.layers_of`).

    Returns
    -------
    networkx.MultiDiGraph
        A copy with the chosen edges. With a single layer, only the nodes that still
        have an edge are kept; otherwise every node is kept, isolated ones included.

    Raises
    ------
    ValueError
        If ``layer`` is not one of the accepted names.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("person:a", "person:b", key="assertion", layer="assertion", weight=1)
    'assertion'
    >>> G.add_edge("person:a", "place:c", key="co-mention", layer="co-mention", weight=2)
    'co-mention'
    >>> sorted(select_layer(G, "assertion").nodes)
    ['person:a', 'person:b']
    """
    if layer not in PATH_LAYER_CHOICES:
        raise ValueError(f"unknown layer {layer!r}; expected one of {PATH_LAYER_CHOICES}")
    wanted = set(layers_of(layer))
    edges = [e for e in G.edges(keys=True, data=True) if _edge_layer(e[2], e[3]) in wanted]
    if layer not in LAYERS:
        nodes: Iterable[Hashable] = G.nodes
    else:
        nodes = {n for u, v, _, _ in edges for n in (u, v)}
    return _build(G, nodes, edges)


def ego_subgraph(G: nx.MultiDiGraph, center: Hashable, depth: int = 1) -> nx.MultiDiGraph:
    """Keep the nodes within ``depth`` hops of ``center``, ignoring edge direction.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph.
    center : hashable
        The node id to centre on.
    depth : int, default 1
        The largest number of hops, over any layer present. ``0`` keeps ``center`` alone.

    Returns
    -------
    networkx.MultiDiGraph
        A copy induced by the neighbourhood: every edge among the kept nodes, in every layer.

    Raises
    ------
    networkx.NodeNotFound
        If ``center`` is not in ``G``.
    ValueError
        If ``depth`` is negative.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("person:a", "person:b"), ("place:c", "person:b")])
    >>> sorted(ego_subgraph(G, "person:b").nodes)
    ['person:a', 'person:b', 'place:c']
    >>> sorted(ego_subgraph(G, "person:a").nodes)
    ['person:a', 'person:b']
    """
    if center not in G:
        raise nx.NodeNotFound(f"node {center!r} is not in the graph")
    if depth < 0:
        raise ValueError(f"depth must be >= 0, got {depth}")
    seen = {center}
    frontier: deque[tuple[Hashable, int]] = deque([(center, 0)])
    while frontier:
        node, dist = frontier.popleft()
        if dist == depth:
            continue
        for nbr in (*G.successors(node), *G.predecessors(node)):
            if nbr not in seen:
                seen.add(nbr)
                frontier.append((nbr, dist + 1))
    return induced_subgraph(G, seen)


def min_weight(G: nx.MultiDiGraph, n: float) -> nx.MultiDiGraph:
    """Drop edges whose ``weight`` is below ``n``, then the nodes that lost all their edges.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph. An edge without ``weight`` counts as weight 1.
    n : float
        The smallest weight kept.

    Returns
    -------
    networkx.MultiDiGraph
        A copy with the heavier edges. Nodes that had edges and now have none are dropped;
        nodes that were already isolated in ``G`` are kept, so ``min_weight(G, 1)`` is a copy.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("person:a", "person:b", weight=3)
    0
    >>> G.add_edge("person:a", "place:c", weight=1)
    0
    >>> sorted(min_weight(G, 2).nodes)
    ['person:a', 'person:b']
    """
    edges = [e for e in G.edges(keys=True, data=True) if e[3].get("weight", 1) >= n]
    linked = {node for u, v, _, _ in edges for node in (u, v)}
    nodes = [node for node in G.nodes if node in linked or G.degree(node) == 0]
    return _build(G, nodes, edges)


def weighted_degree(G: nx.MultiDiGraph, node: Hashable) -> float:
    """Return the summed ``weight`` of every edge touching ``node``, in and out, all layers."""
    return sum(d.get("weight", 1) for _, _, d in G.in_edges(node, data=True)) + sum(
        d.get("weight", 1) for _, _, d in G.out_edges(node, data=True)
    )


def top_nodes(G: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """Keep the ``max_nodes`` most connected nodes and the edges among them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph.
    max_nodes : int
        How many nodes to keep.

    Returns
    -------
    networkx.MultiDiGraph
        A copy induced by the nodes ranked highest by weighted degree (summed edge weight,
        in and out, all layers); ties go to more ``mentions``, then to the smaller id.

    Raises
    ------
    ValueError
        If ``max_nodes`` is negative.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("person:a", "person:b", weight=3)
    0
    >>> G.add_edge("person:a", "place:c", weight=1)
    0
    >>> sorted(top_nodes(G, 2).nodes)
    ['person:a', 'person:b']
    """
    if max_nodes < 0:
        raise ValueError(f"max_nodes must be >= 0, got {max_nodes}")
    ranked = sorted(
        G.nodes,
        key=lambda node: (
            -weighted_degree(G, node),
            -(G.nodes[node].get("mentions") or 0),
            str(node),
        ),
    )
    return induced_subgraph(G, ranked[:max_nodes])
