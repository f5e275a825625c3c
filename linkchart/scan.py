"""What each corpus file held at its last read, so an unchanged file is not read again.

A rebuild over a big folder used to read, decode and hash every file to find the
one that changed (~0.25 ms a file). With a :class:`ScanCache`, a file whose stat
*stamp* (size, modification and change times, inode, device) is what it was at
the last read yields the documents it held then, without its text; only a file
whose stamp moved is read.

Like git's index, an entry is trusted only if the file had not been touched for
:data:`RACY_NS` before it was read: a write that lands within the filesystem's
timestamp resolution of the read could otherwise leave the stamp unchanged. An
untrusted entry is read again next time (and trusted from then on). The change
time is in the stamp because no tool can set it: ``touch -d`` or ``rsync -t``
restoring an old modification time still moves it.

Entries also record what was skipped in the file (and why), so a rebuild reports
the same skipped lines, and the version of the readers that produced them
(:func:`reader_version`): when the loading code changes, every file is read again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from ner.records import Document

#: A file modified less than this long before it was read is read again next time (ns); more
#: than the coarsest common timestamp resolution (FAT: 2 s).
RACY_NS = 3_000_000_000
#: The wall clock a read is timed by (tests set it: a racy read must not depend on the machine's speed).
wall_clock_ns = time.time_ns
#: Document fields remembered (everything but the text).
STUB_FIELDS = ("id", "title", "outlet", "url", "date", "author", "path", "content_hash")


def reader_version() -> str:
    """A hash of the code that turns files into documents (this module and ``corpus``)."""
    digest = hashlib.sha256()
    package = resources.files("linkchart")
    for name in ("corpus.py", "scan.py"):
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:12]


def stamp_of(info: os.stat_result) -> str:
    """A file's identity and state as one string: size, mtime, ctime, inode, device."""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"


def path_key(path: str | Path) -> bytes:
    """The cache key of a path: its absolute form as bytes (file names need not be UTF-8)."""
    return os.fsencode(os.path.abspath(path))


@dataclass
class FileRecord:
    """What one read of a file produced."""

    stamp: str
    trusted: bool
    documents: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def to_row(self, key: bytes) -> tuple[bytes, str, int, str, str]:
        """The ``file_scan`` row (JSON escapes lone surrogates, so any text round-trips)."""
        return (key, self.stamp, int(self.trusted), json.dumps(self.documents), json.dumps(self.skipped))

    @classmethod
    def from_row(cls, stamp: str, trusted: int, documents: str, skipped: str) -> FileRecord:
        """Inverse of :meth:`to_row` (without the key)."""
        return cls(stamp, bool(trusted), json.loads(documents), [tuple(s) for s in json.loads(skipped)])

    def stubs(self) -> list[Document]:
        """The remembered documents, with empty text."""
        return [Document(text="", **d) for d in self.documents]


def stub_of(doc: Document) -> dict:
    """What is remembered of ``doc``: every field but the text."""
    data = asdict(doc)
    return {k: data[k] for k in STUB_FIELDS}


class ScanCache:
    """Remembered reads keyed by :func:`path_key`; collects what a scan changed.

    ``rows`` maps a key to its stored ``(stamp, trusted, documents, skipped)``;
    records are decoded only when their file is looked up unchanged.
    """

    def __init__(
        self, rows: dict[bytes, tuple[str, int, str, str]] | None = None, racy_ns: int | None = None
    ):
        self.rows = rows or {}
        self.racy_ns = RACY_NS if racy_ns is None else racy_ns
        #: Records written by this scan, to save.
        self.changed: dict[bytes, FileRecord] = {}
        #: Every key this scan looked up.
        self.seen: set[bytes] = set()
        #: How many files were served from the cache (not read).
        self.hits = 0

    def lookup(self, path: Path) -> tuple[FileRecord | None, str | None, int]:
        """``(record, stamp, started_ns)``: the record if ``path`` is unchanged since a trusted read.

        ``stamp`` is the file's stamp now (``None`` if it cannot be stat'ed) and
        ``started_ns`` the time before the stat, both to pass to :meth:`remember`.
        """
        key = path_key(path)
        self.seen.add(key)
        started = wall_clock_ns()
        try:
            stamp = stamp_of(path.stat())
        except OSError:
            return None, None, started
        row = self.rows.get(key)
        if row is not None and row[1] and row[0] == stamp:
            self.hits += 1
            return FileRecord.from_row(*row), stamp, started
        return None, stamp, started

    def remember(
        self, path: Path, stamp: str, started_ns: int, docs: list[Document], skipped: list[tuple[str, str]]
    ) -> None:
        """Record one complete read of ``path`` whose stamp was ``stamp`` at ``started_ns``."""
        _, mtime, ctime = (int(x) for x in stamp.split(":")[:3])
        trusted = started_ns - max(mtime, ctime) > self.racy_ns
        self.changed[path_key(path)] = FileRecord(stamp, trusted, [stub_of(d) for d in docs], skipped)

    def forget(self, path: Path) -> None:
        """Drop what is known of ``path`` (it changed while being read)."""
        key = path_key(path)
        self.rows.pop(key, None)
        self.changed[key] = FileRecord("", False)  # an empty stamp matches no file: read next time

    def stale(self, roots: list[Path]) -> list[bytes]:
        """Remembered files under ``roots`` that this scan did not find (deleted or moved)."""
        prefixes = [path_key(r) for r in roots]
        return [
            key
            for key in self.rows
            if key not in self.seen
            and any(key == p or key.startswith(p.rstrip(os.sep.encode()) + os.sep.encode()) for p in prefixes)
        ]
