"""Update the stored adjacency by delta, after an incremental write of a few graph rows.

:func:`graph.index.build.write_adjacency` reads every entity and edge again. After
:func:`graph.store.delta.write_graph_rows` rewrote some nodes and edges,
:func:`update_adjacency` gives exactly the same arrays from the stored ones: it drops
the entries of every pair of nodes linked by a touched edge (and those of deleted
nodes), reads the current edges of those pairs only (their pair counts need all of
them), inserts their entries where a fresh build puts them, and re-derives the offsets,
outlet codes, node types and label ranks with numpy. SQL reads grow with the change,
not with the graph: a new or relabelled node's label rank comes from a binary search
over the stored order, reading a few labels by ``idx``. Stored arrays that are missing
or do not fit (an old store) are rewritten whole instead.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from graph.index.adjacency import (
    ARRAYS,
    LAYER_BITS,
    MAIN_BITS,
    Adjacency,
    entries_of,
    read_adjacency,
    save_arrays,
)
from graph.index.build import write_adjacency
from graph.index.rows import IndexedRows
from graph.schema import ASSERTION, ENTITY_TYPES, EdgeKey

#: ``node_type`` of an unknown type, and of an ``idx`` no entity has.
HOLE = len(ENTITY_TYPES)
#: The arrays with one value per entry.
ENTRY_ARRAYS = (
    "neighbour",
    "edge",
    "layer",
    "corroboration",
    "weight",
    "pair_documents",
    "pair_assertion_documents",
)
TYPE_CODE = {kind: i for i, kind in enumerate(ENTITY_TYPES)}


class Stale(Exception):
    """The stored arrays cannot be updated by delta."""


def update_adjacency(
    rows: IndexedRows,
    nodes: Iterable[str],
    edges: Iterable[EdgeKey],
    before: Mapping[str, tuple[int, str]],
) -> bool:
    """Bring the stored arrays up to date after some entity and edge rows were rewritten.

    ``nodes`` and ``edges`` are the ids and keys written or deleted, ``before`` what
    :func:`graph.store.delta.write_graph_rows` returned: ``{node: (idx, label)}`` of those
    entities before the write. The result is exactly what :func:`write_adjacency` writes.
    Returns ``True`` if done by delta, ``False`` if the stored arrays were missing or did
    not fit and were rewritten whole.
    """
    edges = set(edges)
    try:
        old = _stored(rows)
        change = _node_change(rows, set(nodes), before, len(old.node_type))
        _check_edges_of(rows, change, edges)
        arrays = {**_node_arrays(rows, old, change), **_entry_arrays(rows, old, change, edges)}
    except Stale:
        write_adjacency(rows)
        return False
    save_arrays(rows, arrays)
    return True


# -- the stored arrays and what happened to the nodes ----------------------------------------
def _stored(rows: IndexedRows) -> Adjacency:
    """Every stored array, checked for the shape :func:`write_adjacency` gives them."""
    try:
        old = read_adjacency(rows, ARRAYS)
    except KeyError as error:
        raise Stale(str(error)) from None
    for name, dtype in ARRAYS.items():
        if dtype != "json" and old.arrays[name].dtype != np.dtype(dtype):
            raise Stale(f"{name} is not {dtype}")
    n, entries, names = len(old.node_type), len(old.neighbour), old.outlet_names
    fits = (
        len(old.indptr) == n + 1
        and len(old.label_rank) == n
        and old.indptr[0] == 0
        and old.indptr[-1] == entries
        and all(len(old.arrays[name]) == entries for name in ENTRY_ARRAYS)
        and len(old.outlet_indptr) == entries + 1
        and old.outlet_indptr[0] == 0
        and old.outlet_indptr[-1] == len(old.outlet_ids)
        and all(a < b for a, b in pairwise(names))  # the canonical order
        and (not len(old.outlet_ids) or 0 <= old.outlet_ids.min() <= old.outlet_ids.max() < len(names))
    )
    if not fits:
        raise Stale("the stored arrays do not fit together")
    return old


@dataclass
class _Change:
    """What happened to the touched entities (node numbers are their ``idx``)."""

    n_old: int
    n_new: int
    #: ``idx`` of the touched entities that existed before the write, and of those deleted
    existed: np.ndarray
    deleted: np.ndarray
    #: ``{idx: label}`` of new entities, and of kept entities whose label changed
    added: dict[int, str] = field(default_factory=dict)
    relabelled: dict[int, str] = field(default_factory=dict)
    #: ``{idx: type code}`` of every touched entity that exists
    types: dict[int, int] = field(default_factory=dict)
    #: ids of the new and deleted entities
    ids: set[str] = field(default_factory=set)


def _node_change(
    rows: IndexedRows, nodes: set[str], before: Mapping[str, tuple[int, str]], n_old: int
) -> _Change:
    after = {node: (idx, label, kind) for node, idx, label, kind in rows.entities(nodes)}
    n_new = rows.node_count()
    gone = [node for node in before if node not in after]
    change = _Change(
        n_old,
        n_new,
        existed=np.array(sorted(idx for idx, _ in before.values()), dtype=np.int64),
        deleted=np.array(sorted(before[node][0] for node in gone), dtype=np.int64),
        ids=set(gone) | (after.keys() - before.keys()),
    )
    if len(change.existed) and change.existed[-1] >= n_old:
        raise Stale("an entity is beyond the stored arrays")
    for node, (idx, label, kind) in after.items():
        change.types[idx] = TYPE_CODE.get(kind, HOLE)
        if node not in before:
            change.added[idx] = label
        elif before[node][0] != idx:
            raise Stale(f"{node} changed its idx")
        elif before[node][1] != label:
            change.relabelled[idx] = label
    return change


def _check_edges_of(rows: IndexedRows, change: _Change, edges: set[EdgeKey]) -> None:
    """Every edge of a new or deleted entity must be among the touched ones."""
    for key in rows.edges_touching(change.ids):
        if key not in edges:
            raise Stale(f"untouched edge {key} of a new or deleted entity")


# -- per node: type and label rank --------------------------------------------------------------
def _node_arrays(rows: IndexedRows, old: Adjacency, change: _Change) -> dict[str, np.ndarray]:
    if not (change.types or len(change.deleted)):
        return {}
    node_type = _resized(old.node_type, change.n_new, HOLE)
    node_type[change.deleted[change.deleted < change.n_new]] = HOLE
    node_type[list(change.types)] = list(change.types.values())
    arrays = {"node_type": node_type}
    if len(change.deleted) or change.added or change.relabelled:
        arrays["label_rank"] = _label_rank(rows, old, change)
    return arrays


def _resized(array: np.ndarray, n: int, fill: int) -> np.ndarray:
    out = np.full(n, fill, dtype=array.dtype)
    out[: min(n, len(array))] = array[:n]
    return out


def _label_rank(rows: IndexedRows, old: Adjacency, change: _Change) -> np.ndarray:
    """Each node's position in (label, idx) order, from the stored order and the changed labels.

    Nodes whose label did not change keep their relative order; each new or relabelled
    label is placed among them by a binary search.
    """
    removed = np.concatenate([change.deleted, np.array(list(change.relabelled), dtype=np.int64)])
    order = _old_order(rows, old, change)
    stable = order[~np.isin(order, removed)]
    inserted = sorted((label, idx) for idx, label in {**change.added, **change.relabelled}.items())
    keys = _StableKeys(rows, stable)
    places, low = [], 0
    for key in inserted:  # sorted, so each search starts where the last one ended
        low = bisect_left(keys, key, lo=low)
        places.append(low)
    places = np.array(places, dtype=np.int64)
    rank = np.zeros(change.n_new, dtype="<i4")
    position = np.arange(len(stable))
    rank[stable] = position + np.searchsorted(places, position, side="right")
    rank[[idx for _, idx in inserted]] = places + np.arange(len(inserted))
    return rank


class _StableKeys:
    """``(label, idx)`` of the nodes in ``order``, labels read by ``idx`` when a search needs them."""

    def __init__(self, rows: IndexedRows, order: np.ndarray):
        self.rows, self.order = rows, order

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, i: int) -> tuple[str, int]:
        idx = int(self.order[i])
        label = self.rows.label_at(idx)
        if label is None:
            raise Stale(f"no entity {idx}")
        return label, idx


def _old_order(rows: IndexedRows, old: Adjacency, change: _Change) -> np.ndarray:
    """The nodes that existed before the write, by their stored label rank.

    Ranks number the entities 0, 1, …; an ``idx`` no entity had is stored with rank 0
    and type :data:`HOLE`, like the first entity if its type is unknown.
    """
    rank, kind = old.label_rank, old.node_type
    if not len(rank):
        return np.zeros(0, dtype=np.int64)
    count = int(rank.max()) + 1
    existed = (rank != 0) | (kind != HOLE)
    if existed.sum() == count - 1:  # the first entity has an unknown type: find it among the holes
        existed[_first_of_unknown_type(rows, old, change)] = True
    nodes = np.flatnonzero(existed)
    if len(nodes) != count or (np.bincount(rank[nodes], minlength=count) != 1).any():
        raise Stale("the stored label ranks are not a permutation")
    order = np.empty(count, dtype=np.int64)
    order[rank[nodes]] = nodes
    return order


def _first_of_unknown_type(rows: IndexedRows, old: Adjacency, change: _Change) -> int:
    candidates = np.flatnonzero((old.label_rank == 0) & (old.node_type == HOLE))
    touched = candidates[np.isin(candidates, change.existed)]
    if not len(touched):  # untouched entities exist now iff they did before
        untouched = set(candidates.tolist()) - set(change.added)
        touched = rows.existing(untouched)
    if len(touched) != 1:
        raise Stale("cannot tell the first entity from the holes")
    return int(touched[0])


# -- per entry ----------------------------------------------------------------------------------
@dataclass
class _Entries:
    """New entries, in the order a fresh build has them."""

    end: list[int] = field(default_factory=list)
    values: dict[str, list[int]] = field(default_factory=lambda: {name: [] for name in ENTRY_ARRAYS})
    outlets: list[list[str]] = field(default_factory=list)


def _entry_arrays(rows: IndexedRows, old: Adjacency, change: _Change, edges: set[EdgeKey]) -> dict:
    """The per-entry arrays and ``indptr`` (only ``indptr`` if no entry changed)."""
    pairs = _touched_pairs(rows, edges)
    counts = _resized(np.diff(old.indptr), max(change.n_old, change.n_new), 0)
    if not (pairs or len(change.deleted)):
        return {} if change.n_new == change.n_old else {"indptr": _indptr(counts, change.n_new)}
    keep = np.ones(len(old.neighbour), dtype=bool)
    counts -= np.bincount(_drop(old, change, pairs, keep), minlength=len(counts))
    kept = {name: old.arrays[name][keep] for name in ENTRY_ARRAYS}
    new = _pair_entries(rows, pairs)
    at = _insert_at(_indptr(counts, len(counts)), kept["neighbour"], new)
    counts += np.bincount(np.array(new.end, dtype=np.int64), minlength=len(counts))
    arrays = {
        name: np.insert(array, at, np.array(new.values[name], dtype=array.dtype))
        for name, array in kept.items()
    }
    arrays["indptr"] = _indptr(counts, change.n_new)
    arrays.update(_outlets(old, keep, at, new.outlets))
    return arrays


def _indptr(counts: np.ndarray, n: int) -> np.ndarray:
    if counts[n:].any():
        raise Stale("entries left at a node beyond the last entity")
    indptr = np.zeros(n + 1, dtype="<i8")
    np.cumsum(counts[:n], out=indptr[1:])
    return indptr


def _touched_pairs(rows: IndexedRows, edges: set[EdgeKey]) -> dict[tuple[int, int], tuple[str, str]]:
    """``{(a, b): (id of a, id of b)}`` (``a <= b``) for the touched edges whose ends both exist."""
    index = rows.indexes({n for u, v, _ in edges for n in (u, v)})
    pairs = {}
    for u, v, _ in edges:
        if u in index and v in index:
            (a, ia), (b, ib) = sorted(((index[u], u), (index[v], v)))
            pairs[(a, b)] = (ia, ib)
    return pairs


def _drop(
    old: Adjacency, change: _Change, pairs: dict[tuple[int, int], tuple[str, str]], keep: np.ndarray
) -> np.ndarray:
    """Clear ``keep`` at the entries of touched pairs and deleted nodes; returns the nodes they were at."""
    deleted = change.deleted
    around = old.neighbour[entries_of(old.indptr, deleted)]  # the rows holding entries towards them
    ends = np.array([node for pair in pairs for node in pair], dtype=np.int64)
    rows = np.unique(np.concatenate([ends, deleted, around.astype(np.int64)]))
    rows = rows[rows < change.n_old]
    entries = entries_of(old.indptr, rows)
    owner = np.repeat(rows, old.indptr[rows + 1] - old.indptr[rows])
    other = old.neighbour[entries].astype(np.int64)
    width = max(change.n_old, change.n_new, 1)
    pair_keys = np.array([a * width + b for a, b in pairs], dtype=np.int64)
    drop = np.isin(owner, deleted) | np.isin(other, deleted)
    drop |= np.isin(np.minimum(owner, other) * width + np.maximum(owner, other), pair_keys)
    keep[entries[drop]] = False
    return owner[drop]


def _pair_entries(stored: IndexedRows, pairs: dict[tuple[int, int], tuple[str, str]]) -> _Entries:
    """The entries of the touched pairs' current edges, ordered as :func:`write_adjacency` orders them."""
    blocks = []
    for (a, b), (ia, ib) in pairs.items():
        rows = sorted(
            (rowid, a if source == ia else b, *rest)
            for s, t in {(ia, ib), (ib, ia)}
            for rowid, source, *rest in stored.pair_edges(s, t)
        )
        if not rows:
            continue
        documents = _pair_counts(rows)
        for end, other in {(a, b), (b, a)}:  # per end: edges from it, then edges to it, by rowid
            block = [r for r in rows if r[1] == end] + [r for r in rows if (b if r[1] == a else a) == end]
            blocks.append((end, other, block, documents))
    new = _Entries()
    for end, other, block, (pair_documents, pair_assertion) in sorted(blocks, key=lambda x: x[:2]):
        for rowid, _, layer, corroboration, weight, _, outlets in block:
            new.end.append(end)
            values = (
                other,
                rowid,
                LAYER_BITS.get(layer, 0),
                corroboration,
                weight,
                pair_documents,
                pair_assertion,
            )
            for name, value in zip(ENTRY_ARRAYS, values, strict=True):
                new.values[name].append(value)
            new.outlets.append(json.loads(outlets))
    return new


def _pair_counts(rows: list[tuple]) -> tuple[int, int]:
    """Distinct documents of a pair's edges of the two main layers, and of its assertion edges
    (a lone edge: its corroboration)."""
    main = [r for r in rows if LAYER_BITS.get(r[2], 0) & MAIN_BITS]
    assertions = [r for r in rows if LAYER_BITS.get(r[2], 0) == LAYER_BITS[ASSERTION]]
    return _distinct(main), _distinct(assertions)


def _distinct(rows: list[tuple]) -> int:
    if not rows:
        return 0
    if len(rows) == 1:
        return rows[0][3]
    return len({document for r in rows for document in json.loads(r[5])})


def _insert_at(kept_indptr: np.ndarray, kept_neighbour: np.ndarray, new: _Entries) -> np.ndarray:
    """Where each new entry goes in the kept entries (rows are sorted by neighbour)."""
    at = []
    for end, other in zip(new.end, new.values["neighbour"], strict=True):
        start, stop = kept_indptr[end], kept_indptr[end + 1]
        at.append(start + np.searchsorted(kept_neighbour[start:stop], other))
    return np.array(at, dtype=np.int64)


def _outlets(old: Adjacency, keep: np.ndarray, at: np.ndarray, outlets: list[list[str]]) -> dict:
    """``outlet_indptr``, ``outlet_ids`` and ``outlet_names`` with the new entries' outlets inserted."""
    counts = np.diff(old.outlet_indptr)
    kept_ids = old.outlet_ids[np.repeat(keep, counts)]
    kept_counts = counts[keep]
    names, recode = _outlet_names(old.outlet_names, kept_ids, outlets)
    if recode is not None:
        kept_ids = recode[kept_ids]
    new_ids = np.array([bisect_left(names, o) for found in outlets for o in found], dtype="<i4")
    new_counts = np.array([len(found) for found in outlets], dtype=np.int64)
    kept_offsets = np.zeros(len(kept_counts) + 1, dtype=np.int64)
    np.cumsum(kept_counts, out=kept_offsets[1:])
    all_counts = np.insert(kept_counts, at, new_counts)
    outlet_indptr = np.zeros(len(all_counts) + 1, dtype="<i8")
    np.cumsum(all_counts, out=outlet_indptr[1:])
    outlet_ids = np.insert(kept_ids, np.repeat(kept_offsets[at], new_counts), new_ids)
    return {"outlet_indptr": outlet_indptr, "outlet_ids": outlet_ids, "outlet_names": names}


def _outlet_names(
    old: list[str], kept_ids: np.ndarray, outlets: list[list[str]]
) -> tuple[list[str], np.ndarray | None]:
    """The outlets still named, sorted, and the new id of each old id (``None``: unchanged)."""
    used = np.bincount(kept_ids, minlength=len(old)) > 0
    fresh = {o for found in outlets for o in found}
    if used.all() and all(_has(old, o) for o in fresh):
        return old, None
    names = sorted({old[i] for i in np.flatnonzero(used)} | fresh)
    recode = np.full(len(old), -1, dtype="<i4")
    kept = np.flatnonzero(used)
    recode[kept] = [bisect_left(names, old[i]) for i in kept]
    return names, recode


def _has(names: list[str], name: str) -> bool:
    """Whether sorted ``names`` holds ``name``."""
    i = bisect_left(names, name)
    return i < len(names) and names[i] == name
