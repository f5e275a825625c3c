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
