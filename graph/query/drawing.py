"""What a chart may draw: the limits past which a drawing is refused, and
:func:`select_for_drawing` narrowing a graph in memory (:mod:`graph.query.selection` does the
same on the store).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Iterable

import networkx as nx

from graph.query.views import ego_subgraph, induced_subgraph, min_weight, select_layer, top_nodes
from graph.schema import ANY_LAYER

#: Beyond this many entities a drawing is a hairball; ``html`` asks the user to narrow it.
MAX_DRAWN_NODES = 2500
#: Links above which a drawing is refused too (a page of them is a hairball, and tens of MB).
MAX_DRAWN_LINKS = 20_000
#: Documents per link whose evidence a drawing carries (the first by id): a link between two
#: hubs has thousands, which would make the page too large to open; the store keeps them all.
EVIDENCE_DRAWN = 20


class TooLargeToDraw(ValueError):
    """The selection has more entities than a readable drawing can hold."""


def too_large_message(count: int, limit: int) -> str:
    """What ``html`` tells the user when a drawing would be a hairball."""
    return (
        f"{count} entities are too many to draw readably (limit {limit}); "
        "narrow it with --focus NAME, --max-nodes N or --min-weight N"
    )


def too_many_links_message(weights: Iterable[float], limit: int) -> str:
    """What ``html`` tells the user when a drawing has too many links, with the smallest
    ``--min-weight`` that brings them under ``limit`` (``weights``: one per link).

    ``--min-weight N`` (N ≥ 2; 1 filters nothing) keeps the links of weight ≥ N. The
    count it gives is exact for a whole-graph drawing; with ``--focus`` the weight filter
    runs first, so the neighbourhood can only shrink: at most that many.
    """
    weights = sorted(weights)
    count, least = len(weights), 2
    while count - bisect_left(weights, least) > limit and least <= (weights[-1] if weights else 0):
        least += 1
    kept = count - bisect_left(weights, least)
    return (
        f"{count} links are too many to draw readably (limit {limit}); narrow it with "
        f"--focus NAME, --max-nodes N or --min-weight {least} (leaves at most {kept} links)"
    )


def select_for_drawing(
    G: nx.MultiDiGraph,
    *,
    layer: str = ANY_LAYER,
    focus: Hashable | None = None,
    depth: int = 1,
    min_link_weight: float = 1,
    max_nodes: int | None = None,
    keep: Iterable[Hashable] = (),
    limit: int | None = None,
    link_limit: int | None = None,
) -> nx.MultiDiGraph:
    """Narrow a graph for drawing: layer, then link weight, then focus, then size.

    Parameters
    ----------
    G : MultiDiGraph
        A linkchart graph.
    layer : {"any", "co-mention", "assertion", "paragraph", "document"}
    focus : node, optional
        Keep only entities within ``depth`` links of this one.
    min_link_weight : float
        Drop links backed by fewer sentences/assertions than this.
    max_nodes : int, optional
        Keep the most connected entities.
    keep : iterable of nodes
        Entities that must stay whatever the filters say (a highlighted path),
        together with the links between them.
    limit : int, optional
        Raise :class:`TooLargeToDraw` when the result is larger than this
        (default :data:`MAX_DRAWN_NODES`) and ``max_nodes`` did not cut it.
    link_limit : int, optional
        The same for links (default :data:`MAX_DRAWN_LINKS`); the message says which
        ``--min-weight`` would do.

    Returns
    -------
    MultiDiGraph
        A new graph; ``G`` is not changed.
    """
    keep = list(keep)
    limit = MAX_DRAWN_NODES if limit is None else limit
    link_limit = MAX_DRAWN_LINKS if link_limit is None else link_limit
    H = select_layer(G, layer)  # "any" too: it leaves out the co-mention windows
    if min_link_weight > 1:
        H = min_weight(H, min_link_weight)
    if focus is not None:
        H = ego_subgraph(H, focus, depth) if focus in H else induced_subgraph(G, [focus])
    if max_nodes is not None and H.number_of_nodes() > max_nodes:
        H = top_nodes(H, max_nodes)
    elif H.number_of_nodes() > limit:
        raise TooLargeToDraw(too_large_message(H.number_of_nodes(), limit))
    elif H.number_of_edges() > link_limit:
        weights = (data.get("weight", 1) for _, _, data in H.edges(data=True))
        raise TooLargeToDraw(too_many_links_message(weights, link_limit))
    if keep:
        H = induced_subgraph(G, set(H.nodes) | set(keep)) if not set(keep) <= set(H.nodes) else H
    return H.copy() if H is G else H
