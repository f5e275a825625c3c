"""Shortest paths that explain themselves, and ranked neighbours.

Paths are found on an undirected view of the chosen layers in which each pair
of entities is one link whose cost is ``1 / corroboration`` on top of the hop,
so among paths of equal length the better-evidenced ones come first.
"""

from __future__ import annotations

from itertools import islice, pairwise

import networkx as nx

from graph.hops import EVIDENCE_COST, Hop, link_cost
from graph.schema import HUB_TYPES, LAYER_CHOICES, LAYERS

__all__ = ["EVIDENCE_COST", "Hop", "evidence_view", "ranked_neighbors", "shortest_evidenced_paths"]


def _keep(data: dict, *, min_sources: int, via_outlet: str | None, exclude_outlet: str | None) -> bool:
    if data["corroboration"] < min_sources:
        return False
    outlets = {o.casefold() for o in data["outlets"]}
    if via_outlet and via_outlet.casefold() not in outlets:
        return False
    return not (exclude_outlet and outlets and outlets <= {exclude_outlet.casefold()})


def _only_outlet(link: dict, outlet: str) -> dict:
    """The link as that outlet reports it: its evidence, documents and outlets only."""
    wanted = outlet.casefold()
    evidence = [e for e in link["evidence"] if e.get("outlet", "").casefold() == wanted]
    documents = sorted({e["document"] for e in evidence})
    outlets = sorted({e["outlet"] for e in evidence})
    return {
        **link,
        "evidence": evidence,
        "documents": documents,
        "outlets": outlets,
        "corroboration": len(documents),
    }


def evidence_view(
    G: nx.MultiDiGraph,
    *,
    layer: str = "any",
    min_sources: int = 1,
    via_outlet: str | None = None,
    exclude_outlet: str | None = None,
) -> nx.Graph:
    """An undirected simple graph of the links that pass the filters.

    Each edge carries ``links`` (the layer edges it stands for, in both
    directions), ``corroboration`` (distinct documents) and ``cost``.

    Raises
    ------
    ValueError
        If ``layer`` is not one of :data:`LAYER_CHOICES`.
    """
    if layer not in LAYER_CHOICES:
        raise ValueError(f"unknown layer {layer!r}; choose from {', '.join(LAYER_CHOICES)}")
    layers = LAYERS if layer == "any" else (layer,)
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, key, data in G.edges(keys=True, data=True):
        if key not in layers or not _keep(
            data, min_sources=min_sources, via_outlet=via_outlet, exclude_outlet=exclude_outlet
        ):
            continue
        link = {**data, "source": u, "target": v}
        if via_outlet:
            link = _only_outlet(link, via_outlet)
        if H.has_edge(u, v):
            H[u][v]["links"].append(link)
        else:
            H.add_edge(u, v, links=[link])
    for u, v, data in H.edges(data=True):
        docs = {d for link in data["links"] for d in link["documents"]}
        data["corroboration"] = len(docs)
        data["cost"] = link_cost(u, v, len(docs))
    return H


def shortest_evidenced_paths(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    layer: str = "any",
    k: int = 1,
    all_shortest: bool = False,
    min_sources: int = 1,
    via_outlet: str | None = None,
    exclude_outlet: str | None = None,
    max_hops: int | None = None,
    avoid_types: tuple[str, ...] = HUB_TYPES,
) -> list[list[Hop]]:
    """The shortest path(s) from ``source`` to ``target``, each hop with its evidence.

    Parameters
    ----------
    G : MultiDiGraph
        A linkchart graph (see :mod:`graph.schema`).
    source, target : str
        Node ids.
    layer : {"any", "co-mention", "assertion"}
        Which links may be used.
    k : int
        Return the ``k`` best simple paths (fewest hops, then best evidenced).
    all_shortest : bool
        Return every path of the shortest length instead.
    min_sources : int
        Use only links backed by at least this many distinct documents.
    via_outlet, exclude_outlet : str, optional
        Use only links reported by that outlet / not reported only by it.
    max_hops : int, optional
        Reject paths longer than this.
    avoid_types : tuple of str
        Entity types that may be endpoints but not intermediate steps
        (default: places, which connect everything and explain nothing).

    Returns
    -------
    list of paths, each a list of :class:`Hop`.

    Raises
    ------
    networkx.NodeNotFound
        If ``source`` or ``target`` is not in the graph.
    networkx.NetworkXNoPath
        If no path satisfies the filters.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="co-mention", layer="co-mention", documents=["d"],
    ...            outlets=[], corroboration=1, evidence=[])
    'co-mention'
    >>> [[(h.source, h.target) for h in p] for p in shortest_evidenced_paths(G, "a", "b")]
    [[('a', 'b')]]
    """
    for node in (source, target):
        if node not in G:
            raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    H = evidence_view(
        G, layer=layer, min_sources=min_sources, via_outlet=via_outlet, exclude_outlet=exclude_outlet
    )
    if source == target:
        raise nx.NetworkXNoPath("source and target are the same entity")
    hubs = [n for n, d in H.nodes(data=True) if d.get("type") in avoid_types and n not in (source, target)]
    H.remove_nodes_from(hubs)
    try:
        if all_shortest:
            node_paths = list(nx.all_shortest_paths(H, source, target))
            node_paths.sort(key=lambda p: nx.path_weight(H, p, "cost"))
        else:
            node_paths = list(islice(nx.shortest_simple_paths(H, source, target, weight="cost"), k))
    except nx.NetworkXNoPath:
        node_paths = []
    if max_hops is not None:
        node_paths = [p for p in node_paths if len(p) - 1 <= max_hops]
    if not node_paths:
        raise nx.NetworkXNoPath(f"no path between {source!r} and {target!r} with these filters")
    return [[Hop(u, v, tuple(H[u][v]["links"])) for u, v in pairwise(p)] for p in node_paths]


def ranked_neighbors(G: nx.MultiDiGraph, node: str, *, layer: str = "any") -> list[tuple[str, Hop]]:
    """Neighbours of ``node``, best corroborated first (then by weight and label).

    Raises
    ------
    networkx.NodeNotFound
        If ``node`` is not in the graph.
    """
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    H = evidence_view(G, layer=layer)
    hops = [(other, Hop(node, other, tuple(H[node][other]["links"]))) for other in H[node]]
    return sorted(
        hops,
        key=lambda item: (
            -H[node][item[0]]["corroboration"],
            -sum(link["weight"] for link in item[1].links),
            G.nodes[item[0]].get("label", item[0]),
        ),
    )
