"""The store's file and connection: opening, checking, creating, transactions and locks."""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from graph.store.tables import APPLICATION, GRAPH_SCHEMA, GRAPH_TABLES, SCHEMA, SCHEMA_VERSION

#: How long a writer waits for another writer's lock before giving up (seconds).
BUSY_TIMEOUT_S = 30
SQLITE_MAGIC = b"SQLite format 3\x00"


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


class Database:
    """A linkchart store's file and connection at ``path``: opened (read-only when it cannot be
    written), checked, created or migrated; transactions, the build lock and the meta table.

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

    def __enter__(self) -> Database:
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

    def get_meta(self, key: str) -> str | None:
        """A value from the meta table."""
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the meta table (inside the caller's transaction, if any)."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
