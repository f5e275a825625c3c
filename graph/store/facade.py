"""One handle on a store: its database, documents, graph and reads, each its own object.

Queries read the graph tables and never re-run NER. Every write is one
transaction, so a build killed half-way leaves the previous graph intact. An
edge's row holds its attributes; its evidence is stored a row per document in
``evidence`` (:mod:`graph.aggregate.evidence`) and read back with the edge when asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graph.store.database import Database
from graph.store.documents import Documents
from graph.store.graph_io import StoredGraph
from graph.store.index_tables import IndexTables
from graph.store.reads import GraphReads

if TYPE_CHECKING:
    pass


class Store(Database):
    """A linkchart store at ``path``: the :class:`Database` (file, connection, transactions,
    locks, meta) with one object per concern over it.

    Attributes
    ----------
    docs : Documents
        The stored documents and their analyses.
    graph : StoredGraph
        The graph saved or loaded whole.
    reads : GraphReads
        Partial reads of the graph for queries (also the store's :class:`graph.query.NameIndex`).
    index : IndexTables
        The rows the search arrays read and the table they live in (:mod:`graph.index`).
    """

    def __init__(self, path: str | Path, *, create: bool = False):
        super().__init__(path, create=create)
        self.docs = Documents(self)
        self.graph = StoredGraph(self, self.docs)
        self.reads = GraphReads(self, self.docs)
        self.index = IndexTables(self.db)

    def __enter__(self) -> Store:
        return self
