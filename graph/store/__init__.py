"""The SQLite store: the only package that writes SQL on the graph's tables.

``facade``: :class:`Store`, the database and its documents, the graph saved and loaded,
partial reads for queries; ``delta``: :func:`update_graph`, the stored graph kept up to date
by delta (and the one writer of graph rows).
"""

from graph.store.delta import GraphRows, GraphUpdate, graph_counts, update_graph, write_graph_rows
from graph.store.facade import Store, StoreError

__all__ = [
    "GraphRows",
    "GraphUpdate",
    "Store",
    "StoreError",
    "graph_counts",
    "update_graph",
    "write_graph_rows",
]
