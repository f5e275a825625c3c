"""Tests for graph.query.views and drawing: layer, ego, weight and top-N views never mutate their input."""

from __future__ import annotations

import copy
from collections.abc import Callable

import networkx as nx
import pytest

from graph.query import (
    ego_subgraph,
    min_weight,
    select_layer,
    top_nodes,
    weighted_degree,
)
from graph.schema import ASSERTION, CO_MENTION


def _node(G: nx.MultiDiGraph, nid: str, mentions: int) -> None:
    kind, slug = nid.split(":")
    G.add_node(
        nid,
        label=slug.title(),
        type=kind,
        aliases=[slug],
        mentions=mentions,
        documents=["d1"],
        roles=[],
    )


def _edge(G: nx.MultiDiGraph, u: str, v: str, layer: str, weight: int) -> None:
    G.add_edge(
        u,
        v,
        key=layer,
        layer=layer,
        weight=weight,
        documents=["d1"],
        outlets=["Outlet"],
        corroboration=1,
        evidence=[{"document": "d1", "title": "T", "outlet": "Outlet", "sentence": "s", "sent_index": 0}],
    )


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    """a is the hub; chain a-b-c-d; e asserts about a; z is isolated."""
    G = nx.MultiDiGraph(
        documents={"d1": {"title": "T", "outlet": "Outlet", "url": "", "date": "", "path": ""}}
    )
    for nid, m in [
        ("person:a", 9),
        ("person:b", 5),
        ("agency:c", 5),
        ("place:d", 1),
        ("person:e", 2),
        ("group:z", 3),
    ]:
        _node(G, nid, m)
    _edge(G, "person:a", "person:b", CO_MENTION, 4)
    _edge(G, "agency:c", "person:b", CO_MENTION, 2)
    _edge(G, "agency:c", "place:d", CO_MENTION, 1)
    _edge(G, "person:e", "person:a", ASSERTION, 3)
    _edge(G, "person:a", "person:e", CO_MENTION, 1)
    _edge(G, "person:b", "agency:c", ASSERTION, 1)
    return G


def _edges(H: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return set(H.edges(keys=True))


@pytest.mark.parametrize(
    "fn, args",
    [
        (select_layer, ("assertion",)),
        (select_layer, ("any",)),
        (ego_subgraph, ("person:a", 2)),
        (min_weight, (2,)),
        (top_nodes, (3,)),
    ],
)
def test_returns_independent_copy(
    G: nx.MultiDiGraph, fn: Callable[..., nx.MultiDiGraph], args: tuple[object, ...]
) -> None:
    before = copy.deepcopy(G)
    H = fn(G, *args)
    assert H is not G and isinstance(H, nx.MultiDiGraph)
    assert nx.utils.graphs_equal(G, before)
    # mutating the result's attribute containers must not leak into the input
    for n in H.nodes:
        H.nodes[n]["aliases"].append("X")
    for *_, d in H.edges(keys=True, data=True):
        d["evidence"][0]["sentence"] = "changed"
    H.graph["documents"]["d1"]["title"] = "changed"
    assert nx.utils.graphs_equal(G, before)


def test_select_layer_assertion(G: nx.MultiDiGraph) -> None:
    H = select_layer(G, ASSERTION)
    assert _edges(H) == {("person:e", "person:a", ASSERTION), ("person:b", "agency:c", ASSERTION)}
    assert set(H.nodes) == {"person:e", "person:a", "person:b", "agency:c"}
    assert H.graph["documents"] == G.graph["documents"]
    assert H.nodes["person:a"] == G.nodes["person:a"]


def test_select_layer_co_mention_drops_isolated(G: nx.MultiDiGraph) -> None:
    H = select_layer(G, CO_MENTION)
    assert all(k == CO_MENTION for _, _, k in H.edges(keys=True))
    assert H.number_of_edges() == 4
    assert "group:z" not in H


def test_select_layer_both_keeps_everything(G: nx.MultiDiGraph) -> None:
    H = select_layer(G, "any")
    assert _edges(H) == _edges(G)
    assert list(H.nodes) == list(G.nodes)


def test_select_layer_rejects_unknown(G: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="unknown layer"):
        select_layer(G, "quotes")


def test_ego_depth_one_is_undirected(G: nx.MultiDiGraph) -> None:
    H = ego_subgraph(G, "agency:c")
    # b -> c is an assertion (incoming) and c -> b a co-mention: both count
    assert set(H.nodes) == {"agency:c", "person:b", "place:d"}
    assert _edges(H) == {
        ("agency:c", "person:b", CO_MENTION),
        ("agency:c", "place:d", CO_MENTION),
        ("person:b", "agency:c", ASSERTION),
    }


def test_ego_depth_two_and_zero(G: nx.MultiDiGraph) -> None:
    assert set(ego_subgraph(G, "person:e", depth=2).nodes) == {"person:e", "person:a", "person:b"}
    H0 = ego_subgraph(G, "person:a", depth=0)
    assert list(H0.nodes) == ["person:a"] and H0.number_of_edges() == 0


def test_ego_errors(G: nx.MultiDiGraph) -> None:
    with pytest.raises(nx.NodeNotFound):
        ego_subgraph(G, "person:nobody")
    with pytest.raises(ValueError):
        ego_subgraph(G, "person:a", depth=-1)


def test_min_weight(G: nx.MultiDiGraph) -> None:
    H = min_weight(G, 2)
    assert _edges(H) == {
        ("person:a", "person:b", CO_MENTION),
        ("agency:c", "person:b", CO_MENTION),
        ("person:e", "person:a", ASSERTION),
    }
    assert "place:d" not in H  # lost its only edge
    assert "group:z" in H  # was isolated to begin with
    assert set(min_weight(G, 5).nodes) == {"group:z"}


def test_min_weight_one_is_identity(G: nx.MultiDiGraph) -> None:
    assert nx.utils.graphs_equal(min_weight(G, 1), G)


def test_weighted_degree(G: nx.MultiDiGraph) -> None:
    assert weighted_degree(G, "person:a") == 4 + 3 + 1
    assert weighted_degree(G, "group:z") == 0


def test_top_nodes_ranking_and_ties(G: nx.MultiDiGraph) -> None:
    # degrees: a 8, b 7, c 4, e 4, d 1, z 0; c and e tie -> c has more mentions (5 > 2)
    H = top_nodes(G, 3)
    assert set(H.nodes) == {"person:a", "person:b", "agency:c"}
    assert _edges(H) == {
        ("person:a", "person:b", CO_MENTION),
        ("agency:c", "person:b", CO_MENTION),
        ("person:b", "agency:c", ASSERTION),
    }


def test_top_nodes_tie_on_mentions_goes_to_smaller_id(G: nx.MultiDiGraph) -> None:
    G.nodes["person:e"]["mentions"] = 5  # now c and e tie fully; "agency:c" < "person:e"
    assert "agency:c" in top_nodes(G, 3) and "person:e" not in top_nodes(G, 3)


def test_top_nodes_bounds(G: nx.MultiDiGraph) -> None:
    assert top_nodes(G, 0).number_of_nodes() == 0
    assert nx.utils.graphs_equal(top_nodes(G, 100), G)
    with pytest.raises(ValueError):
        top_nodes(G, -1)


def test_the_links_advice_names_the_least_weight_that_fits():
    from graph.query import too_many_links_message

    message = too_many_links_message([1] * 50 + [2] * 30 + [5] * 10, 20)
    assert message.startswith("90 links are too many to draw readably (limit 20)")
    assert message.endswith("--min-weight 3 (leaves at most 10 links)")
    assert too_many_links_message([4] * 5, 3).endswith("--min-weight 5 (leaves at most 0 links)")
