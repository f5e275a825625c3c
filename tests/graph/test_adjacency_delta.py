"""The adjacency updated by delta is exactly the one written from scratch over the same tables."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.index import ARRAYS, read_adjacency, update_adjacency, write_adjacency
from graph.schema import ASSERTION, CO_MENTION, ENTITY_TYPES
from graph.store import IndexTables, Store, write_graph_rows

IDS = tuple(f"n{i:02d}" for i in range(14))
#: Equal labels (ranked by idx), case and accents, so the label order has ties and non-ASCII.
LABELS = ("Alpha", "alpha", "Beta", "Beta", "Émile", "Zed", "Ærø", "A")
TYPES = (*ENTITY_TYPES[:3], "mystery")  # "mystery": an unknown type, stored like a hole
LAYERS = (CO_MENTION, ASSERTION, "other")
OUTLETS = ("The Bureau", "the bureau", "Écho", "Zeta", "Alpha Times")
DOCUMENTS = ("d1", "d2", "d3", "d4", "d5")


@contextmanager
def new_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "g.db", create=True) as store:
        yield store


def node_attrs(draw) -> dict:
    label = draw(st.sampled_from(LABELS))
    return {"label": label, "type": draw(st.sampled_from(TYPES)), "mentions": 1, "aliases": [label]}


def edge_attrs(draw, layer: str) -> dict:
    documents = sorted(draw(st.sets(st.sampled_from(DOCUMENTS), min_size=1, max_size=3)))
    outlets = sorted(draw(st.sets(st.sampled_from(OUTLETS), max_size=3)))
    return {
        "layer": layer,
        "documents": documents,
        "outlets": outlets,
        "corroboration": len(documents) + draw(st.integers(0, 1)),  # as stored, even if off
        "weight": draw(st.integers(1, 4)),
        "evidence": [],
    }


def edge_keys(draw, nodes: list[str], max_size: int) -> set[tuple[str, str, str]]:
    """Keys between ``nodes`` (self-loops and several edges per pair included)."""
    if not nodes:
        return set()
    key = st.tuples(st.sampled_from(nodes), st.sampled_from(nodes), st.sampled_from(LAYERS))
    return draw(st.sets(key, max_size=max_size))


def initial_graph(draw) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node in draw(st.lists(st.sampled_from(IDS[:8]), unique=True, max_size=8)):
        G.add_node(node, **node_attrs(draw))
    for u, v, layer in edge_keys(draw, list(G.nodes), 14):
        G.add_edge(u, v, key=layer, **edge_attrs(draw, layer))
    return G


def random_delta(draw, db: sqlite3.Connection) -> tuple[dict, dict]:
    """Rows for :func:`write_graph_rows`: deleted, new, relabelled and retyped nodes; edges
    added, changed and deleted (every edge of a deleted node is deleted, as an update does)."""
    live = [r[0] for r in db.execute("SELECT id FROM entities ORDER BY idx")]
    deleted = draw(st.sets(st.sampled_from(live), max_size=3)) if live else set()
    free = [n for n in IDS if n not in live]
    added = draw(st.sets(st.sampled_from(free), max_size=3)) if free else set()
    changed = draw(st.sets(st.sampled_from(live), max_size=3)) - deleted if live else set()
    nodes: dict[str, dict | None] = {n: None for n in deleted}
    nodes.update((n, node_attrs(draw)) for n in sorted(added | changed))
    edges: dict[tuple[str, str, str], dict | None] = {
        key: None
        for key in db.execute("SELECT source, target, layer FROM edges")
        if key[0] in deleted or key[1] in deleted
    }
    after = sorted((set(live) - deleted) | added)
    for u, v, layer in edge_keys(draw, after, 8):
        edges[(u, v, layer)] = edge_attrs(draw, layer) if draw(st.booleans()) else None
    return nodes, edges


def stored(db: sqlite3.Connection) -> dict[str, tuple[str, bytes]]:
    return {name: (dtype, bytes(data)) for name, dtype, data in db.execute("SELECT * FROM adjacency")}


def assert_same_as_fresh(db: sqlite3.Connection) -> None:
    """The stored arrays equal, byte for byte, those :func:`write_adjacency` writes now."""
    got, got_arrays = stored(db), read_adjacency(IndexTables(db), ARRAYS).arrays
    write_adjacency(IndexTables(db))
    want, want_arrays = stored(db), read_adjacency(IndexTables(db), ARRAYS).arrays
    assert got.keys() == want.keys() == ARRAYS.keys()
    for name in ARRAYS:  # decoded first, for a readable message
        assert np.array_equal(got_arrays[name], want_arrays[name]), name
        assert got[name] == want[name], name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_deltas_give_the_arrays_of_a_fresh_write(data: st.DataObject):
    with new_store() as store:
        store.graph.save(initial_graph(data.draw), [])
        for _ in range(data.draw(st.integers(1, 3), label="rounds")):
            with store.transaction() as db:
                nodes, edges = random_delta(data.draw, db)
                before = write_graph_rows(db, nodes, edges)
                assert update_adjacency(IndexTables(db), nodes, edges, before), "fell back to a full write"
                assert_same_as_fresh(db)


def _graph(
    nodes: dict[str, tuple[str, str]], edges: list[tuple[str, str, str, list[str]]]
) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, (label, kind) in nodes.items():
        G.add_node(node, label=label, type=kind)
    for u, v, layer, outlets in edges:
        G.add_edge(u, v, key=layer, layer=layer, documents=["d1"], outlets=outlets, corroboration=1)
    return G


def test_a_new_first_label_when_the_first_entity_has_an_unknown_type_and_there_are_holes():
    """Holes and an entity of unknown type share rank 0 and type code: told apart by a read."""
    nodes = {"a": ("Bee", "mystery"), "b": ("Cat", "person"), "c": ("Dog", "person"), "d": ("Eel", "place")}
    with new_store() as store:
        store.graph.save(_graph(nodes, [("a", "b", CO_MENTION, ["X"])]), [])
        db = store.db
        before = write_graph_rows(db, {"b": None, "c": None}, {("a", "b", CO_MENTION): None})
        assert update_adjacency(IndexTables(db), ["b", "c"], [("a", "b", CO_MENTION)], before)
        assert_same_as_fresh(db)  # idx 0 (SQLite starts at 1), 2 and 3 are holes now
        attrs = {"label": "Ant", "type": "agency"}
        before = write_graph_rows(db, {"z": attrs}, {("z", "a", ASSERTION): {"outlets": ["Y"]}})
        assert update_adjacency(IndexTables(db), ["z"], [("z", "a", ASSERTION)], before)
        assert_same_as_fresh(db)
        assert read_adjacency(IndexTables(db), ["label_rank"]).label_rank.tolist() == [0, 1, 0, 0, 2, 0]


def test_old_or_missing_arrays_are_written_whole():
    nodes = {"a": ("A", "person"), "b": ("B", "person")}
    with new_store() as store:
        store.graph.save(_graph(nodes, [("a", "b", CO_MENTION, ["Zeta", "Alpha"])]), [])
        db = store.db
        assert read_adjacency(IndexTables(db), ["outlet_names"]).outlet_names == ["Alpha", "Zeta"]
        db.execute("UPDATE adjacency SET data = ? WHERE name = 'outlet_names'", (b'["Zeta", "Alpha"]',))
        edge = {("a", "b", ASSERTION): {"outlets": ["Zeta"], "documents": ["d2"], "corroboration": 1}}
        before = write_graph_rows(db, {}, edge)
        assert not update_adjacency(
            IndexTables(db), [], edge, before
        )  # first-seen outlet order: an old store
        assert_same_as_fresh(db)
        db.execute("DELETE FROM adjacency WHERE name = 'label_rank'")
        assert not update_adjacency(IndexTables(db), [], edge, write_graph_rows(db, {}, edge))
        assert_same_as_fresh(db)
        assert update_adjacency(IndexTables(db), [], edge, write_graph_rows(db, {}, edge))
