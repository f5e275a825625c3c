"""Partial reads answer exactly as the whole graph would (on the seeds store)."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pytest

from graph.paths import shortest_evidenced_paths
from graph.query import neighbourhood, path_subgraph, resolve_name
from graph.resolve import AmbiguousEntity, EntityNotFound, find_node
from graph.store import Store

PEOPLE = [
    "Han Dong",
    "Meng Wanzhou",
    "Charles Burton",
    "Xi Jinping",
    "Michael Chong",
    "Erin O’Toole",
    "Alison Murphy",
    "Donald Trump",
    "Eric Balsam",
    "Chrystia Freeland",
]


@pytest.fixture(scope="module")
def store(seeds_db: Path):
    with Store(seeds_db) as opened:
        yield opened


def test_names_resolve_as_in_the_full_graph(store: Store):
    G = store.load_graph()
    for name in [*PEOPLE, "csis", "MSS", "dong", "Journal"]:
        assert resolve_name(store, name) == find_node(G, name)
    with pytest.raises(EntityNotFound) as missing:
        resolve_name(store, "Han Dongg")
    assert missing.value.suggestions[0] == "Han Dong"


def test_ambiguous_alias_lists_candidates(tmp_path: Path):
    G = nx.MultiDiGraph(documents={})
    G.add_node("person:han-dong", label="Han Dong", type="person", aliases=["Han", "Dong"], mentions=3)
    G.add_node("person:han-tao", label="Han Tao", type="person", aliases=["Han"], mentions=2)
    with Store(tmp_path / "a.db", create=True) as store:
        store.save_graph(G, [])
        with pytest.raises(AmbiguousEntity) as ambiguous:
            resolve_name(store, "han")
        assert [c[0] for c in ambiguous.value.candidates] == ["person:han-dong", "person:han-tao"]
        assert resolve_name(store, "DONG") == "person:han-dong"


@pytest.mark.parametrize("layer", ["any", "co-mention", "assertion"])
def test_path_subgraph_holds_every_shortest_path(store: Store, layer: str):
    G = store.load_graph()
    nodes = [resolve_name(store, p) for p in PEOPLE]
    for u, v in itertools.combinations(nodes, 2):
        try:
            full = shortest_evidenced_paths(G, u, v, layer=layer, all_shortest=True)
        except nx.NetworkXNoPath:
            full = []
        H = path_subgraph(store, u, v, layer=layer)
        try:
            part = shortest_evidenced_paths(H, u, v, layer=layer, all_shortest=True)
        except nx.NetworkXNoPath:
            part = []
        as_ids = lambda paths: sorted(tuple([p[0].source, *(h.target for h in p)]) for p in paths)  # noqa: E731
        assert as_ids(part) == as_ids(full), (u, v, layer)
        assert H.number_of_nodes() <= G.number_of_nodes()


def test_neighbourhood_matches_the_full_graph(store: Store):
    G = store.load_graph()
    node = resolve_name(store, "Michael Kovrig")
    H = neighbourhood(store, node)
    assert set(H.nodes) == {node} | set(nx.all_neighbors(G, node))
    assert H.number_of_edges() == G.in_degree(node) + G.out_degree(node)


@pytest.mark.parametrize("name", ["Michael Kovrig", "Meng Wanzhou", "Canadian Security Intelligence Service"])
def test_top_neighbours_rank_as_the_full_graph(store: Store, name: str):
    from graph.paths import ranked_neighbors
    from graph.query import top_neighbours

    G = store.load_graph()
    node = resolve_name(store, name)
    full = [other for other, _ in ranked_neighbors(G, node)[:10]]
    H = top_neighbours(store, node, limit=10)
    part = [other for other, _ in ranked_neighbors(H, node)[:10]]
    assert part == full
    assert all(link["evidence"] for _, hop in ranked_neighbors(H, node) for link in hop.links)
