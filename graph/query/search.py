"""Queries that read only the part of the store they need, so big graphs answer fast.

``path``, ``neighbors`` and ``entities`` never load the whole graph: names are
looked up in an index; ``neighbors`` ranks one node's row of the compact
adjacency (:mod:`graph.index.adjacency`) and reads evidence for the links it shows;
``path`` runs breadth-first searches over the adjacency to find exactly the
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
from graph.schema import ANY_LAYER, ASSERTION, CO_MENTION, ENTITY_TYPES, layers_of
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


#: Per-entry arrays :func:`top_neighbours` reads for one node.
NEIGHBOUR_ARRAYS = ("neighbour", "edge", "layer", "weight", "corroboration", "pair_documents")


def top_neighbours(
    store: Store, node: str, *, layer: str = ANY_LAYER, limit: int = 20, evidence: int | None = None
) -> list[tuple[str, dict, Hop]]:
    """``node``'s ``limit`` best-corroborated neighbours as ``(id, attributes, hop)``.

    The order is :func:`graph.query.paths.ranked_neighbours`'s (distinct documents over
    the chosen layers, then total weight, then label), computed on ``node``'s row
    of the adjacency, so a hub with tens of thousands of links reads the
    evidence of ``limit`` of them only. With ``evidence``, each link carries only
    the evidence ``hop.best_evidence(evidence)`` can show (a link between two hubs
    has thousands of documents).
    """
    import numpy as np

    from graph.index import LAYER_BITS, read_adjacency, read_row

    i = store.reads.indexes_of([node])[node]
    row = read_row(store.db, i, (*NEIGHBOUR_ARRAYS, "pair_assertion_documents"))
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
    rank = read_adjacency(store.db, ("label_rank",)).label_rank[others]
    chosen = others[np.lexsort((rank, -weight, -best_documents))[:limit]]
    wanted = np.isin(row["neighbour"], chosen) & keep
    ids = store.reads.ids_at(chosen.tolist())
    links: dict[str, list[dict]] = {}
    for u, v, _, data in store.reads.edges_at(row["edge"][wanted].tolist(), documents=evidence):
        other = v if u == node else u
        links.setdefault(other, []).append({**data, "source": u, "target": v})
    attributes = store.reads.entity_attributes(ids.values())
    return [(ids[o], attributes[ids[o]], Hop(node, ids[o], tuple(links[ids[o]]))) for o in chosen.tolist()]


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

    adj = read_adjacency(store.db, {*SEARCH_ARRAYS, *mask_arrays(links)})
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
    rows = store.reads.edges_at(links_among(store.db, adj, nodes, mask).tolist(), light=not links.by_outlet)
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
    """The best-connected entities (by :func:`graph.index.adjacency.neighbour_counts`): the top
    :data:`HUB_SHARE`, at least :data:`MIN_HUBS` of them."""
    import numpy as np

    from graph.index import neighbour_counts, read_adjacency

    counts = neighbour_counts(read_adjacency(store.db, ("indptr", "neighbour", "weight")))
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

    counts = neighbour_counts(read_adjacency(store.db, ("indptr", "neighbour", "weight")))
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
    adj = read_adjacency(store.db, ("indptr", "neighbour", "layer", "weight"))
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
    # the best-linked entities, ranked as graph.query.drawing.top_nodes ranks them
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
    return store.reads.edges_at(links_among(store.db, adj, chosen, everything).tolist(), documents=evidence)


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

    adj = read_adjacency(store.db, ("indptr", "neighbour", "layer", "weight"))
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
    edges = read_slices(store.db, spans, ["edge"])["edge"]
    keep = in_layer[ring_entries] & near[adj.neighbour[ring_entries]]
    rowids = np.unique(edges[keep])
    ends = set(store.reads.ids_at(np.unique(adj.neighbour[ring_entries[keep]]).tolist()).values())
    ends |= set(store.reads.ids_at(ring_idx.tolist()).values())
    return store.reads.subgraph(ends, store.reads.edges_at(rowids.tolist(), documents=evidence)), counts
