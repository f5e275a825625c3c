"""The stored vocabulary: what the cross-document merge reads and writes by delta.

``vocabulary`` (every key's type counts and node), ``vocabulary_links`` (how keys relate:
:class:`graph.resolve.relations.Rel`) and ``entity_corrections`` (per node, what a user's
corrections shaped). :class:`VocabularyTables` is the :class:`graph.resolve.vocabulary.StoredVocabulary`
:func:`graph.resolve.merge_delta` reads; :func:`write_vocabulary` writes what it returns.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from graph.resolve import Rel, VocabularyMerge, group_key
from graph.sql import select_in
from ner.cleanup import match_key


class VocabularyTables:
    """The vocabulary tables of a store's connection, read as a delta merge needs them."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def related(self, rels: Iterable[str]) -> Iterator[tuple[str, str]]:
        """``(rel, key)`` rows of these relations."""
        yield from select_in(self.db, "SELECT rel, key FROM vocabulary_links", "rel", rels)

    def keys_related(self, rel: str) -> Iterator[str]:
        """Keys of one relation, lazily."""
        for (key,) in self.db.execute("SELECT key FROM vocabulary_links WHERE rel = ?", (rel,)):
            yield key

    def rows(self, keys: Iterable[str] | None = None) -> Iterator[tuple[str, str, str]]:
        """``(key, types, node)`` rows of these keys (``None``: every key)."""
        if keys is None:
            yield from self.db.execute("SELECT key, types, node FROM vocabulary")
        else:
            yield from select_in(self.db, "SELECT key, types, node FROM vocabulary", "key", keys)

    def size(self) -> int:
        """How many keys are stored."""
        return self.db.execute("SELECT COUNT(*) FROM vocabulary").fetchone()[0]

    def links_of(self, keys: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        """``(rel, key)`` rows of these keys (``None``: every row)."""
        if keys is None:
            yield from self.db.execute("SELECT rel, key FROM vocabulary_links")
        else:
            yield from select_in(self.db, "SELECT rel, key FROM vocabulary_links", "key", keys)

    def correction_rows(self, nodes: Iterable[str]) -> dict[str, str]:
        """Stored ``entity_corrections`` data of these nodes."""
        return dict(select_in(self.db, "SELECT node, data FROM entity_corrections", "node", nodes))

    def node_of(self, key: str) -> str | None:
        """The stored node of a key."""
        row = self.db.execute("SELECT node FROM vocabulary WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def all_keys(self) -> Iterator[str]:
        """Every stored key."""
        for (key,) in self.db.execute("SELECT key FROM vocabulary"):
            yield key


def write_vocabulary(db: sqlite3.Connection, merged: VocabularyMerge) -> None:
    """Write a merge's rows (inside the caller's transaction)."""
    db.executemany("DELETE FROM entity_corrections WHERE node = ?", [(n,) for n in sorted(merged.uncorrect)])
    db.executemany(
        "INSERT OR REPLACE INTO entity_corrections VALUES (?, ?)", sorted(merged.corrections.items())
    )
    db.executemany(
        "DELETE FROM vocabulary WHERE key = ?", [(k,) for k, r in merged.rows.items() if r is None]
    )
    db.executemany(
        "INSERT OR REPLACE INTO vocabulary VALUES (?, ?, ?)",
        [(k, *r) for k, r in sorted(merged.rows.items()) if r is not None],
    )
    db.executemany("DELETE FROM vocabulary_links WHERE rel = ? AND key = ?", sorted(merged.unlink))
    db.executemany("INSERT INTO vocabulary_links VALUES (?, ?)", sorted(merged.link))


def documents_naming(db: sqlite3.Connection, names: Iterable[str]) -> set[str]:
    """Documents naming any of these names (a split made or undone reads them again).

    Found through the entities the names belong to, through the vocabulary's keys of
    either name's group, and through every key that has no entity: a dropped entity has no
    node and no names, but its documents still name it under any form (a drop undone as a
    split is made, or a split of a form of a dropped entity).
    """
    names = list(names)
    if not names:
        return set()
    keys = {match_key(name) for name in names}
    nodes = {n for (n,) in select_in(db, "SELECT DISTINCT entity FROM names", "key", keys)}
    found = {d for (d,) in select_in(db, "SELECT DISTINCT doc_id FROM node_docs", "node", nodes)}
    rels = {Rel.MATCH.of(group_key(name)) for name in names}
    keyed = {k for (k,) in select_in(db, "SELECT key FROM vocabulary_links", "rel", rels)}
    keyed |= {k for (k,) in db.execute("SELECT key FROM vocabulary WHERE node = ''")}
    return found | {d for (d,) in select_in(db, "SELECT DISTINCT doc_id FROM doc_keys", "key", keyed)}
