"""A sentence that lists many entities links each pair weakly: one list makes no hub."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkchart.cli import main

ARTICLE = """Five men jailed over fuel fraud
Five men were jailed on Friday for a fuel fraud run from garages in London, Manchester, Liverpool and Leeds.
Detective Sarah Collins of Scotland Yard said the fraud cost taxpayers millions.
Sarah Collins said Scotland Yard had worked with HMRC for two years.
HMRC said the gang had laundered the money through Barclays.
"""


def _run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_a_list_sentence_gives_each_pair_a_share_and_no_hub(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "fraud.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "t.db")
    _run("build", str(corpus), "--db", db)
    out = tmp_path / "graph.json"
    _run("export", "json", str(out), "--db", db)
    data = json.loads(out.read_text(encoding="utf-8"))
    label = {n["id"]: n["label"] for n in data["nodes"]}
    links = data.get("links") or data.get("edges")
    weight = {
        frozenset((label[link["source"]], label[link["target"]])): link["weight"]
        for link in links
        if link["layer"] == "co-mention"
    }
    assert weight[frozenset(("London", "Leeds"))] == 0.3333  # four places listed: 1 / (4 - 1) per pair
    assert weight[frozenset(("Sarah Collins", "Metropolitan Police"))] == 2  # two ordinary sentences
    stats = json.loads(_run("stats", "--json", "--db", db))
    top = [r["name"] for r in stats["by_degree"][:2]]
    assert not {"London", "Manchester", "Liverpool", "Leeds"} & set(top), stats["by_degree"]


def test_enumerations_are_names_in_a_row():
    from graph.aggregate import enumerates

    assert enumerates("from London, Manchester, Liverpool and Leeds.", ["Leeds", "Manchester", "Liverpool"])
    assert not enumerates("Trudeau told Xi that Canada and China would talk.", ["Xi", "Canada", "China"])
    assert not enumerates("Canada, China and the US met.", ["Canada", "China"])
