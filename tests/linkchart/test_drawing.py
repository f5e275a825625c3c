"""What ``linkchart html`` draws (:mod:`linkchart.drawing`), on the seeds store."""

from __future__ import annotations

from pathlib import Path

from graph.query import RING_LIMIT, RING_PER_ENTITY, find_stored_entity
from graph.store import Store
from linkchart.drawing import cut_reasons, select_drawing, write_drawing


def test_the_whole_graph_is_drawn_uncut(seeds_store: Store):
    drawing = select_drawing(seeds_store)
    assert drawing.graph.number_of_nodes() == seeds_store.reads.entity_count()
    assert (drawing.focus, drawing.highlight, drawing.ring, drawing.cut) == (None, None, None, None)


def test_a_neighbourhood_says_why_it_is_cut_and_carries_the_next_ring(seeds_store: Store):
    drawing = select_drawing(seeds_store, focus="Han Dong")
    han = find_stored_entity(seeds_store, "Han Dong")
    assert drawing.focus == han and han in drawing.graph
    assert drawing.graph.number_of_nodes() < seeds_store.reads.entity_count()
    assert drawing.cut is not None
    assert drawing.cut["reasons"] == ["only the neighbourhood of Han Dong, 1 link out (--focus, --depth)"]
    assert (drawing.cut["per_entity"], drawing.cut["limit"]) == (RING_PER_ENTITY, RING_LIMIT)
    assert drawing.ring is not None and set(drawing.ring) - set(drawing.graph)


def test_a_highlighted_path_is_kept_whatever_else_is_cut(seeds_store: Store):
    drawing = select_drawing(seeds_store, path_ends=("Han Dong", "Meng Wanzhou"), max_nodes=10, min_weight=2)
    ends = [find_stored_entity(seeds_store, "Han Dong"), find_stored_entity(seeds_store, "Meng Wanzhou")]
    assert drawing.highlight is not None and [drawing.highlight[0], drawing.highlight[-1]] == ends
    assert set(drawing.highlight) <= set(drawing.graph)
    assert drawing.cut is not None and drawing.cut["reasons"] == [
        "only the 10 most connected entities (--max-nodes)",
        "only links backed by at least 2 sentences or statements (--min-weight)",
    ]


def test_cut_reasons_count_the_links_out(seeds_store: Store):
    drawing = select_drawing(seeds_store)
    han = find_stored_entity(seeds_store, "Han Dong")
    assert cut_reasons(seeds_store, drawing.graph, han, 2, 1, None) == [
        "only the neighbourhood of Han Dong, 2 links out (--focus, --depth)"
    ]
    assert cut_reasons(seeds_store, drawing.graph, None, 1, 1, None) == []


def test_a_drawing_is_written_as_one_page(seeds_store: Store, tmp_path: Path):
    out = tmp_path / "page.html"
    write_drawing(select_drawing(seeds_store, focus="Han Dong"), out, title="Han's page", store="seeds.db")
    page = out.read_text("utf-8")
    assert "Han's page" in page and "seeds.db" in page
    assert "Han Dong" in page and "only the neighbourhood of Han Dong" in page
