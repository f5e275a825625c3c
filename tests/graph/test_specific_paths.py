"""Hub-aware path ranking (``rank="specific"``), on small hand-made graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.errors import NoPath
from graph.query import STONE_COST, shortest_evidenced_paths, stone_cost


def _graph(links: list[tuple[str, str]], hub_fans: dict[str, int] | None = None) -> nx.MultiDiGraph:
    """A co-mention graph of ``links`` (one document each); each ``hub_fans`` entity also gets
    that many extra neighbours, so it is a hub."""
    G = nx.MultiDiGraph()
    extra = [(hub, f"{hub}-fan-{i}") for hub, n in (hub_fans or {}).items() for i in range(n)]
    for i, (u, v) in enumerate([*links, *extra]):
        for node in (u, v):
            G.add_node(node, type="person", label=node)
        G.add_edge(
            u,
            v,
            key="co-mention",
            layer="co-mention",
            documents=[f"d{i}"],
            outlets=[],
            corroboration=1,
            weight=1,
            evidence=[],
        )
    return G


def _ids(paths) -> list[list[str]]:
    return [[p[0].source, *(h.target for h in p)] for p in paths]


def test_a_specific_stepping_stone_beats_the_hub_at_equal_length():
    G = _graph([("A", "Hub"), ("Hub", "B"), ("A", "x"), ("x", "B")], hub_fans={"Hub": 30})
    assert _ids(shortest_evidenced_paths(G, "A", "B")) == [["A", "x", "B"]]


def test_one_hop_more_through_specific_entities_beats_the_hub():
    G = _graph([("A", "Hub"), ("Hub", "B"), ("A", "x"), ("x", "y"), ("y", "B")], hub_fans={"Hub": 30})
    assert _ids(shortest_evidenced_paths(G, "A", "B")) == [["A", "x", "y", "B"]]
    assert _ids(shortest_evidenced_paths(G, "A", "B", rank="hops")) == [["A", "Hub", "B"]]


def test_two_hops_more_never_beat_a_shorter_path():
    links = [("A", "Hub"), ("Hub", "B"), ("A", "x"), ("x", "y"), ("y", "z"), ("z", "B")]
    G = _graph(links, hub_fans={"Hub": 30})
    assert _ids(shortest_evidenced_paths(G, "A", "B")) == [["A", "Hub", "B"]]


def test_k_paths_are_genuinely_different():
    links = [("A", "Hub"), ("Hub", "B"), ("A", "x"), ("x", "B"), ("A", "y"), ("y", "Hub"), ("A", "B")]
    G = _graph(links, hub_fans={"Hub": 30})
    paths = _ids(shortest_evidenced_paths(G, "A", "B", k=4))
    assert paths == [["A", "B"], ["A", "x", "B"], ["A", "Hub", "B"]]
    stones = [set(p[1:-1]) for p in paths]
    assert all(not (a & b) for i, a in enumerate(stones) for b in stones[i + 1 :])


def test_avoid_never_steps_through_the_entity():
    G = _graph([("A", "Hub"), ("Hub", "B"), ("A", "x"), ("x", "y"), ("y", "z"), ("z", "B")])
    assert _ids(shortest_evidenced_paths(G, "A", "B", avoid=["Hub"])) == [["A", "x", "y", "z", "B"]]
    with pytest.raises(NoPath):
        shortest_evidenced_paths(G, "A", "B", avoid=["Hub", "y"])


def test_stone_cost_grows_with_links_up_to_the_hubs():
    assert 0 < stone_cost(2, 50) < stone_cost(10, 50) < stone_cost(50, 50) == STONE_COST


def test_a_hop_backed_by_a_claim_beats_a_co_mention_at_equal_specificity():
    G = _graph([("A", "x"), ("x", "B"), ("A", "y"), ("y", "B")])
    assert _ids(shortest_evidenced_paths(G, "A", "B")) == [["A", "y", "B"]]  # the tie-break's choice
    G.add_edge("x", "A", key="assertion", layer="assertion", documents=["d9"], outlets=[], corroboration=1,
               weight=1, evidence=[])  # fmt: skip
    assert _ids(shortest_evidenced_paths(G, "A", "B")) == [["A", "x", "B"]]
