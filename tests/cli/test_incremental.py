"""Incremental builds keep exactly the graph a fresh build of the same files makes."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.aggregate import build_graph
from graph.store import Store, update_graph
from linkchart.cli import main
from linkchart.pipeline import build
from linkchart.scan import RACY_NS
from tests.conftest import SEEDS

#: Lone surnames that join a full name found in other documents.
LONE_NAMES = """Inquiry will continue, minister says

Deputy Prime Minister Freeland told reporters in Ottawa on Monday that the inquiry would continue.
Mr. Kovrig said he agreed with Ms. Freeland about the inquiry, and Mr. Chong said he did too.
"""
#: A new person beside a known one, and a second Freeland: "Freeland" alone no longer fits one name.
APPENDED = """
Anne Freeland, a lawyer in Toronto, said the hearing had been fair.
Nathalie Drouin met Michael Chong in Ottawa to discuss the report.
"""


def snapshot(db: Path) -> tuple:
    """Everything the store serves: documents, nodes, edges (with evidence in order) and claims."""
    with Store(db) as store:
        G = store.graph.load()
        claims = store.reads.claims()
    return _parts(G, claims)


def _parts(G: nx.MultiDiGraph, claims: list[dict]) -> tuple:
    edges = {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}
    return G.graph["documents"], dict(G.nodes(data=True)), edges, claims


def assert_same(got: tuple, want: tuple) -> None:
    for name, a, b in zip(("documents", "nodes", "edges", "claims"), got, want, strict=True):
        if isinstance(a, dict):
            assert sorted(a) == sorted(b), f"{name}: different keys"
            for key in a:
                assert a[key] == b[key], f"{name}: {key} differs"
        assert a == b, name


def adjacency_view(db: Path) -> tuple:
    """The stored search arrays with entity ids and edge keys in place of node and edge numbers
    (which may differ)."""
    from graph.index import ARRAYS, read_adjacency

    with Store(db) as store:
        adj = read_adjacency(store.index, ARRAYS)
        ids = dict(store.db.execute("SELECT idx, id FROM entities"))
        edges = {r[0]: r[1:] for r in store.db.execute("SELECT rowid, source, target, layer FROM edges")}
    columns = ("layer", "corroboration", "weight", "pair_documents", "pair_assertion_documents")
    entries = []
    for node, name in ids.items():
        for e in range(adj.indptr[node], adj.indptr[node + 1]):
            outlets = tuple(
                adj.outlet_names[o] for o in adj.outlet_ids[adj.outlet_indptr[e] : adj.outlet_indptr[e + 1]]
            )
            values = tuple(int(getattr(adj, column)[e]) for column in columns)
            entries.append((name, ids[int(adj.neighbour[e])], edges[int(adj.edge[e])], *values, outlets))
    assert len(entries) == int(adj.indptr[-1])  # every entry belongs to a stored entity
    types = {name: int(adj.node_type[node]) for node, name in ids.items()}
    by_label = [ids[node] for node in sorted(ids, key=lambda node: adj.label_rank[node])]
    return sorted(entries), types, by_label


def assert_adjacency_as_written_whole(db: Path) -> None:
    """The stored search arrays are, byte for byte, those a full write over the same tables gives."""
    from graph.index import ARRAYS, write_adjacency

    read = "SELECT name, dtype, data FROM adjacency ORDER BY name"
    with Store(db) as store:
        stored = store.db.execute(read).fetchall()
        store.db.execute("BEGIN")
        write_adjacency(store.index)
        whole = store.db.execute(read).fetchall()
        store.db.execute("ROLLBACK")
    assert [row[0] for row in stored] == sorted(ARRAYS)
    for got, want in zip(stored, whole, strict=True):
        assert got == want, got[0]


def _build(corpus: Path, db: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["build", str(corpus), "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def node_totals(db: Path) -> dict[str, dict]:
    with Store(db) as store:
        rows = store.db.execute("SELECT node, data FROM node_totals")
        return {node: json.loads(data) for node, data in rows}


def stored_evidence(db: Path) -> dict[tuple, tuple[str, str]]:
    """The evidence table by edge key and document (edge numbers may differ)."""
    with Store(db) as store:
        rows = store.db.execute(
            "SELECT e.source, e.target, e.layer, v.doc_id, v.summary, v.data "
            "FROM evidence v LEFT JOIN edges e ON e.rowid = v.edge"
        )
        found = {tuple(row[:4]): row[4:] for row in rows}
        assert store.db.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == len(found)
    assert all(key[0] is not None for key in found), "evidence of an edge that is gone"
    return found


def _check_against_fresh_build(corpus: Path, db: Path, tmp_path: Path, step: str) -> tuple:
    fresh = tmp_path / f"fresh-{step}.db"
    _build(corpus, fresh)
    got = snapshot(db)
    assert_same(got, snapshot(fresh))
    assert adjacency_view(db) == adjacency_view(fresh)  # the search arrays follow the delta too
    assert_adjacency_as_written_whole(db)  # in the very order and numbering a full write gives
    assert node_totals(db) == node_totals(fresh)  # what the next delta starts from
    assert stored_evidence(db) == stored_evidence(fresh)  # and the evidence rows it sums
    with Store(db) as store:  # and the in-memory reference over the same analyses
        assert_same(got, _parts(*build_graph(store.docs.iter_analyses(), store.docs.listing())))
    return got


@pytest.mark.slow
def test_every_incremental_step_equals_a_fresh_build(tmp_path: Path):
    corpus, db = tmp_path / "corpus", tmp_path / "incremental.db"
    shutil.copytree(SEEDS, corpus)
    _build(corpus, db)

    (corpus / "zz_lone.txt").write_text(LONE_NAMES, "utf-8")
    assert "(1 parsed, 5 unchanged)" in _build(corpus, db)
    _, nodes, _, _ = _check_against_fresh_build(corpus, db, tmp_path, "added")
    assert "zz_lone" in nodes["person:chrystia-freeland"]["documents"]  # "Freeland" joined her full name

    changed = corpus / "003_f06a8f773a5c931e.txt"
    lines = changed.read_text("utf-8").splitlines()
    changed.write_text("\n".join(["Document: A retitled report", *lines[1:]]) + APPENDED, "utf-8")
    assert "(1 parsed, 5 unchanged)" in _build(corpus, db)
    documents, nodes, edges, _ = _check_against_fresh_build(corpus, db, tmp_path, "changed")
    assert "zz_lone" not in nodes["person:chrystia-freeland"]["documents"]  # now ambiguous: left alone
    assert any(n["label"] == "Nathalie Drouin" for n in nodes.values())
    assert documents["003_f06a8f773a5c931e"]["title"] == "A retitled report"
    retitled = [e for d in edges.values() for e in d["evidence"] if e["document"] == "003_f06a8f773a5c931e"]
    assert retitled and all(e["title"] == "A retitled report" for e in retitled)

    (corpus / "002_3cd2ebaea63b1389.txt").unlink()
    assert "1 removed" in _build(corpus, db, "--prune")
    _, _, edges, claims = _check_against_fresh_build(corpus, db, tmp_path, "pruned")
    assert all("002_3cd2ebaea63b1389" not in d["documents"] for d in edges.values())
    assert all(c["document"] != "002_3cd2ebaea63b1389" for c in claims)

    renamed = corpus / "001_906afe22284e0df5.txt"  # one document's spelling: the name stays
    renamed.write_text(renamed.read_text("utf-8").replace("Wanzhou", "Wangzhou"), "utf-8")
    assert "(1 parsed, 4 unchanged)" in _build(corpus, db)
    _, nodes, _, _ = _check_against_fresh_build(corpus, db, tmp_path, "renamed")
    assert "person:meng-wanzhou" in nodes and "person:meng-wangzhou" not in nodes
    assert "001_906afe22284e0df5" in nodes["person:meng-wanzhou"]["documents"]

    renamed = corpus / "000_b6e921a08e352d32.txt"  # now most documents spell it so: the label flips
    renamed.write_text(renamed.read_text("utf-8").replace("Wanzhou", "Wangzhou"), "utf-8")
    assert "(1 parsed, 4 unchanged)" in _build(corpus, db)
    _, nodes, _, _ = _check_against_fresh_build(corpus, db, tmp_path, "renamed-twice")
    assert "person:meng-wangzhou" in nodes and "person:meng-wanzhou" not in nodes
    assert "003_f06a8f773a5c931e" in nodes["person:meng-wangzhou"]["documents"]


@pytest.mark.slow
def test_a_new_title_in_front_matter_reaches_the_evidence_without_parsing(tmp_path: Path):
    corpus, db = tmp_path / "corpus", tmp_path / "g.db"
    corpus.mkdir()
    article = corpus / "article.md"
    body = "Michael Chong said the Privy Council Office had briefed Justin Trudeau.\n"
    article.write_text(f"---\ntitle: First title\noutlet: The Gazette\n---\n{body}", "utf-8")
    _build(corpus, db)
    article.write_text(f"---\ntitle: Second title\noutlet: The Courier\n---\n{body}", "utf-8")
    assert "(0 parsed, 1 unchanged)" in _build(corpus, db)
    documents, _, edges, claims = _check_against_fresh_build(corpus, db, tmp_path, "retitled")
    assert documents["article"]["title"] == "Second title"
    evidence = [e for d in edges.values() for e in d["evidence"]] + claims
    assert evidence and {(e["title"], e["outlet"]) for e in evidence} == {("Second title", "The Courier")}
    assert all(d["outlets"] == ["The Courier"] for d in edges.values())


def _entity_rows(db: Path) -> list[tuple]:
    with Store(db) as store:
        return store.db.execute("SELECT rowid, id, data FROM entities ORDER BY rowid").fetchall()


def test_unchanged_rebuild_parses_and_writes_nothing(seeds_db: Path, tmp_path: Path):
    db = tmp_path / "copy.db"
    with Store(seeds_db) as store:  # a consistent copy of the session's store
        store.db.execute("VACUUM INTO ?", (str(db),))
    with Store(db) as store:
        generation = store.get_meta("graph_generation")
    rows = _entity_rows(db)
    summary = build([SEEDS], db)
    assert (summary.parsed, summary.unchanged, summary.graph) == (0, 5, None)
    assert summary.files_unread == 5  # the seeds were not even read: their stat stamps had not moved
    assert sum(summary.entities.values()) == len(rows)
    with Store(db) as store:
        assert store.get_meta("graph_generation") == generation
    assert _entity_rows(db) == rows


def test_a_change_to_the_listing_alone_reaches_the_graph_listing(seeds_db: Path, tmp_path: Path):
    corpus, db = tmp_path / "corpus", tmp_path / "copy.db"
    shutil.copytree(SEEDS, corpus)
    with Store(seeds_db) as store:
        store.db.execute("VACUUM INTO ?", (str(db),))
    shutil.copy(corpus / "000_b6e921a08e352d32.txt", corpus / "zz_copy.txt")  # a duplicate: a second path
    with Store(db) as store:
        generation = store.get_meta("graph_generation")
    summary = build([corpus], db)
    assert (summary.parsed, summary.graph.changed, summary.graph.nodes) == (0, 0, 0)
    with Store(db) as store:
        assert store.get_meta("graph_generation") != generation  # readers see the graph changed
        paths = store.docs.graph_documents()["000_b6e921a08e352d32"]["paths"]
        assert str(corpus / "zz_copy.txt") in paths
        assert store.graph.load().graph["documents"] == store.docs.listing()
    assert build([corpus], db).graph is None  # and then nothing is left to do


def test_a_graph_saved_whole_is_rebuilt_from_the_analyses(seeds_db: Path, tmp_path: Path):
    db = tmp_path / "copy.db"
    with Store(seeds_db) as store:
        store.db.execute("VACUUM INTO ?", (str(db),))
    before = snapshot(db)
    with Store(db) as store:
        store.graph.save(nx.MultiDiGraph(), [])  # forgets the per-document contributions too
    summary = build([SEEDS], db)
    assert summary.parsed == 0 and summary.graph.full
    assert_same(snapshot(db), before)


@pytest.mark.slow
def test_files_not_read_again_still_rebuild_exactly(tmp_path: Path):
    """Stamps stand in for unchanged files; their text is read again whenever it is needed."""
    corpus, db = tmp_path / "corpus", tmp_path / "g.db"
    shutil.copytree(SEEDS, corpus)
    original = corpus / "000_b6e921a08e352d32.txt"
    shutil.copy(original, corpus / "zz_copy.txt")  # a duplicate: remembered, never parsed
    time.sleep(RACY_NS / 1e9 + 0.5)  # old enough for their stamps to be trusted
    first = build([corpus], db)
    assert (first.parsed, first.files_unread) == (5, 0)
    again = build([corpus], db)
    assert (again.parsed, again.unchanged, again.files_unread) == (0, 5, 6)

    with Store(db) as store:  # as after a linkchart upgrade: every analysis is out of date
        store.db.execute("UPDATE documents SET extractor_version='old'")
    upgraded = build([corpus], db)
    assert (upgraded.parsed, upgraded.files_unread) == (5, 6)  # texts re-read from unchanged files
    _check_against_fresh_build(corpus, db, tmp_path, "upgraded")

    original.unlink()  # the copy is no longer a duplicate: it needs its text, though its stamp is old
    summary = build([corpus], db, prune=True)
    assert (summary.parsed, summary.removed, summary.files_unread) == (1, 1, 5)
    documents, *_ = _check_against_fresh_build(corpus, db, tmp_path, "unmasked")
    assert "zz_copy" in documents and "000_b6e921a08e352d32" not in documents
    with Store(db) as store:  # the deleted file is forgotten too
        paths = [os.fsdecode(p) for (p,) in store.db.execute("SELECT path FROM file_scan")]
    assert len(paths) == 5 and not any(p.endswith(original.name) for p in paths)


@pytest.mark.slow
def test_a_graph_built_in_parts_equals_one_built_at_once(tmp_path: Path, monkeypatch):
    """A full build aggregates FULL_BUILD_PART documents at a time (memory bounded by a part)."""
    corpus, whole = tmp_path / "corpus", tmp_path / "whole.db"
    shutil.copytree(SEEDS, corpus)
    (corpus / "zz_lone.txt").write_text(LONE_NAMES, "utf-8")
    _build(corpus, whole)
    parts = tmp_path / "parts.db"
    shutil.copy(whole, parts)
    monkeypatch.setattr("graph.store.delta.FULL_BUILD_PART", 2)
    with Store(parts) as store:
        store.db.execute("DELETE FROM graph_docs")  # no stored contribution: built again from every document
        update = update_graph(store)
    assert update.full and update.changed == 6
    assert_same(snapshot(parts), snapshot(whole))
    assert node_totals(parts) == node_totals(whole)
    assert stored_evidence(parts) == stored_evidence(whole)
    assert adjacency_view(parts) == adjacency_view(whole)
    assert_adjacency_as_written_whole(parts)
