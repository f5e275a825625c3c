"""The store's tables: the documents (the NER cache) and the graph derived from them.

Other owners may keep tables of their own in the same file (the file-scan cache of
:mod:`linkchart.scan_cache`); a schema change drops and rebuilds only :data:`GRAPH_TABLES`.
"""

from __future__ import annotations

APPLICATION = "linkchart"
SCHEMA_VERSION = "17"

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
-- per node: its shares summed (graph.aggregate.contribution.NodeTotals), so a change applies by delta
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
