"""The SQLite store: per-document analyses (the NER cache) and the built graph.

Queries read the graph tables and never re-run NER. Every write is one
transaction, so a build killed half-way leaves the previous graph intact. An
edge's row holds its attributes; its evidence is stored a row per document in
``evidence`` (:mod:`graph.evidence`) and read back with the edge when asked for.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from graph.evidence import EVIDENCE_COLUMNS, DocEvidence, by_document
from graph.sql import delete_in, select_in
from ner.cleanup import match_key
from ner.records import Document, DocumentAnalysis

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

    from graph.adjacency import Adjacency

APPLICATION = "linkchart"
SCHEMA_VERSION = "16"
#: How long a writer waits for another writer's lock before giving up (seconds).
BUSY_TIMEOUT_S = 30
SQLITE_MAGIC = b"SQLite format 3\x00"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, title TEXT, outlet TEXT, url TEXT, date TEXT, author TEXT,
    path TEXT, content_hash TEXT NOT NULL, extractor_version TEXT NOT NULL,
    n_tokens INTEGER NOT NULL DEFAULT 0, analysis TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_by_hash ON documents (content_hash);
CREATE TABLE IF NOT EXISTS document_paths (
    doc_id TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (doc_id, path)
);
-- what each corpus file held at its last read (linkchart/scan.py): unchanged files are not read
CREATE TABLE IF NOT EXISTS file_scan (
    path BLOB PRIMARY KEY, stamp TEXT NOT NULL, trusted INTEGER NOT NULL, documents TEXT NOT NULL,
    skipped TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS file_scan_untrusted ON file_scan (path) WHERE trusted = 0;
"""
#: The built graph: derived from the analyses, dropped and rebuilt when its schema changes.
GRAPH_SCHEMA = """
CREATE TABLE IF NOT EXISTS entities (
    idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, label TEXT NOT NULL, type TEXT NOT NULL,
    mentions INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_by_mentions ON entities (mentions DESC, label);
CREATE INDEX IF NOT EXISTS entities_by_type ON entities (type);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, entity TEXT NOT NULL, is_label INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS names_by_key ON names (key);
CREATE INDEX IF NOT EXISTS names_by_entity ON names (entity);
CREATE TABLE IF NOT EXISTS edges (
    source TEXT NOT NULL, target TEXT NOT NULL, layer TEXT NOT NULL, corroboration INTEGER NOT NULL,
    weight INTEGER NOT NULL, documents TEXT NOT NULL, outlets TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (source, target, layer)
);
CREATE INDEX IF NOT EXISTS edges_by_target ON edges (target);
CREATE INDEX IF NOT EXISTS edges_by_layer ON edges (layer);
-- each edge's evidence, one row per document, with its summary (graph/evidence.py)
CREATE TABLE IF NOT EXISTS evidence (
    edge INTEGER NOT NULL, doc_id TEXT NOT NULL, weight INTEGER NOT NULL, outlets TEXT NOT NULL,
    summary TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (edge, doc_id)
);
CREATE INDEX IF NOT EXISTS evidence_by_doc ON evidence (doc_id);
CREATE TABLE IF NOT EXISTS claims (
    doc_id TEXT NOT NULL, position INTEGER NOT NULL, speaker TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
);
CREATE INDEX IF NOT EXISTS claims_by_speaker ON claims (speaker);
CREATE TABLE IF NOT EXISTS adjacency (name TEXT PRIMARY KEY, dtype TEXT NOT NULL, data BLOB NOT NULL);
-- what each document contributed, so a build can update the graph by delta (graph/incremental.py)
CREATE TABLE IF NOT EXISTS graph_docs (doc_id TEXT PRIMARY KEY, stamp TEXT NOT NULL, edges TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS doc_keys (
    doc_id TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (doc_id, key, type)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_keys_by_key ON doc_keys (key);
CREATE TABLE IF NOT EXISTS node_docs (
    node TEXT NOT NULL, doc_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (node, doc_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_docs_by_doc ON node_docs (doc_id);
-- per node: its shares summed (graph.contrib.NodeTotals), so a change applies by delta
CREATE TABLE IF NOT EXISTS node_totals (node TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vocabulary (key TEXT PRIMARY KEY, types TEXT NOT NULL, node TEXT NOT NULL);
-- how vocabulary keys relate in the merge, so a delta re-merges only what it can move (graph/vocabulary.py)
CREATE TABLE IF NOT EXISTS vocabulary_links (
    rel TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (rel, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS vocabulary_links_by_key ON vocabulary_links (key);
-- per node a user's corrections shaped: its label set by hand, and which kinds (graph/corrections.py)
CREATE TABLE IF NOT EXISTS entity_corrections (node TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
"""
#: What a document's graph contribution depends on: when it changes, the contribution is redone.
STAMP = "json_array(d.content_hash, d.extractor_version, d.title, d.outlet)"
#: An edge's attributes without its evidence: enough to search and rank.
LIGHT_EDGE_DATA = (
    "json_object('layer', layer, 'corroboration', corroboration, 'weight', weight, "
    "'documents', json(documents), 'outlets', json(outlets), 'evidence', json('[]'))"
)
GRAPH_TABLES = (
    "entities",
    "names",
    "edges",
    "evidence",
    "claims",
    "adjacency",
    "graph_docs",
    "doc_keys",
    "node_docs",
    "node_totals",
    "vocabulary",
    "vocabulary_links",
    "entity_corrections",
)


#: Columns written for an entity (``idx`` is assigned by SQLite) and for an edge.
ENTITY_COLUMNS = "id, label, type, mentions, data"
EDGE_COLUMNS = "source, target, layer, corroboration, weight, documents, outlets, data"


def entity_row(node: str, data: dict) -> tuple:
    """An entity's row (:data:`ENTITY_COLUMNS`) from its node attributes."""
    rest = {k: v for k, v in data.items() if k not in ("label", "type")}
    return node, data["label"], data["type"], data.get("mentions", 0), json.dumps(rest, ensure_ascii=False)


def name_rows(node: str, data: dict) -> list[tuple[str, str, int]]:
    """``(key, entity, is_label)`` rows: the label's match key, then its aliases' other keys."""
    label_key = match_key(data["label"])
    aliases = {match_key(a) for a in data.get("aliases", [])} - {label_key}
    return [(label_key, node, 1), *((key, node, 0) for key in sorted(aliases))]


def edge_row(u: str, v: str, layer: str, data: dict) -> tuple:
    """An edge's row (:data:`EDGE_COLUMNS`) from its attributes (its evidence is stored apart)."""
    return (
        u,
        v,
        layer,
        data.get("corroboration", 0),
        data.get("weight", 1),
        json.dumps(data.get("documents", []), ensure_ascii=False),
        json.dumps(data.get("outlets", []), ensure_ascii=False),
        json.dumps({k: value for k, value in data.items() if k != "evidence"}, ensure_ascii=False),
    )


def evidence_row(edge: int, summary: DocEvidence, evidence: list[dict]) -> tuple:
    """The ``evidence`` row (:data:`graph.evidence.EVIDENCE_COLUMNS`) of one document's
    ``evidence`` for edge number ``edge``, with its ``summary``."""
    return (edge, summary.doc_id, *summary.columns(), json.dumps(evidence, ensure_ascii=False))


def evidence_rows(edge: int, layer: str, evidence: list[dict]) -> list[tuple]:
    """The ``evidence`` rows of edge number ``edge``: one per document of its ``evidence``."""
    return [
        evidence_row(edge, DocEvidence.of(layer, doc_id, found), found)
        for doc_id, found in by_document(evidence).items()
    ]


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


def _documents_changed(db: sqlite3.Connection) -> None:
    """Count a write to the document listing (the graph update compares it with its own count)."""
    db.execute(
        "INSERT INTO meta VALUES ('documents_revision', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


_SCAN_SELECT = "SELECT path, stamp, trusted, documents, skipped FROM file_scan"


class StoreError(Exception):
    """The store file is missing, not a linkchart store, corrupt or busy."""


class BuildBusy(StoreError):
    """Another build holds the store's build lock (a later try may succeed)."""


def _check_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        magic = handle.read(len(SQLITE_MAGIC))
    if magic != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a linkchart store (not an SQLite file); refusing to touch it")


def _read_only_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` read-only; immutable when its folder is not writable
    (SQLite could not make the WAL index beside it, and nobody can be writing it)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri if os.access(path.parent, os.W_OK) else uri + "&immutable=1"


def _check_foreign(path: Path) -> None:
    """Refuse an SQLite file that is not a linkchart store, before writing a byte to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        probe = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            app = None
            if "meta" in tables:
                app = probe.execute("SELECT value FROM meta WHERE key='application'").fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is corrupt or not a linkchart store ({error})") from error
    if tables and "meta" not in tables:
        raise StoreError(f"{path} is an SQLite file but not a linkchart store; refusing to touch it")
    if "meta" in tables and (not app or app[0] != APPLICATION):
        raise StoreError(f"{path} is not a linkchart store; refusing to touch it")


class Store:
    """A linkchart store at ``path``.

    Parameters
    ----------
    path : str or Path
        The SQLite file.
    create : bool
        Create the store if the file does not exist (``build`` does; queries don't).

    Raises
    ------
    StoreError
        If the file is missing (and ``create`` is false), is not a linkchart
        store, or is corrupt.
    """

    def __init__(self, path: str | Path, *, create: bool = False):
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise StoreError(f"no store at {self.path}; run 'linkchart build' first (or pass --db)")
        if not self.path.parent.is_dir():
            raise StoreError(f"cannot create {self.path}: folder {self.path.parent} does not exist")
        _check_file(self.path)
        _check_foreign(self.path)
        #: A store in a file or folder this process may not write is opened read-only: queries
        #: work, a build is refused (and no ``-wal``/``-shm`` file is left behind).
        self.read_only = self.path.exists() and not (
            os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)
        )
        if self.read_only and create:
            raise StoreError(f"store is read-only: {self.path} (build into a copy you can write)")
        try:
            if self.read_only:
                uri = _read_only_uri(self.path)
                self.db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            else:
                self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self._init_schema(create)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} is corrupt or not a linkchart store ({error})") from error

    def _init_schema(self, create: bool) -> None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path} is an SQLite file but not a linkchart store; refusing to touch it")
        if "meta" in tables:
            app = self.db.execute("SELECT value FROM meta WHERE key='application'").fetchone()
            if not app or app[0] != APPLICATION:
                raise StoreError(f"{self.path} is not a linkchart store; refusing to touch it")
            if self.get_meta("schema_version") == SCHEMA_VERSION:
                return
            if not create:
                raise StoreError(f"{self.path} was built by an older linkchart; run 'linkchart build' again")
        elif not create:
            raise StoreError(f"{self.path} is an empty store; run 'linkchart build' first")
        with self.transaction():
            for table in GRAPH_TABLES:  # derived data: rebuilt from the analyses by the build
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in (SCHEMA + GRAPH_SCHEMA).split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self.db.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("application", APPLICATION), ("schema_version", SCHEMA_VERSION)],
            )

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.in_transaction:  # SQLite rolls back by itself on some errors (disk full)
                with suppress(sqlite3.Error):  # the error that brought us here is the one to report
                    self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def build_lock(self, wait: bool = False) -> Iterator[None]:
        """Hold the store's build lock; a second concurrent build fails clearly (or, with
        ``wait``, waits for the first to end)."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        handle = lock_path.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as error:
            handle.close()
            raise BuildBusy(f"another build is running on {self.path}; try again when it ends") from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    def being_built(self) -> bool:
        """True while another process holds the build lock (a build is running)."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        if not lock_path.exists():
            return False
        with lock_path.open("r") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
        return False

    # -- documents and analyses -----------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        """A value from the meta table."""
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

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
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
            db.executemany("INSERT OR IGNORE INTO document_paths VALUES (?, ?)", [(r[0], r[6]) for r in rows])
            _documents_changed(db)
        return len(rows)

    def scan_rows(self, version: str) -> dict[bytes, tuple[str, int, str, str]]:
        """The remembered corpus reads (``file_scan``) if made by readers of ``version``, else none."""
        if self.get_meta("scan_version") != version:
            return {}
        return {r[0]: r[1:] for r in self.db.execute(_SCAN_SELECT)}

    def scan_rows_of(self, keys: Iterable[bytes]) -> dict[bytes, tuple[str, int, str, str]]:
        """The remembered reads of these files (whatever readers made them)."""
        return {r[0]: r[1:] for r in select_in(self.db, _SCAN_SELECT, "path", keys)}

    def untrusted_files(self) -> list[bytes]:
        """Files whose remembered read may have raced a write: they are read again next time."""
        return [r[0] for r in self.db.execute("SELECT path FROM file_scan WHERE trusted = 0")]

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

    def save_scan(self, rows: Iterable[tuple], stale: Iterable[bytes], version: str) -> None:
        """Upsert ``file_scan`` rows and forget ``stale`` paths, in one transaction."""
        with self.transaction() as db:
            if self.get_meta("scan_version") != version:
                db.execute("DELETE FROM file_scan")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('scan_version', ?)", (version,))
            db.executemany("INSERT OR REPLACE INTO file_scan VALUES (?, ?, ?, ?, ?)", list(rows))
            db.executemany("DELETE FROM file_scan WHERE path=?", [(k,) for k in stale])

    def update_metadata(self, docs: Iterable[Document]) -> None:
        """Refresh the title, outlet, url, date, author and path of stored documents (not re-analysed)."""
        rows = [(d.title, d.outlet, d.url, d.date, d.author, d.path, d.id) for d in docs]
        with self.transaction() as db:
            db.executemany(
                "UPDATE documents SET title=?, outlet=?, url=?, date=?, author=?, path=? WHERE id=?", rows
            )
            _documents_changed(db)

    def set_paths(self, paths: Mapping[str, Iterable[str]]) -> None:
        """Make ``paths[id]`` the files that hold each of these stored documents, in one transaction."""
        with self.transaction() as db:
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
        with self.transaction() as db:
            db.executemany("DELETE FROM documents WHERE id=?", [(i,) for i in ids])
            db.executemany("DELETE FROM document_paths WHERE doc_id=?", [(i,) for i in ids])
            _documents_changed(db)
        return len(ids)

    def documents(self, ids: Iterable[str] | None = None) -> dict[str, dict]:
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
        """The document listing of the stored graph: :meth:`documents`, or a graph saved whole's own."""
        saved = self.get_meta("graph_documents")  # written by save_graph, dropped by a build
        return json.loads(saved) if saved is not None else self.documents()

    def iter_analyses(self) -> Iterator[DocumentAnalysis]:
        """Every stored analysis, streamed in id order."""
        for (data,) in self.db.execute("SELECT analysis FROM documents ORDER BY id"):
            yield DocumentAnalysis.from_dict(json.loads(data))

    # -- the graph ------------------------------------------------------------------------
    def save_graph(self, G: nx.MultiDiGraph, claims: list[dict]) -> None:
        """Replace the stored graph and claims in one transaction."""
        entity_rows = [entity_row(node, data) for node, data in G.nodes(data=True)]
        names = [row for node, data in G.nodes(data=True) for row in name_rows(node, data)]
        edge_rows = [edge_row(u, v, key, data) for u, v, key, data in G.edges(keys=True, data=True)]
        claim_rows = [
            (c["document"], i, c["speaker_id"] or "", json.dumps(c, ensure_ascii=False))
            for i, c in enumerate(claims)
        ]
        with self.transaction() as db:
            for table in GRAPH_TABLES:
                db.execute(f"DELETE FROM {table}")
            db.executemany(f"INSERT INTO entities ({ENTITY_COLUMNS}) VALUES (?,?,?,?,?)", entity_rows)
            db.executemany("INSERT INTO names VALUES (?,?,?)", names)
            db.executemany(f"INSERT INTO edges ({EDGE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)", edge_rows)
            rowids = {
                tuple(key): rowid
                for rowid, *key in db.execute("SELECT rowid, source, target, layer FROM edges")
            }
            db.executemany(
                f"INSERT INTO evidence ({EVIDENCE_COLUMNS}) VALUES (?,?,?,?,?,?)",
                (
                    row
                    for u, v, key, data in G.edges(keys=True, data=True)
                    for row in evidence_rows(rowids[(u, v, key)], key, data.get("evidence", []))
                ),
            )
            db.executemany("INSERT INTO claims VALUES (?,?,?,?)", claim_rows)
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('graph_documents', ?)",
                (json.dumps(G.graph.get("documents", {}), ensure_ascii=False),),
            )
            from graph.adjacency import write_adjacency  # numpy: only builds and searches need it

            write_adjacency(db)

    def load_graph(self, *, evidence: bool = True, documents: int | None = None) -> nx.MultiDiGraph:
        """The stored graph, as described in :mod:`graph.schema`.

        Without ``evidence``, edges carry every attribute but an empty ``evidence``
        list (what counts and rankings need, read in a fraction of the time); with
        ``documents``, only the evidence of each edge's first ``documents`` documents.
        """
        import networkx as nx  # imported here: listing entities needs no graph library

        G = nx.MultiDiGraph()
        G.graph["documents"] = self.graph_documents()
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

    # -- partial reads for queries on big graphs --------------------------------------------
    def entity_rows(self, kind: str | None = None, limit: int | None = None) -> Iterator[tuple[str, dict]]:
        """Entities, most mentioned first, as ``(id, attributes)``, optionally of one type."""
        sql = "SELECT id, label, type, data FROM entities"
        args: list = []
        if kind:
            sql += " WHERE type = ?"
            args.append(kind)
        sql += " ORDER BY mentions DESC, label"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        for node, label, kind_, data in self.db.execute(sql, args):
            yield node, {"label": label, "type": kind_, **json.loads(data)}

    def ids_named(self, key: str) -> tuple[list[str], list[str]]:
        """Entity ids whose label, and whose aliases, have this match key."""
        rows = self.db.execute("SELECT entity, is_label FROM names WHERE key = ?", (key,)).fetchall()
        return sorted({e for e, is_label in rows if is_label}), sorted(
            {e for e, is_label in rows if not is_label}
        )

    def labels(self) -> dict[str, str]:
        """``{label: id}`` for every entity (for suggestions)."""
        return {label: node for node, label in self.db.execute("SELECT id, label FROM entities")}

    def subgraph(
        self,
        nodes: Iterable[str],
        edges: Iterable[tuple[str, str, str, dict]],
        *,
        light: bool = False,
        documents: bool = True,
    ) -> nx.MultiDiGraph:
        """A graph of the given nodes (attributes read from the store) and edge rows.

        With ``light``, nodes carry only ``label`` and ``type`` (enough to search and print).
        Without ``documents``, the graph attribute ``documents`` (every document's metadata,
        large on big corpora) is left empty.
        """
        import networkx as nx

        G = nx.MultiDiGraph()
        G.graph["documents"] = self.graph_documents() if documents else {}
        G.add_nodes_from(self.entity_attributes(nodes, light=light).items())
        for u, v, layer, data in edges:
            if u in G and v in G:
                G.add_edge(u, v, key=layer, **data)
        return G

    def edge_data(
        self, keys: Iterable[tuple[str, str, str]], *, documents: int | None = None
    ) -> dict[tuple[str, str, str], dict]:
        """Full attributes of the given ``(source, target, layer)`` edges, with their evidence
        (only the first ``documents`` documents' when given: a hub link has thousands)."""
        rows = []
        for u, v, layer in set(keys):
            row = self.db.execute(
                "SELECT rowid, data FROM edges WHERE source = ? AND target = ? AND layer = ?", (u, v, layer)
            ).fetchone()
            if row:
                rows.append((row[0], u, v, layer, row[1]))
        return {(u, v, layer): data for u, v, layer, data in with_evidence(self.db, rows, documents)}

    def adjacency(self, names: Iterable[str]) -> Adjacency:
        """Arrays of the compact adjacency (see :mod:`graph.adjacency`)."""
        from graph.adjacency import read_adjacency

        return read_adjacency(self.db, names)

    def adjacency_row(self, node: int, names: Iterable[str]) -> dict:
        """Node number ``node``'s slice of the named per-entry adjacency arrays."""
        from graph.adjacency import read_row

        return read_row(self.db, node, names)

    def adjacency_links(self, adj: Adjacency, nodes, mask) -> np.ndarray:
        """Rowids of the edges passing ``mask`` among ``nodes`` (see :func:`graph.adjacency.links_among`)."""
        from graph.adjacency import links_among

        return links_among(self.db, adj, nodes, mask)

    def entity_attributes(self, nodes: Iterable[str], *, light: bool = False) -> dict[str, dict]:
        """``{id: attributes}`` for the given entity ids (``light``: ``label`` and ``type`` only)."""
        columns = "id, label, type, '{}'" if light else "id, label, type, data"
        rows = select_in(self.db, f"SELECT {columns} FROM entities", "id", nodes)
        return {n: {"label": label, "type": kind, **json.loads(data)} for n, label, kind, data in rows}

    def documents_behind(self) -> int:
        """How many stored documents the graph does not reflect yet (added, changed or removed
        since the last graph update: a build that stopped between saving and its graph step)."""
        if self.get_meta("documents_revision") == self.get_meta("graph_documents_revision"):
            return 0  # nothing written since the graph was updated: one read, not a scan
        stale = self.db.execute(
            "SELECT COUNT(*) FROM documents d LEFT JOIN graph_docs g ON g.doc_id = d.id "
            f"WHERE g.stamp IS NOT {STAMP}"
        ).fetchone()[0]
        gone = self.db.execute(
            "SELECT COUNT(*) FROM graph_docs WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        return stale + gone

    def outlets(self) -> list[str]:
        """Every outlet a stored document names, sorted."""
        rows = self.db.execute(
            "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL AND outlet != ''"
        )
        return sorted(outlet for (outlet,) in rows)

    def indexes_of(self, nodes: Iterable[str]) -> dict[str, int]:
        """``{id: idx}`` (the entity's node number in the adjacency) for the given ids."""
        return self._column_of(nodes, "idx")

    def ids_at(self, indexes: Iterable[int]) -> dict[int, str]:
        """``{idx: id}`` for the given adjacency node numbers."""
        return dict(select_in(self.db, "SELECT idx, id FROM entities", "idx", indexes))

    def edges_at(
        self, rowids: Iterable[int], *, light: bool = False, documents: int | None = None
    ) -> list[tuple[str, str, str, dict]]:
        """Edges ``(source, target, layer, attributes)`` by rowid, with their evidence
        (only the first ``documents`` documents' when given).

        With ``light``, the attributes are only ``layer``, ``corroboration``, ``weight``,
        ``documents`` and ``outlets`` (no evidence): enough to search and rank;
        read the evidence of the edges you show with :meth:`edge_data`.
        """
        if light:
            sql = f"SELECT source, target, layer, {LIGHT_EDGE_DATA} FROM edges"
            return [
                (u, v, layer, json.loads(data))
                for u, v, layer, data in select_in(self.db, sql, "rowid", rowids)
            ]
        rows = select_in(self.db, "SELECT rowid, source, target, layer, data FROM edges", "rowid", rowids)
        return with_evidence(self.db, rows, documents)

    def _column_of(self, nodes: Iterable[str], column: str) -> dict[str, str]:
        """``{id: column value}`` for the given entity ids."""
        return dict(select_in(self.db, f"SELECT id, {column} FROM entities", "id", nodes))

    def labels_of(self, nodes: Iterable[str]) -> dict[str, str]:
        """``{id: label}`` for the given entity ids."""
        return self._column_of(nodes, "label")

    def types_of(self, nodes: Iterable[str]) -> dict[str, str]:
        """``{id: type}`` for the given entity ids."""
        return self._column_of(nodes, "type")

    def entity_count(self) -> int:
        """How many entities the store holds."""
        return int(self.db.execute("SELECT COUNT(*) FROM entities").fetchone()[0])

    def claim_counts(self) -> dict[str, dict[str, int]]:
        """``{doc_id: {speaker kind: claims}}``: how much of each document rests on whom
        ("named", "unnamed" sources, "group")."""
        found: dict[str, dict[str, int]] = {}
        sql = (
            "SELECT doc_id, COALESCE(json_extract(data, '$.speaker_kind'), 'named'), COUNT(*) "
            "FROM claims GROUP BY 1, 2"
        )
        for doc_id, kind, n in self.db.execute(sql):
            found.setdefault(doc_id, {})[kind] = n
        return found

    def claims(self, speaker: str | None = None, about: str | None = None) -> list[dict]:
        """Stored claims (assertions with resolved speaker and targets), in document order.

        Every claim, or those whose speaker is the entity ``speaker`` and whose targets
        include ``about`` (looked up in SQL: no claim outside them is decoded).
        """
        where, args = [], []
        if speaker is not None:
            where.append("speaker = ?")
            args.append(speaker)
        if about is not None:
            where.append("EXISTS (SELECT 1 FROM json_each(data, '$.target_ids') WHERE value = ?)")
            args.append(about)
        sql = "SELECT data FROM claims" + (f" WHERE {' AND '.join(where)}" if where else "")
        return [json.loads(r[0]) for r in self.db.execute(sql + " ORDER BY doc_id, position", args)]
