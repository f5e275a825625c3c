"""The tables the search arrays (:mod:`graph.index`) read and write: the store's answer to
:class:`graph.index.IndexedRows`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import IO, cast

from graph.schema import EdgeKey
from graph.sql import select_in

#: The edges from one entity to another, as the index entries need them.
PAIR_EDGES = (
    "SELECT rowid, source, layer, corroboration, weight, documents, outlets FROM edges "
    "WHERE source = ? AND target = ?"
)


class IndexTables:
    """``entities``, ``edges`` and ``adjacency`` of a store's connection, for the search arrays."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def node_count(self) -> int:
        """Node slots: the largest entity ``idx`` + 1."""
        return (self.db.execute("SELECT max(idx) FROM entities").fetchone()[0] or -1) + 1

    def nodes(self) -> Iterator[tuple[int, str, str]]:
        """``(idx, type, label)`` of every entity."""
        yield from self.db.execute("SELECT idx, type, label FROM entities")

    def edge_ends(self) -> list[tuple[int, int, int, str, int, float, str]]:
        """``(rowid, source idx, target idx, layer, corroboration, weight, outlets)`` of every edge."""
        return self.db.execute(
            "SELECT e.rowid, s.idx, t.idx, e.layer, e.corroboration, e.weight, e.outlets FROM edges e "
            "JOIN entities s ON s.id = e.source JOIN entities t ON t.id = e.target ORDER BY e.rowid"
        ).fetchall()

    def edge_documents(self, rowids: Iterable[int]) -> Iterator[tuple[int, str]]:
        """``(rowid, documents JSON)`` of these edges."""
        yield from select_in(self.db, "SELECT rowid, documents FROM edges", "rowid", rowids)

    def entities(self, ids: Iterable[str]) -> Iterator[tuple[str, int, str, str]]:
        """``(id, idx, label, type)`` of these entities."""
        yield from select_in(self.db, "SELECT id, idx, label, type FROM entities", "id", ids)

    def edges_touching(self, ids: Iterable[str]) -> Iterator[EdgeKey]:
        """Keys of the edges from, then to, these entities."""
        ids = list(ids)
        for column in ("source", "target"):
            yield from select_in(self.db, "SELECT source, target, layer FROM edges", column, ids)

    def label_at(self, idx: int) -> str | None:
        """The label of entity number ``idx``, if one exists."""
        row = self.db.execute("SELECT label FROM entities WHERE idx = ?", (idx,)).fetchone()
        return None if row is None else row[0]

    def existing(self, indexes: Iterable[int]) -> list[int]:
        """Which of these entity numbers exist."""
        return [r[0] for r in select_in(self.db, "SELECT idx FROM entities", "idx", indexes)]

    def indexes(self, ids: Iterable[str]) -> dict[str, int]:
        """``{id: idx}`` of these entities."""
        return dict(select_in(self.db, "SELECT id, idx FROM entities", "id", ids))

    def pair_edges(self, source: str, target: str) -> Iterator[tuple]:
        """The edges from ``source`` to ``target`` (:data:`PAIR_EDGES`)."""
        yield from self.db.execute(PAIR_EDGES, (source, target))

    def clear_arrays(self) -> None:
        """Delete every stored array."""
        self.db.execute("DELETE FROM adjacency")

    def save_arrays(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """Write (or replace) ``(name, dtype, data)`` arrays."""
        self.db.executemany("INSERT OR REPLACE INTO adjacency VALUES (?, ?, ?)", list(rows))

    def read_arrays(self, names: Iterable[str]) -> Iterator[tuple[str, str, bytes]]:
        """``(name, dtype, data)`` of these stored arrays."""
        names = list(names)
        marks = ",".join("?" * len(names))
        yield from self.db.execute(f"SELECT name, dtype, data FROM adjacency WHERE name IN ({marks})", names)

    def array_blobs(self, names: Iterable[str]) -> dict[str, tuple[int, str]]:
        """``{name: (rowid, dtype)}`` of these stored arrays."""
        names = list(names)
        marks = ",".join("?" * len(names))
        rows = self.db.execute(f"SELECT name, rowid, dtype FROM adjacency WHERE name IN ({marks})", names)
        return {name: (rowid, dtype) for name, rowid, dtype in rows}

    def open_array(self, rowid: int) -> AbstractContextManager[IO[bytes]]:
        """A stored array's bytes, read in place."""
        return cast(
            AbstractContextManager[IO[bytes]], self.db.blobopen("adjacency", "data", rowid, readonly=True)
        )
