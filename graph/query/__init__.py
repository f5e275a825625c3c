"""Questions asked of the graph: names, paths, neighbours, views, what to draw, summaries.

``names``: a typed name → an entity id; :class:`LinkFilter` (from :mod:`graph.filters`): which
links a search may use; ``hops`` and ``shortest``: one step of a path and the fewest-hop
ranking; ``paths``: evidenced paths on a graph in memory; ``search``: the same on the store's
search arrays (the quick queries); ``neighbours``: ranked neighbours, on the store or in memory;
``views``: a graph narrowed to a layer, a neighbourhood, strong links, busy nodes;
``drawing`` and ``selection``: what a chart draws, from a graph or from the store; ``layout``:
where it draws it; ``summary``: sources and statistics.

The quick queries must not import networkx: the modules that do (paths, views, drawing,
layout, summary) are imported on first use of one of their names.
"""

from importlib import import_module
from typing import Any

from graph.filters import LinkFilter
from graph.query.hops import EVIDENCE_COST, Hop, link_cost, only_outlet, without_outlet
from graph.query.names import GraphNames, NameIndex, find_entity, find_node, find_outlet, suggest
from graph.query.neighbours import ranked_neighbours, top_neighbours
from graph.query.search import find_paths, find_stored_entity, hubs, path_links, path_subgraph, with_evidence
from graph.query.selection import RING_LIMIT, RING_PER_ENTITY, next_ring, select_from_store
from graph.query.shortest import (
    DETOUR_HOPS,
    STONE_COST,
    neighbour_counts,
    shortest_paths,
    specific_path,
    stone_cost,
)

#: Names whose module imports networkx: ``{name: module}``, imported when first asked for.
_LAZY = {
    **dict.fromkeys(("evidence_view", "shortest_evidenced_paths"), "paths"),
    **dict.fromkeys(
        (
            "EVIDENCE_DRAWN",
            "MAX_DRAWN_LINKS",
            "MAX_DRAWN_NODES",
            "TooLargeToDraw",
            "select_for_drawing",
            "too_large_message",
            "too_many_links_message",
        ),
        "drawing",
    ),
    **dict.fromkeys(
        ("ego_subgraph", "induced_subgraph", "min_weight", "select_layer", "top_nodes", "weighted_degree"),
        "views",
    ),
    **dict.fromkeys(
        ("ChartLayout", "chart_layout", "communities", "corroboration_degree", "force_layout"), "layout"
    ),
    **dict.fromkeys(("graph_statistics", "source_contributions"), "summary"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"graph.query.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DETOUR_HOPS",
    "EVIDENCE_COST",
    "RING_LIMIT",
    "RING_PER_ENTITY",
    "STONE_COST",
    "GraphNames",
    "LinkFilter",
    "Hop",
    "NameIndex",
    "find_node",
    "find_paths",
    "hubs",
    "link_cost",
    "neighbour_counts",
    "next_ring",
    "only_outlet",
    "path_links",
    "path_subgraph",
    "ranked_neighbours",
    "find_entity",
    "find_stored_entity",
    "find_outlet",
    "select_from_store",
    "shortest_paths",
    "specific_path",
    "stone_cost",
    "suggest",
    "top_neighbours",
    "with_evidence",
    "without_outlet",
    *_LAZY,
]
