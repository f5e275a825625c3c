"""Queries that read only the part of the store they need, so big graphs answer fast.

``path``, ``neighbors`` and ``entities`` never load the whole graph: names are
looked up in an index, a neighbourhood is one indexed read, and a path search
is a bidirectional breadth-first search that reads the edges of one frontier at
a time and stops as soon as the two searches meet (plus one level of slack for
``k`` > 1). The paths themselves are then ranked on that small subgraph by
:func:`graph.paths.shortest_evidenced_paths`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.schema import HUB_TYPES, LAYERS
from graph.store import Store
from ner.cleanup import match_key

if TYPE_CHECKING:
    from networkx import MultiDiGraph

#: Minimum rapidfuzz score for a "did you mean" suggestion (as in :mod:`graph.resolve`).
SUGGESTION_CUTOFF = 60
#: How many suggestions to offer.
MAX_SUGGESTIONS = 3

#: A path search gives up (no path) beyond this many hops from either end.
MAX_SEARCH_RADIUS = 6


def resolve_name(store: Store, name: str) -> str:
    """The entity id a user means by ``name`` (id, label or alias; forgiving).

    Raises
    ------
    EntityNotFound
        With "did you mean" suggestions.
    AmbiguousEntity
        With the candidates and their types.
    """
    if store.types_of([name]):
        return name
    key = match_key(name)
    by_label, by_alias = store.ids_named(key)
    candidates = by_label or by_alias
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        G = store.subgraph(candidates, [])
        raise AmbiguousEntity(name, [(n, G.nodes[n]["label"], G.nodes[n]["type"]) for n in candidates])
    labels = store.labels()
    matches = process.extract(
        key,
        {label: match_key(label) for label in labels},
        scorer=fuzz.WRatio,
        limit=MAX_SUGGESTIONS,
        score_cutoff=SUGGESTION_CUTOFF,
    )
    raise EntityNotFound(name, [m[2] for m in matches])


def _layers(layer: str) -> tuple[str, ...]:
    return LAYERS if layer in ("any", "both") else (layer,)


def neighbourhood(store: Store, node: str, *, layer: str = "any", light: bool = False) -> MultiDiGraph:
    """``node``, its neighbours and the links between ``node`` and them (``light``: no evidence)."""
    rows = store.edges_touching([node], _layers(layer), light=light)
    others = {u for u, v, _, _ in rows} | {v for u, v, _, _ in rows}
    return store.subgraph(others | {node}, rows)


def top_neighbours(store: Store, node: str, *, layer: str = "any", limit: int = 20) -> MultiDiGraph:
    """``node`` and its ``limit`` best-corroborated neighbours, with full evidence.

    Ranks on light rows (distinct documents, then weight, then label) so that
    a hub with tens of thousands of links reads evidence for ``limit`` of them only.
    """
    rows = store.edges_touching([node], _layers(layer), light=True)
    documents: dict[str, set[str]] = {}
    weight: dict[str, int] = {}
    for u, v, _, data in rows:
        other = v if u == node else u
        light = json.loads(data)
        documents.setdefault(other, set()).update(light["documents"])
        weight[other] = weight.get(other, 0) + light["weight"]
    labels = store.labels_of(documents)
    best = sorted(documents, key=lambda o: (-len(documents[o]), -weight[o], labels.get(o, o)))[:limit]
    keep = set(best)
    chosen = [r for r in rows if (r[1] if r[0] == node else r[0]) in keep]
    full = store.edge_data(r[:3] for r in chosen)
    return store.subgraph(keep | {node}, [(*r[:3], json.dumps(full[r[:3]])) for r in chosen])


def path_subgraph(
    store: Store,
    source: str,
    target: str,
    *,
    layer: str = "any",
    min_sources: int = 1,
    avoid_types: tuple[str, ...] = HUB_TYPES,
    slack: int = 0,
    max_radius: int = MAX_SEARCH_RADIUS,
) -> MultiDiGraph:
    """The part of the graph that holds the shortest paths from ``source`` to ``target``.

    A bidirectional breadth-first search reads edges one frontier at a time
    (the smaller side first). Once the searches meet, each side goes ``slack``
    levels further so that near-shortest alternatives (``--k``) are present.
    Entities of ``avoid_types`` are reached but never expanded, as in
    :func:`graph.paths.shortest_evidenced_paths`. Every shortest path is
    contained: each of its links has an end that one of the searches expanded.

    Returns
    -------
    MultiDiGraph
        Possibly without a path, if none exists within ``max_radius`` hops of either end.
        Its edges are light (no evidence): pass the paths found to
        :func:`with_evidence`.
    """
    layers = _layers(layer)
    seen = {source: 0}, {target: 0}
    frontier = [source], [target]
    rows: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}
    extra = None  # levels still to go after the searches meet
    hubs: set[str] = set()  # reached but never passed through
    for _ in range(2 * max_radius):
        side = 0 if len(frontier[0]) <= len(frontier[1]) or not frontier[1] else 1
        if not frontier[side]:
            break
        found = store.edges_touching(frontier[side], layers, min_sources, light=True)
        new: list[str] = []
        for row in found:
            rows[row[:3]] = row
            for node in row[:2]:
                if node not in seen[side]:
                    seen[side][node] = seen[side][row[0] if node == row[1] else row[1]] + 1
                    new.append(node)
        types = store.types_of(new)
        hubs.update(n for n in new if types.get(n) in avoid_types and n not in (source, target))
        frontier[side][:] = [n for n in new if n not in hubs]
        if extra is None and (seen[0].keys() & seen[1].keys()) - hubs:
            extra = 2 * slack
        elif extra is not None:
            extra -= 1
        if extra is not None and extra <= 0:
            break
    nodes = seen[0].keys() | seen[1].keys()
    return store.subgraph(nodes, rows.values(), light=True)


def with_evidence(store: Store, hops: list) -> list:
    """The same hops with each link's full attributes (evidence, outlets) read from the store."""
    from graph.paths import Hop

    keys = [(link["source"], link["target"], link["layer"]) for hop in hops for link in hop.links]
    full = store.edge_data(keys)
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
