"""The search arrays: the stored graph as compact adjacency arrays, built whole or by delta.

``adjacency``: the arrays, their build (:func:`write_adjacency`) and the searches over them;
``delta``: :func:`update_adjacency`, the same arrays after a graph update touched a few rows;
``rows``: :class:`IndexedRows`, what they ask of the store (no SQL here:
:class:`graph.store.IndexTables` answers).
"""

from graph.index.adjacency import (
    ARRAYS,
    LAYER_BITS,
    MAIN_BITS,
    SEARCH_ARRAYS,
    Adjacency,
    distances,
    entries_of,
    entry_mask,
    links_among,
    mask_arrays,
    neighbour_counts,
    owners,
    path_nodes,
    read_adjacency,
    read_row,
    read_slices,
    rows_with,
    save_arrays,
    write_adjacency,
)
from graph.index.delta import update_adjacency
from graph.index.rows import IndexedRows

__all__ = [
    "ARRAYS",
    "LAYER_BITS",
    "MAIN_BITS",
    "SEARCH_ARRAYS",
    "Adjacency",
    "IndexedRows",
    "distances",
    "entries_of",
    "entry_mask",
    "links_among",
    "mask_arrays",
    "neighbour_counts",
    "owners",
    "path_nodes",
    "read_adjacency",
    "read_row",
    "read_slices",
    "rows_with",
    "save_arrays",
    "update_adjacency",
    "write_adjacency",
]
