"""Corrections applied to a stored graph by delta equal a build that had them from the start."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.aggregate import build_graph
from graph.resolve import Correction, Fixes, effective, read
from graph.store import Store, update_graph
from linkchart.pipeline import build
from ner.records import DocumentAnalysis
from tests.cli.test_incremental import _parts, assert_same
from tests.conftest import SEEDS

#: Names the generated corrections use: entities of the seeds, aliases, a name that is not one.
NAMES = (
    *("Meng Wanzhou", "Meng", "Han Dong", "Justin Trudeau", "CSIS", "Michael Kovrig", "Kovrig"),
    *("Canadian Security Intelligence Service", "Huawei", "China", "Beijing", "Nobody Known"),
)
TYPES = ("person", "agency", "organization", "outlet", "place")


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    db = tmp_path_factory.mktemp("corrections") / "seeds.db"
    build([SEEDS], db, nlp=nlp)
    return db


def stored_analyses(db: Path) -> tuple[list[DocumentAnalysis], dict[str, dict]]:
    with Store(db) as store:
        rows = store.db.execute("SELECT analysis FROM documents ORDER BY id").fetchall()
        return [DocumentAnalysis.from_dict(json.loads(r[0])) for r in rows], store.docs.listing()


def claim_ids(db: Path) -> list[tuple[str, str]]:
    """``(claim id, document)`` of a few claims."""
    with Store(db) as store:
        return [(c["id"], c["document"]) for c in store.reads.claims()][:6]


def corrections(claims: list[tuple[str, str]]) -> st.SearchStrategy[list[Correction]]:
    name = st.sampled_from(NAMES)
    one = st.one_of(
        st.tuples(st.just("merge"), name, name).map(lambda t: {"op": t[0], "entity": t[1], "other": t[2]}),
        st.tuples(st.just("split"), name, name).map(lambda t: {"op": t[0], "entity": t[1], "alias": t[2]}),
        st.tuples(st.just("type"), name, st.sampled_from(TYPES)).map(
            lambda t: {"op": t[0], "entity": t[1], "type": t[2]}
        ),
        st.tuples(st.just("rename"), name, st.sampled_from(("Xavier Q", "CSIS", "Meng W."))).map(
            lambda t: {"op": t[0], "entity": t[1], "name": t[2]}
        ),
        st.tuples(st.just("drop"), name).map(lambda t: {"op": t[0], "entity": t[1]}),
        st.tuples(st.just("drop-claim"), st.sampled_from(claims)).map(
            lambda t: {"op": t[0], "claim": t[1][0], "document": t[1][1]}
        ),
        st.tuples(st.just("speaker"), st.sampled_from(claims), name).map(
            lambda t: {"op": t[0], "claim": t[1][0], "document": t[1][1], "entity": t[2]}
        ),
    )
    return st.lists(one, min_size=1, max_size=5).map(
        lambda found: [Correction.from_json({"id": i, "at": "", **c}) for i, c in enumerate(found, 1)]
    )


def graph_of(db: Path) -> tuple:
    with Store(db) as store:
        return _parts(store.graph.load(), store.reads.claims())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corrections_applied_by_delta_equal_a_build_that_had_them(data, seeds_store: Path, tmp_path: Path):
    claims = claim_ids(seeds_store)
    analyses, documents = stored_analyses(seeds_store)
    history = data.draw(st.lists(corrections(claims), min_size=1, max_size=3))
    db = tmp_path / f"s{abs(hash(str(history)))}.db"
    shutil.copy(seeds_store, db)
    with Store(db) as store:
        for step in history:  # each step: the corrections in force (some made, some undone)
            update_graph(store, step)
            assert Fixes.stored(store).corrections == tuple(step)
    G, built_claims = build_graph(analyses, documents, history[-1])
    assert_same(graph_of(db), _parts(G, built_claims))


def test_a_correction_file_is_a_log_with_undo(tmp_path: Path):
    path = tmp_path / "c.jsonl"
    from graph.resolve import append

    clock = iter(range(10))

    def stamp():
        from datetime import UTC, datetime

        return datetime(2026, 1, 1, 0, 0, next(clock), tzinfo=UTC)

    first = append(path, "type", stamp, entity="Wirecard", type="organization")
    append(path, "drop", stamp, entity="Dax")
    append(path, "undo", stamp, undoes=first.id)
    lines = read(path)
    assert [c.op for c in lines] == ["type", "drop", "undo"]
    assert [c.op for c in effective(lines)] == ["drop"]
    assert json.loads(path.read_text().splitlines()[0])["at"] == "2026-01-01T00:00:00Z"


def test_a_drop_undone_as_a_split_is_made_reads_the_dropped_entity_s_documents(
    seeds_store: Path, tmp_path: Path
):
    """Found by the property test above: a dropped entity has no node, so its documents were not
    read again when a split of it came in as the drop went; their new key had no vocabulary row."""
    analyses, documents = stored_analyses(seeds_store)
    drop = Correction(id=1, op="drop", at="", args=(("entity", "Meng Wanzhou"),))
    split = Correction(id=1, op="split", at="", args=(("entity", "Meng Wanzhou"), ("alias", "Meng")))
    db = tmp_path / "s.db"
    shutil.copy(seeds_store, db)
    with Store(db) as store:
        update_graph(store, [drop])
        update_graph(store, [split])
    G, built_claims = build_graph(analyses, documents, [split])
    assert_same(graph_of(db), _parts(G, built_claims))
    # the split of a form of an entity that stays dropped: its documents name it as "Meng"
    odd = Correction(id=2, op="split", at="", args=(("entity", "Meng"), ("alias", "Meng")))
    for steps in ([[drop], [odd]], [[drop], [drop, odd]]):
        db = tmp_path / f"s{len(steps[-1])}.db"
        shutil.copy(seeds_store, db)
        with Store(db) as store:
            for step in steps:
                update_graph(store, step)
        G, built_claims = build_graph(analyses, documents, steps[-1])
        assert_same(graph_of(db), _parts(G, built_claims))
