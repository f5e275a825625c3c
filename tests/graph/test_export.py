"""Tests for graph.export.formats: GraphML/GEXF/JSON/CSV files that validate, read back and stay safe."""

from __future__ import annotations

import csv
import functools
import json
import math
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx
import pytest
import xmlschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # repo root, for `import graph`

from graph.export import (
    DEFAULT_COLOR,
    EDGE_FIELDS,
    FORMATS,
    NODE_FIELDS,
    TYPE_COLORS,
    export_graph,
    neutralize_cell,
    write_csv,
    write_gexf,
    write_graphml,
    write_node_link_json,
    xml_legal_text,
)
from graph.schema import ASSERTION, CO_MENTION, ENTITY_TYPES

XSD = Path(__file__).resolve().parents[1] / "data" / "graphml" / "graphml.xsd"
NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
HOSTILE = (
    "<script>alert(1)</script> </textarea> & \"quotes\" 'single' \x00\x07\x1b"
    "\ud800 \u200f\u05e9\u05dc\u05d5\u05dd \U0001f600"
)
FORMULAS = ['=HYPERLINK("x")', "+1", "-cmd", "@SUM", "\tTAB", "\rCR"]
# Any code point: hypothesis's characters (which never include surrogates), lone surrogates,
# and the characters that break XML, CSV and HTML, each drawn a third of the time.
ANY_TEXT = st.text(
    st.one_of(
        st.characters(),
        st.integers(0xD800, 0xDFFF).map(chr),
        st.sampled_from(list("<>&\"'\x00\x07\x1b\r\n\t\ufffe\u200f\U0001f600=+-@|;")),
    ),
    max_size=40,
)


# --------------------------------------------------------------------------- graph builders


def _add_node(G: nx.MultiDiGraph, nid: str, label: str, mentions: int, **extra: Any) -> None:
    kind = nid.split(":")[0]
    attrs: dict[str, Any] = {
        "label": label,
        "type": kind,
        "aliases": [label],
        "mentions": mentions,
        "documents": ["d1", "d2"],
        "roles": [],
    }
    G.add_node(nid, **{**attrs, **extra})


def _evidence(sentence: str, n: int = 1, **extra: Any) -> list[dict[str, Any]]:
    return [
        {
            "document": f"d{i + 1}",
            "title": f"Title {i + 1}",
            "outlet": "Globe",
            "sentence": sentence if i == 0 else f"{sentence} ({i})",
            "sent_index": i,
            **extra,
        }
        for i in range(n)
    ]


def _add_co_mention(G: nx.MultiDiGraph, u: str, v: str, weight: int, sentence: str) -> None:
    u, v = sorted((u, v))
    G.add_edge(
        u,
        v,
        key=CO_MENTION,
        layer=CO_MENTION,
        weight=weight,
        documents=["d1", "d2"],
        outlets=["Globe", "Star"],
        corroboration=2,
        evidence=_evidence(sentence, n=4),
    )


def _add_assertion(G: nx.MultiDiGraph, u: str, v: str, verb: str, stance: str) -> None:
    G.add_edge(
        u,
        v,
        key=ASSERTION,
        layer=ASSERTION,
        weight=1,
        documents=["d1"],
        outlets=["Globe"],
        corroboration=1,
        evidence=_evidence(f"{u} {verb} {v}.", quote="q", verb=verb, stance=stance),
        verb=verb,
        stance=stance,
        verbs=[verb],
        stances=[stance],
        quotes=["q"],
    )


def _documents() -> dict[str, dict[str, str]]:
    return {
        f"d{i}": {"title": f"T{i}", "outlet": "Globe", "url": "u", "date": "2024", "path": "p"}
        for i in (1, 2)
    }


@pytest.fixture
def G() -> nx.MultiDiGraph:
    """A small two-layer graph shaped as graph.schema describes."""
    G = nx.MultiDiGraph(documents=_documents())
    _add_node(G, "person:meng-wanzhou", "Meng Wanzhou", 5, roles=["CFO"])
    _add_node(G, "agency:rcmp", "RCMP", 3)
    _add_node(G, "organization:huawei", "Huawei", 4)
    _add_node(G, "place:vancouver", "Vancouver", 1)
    _add_co_mention(G, "person:meng-wanzhou", "organization:huawei", 4, "Meng works at Huawei.")
    _add_co_mention(G, "agency:rcmp", "person:meng-wanzhou", 2, "The RCMP arrested Meng.")
    _add_assertion(G, "agency:rcmp", "person:meng-wanzhou", "said", "states")
    _add_assertion(G, "person:meng-wanzhou", "agency:rcmp", "denied", "denies")
    return G


@pytest.fixture
def hostile() -> nx.MultiDiGraph:
    """A graph whose every text field carries markup, controls and formula triggers."""
    G = nx.MultiDiGraph(documents=_documents())
    for i, text in enumerate(FORMULAS):
        _add_node(G, f"person:p{i}", text + HOSTILE, i, aliases=[text, HOSTILE], roles=[text])
    for i in range(len(FORMULAS) - 1):
        _add_co_mention(G, f"person:p{i}", f"person:p{i + 1}", i + 1, FORMULAS[i] + HOSTILE)
        _add_assertion(G, f"person:p{i + 1}", f"person:p{i}", FORMULAS[i], HOSTILE)
    return G


@functools.cache
def _xsd() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


@pytest.fixture
def schema() -> xmlschema.XMLSchema:
    return _xsd()


def _joined(values: list[str]) -> str:
    return "; ".join(xml_legal_text(v) for v in values)


# --------------------------------------------------------------------------- dispatch


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_graph_writes_each_format(G: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    target = tmp_path if fmt == "csv" else tmp_path / f"graph.{fmt}"
    paths = export_graph(G, fmt, target)
    assert len(paths) == (2 if fmt == "csv" else 1)
    for path in paths:
        assert path.is_file() and path.stat().st_size > 0
        path.read_text(encoding="utf-8")  # valid UTF-8
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


@pytest.mark.parametrize("fmt", ["xml", "pajek", "", "GraphML2"])
def test_unknown_format_raises_value_error(G: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    with pytest.raises(ValueError, match=r"unknown export format.*graphml, gexf, json, csv"):
        export_graph(G, fmt, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_directory_raises(G: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    missing = tmp_path / "nope"
    target = missing if fmt == "csv" else missing / f"graph.{fmt}"
    with pytest.raises(FileNotFoundError, match="does not exist"):
        export_graph(G, fmt, target)
    assert not missing.exists()


def test_directory_as_output_file_raises(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    (tmp_path / "graph.graphml").mkdir()
    with pytest.raises(IsADirectoryError):
        write_graphml(G, tmp_path / "graph.graphml")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_missing_directory_for_csv_prefix_raises(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_csv(G, tmp_path / "nope" / "run.csv")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- GraphML


def _graphml(G: nx.MultiDiGraph, tmp_path: Path) -> Path:
    return write_graphml(G, tmp_path / "graph.graphml")


@pytest.mark.parametrize("graph", ["G", "hostile"])
def test_graphml_validates_against_xsd(
    graph: str, request: pytest.FixtureRequest, tmp_path: Path, schema: xmlschema.XMLSchema
) -> None:
    path = _graphml(request.getfixturevalue(graph), tmp_path)
    schema.validate(str(path))


def test_schema_rejects_broken_graphml(schema: xmlschema.XMLSchema) -> None:
    doc = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="a"/><edge source="a" target="b"/></graph></graphml>'
    )
    assert not schema.is_valid(doc)  # dangling edge target: the keyrefs are enforced


@pytest.mark.parametrize("graph", ["G", "hostile"])
def test_graphml_keys_have_one_type_and_every_element_all_keys(
    graph: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    root = ET.parse(_graphml(request.getfixturevalue(graph), tmp_path)).getroot()
    keys = root.findall("g:key", NS)
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    declared = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert len(declared) == len(keys)  # each (scope, name) declared once, so one type
    assert {name: t for (scope, name), t in declared.items() if scope == "node"} == dict(NODE_FIELDS)
    assert {name: t for (scope, name), t in declared.items() if scope == "edge"} == dict(EDGE_FIELDS)
    by_id = {k.get("id"): k for k in keys}
    for tag, scope in (("node", "node"), ("edge", "edge")):
        for element in root.iter(f"{{{NS['g']}}}{tag}"):
            data = element.findall("g:data", NS)
            assert sorted(by_id[d.get("key")].get("attr.name") for d in data) == sorted(
                name for (s, name) in declared if s == scope
            )
            for d in data:
                text = d.text or ""
                assert text != "None"
                if by_id[d.get("key")].get("attr.type") == "int":
                    int(text)


def test_graphml_gephi_conventions(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    root = ET.parse(_graphml(G, tmp_path)).getroot()
    keys = root.findall("g:key", NS)
    gephi_specials = {"d3", "d7", "label", "weight", "id", "x", "y", "size", "r", "g", "b"}
    assert not {k.get("id") for k in keys} & gephi_specials  # Gephi maps these by key id
    assert {k.get("for") for k in keys} == {"node", "edge"}  # Gephi rejects graph keys
    graph = root.find("g:graph", NS)
    assert graph is not None and graph.get("edgedefault") == "directed"
    edges = graph.findall("g:edge", NS)
    assert [e.get("id") for e in edges] == [f"e{i}" for i in range(len(edges))]
    assert all(e.get("directed") is None for e in edges)
    names = {(k.get("for"), k.get("attr.name")): k.get("id") for k in keys}
    assert {("node", "label"), ("edge", "label"), ("edge", "weight")} <= names.keys()
    layer_key = names["edge", "layer"]
    triples = [
        (e.get("source"), e.get("target"), e.find(f"g:data[@key='{layer_key}']", NS).text) for e in edges
    ]
    assert len(triples) == len(set(triples)) == G.number_of_edges()


def test_graphml_values_match_the_graph(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    H = nx.read_graphml(_graphml(G, tmp_path), force_multigraph=True)
    meng = H.nodes["person:meng-wanzhou"]
    assert meng == {
        "label": "Meng Wanzhou",
        "type": "person",
        "mentions": 5,
        "documents": "d1; d2",
        "aliases": "Meng Wanzhou",
        "roles": "CFO",
    }
    by_layer = {(u, v, d["layer"]): d for u, v, d in H.edges(data=True)}
    co = by_layer["organization:huawei", "person:meng-wanzhou", CO_MENTION]
    assert co["weight"] == 4.0 and type(co["weight"]) is float  # Gephi's weights are doubles
    assert co["outlets"] == "Globe; Star" and co["corroboration"] == 2
    assert co["verb"] == co["stance"] == ""
    assert co["evidence"] == " | ".join(
        ["Meng works at Huawei.", "Meng works at Huawei. (1)", "Meng works at Huawei. (2)"]
    )
    said = by_layer["agency:rcmp", "person:meng-wanzhou", ASSERTION]
    assert (said["verb"], said["stance"], said["label"]) == (
        "said",
        "states",
        "said",
    )  # the verb, not the layer
    assert ("person:meng-wanzhou", "agency:rcmp", ASSERTION) in by_layer


def test_graphml_evidence_is_truncated(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    G.edges["organization:huawei", "person:meng-wanzhou", CO_MENTION]["evidence"] = _evidence(
        "word " * 400, n=3
    )
    H = nx.read_graphml(_graphml(G, tmp_path), force_multigraph=True)
    evidence = next(d["evidence"] for u, v, d in H.edges(data=True) if u == "organization:huawei")
    assert len(evidence) <= 500 and evidence.endswith("\u2026")


def _ig_value(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


@pytest.mark.parametrize("graph", ["G", "hostile"])
def test_graphml_reads_back_the_same_in_networkx_and_igraph(
    graph: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    G = request.getfixturevalue(graph)
    path = _graphml(G, tmp_path)
    H = nx.read_graphml(path, force_multigraph=True)
    g = ig.Graph.Read_GraphML(str(path))
    assert H.number_of_nodes() == g.vcount() == G.number_of_nodes()
    assert H.number_of_edges() == g.ecount() == G.number_of_edges()
    assert H.is_directed() and g.is_directed()
    ints = {name for name, kind in NODE_FIELDS + EDGE_FIELDS if kind == "int"}
    for v in g.vs:
        attrs = {k: _ig_value(x) for k, x in v.attributes().items() if k != "id"}
        assert attrs == H.nodes[v["id"]]
        assert all(type(H.nodes[v["id"]][k]) is int for k in ints & attrs.keys())
    nx_edges = {(u, v, d["layer"]): d for u, v, d in H.edges(data=True)}
    for e in g.es:
        # igraph 1.0 mis-reads the <edge id> into the "id" attribute; compare the data only
        attrs = {k: _ig_value(x) for k, x in e.attributes().items() if k != "id"}
        source, target = g.vs[e.source]["id"], g.vs[e.target]["id"]
        assert attrs == nx_edges[source, target, attrs["layer"]]
        edge = nx_edges[source, target, attrs["layer"]]
        assert all(type(edge[k]) is int for k in ints & attrs.keys())


def test_graphml_hostile_text_is_escaped_and_survives(hostile: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = _graphml(hostile, tmp_path)
    raw = path.read_text(encoding="utf-8")
    assert "<script>" not in raw and "</textarea>" not in raw
    assert "&lt;script&gt;" in raw and "&amp;" in raw
    assert "\x00" not in raw and "\x07" not in raw and "\x1b" not in raw
    H = nx.read_graphml(path, force_multigraph=True)
    for node, data in hostile.nodes(data=True):
        assert H.nodes[node]["label"] == xml_legal_text(data["label"])
        assert "<script>alert(1)</script>" in H.nodes[node]["label"]
        assert "\u200f" in H.nodes[node]["label"] and "\U0001f600" in H.nodes[node]["label"]
        assert H.nodes[node]["aliases"] == _joined(data["aliases"])
    assert H.nodes["person:p5"]["label"].startswith("\rCR")  # CR kept, as &#13;


def test_graphml_replaces_non_nmtoken_node_ids(tmp_path: Path, schema: xmlschema.XMLSchema) -> None:
    G = nx.MultiDiGraph()
    _add_node(G, "person:has space", "A", 1)
    _add_node(G, "person:n1", "B", 1)
    _add_node(G, "person:\u00e9lodie-caf\u00e9", "C", 1)
    _add_co_mention(G, "person:has space", "person:n1", 1, "s")
    path = _graphml(G, tmp_path)
    schema.validate(str(path))
    H = nx.read_graphml(path)
    assert set(H) == {"n0", "person:n1", "person:\u00e9lodie-caf\u00e9"}
    assert H.nodes["n0"]["label"] == "A"


# --------------------------------------------------------------------------- GEXF


def test_gexf_colours_nodes_by_type_and_reads_back(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    assert set(TYPE_COLORS) == set(ENTITY_TYPES)
    G.add_node("thing:x", label="X", type="thing", mentions=1)
    path = write_gexf(G, tmp_path / "graph.gexf")
    H = nx.read_gexf(path)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    for node, data in G.nodes(data=True):
        r, g, b = TYPE_COLORS.get(data["type"], DEFAULT_COLOR)
        assert H.nodes[node]["viz"]["color"] == {"r": r, "g": g, "b": b, "a": 1.0}
        assert H.nodes[node]["label"] == data["label"]
    assert "networkx_key" not in path.read_text(encoding="utf-8")
    layers = {(u, v, d["layer"]): d for u, v, d in H.edges(data=True)}
    said = layers["agency:rcmp", "person:meng-wanzhou", ASSERTION]
    assert said["verb"] == "said" and said["documents"] == "d1" and said["weight"] == 1
    for _, _, data in H.edges(data=True):
        assert all(not isinstance(v, list | dict) and v is not None for v in data.values())


def test_gexf_hostile_text_survives(hostile: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_gexf(hostile, tmp_path / "graph.gexf")
    raw = path.read_text(encoding="utf-8")
    assert "<script>" not in raw and "\x00" not in raw
    H = nx.read_gexf(path)
    for node, data in hostile.nodes(data=True):
        assert H.nodes[node]["label"] == xml_legal_text(data["label"])
        assert H.nodes[node]["roles"] == _joined(data["roles"])


# --------------------------------------------------------------------------- JSON


def test_json_is_node_link_with_lists_and_full_evidence(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_node_link_json(G, tmp_path / "graph.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    assert data["graph"]["documents"] == _documents()
    H = nx.node_link_graph(data, edges="edges")
    assert H.is_multigraph() and H.is_directed()
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    for u, v, k, d in G.edges(keys=True, data=True):
        assert H.edges[u, v, k] == d  # lists stay lists, all four evidence dicts kept


def test_json_hostile_text_survives(hostile: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_node_link_json(hostile, tmp_path / "graph.json")
    raw = path.read_bytes().decode("utf-8")
    assert "</script>" not in raw and "</textarea>" not in raw  # safe to inline in HTML
    assert "\U0001f600" in raw  # ensure_ascii=False
    data = json.loads(raw)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    for node, attrs in hostile.nodes(data=True):
        assert labels[node] == xml_legal_text(attrs["label"])
    sentences = [e["evidence"][0]["sentence"] for e in data["edges"] if e["key"] == CO_MENTION]
    assert len(sentences) == len(FORMULAS) - 1
    assert all("<script>alert(1)</script>" in s and "\x00" not in s for s in sentences)


def test_json_has_no_nan(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_node("person:a", label="A", score=float("nan"), tags={"x"}, pair=("a", "b"))
    data = json.loads(write_node_link_json(G, tmp_path / "g.json").read_text("utf-8"))
    assert data["nodes"][0]["score"] is None
    assert data["nodes"][0]["tags"] == ["x"] and data["nodes"][0]["pair"] == ["a", "b"]


# --------------------------------------------------------------------------- CSV


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_shape_for_gephi(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes_path, edges_path = write_csv(G, tmp_path)
    assert (nodes_path.name, edges_path.name) == ("nodes.csv", "edges.csv")
    nodes, edges = _read_csv(nodes_path), _read_csv(edges_path)
    assert list(nodes[0]) == ["Id", "Label", "type", "mentions", "documents", "aliases", "roles"]
    assert list(edges[0]) == [
        "Source", "Target", "Type", "Kind", "Id", "Label", "layer", "weight", "documents",
        "outlets", "corroboration", "verb", "stance", "evidence",
    ]  # fmt: skip
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    meng = next(n for n in nodes if n["Id"] == "person:meng-wanzhou")
    assert (meng["Label"], meng["mentions"], meng["documents"]) == ("Meng Wanzhou", "5", "d1; d2")
    for edge in edges:
        undirected = edge["layer"] == CO_MENTION
        assert edge["Type"] == ("Undirected" if undirected else "Directed")
        assert edge["Kind"] == edge["layer"] and edge["Label"] == (
            edge["verb"] if edge["layer"] == ASSERTION else ""
        )
    assert len({e["Id"] for e in edges}) == len(edges)


def test_csv_prefix_path(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    paths = export_graph(G, "csv", tmp_path / "run.csv")
    assert [p.name for p in paths] == ["run_nodes.csv", "run_edges.csv"]
    assert not (tmp_path / "run.csv").exists()


def test_csv_target_that_is_a_file_is_rejected(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(NotADirectoryError):
        write_csv(G, tmp_path / "plain")


def test_csv_neutralises_formulas_but_not_numbers(hostile: nx.MultiDiGraph, tmp_path: Path) -> None:
    hostile.nodes["person:p1"]["mentions"] = -3
    nodes_path, edges_path = write_csv(hostile, tmp_path)
    nodes = {n["Id"]: n for n in _read_csv(nodes_path)}
    for i, text in enumerate(FORMULAS):
        node = nodes[f"person:p{i}"]
        assert node["Label"] == "'" + xml_legal_text(text + HOSTILE)
        assert node["roles"] == "'" + text
        assert node["aliases"] == "'" + _joined([text, HOSTILE])
    assert nodes["person:p1"]["mentions"] == "-3"  # a number, left alone
    edges = _read_csv(edges_path)
    assert {e["evidence"][:3] for e in edges if e["layer"] == CO_MENTION} >= {"'=H", "'+1", "'@S"}
    for edge in edges:
        if edge["layer"] == ASSERTION:
            assert edge["verb"] in {"'" + xml_legal_text(text) for text in FORMULAS}
    for row in _read_csv(nodes_path) + _read_csv(edges_path):
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell == "-3"


def test_neutralize_cell() -> None:
    assert neutralize_cell("=1+1") == "'=1+1"
    assert neutralize_cell("Meng") == "Meng"
    assert neutralize_cell(-5) == -5
    assert neutralize_cell("") == ""


def test_csv_neo4j_flavor(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes_path, edges_path = write_csv(G, tmp_path / "neo.csv", flavor="neo4j")
    nodes, edges = _read_csv(nodes_path), _read_csv(edges_path)
    assert list(nodes[0])[:4] == ["id:ID", "label", "type", "mentions:int"]
    assert {n[":LABEL"] for n in nodes} >= {"Entity;Person", "Entity;Agency"}
    assert {n["documents:string[]"] for n in nodes} == {"d1;d2"}
    assert {e[":TYPE"] for e in edges} == {"CO_MENTION", "ASSERTION"}
    assert {(e[":START_ID"], e[":END_ID"]) for e in edges} == {(u, v) for u, v in G.edges()}
    with pytest.raises(ValueError, match="flavor"):
        write_csv(G, tmp_path, flavor="excel")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- atomic writes


class _Exploding:
    """A label whose text cannot be produced: serialization fails halfway through."""

    def __str__(self) -> str:
        raise RuntimeError("boom")


@pytest.mark.parametrize("fmt", FORMATS)
def test_failed_write_keeps_old_file_and_leaves_no_temp(G: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    target = tmp_path if fmt == "csv" else tmp_path / f"graph.{fmt}"
    paths = export_graph(G, fmt, target)
    before = {p: p.read_bytes() for p in paths}
    _add_node(G, "person:zz-last", "ok", 1)
    G.nodes["person:zz-last"]["label"] = _Exploding()
    with pytest.raises(RuntimeError, match="boom"):
        export_graph(G, fmt, target)
    assert {p: p.read_bytes() for p in paths} == before
    assert sorted(tmp_path.iterdir()) == sorted(paths)  # no temporary files left


def test_failure_while_writing_the_file_keeps_old_file(
    G: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_graphml(G, tmp_path / "graph.graphml")
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("graph.export.atomic.os.fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        write_graphml(G, path)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_overwrite_replaces_existing_export(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    path.write_text("old")
    write_graphml(G, path)
    assert path.read_text(encoding="utf-8").startswith("<?xml")


# --------------------------------------------------------------------------- properties


def test_xml_legal_text_removes_only_xml_illegal_characters() -> None:
    assert xml_legal_text("a\x00b\x07c\x1bd\ud800e\ufffef") == "abcdef"
    assert xml_legal_text("tab\tlf\ncr\r\u200f\U0001f600<&>") == "tab\tlf\ncr\r\u200f\U0001f600<&>"
    assert xml_legal_text(None) == ""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    labels=st.lists(ANY_TEXT, min_size=2, max_size=4),
    sentence=ANY_TEXT,
)
def test_arbitrary_unicode_yields_graphml_that_parses_and_reads_back(
    labels: list[str], sentence: str
) -> None:
    G = nx.MultiDiGraph()
    ids = [f"person:n{i}" for i in range(len(labels))]
    for nid, label in zip(ids, labels, strict=True):
        _add_node(G, nid, label, 1, aliases=[label, sentence])
    _add_co_mention(G, ids[0], ids[1], 1, sentence)
    _add_assertion(G, ids[1], ids[0], sentence, "states")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_graphml(G, Path(tmp) / "g.graphml")
        ET.parse(path)
        _xsd().validate(str(path))
        H = nx.read_graphml(path, force_multigraph=True)
        g = ig.Graph.Read_GraphML(str(path))
    assert g.vcount() == H.number_of_nodes() == len(labels)
    assert g.ecount() == H.number_of_edges() == 2
    for nid, label in zip(ids, labels, strict=True):
        assert H.nodes[nid]["label"] == (xml_legal_text(label) or nid)
        assert H.nodes[nid]["aliases"] == _joined([label, sentence])
    co = next(d for _, _, d in H.edges(data=True) if d["layer"] == CO_MENTION)
    sentences = [sentence] + [f"{sentence} ({i})" for i in (1, 2, 3)]
    parts = [p for p in (xml_legal_text(s).strip() for s in sentences) if p]
    assert co["evidence"] == " | ".join(parts[:3])
    said = next(d for _, _, d in H.edges(data=True) if d["layer"] == ASSERTION)
    assert said["verb"] == xml_legal_text(sentence)
    assert not math.isnan(float(g.vs[0]["mentions"]))


def test_claims_csv_cells_never_run_as_formulas():
    import csv
    import io

    from graph.export import CLAIM_COLUMNS, claims_csv

    claim = {
        "id": "c1",
        "speaker": '=HYPERLINK("http://x")',
        "quote": "+1 and more",
        "targets": ["@Evil", "Han Dong"],
        "verbs": ["say", "add"],
        "sentence": "-it was\x00 said",
    }
    out = io.StringIO()
    claims_csv([claim], out)
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == CLAIM_COLUMNS
    cells = dict(zip(header, row, strict=True))
    assert cells["speaker"].startswith("'=") and cells["quote"].startswith("'+")
    assert cells["targets"] == "'@Evil; Han Dong" and cells["verbs"] == "say; add"
    assert cells["sentence"] == "'-it was said"


def test_gexf_colours_are_the_html_legend():
    import re

    page = (Path(__file__).resolve().parents[2] / "viz" / "template" / "page.js").read_text(encoding="utf-8")
    legend = dict(re.findall(r'^\s+(\w+): \{ color: "#([0-9a-f]{6})"', page, flags=re.M))
    assert set(legend) >= set(TYPE_COLORS)
    for kind, rgb in TYPE_COLORS.items():
        assert rgb == tuple(int(legend[kind][i : i + 2], 16) for i in (0, 2, 4)), kind
