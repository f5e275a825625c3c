"""The file-scan cache's table: what each corpus file held at its last read (:mod:`linkchart.scan`).

It is about files, not the graph: it lives in the store's file beside the graph's tables
but is owned here, created on first write, and never dropped by a graph schema change.
A store that has never remembered a read answers as an empty cache.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from graph.sql import select_in
from graph.store import Store

SCAN_SCHEMA = """
CREATE TABLE IF NOT EXISTS file_scan (
    path BLOB PRIMARY KEY, stamp TEXT NOT NULL, trusted INTEGER NOT NULL, documents TEXT NOT NULL,
    skipped TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS file_scan_untrusted ON file_scan (path) WHERE trusted = 0;
"""
#: The meta entry naming the readers that made the remembered reads.
VERSION_KEY = "scan_version"
_SELECT = "SELECT path, stamp, trusted, documents, skipped FROM file_scan"

#: A remembered read: ``(stamp, trusted, documents, skipped)`` (:meth:`linkchart.scan.FileRecord.to_row`).
ScanRow = tuple[str, int, str, str]


def _has_table(db: sqlite3.Connection) -> bool:
    return (
        db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'file_scan'").fetchone()
        is not None
    )


def scan_rows(store: Store, version: str) -> dict[bytes, ScanRow]:
    """The remembered corpus reads if made by readers of ``version``, else none."""
    if store.get_meta(VERSION_KEY) != version or not _has_table(store.db):
        return {}
    return {r[0]: r[1:] for r in store.db.execute(_SELECT)}


def scan_rows_of(store: Store, keys: Iterable[bytes]) -> dict[bytes, ScanRow]:
    """The remembered reads of these files (whatever readers made them)."""
    if not _has_table(store.db):
        return {}
    return {r[0]: r[1:] for r in select_in(store.db, _SELECT, "path", keys)}


def untrusted_files(store: Store) -> list[bytes]:
    """Files whose remembered read may have raced a write: they are read again next time."""
    if not _has_table(store.db):
        return []
    return [r[0] for r in store.db.execute("SELECT path FROM file_scan WHERE trusted = 0")]


def save_scan(store: Store, rows: Iterable[tuple], stale: Iterable[bytes], version: str) -> None:
    """Upsert remembered reads and forget ``stale`` paths, in one transaction."""
    with store.transaction() as db:
        for statement in SCAN_SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        if store.get_meta(VERSION_KEY) != version:
            db.execute("DELETE FROM file_scan")
            store.set_meta(VERSION_KEY, version)
        db.executemany("INSERT OR REPLACE INTO file_scan VALUES (?, ?, ?, ?, ?)", list(rows))
        db.executemany("DELETE FROM file_scan WHERE path=?", [(k,) for k in stale])
