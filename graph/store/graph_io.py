"""The stored graph as a whole: saved from, and loaded into, a networkx graph."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from graph.sql import select_in
from graph.store.index_tables import IndexTables
from graph.store.rows import (
    claim_row,
    clear_graph,
    edge_rowids,
    evidence_rows,
    write_claims,
    write_evidence,
    write_graph_rows,
)

if TYPE_CHECKING:
    import networkx as nx

    from graph.store.database import Database
    from graph.store.documents import Documents


def with_evidence(
    db: sqlite3.Connection, rows: Iterable[tuple[int, str, str, str, str]], documents: int | None = None
) -> list[tuple[str, str, str, dict]]:
    """``(rowid, source, target, layer, data)`` edge rows → ``(source, target, layer, attributes)``,
    the attributes with their ``evidence`` (in document-id order) read back in: all of it, or
    that of the first ``documents`` documents (by id) of each edge."""
    rows = list(rows)
    if documents is None:
        read = select_in(db, "SELECT edge, doc_id, data FROM evidence", "edge", [r[0] for r in rows])
    else:
        sql = "SELECT edge, doc_id, data FROM evidence WHERE edge = ? ORDER BY doc_id LIMIT ?"
        read = (found for r in rows for found in db.execute(sql, (r[0], documents)))
    found = _by_edge(read)
    return [(u, v, layer, _attach(data, found.get(rowid, []))) for rowid, u, v, layer, data in rows]


def _by_edge(rows: Iterable[tuple[int, str, str]]) -> dict[int, list[tuple[str, str]]]:
    """``(edge, doc_id, data)`` evidence rows grouped by edge."""
    found: dict[int, list[tuple[str, str]]] = {}
    for edge, doc_id, data in rows:
        found.setdefault(edge, []).append((doc_id, data))
    return found


#: Evidence rows numbered by document within each edge.
_FIRST_DOCUMENTS = "SELECT *, ROW_NUMBER() OVER (PARTITION BY edge ORDER BY doc_id) AS n FROM evidence"


def _attach(data: str, evidence: list[tuple[str, str]]) -> dict:
    attributes = json.loads(data)
    attributes["evidence"] = [e for _, found in sorted(evidence) for e in json.loads(found)]
    return attributes


class StoredGraph:
    """A store's graph saved whole from, or loaded whole into, a ``networkx.MultiDiGraph``."""

    def __init__(self, database: Database, documents: Documents):
        self._database = database
        self._documents = documents
        self.db = database.db

    def save(self, G: nx.MultiDiGraph, claims: list[dict]) -> None:
        """Replace the stored graph and claims in one transaction."""
        with self._database.transaction() as db:
            clear_graph(db)
            write_graph_rows(
                db, dict(G.nodes(data=True)), {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}
            )
            rowids = edge_rowids(db)
            write_evidence(
                db,
                (
                    row
                    for u, v, key, data in G.edges(keys=True, data=True)
                    for row in evidence_rows(rowids[(u, v, key)], key, data.get("evidence", []))
                ),
            )
            write_claims(db, [claim_row(c["document"], i, c) for i, c in enumerate(claims)])
            self._database.set_meta(
                "graph_documents", json.dumps(G.graph.get("documents", {}), ensure_ascii=False)
            )
            from graph.index import write_adjacency  # numpy: only builds and searches need it

            write_adjacency(IndexTables(db))

    def load(self, *, evidence: bool = True, documents: int | None = None) -> nx.MultiDiGraph:
        """The stored graph, as described in :mod:`graph.schema`.

        Without ``evidence``, edges carry every attribute but an empty ``evidence``
        list (what counts and rankings need, read in a fraction of the time); with
        ``documents``, only the evidence of each edge's first ``documents`` documents.
        """
        import networkx as nx  # imported here: listing entities needs no graph library

        G = nx.MultiDiGraph()
        G.graph["documents"] = self._documents.graph_documents()
        for node, label, kind, data in self.db.execute("SELECT id, label, type, data FROM entities"):
            G.add_node(node, label=label, type=kind, **json.loads(data))
        found: dict[int, list[tuple[str, str]]] = {}
        if evidence:
            sql, args = "SELECT edge, doc_id, data FROM evidence", ()
            if documents is not None:
                sql, args = f"SELECT edge, doc_id, data FROM ({_FIRST_DOCUMENTS}) WHERE n <= ?", (documents,)
            found = _by_edge(self.db.execute(sql, args))
        for rowid, u, v, layer, data in self.db.execute(
            "SELECT rowid, source, target, layer, data FROM edges"
        ):
            G.add_edge(u, v, key=layer, **_attach(data, found.pop(rowid, [])))
        return G
