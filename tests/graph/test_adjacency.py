"""The stored adjacency mirrors the edges table exactly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graph.filters import LinkFilter
from graph.index import ARRAYS, LAYER_BITS, entry_mask, read_adjacency, read_row
from graph.store import Store


@pytest.fixture(scope="module")
def store(seeds_db: Path):
    with Store(seeds_db) as opened:
        yield opened


def test_every_layer_edge_appears_once_from_each_end(store: Store):
    adj = read_adjacency(store.index, ARRAYS)
    index = dict(store.db.execute("SELECT id, idx FROM entities"))
    expected = []
    for rowid, u, v, layer, corroboration, outlets in store.db.execute(
        "SELECT rowid, source, target, layer, corroboration, outlets FROM edges"
    ):
        for a, b in ((u, v), (v, u)):
            expected.append((index[a], index[b], rowid, LAYER_BITS[layer], corroboration, outlets))
    found = []
    names = adj.outlet_names
    for node in range(adj.n_nodes):
        for e in range(adj.indptr[node], adj.indptr[node + 1]):
            outlets = [names[o] for o in adj.outlet_ids[adj.outlet_indptr[e] : adj.outlet_indptr[e + 1]]]
            neighbour, edge, layer = int(adj.neighbour[e]), int(adj.edge[e]), int(adj.layer[e])
            outlets_json = json.dumps(outlets, ensure_ascii=False)
            found.append((node, neighbour, edge, layer, int(adj.corroboration[e]), outlets_json))
    assert sorted(found) == sorted(expected)
    assert len(found) == 2 * store.db.execute("SELECT count(*) FROM edges").fetchone()[0] > 0


def test_a_row_read_alone_equals_the_slice_of_the_whole_array(store: Store):
    adj = read_adjacency(store.index, ("indptr", "neighbour", "edge", "pair_documents"))
    busiest = int(np.argmax(np.diff(adj.indptr)))
    for node in (0, busiest, adj.n_nodes - 1):
        row = read_row(store.index, node, ("neighbour", "edge", "pair_documents"))
        span = slice(adj.indptr[node], adj.indptr[node + 1])
        for name in row:
            assert row[name].tolist() == getattr(adj, name)[span].tolist()
    assert len(read_row(store.index, busiest, ("neighbour",))["neighbour"]) > 20


def test_outlet_masks_follow_the_edges_outlets(store: Store):
    adj = read_adjacency(
        store.index, ("neighbour", "layer", "corroboration", "outlet_indptr", "outlet_ids", "outlet_names")
    )
    outlets = [
        {adj.outlet_names[o].casefold() for o in adj.outlet_ids[a:b]}
        for a, b in zip(adj.outlet_indptr[:-1], adj.outlet_indptr[1:], strict=True)
    ]
    main = ((adj.layer & (LAYER_BITS["co-mention"] | LAYER_BITS["assertion"])) != 0).tolist()
    assert not all(main)  # the co-mention windows are stored too, and left out here
    via = entry_mask(adj, LinkFilter(via_outlet="the bureau"))
    assert via.tolist() == [m and "the bureau" in o for m, o in zip(main, outlets, strict=True)]
    assert 0 < via.sum() < len(via)
    exclude = entry_mask(adj, LinkFilter(exclude_outlet="The Bureau"))
    expected = [m and not (o and o <= {"the bureau"}) for m, o in zip(main, outlets, strict=True)]
    assert exclude.tolist() == expected
    assert (
        entry_mask(adj, LinkFilter(layer="assertion")).tolist()
        == (adj.layer == LAYER_BITS["assertion"]).tolist()
    )
