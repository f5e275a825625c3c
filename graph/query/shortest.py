"""The shortest paths through a handful of links, ranked exactly as :mod:`graph.query.paths` ranks them.

``linkchart path`` on a big store reads only the links that lie on the paths it
ranks (:func:`graph.query.search.path_links`); ranking those few needs no graph library,
and not importing networkx saves about 0.2 s of every such query. Here: the
hub-aware ranking (:func:`specific_path`, the default, which
:func:`graph.query.paths.shortest_evidenced_paths` also uses) and the fewest-hop paths
(:func:`shortest_paths`, ``--rank hops``; its ``--k`` and outlet filters go through
:mod:`graph.query.paths`). Store and whole graph are tested to agree
(``tests/graph/test_query.py``).
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict, deque
from collections.abc import Iterable
from itertools import pairwise

from graph.query.hops import Hop, link_cost
from graph.schema import ASSERTION, CO_MENTION, DOCUMENT, PARAGRAPH


def _levels(neighbours: dict[str, set[str]], start: str) -> dict[str, int]:
    """Breadth-first hop counts from ``start``."""
    level, queue = {start: 0}, deque([start])
    while queue:
        node = queue.popleft()
        for other in neighbours[node]:
            if other not in level:
                level[other] = level[node] + 1
                queue.append(other)
    return level


def _index(
    links: Iterable[tuple[str, str, dict]],
) -> tuple[dict[tuple[str, str], list[dict]], dict[str, set[str]]]:
    """``({(a, b): the pair's links}, {entity: its neighbours})`` with ``a < b``."""
    by_pair: dict[tuple[str, str], list[dict]] = {}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for u, v, data in links:
        by_pair.setdefault(tuple(sorted((u, v))), []).append({**data, "source": u, "target": v})
        neighbours[u].add(v)
        neighbours[v].add(u)
    return by_pair, neighbours


def shortest_paths(
    links: Iterable[tuple[str, str, dict]], source: str, target: str, *, all_shortest: bool = False
) -> list[list[Hop]]:
    """The fewest-hop paths from ``source`` to ``target``, best evidenced first.

    Parameters
    ----------
    links : iterable of (u, v, attributes)
        Layer edges that passed the filters (as :func:`graph.query.paths.evidence_view` keeps them).
    all_shortest : bool
        Every fewest-hop path instead of only the best one.

    Returns
    -------
    list of paths (empty when ``target`` cannot be reached).
    """
    by_pair, neighbours = _index(links)
    if source == target or source not in neighbours or target not in neighbours:
        return []
    from_source, from_target = _levels(neighbours, source), _levels(neighbours, target)
    if target not in from_source:
        return []
    hops = from_source[target]

    def cost(u: str, v: str) -> float:
        pair = by_pair[tuple(sorted((u, v)))]
        return link_cost(u, v, len({d for link in pair for d in link["documents"]}))

    def onward(node: str) -> list[str]:
        """Next steps on a fewest-hop path."""
        step = from_source[node] + 1
        return sorted(
            o for o in neighbours[node] if from_source.get(o) == step and from_target.get(o) == hops - step
        )

    if all_shortest:
        paths, stack = [], [[source]]
        while stack:
            path = stack.pop()
            if path[-1] == target:
                paths.append(path)
            else:
                stack.extend([*path, o] for o in onward(path[-1]))
        totals = {}
        for path in paths:
            total = 0.0
            for u, v in pairwise(path):
                total += cost(u, v)
            totals[tuple(path)] = total
        paths.sort(key=lambda p: totals[tuple(p)])
    else:
        best, previous = {source: 0.0}, {}
        for node in sorted(from_source, key=from_source.__getitem__):
            if node not in best or from_source[node] >= hops:
                continue
            for other in onward(node):
                total = best[node] + cost(node, other)
                if other not in best or total < best[other]:
                    best[other], previous[other] = total, node
        path = [target]
        while path[-1] != source:
            path.append(previous[path[-1]])
        paths = [path[::-1]]
    return [[Hop(u, v, tuple(by_pair[tuple(sorted((u, v)))])) for u, v in pairwise(p)] for p in paths]


#: The most a stepping stone can add to a path's cost (the best-connected entity's share).
STONE_COST = 1.5
#: With the specific ranking, paths up to this many hops longer than the shortest compete.
DETOUR_HOPS = 1
#: With the specific ranking, what a hop backed only by a wider co-mention window adds.
WINDOW_COST = {PARAGRAPH: 0.25, DOCUMENT: 0.5}
#: With the specific ranking, a hop backed by a claim (one end said something about the
#: other) costs this much less than one backed only by co-mention: it explains more.
SAID_DISCOUNT = 0.25


def stone_cost(links: float, most: float) -> float:
    """What stepping through an entity with ``links`` neighbours (:func:`neighbour_counts`)
    adds to a path's cost.

    ``STONE_COST * links / most``, ``most`` being the best-connected entity's count: the
    story's hub costs 1.5 extra hops, an entity linked to a handful of others almost
    nothing. So a path one hop longer through specific entities beats "X → hub → Y".
    """
    if most <= 0:
        return 0.0
    return STONE_COST * links / most


def neighbour_counts(links: Iterable[tuple[str, str, float]]) -> dict[str, float]:
    """Per entity, its neighbours over any layer, each counting ``min(1, weight of their links)``
    (``links``: ``(u, v, weight)``): a neighbour named with it only in a list sentence counts
    the list's share, so one list cannot make its members hubs."""
    pair: dict[tuple[str, str], float] = defaultdict(float)
    for u, v, weight in links:
        pair[(u, v) if u < v else (v, u)] += weight
    counts: dict[str, float] = defaultdict(float)
    for (u, v), weight in pair.items():
        counts[u] += min(1.0, weight)
        counts[v] += min(1.0, weight)
    return dict(counts)


def specific_path(
    links: Iterable[tuple[str, str, dict]],
    source: str,
    target: str,
    *,
    degree: dict[str, float],
    most: float,
    max_hops: int,
) -> list[Hop]:
    """The cheapest path of at most ``max_hops`` hops, stepping stones costing :func:`stone_cost`.

    A hop costs :func:`graph.query.hops.link_cost` (1, less a little for better evidence),
    :data:`SAID_DISCOUNT` less when a claim backs it, :data:`WINDOW_COST` more when only a
    paragraph or document window does; each entity stepped through adds
    ``stone_cost(degree[entity], most)``. Returns
    ``[]`` when ``target`` cannot be reached within ``max_hops``.
    """
    by_pair, neighbours = _index(links)
    if source == target or source not in neighbours:
        return []

    def cost(u: str, v: str) -> float:
        pair = by_pair[tuple(sorted((u, v)))]
        step = link_cost(u, v, len({d for link in pair for d in link["documents"]}))
        layers = {link["layer"] for link in pair}
        if ASSERTION in layers:
            step -= SAID_DISCOUNT
        elif CO_MENTION not in layers:  # only a wider window backs it: weaker
            step += min(WINDOW_COST[layer] for layer in layers)
        return step + (0.0 if v == target else stone_cost(degree.get(v, 0), most))

    # Dijkstra over (entity, hops so far): the hop bound makes the state space layered
    best: dict[tuple[str, int], float] = {(source, 0): 0.0}
    previous: dict[tuple[str, int], tuple[str, int]] = {}
    heap = [(0.0, source, 0)]
    while heap:
        total, node, hops = heapq.heappop(heap)
        if total > best.get((node, hops), math.inf):
            continue
        if node == target:
            path, state = [target], (node, hops)
            while state in previous:
                state = previous[state]
                path.append(state[0])
            path.reverse()
            return [Hop(u, v, tuple(by_pair[tuple(sorted((u, v)))])) for u, v in pairwise(path)]
        if hops == max_hops:
            continue
        for other in sorted(neighbours[node]):
            if other == source:
                continue
            state, step = (other, hops + 1), total + cost(node, other)
            if step < best.get(state, math.inf):
                best[state], previous[state] = step, (node, hops)
                heapq.heappush(heap, (step, other, hops + 1))
    return []
