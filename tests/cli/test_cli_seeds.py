"""End-to-end CLI tests on the real seeds with the real spaCy model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from linkchart.cli import main
from tests.conftest import SEEDS

SEED_IDS = {p.stem for p in SEEDS.glob("*.txt")}


def test_build_summary_and_incremental_rebuild(tmp_path: Path):
    db = tmp_path / "g.db"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(SEEDS), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "5 documents (5 parsed, 0 unchanged)" in first.output
    assert re.search(r"entities: \d+ \(.*person", first.output)
    assert re.search(r"edges: \d+ \(\d+ assertion, \d+ co-mention\)", first.output)
    again = runner.invoke(main, ["build", str(SEEDS), "--db", str(db)])
    assert again.exit_code == 0
    assert "5 documents (0 parsed, 5 unchanged)" in again.output


def test_entities_json_contract_and_merging(run):
    result = run("entities", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    for row in rows:
        assert {"id", "name", "type", "aliases", "mentions", "documents"} <= row.keys()
        assert isinstance(row["aliases"], list) and isinstance(row["mentions"], int)
    by_name = {r["name"]: r for r in rows}
    meng = by_name["Meng Wanzhou"]
    assert meng["type"] == "person"
    assert {"Meng", "Meng Wangzhou", "Wanzhou"} <= set(meng["aliases"])
    assert not any(r["name"] in ("Meng", "Wanzhou", "Meng Wangzhou", "Kovrig") for r in rows)
    assert by_name["Michael Kovrig"]["type"] == "person"
    assert by_name["Ministry of State Security"]["type"] == "agency"
    assert "MSS" in by_name["Ministry of State Security"]["aliases"]
    assert by_name["Global News"]["type"] == "outlet"
    assert by_name["Douyin"]["type"] == "platform"
    assert "Consul General Han" in by_name["Han Tao"]["aliases"]


def test_entities_type_filter(run):
    rows = json.loads(run("entities", "--type", "agency", "--json").output)
    assert rows and {r["type"] for r in rows} == {"agency"}


def test_claims_json_contract(run):
    result = run("claims", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert rows
    for row in rows:
        assert {"speaker", "verb", "targets", "quote", "document", "outlet", "sentence"} <= row.keys()
    speakers = {r["speaker"] for r in rows}
    assert not speakers & {"Meng Wanzhou", "Michael Spavor", "Xi Jinping"}
    dong = [r for r in rows if r["speaker"] == "Han Dong" and r["verb"] == "write"]
    assert any({"Michael Spavor", "Michael Kovrig"} <= set(r["targets"]) for r in dong)


def test_claims_filters(run):
    rows = json.loads(run("claims", "--speaker", "Charles Burton", "--json").output)
    assert rows and {r["speaker"] for r in rows} == {"Charles Burton"}
    about = json.loads(run("claims", "--about", "Michael Kovrig", "--json").output)
    assert about and all("Michael Kovrig" in r["targets"] for r in about)
    every = json.loads(run("claims", "--json").output)  # the store-side filters keep exactly these
    assert about == [r for r in every if "Michael Kovrig" in r["targets"]]
    both = json.loads(run("claims", "--speaker", "Han Dong", "--about", "spavor", "--json").output)
    want = [r for r in every if r["speaker"] == "Han Dong" and "Michael Spavor" in r["targets"]]
    assert both and both == want


def test_path_between_people_in_different_articles(run):
    result = run("path", "Han Dong", "Meng Wanzhou")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Path 1")
    data = json.loads(run("path", "Han Dong", "Meng Wanzhou", "--json").output)
    assert data["source"] == "Han Dong" and data["target"] == "Meng Wanzhou"
    hops = data["paths"][0]["hops"]
    assert hops[0]["from"] == "Han Dong" and hops[-1]["to"] == "Meng Wanzhou"
    for hop in hops:
        assert {"from", "to", "layer", "evidence"} <= hop.keys()
        assert hop["evidence"]
        for e in hop["evidence"]:
            assert e["document"] in SEED_IDS
            assert {"document", "title", "outlet", "sentence"} <= e.keys()
            assert e["title"] and e["sentence"]


def test_path_k_paths_ranked(run):
    data = json.loads(run("path", "Charles Burton", "Xi Jinping", "--k", "3", "--json").output)
    lengths = [len(p["hops"]) for p in data["paths"]]
    assert len(lengths) == 3 and lengths == sorted(lengths)


def test_unknown_name_suggests_and_exits_2(run):
    result = run("path", "Han Dongg", "Meng Wanzhou")
    assert result.exit_code == 2
    assert "no entity named 'Han Dongg'; did you mean 'Han Dong'" in result.output


def test_missing_store_is_a_clear_error(tmp_path: Path):
    result = CliRunner().invoke(main, ["entities", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no store at" in result.output and "linkchart build" in result.output


def test_export_graphml_reads_back(run, seeds_db: Path, tmp_path: Path):
    out = tmp_path / "g.graphml"
    result = run("export", "graphml", str(out))
    assert result.exit_code == 0, result.output
    from graph.store import Store

    with Store(seeds_db) as store:
        G = store.graph.load()
    back = nx.read_graphml(out)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()


def test_html_is_offline(run, tmp_path: Path):
    out = tmp_path / "g.html"
    result = run("html", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)\s*=\s*[\"']?https?://", page, re.I)
    assert "Meng Wanzhou" in page


def test_unknown_model_is_a_clear_error(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), "--db", str(tmp_path / "m.db"), "--model", "en_nope_sm"]
    )
    assert result.exit_code == 2
    assert "spaCy pipeline 'en_nope_sm' is not installed" in result.output


def test_model_from_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LINKCHART_MODEL", "en_nope_sm")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 2 and "en_nope_sm" in result.output


def _graph_of(db: Path):
    from graph.store import Store

    with Store(db) as store:
        return store.graph.load()


def test_two_processes_build_the_same_graph(seeds_db: Path, tmp_path: Path):
    db = tmp_path / "jobs2.db"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--db", str(db), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    one, two = _graph_of(seeds_db), _graph_of(db)
    assert dict(one.nodes(data="mentions")) == dict(two.nodes(data="mentions"))
    assert {(u, v, k, d["weight"]) for u, v, k, d in one.edges(keys=True, data=True)} == {
        (u, v, k, d["weight"]) for u, v, k, d in two.edges(keys=True, data=True)
    }


def test_changed_document_is_reparsed_and_prune_removes_evidence(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[3:]:
        (corpus / path.name).write_text(path.read_text("utf-8"), "utf-8")
    db, runner = tmp_path / "p.db", CliRunner()
    assert runner.invoke(main, ["build", str(corpus), "--db", str(db)]).exit_code == 0
    changed = sorted(corpus.glob("*.txt"))[0]
    changed.write_text(changed.read_text("utf-8") + "\nMichael Chong said the report mattered.\n", "utf-8")
    again = runner.invoke(main, ["build", str(corpus), "--db", str(db)])
    assert "2 documents (1 parsed, 1 unchanged)" in again.output
    removed = sorted(corpus.glob("*.txt"))[1]
    removed.unlink()
    pruned = runner.invoke(main, ["build", str(corpus), "--db", str(db), "--prune"])
    assert "1 document (0 parsed, 1 unchanged, 1 removed)" in pruned.output
    G = _graph_of(db)
    assert set(G.graph["documents"]) == {changed.stem}
    assert all(d["documents"] == [changed.stem] for _, _, d in G.edges(data=True))


@pytest.mark.slow
def test_dask_engine_builds_exactly_the_local_graph(seeds_db: Path, tmp_path: Path):
    pytest.importorskip("distributed")
    db = tmp_path / "dask.db"
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), "--db", str(db), "--engine", "dask", "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output
    local, dask = _graph_of(seeds_db), _graph_of(db)
    assert dict(local.nodes(data=True)) == dict(dask.nodes(data=True))
    assert sorted(local.edges(keys=True, data=True), key=str) == sorted(
        dask.edges(keys=True, data=True), key=str
    )


def test_scheduler_without_dask_engine_is_refused(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["build", "--db", str(tmp_path / "x.db"), "--scheduler", "tcp://h:8786"]
    )
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.output


@pytest.mark.parametrize(
    ("speaker", "verb", "targets"),
    [
        ("Charles Burton", "say", {"Canadian Security Intelligence Service"}),
        ("Han Dong", "confirm", {"Han Tao"}),
        ("Han Dong", "dispute", {"Michael Kovrig", "Michael Spavor"}),
        ("Han Dong", "write", {"Michael Spavor", "Michael Kovrig"}),
        ("Alison Murphy", "write", {"Han Dong"}),
        ("Canadian Security Intelligence Service", "assess", {"PRC"}),
        ("The Wall Street Journal", "report", {"Justin Trudeau", "Xi Jinping"}),
        ("Erin O’Toole", "claim", {"China"}),
    ],
)
def test_the_attributions_an_analyst_cites(run, speaker: str, verb: str, targets: set[str]):
    rows = json.loads(run("claims", "--speaker", speaker, "--json").output)
    assert any(r["verb"] == verb and targets <= set(r["targets"]) for r in rows), [
        (r["verb"], r["targets"]) for r in rows
    ]
