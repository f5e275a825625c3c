"""Paths, neighbours, sources, stats and exports on the seeds: filters, exit codes, suggestions."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.query import find_node

MAIN = ("co-mention", "assertion")


def as_json(result) -> dict | list:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_burton_to_xi_three_paths_with_evidence(run):
    data = as_json(run("path", "Charles Burton", "Xi Jinping", "--k", "3", "--json"))
    assert len(data["paths"]) == 3
    for path in data["paths"]:
        assert path["hops"][0]["from"] == "Charles Burton" and path["hops"][-1]["to"] == "Xi Jinping"
        for hop in path["hops"]:
            assert hop["corroboration"]["documents"] >= 1 and hop["evidence"]


def test_all_shortest_paths_have_the_same_length(run):
    data = as_json(run("path", "Charles Burton", "Xi Jinping", "--all", "--json"))
    assert len({len(p["hops"]) for p in data["paths"]}) == 1


def test_min_sources_keeps_only_corroborated_links(run):
    result = run("path", "Michael Kovrig", "Justin Trudeau", "--min-sources", "2", "--json")
    for hop in as_json(result)["paths"][0]["hops"]:
        assert hop["corroboration"]["documents"] >= 2


def test_via_outlet_uses_only_that_outlets_links(run):
    data = as_json(run("path", "Charles Burton", "Meng Wanzhou", "--via-outlet", "the bureau", "--json"))
    for hop in data["paths"][0]["hops"]:
        assert all(e["outlet"] == "The Bureau" for e in hop["evidence"])


def test_layer_assertion_uses_assertion_links_only(run):
    data = as_json(run("path", "Han Dong", "Michael Spavor", "--layer", "assertion", "--json"))
    assert all(h["layers"] == ["assertion"] for h in data["paths"][0]["hops"])


def test_no_path_exits_1(run):
    result = run("path", "Han Dong", "Meng Wanzhou", "--max-hops", "1")
    assert result.exit_code == 1
    assert "no path between" in result.output


def test_conflicting_options_exit_2(run):
    result = run("path", "Han Dong", "Meng Wanzhou", "--all", "--k", "2")
    assert result.exit_code == 2 and "cannot be combined" in result.output


def test_names_resolve_forgivingly(run):
    for name in ("han dong", "DONG", "Marie-Josee Hogue", "CSIS", "Erin O'Toole"):
        result = run("neighbors", name, "--json")
        assert result.exit_code == 0, (name, result.output)


def test_neighbors_ranked_by_corroboration(run):
    rows = as_json(run("neighbors", "Michael Kovrig", "--json"))
    scores = [r["link"]["corroboration"]["documents"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert {"id", "name", "type", "link"} <= rows[0].keys()


def test_sources_and_stats(run):
    data = as_json(run("sources", "--json"))
    assert len(data["documents"]) == 5
    assert {o["outlet"] for o in data["outlets"]} >= {"The Bureau", "24CA News", "The Canadian Press"}
    stats = as_json(run("stats", "--json"))
    assert stats["documents"] == 5 and stats["entities"] > 50
    assert stats["by_degree"][0]["score"] >= stats["by_degree"][-1]["score"]
    assert "Meng Wanzhou" in {r["name"] for r in stats["by_betweenness"]}


@pytest.mark.parametrize(
    ("fmt", "names"),
    [
        ("graphml", ["g.graphml"]),
        ("gexf", ["g.gexf"]),
        ("json", ["g.json"]),
        ("csv", ["nodes.csv", "edges.csv"]),
    ],
)
def test_every_export_format(run, tmp_path: Path, fmt: str, names: list[str]):
    out = tmp_path / f"g.{fmt}" if fmt != "csv" else tmp_path
    result = run("export", fmt, str(out))
    assert result.exit_code == 0, result.output
    for name in names:
        assert (tmp_path / name).stat().st_size > 1000


def test_export_bad_format_and_missing_folder(run, tmp_path: Path):
    assert run("export", "pdf", str(tmp_path / "g.pdf")).exit_code == 2
    missing = run("export", "graphml", str(tmp_path / "nope" / "g.graphml"))
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_find_node_ambiguity_and_suggestions():
    G = nx.MultiDiGraph()
    G.add_node("person:han-dong", label="Han Dong", type="person", aliases=["Han", "Dong"])
    G.add_node("person:han-tao", label="Han Tao", type="person", aliases=["Han"])
    assert find_node(G, "dong") == "person:han-dong"
    with pytest.raises(AmbiguousEntity) as ambiguous:
        find_node(G, "Han")
    assert "Han Dong (person" in str(ambiguous.value) and "Han Tao (person" in str(ambiguous.value)
    with pytest.raises(EntityNotFound) as missing:
        find_node(G, "Han Tau")
    assert missing.value.suggestions[0] == "Han Tao"


def test_html_options_narrow_the_drawing(run, seeds_db: Path, tmp_path: Path):
    import re

    from graph.store import Store

    with Store(seeds_db) as store:
        G = store.graph.load()

    def drawn(*args: str) -> tuple[int, int]:
        result = run("html", str(tmp_path / "o.html"), *args)
        assert result.exit_code == 0, result.output
        nodes, links = re.search(r"\((\d+) entities, (\d+) links\)", result.output).groups()
        return int(nodes), int(links)

    by_layer = Counter(k for _, _, k in G.edges(keys=True))
    main = by_layer["co-mention"] + by_layer["assertion"]
    assert drawn() == (G.number_of_nodes(), main)  # the co-mention windows only when asked
    assert drawn("--layer", "paragraph") == (G.number_of_nodes(), main + by_layer["paragraph"])
    assert drawn("--layer", "document")[1] == G.number_of_edges() > main + by_layer["paragraph"]
    assert drawn("--layer", "assertion")[1] == by_layer["assertion"]
    strong = sum(1 for _, _, k, d in G.edges(keys=True, data=True) if d["weight"] >= 3 and k in MAIN)
    assert drawn("--min-weight", "3")[1] == strong
    assert drawn("--max-nodes", "10")[0] == 10


@pytest.mark.parametrize(
    "argv",
    [
        ["entities", "--limit", "5"],
        ["neighbors", "Han Dong"],
        ["path", "Han Dong", "Meng Wanzhou"],
        ["path", "Han Dong", "Meng Wanzhou", "--all", "--json"],
        ["claims", "--speaker", "Han Dong", "--about", "Michael Spavor"],
    ],
)
def test_quick_queries_never_import_networkx(seeds_db: Path, argv: list[str]):
    """Importing networkx costs ~0.2 s of every query: the queries that must be quick do without it."""
    import subprocess
    import sys

    script = (
        "import sys; from linkchart.cli import main\n"
        "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
        "except SystemExit as e:\n    assert not e.code\n"
        "print('networkx' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *argv, "--db", str(seeds_db)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip()
    assert done.stderr.strip().splitlines()[-1] == "False"


def test_unnamed_sources_are_claims_and_counted_but_never_nodes(run):
    claims = json.loads(run("claims", "--json").output)
    unnamed = [c for c in claims if c["speaker_kind"] == "unnamed"]
    assert unnamed and all(c["speaker_id"] is None and c["speaker"] == c["speaker_text"] for c in unnamed)
    assert {c["speaker_kind"] for c in claims} <= {"named", "unnamed", "group"}
    nodes = {e["name"] for e in json.loads(run("entities", "--json").output)}
    assert not {c["speaker_text"] for c in unnamed} & nodes
    documents = json.loads(run("sources", "--json").output)["documents"]
    assert sum(d["unnamed_claims"] for d in documents) == len(unnamed)
    assert "[unnamed] sources" in run("claims").output


def test_claims_as_csv_and_exported_for_a_spreadsheet(run, tmp_path: Path):
    import csv
    import io

    as_json = json.loads(run("claims", "--json").output)
    rows = list(csv.DictReader(io.StringIO(run("claims", "--csv").output)))
    assert len(rows) == len(as_json) and rows[0]["id"] == as_json[0]["id"]
    out = tmp_path / "claims.csv"
    assert run("export", "claims-csv", str(out)).exit_code == 0
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == len(as_json)
    assert run("claims", "--csv", "--json").exit_code == 2


def test_every_piece_of_hop_evidence_fits_its_hop(run):
    """An assertion piece is a claim by one end about the other; a co-mention piece is a
    sentence naming both ends (by name or alias)."""
    entities = {e["id"]: e for e in as_json(run("entities", "--json"))}
    claims = as_json(run("claims", "--json"))
    people = ["Han Dong", "Meng Wanzhou", "Justin Trudeau", "Charles Burton", "Michael Kovrig", "Xi Jinping"]
    checked = 0
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            result = run("path", a, b, "--k", "3", "--evidence", "5", "--json")
            for path in json.loads(result.output)["paths"] if result.exit_code == 0 else []:
                for hop in path["hops"]:
                    ends = {hop["from"], hop["to"]}
                    for e in hop["evidence"]:
                        checked += 1
                        if "quote" in e:
                            assert any(
                                c["document"] == e["document"]
                                and c["quote"] == e["quote"]
                                and c["speaker"] in ends
                                and (ends - {c["speaker"]}) <= set(c["targets"])
                                for c in claims
                            ), (hop["from"], hop["to"], e["quote"])
                        else:
                            sentence = e["sentence"].casefold()
                            for end in (hop["from_id"], hop["to_id"]):
                                names = [entities[end]["name"], *entities[end]["aliases"]]
                                assert any(n.casefold() in sentence for n in names), (end, e["sentence"])
    assert checked > 50


def test_avoid_and_avoid_hubs_keep_those_entities_off_the_path(run, seeds_db: Path):
    from graph.query import hubs
    from graph.store import Store

    with Store(seeds_db) as store:
        hub_ids = set(hubs(store))
    assert len(hub_ids) >= 3
    plain = as_json(run("path", "Donald Trump", "Xi Jinping", "--k", "3", "--json"))
    stones = {h["to_id"] for p in plain["paths"] for h in p["hops"][:-1]}
    assert stones & hub_ids  # without the option the hubs are stepping stones
    data = as_json(run("path", "Donald Trump", "Xi Jinping", "--k", "3", "--avoid-hubs", "--json"))
    assert not {h["to_id"] for p in data["paths"] for h in p["hops"][:-1]} & hub_ids
    first = plain["paths"][0]["hops"][0]["to"]
    data = as_json(run("path", "Donald Trump", "Xi Jinping", "--avoid", first, "--json"))
    assert first not in [h["to"] for h in data["paths"][0]["hops"][:-1]]
    assert run("path", "Donald Trump", "Xi Jinping", "--avoid", "Nobody Atall").exit_code == 2


@pytest.mark.parametrize("value", ["People", "persons", "PERSON", "person"])
def test_closed_set_options_forgive_case_and_plurals(run, value: str):
    rows = as_json(run("entities", "--type", value, "--json"))
    assert rows and {r["type"] for r in rows} == {"person"}


@pytest.mark.parametrize(
    "argv",
    [
        ["entities", "--type", "peeple"],
        ["path", "Han Dong", "Meng Wanzhou", "--layer", "sentences"],
        ["path", "Han Dong", "Meng Wanzhou", "--rank", "best"],
        ["neighbors", "Han Dong", "--layer", "paragraph"],
        ["export", "pdf", "out.pdf"],
    ],
)
def test_an_unknown_choice_exits_2_with_the_choices(run, argv: list[str]):
    result = run(*argv)
    assert result.exit_code == 2 and "is not one of" in result.output


def test_outlets_resolve_like_names_or_exit_2_with_a_suggestion(run):
    via = as_json(run("path", "Charles Burton", "Meng Wanzhou", "--via-outlet", "the BUREAU", "--json"))
    assert all(e["outlet"] == "The Bureau" for h in via["paths"][0]["hops"] for e in h["evidence"])
    for option in ("--via-outlet", "--exclude-outlet"):
        result = run("path", "Charles Burton", "Meng Wanzhou", option, "Bureu")
        assert result.exit_code == 2
        assert "no outlet named 'Bureu'; did you mean 'The Bureau'?" in result.output


def test_excluded_outlets_give_no_evidence(run):
    data = as_json(
        run("path", "Han Dong", "Meng Wanzhou", "--exclude-outlet", "The Bureau", "--evidence", "5", "--json")
    )
    outlets = {e["outlet"] for p in data["paths"] for h in p["hops"] for e in h["evidence"]}
    assert outlets and "The Bureau" not in outlets
    plain = as_json(run("path", "Han Dong", "Meng Wanzhou", "--evidence", "5", "--json"))
    assert "The Bureau" in {e["outlet"] for p in plain["paths"] for h in p["hops"] for e in h["evidence"]}


def test_no_path_names_the_filters_only_when_there_are_some(run):
    result = run("path", "Han Dong", "Bill Blair")
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        "no path between 'Han Dong' and 'Bill Blair': no chain of links joins them"
    )
    result = run("path", "Han Dong", "Meng Wanzhou", "--max-hops", "1", "--layer", "co-mention")
    assert result.exit_code == 1
    assert "with --layer co-mention, --max-hops 1" in result.output


def test_export_paths_say_what_is_wrong_and_csv_makes_its_folder(run, tmp_path: Path):
    folder = tmp_path / "afolder"
    folder.mkdir()
    result = run("export", "graphml", str(folder))
    assert result.exit_code == 2 and f"cannot write {folder}: it is a folder" in result.output
    afile = tmp_path / "afile"
    afile.write_text("x")
    result = run("export", "csv", str(afile))
    assert result.exit_code == 2 and f"cannot write {afile}: it is a file" in result.output
    result = run("export", "graphml", str(tmp_path / "missing" / "g.graphml"))
    assert result.exit_code == 2 and "does not exist" in result.output
    fresh = tmp_path / "out" / "csv"
    result = run("export", "csv", str(fresh))
    assert result.exit_code == 0, result.output
    assert (fresh / "nodes.csv").is_file() and (fresh / "edges.csv").is_file()
    assert f"wrote {fresh / 'nodes.csv'}" in result.output


def test_html_prints_the_path_as_typed(run, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("html", "page.html")
    assert result.exit_code == 0 and result.output.startswith("wrote page.html (")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["entities", "--type", "group"], "no entities of type group"),
        (["neighbors", "Bill Blair"], "Bill Blair has no links"),
        (
            ["claims", "--speaker", "Bill Blair", "--about", "Han Dong"],
            "no claims by Bill Blair about Han Dong",
        ),
    ],
)
def test_empty_answers_say_so(run, argv: list[str], expected: str):
    result = run(*argv)
    assert result.exit_code == 0 and result.output.strip() == expected


def test_counts_are_worded_for_one_and_many(run):
    neighbours = run("neighbors", "Han Tao", "--layer", "assertion").output
    assert "1 doc, 1 outlet" in neighbours and "docs" not in neighbours
    one = run("path", "Charles Burton", "Xi Jinping").output
    assert one.startswith("Path 1 (1 hop): ") and "1 document, 1 outlet" in one
    many = run("path", "Han Dong", "Meng Wanzhou").output
    assert many.startswith("Path 1 (2 hops): ")
    sources = run("sources").output
    assert "1 doc," in sources and "2 docs," in sources and "assertion links" in sources
    assert " 1 docs" not in sources and "claims" in sources


def test_html_draws_a_layout_computed_once_and_live_layout_asks_the_browser(run, tmp_path: Path):
    import json
    import re

    def page_data(*args: str) -> tuple[bytes, dict]:
        out = tmp_path / "layout.html"
        result = run("html", str(out), *args)
        assert result.exit_code == 0, result.output
        text = out.read_text("utf-8")
        data = re.search(r'<script type="application/json" id="lc-data">(.*?)</script>', text, re.S)
        return out.read_bytes(), json.loads(data.group(1))

    first, data = page_data()
    assert data["physics"] is False
    assert first == page_data()[0]  # the same store, the same page: the layout is seeded
    live, data = page_data("--live-layout")
    assert data["physics"] is True and live != first


def test_a_cut_page_carries_the_next_ring_hidden_and_says_why(run, seeds_db: Path, tmp_path: Path):
    import json
    import re

    def page_data(*args: str) -> dict:
        out = tmp_path / "cut.html"
        result = run("html", str(out), *args)
        assert result.exit_code == 0, result.output
        data = re.search(r'id="lc-data">(.*?)</script>', out.read_text("utf-8"))
        return json.loads(data.group(1))

    whole = page_data()
    assert "cut" not in whole and not any(n.get("ring") for n in whole["nodes"])
    cut = page_data("--max-nodes", "10", "--min-weight", "2")
    drawn = [n for n in cut["nodes"] if not n.get("ring")]
    ring = [n for n in cut["nodes"] if n.get("ring")]
    assert len(drawn) == 10 and 0 < len(ring) <= 10 * cut["cut"]["per_entity"]
    assert cut["cut"]["reasons"] == [
        "only the 10 most connected entities (--max-nodes)",
        "only links backed by at least 2 sentences or statements (--min-weight)",
    ]
    assert cut["cut"]["ring"] == len(ring) and cut["cut"]["entities"] == len(whole["nodes"])
    focus = page_data("--focus", "Han Dong")
    assert focus["focus"] == "person:han-dong"
    assert focus["cut"]["reasons"] == ["only the neighbourhood of Han Dong, 1 link out (--focus, --depth)"]
