"""Static tests of viz.render: the HTML file itself, without a browser."""

from __future__ import annotations

import copy
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from tests.viz.sample_graphs import XSS_ALIAS, XSS_SENTENCE, XSS_TITLE
from viz import render_html
from viz.render import expand_payload, graph_payload, page_html, script_json

# Any attribute or CSS reference that would make the browser fetch from the network.
REMOTE_REF = re.compile(
    r"""(?:\b(?:src|href|srcset|poster|data|action|formaction)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.IGNORECASE,
)


class _TagCollector(HTMLParser):
    """Collect (tag, attrs) the way a browser tokenises them (script bodies are raw text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _TagCollector()
    parser.feed(html)
    parser.close()
    return parser.tags


def _data_block(html: str) -> str:
    match = re.search(r'<script type="application/json" id="lc-data">(.*?)</script>', html, re.S)
    assert match, "data block missing"
    return match.group(1)


def test_self_contained_no_remote_refs(tmp_path: Path, sample_graph: nx.MultiDiGraph) -> None:
    html = render_html(sample_graph, tmp_path / "chart.html").read_text(encoding="utf-8")
    assert not REMOTE_REF.findall(html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html
    tags = _tags(html)
    assert not [t for t, _ in tags if t in {"link", "img", "iframe", "object", "embed", "base"}]
    assert not [(t, a) for t, a in tags if {"src", "href", "srcset"} & a.keys()]
    scripts = [a for t, a in tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "lc-data"}, {}, {}]
    assert "vis.Network" in html  # the library is inlined
    assert "default-src 'none'" in html  # CSP forbids any network fetch


def test_data_is_inert_json(tmp_path: Path, evil_graph: nx.MultiDiGraph) -> None:
    html = render_html(evil_graph, tmp_path / "evil.html", title=XSS_TITLE).read_text("utf-8")
    block = _data_block(html)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in block
    assert [t for t, _ in _tags(html)].count("script") == 3
    assert "<script>alert" not in html and "<img" not in html
    assert "<title>&lt;/title&gt;&lt;script&gt;" in html
    data = json.loads(block)
    texts = json.dumps(data, ensure_ascii=False)
    assert json.dumps(XSS_ALIAS, ensure_ascii=False)[1:-1] in texts
    assert expand_payload(data)["edges"][0]["evidence"][0]["sentence"] == XSS_SENTENCE


def test_script_json_escapes() -> None:
    out = script_json({"k": "</script>&\u2028\u2029<!--"})
    assert out == '{"k":"\\u003c/script\\u003e\\u0026\\u2028\\u2029\\u003c!--"}'
    assert json.loads(out) == {"k": "</script>&\u2028\u2029<!--"}


def test_payload_shape(sample_graph: nx.MultiDiGraph) -> None:
    data = graph_payload(sample_graph, title="T")
    assert len(data["nodes"]) == 10 and len(data["edges"]) == 12
    assert data["documents"]["d2"]["outlet"] == "The Bureau"
    meng = next(n for n in data["nodes"] if n["id"] == "person:meng-wanzhou")
    assert meng["aliases"] == ["Meng Wanzhou", "Meng", "Huawei CFO"] and meng["mentions"] == 12
    layers = sorted(e["layer"] for e in data["edges"])
    assert layers.count("co-mention") == 7 and layers.count("assertion") == 5
    denial = next(e for e in data["edges"] if e.get("stance") == "denies")
    assert (denial["from"], denial["to"]) == ("place:china", "agency:csis")
    assert "x" not in meng  # physics lays out in the browser


def test_payload_converts_odd_values() -> None:
    G = nx.MultiDiGraph()
    G.add_node(
        ("tuple", 1),
        label="T",
        type="group",
        aliases={"b", "a"},
        mentions=2.0,
        documents=(),
        roles=[float("nan")],
    )
    node = graph_payload(G)["nodes"][0]
    assert node["id"] == "('tuple', 1)"
    assert node["aliases"] == ["a", "b"] and node["roles"] == [None]


def test_colliding_ids_rejected() -> None:
    G = nx.MultiDiGraph()
    G.add_nodes_from([1, "1"])
    with pytest.raises(ValueError, match="same text form"):
        graph_payload(G)


def test_fixed_layout_without_physics(sample_graph: nx.MultiDiGraph) -> None:
    data = graph_payload(sample_graph, physics=False)
    assert data["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert graph_payload(sample_graph, physics=False) == data  # seeded: deterministic


def test_highlight_path(sample_graph: nx.MultiDiGraph) -> None:
    path = ["person:chrystia-freeland", "place:china", "agency:csis"]
    data = graph_payload(sample_graph, highlight_path=path)
    assert data["highlight"]["nodes"] == path
    edges = {e["id"]: e for e in data["edges"]}
    on_path = {(edges[i]["from"], edges[i]["to"], edges[i]["layer"]) for i in data["highlight"]["edges"]}
    assert on_path == {
        ("person:chrystia-freeland", "place:china", "assertion"),
        ("agency:csis", "place:china", "co-mention"),
        ("place:china", "agency:csis", "assertion"),
    }
    with pytest.raises(nx.NodeNotFound, match="person:nobody"):
        graph_payload(sample_graph, highlight_path=["person:nobody"])


def test_input_graph_not_mutated(tmp_path: Path, sample_graph: nx.MultiDiGraph) -> None:
    before = copy.deepcopy(sample_graph)
    render_html(sample_graph, tmp_path / "a.html", highlight_path=["place:china"])
    assert nx.utils.graphs_equal(sample_graph, before)


def test_deterministic_output(tmp_path: Path, sample_graph: nx.MultiDiGraph) -> None:
    a = render_html(sample_graph, tmp_path / "a.html").read_bytes()
    b = render_html(sample_graph, tmp_path / "b.html").read_bytes()
    assert a == b


def test_atomic_write_replaces_and_cleans_up(tmp_path: Path, sample_graph: nx.MultiDiGraph) -> None:
    out = tmp_path / "nested" / "chart.html"
    assert render_html(sample_graph, out) == out.absolute()
    render_html(sample_graph, str(out), title="again")  # replaces an existing file
    assert "<title>again</title>" in out.read_text("utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["chart.html"]
    assert out.stat().st_mode & 0o777 == 0o644


def test_failed_write_keeps_old_file(
    tmp_path: Path, sample_graph: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "chart.html"
    out.write_text("old", encoding="utf-8")

    def broken_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        render_html(sample_graph, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.html"]


def test_page_html_placeholders_not_rescanned() -> None:
    html = page_html(
        {
            "title": "@@LC_APP@@",
            "physics": True,
            "nodes": [],
            "edges": [],
            "documents": {},
            "highlight": {"nodes": [], "edges": []},
        }
    )
    assert "<title>@@LC_APP@@</title>" in html
    assert html.count("@@LC_") == 2  # the title and the same text in the data, nothing else


def test_pyvis_only_imported_in_viz() -> None:
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if re.search(r"^\s*(import|from)\s+pyvis\b", p.read_text("utf-8", "replace"), re.M)
        and p.relative_to(root).parts[0] not in {"viz", "tests", ".git"}
    ]
    assert offenders == []
