"""What the search arrays read of the graph's rows, and where they keep themselves.

The index holds no SQL: :class:`IndexedRows` is what it asks of the store
(:class:`graph.store.IndexTables` answers it from the ``entities``, ``edges`` and
``adjacency`` tables, inside the caller's transaction).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import IO, Protocol

from graph.schema import EdgeKey


class IndexedRows(Protocol):
    """The graph's rows as the search arrays read them, and the arrays' own table."""

    def node_count(self) -> int:
        """Node slots: the largest entity ``idx`` + 1."""
        ...

    def nodes(self) -> Iterator[tuple[int, str, str]]:
        """``(idx, type, label)`` of every entity."""
        ...

    def edge_ends(self) -> list[tuple[int, int, int, str, int, float, str]]:
        """``(rowid, source idx, target idx, layer, corroboration, weight, outlets JSON)`` of
        every edge, by rowid."""
        ...

    def edge_documents(self, rowids: Iterable[int]) -> Iterator[tuple[int, str]]:
        """``(rowid, documents JSON)`` of these edges."""
        ...

    def entities(self, ids: Iterable[str]) -> Iterator[tuple[str, int, str, str]]:
        """``(id, idx, label, type)`` of these entities (those that exist)."""
        ...

    def edges_touching(self, ids: Iterable[str]) -> Iterator[EdgeKey]:
        """Keys of the edges from, then to, these entities."""
        ...

    def label_at(self, idx: int) -> str | None:
        """The label of entity number ``idx``, if one exists."""
        ...

    def existing(self, indexes: Iterable[int]) -> list[int]:
        """Which of these entity numbers exist."""
        ...

    def indexes(self, ids: Iterable[str]) -> dict[str, int]:
        """``{id: idx}`` of these entities (those that exist)."""
        ...

    def pair_edges(self, source: str, target: str) -> Iterator[tuple]:
        """``(rowid, source, layer, corroboration, weight, documents, outlets)`` of the edges
        from ``source`` to ``target``."""
        ...

    def clear_arrays(self) -> None:
        """Delete every stored array."""
        ...

    def save_arrays(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """Write (or replace) ``(name, dtype, data)`` arrays."""
        ...

    def read_arrays(self, names: Iterable[str]) -> Iterator[tuple[str, str, bytes]]:
        """``(name, dtype, data)`` of these stored arrays."""
        ...

    def array_blobs(self, names: Iterable[str]) -> dict[str, tuple[int, str]]:
        """``{name: (rowid, dtype)}`` of these stored arrays (for :meth:`open_array`)."""
        ...

    def open_array(self, rowid: int) -> AbstractContextManager[IO[bytes]]:
        """A stored array's bytes, read in place (SQLite incremental blob reads)."""
        ...
