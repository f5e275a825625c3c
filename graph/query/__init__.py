"""Questions asked of the graph: names, paths, neighbours, views, what to draw, summaries.

``names``: a typed name → an entity id; ``hops`` and ``shortest``: one step of a path and the
fewest-hop search; ``paths``: evidenced paths and neighbours on a graph in memory; ``search``:
the same on the store's search arrays (the quick queries); ``drawing``: views of a graph and
what a chart draws; ``layout``: where it draws it; ``summary``: sources and statistics.

The quick queries must not import networkx: the modules that do (paths, drawing, layout,
summary) are imported on first use of one of their names.
"""

from importlib import import_module
from typing import Any

from graph.filters import LinkFilter
from graph.query.hops import EVIDENCE_COST, Hop, link_cost, only_outlet, without_outlet
from graph.query.names import GraphNames, NameIndex, find_entity, find_node, find_outlet, suggest
from graph.query.search import (
    RING_LIMIT,
    RING_PER_ENTITY,
    find_paths,
    find_stored_entity,
    hubs,
    next_ring,
    path_subgraph,
    select_from_store,
    top_neighbours,
    with_evidence,
)
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
    **dict.fromkeys(("evidence_view", "ranked_neighbours", "shortest_evidenced_paths"), "paths"),
    **dict.fromkeys(
        (
            "EVIDENCE_DRAWN",
            "MAX_DRAWN_LINKS",
            "MAX_DRAWN_NODES",
            "TooLargeToDraw",
            "ego_subgraph",
            "min_weight",
            "select_for_drawing",
            "select_layer",
            "too_large_message",
            "too_many_links_message",
            "top_nodes",
            "weighted_degree",
        ),
        "drawing",
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
    "path_subgraph",
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
