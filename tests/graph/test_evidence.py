"""Edge attributes summed from per-document evidence summaries, and evidence stored a row per document."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.aggregate import DocEvidence, by_document, edge_attributes, finish_edge
from graph.schema import ASSERTION, CO_MENTION, LAYERS
from graph.store import Store
from linkchart.cli import main
from tests.conftest import SEEDS

DOCS = tuple(f"doc{i:02d}" for i in range(8))
OUTLETS = ("", "Globe", "CBC", "Reuters")


def from_evidence(layer: str, evidence: list[dict]) -> dict:
    """The attributes as defined on the whole evidence list (the definition in graph/schema.py)."""
    data = {
        "layer": layer,
        "documents": sorted({e["document"] for e in evidence}),
        "outlets": sorted({e["outlet"] for e in evidence if e["outlet"]}),
        "corroboration": len({e["document"] for e in evidence}),
    }
    if layer == CO_MENTION:
        data["weight"] = len({(e["document"], e["sent_index"]) for e in evidence})
        return data
    verbs, stances = Counter(e["verb"] for e in evidence), Counter(e["stance"] for e in evidence)
    data["weight"] = len(evidence)
    data["verb"], data["stance"] = verbs.most_common(1)[0][0], stances.most_common(1)[0][0]
    data["verbs"], data["stances"] = sorted(verbs), sorted(stances)
    data["quotes"] = list(dict.fromkeys(e["quote"] for e in evidence))
    return data


@st.composite
def evidence_list(draw, layer: str) -> list[dict]:
    """Evidence in document-id order (as builds keep it), a document's pieces in any order."""
    found = []
    for doc_id in sorted(draw(st.sets(st.sampled_from(DOCS), min_size=1))):
        outlet = draw(st.sampled_from(OUTLETS))
        for _ in range(draw(st.integers(1, 4))):
            e = {"document": doc_id, "title": doc_id, "outlet": outlet, "sentence": "s"}
            e["sent_index"] = draw(st.integers(0, 3))
            if layer == ASSERTION:
                e |= {k: draw(st.sampled_from(("said", "denied", "warned"))) for k in ("verb", "quote")}
                e["stance"] = draw(st.sampled_from(("states", "denies", "warns")))
            found.append(e)
    return found


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_summing_document_summaries_gives_the_attributes_of_the_whole_evidence(data):
    layer = data.draw(st.sampled_from(LAYERS))
    evidence = data.draw(evidence_list(layer))
    parts = [DocEvidence.of(layer, d, found) for d, found in by_document(evidence).items()]
    parts = [DocEvidence.from_columns(p.doc_id, *p.columns()) for p in parts]  # as stored
    assert edge_attributes(layer, parts) == from_evidence(layer, evidence)
    edge = {"layer": layer, "evidence": list(evidence)}
    finish_edge(edge)
    assert edge == {**from_evidence(layer, evidence), "evidence": evidence}


def test_evidence_is_put_in_document_order_keeping_each_documents_order():
    pieces = [
        {"document": d, "outlet": "", "sent_index": i} for d, i in (("b", 0), ("a", 2), ("b", 1), ("a", 1))
    ]
    edge = {"layer": CO_MENTION, "evidence": pieces}
    finish_edge(edge)
    assert [(e["document"], e["sent_index"]) for e in edge["evidence"]] == [
        ("a", 2),
        ("a", 1),
        ("b", 0),
        ("b", 1),
    ]
    assert edge["weight"] == 4 and edge["documents"] == ["a", "b"]


SENTENCE = "Officials from Canada and China agreed on Tuesday to resume trade talks after a long pause."


def _hub_rows(db: Path, key: tuple[str, str, str]) -> dict[str, tuple[int, str]]:
    with Store(db) as store:
        (edge,) = store.db.execute(
            "SELECT rowid FROM edges WHERE source = ? AND target = ? AND layer = ?", key
        ).fetchone()
        return {
            d: (rowid, data)
            for rowid, d, data in store.db.execute(
                "SELECT rowid, doc_id, data FROM evidence WHERE edge = ?", (edge,)
            )
        }


@pytest.mark.slow
def test_a_new_document_on_a_hub_link_adds_its_own_evidence_and_leaves_the_rest(tmp_path: Path):
    corpus, db = tmp_path / "corpus", tmp_path / "s.db"
    shutil.copytree(SEEDS, corpus)
    assert CliRunner().invoke(main, ["build", str(corpus), "--db", str(db)]).exit_code == 0
    key = ("place:canada", "place:china", CO_MENTION)
    before = _hub_rows(db, key)
    assert len(before) >= 4
    (corpus / "zz_trade.txt").write_text(f"Trade talks resume\n\n{SENTENCE}\n", "utf-8")
    result = CliRunner().invoke(main, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 0 and "(1 parsed" in result.output, result.output
    after = _hub_rows(db, key)
    (new,) = set(after) - set(before)
    assert {d: after[d] for d in before} == before  # the other documents' rows: not rewritten
    with Store(db) as store:
        (data,) = store.reads.edge_data([key]).values()
    assert data["documents"] == sorted(after)
    assert [e["sentence"] for e in data["evidence"] if e["document"] == new] == [SENTENCE]
    assert [e["document"] for e in data["evidence"]] == sorted(e["document"] for e in data["evidence"])


def test_a_graph_loaded_without_evidence_differs_only_in_evidence_and_counts_the_same(seeds_db: Path):
    from graph.query import graph_statistics, source_contributions

    with Store(seeds_db) as store:
        whole, light = store.graph.load(), store.graph.load(evidence=False)
    edges = {(u, v, k): d for u, v, k, d in whole.edges(keys=True, data=True)}
    bare = {(u, v, k): d for u, v, k, d in light.edges(keys=True, data=True)}
    assert all(data["evidence"] for data in edges.values())
    assert bare == {key: {**data, "evidence": []} for key, data in edges.items()}
    assert dict(light.nodes(data=True)) == dict(whole.nodes(data=True))
    assert source_contributions(light) == source_contributions(whole)  # what `sources` prints
    assert graph_statistics(light) == graph_statistics(whole)  # what `stats` prints


def test_loading_the_evidence_of_each_edges_first_documents(seeds_db: Path):
    with Store(seeds_db) as store:
        whole, first = store.graph.load(), store.graph.load(documents=2)
    cut = 0
    for u, v, key, data in whole.edges(keys=True, data=True):
        keep = data["documents"][:2]
        shown = first.edges[u, v, key]
        assert shown == {**data, "evidence": [e for e in data["evidence"] if e["document"] in keep]}
        cut += len(data["documents"]) > 2
    assert cut
