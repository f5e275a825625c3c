"""SQL helpers shared by the store, the incremental update and the adjacency writer."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

#: Values per SQL ``IN (…)`` list (SQLite's default limit on parameters is 32,766).
SQL_CHUNK = 900


def select_in(db: sqlite3.Connection, select: str, column: str, values: Iterable) -> Iterator[tuple]:
    """``select`` restricted to rows whose ``column`` is in ``values`` (chunked ``IN`` lists)."""
    values = sorted(set(values))
    for start in range(0, len(values), SQL_CHUNK):
        part = values[start : start + SQL_CHUNK]
        yield from db.execute(f"{select} WHERE {column} IN ({','.join('?' * len(part))})", part)


def delete_in(db: sqlite3.Connection, table: str, column: str, values: Iterable) -> None:
    """Delete the rows of ``table`` whose ``column`` is in ``values``."""
    values = sorted(set(values))
    for start in range(0, len(values), SQL_CHUNK):
        part = values[start : start + SQL_CHUNK]
        db.execute(f"DELETE FROM {table} WHERE {column} IN ({','.join('?' * len(part))})", part)
