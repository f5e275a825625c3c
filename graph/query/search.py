"""Queries that read only the part of the store they need, so big graphs answer fast.

``path`` and ``entities`` never load the whole graph: names are looked up in an
index (neighbours: :mod:`graph.query.neighbours`; what to draw:
:mod:`graph.query.selection`); ``path`` runs breadth-first searches over the adjacency to find exactly the
entities that lie on the shortest paths (or on paths up to a few hops longer,
for ``--k``), reads those links and ranks the paths on that small graph with
:func:`graph.query.paths.shortest_evidenced_paths`, which also runs on a whole graph:
the two are tested to agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from graph.errors import NoPath
from graph.filters import DEFAULT_LINKS, LinkFilter
from graph.query.hops import Hop
from graph.query.names import find_entity
from graph.schema import ANY_LAYER, ENTITY_TYPES
from graph.store import Store

if TYPE_CHECKING:
    from networkx import MultiDiGraph

#: A path search gives up (no path) beyond this many hops.
MAX_SEARCH_HOPS = 64
#: ``--k`` looks at paths up to this many hops longer than the shortest.
MAX_SLACK = 3


def find_stored_entity(store: Store, name: str) -> str:
    """The entity id a user means by ``name``: :func:`graph.query.names.find_entity` on the store's
    name index."""
    return find_entity(store.reads, name)


def _expandable(adj, avoid_types: tuple[str, ...]):
    import numpy as np

    return ~np.isin(adj.node_type, [ENTITY_TYPES.index(t) for t in avoid_types if t in ENTITY_TYPES])


def path_links(
    store: Store,
    source: str,
    target: str,
    links: LinkFilter = DEFAULT_LINKS,
    *,
    avoid: Iterable[str] = (),
    slack: int = 0,
    max_hops: int = MAX_SEARCH_HOPS,
    indirect: bool = False,
) -> tuple[int | None, list[str], list[tuple[str, str, str, dict]]]:
    """The shortest distance from ``source`` to ``target``, and the entities and links of the paths.

    The entities are every one on a path of at most the shortest distance +
    ``slack`` hops over links that pass the filters (as
    :func:`graph.query.paths.evidence_view` applies them); the links are every such
    link among them, as ``(source, target, layer, data)`` rows. Entities of
    ``avoid_types`` may only be ends, as in
    :func:`graph.query.paths.shortest_evidenced_paths`. Links are light (no evidence:
    pass the paths found to :func:`with_evidence`) unless an outlet filter needs
    their evidence. ``distance`` is None (and the lists empty) when no path
    exists within ``max_hops``. Entities in ``avoid`` are never stepped through;
    with ``indirect``, the direct link between the two is left out.
    """
    from graph.index import SEARCH_ARRAYS, entry_mask, links_among, mask_arrays, path_nodes, read_adjacency

    adj = read_adjacency(store.index, {*SEARCH_ARRAYS, *mask_arrays(links)})
    index = store.reads.indexes_of([source, target])
    mask = entry_mask(adj, links)
    if indirect:
        for a, b in ((index[source], index[target]), (index[target], index[source])):
            lo, hi = int(adj.indptr[a]), int(adj.indptr[a + 1])
            mask[lo:hi] &= adj.neighbour[lo:hi] != b
    expandable = _expandable(adj, links.avoid_types)
    expandable[list(store.reads.indexes_of(set(avoid) - {source, target}).values())] = False
    distance, nodes = path_nodes(
        adj, index[source], index[target], mask, expandable, slack=slack, max_hops=max_hops
    )
    if distance is None:
        return None, [], []
    rows = store.reads.edges_at(
        links_among(store.index, adj, nodes, mask).tolist(), light=not links.by_outlet
    )
    return distance, list(store.reads.ids_at(nodes.tolist()).values()), rows


def path_subgraph(
    store: Store, source: str, target: str, links: LinkFilter = DEFAULT_LINKS, **options: Any
) -> tuple[int | None, MultiDiGraph]:
    """:func:`path_links` as a light graph (just the two ends when there is no path)."""
    distance, nodes, rows = path_links(store, source, target, links, **options)
    return distance, store.reads.subgraph(nodes or [source, target], rows, light=True, documents=False)


def find_paths(
    store: Store,
    source: str,
    target: str,
    links: LinkFilter = DEFAULT_LINKS,
    *,
    k: int = 1,
    all_shortest: bool = False,
    max_hops: int | None = None,
    avoid: Iterable[str] = (),
    avoid_hubs: bool = False,
    rank: str = "specific",
    evidence: int | None = None,
) -> tuple[list[list[Hop]], dict[str, str]]:
    """:func:`graph.query.paths.shortest_evidenced_paths` on the store, reading only the paths' part.

    ``avoid``: entities never stepped through; ``avoid_hubs`` adds :func:`hubs`. With
    ``rank`` "specific" (and not ``all_shortest``), each path is
    :func:`graph.query.shortest.specific_path` over the entities on paths at most
    :data:`graph.query.shortest.DETOUR_HOPS` longer than the shortest, and each next one avoids
    the stepping stones of those before it.

    With ``evidence``, each link of a path found without an outlet filter carries
    only the evidence ``hop.best_evidence(evidence)`` can show.

    The best path, or all fewest-hop paths, are ranked by :func:`graph.query.shortest.shortest_paths`
    (no networkx). With ``k`` > 1 the search widens one hop at a time (up to
    :data:`MAX_SLACK` hops beyond the shortest) until it holds ``k`` paths;
    every path returned is among the ``k`` best of the whole graph. Returns the
    paths (each hop with its evidence) and ``{id: label}`` of their entities.

    Raises
    ------
    graph.errors.NoPath
        If no path satisfies the filters.
    """
    limit = min(max_hops or MAX_SEARCH_HOPS, MAX_SEARCH_HOPS)
    named_avoid = set(avoid)
    avoid = named_avoid | (set(hubs(store)) if avoid_hubs else set())
    paths: list[list[Hop]] = []
    if rank == "specific" and not all_shortest:
        paths = _specific_paths(store, source, target, links, k=k, limit=limit, avoid=avoid)
    elif not links.by_outlet and (k == 1 or all_shortest):
        from graph.query.shortest import shortest_paths

        distance, _, rows = path_links(store, source, target, links, max_hops=limit, avoid=avoid)
        if distance is not None:
            found = [(u, v, data) for u, v, _, data in rows]
            paths = shortest_paths(found, source, target, all_shortest=all_shortest)
    else:
        paths = _ranked_paths(
            store, source, target, links, k=k, all_shortest=all_shortest, limit=limit, avoid=avoid
        )
    if not paths:
        names = store.reads.labels_of([source, target])
        used = [
            text
            for text, on in (
                (f"--layer {links.layer}", links.layer != ANY_LAYER),
                (f"--min-sources {links.min_sources}", links.min_sources > 1),
                (f"--via-outlet {links.via_outlet!r}", bool(links.via_outlet)),
                (f"--exclude-outlet {links.exclude_outlet!r}", bool(links.exclude_outlet)),
                (f"--max-hops {max_hops}", max_hops is not None),
                ("--avoid", bool(named_avoid)),
                ("--avoid-hubs", avoid_hubs),
            )
            if on
        ]
        but = f" with {', '.join(used)}" if used else ": no chain of links joins them"
        raise NoPath(f"no path between {names[source]!r} and {names[target]!r}{but}")
    if not links.by_outlet:
        paths = [with_evidence(store, p, evidence) for p in paths]  # evidence read for the shown links only
    labels = store.reads.labels_of({n for p in paths for hop in p for n in (hop.source, hop.target)})
    return paths, labels


#: ``--avoid-hubs`` skips this share of the entities, the best-connected (at least :data:`MIN_HUBS`).
HUB_SHARE = 0.01
MIN_HUBS = 3


def hubs(store: Store) -> list[str]:
    """The best-connected entities (by :func:`graph.index.search.neighbour_counts`): the top
    :data:`HUB_SHARE`, at least :data:`MIN_HUBS` of them."""
    import numpy as np

    from graph.index import neighbour_counts, read_adjacency

    counts = neighbour_counts(read_adjacency(store.index, ("indptr", "neighbour", "weight")))
    linked = int((counts > 0).sum())
    n = min(linked, max(MIN_HUBS, round(linked * HUB_SHARE)))
    top = np.lexsort((np.arange(len(counts)), -counts))[:n]
    return list(store.reads.ids_at(top.tolist()).values())


def _specific_paths(
    store: Store, source: str, target: str, links: LinkFilter, *, k: int, limit: int, avoid: Iterable[str]
) -> list[list[Hop]]:
    """Up to ``k`` paths by :func:`graph.query.shortest.specific_path`, each avoiding the stepping
    stones of those before it (a direct link is used once); as :mod:`graph.query.paths` ranks them."""
    from graph.index import neighbour_counts, read_adjacency
    from graph.query.hops import only_outlet, without_outlet
    from graph.query.shortest import DETOUR_HOPS, specific_path

    counts = neighbour_counts(read_adjacency(store.index, ("indptr", "neighbour", "weight")))
    most = float(counts.max()) if counts.size else 0.0
    avoid, via_outlet = set(avoid), links.via_outlet
    paths: list[list[Hop]] = []
    indirect = False
    while len(paths) < k:
        search = {"slack": DETOUR_HOPS, "max_hops": limit, "avoid": avoid, "indirect": indirect}
        distance, nodes, rows = path_links(store, source, target, links, **search)
        if distance is None:
            break
        index = store.reads.indexes_of(nodes)
        degree = {node: float(counts[i]) for node, i in index.items()}
        found = [(u, v, {**data, "source": u, "target": v}) for u, v, _, data in rows]
        if via_outlet:
            found = [(u, v, only_outlet(data, via_outlet)) for u, v, data in found]
        if links.exclude_outlet:
            found = [(u, v, without_outlet(data, links.exclude_outlet)) for u, v, data in found]
        bound = min(distance + DETOUR_HOPS, limit)
        path = specific_path(found, source, target, degree=degree, most=most, max_hops=bound)
        if not path:
            break
        paths.append(path)
        stones = {hop.target for hop in path[:-1]}
        avoid |= stones
        indirect = indirect or not stones
    return paths


def _ranked_paths(
    store: Store,
    source: str,
    target: str,
    links: LinkFilter,
    *,
    k: int,
    all_shortest: bool,
    limit: int,
    avoid: Iterable[str],
) -> list[list[Hop]]:
    """``k`` paths ranked by :func:`graph.query.paths.shortest_evidenced_paths` on a widening part."""
    from graph.query.paths import shortest_evidenced_paths

    slack = 0
    while True:
        distance, G = path_subgraph(store, source, target, links, slack=slack, max_hops=limit, avoid=avoid)
        if distance is None:
            return []
        bound = min(distance + slack, limit)
        try:
            paths = shortest_evidenced_paths(
                G,
                source,
                target,
                links,
                k=k,
                all_shortest=all_shortest,
                max_hops=bound,
                rank="hops",
                avoid=avoid,
            )
        except NoPath:
            return []
        if all_shortest or len(paths) >= k or slack >= MAX_SLACK or bound >= limit:
            return paths
        slack += 1


def with_evidence(store: Store, hops: list[Hop], evidence: int | None = None) -> list[Hop]:
    """The same hops with each link's full attributes (evidence, outlets) read from the store:
    all the evidence, or what ``hop.best_evidence(evidence)`` can show."""
    keys = [(link["source"], link["target"], link["layer"]) for hop in hops for link in hop.links]
    full = store.reads.edge_data(keys, documents=evidence)
    return [
        Hop(
            hop.source,
            hop.target,
            tuple(
                {
                    **full.get((link["source"], link["target"], link["layer"]), link),
                    "source": link["source"],
                    "target": link["target"],
                }
                for link in hop.links
            ),
        )
        for hop in hops
    ]
