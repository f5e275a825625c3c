"""Where to draw each entity, how important it is and which community it belongs to.

Computed once when a page is written (``linkchart html``) and handed to ``viz`` as plain
data (:class:`ChartLayout`): the browser then draws fixed positions instead of running a
physics simulation every time the page opens.

- :func:`force_layout`: a seeded force-directed layout (igraph's Fruchterman-Reingold
  with its repulsion grid: 0.3 s at 2,000 entities, 1.1 s at 5,000; networkx's
  ``forceatlas2_layout`` is quadratic in pure numpy and took 14 s and 100 s), with the
  isolated entities in a compact grid beside the linked ones.
- :func:`corroboration_degree`: each entity's links, each counted by the documents
  backing it.
- :func:`communities`: seeded Louvain (networkx) on the links, weighted by sentences.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

import networkx as nx

#: Seed of the layout and of Louvain: the same store always gives the same page.
LAYOUT_SEED = 7
#: Fruchterman-Reingold iterations (igraph's default is 500).
LAYOUT_ITERATIONS = 500
#: Canvas units per entity along the layout's side (square root of the count): the page
#: scales labels and sizes to the fitted view, so this only sets the spacing of a small chart.
LAYOUT_SCALE_PER_NODE = 60.0
LAYOUT_MIN_SCALE = 300.0
#: Distance between neighbours in the grid of isolated entities, in canvas units.
GRID_SPACING = 45.0


@dataclass(frozen=True)
class ChartLayout:
    """What a page needs beyond the graph: positions, importance and communities.

    Attributes
    ----------
    positions : dict
        Node id → (x, y) in canvas units, or empty when the browser lays the chart out.
    importance : dict
        Node id → corroboration-weighted degree (:func:`corroboration_degree`).
    communities : tuple of tuple
        Louvain communities, largest first; each lists its node ids, most important first.
    isolated : frozenset
        The entities with no link, drawn in the grid.
    """

    positions: Mapping[Hashable, tuple[float, float]] = field(default_factory=dict)
    importance: Mapping[Hashable, float] = field(default_factory=dict)
    communities: tuple[tuple[Hashable, ...], ...] = ()
    isolated: frozenset = frozenset()


def pair_weights(G: nx.MultiDiGraph) -> dict[tuple[Hashable, Hashable], float]:
    """Return the summed ``weight`` of all links between each unordered pair (no self-loops).

    Pairs are keyed in node order (the earlier node of ``G`` first).
    """
    order = {n: i for i, n in enumerate(G.nodes)}
    weights: dict[tuple[Hashable, Hashable], float] = {}
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        pair = (u, v) if order[u] < order[v] else (v, u)
        weights[pair] = weights.get(pair, 0.0) + float(data.get("weight", 1) or 1)
    return weights


def corroboration_degree(G: nx.MultiDiGraph) -> dict[Hashable, float]:
    """Return each entity's links, each counted by the documents backing it.

    A link counts its ``corroboration`` (distinct documents), else its number of
    ``documents``, else 1: an entity tied to many others by many sources ranks above one
    named beside many others once.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", corroboration=3)
    0
    >>> G.add_edge("a", "c")
    0
    >>> corroboration_degree(G)
    {'a': 4.0, 'b': 3.0, 'c': 1.0}
    """
    degree = dict.fromkeys(G.nodes, 0.0)
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        backing = data.get("corroboration")
        if not isinstance(backing, int | float) or backing <= 0:
            documents = data.get("documents")
            backing = len(documents) if isinstance(documents, list | tuple | set) and documents else 1
        degree[u] += float(backing)
        degree[v] += float(backing)
    return degree


def force_layout(
    G: nx.MultiDiGraph,
    *,
    seed: int = LAYOUT_SEED,
    weights: Mapping[tuple[Hashable, Hashable], float] | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Return seeded force-directed positions in canvas units, isolated entities in a grid.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph. Links pull harder the more sentences back them.
    seed : int
        The layout's seed: the same graph (whatever its node order) gives the same positions.
    weights : mapping, optional
        :func:`pair_weights` of ``G``, when the caller has them already.

    Returns
    -------
    dict
        Node id → (x, y), centred on the linked entities; the isolated ones sit in a
        compact grid to the right of them, most mentioned first.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> G.add_node("z")
    >>> sorted(force_layout(G)) == ["a", "b", "c", "z"]
    True
    """
    import igraph

    nodes = sorted(G.nodes, key=str)  # the store's order must not move anything
    if not nodes:
        return {}
    weights = pair_weights(G) if weights is None else weights
    linked_set = {n for pair in weights for n in pair}
    linked = sorted(linked_set, key=str)
    alone = [n for n in nodes if n not in linked_set]  # isolated: a grid, not a far-flung ring
    alone.sort(key=lambda n: (-(G.nodes[n].get("mentions") or 0), str(n)))
    positions: dict[Hashable, tuple[float, float]] = {}
    width = height = 0.0
    if linked:
        index = {n: i for i, n in enumerate(linked)}
        pairs = sorted((tuple(sorted((index[u], index[v]))), w) for (u, v), w in weights.items())
        graph = igraph.Graph(n=len(linked), edges=[p for p, _ in pairs])
        rng = random.Random(seed)
        spread = math.sqrt(len(linked))  # igraph's repulsion grid needs the nodes spread out
        start = [[rng.uniform(-spread, spread), rng.uniform(-spread, spread)] for _ in linked]
        igraph.set_random_number_generator(rng)  # igraph's layouts draw from it: repeatable
        try:
            coords = graph.layout_fruchterman_reingold(
                weights=[1 + math.log(w) if w > 1 else w for _, w in pairs] or None,
                seed=start,
                niter=LAYOUT_ITERATIONS,
                grid="auto",
            ).coords
        finally:
            igraph.set_random_number_generator(random)
        xs, ys = zip(*coords, strict=True)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
        scale = max(LAYOUT_MIN_SCALE, LAYOUT_SCALE_PER_NODE * math.sqrt(len(linked)) * 2) / half
        for n, (x, y) in zip(linked, coords, strict=True):
            positions[n] = (round((x - cx) * scale, 1), round((y - cy) * scale, 1))
        width = (max(xs) - min(xs)) * scale
        height = (max(ys) - min(ys)) * scale
    if alone:
        rows = max(1, min(len(alone), int(height // GRID_SPACING) + 1)) if linked else 0
        rows = rows or max(1, round(math.sqrt(len(alone))))
        columns = math.ceil(len(alone) / rows)
        left = width / 2 + 2 * GRID_SPACING if linked else -(columns - 1) * GRID_SPACING / 2
        top = -height / 2 if linked else -(rows - 1) * GRID_SPACING / 2
        for i, n in enumerate(alone):
            column, row = divmod(i, rows)
            positions[n] = (round(left + column * GRID_SPACING, 1), round(top + row * GRID_SPACING, 1))
    return positions


def communities(
    G: nx.MultiDiGraph,
    *,
    seed: int = LAYOUT_SEED,
    weights: Mapping[tuple[Hashable, Hashable], float] | None = None,
    degree: Mapping[Hashable, float] | None = None,
) -> list[list[Hashable]]:
    """Return Louvain communities of the linked entities, largest first.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph; all layers count, each pair by its summed ``weight``.
    seed : int
        Louvain's seed: the same graph gives the same communities.
    weights, degree : mapping, optional
        :func:`pair_weights` and :func:`corroboration_degree` of ``G``, when the caller has
        them already.

    Returns
    -------
    list of list
        Each community's node ids, most important first
        (:func:`corroboration_degree`, then id). Isolated entities belong to none.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    >>> communities(G)
    [['a', 'b', 'c'], ['x', 'y']]
    """
    weights = pair_weights(G) if weights is None else weights
    U = nx.Graph()
    for (u, v), w in sorted(weights.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        U.add_edge(u, v, weight=w)
    if U.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(U, weight="weight", seed=seed)
    degree = corroboration_degree(G) if degree is None else degree
    ranked = [sorted(c, key=lambda n: (-degree[n], str(n))) for c in found]
    ranked.sort(key=lambda c: (-len(c), -sum(degree[n] for n in c), str(c[0])))
    return ranked


def chart_layout(G: nx.MultiDiGraph, *, positions: bool = True, seed: int = LAYOUT_SEED) -> ChartLayout:
    """Return everything a page draws beyond the graph (see :class:`ChartLayout`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph the page draws.
    positions : bool, default True
        Compute fixed positions; False when the browser lays the chart out (live layout).
    seed : int
        Seed of the layout and of Louvain.
    """
    weights = pair_weights(G)  # read once: the layout, Louvain and the isolated set share it
    degree = corroboration_degree(G)
    linked = {n for pair in weights for n in pair}
    return ChartLayout(
        positions=force_layout(G, seed=seed, weights=weights) if positions else {},
        importance=degree,
        communities=tuple(tuple(c) for c in communities(G, seed=seed, weights=weights, degree=degree)),
        isolated=frozenset(n for n in G.nodes if n not in linked),
    )
