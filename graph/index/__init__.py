"""The search arrays: the stored graph as compact adjacency arrays, built whole or by delta.

``adjacency``: the arrays (:class:`Adjacency`), stored and read back; ``build``: their build
from the graph's rows (:func:`write_adjacency`); ``search``: the filters, breadth-first
searches and links among nodes over them; ``delta``: :func:`update_adjacency`, the same
arrays after a graph update touched a few rows;
``rows``: :class:`IndexedRows`, what they ask of the store (no SQL here:
:class:`graph.store.IndexTables` answers).
"""

from graph.index.adjacency import (
    ARRAYS,
    LAYER_BITS,
    MAIN_BITS,
    OUTLET_ARRAYS,
    SEARCH_ARRAYS,
    Adjacency,
    entries_of,
    owners,
    read_adjacency,
    read_row,
    read_slices,
    rows_with,
    save_arrays,
)
from graph.index.build import write_adjacency
from graph.index.delta import update_adjacency
from graph.index.rows import IndexedRows
from graph.index.search import distances, entry_mask, links_among, mask_arrays, neighbour_counts, path_nodes

__all__ = [
    "ARRAYS",
    "LAYER_BITS",
    "MAIN_BITS",
    "OUTLET_ARRAYS",
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
