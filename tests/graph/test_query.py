"""Partial reads answer exactly as the whole graph would (on the seeds store)."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import AmbiguousEntity, EntityNotFound, NoPath
from graph.query import (
    LinkFilter,
    find_node,
    find_paths,
    find_stored_entity,
    path_subgraph,
    ranked_neighbours,
    shortest_evidenced_paths,
    top_neighbours,
)
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
    G = store.graph.load()
    for name in [*PEOPLE, "csis", "MSS", "dong", "Journal"]:
        assert find_stored_entity(store, name) == find_node(G, name)
    with pytest.raises(EntityNotFound) as missing:
        find_stored_entity(store, "Han Dongg")
    assert missing.value.suggestions[0] == "Han Dong"


def test_ambiguous_alias_lists_candidates(tmp_path: Path):
    G = nx.MultiDiGraph(documents={})
    G.add_node("person:han-dong", label="Han Dong", type="person", aliases=["Han", "Dong"], mentions=3)
    G.add_node("person:han-tao", label="Han Tao", type="person", aliases=["Han"], mentions=2)
    with Store(tmp_path / "a.db", create=True) as store:
        store.graph.save(G, [])
        with pytest.raises(AmbiguousEntity) as ambiguous:
            find_stored_entity(store, "han")
        assert [c[0] for c in ambiguous.value.candidates] == ["person:han-dong", "person:han-tao"]
        assert find_stored_entity(store, "DONG") == "person:han-dong"


def _as_ids(paths) -> list[tuple[str, ...]]:
    return [tuple([p[0].source, *(h.target for h in p)]) for p in paths]


#: The options that make a :class:`LinkFilter`; the others are the search's own.
LINK_OPTIONS = ("layer", "min_sources", "via_outlet", "exclude_outlet", "avoid_types")


def _links(options: dict) -> tuple[LinkFilter, dict]:
    links = LinkFilter(**{k: v for k, v in options.items() if k in LINK_OPTIONS})
    return links, {k: v for k, v in options.items() if k not in LINK_OPTIONS}


def _full(G, u, v, **options):
    links, rest = _links(options)
    try:
        return shortest_evidenced_paths(G, u, v, links, **rest)
    except NoPath:
        return []


def _part(store, u, v, **options):
    links, rest = _links(options)
    try:
        return find_paths(store, u, v, links, **rest)[0]
    except NoPath:
        return []


@pytest.mark.parametrize("layer", ["any", "co-mention", "assertion"])
def test_path_subgraph_holds_every_shortest_path(store: Store, layer: str):
    G = store.graph.load()
    nodes = [find_stored_entity(store, p) for p in PEOPLE]
    found = 0
    for u, v in itertools.combinations(nodes, 2):
        full = _full(G, u, v, layer=layer, all_shortest=True)
        distance, H = path_subgraph(store, u, v, LinkFilter(layer=layer))
        part = _full(H, u, v, layer=layer, all_shortest=True) if distance is not None else []
        assert sorted(_as_ids(part)) == sorted(_as_ids(full)), (u, v, layer)
        assert H.number_of_nodes() < G.number_of_nodes()
        found += bool(full)
    assert found >= 10  # the comparison is not vacuous


# (options, pairs): filters as the CLI passes them; every ranked path must be the whole graph's
FILTERS = [
    {"k": 1},
    {"k": 3},
    {"k": 5, "layer": "co-mention"},
    {"all_shortest": True},
    {"min_sources": 2},
    {"via_outlet": "The Bureau"},
    {"exclude_outlet": "The Bureau", "k": 2},
    {"avoid_types": ()},
    {"max_hops": 2, "k": 3},
    {"rank": "hops", "k": 3},
    {"rank": "hops", "k": 5, "layer": "co-mention"},
    {"k": 3, "avoid": ("Justin Trudeau", "CSIS")},
    {"k": 2, "via_outlet": "The Bureau"},
]


@pytest.mark.parametrize("options", FILTERS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()))
def test_paths_from_the_store_rank_as_on_the_whole_graph(store: Store, options: dict):
    G = store.graph.load()
    nodes = [find_stored_entity(store, p) for p in PEOPLE]
    if "avoid" in options:
        options = {**options, "avoid": tuple(find_stored_entity(store, name) for name in options["avoid"])}
    found = 0
    for u, v in itertools.combinations(nodes, 2):
        full = _full(G, u, v, **options)
        part = _part(store, u, v, **options)
        assert _as_ids(part) == _as_ids(full), (u, v)
        for p, q in zip(part, full, strict=True):
            for hop, expected in zip(p, q, strict=True):
                assert hop.documents == expected.documents and hop.outlets == expected.outlets
                assert hop.best_evidence(3) == expected.best_evidence(3)
        found += bool(full)
    assert found  # the filter leaves some path to compare


@pytest.mark.parametrize("layer", ["any", "co-mention", "assertion"])
@pytest.mark.parametrize("name", ["Michael Kovrig", "Meng Wanzhou", "Canadian Security Intelligence Service"])
def test_top_neighbours_rank_as_the_full_graph(store: Store, name: str, layer: str):
    G = store.graph.load()
    node = find_stored_entity(store, name)
    full = ranked_neighbours(G, node, layer=layer)[:10]
    part = top_neighbours(store, node, layer=layer, limit=10)
    assert [other for other, _, _ in part] == [other for other, _ in full]
    for (other, attributes, hop), (_, expected) in zip(part, full, strict=True):
        assert attributes == {k: v for k, v in G.nodes[other].items()}
        assert hop.layers == expected.layers and hop.documents == expected.documents
        assert hop.best_evidence(5) == expected.best_evidence(5)
        assert all(link["evidence"] for link in hop.links)
    if layer == "any":
        assert len(part) == 10


DRAWINGS = [
    {"focus": "Michael Kovrig"},
    {"focus": "Han Dong", "depth": 2},
    {"focus": "CSIS", "layer": "assertion"},
    {"focus": "Meng Wanzhou", "depth": 2, "min_link_weight": 2},
    {"focus": "Meng Wanzhou", "depth": 2, "max_nodes": 8, "keep": ("Han Dong", "Xi Jinping")},
    {"focus": "Xi Jinping", "layer": "co-mention", "depth": 3, "min_link_weight": 2},
    {"max_nodes": 12},
    {"max_nodes": 12, "keep": ("Han Dong", "Eric Balsam")},
    {"max_nodes": 12, "keep": ("Han Dong",), "layer": "assertion"},
    {"max_nodes": 30, "layer": "co-mention", "min_link_weight": 2},
    {"max_nodes": 5000, "min_link_weight": 3},
    {"layer": "co-mention", "min_link_weight": 2},
    {"layer": "assertion"},
    {},
]


def _ids(options: dict) -> str:
    return ",".join(f"{k}={v}" for k, v in options.items()) or "all"


@pytest.mark.parametrize("options", DRAWINGS, ids=_ids)
def test_drawing_from_the_store_is_the_drawing_of_the_whole_graph(store: Store, options: dict):
    from graph.query import select_for_drawing, select_from_store

    options = dict(options)
    if "focus" in options:
        options["focus"] = find_stored_entity(store, options["focus"])
    options["keep"] = [find_stored_entity(store, n) for n in options.get("keep", ())]
    full = select_for_drawing(store.graph.load(), **options)
    part = select_from_store(store, **options)
    assert dict(part.nodes(data=True)) == dict(full.nodes(data=True))
    edges = [sorted(H.edges(keys=True, data=True), key=str) for H in (part, full)]
    assert edges[0] == edges[1]
    assert full.number_of_nodes() > 1
    assert set(options["keep"]) <= set(part.nodes)


TOO_LARGE = [{}, {"layer": "assertion"}, {"layer": "co-mention", "min_link_weight": 2}]


@pytest.mark.parametrize("options", TOO_LARGE, ids=_ids)
def test_too_large_is_refused_with_the_same_count_without_loading(store: Store, options: dict):
    from graph.query import TooLargeToDraw, select_for_drawing, select_from_store

    with pytest.raises(TooLargeToDraw) as expected:
        select_for_drawing(store.graph.load(), limit=5, **options)
    with pytest.raises(TooLargeToDraw) as refused:
        select_from_store(store, limit=5, **options)
    assert str(refused.value) == str(expected.value)


def _read_documents(hop) -> int:
    """The most documents whose evidence one of the hop's links carries."""
    return max(len({e["document"] for e in link["evidence"]}) for link in hop.links)


@pytest.mark.parametrize("n", [1, 2])
def test_neighbours_read_only_the_evidence_they_show(store: Store, n: int):
    G = store.graph.load()
    node = find_stored_entity(store, "Meng Wanzhou")
    full = dict(ranked_neighbours(G, node, layer="any")[:10])
    part = top_neighbours(store, node, layer="any", limit=10, evidence=n)
    assert [hop.best_evidence(n) for _, _, hop in part] == [full[o].best_evidence(n) for o, _, _ in part]
    assert all(_read_documents(hop) <= n for _, _, hop in part)
    assert n > 1 or any(len(full[o].documents) > n for o, _, _ in part)  # some links were cut short


@pytest.mark.parametrize("n", [1, 2])
def test_paths_read_only_the_evidence_they_show(store: Store, n: int):
    G = store.graph.load()
    nodes = [find_stored_entity(store, p) for p in PEOPLE]
    cut = 0
    for u, v in itertools.combinations(nodes, 2):
        full = _full(G, u, v, k=2, avoid_types=())
        part = _part(store, u, v, k=2, avoid_types=(), evidence=n)
        assert _as_ids(part) == _as_ids(full), (u, v)
        for p, q in zip(part, full, strict=True):
            for hop, expected in zip(p, q, strict=True):
                assert hop.documents == expected.documents
                assert hop.best_evidence(n) == expected.best_evidence(n)
                assert _read_documents(hop) <= n
                cut += len(expected.documents) > n
    assert n > 1 or cut  # some links were cut short


def _cut(G, n: int) -> list:
    """G's edges, sorted, each with only the evidence of its first ``n`` documents."""
    cut = []
    for u, v, key, data in G.edges(keys=True, data=True):
        first = sorted({e["document"] for e in data["evidence"]})[:n]
        cut.append((u, v, key, {**data, "evidence": [e for e in data["evidence"] if e["document"] in first]}))
    return sorted(cut, key=str)


@pytest.mark.parametrize("options", [{}, {"focus": "Meng Wanzhou", "depth": 2}, {"max_nodes": 12}], ids=_ids)
def test_a_drawing_reads_the_evidence_of_each_links_first_documents(store: Store, options: dict):
    from graph.query import select_for_drawing, select_from_store

    options = dict(options)
    if "focus" in options:
        options["focus"] = find_stored_entity(store, options["focus"])
    full = select_for_drawing(store.graph.load(), **options)
    part = select_from_store(store, evidence=1, **options)
    assert dict(part.nodes(data=True)) == dict(full.nodes(data=True))
    assert sorted(part.edges(keys=True, data=True), key=str) == _cut(full, 1)
    assert _cut(full, 1) != sorted(full.edges(keys=True, data=True), key=str)  # some evidence was left out


@pytest.mark.parametrize("options", [{}, {"layer": "co-mention"}, {"min_link_weight": 2}], ids=_ids)
def test_too_many_links_are_refused_with_the_same_advice_without_loading(store: Store, options: dict):
    import re

    from graph.query import TooLargeToDraw, select_for_drawing, select_from_store

    with pytest.raises(TooLargeToDraw) as expected:
        select_for_drawing(store.graph.load(), link_limit=60, **options)
    with pytest.raises(TooLargeToDraw) as refused:
        select_from_store(store, link_limit=60, **options)
    assert str(refused.value) == str(expected.value)
    assert "links are too many to draw readably (limit 60)" in str(refused.value)
    least, left = map(
        int, re.search(r"--min-weight (\d+) \(leaves at most (\d+) links\)", str(refused.value)).groups()
    )
    drawn = select_from_store(
        store, link_limit=60, **{**options, "min_link_weight": least}
    )  # the advice works
    assert drawn.number_of_edges() == left <= 60
    with pytest.raises(TooLargeToDraw):  # and is the least that does
        select_from_store(store, link_limit=60, **{**options, "min_link_weight": least - 1})


def test_the_links_advice_holds_for_a_neighbourhood(store: Store):
    import re

    from graph.query import TooLargeToDraw, select_from_store

    focus = find_stored_entity(store, "Meng Wanzhou")
    with pytest.raises(TooLargeToDraw) as refused:
        select_from_store(store, focus=focus, depth=2, link_limit=60)
    least, most = map(
        int, re.search(r"--min-weight (\d+) \(leaves at most (\d+) links\)", str(refused.value)).groups()
    )
    drawn = select_from_store(store, focus=focus, depth=2, link_limit=60, min_link_weight=least)
    assert drawn.number_of_edges() <= most <= 60


@pytest.mark.parametrize("per_entity, limit", [(10, 1000), (2, 1000), (3, 5)])
def test_the_next_ring_is_the_drawings_strongest_neighbours_within_bounds(
    store: Store, per_entity: int, limit: int
):
    from graph.query import next_ring, top_nodes
    from graph.schema import LAYERS as MAIN_LAYERS

    G = store.graph.load()
    main = nx.MultiDiGraph(G.edge_subgraph([e for e in G.edges(keys=True) if e[2] in MAIN_LAYERS]))
    main.add_nodes_from(G.nodes(data=True))
    drawn = set(top_nodes(main, 12).nodes)
    ring, counts = next_ring(store, drawn, per_entity=per_entity, limit=limit, evidence=1)
    carried = set(ring.nodes) - drawn
    beyond = {m for n in drawn for m in nx.all_neighbors(main, n)} - drawn
    assert carried <= beyond and len(carried) == counts["ring"] <= limit
    assert counts["not_carried"] == len(beyond) - len(carried)
    assert counts["entities"] == G.number_of_nodes()
    for n in drawn:  # each drawn entity brings at most per_entity of its strongest
        strongest = {}
        for _, v, d in main.edges(n, data=True):
            strongest[v] = max(strongest.get(v, 0), d["weight"])
        for u, _, d in main.in_edges(n, data=True):
            strongest[u] = max(strongest.get(u, 0), d["weight"])
        mine = [m for m in carried if m in strongest]
        if limit >= len(beyond):
            outside = sorted((w for m, w in strongest.items() if m not in drawn), reverse=True)
            assert len(mine) >= min(per_entity, len(outside))
    for u, v, key in ring.edges(keys=True):  # every link of the layers touching the ring, once
        assert key in MAIN_LAYERS and (u in carried or v in carried)
        assert (u in carried or u in drawn) and (v in carried or v in drawn)
    expected = {
        (u, v, k)
        for u, v, k in main.edges(keys=True)
        if (u in carried or v in carried) and {u, v} <= carried | drawn
    }
    assert set(ring.edges(keys=True)) == expected
    assert all(len({e["document"] for e in d["evidence"]}) <= 1 for _, _, d in ring.edges(data=True))
