"""The weaker co-mention windows: same paragraph, same article; used by path only when asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.aggregate import DOCUMENT_CAP
from linkchart.cli import main

SCHOLZ = """Scholz questioned over payments collapse
Olaf Scholz was questioned by MPs on Tuesday about the collapse.
The Bundestag committee met for six hours.

Critics say Felix Hufeld was too slow. The regulator he led never looked at the books.
"""
HUFELD = """Regulator chief leaves
Felix Hufeld will step down as head of the regulator. Markus Braun, the former chief executive, was arrested.
"""


def _run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("windows")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "scholz.txt").write_text(SCHOLZ, encoding="utf-8")
    (corpus / "hufeld.txt").write_text(HUFELD, encoding="utf-8")
    store = str(folder / "w.db")
    out = _run("build", str(corpus), "--db", store)
    assert "wider co-mention windows" in out
    return store


def test_paths_use_the_windows_only_when_asked(db: str):
    assert "no path" in _run("path", "Olaf Scholz", "Markus Braun", "--db", db, code=1)
    found = _run("path", "Olaf Scholz", "Markus Braun", "--layer", "document", "--json", "--db", db)
    data = json.loads(found)
    (path,) = data["paths"]
    assert [h["to"] for h in path["hops"]] == ["Felix Hufeld", "Markus Braun"]
    first, second = path["hops"]
    assert first["layers"] == ["document"]  # different paragraphs of scholz.txt
    assert second["layers"] == ["paragraph"]  # one paragraph of hufeld.txt, two sentences
    evidence = second["evidence"][0]["sentence"]
    assert "Felix Hufeld will step down" in evidence and "Markus Braun, the former" in evidence
    assert "no path" in _run(
        "path", "Olaf Scholz", "Markus Braun", "--layer", "paragraph", "--db", db, code=1
    )


def test_windows_are_marked_in_exports_and_never_repeat_a_sentence_link(db: str, tmp_path: Path):
    out = tmp_path / "g.json"
    _run("export", "json", str(out), "--db", db)
    data = json.loads(out.read_text(encoding="utf-8"))
    links = data.get("links") or data.get("edges")
    pairs: dict[frozenset, set[str]] = {}
    for link in links:
        pairs.setdefault(frozenset((link["source"], link["target"])), set()).add(link["layer"])
    assert any("paragraph" in layers for layers in pairs.values())
    for layers in pairs.values():  # a pair named in one sentence of a document has no window there
        assert not ({"paragraph", "document"} <= layers)


def test_a_document_window_reads_only_its_most_mentioned_entities(tmp_path: Path):
    names = ["Anna Berg", "David Hartley", "Susan Marsh", "Peter Collins", "Maria Lopez", "James Turner"]
    names += ["Laura Fischer", "Tom Walsh", "Emma Brooks", "Paul Grant", "Nina Patel", "Mark Evans"]
    names += ["Clara Hoffmann", "Oliver Stone"]
    text = "Who was there\n" + "\n".join(f"{name} told the court in Leeds about the loans." for name in names)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    store = str(tmp_path / "c.db")
    _run("build", str(corpus), "--db", store)
    stats = json.loads(_run("stats", "--json", "--db", store))
    assert stats["entities"] > DOCUMENT_CAP + 2  # more than the cap, so it bites
    assert 0 < stats["window_links_by_layer"]["document"] <= DOCUMENT_CAP * (DOCUMENT_CAP - 1) // 2
