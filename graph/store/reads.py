"""Partial reads of the stored graph: what queries on big graphs need, and no more."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from graph.sql import select_in
from graph.store.graph_io import with_evidence
from graph.store.tables import LIGHT_EDGE_DATA, STAMP

if TYPE_CHECKING:
    import networkx as nx

    from graph.store.database import Database
    from graph.store.documents import Documents


class GraphReads:
    """Reads of a store's graph tables: entities, names, edges, claims (a :class:`graph.query.NameIndex`)."""

    def __init__(self, database: Database, documents: Documents):
        self._database = database
        self._documents = documents
        self.db = database.db

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
        G.graph["documents"] = self._documents.graph_documents() if documents else {}
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

    def entity_attributes(self, nodes: Iterable[str], *, light: bool = False) -> dict[str, dict]:
        """``{id: attributes}`` for the given entity ids (``light``: ``label`` and ``type`` only)."""
        columns = "id, label, type, '{}'" if light else "id, label, type, data"
        rows = select_in(self.db, f"SELECT {columns} FROM entities", "id", nodes)
        return {n: {"label": label, "type": kind, **json.loads(data)} for n, label, kind, data in rows}

    def documents_behind(self) -> int:
        """How many stored documents the graph does not reflect yet (added, changed or removed
        since the last graph update: a build that stopped between saving and its graph step)."""
        if self._database.get_meta("documents_revision") == self._database.get_meta(
            "graph_documents_revision"
        ):
            return 0  # nothing written since the graph was updated: one read, not a scan
        stale = self.db.execute(
            "SELECT COUNT(*) FROM documents d LEFT JOIN graph_docs g ON g.doc_id = d.id "
            f"WHERE g.stamp IS NOT {STAMP}"
        ).fetchone()[0]
        gone = self.db.execute(
            "SELECT COUNT(*) FROM graph_docs WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        return stale + gone

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

    def has_entities(self) -> bool:
        """The store holds at least one entity (read in constant time)."""
        return self.db.execute("SELECT 1 FROM entities LIMIT 1").fetchone() is not None

    def entity_count(self) -> int:
        """How many entities the store holds."""
        return int(self.db.execute("SELECT COUNT(*) FROM entities").fetchone()[0])

    def claim(self, claim_id: str) -> tuple[str, dict] | None:
        """``(doc_id, claim)`` of the stored claim with this id, or ``None``."""
        row = self.db.execute(
            "SELECT doc_id, data FROM claims WHERE json_extract(data, '$.id') = ?", (claim_id,)
        ).fetchone()
        return None if row is None else (row[0], json.loads(row[1]))

    def entity_ranks(self) -> list[tuple[int, str, int]]:
        """``(idx, id, mentions)`` of every entity."""
        return self.db.execute("SELECT idx, id, mentions FROM entities").fetchall()

    def entity_indexes(self) -> list[int]:
        """Every entity's ``idx`` (its node number in the search arrays)."""
        return [i for (i,) in self.db.execute("SELECT idx FROM entities")]

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
