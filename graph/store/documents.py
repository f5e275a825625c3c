"""The stored documents: metadata, analyses (the NER cache) and the files that hold them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from graph.sql import delete_in, select_in
from ner.records import Document, DocumentAnalysis

if TYPE_CHECKING:
    from graph.store.database import Database


def _documents_changed(db: sqlite3.Connection) -> None:
    """Count a write to the document listing (the graph update compares it with its own count)."""
    db.execute(
        "INSERT INTO meta VALUES ('documents_revision', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


class Documents:
    """The documents of a store's :class:`~graph.store.database.Database`."""

    def __init__(self, database: Database):
        self._database = database
        self.db = database.db

    def document_state(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
        """``{doc_id: (content_hash, extractor_version)}`` for every stored document (or those of ``ids``)."""
        sql = "SELECT id, content_hash, extractor_version FROM documents"
        rows = self.db.execute(sql) if ids is None else select_in(self.db, sql, "id", ids)
        return {r[0]: (r[1], r[2]) for r in rows}

    def save_analyses(
        self, batch: Iterable[tuple[Document, DocumentAnalysis]], extractor_version: str
    ) -> int:
        """Insert or replace analysed documents in one transaction; returns how many."""
        rows = [
            (
                d.id,
                d.title,
                d.outlet,
                d.url,
                d.date,
                d.author,
                d.path,
                d.content_hash,
                extractor_version,
                a.n_tokens,
                json.dumps(a.to_dict(), ensure_ascii=False),
            )
            for d, a in batch
        ]
        with self._database.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
            db.executemany("INSERT OR IGNORE INTO document_paths VALUES (?, ?)", [(r[0], r[6]) for r in rows])
            _documents_changed(db)
        return len(rows)

    def ids_with_hash(self, hashes: Iterable[str]) -> dict[str, set[str]]:
        """``{content_hash: ids}`` of the stored documents with these hashes."""
        found: dict[str, set[str]] = {}
        for doc_id, digest in select_in(
            self.db, "SELECT id, content_hash FROM documents", "content_hash", hashes
        ):
            found.setdefault(digest, set()).add(doc_id)
        return found

    def ids_starting(self, prefix: str) -> list[str]:
        """Stored document ids that start with ``prefix`` (an index range, not a scan)."""
        rows = self.db.execute(
            "SELECT id FROM documents WHERE id >= ? AND id < ?", (prefix, prefix + "\U0010ffff")
        )
        return [r[0] for r in rows]

    def update_metadata(self, docs: Iterable[Document]) -> None:
        """Refresh the title, outlet, url, date, author and path of stored documents (not re-analysed)."""
        rows = [(d.title, d.outlet, d.url, d.date, d.author, d.path, d.id) for d in docs]
        with self._database.transaction() as db:
            db.executemany(
                "UPDATE documents SET title=?, outlet=?, url=?, date=?, author=?, path=? WHERE id=?", rows
            )
            _documents_changed(db)

    def set_paths(self, paths: Mapping[str, Iterable[str]]) -> None:
        """Make ``paths[id]`` the files that hold each of these stored documents, in one transaction."""
        with self._database.transaction() as db:
            delete_in(db, "document_paths", "doc_id", paths)
            db.executemany(
                "INSERT OR IGNORE INTO document_paths VALUES (?, ?)",
                [(doc_id, path) for doc_id, found in paths.items() for path in found],
            )
            _documents_changed(db)

    def remove_documents(self, ids: Iterable[str]) -> int:
        """Delete documents and their analyses; returns how many."""
        ids = list(ids)
        if not ids:
            return 0
        with self._database.transaction() as db:
            db.executemany("DELETE FROM documents WHERE id=?", [(i,) for i in ids])
            db.executemany("DELETE FROM document_paths WHERE doc_id=?", [(i,) for i in ids])
            _documents_changed(db)
        return len(ids)

    def listing(self, ids: Iterable[str] | None = None) -> dict[str, dict]:
        """Stored document metadata by id (title, outlet, url, date, path, paths, n_tokens).

        Every document, or only those of ``ids``.
        """
        paths: dict[str, list[str]] = {}
        sql = "SELECT doc_id, path FROM document_paths"
        found = self.db.execute(sql) if ids is None else select_in(self.db, sql, "doc_id", ids)
        for doc_id, path in sorted(found, key=lambda row: row[1]):
            paths.setdefault(doc_id, []).append(path)
        sql = "SELECT id, title, outlet, url, date, author, path, n_tokens FROM documents"
        rows = self.db.execute(sql) if ids is None else select_in(self.db, sql, "id", ids)
        keys = ("title", "outlet", "url", "date", "author", "path", "n_tokens")
        return {
            r[0]: {**dict(zip(keys, r[1:], strict=True)), "paths": paths.get(r[0], [])}
            for r in sorted(rows, key=lambda row: row[0])
        }

    def graph_documents(self) -> dict[str, dict]:
        """The document listing of the stored graph: :meth:`listing`, or a graph saved whole's own."""
        saved = self._database.get_meta("graph_documents")  # written by save_graph, dropped by a build
        return json.loads(saved) if saved is not None else self.listing()

    def iter_analyses(self) -> Iterator[DocumentAnalysis]:
        """Every stored analysis, streamed in id order."""
        for (data,) in self.db.execute("SELECT analysis FROM documents ORDER BY id"):
            yield DocumentAnalysis.from_dict(json.loads(data))

    def outlets(self) -> list[str]:
        """Every outlet a stored document names, sorted."""
        rows = self.db.execute(
            "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL AND outlet != ''"
        )
        return sorted(outlet for (outlet,) in rows)

    def count(self) -> int:
        """How many documents the store holds."""
        return int(self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def is_empty(self) -> bool:
        """True when the store holds no document."""
        return self.db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None
