"""A build that reads only the files known to have changed: what ``linkchart watch`` runs.

A full build lists and stats every corpus file and goes through every document to
find what changed. ``linkchart watch`` already knows: it compares the stat stamps
of one round with the last. :func:`scan_changes` turns its :class:`FileChanges`
into exactly what a full scan would have found, reading only the changed files and
looking up only their documents in the store, so a round costs what the change
costs, not what the corpus does.

"Exactly" needs the change to be local. A full scan also decides things across
files: which of two files with the same stem keeps the plain id (the other gets a
path-hash suffix), and which of two identical texts is the document (the other is
a duplicate path). Whenever a changed file takes part in such a decision, or the
store moved on since the watcher last saw it, :func:`scan_changes` returns
``None`` and the build scans everything, as a plain ``linkchart build`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.store import Store
from linkchart.corpus import LoadReport, file_documents
from linkchart.scan import FileRecord, ScanCache, path_key, reader_version
from linkchart.scan_cache import VERSION_KEY, scan_rows_of, untrusted_files
from ner.records import Document

#: Hex digits of the suffix that ``load_corpus`` gives the second of two documents with one id.
ID_SUFFIX_DIGITS = 6


@dataclass(frozen=True)
class FileChanges:
    """What moved under the corpus paths since the last build a watcher made.

    Attributes
    ----------
    files : mapping
        Every article file now under the paths: ``{path_key: path}``; ``Path(path)`` is the
        name a scan gives the file.
    changed : list of bytes
        Keys of the files whose stat stamp moved.
    added : list of bytes
        Keys of the files that appeared.
    removed : list of path
        The files that went, as the scan named them.
    generation : str or None
        The store's ``graph_generation`` after that last build.
    documents : int
        Documents that last build found under the paths.
    """

    files: Mapping[bytes, str]
    changed: list[bytes]
    added: list[bytes]
    removed: list[Path]
    generation: str | None
    documents: int


@dataclass
class ChangedScan:
    """What a full scan would find, restricted to the changed files."""

    #: The documents of the changed (and of racily read) files, with their text.
    documents: list[Document]
    #: Ids of documents no file holds any more (removed files, or documents a file dropped).
    gone: list[str]
    #: ``file_scan`` keys of the removed files.
    stale: list[bytes]
    #: Documents under the paths after the change.
    total: int
    #: Files read.
    read: int


def scan_changes(
    store: Store, changes: FileChanges, cache: ScanCache, report: LoadReport
) -> ChangedScan | None:
    """The full scan's result from the changed files alone, or ``None`` if it may differ.

    The changed files are read whole (``cache`` records the reads, to save in
    ``file_scan`` like any scan's); what they skipped goes to ``report``.
    """
    if changes.generation is None or store.get_meta("graph_generation") != changes.generation:
        return None  # another build wrote to the store: its view of the files is not ours
    if store.get_meta(VERSION_KEY) != reader_version():
        return None  # new readers: every file is read again
    removed = {path_key(p): p for p in changes.removed}
    racy = [k for k in untrusted_files(store) if k in changes.files]  # read again, like a full scan
    to_read = {k: Path(changes.files[k]) for k in [*changes.changed, *changes.added, *racy]}
    rows = scan_rows_of(store, [*to_read, *removed])
    if any(k in rows for k in changes.added):
        return None  # read by a build the watcher did not see
    old = _old_documents(store, rows)
    if old is None:
        return None
    new: list[Document] = []
    for path in sorted(to_read.values(), key=str):
        new.extend(doc for doc, _ in file_documents(path, report, cache))
    if not _is_local(store, new, old):
        return None
    total = changes.documents - len(old) + len(new)
    if total == 0:
        return None  # nothing left to read: a full build leaves the store alone
    gone = sorted(old.keys() - {d.id for d in new})
    return ChangedScan(new, gone, [k for k in removed if k in rows], total, len(to_read))


def _old_documents(store: Store, rows: Mapping[bytes, tuple[str, int, str, str]]) -> dict[str, str] | None:
    """``{id: path}`` of the documents the files held at their last read, if each was plainly theirs.

    Plainly theirs: stored under the id the reader gave it (no suffix for a clash
    of ids), with no other path (not a text that another file repeats).
    """
    old: dict[str, str] = {}
    for row in rows.values():  # files not seen before have no row
        for stub in FileRecord.from_row(*row).documents:
            if stub["id"] in old:
                return None
            old[stub["id"]] = stub["path"]
    stored = store.docs.listing(old)
    for doc_id, path in old.items():
        if doc_id not in stored or stored[doc_id]["paths"] != [path] or _suffixed(store, doc_id):
            return None
    return old


def _is_local(store: Store, new: list[Document], old: Mapping[str, str]) -> bool:
    """Whether the changed files' documents clash with no document of an unchanged file."""
    ids = [d.id for d in new]
    hashes = [d.content_hash for d in new]
    if len(set(ids)) != len(ids) or len(set(hashes)) != len(hashes):
        return False
    stored = store.docs.document_state(ids)
    same_text = store.docs.ids_with_hash(hashes)
    for doc in new:
        if doc.id in stored and old.get(doc.id) != doc.path:
            return False  # the id of another file's document (or the file moved)
        if same_text.get(doc.content_hash, set()) - {doc.id}:
            return False  # the text of another document: one of them is a duplicate
        if _suffixed(store, doc.id):
            return False
    return True


def _suffixed(store: Store, doc_id: str) -> bool:
    """Whether a stored document carries ``doc_id`` with a clash suffix (``id-1a2b3c``)."""
    prefix = f"{doc_id}-"
    return any(
        len(other) == len(prefix) + ID_SUFFIX_DIGITS
        and all(c in "0123456789abcdef" for c in other[len(prefix) :])
        for other in store.docs.ids_starting(prefix)
    )
