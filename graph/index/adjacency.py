"""A compact integer adjacency of the stored graph, for searches that must not load it.

The build writes it into the store (table ``adjacency``: one raw array per row,
read back with :func:`numpy.frombuffer`; nothing is ever unpickled) in the same
transaction as the graph tables, so it can never be stale. Node ``i`` is the
entity whose ``idx`` is ``i``. Every layer edge appears twice, once from each
end, so the arrays are a CSR matrix over the undirected view that
:func:`graph.query.paths.evidence_view` builds: ``neighbour[indptr[i]:indptr[i + 1]]``
are the ends of node ``i``'s links, with each link's ``layer``, ``corroboration``
and ``outlets`` alongside. A breadth-first search over a million links then
takes tens of milliseconds, and only the few links on the paths found are read
in full from the ``edges`` table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields

import numpy as np

from graph.index.rows import IndexedRows
from graph.schema import ASSERTION, CO_MENTION, DOCUMENT, PARAGRAPH

#: Bit of each layer in the ``layer`` array.
LAYER_BITS = {CO_MENTION: 1, ASSERTION: 2, PARAGRAPH: 4, DOCUMENT: 8}
#: The bits of the two main layers, whose documents ``pair_documents`` counts.
MAIN_BITS = LAYER_BITS[CO_MENTION] | LAYER_BITS[ASSERTION]
#: Every array, with its dtype (``json`` rows hold a list of strings).
ARRAYS = {
    "indptr": "<i8",  # n + 1 offsets into the entry arrays
    "neighbour": "<i4",  # per entry: the node at the other end
    "edge": "<i4",  # per entry: rowid of the layer edge in ``edges``
    "layer": "u1",  # per entry: LAYER_BITS of the edge
    "corroboration": "<i4",  # per entry: distinct documents of the edge
    "weight": "<f8",  # per entry: weight of the edge (list sentences give fractions)
    "pair_documents": "<i4",  # per entry: distinct documents of the pair over the two main layers
    "pair_assertion_documents": "<i4",  # per entry: distinct documents of the pair's assertions
    "outlet_indptr": "<i8",  # per entry + 1: offsets into outlet_ids
    "outlet_ids": "<i4",  # outlets of each entry's edge, as indexes into outlet_names
    "node_type": "u1",  # per node: index into ENTITY_TYPES (len(ENTITY_TYPES) if unknown)
    "label_rank": "<i4",  # per node: position of its label in sorted order
    "outlet_names": "json",  # the outlets outlet_ids index, in sorted order
}
#: The arrays every path search needs; :func:`mask_arrays` names those its filters need.
SEARCH_ARRAYS = ("indptr", "neighbour", "node_type")
OUTLET_ARRAYS = ("outlet_indptr", "outlet_ids", "outlet_names")


@dataclass
class Adjacency:
    """Some or all of the stored arrays (see :data:`ARRAYS`); those not read are ``None``."""

    indptr: np.ndarray | None = None
    neighbour: np.ndarray | None = None
    edge: np.ndarray | None = None
    layer: np.ndarray | None = None
    corroboration: np.ndarray | None = None
    weight: np.ndarray | None = None
    pair_documents: np.ndarray | None = None
    pair_assertion_documents: np.ndarray | None = None
    outlet_indptr: np.ndarray | None = None
    outlet_ids: np.ndarray | None = None
    node_type: np.ndarray | None = None
    label_rank: np.ndarray | None = None
    outlet_names: list[str] | None = None

    @property
    def arrays(self) -> dict[str, np.ndarray | list[str]]:
        """The arrays read, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    @property
    def n_nodes(self) -> int:
        """Number of node slots (ids are ``0 .. n_nodes - 1``)."""
        return len(self.indptr) - 1


def save_arrays(rows: IndexedRows, arrays: dict) -> None:
    """Write (or replace) the given arrays of :data:`ARRAYS` (``outlet_names``: a list of str)."""
    rows.save_arrays([(name, ARRAYS[name], _encode(name, array)) for name, array in arrays.items()])


def _encode(name: str, array) -> bytes:
    if ARRAYS[name] == "json":
        return json.dumps(array, ensure_ascii=False).encode()
    return np.asarray(array).astype(ARRAYS[name]).tobytes()


def read_adjacency(rows: IndexedRows, names: Iterable[str]) -> Adjacency:
    """The named arrays (see :data:`ARRAYS`) from the store."""
    names = list(names)
    arrays = {}
    for name, dtype, data in rows.read_arrays(names):
        arrays[name] = json.loads(data) if dtype == "json" else np.frombuffer(data, dtype=dtype)
    missing = set(names) - arrays.keys()
    if missing:
        raise KeyError(f"adjacency arrays missing: {', '.join(sorted(missing))}")
    return Adjacency(**arrays)


def _blob_rowids(rows: IndexedRows, names: Iterable[str]) -> dict[str, tuple[int, str]]:
    names = list(names)
    where = rows.array_blobs(names)
    if where.keys() != set(names):
        raise KeyError(f"adjacency arrays missing: {', '.join(sorted(set(names) - where.keys()))}")
    return where


def read_slices(
    rows: IndexedRows, spans: list[tuple[int, int]], names: Iterable[str]
) -> dict[str, np.ndarray]:
    """The ``[start, stop)`` spans of the named per-entry arrays, concatenated, read without
    loading the arrays (SQLite incremental blob reads)."""
    found = {}
    for name, (rowid, dtype) in _blob_rowids(rows, names).items():
        size = np.dtype(dtype).itemsize
        parts = []
        with rows.open_array(rowid) as blob:
            for start, stop in spans:
                blob.seek(size * start)
                parts.append(blob.read(size * (stop - start)))
        found[name] = np.frombuffer(b"".join(parts), dtype=dtype)
    return found


def read_row(rows: IndexedRows, node: int, names: Iterable[str]) -> dict[str, np.ndarray]:
    """Node ``node``'s slice of the named per-entry arrays."""
    rowid, _ = _blob_rowids(rows, ["indptr"])["indptr"]
    with rows.open_array(rowid) as blob:
        blob.seek(8 * node)
        start, stop = (int(x) for x in np.frombuffer(blob.read(16), dtype="<i8"))
    return read_slices(rows, [(start, stop)], names)


def owners(indptr: np.ndarray) -> np.ndarray:
    """For each element of a CSR array, the row it belongs to."""
    return np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))


def rows_with(indptr: np.ndarray, elements: np.ndarray) -> np.ndarray:
    """Per row of a CSR array: whether any of its elements is true in ``elements``."""
    return np.bincount(owners(indptr)[elements], minlength=len(indptr) - 1) > 0


def entries_of(indptr: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Entry indexes of all the given nodes' links (a vectorised concatenation of CSR rows)."""
    starts = indptr[nodes]
    counts = indptr[nodes + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    shift = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return shift + np.arange(total)
