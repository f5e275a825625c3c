"""Graphs too large for live physics get a layout computed once in Python (no browser needed)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from tests.viz.sample_graphs import add_co_mention, add_entity
from viz import render_html
from viz.render import graph_payload

#: Above 500 nodes networkx switches to its sparse (scipy) spring layout: test past that line.
NODES = 650


def test_large_graph_renders_with_a_precomputed_layout(tmp_path: Path):
    G = nx.MultiDiGraph(documents={"d1": {"title": "T", "outlet": "O"}})
    for i in range(NODES):
        add_entity(G, f"person:p{i}", f"Person {i}", 1 + i % 7, ["d1"])
    for i in range(NODES - 1):
        add_co_mention(G, f"person:p{i}", f"person:p{(i * 7 + 1) % NODES}", [("d1", f"P{i} met someone.")])
    payload = graph_payload(G, title="big", highlight_path=None, physics=False)
    assert len(payload["nodes"]) == NODES
    assert all(isinstance(n["x"], float | int) and isinstance(n["y"], float | int) for n in payload["nodes"])
    out = render_html(G, tmp_path / "big.html", physics=False)
    assert out.stat().st_size > 100_000


def test_fixed_layout_is_deterministic_and_keeps_linked_entities_close():
    from viz.render import _fixed_layout

    G = nx.MultiDiGraph(documents={"d1": {"title": "T", "outlet": "O"}})
    # ten tight clusters of 60 joined by one link each: a layout should keep each cluster together
    for c in range(10):
        for i in range(60):
            add_entity(G, f"person:c{c}-{i}", f"C{c} {i}", 1, ["d1"])
        for i in range(60):
            for j in (1, 2, 3):
                add_co_mention(G, f"person:c{c}-{i}", f"person:c{c}-{(i + j) % 60}", [("d1", "met.")])
        add_co_mention(G, f"person:c{c}-0", f"person:c{(c + 1) % 10}-0", [("d1", "met.")])
    first, second = _fixed_layout(G), _fixed_layout(G)
    assert first == second
    assert len(set(first.values())) == G.number_of_nodes()

    def mean_distance(pairs):
        pairs = list(pairs)
        return sum(
            ((first[a][0] - first[b][0]) ** 2 + (first[a][1] - first[b][1]) ** 2) ** 0.5 for a, b in pairs
        ) / len(pairs)

    same = [(f"person:c{c}-{i}", f"person:c{c}-{(i + 30) % 60}") for c in range(10) for i in range(60)]
    other = [(f"person:c{c}-{i}", f"person:c{(c + 5) % 10}-{i}") for c in range(10) for i in range(60)]
    assert mean_distance(same) < mean_distance(other) / 2
