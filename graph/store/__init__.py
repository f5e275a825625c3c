"""The SQLite store: the only package that writes SQL on the graph's tables.

``tables``: the schema; ``database``: the file, connection, transactions and locks;
``documents``: the stored documents and analyses; ``rows``: the one writer of graph rows;
``graph_io``: the graph saved and loaded whole; ``index_tables``: the rows the search
arrays (:mod:`graph.index`) read and the table they live in; ``reads``: partial reads for queries;
``vocabulary``: the stored vocabulary the merge reads and writes by delta;
``delta``: :func:`update_graph`, the stored graph kept up to date by delta; ``facade``:
:class:`Store`, one handle holding one object per concern.
"""

from graph.store.database import BuildBusy, Database, StoreError
from graph.store.delta import GraphRows, GraphUpdate, graph_counts, update_graph
from graph.store.documents import Documents
from graph.store.facade import Store
from graph.store.graph_io import StoredGraph
from graph.store.index_tables import IndexTables
from graph.store.reads import GraphReads
from graph.store.rows import write_graph_rows
from graph.store.vocabulary import VocabularyTables, documents_naming, write_vocabulary

__all__ = [
    "BuildBusy",
    "Database",
    "Documents",
    "GraphReads",
    "GraphRows",
    "GraphUpdate",
    "IndexTables",
    "Store",
    "StoreError",
    "StoredGraph",
    "VocabularyTables",
    "documents_naming",
    "graph_counts",
    "update_graph",
    "write_graph_rows",
    "write_vocabulary",
]
