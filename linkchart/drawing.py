"""What ``linkchart html`` (and ``watch --html``) draws: the selection from the store, then the page.

:func:`select_drawing` reads only what the page needs (or refuses a drawing too
large to read); :func:`write_drawing` lays it out once (seeded) and writes the
offline explorer. No click here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.query import (
    RING_LIMIT,
    RING_PER_ENTITY,
    LinkFilter,
    find_paths,
    find_stored_entity,
    next_ring,
    select_from_store,
)
from graph.schema import ANY_LAYER
from linkchart.text import plural

if TYPE_CHECKING:
    from networkx import MultiDiGraph

    from graph.store import Store


@dataclass(frozen=True)
class Drawing:
    """A part of the graph selected to draw, and what the page says about it."""

    #: The entities and links drawn.
    graph: MultiDiGraph
    #: The entity whose neighbourhood is drawn (``--focus``), if any.
    focus: str | None = None
    #: The entities of the highlighted path (``--path``), in order.
    highlight: list[str] | None = None
    #: The next ring of entities, hidden in the page until asked for (only when the drawing is cut).
    ring: MultiDiGraph | None = None
    #: Why the drawing is not the whole graph, with the ring's counts (``None``: it is whole).
    cut: dict[str, Any] | None = None


def select_drawing(
    store: Store,
    *,
    focus: str | None = None,
    depth: int = 1,
    layer: str = ANY_LAYER,
    min_weight: int = 1,
    max_nodes: int | None = None,
    path_ends: tuple[str, str] | None = None,
) -> Drawing:
    """Select what to draw from ``store``: all of it, or the neighbourhood of ``focus`` ``depth``
    links out, in ``layer``, without links weaker than ``min_weight``, at most ``max_nodes``
    entities, with the shortest path between the two names of ``path_ends`` highlighted.

    Raises
    ------
    graph.query.TooLargeToDraw
        If the selection is too large to draw (said before it is read).
    graph.errors.EntityNotFound, graph.errors.AmbiguousEntity, graph.errors.NoPath
        If a name does not resolve, or ``path_ends`` are not connected.
    """
    from graph.query import EVIDENCE_DRAWN

    center = find_stored_entity(store, focus) if focus else None
    highlight = None
    if path_ends:
        u, v = find_stored_entity(store, path_ends[0]), find_stored_entity(store, path_ends[1])
        hops = find_paths(store, u, v, LinkFilter(layer), evidence=0)[0][0]
        highlight = [hops[0].source, *(h.target for h in hops)]
    # on a big store, read only what the drawing needs, or refuse before reading it all
    H = select_from_store(
        store,
        focus=center,
        depth=depth,
        keep=highlight or (),
        layer=layer,
        min_link_weight=min_weight,
        max_nodes=max_nodes,
        evidence=EVIDENCE_DRAWN,  # what the page holds of each link's evidence
    )
    reasons = cut_reasons(store, H, center, depth, min_weight, max_nodes)
    if not reasons:
        return Drawing(H, center, highlight)
    ring, counts = next_ring(store, H.nodes, layer=layer)  # hidden in the page until asked for
    cut = {"reasons": reasons, **counts, "per_entity": RING_PER_ENTITY, "limit": RING_LIMIT}
    return Drawing(H, center, highlight, ring, cut)


def cut_reasons(
    store: Store, H: MultiDiGraph, center: str | None, depth: int, min_weight: int, max_nodes: int | None
) -> list[str]:
    """Why a drawing does not show the whole graph, one sentence per option that cut it."""
    reasons = []
    if center is not None:
        name = store.reads.labels_of([center]).get(center, center)
        reasons.append(f"only the neighbourhood of {name}, {plural(depth, 'link')} out (--focus, --depth)")
    if max_nodes is not None and H.number_of_nodes() >= max_nodes:
        reasons.append(f"only the {max_nodes:,} most connected entities (--max-nodes)")
    if min_weight > 1:
        reasons.append(f"only links backed by at least {min_weight} sentences or statements (--min-weight)")
    return reasons


def write_drawing(drawing: Drawing, out: Path, *, title: str, store: str, live_layout: bool = False) -> None:
    """Lay ``drawing`` out once (seeded: the same store gives the same page) and write the page
    to ``out``; with ``live_layout`` the browser lays it out instead. ``store``: the store's
    path, as the page shows it."""
    from graph.query import chart_layout
    from viz import render_html

    layout = chart_layout(drawing.graph, positions=not live_layout)  # once, here: the page draws it fixed
    render_html(
        drawing.graph,
        out,
        title=title,
        highlight_path=drawing.highlight,
        physics=live_layout,
        store=store,
        layout=layout,
        ring=drawing.ring,
        cut=drawing.cut,
        focus=drawing.focus,
    )
