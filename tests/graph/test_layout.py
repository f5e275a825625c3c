"""The layout computed once when a page is written: seeded, clustered, isolated entities in a grid."""

from __future__ import annotations

import random

import networkx as nx

from graph.query import chart_layout, communities, corroboration_degree, force_layout
from tests.viz.sample_graphs import add_co_mention, add_entity, build_sample_graph


def clusters(count: int = 10, size: int = 60) -> nx.MultiDiGraph:
    """``count`` tight clusters of ``size`` entities, joined in a ring by one link each."""
    G = nx.MultiDiGraph(documents={"d1": {"title": "T", "outlet": "O"}})
    for c in range(count):
        for i in range(size):
            add_entity(G, f"person:c{c}-{i}", f"C{c} {i}", 1, ["d1"])
        for i in range(size):
            for j in (1, 2, 3):
                add_co_mention(G, f"person:c{c}-{i}", f"person:c{c}-{(i + j) % size}", [("d1", "met.")])
        add_co_mention(G, f"person:c{c}-0", f"person:c{(c + 1) % count}-0", [("d1", "met.")])
    return G


def shuffled(G: nx.MultiDiGraph, seed: int) -> nx.MultiDiGraph:
    """The same graph with its nodes and edges inserted in another order."""
    rng = random.Random(seed)
    nodes, edges = list(G.nodes(data=True)), list(G.edges(keys=True, data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    return H


def test_fixed_layout_is_deterministic_and_keeps_linked_entities_close():
    G = clusters()
    first, second = force_layout(G), force_layout(shuffled(G, 3))
    assert first == second  # seeded, and the store's order moves nothing
    assert len(set(first.values())) == G.number_of_nodes()

    def mean_distance(pairs):
        pairs = list(pairs)
        return sum(
            ((first[a][0] - first[b][0]) ** 2 + (first[a][1] - first[b][1]) ** 2) ** 0.5 for a, b in pairs
        ) / len(pairs)

    same = [(f"person:c{c}-{i}", f"person:c{c}-{(i + 30) % 60}") for c in range(10) for i in range(60)]
    other = [(f"person:c{c}-{i}", f"person:c{(c + 5) % 10}-{i}") for c in range(10) for i in range(60)]
    assert mean_distance(same) < mean_distance(other) / 2


def test_isolated_entities_sit_in_a_compact_grid_beside_the_linked_ones():
    G = clusters(4, 30)
    for i in range(50):
        add_entity(G, f"person:alone-{i}", f"Alone {i}", 50 if i == 7 else 1 + i % 3, ["d1"])
    positions = force_layout(G)
    linked = [p for n, p in positions.items() if "alone" not in n]
    alone = [p for n, p in positions.items() if "alone" in n]
    right = max(x for x, _ in linked)
    assert all(x > right for x, _ in alone)  # at the edge, not a ring around everything
    top, bottom = min(y for _, y in linked), max(y for _, y in linked)
    assert all(top <= y <= bottom for _, y in alone)
    width = max(x for x, _ in alone) - min(x for x, _ in alone)
    assert width < (right - min(x for x, _ in linked)) / 2  # compact: a few columns
    assert len(set(alone)) == 50
    # the most mentioned first: top of the first column
    assert positions["person:alone-7"] == (min(x for x, _ in alone), top)


def test_communities_are_seeded_and_find_the_clusters():
    G = clusters()
    found = communities(G)
    assert found == communities(shuffled(G, 5))
    assert len(found) == 10
    assert sorted(len(c) for c in found) == [60] * 10
    assert all(len({n.split("-")[0] for n in c}) == 1 for c in found)


def test_importance_counts_each_link_by_its_documents():
    sample_graph = build_sample_graph()
    degree = corroboration_degree(sample_graph)
    # China: Meng (2 documents), CSIS co-mention (2), Freeland (1), and its denial of CSIS (1)
    assert degree["place:china"] == 6
    assert degree["person:han-dong"] == 0
    layout = chart_layout(sample_graph)
    assert layout.isolated == {"person:han-dong"}
    assert layout.importance == degree
    assert all("person:han-dong" not in c for c in layout.communities)
    assert chart_layout(sample_graph, positions=False).positions == {}
