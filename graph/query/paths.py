"""Shortest paths that explain themselves, on a graph in memory.

Paths are found on an undirected view of the chosen layers in which each pair
of entities is one link whose cost is ``1 / corroboration`` on top of the hop,
so among paths of equal length the better-evidenced ones come first.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice, pairwise

import networkx as nx

from graph.errors import NoPath
from graph.filters import DEFAULT_LINKS, LinkFilter
from graph.query.hops import Hop, link_cost, only_outlet, without_outlet
from graph.query.shortest import DETOUR_HOPS, neighbour_counts, specific_path
from graph.schema import PATH_LAYER_CHOICES


def evidence_view(G: nx.MultiDiGraph, links: LinkFilter = DEFAULT_LINKS) -> nx.Graph:
    """An undirected simple graph of the links that pass the filters (``avoid_types`` aside).

    Each edge carries ``links`` (the layer edges it stands for, in both
    directions), ``corroboration`` (distinct documents) and ``cost``.

    Raises
    ------
    ValueError
        If ``links.layer`` is not one of :data:`graph.schema.PATH_LAYER_CHOICES`.
    """
    if links.layer not in PATH_LAYER_CHOICES:
        raise ValueError(f"unknown layer {links.layer!r}; choose from {', '.join(PATH_LAYER_CHOICES)}")
    layers = links.layers
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, key, data in G.edges(keys=True, data=True):
        if key not in layers or not links.keeps(data):
            continue
        link = {**data, "source": u, "target": v}
        if links.via_outlet:
            link = only_outlet(link, links.via_outlet)
        if links.exclude_outlet:
            link = without_outlet(link, links.exclude_outlet)  # the evidence shown is the others
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
    links: LinkFilter = DEFAULT_LINKS,
    *,
    k: int = 1,
    all_shortest: bool = False,
    max_hops: int | None = None,
    avoid: Iterable[str] = (),
    rank: str = "specific",
) -> list[list[Hop]]:
    """The best path(s) from ``source`` to ``target``, each hop with its evidence.

    Parameters
    ----------
    G : MultiDiGraph
        A linkchart graph (see :mod:`graph.schema`).
    source, target : str
        Node ids.
    links : LinkFilter
        Which links may be used (layer, sources, outlets) and which entity types may not be
        stepped through.
    k : int
        Return ``k`` paths. Ranked "specific": each the best path avoiding the entities
        stepped through by the paths before it (so they are genuinely different); ranked
        "hops": the ``k`` best simple paths.
    all_shortest : bool
        Return every path of the shortest length instead (ranked by evidence).
    max_hops : int, optional
        Reject paths longer than this.
    avoid : iterable of str
        Entities never stepped through.
    rank : {"specific", "hops"}
        "specific" (default): among paths at most :data:`graph.query.shortest.DETOUR_HOPS` hop
        longer than the shortest, the cheapest, each stepping stone adding
        :func:`graph.query.shortest.stone_cost` of its number of neighbours (hubs cost most);
        "hops": fewest hops, then best evidenced.

    Returns
    -------
    list of paths, each a list of :class:`Hop`.

    Raises
    ------
    networkx.NodeNotFound
        If ``source`` or ``target`` is not in the graph.
    graph.errors.NoPath
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
    H = evidence_view(G, links)
    if source == target:
        raise NoPath("source and target are the same entity")
    avoided = set(avoid)
    hubs = [
        n
        for n, d in H.nodes(data=True)
        if (d.get("type") in links.avoid_types or n in avoided) and n not in (source, target)
    ]
    H.remove_nodes_from(hubs)
    if rank == "specific" and not all_shortest:
        node_paths = _specific_paths(G, H, source, target, k=k, max_hops=max_hops)
        if not node_paths:
            raise NoPath(f"no path between {source!r} and {target!r} with these filters")
        return node_paths
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
        raise NoPath(f"no path between {source!r} and {target!r} with these filters")
    return [[Hop(u, v, tuple(H[u][v]["links"])) for u, v in pairwise(p)] for p in node_paths]


def _specific_paths(
    G: nx.MultiDiGraph, H: nx.Graph, source: str, target: str, *, k: int, max_hops: int | None
) -> list[list[Hop]]:
    """Up to ``k`` paths by :func:`graph.query.shortest.specific_path`, each avoiding the stepping
    stones of those before it (a direct link is used once)."""
    degree = neighbour_counts((u, v, d.get("weight", 1)) for u, v, d in G.edges(data=True))
    most = max(degree.values(), default=0)
    H = H.copy()
    paths: list[list[Hop]] = []
    while len(paths) < k:
        try:
            shortest = nx.shortest_path_length(H, source, target)
        except nx.NetworkXNoPath:
            break
        bound = shortest + DETOUR_HOPS if max_hops is None else min(shortest + DETOUR_HOPS, max_hops)
        if shortest > bound:
            break
        from_source = nx.single_source_shortest_path_length(H, source, cutoff=bound)
        from_target = nx.single_source_shortest_path_length(H, target, cutoff=bound)
        nodes = {n for n in from_source if n in from_target and from_source[n] + from_target[n] <= bound}
        links = [
            (link["source"], link["target"], link)
            for _, _, data in H.subgraph(nodes).edges(data=True)
            for link in data["links"]
        ]
        path = specific_path(links, source, target, degree=degree, most=most, max_hops=bound)
        if not path:
            break
        paths.append(path)
        stones = [hop.target for hop in path[:-1]]
        if stones:
            H.remove_nodes_from(stones)
        else:
            H.remove_edge(source, target)
    return paths
