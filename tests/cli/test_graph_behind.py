"""Documents saved by a build that stopped before its graph step: queries say the graph is behind."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from graph.store import Store
from linkchart.cli import main
from linkchart.corpus import content_hash
from ner.pipeline import to_analysis
from ner.records import Document
from tests.conftest import SEEDS

TEXT = "Zelda Quartermaine said the Xanthe Institute had warned Wilbur Pemberton."


def test_queries_warn_until_a_build_catches_up(nlp, seeds_db: Path, tmp_path: Path):
    db = tmp_path / "s.db"
    shutil.copy(seeds_db, db)
    with Store(db) as store:  # what a build killed between its two steps leaves
        doc = Document("zz", TEXT, title="zz", content_hash=content_hash(TEXT))
        store.docs.save_analyses([(doc, to_analysis("zz", nlp(TEXT)))], "test")
    runner = CliRunner()
    result = runner.invoke(main, ["entities", "--limit", "1", "--db", str(db)])
    assert result.exit_code == 0
    warning = (
        "linkchart: the graph is behind 1 stored document (a build stopped before its graph step); "
        "'linkchart build' catches up"
    )
    assert warning in result.stderr
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "zz.txt").write_text(TEXT)
    assert runner.invoke(main, ["build", str(corpus), "--db", str(db)]).exit_code == 0
    again = runner.invoke(main, ["entities", "--limit", "1", "--db", str(db)])
    assert again.exit_code == 0 and "behind" not in again.stderr
