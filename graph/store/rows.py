"""The one writer of graph rows: entities, names, edges, evidence and claims.

A graph saved whole (:mod:`graph.store.graph_io`) and a graph updated by delta
(:mod:`graph.store.delta`) write their rows through these functions alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping

from graph.aggregate import EVIDENCE_COLUMNS, DocEvidence, by_document
from graph.schema import EdgeKey
from graph.sql import delete_in, select_in
from graph.store.tables import EDGE_COLUMNS, ENTITY_COLUMNS, GRAPH_TABLES
from ner.cleanup import match_key

#: An edge's rowid by its key.
EDGE_ROWID = "SELECT rowid FROM edges WHERE source = ? AND target = ? AND layer = ?"


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
    """The ``evidence`` row (:data:`graph.aggregate.evidence.EVIDENCE_COLUMNS`) of one document's
    ``evidence`` for edge number ``edge``, with its ``summary``."""
    return (edge, summary.doc_id, *summary.columns(), json.dumps(evidence, ensure_ascii=False))


def evidence_rows(edge: int, layer: str, evidence: list[dict]) -> list[tuple]:
    """The ``evidence`` rows of edge number ``edge``: one per document of its ``evidence``."""
    return [
        evidence_row(edge, DocEvidence.of(layer, doc_id, found), found)
        for doc_id, found in by_document(evidence).items()
    ]


def clear_graph(db: sqlite3.Connection) -> None:
    """Delete every row of the graph's tables (a graph saved whole, or built again from every document)."""
    for table in GRAPH_TABLES:
        db.execute(f"DELETE FROM {table}")


def write_graph_rows(
    db: sqlite3.Connection, nodes: Mapping[str, dict | None], edges: Mapping[EdgeKey, dict | None]
) -> dict[str, tuple[int, str]]:
    """Write (or, for ``None``, delete) entity, name and edge rows.

    Entity and edge rows are updated in place, so an unchanged entity keeps its rowid.
    Returns ``{node: (idx, label)}`` of the given entities as they were (for the
    adjacency delta).
    """
    before = {
        n: (idx, label) for n, idx, label in select_in(db, "SELECT id, idx, label FROM entities", "id", nodes)
    }
    delete_in(db, "names", "entity", nodes)
    db.executemany("DELETE FROM entities WHERE id = ?", [(n,) for n, d in nodes.items() if d is None])
    db.executemany(
        f"INSERT INTO entities ({ENTITY_COLUMNS}) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET label = excluded.label, type = excluded.type, "
        "mentions = excluded.mentions, data = excluded.data",
        [entity_row(node, data) for node, data in nodes.items() if data is not None],
    )
    db.executemany(
        "INSERT INTO names (key, entity, is_label) VALUES (?, ?, ?)",
        [row for node, data in nodes.items() if data is not None for row in name_rows(node, data)],
    )
    db.executemany(
        "DELETE FROM edges WHERE source = ? AND target = ? AND layer = ?",
        [key for key, data in edges.items() if data is None],
    )
    db.executemany(
        f"INSERT INTO edges ({EDGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (source, target, layer) DO UPDATE SET "
        "corroboration = excluded.corroboration, weight = excluded.weight, "
        "documents = excluded.documents, outlets = excluded.outlets, data = excluded.data",
        [edge_row(u, v, layer, data) for (u, v, layer), data in edges.items() if data is not None],
    )
    return before


def edge_rowids(db: sqlite3.Connection, keys: Iterable[EdgeKey] | None = None) -> dict[EdgeKey, int]:
    """``{(source, target, layer): rowid}`` of the given edges (every edge when ``keys`` is None)."""
    if keys is None:
        return {
            tuple(key): rowid for rowid, *key in db.execute("SELECT rowid, source, target, layer FROM edges")
        }
    return {key: db.execute(EDGE_ROWID, key).fetchone()[0] for key in keys}


def write_evidence(db: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Insert ``evidence`` rows (:func:`evidence_row`), streamed."""
    db.executemany(f"INSERT INTO evidence ({EVIDENCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows)


def claim_row(doc_id: str, position: int, claim: Mapping) -> tuple:
    """A ``claims`` row: the claim's document, position, speaker id and the claim itself."""
    return doc_id, position, claim["speaker_id"] or "", json.dumps(claim, ensure_ascii=False)


def write_claims(db: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Insert ``claims`` rows (:func:`claim_row`)."""
    db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?)", rows)
