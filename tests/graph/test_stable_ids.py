"""An article that does not name an entity never changes that entity's id or name."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.store import Store
from linkchart.pipeline import build

REPO = Path(__file__).resolve().parents[2]


def nodes(db: Path) -> dict[str, str]:
    """``{node id: label}`` of a store."""
    with Store(db) as store:
        G = store.graph.load()
    return {node: data["label"] for node, data in G.nodes(data=True)}


def test_adding_an_article_on_another_story_keeps_every_other_id(tmp_path: Path, nlp):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "seeds", corpus)
    build([corpus], tmp_path / "a.db", nlp=nlp)
    before = nodes(tmp_path / "a.db")
    shutil.copy(REPO / "eval" / "dev" / "articles" / "rotterdam-port-bribery-trial.txt", corpus)
    build([corpus], tmp_path / "a.db", nlp=nlp)  # incremental
    build([corpus], tmp_path / "b.db", nlp=nlp)  # from scratch
    for db in ("a.db", "b.db"):
        after = nodes(tmp_path / db)
        with Store(tmp_path / db) as store:
            G = store.graph.load()
        named = {n for n, d in G.nodes(data=True) if "rotterdam-port-bribery-trial" in d["documents"]}
        moved = {n: label for n, label in before.items() if n not in named and after.get(n) != label}
        assert moved == {}


def test_an_organisation_has_no_alias_with_a_role_or_prefix_around_its_name():
    from graph.aggregate import decorated

    assert decorated("Ex-Wirecard COO") and decorated("Huawei CFO") and decorated("Ex-Wirecard")
    assert not decorated("Wirecard AG") and not decorated("CSIS") and not decorated("Bank of England")
