"""One handle on a store: its database, documents, graph and reads, each its own object.

Queries read the graph tables and never re-run NER. Every write is one
transaction, so a build killed half-way leaves the previous graph intact. An
edge's row holds its attributes; its evidence is stored a row per document in
``evidence`` (:mod:`graph.aggregate.evidence`) and read back with the edge when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from graph.store.database import Database
from graph.store.documents import Documents
from graph.store.graph_io import StoredGraph
from graph.store.index_tables import IndexTables
from graph.store.reads import GraphReads

if TYPE_CHECKING:
    import networkx as nx


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

    # -- what linkchart/cli.py calls on the store: kept until the CLI calls the objects above
    def load_graph(self, *, evidence: bool = True, documents: int | None = None) -> nx.MultiDiGraph:
        """:meth:`StoredGraph.load`."""
        return self.graph.load(evidence=evidence, documents=documents)

    def outlets(self) -> list[str]:
        """:meth:`Documents.outlets`."""
        return self.docs.outlets()

    def entity_rows(self, kind: str | None = None, limit: int | None = None) -> Iterator[tuple[str, dict]]:
        """:meth:`GraphReads.entity_rows`."""
        return self.reads.entity_rows(kind, limit)

    def labels_of(self, nodes: Iterable[str]) -> dict[str, str]:
        """:meth:`GraphReads.labels_of`."""
        return self.reads.labels_of(nodes)

    def documents_behind(self) -> int:
        """:meth:`GraphReads.documents_behind`."""
        return self.reads.documents_behind()

    def claim_counts(self) -> dict[str, dict[str, int]]:
        """:meth:`GraphReads.claim_counts`."""
        return self.reads.claim_counts()

    def claims(self, speaker: str | None = None, about: str | None = None) -> list[dict]:
        """:meth:`GraphReads.claims`."""
        return self.reads.claims(speaker, about)
