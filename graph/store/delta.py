"""Keep the stored graph up to date by delta: a build re-aggregates only what changed.

Cross-document merging (:func:`graph.resolve.merge.merge_vocabulary`) looks only at the
corpus vocabulary (how often each key is used with each type), and a document's
share of the graph (:func:`graph.aggregate.contribution.contribute`) only at its own analysis,
metadata and the nodes its keys map to. So besides the graph, the store keeps what
each document contributed (tables created with the graph's, see :mod:`graph.store.tables`):

``graph_docs``
    per document: its stamp (content hash, extractor version, title, outlet) when it
    was aggregated, and the edges it gave evidence to (with a digest of that evidence);
``doc_keys``
    per document and key: type and mentions (its share of the vocabulary), indexed by key;
``node_docs``
    per node and document: the document's share of the node (names, aliases,
    mentions, roles);
``vocabulary``
    per key: type counts summed over documents, and the node it maps to;
``vocabulary_links``
    how keys relate in the merge, so a delta re-merges only the keys it can move
    (:mod:`graph.resolve.vocabulary`).

Each edge's evidence is itself stored a row per document (``evidence``, with a
summary of the row: :mod:`graph.aggregate.evidence`).

:func:`update_graph` finds the documents whose stamp changed, that are new or that
were removed; applies their vocabulary delta and merges again the part of the vocabulary
whose nodes it can move (no document read); adds every document using a key whose node changed; replaces the
contributions of those documents; and rewrites only the nodes and edges to which
one of them now contributes something else: a node from its per-document shares,
an edge from its documents' evidence summaries (:mod:`graph.aggregate.evidence`; only those
documents' evidence rows are rewritten, never a hub edge's whole evidence). Everything happens in one
transaction, and the result is exactly :func:`graph.aggregate.build.build_graph` over the
whole corpus (evidence in document-id order). When no stored contribution stays
valid (a new store or schema, a graph written by :meth:`graph.store.StoredGraph.save`, a new
extractor) the graph is rebuilt from every document, :data:`FULL_BUILD_PART` at a
time (memory bounded by a part, not the corpus). Costs: the changed documents,
the rows of the nodes and edges they touch, a merge of the names related to
theirs (the whole vocabulary only when that part is a large share of it), and the
search arrays of the touched pairs (:mod:`graph.index.delta`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.aggregate import (
    Contribution,
    DocEvidence,
    LocalDoc,
    NodeTotals,
    co_mention_attributes,
    contribute,
    edge_attributes,
    summarize,
)
from graph.resolve import (
    META_KEY,
    Correction,
    Fixes,
    VocabularyMerge,
    corrected_attributes,
    merge_all,
    merge_delta,
)
from graph.schema import CO_MENTION_LAYERS, EdgeKey
from graph.sql import delete_in, select_in
from graph.store.index_tables import IndexTables
from graph.store.rows import (
    EDGE_ROWID,
    claim_row,
    clear_graph,
    edge_rowids,
    evidence_row,
    write_claims,
    write_evidence,
    write_graph_rows,
)
from graph.store.tables import STAMP
from graph.store.vocabulary import VocabularyTables, documents_naming, write_vocabulary
from ner.records import DocumentAnalysis

if TYPE_CHECKING:
    from graph.store.facade import Store

#: What a document's graph contribution depends on, besides the nodes of its keys.


@dataclass
class GraphUpdate:
    """What :func:`update_graph` did."""

    #: Rebuilt from every document (no contributions were stored).
    full: bool = False
    #: Documents whose stamp changed, that are new, or that were removed.
    changed: int = 0
    #: Documents re-aggregated: the changed ones and those using a key whose node changed.
    aggregated: int = 0
    #: Nodes and edges rewritten or deleted.
    nodes: int = 0
    edges: int = 0
    #: Those rows, for the search arrays to follow by delta.
    rows: GraphRows | None = field(default=None, repr=False, compare=False)
    #: The search arrays followed by delta (not rewritten whole).
    adjacency_delta: bool = False
    #: The corrections applied, when a merge ran (``None``: as stored).
    fixes: Fixes | None = field(default=None, repr=False, compare=False)


@dataclass
class GraphRows:
    """The entity and edge rows one update rewrote or deleted."""

    nodes: list[str]
    edges: list[EdgeKey]
    #: ``{node: (idx, label)}`` of those entities as they were before
    before: dict[str, tuple[int, str]]


def update_graph(store: Store, corrections: Sequence[Correction] = ()) -> GraphUpdate | None:
    """Bring the stored graph up to date with the stored analyses and a user's corrections in force
    (:mod:`graph.resolve.corrections`), in one transaction.

    Returns
    -------
    GraphUpdate or None
        What was rewritten; ``None`` when the graph was already up to date
        (nothing is written then).
    """
    fixes = Fixes(tuple(corrections))
    with store.transaction() as db:
        before = Fixes.stored(store)
        refixed = before.corrections != fixes.corrections
        revision = store.get_meta("documents_revision") or "0"
        stamps, had_row = {}, 0
        for doc_id, stamp, aggregated in db.execute(
            f"SELECT d.id, {STAMP}, g.doc_id IS NOT NULL FROM documents d "
            f"LEFT JOIN graph_docs g ON g.doc_id = d.id WHERE g.stamp IS NOT {STAMP}"
        ):
            stamps[doc_id] = stamp
            had_row += aggregated
        removed = {
            r[0]
            for r in db.execute(
                "SELECT doc_id FROM graph_docs WHERE doc_id NOT IN (SELECT id FROM documents)"
            )
        }
        if not (stamps or removed or refixed) and store.get_meta("graph_documents_revision") == revision:
            return None  # not even a document's path or date changed
        # no stored contribution stays valid: a new store or schema, a graph saved whole, a new extractor
        full = had_row + len(removed) == db.execute("SELECT COUNT(*) FROM graph_docs").fetchone()[0]
        if full:
            clear_graph(db)
            stamps, removed = dict(db.execute(f"SELECT d.id, {STAMP} FROM documents d")), set()
        if full:
            update = _apply_in_parts(db, store.docs.listing, stamps, fixes)
        elif stamps or removed or refixed:
            if refixed:  # documents a changed split or claim correction reads again
                again = documents_naming(db, fixes.changed_splits(before)) - stamps.keys() - removed
                stamps.update(select_in(db, f"SELECT d.id, {STAMP} FROM documents d", "d.id", again))
            update = _apply(db, store.docs.listing, stamps, removed, full, fixes, before)
        else:
            update = GraphUpdate()
        if full or update.nodes or update.edges:  # the search arrays follow the tables they index
            from graph.index import update_adjacency, write_adjacency

            if full:
                write_adjacency(IndexTables(db))
            else:
                rows = update.rows
                update.adjacency_delta = update_adjacency(
                    IndexTables(db), rows.nodes, rows.edges, rows.before
                )
        generation = int(store.get_meta("graph_generation") or 0) + 1
        db.execute("DELETE FROM meta WHERE key = 'graph_documents'")  # a graph saved whole's own listing
        db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [("graph_documents_revision", revision), ("graph_generation", str(generation))],
        )
        if update.fixes is not None:
            store.set_meta(META_KEY, json.dumps(update.fixes.to_json()))
    return update


def graph_counts(store: Store) -> tuple[Counter, Counter]:
    """Entities by type and edges by layer in the stored graph."""
    entities = Counter(dict(store.db.execute("SELECT type, COUNT(*) FROM entities GROUP BY type")))
    edges = Counter(dict(store.db.execute("SELECT layer, COUNT(*) FROM edges GROUP BY layer")))
    return entities, edges


#: Documents aggregated at once when the graph is built from every document: the first part
#: whole, the others added as deltas, so memory stays bounded by a part, not the corpus.
FULL_BUILD_PART = 2000


def _apply_in_parts(
    db: sqlite3.Connection,
    metadata: Callable[[Iterable[str]], dict[str, dict]],
    stamps: dict[str, str],
    fixes: Fixes,
) -> GraphUpdate:
    """Build the graph from every document, :data:`FULL_BUILD_PART` documents at a time.

    The first part is aggregated whole and each later one is added as new documents
    are (the result is the same: every delta equals a fresh build, tested).
    """
    ids = sorted(stamps)
    update = GraphUpdate(full=True)
    for start in range(0, max(len(ids), 1), FULL_BUILD_PART):
        part = {doc_id: stamps[doc_id] for doc_id in ids[start : start + FULL_BUILD_PART]}
        done = _apply(db, metadata, part, set(), start == 0, fixes, update.fixes or Fixes(()))
        update.changed += done.changed
        update.aggregated += done.aggregated
        update.fixes = done.fixes
    update.nodes = db.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
    update.edges = db.execute("SELECT COUNT(*) FROM edges").fetchone()[0]
    return update


@dataclass
class _Stored:
    """What the re-aggregated documents had contributed, as stored."""

    #: ``{(node, doc_id): share JSON}``
    shares: dict[tuple[str, str], str]
    #: ``{(edge, doc_id): digest of the document's evidence for the edge}``
    evidence: dict[tuple[EdgeKey, str], str]
    stamps: dict[str, str]


def _apply(
    db: sqlite3.Connection,
    metadata: Callable[[Iterable[str]], dict[str, dict]],
    stamps: dict[str, str],
    removed: set[str],
    full: bool,
    fixes: Fixes,
    before: Fixes,
) -> GraphUpdate:
    changed = set(stamps) | removed
    docs = {d.doc_id: d for d in _local_docs(db, stamps, fixes.splits)}
    merged = _vocabulary_delta(db, docs, changed, full, fixes, before)
    ids, moved = merged.ids, merged.moved
    fixes.nodes, fixes.missing = merged.nodes_of, merged.missing
    affected = set(changed)
    if not full:  # documents naming a key that now maps to another node, or a claim fixed anew
        affected |= {r[0] for r in select_in(db, "SELECT DISTINCT doc_id FROM doc_keys", "key", moved)}
        affected |= fixes.claim_documents(before)
        docs.update((d.doc_id, d) for d in _local_docs(db, affected - changed, fixes.splits))
    stored = _Stored({}, {}, {}) if full else _forget(db, affected)

    documents = metadata(docs)
    claim_fixes = fixes.claims()
    parts = {doc_id: contribute(docs[doc_id], ids, documents[doc_id], claim_fixes) for doc_id in sorted(docs)}
    shares = {
        (node, doc_id): json.dumps(share.to_json(), ensure_ascii=False)
        for doc_id, part in parts.items()
        for node, share in part.nodes.items()
    }
    evidence = {
        (edge, doc_id): _digest(found) for doc_id, part in parts.items() for edge, found in part.edges.items()
    }
    summaries = {
        (edge, doc_id): DocEvidence.of(edge[2], doc_id, found)
        for doc_id, part in parts.items()
        for edge, found in part.edges.items()
    }
    # only nodes and edges to which some document now contributes something else
    touched = _differ(stored.shares, shares) | merged.relabelled
    nodes = _nodes(db, parts, stored.shares, touched, full, merged)
    edges = _edges(db, summaries, _differ(stored.evidence, evidence), full)
    before_rows = write_graph_rows(db, nodes, edges)
    _save_contributions(db, docs, parts, shares, evidence, {**stored.stamps, **stamps})
    _save_evidence(db, parts, summaries, full)
    write_vocabulary(db, merged)
    rows = GraphRows(list(nodes), list(edges), before_rows)
    return GraphUpdate(full, len(changed), len(affected), len(nodes), len(edges), rows, fixes=fixes)


def _vocabulary_delta(
    db: sqlite3.Connection,
    docs: dict[str, LocalDoc],
    changed: set[str],
    full: bool,
    fixes: Fixes,
    before: Fixes,
) -> VocabularyMerge:
    """The vocabulary with the changed documents' old counts replaced by their new ones, merged.

    A full build merges the whole vocabulary; otherwise only the keys the delta can move are
    read and merged again (:func:`graph.resolve.vocabulary.merge_delta`).
    """
    delta: dict[str, Counter] = defaultdict(Counter)
    old = [] if full else select_in(db, "SELECT key, type, count FROM doc_keys", "doc_id", changed)
    for key, kind, count in old:
        delta[key][kind] -= count
    for doc in docs.values():
        for key, counts in doc.vocabulary().items():
            delta[key].update(counts)
    if full:
        return merge_all({k: +c for k, c in delta.items() if +c}, fixes.corrections)
    changed_fixes = set(fixes.corrections) ^ set(before.corrections)
    return merge_delta(VocabularyTables(db), delta, corrections=fixes.corrections, changed=changed_fixes)


def _forget(db: sqlite3.Connection, affected: set[str]) -> _Stored:
    """Read, then delete, what the affected documents had contributed."""
    shares = {
        (node, doc_id): data
        for node, doc_id, data in select_in(
            db, "SELECT node, doc_id, data FROM node_docs", "doc_id", affected
        )
    }
    evidence, stamps = {}, {}
    for doc_id, stamp, edges in select_in(
        db, "SELECT doc_id, stamp, edges FROM graph_docs", "doc_id", affected
    ):
        stamps[doc_id] = stamp
        evidence.update((((u, v, layer), doc_id), digest) for u, v, layer, digest in json.loads(edges))
    for table in ("node_docs", "doc_keys", "graph_docs", "claims", "evidence"):
        delete_in(db, table, "doc_id", affected)
    return _Stored(shares, evidence, stamps)


def _differ(old: dict[tuple, str], new: dict[tuple, str]) -> set:
    """First items of the keys whose value is not the same in ``old`` and ``new``."""
    return {key[0] for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _digest(evidence: list[dict]) -> str:
    return hashlib.blake2b(json.dumps(evidence, ensure_ascii=False).encode(), digest_size=16).hexdigest()


def _nodes(
    db: sqlite3.Connection,
    parts: dict[str, Contribution],
    old: dict[tuple[str, str], str],
    touched: set[str],
    full: bool,
    merged: VocabularyMerge,
) -> dict[str, dict | None]:
    """Attributes of the touched nodes (``None``: no longer exists); their totals are rewritten.

    A node a correction shaped carries its label set by hand and ``corrected``
    (:func:`graph.resolve.corrections.corrected_attributes`; ``merged`` holds the part's rows).

    A node's stored totals lose the re-aggregated documents' ``old`` shares and gain
    their new ones, so a node named in thousands of documents costs what the change
    does. A node is counted again from all its shares only when its totals are
    missing or a role's first mention went (:meth:`NodeTotals.remove`).
    """
    new: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for doc_id, part in parts.items():
        for node, share in part.nodes.items():
            if node in touched:
                new[node].append((doc_id, share.to_json()))
    totals: dict[str, NodeTotals] = {}
    if not full:
        stored = select_in(db, "SELECT node, data FROM node_totals", "node", touched)
        totals = {node: NodeTotals.from_json(json.loads(data)) for node, data in stored}
        for (node, doc_id), data in sorted(old.items()):
            if node in totals and not totals[node].remove(doc_id, json.loads(data)):
                del totals[node]
        for node in totals:
            for doc_id, share in new[node]:
                totals[node].add(doc_id, share)
    recount = touched - totals.keys()
    shares: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    if not full:  # the other documents' shares (those of re-aggregated documents are deleted)
        for node, doc_id, data in select_in(db, "SELECT node, doc_id, data FROM node_docs", "node", recount):
            shares[node].append((doc_id, json.loads(data)))
    for node in recount:
        totals[node] = NodeTotals.of([*shares[node], *new[node]])
    rows = {} if full else dict(select_in(db, "SELECT node, data FROM entity_corrections", "node", touched))
    rows = {n: row for n, row in rows.items() if n not in merged.uncorrect} | merged.corrections
    found = {
        n: corrected_attributes(totals[n].attributes(n), rows.get(n)) if totals[n].documents else None
        for n in sorted(touched)
    }
    delete_in(db, "node_totals", "node", touched)
    db.executemany(
        "INSERT INTO node_totals VALUES (?, ?)",
        [(n, json.dumps(totals[n].to_json(), ensure_ascii=False)) for n in sorted(touched) if found[n]],
    )
    return found


def _edges(
    db: sqlite3.Connection,
    summaries: dict[tuple[EdgeKey, str], DocEvidence],
    touched: set[EdgeKey],
    full: bool,
) -> dict[EdgeKey, dict | None]:
    """Attributes of the touched edges (``None``: no longer exists), without their evidence.

    Each is summed from its documents' evidence summaries (:mod:`graph.aggregate.evidence`): the
    stored ones of the other documents (the re-aggregated documents' rows are deleted)
    and the new ones, so a hub edge costs its summaries, never its evidence.
    """
    fresh: dict[EdgeKey, list[DocEvidence]] = defaultdict(list)
    for (key, _), summary in summaries.items():  # in document order
        if key in touched:
            fresh[key].append(summary)
    found: dict[EdgeKey, dict | None] = {}
    for key in sorted(touched):
        if not full and key[2] in CO_MENTION_LAYERS:
            found[key] = _co_mention(db, key, fresh.get(key, []))
            continue
        kept = [] if full else [DocEvidence.from_columns(*row) for row in db.execute(_KEPT, key)]
        summaries = sorted(kept + fresh.get(key, []), key=lambda p: p.doc_id)
        found[key] = edge_attributes(key[2], summaries) if summaries else None
    return found


def _co_mention(db: sqlite3.Connection, key: EdgeKey, fresh: list[DocEvidence]) -> dict | None:
    """:func:`graph.aggregate.evidence.edge_attributes` of a co-mention edge, its stored part read from the
    summary columns (no row's evidence or summary is decoded)."""
    documents, weight, distinct = [], 0, set()
    for doc_id, doc_weight, outlets in db.execute(_KEPT_SUMS, key):
        documents.append(doc_id)
        weight += doc_weight
        distinct.add(outlets)
    if not documents and not fresh:
        return None
    documents = sorted(documents + [p.doc_id for p in fresh])
    outlets = {o for found in distinct for o in json.loads(found)} | {o for p in fresh for o in p.outlets}
    return co_mention_attributes(key[2], documents, outlets, weight + sum(p.weight for p in fresh))


_EDGE = f"({EDGE_ROWID})"
_KEPT = f"SELECT doc_id, weight, outlets, summary FROM evidence WHERE edge = {_EDGE}"
_KEPT_SUMS = f"SELECT doc_id, weight, outlets FROM evidence WHERE edge = {_EDGE}"


def _save_contributions(
    db: sqlite3.Connection,
    docs: dict[str, LocalDoc],
    parts: dict[str, Contribution],
    shares: dict[tuple[str, str], str],
    evidence: dict[tuple[EdgeKey, str], str],
    stamps: dict[str, str],
) -> None:
    """Store what each re-aggregated document contributed (its old rows are already deleted)."""
    db.executemany(
        "INSERT INTO node_docs VALUES (?, ?, ?)", [(n, d, data) for (n, d), data in shares.items()]
    )
    db.executemany(
        "INSERT INTO doc_keys VALUES (?, ?, ?, ?)",
        [
            (doc_id, key, kind, count)
            for doc_id, doc in docs.items()
            for key, counts in doc.vocabulary().items()
            for kind, count in counts.items()
        ],
    )
    edges: dict[str, list] = defaultdict(list)
    for (edge, doc_id), digest in sorted(evidence.items()):
        edges[doc_id].append([*edge, digest])
    db.executemany(
        "INSERT INTO graph_docs VALUES (?, ?, ?)",
        [(doc_id, stamps[doc_id], json.dumps(edges[doc_id], ensure_ascii=False)) for doc_id in parts],
    )
    write_claims(
        db,
        [
            claim_row(doc_id, i, claim)
            for doc_id, part in parts.items()
            for i, claim in enumerate(part.claims)
        ],
    )


def _save_evidence(
    db: sqlite3.Connection,
    parts: dict[str, Contribution],
    summaries: dict[tuple[EdgeKey, str], DocEvidence],
    full: bool,
) -> None:
    """Store the re-aggregated documents' evidence, a row per edge (their old rows are deleted)."""
    rowids = edge_rowids(db, None if full else {key for part in parts.values() for key in part.edges})
    write_evidence(  # streamed: a full build's rows are never all in memory as rows
        db,
        (
            evidence_row(rowids[key], summaries[(key, doc_id)], evidence)
            for doc_id, part in parts.items()
            for key, evidence in part.edges.items()
        ),
    )


def _local_docs(
    db: sqlite3.Connection, ids: Iterable[str], splits: Collection[str] = ()
) -> Iterator[LocalDoc]:
    """The stored analyses of these documents, summarised
    (``splits``: :func:`graph.aggregate.contribution.split_names`)."""
    for (data,) in select_in(db, "SELECT analysis FROM documents", "id", ids):
        yield summarize(DocumentAnalysis.from_dict(json.loads(data)), splits)
