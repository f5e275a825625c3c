"""Render a linkchart graph as one self-contained, offline, interactive HTML page.

The page is ``template/page.html`` with its CSS, the vis-network library that ships inside
pyvis, our ``page.js`` and the graph as JSON, all inlined. Article text is untrusted: it only
enters the page inside a ``<script type="application/json">`` block with ``<``, ``>``, ``&``,
U+2028 and U+2029 escaped, and the page script only ever shows it through ``textContent``.
A Content-Security-Policy allows exactly the page's two scripts (by hash) and no network.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import math
import os
import re
from collections.abc import Hashable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis

from graph.export import text_file, write_atomically
from graph.query import EVIDENCE_DRAWN, ChartLayout, chart_layout

__all__ = ["render_html"]

NODE_KEYS = ("label", "type", "aliases", "mentions", "documents", "roles", "corrected")
EDGE_KEYS = (
    "weight",
    "documents",
    "outlets",
    "corroboration",
    "evidence",
    "verb",
    "stance",
    "verbs",
    "stances",
    "quotes",
)
# Escapes that keep JSON inert inside a <script> element and valid as JavaScript.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
_PLACEHOLDER = re.compile(r"@@LC_([A-Z]+)@@")


def render_html(
    G: nx.MultiDiGraph,
    out_path: str | os.PathLike[str],
    *,
    title: str = "linkchart",
    highlight_path: list[str] | None = None,
    physics: bool = True,
    max_evidence: int | None = EVIDENCE_DRAWN,
    store: str | None = None,
    layout: ChartLayout | None = None,
    ring: nx.MultiDiGraph | None = None,
    cut: Mapping[str, Any] | None = None,
    focus: Hashable | None = None,
) -> Path:
    """Write ``G`` as a single offline HTML page and return its path.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph (see :mod:`graph.schema`). It is not modified.
    out_path : str or os.PathLike
        Where to write. Parent folders are created; an existing file is replaced atomically.
    title : str, default "linkchart"
        Page title and heading (shown as text).
    highlight_path : list of str, optional
        Node ids of a path to emphasise; the edges between consecutive ids are emphasised too.
    physics : bool, default True
        Lay the chart out in the browser (stabilise, then freeze). If False, the page draws
        the fixed positions of ``layout`` and the browser does no physics (what
        ``linkchart html`` does unless ``--live-layout``).
    max_evidence : int or None, default :data:`graph.query.drawing.EVIDENCE_DRAWN`
        Pieces of evidence per link carried by the page (the first, in document
        order); the page says how many more documents back the link. None: all.
    store : str, optional
        The store the graph came from: the entity panel's "copy fix command" buttons name it
        (``--db``) unless it is the default ``linkchart.db``.
    layout : graph.query.layout.ChartLayout, optional
        Positions, importance and communities; computed with
        :func:`graph.query.layout.chart_layout` when not given.
    ring : networkx.MultiDiGraph, optional
        Entities one link beyond ``G`` and their links (:func:`graph.query.selection.next_ring`):
        carried hidden, a double-click on an entity shows its own.
    cut : mapping, optional
        Why and how the drawing was narrowed (``reasons``, a list of sentences, and the
        counts of :func:`graph.query.selection.next_ring`): the page says what is not shown.
    focus : node id, optional
        The entity the page opens on (selected, its panel open): ``--focus``.

    Returns
    -------
    pathlib.Path
        The absolute path written.

    Raises
    ------
    networkx.NodeNotFound
        If ``highlight_path`` or ``focus`` names a node that is not in ``G``.
    ValueError
        If two node ids have the same string form (e.g. ``1`` and ``"1"``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("person:a", label="A", type="person", mentions=1)
    >>> render_html(G, tmp / "chart.html", title="Demo").name  # doctest: +SKIP
    'chart.html'
    """
    payload = graph_payload(
        G,
        title=title,
        highlight_path=highlight_path,
        physics=physics,
        max_evidence=max_evidence,
        layout=layout,
        ring=ring,
    )
    payload["store"] = str(store or "")
    if cut:
        payload["cut"] = _plain(dict(cut))
    if focus is not None:
        if focus not in G:
            raise nx.NodeNotFound(f"focus names {focus!r}, which is not in the graph")
        payload["focus"] = str(focus)
    return _write_atomic(Path(out_path), page_html(payload))


def graph_payload(
    G: nx.MultiDiGraph,
    *,
    title: str = "linkchart",
    highlight_path: list[str] | None = None,
    physics: bool = True,
    max_evidence: int | None = EVIDENCE_DRAWN,
    layout: ChartLayout | None = None,
    ring: nx.MultiDiGraph | None = None,
) -> dict[str, Any]:
    """Return the JSON-ready data the page draws: nodes, edges, documents, highlight.

    Nodes carry ``importance`` (corroboration-weighted degree) and ``community`` (the
    index of their Louvain community, largest first; -1 for an isolated entity), and
    ``x``/``y`` unless ``physics`` (the browser lays the chart out then). Entities and links
    of ``ring`` that ``G`` does not have follow, marked ``ring`` (hidden until asked for).

    An edge whose evidence is cut to ``max_evidence`` pieces (or was read from the
    store cut) carries ``evidence_more_documents``: documents backing it whose
    evidence the page does not hold.
    """
    ids = {n: str(n) for n in G.nodes}
    if len(set(ids.values())) != len(ids):
        raise ValueError("two node ids have the same text form; give nodes distinct string ids")
    if layout is None:
        layout = chart_layout(G, positions=not physics)
    positions = {} if physics else layout.positions
    community = {n: i for i, members in enumerate(layout.communities) for n in members}
    nodes = []
    for n, data in G.nodes(data=True):
        item = {key: _plain(data[key]) for key in NODE_KEYS if key in data}
        item["id"] = ids[n]
        item.setdefault("label", ids[n])
        item["importance"] = round(float(layout.importance.get(n, 0.0)), 2)
        item["community"] = community.get(n, -1)
        if n in positions:
            item["x"], item["y"] = (float(c) for c in positions[n])
        nodes.append(item)
    edges = []
    for i, (u, v, key, data) in enumerate(G.edges(keys=True, data=True)):
        item = {k: _plain(data[k]) for k in EDGE_KEYS if k != "evidence" and k in data}
        if "evidence" in data:
            item.update(_evidence(data, max_evidence))
        item.update(id=f"e{i}", key=str(key), layer=str(data.get("layer", key)))
        item.update({"from": ids[u], "to": ids[v]})
        edges.append(item)
    if ring is not None:
        _add_ring(G, ring, nodes, edges, max_evidence)
    return {
        "title": str(title),
        "physics": bool(physics),
        "nodes": nodes,
        "edges": edges,
        "documents": _plain(G.graph.get("documents") or {}),
        "highlight": _highlight(G, highlight_path, edges, ids),
        "communities": len(layout.communities),
    }


def _add_ring(
    G: nx.MultiDiGraph,
    ring: nx.MultiDiGraph,
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    max_evidence: int | None,
) -> None:
    """Append the entities and links of ``ring`` that ``G`` lacks, marked ``ring``."""
    from graph.query import corroboration_degree

    degree = corroboration_degree(ring)
    for n, data in ring.nodes(data=True):
        if n in G:
            continue
        item = {key: _plain(data[key]) for key in NODE_KEYS if key in data}
        item.update(id=str(n), ring=True, importance=round(degree.get(n, 0.0), 2), community=-1)
        item.setdefault("label", str(n))
        nodes.append(item)
    for u, v, key, data in ring.edges(keys=True, data=True):
        if (u in G and v in G) or u == v:
            continue
        item = {k: _plain(data[k]) for k in EDGE_KEYS if k != "evidence" and k in data}
        if "evidence" in data:
            item.update(_evidence(data, max_evidence))
        item.update(id=f"e{len(edges)}", key=str(key), layer=str(data.get("layer", key)), ring=True)
        item.update({"from": str(u), "to": str(v)})
        edges.append(item)


def _evidence(data: Mapping[str, Any], most: int | None) -> dict[str, Any]:
    """An edge's ``evidence`` for the page (at most ``most`` pieces) and how many documents
    backing it are left out."""
    shown = list(data["evidence"])[:most]
    item: dict[str, Any] = {"evidence": _plain(shown)}
    documents = data.get("documents")
    if isinstance(documents, list | tuple | set | frozenset):
        more = len(set(documents) - {e.get("document") for e in shown if isinstance(e, Mapping)})
        if more:
            item["evidence_more_documents"] = more
    return item


#: Edge attributes the page reads beyond the columns of :func:`compact_payload`'s rows.
EDGE_EXTRAS = ("verb", "stance", "verbs", "stances", "evidence_more_documents", "ring")


def compact_payload(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Return the page's form of a :func:`graph_payload` result: every text once.

    A sentence that names five entities is evidence for ten links: the page stores it once
    in ``texts`` and each piece of evidence refers to it by index, as links refer to their
    ends, layers, outlets and documents (``docs``). Coordinates are whole canvas units.
    ``page.js`` expands it back (:func:`expand_payload` is the same in Python).

    Edge rows: ``[from, to, layer, weight, corroboration, outlets, documents, evidence,
    extras]``; a piece of evidence is ``[document, sentence, quote]`` (-1: none), with a
    fourth item when its title or outlet differ from its document's, or a bare text index.
    """
    texts: list[str] = []
    seen: dict[str, int] = {}

    def ref(value: Any) -> int:
        if value is None:
            return -1
        text = str(value)
        if text not in seen:
            seen[text] = len(texts)
            texts.append(text)
        return seen[text]

    documents = dict(payload.get("documents") or {})
    docs = list(documents)
    doc_at = {d: i for i, d in enumerate(docs)}

    def doc(value: Any) -> int:
        key = str(value)
        if key not in doc_at:
            doc_at[key] = len(docs)
            docs.append(key)
        return doc_at[key]

    nodes = []
    node_at: dict[str, int] = {}
    for i, node in enumerate(payload.get("nodes") or []):
        item = dict(node)
        node_at[item["id"]] = i
        if isinstance(item.get("documents"), list):
            item["documents"] = [doc(d) for d in item["documents"]]
        for axis in ("x", "y"):
            if axis in item:
                item[axis] = round(item[axis])
        if isinstance(item.get("importance"), float) and item["importance"].is_integer():
            item["importance"] = int(item["importance"])
        nodes.append(item)
    edges = []
    for edge in payload.get("edges") or []:
        evidence = []
        for piece in edge.get("evidence") or []:
            if not isinstance(piece, Mapping):
                evidence.append(ref(piece))
                continue
            d = doc(piece.get("document"))
            row: list[Any] = [d, ref(piece.get("sentence")), ref(piece.get("quote"))]
            meta = documents.get(docs[d]) or {}
            own = {k: piece[k] for k in ("title", "outlet") if piece.get(k) not in (None, meta.get(k))}
            if own:
                row.append(own)
            evidence.append(row)
        extras = {k: edge[k] for k in EDGE_EXTRAS if k in edge}
        if edge.get("key") not in (None, edge.get("layer")):
            extras["key"] = edge["key"]
        weight = edge.get("weight")
        edges.append(
            [
                node_at[edge["from"]],
                node_at[edge["to"]],
                ref(edge.get("layer")),
                round(weight, 3) if isinstance(weight, float) else weight,
                edge.get("corroboration"),
                [ref(o) for o in edge.get("outlets") or []],
                [doc(d) for d in edge.get("documents") or []],
                evidence,
                extras,
            ]
        )
    rest = {k: v for k, v in payload.items() if k not in ("nodes", "edges", "documents")}
    return {
        **rest,
        "format": 2,
        "documents": documents,
        "docs": docs,
        "texts": texts,
        "nodes": nodes,
        "edges": edges,
    }


def expand_payload(page: Mapping[str, Any]) -> dict[str, Any]:
    """Return the nodes, edges and evidence of a :func:`compact_payload` result in full, as
    the page script reads them (what the page shows; the edges' ``quotes`` lists are left
    out, their quotes are in the evidence)."""
    texts, docs, documents = page["texts"], page["docs"], page["documents"]

    def text(i: int) -> str | None:
        return None if i < 0 else texts[i]

    nodes = []
    for node in page["nodes"]:
        item = dict(node)
        if isinstance(item.get("documents"), list):
            item["documents"] = [docs[d] for d in item["documents"]]
        nodes.append(item)
    edges = []
    for i, row in enumerate(page["edges"]):
        source, target, layer, weight, corroboration, outlets, documents_, evidence, extras = row
        pieces = []
        for piece in evidence:
            if isinstance(piece, int):
                pieces.append(texts[piece])
                continue
            meta = documents.get(docs[piece[0]]) or {}
            item = {"document": docs[piece[0]], "title": meta.get("title"), "outlet": meta.get("outlet")}
            item.update(piece[3] if len(piece) > 3 else {})
            item["sentence"], item["quote"] = text(piece[1]), text(piece[2])
            pieces.append({k: v for k, v in item.items() if v is not None})
        edge = {"id": f"e{i}", "from": nodes[source]["id"], "to": nodes[target]["id"], "layer": text(layer)}
        edge.update(key=extras.get("key", edge["layer"]), weight=weight, corroboration=corroboration)
        edge.update(outlets=[texts[o] for o in outlets], documents=[docs[d] for d in documents_])
        edge["evidence"] = pieces
        edge.update({k: v for k, v in extras.items() if k != "key"})
        edges.append({k: v for k, v in edge.items() if v is not None})
    return {**page, "nodes": nodes, "edges": edges}


def page_html(payload: Mapping[str, Any]) -> str:
    """Return the complete HTML page for a :func:`graph_payload` result."""
    vis_js, app_js = _vis_network_js(), _template_text("page.js")
    scripts = " ".join(f"'sha256-{_sha256(js)}'" for js in (vis_js, app_js))
    csp = (
        f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    parts = {
        "CSP": csp,
        "TITLE": html.escape(str(payload.get("title", "linkchart"))),
        "CSS": _template_text("page.css"),
        "DATA": script_json(compact_payload(payload)),
        "VIS": vis_js,
        "APP": app_js,
    }
    # One pass: inserted text is never scanned for placeholders again.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _template_text("page.html"))


def script_json(value: Any) -> str:
    """Serialise ``value`` as JSON that cannot end or break out of a ``<script>`` block."""
    text = json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def _plain(value: Any) -> Any:
    """Convert attribute values to JSON types (sets sorted, numpy scalars unwrapped)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=str)
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return _plain(value.item())
    return str(value)


def _highlight(
    G: nx.MultiDiGraph,
    path: list[str] | None,
    edges: list[dict[str, Any]],
    ids: Mapping[Hashable, str],
) -> dict[str, list[str]]:
    """Return the node ids of ``path`` and the ids of edges joining consecutive nodes."""
    if not path:
        return {"nodes": [], "edges": []}
    for node in path:
        if node not in G:
            raise nx.NodeNotFound(f"highlight_path names {node!r}, which is not in the graph")
    steps = {frozenset((ids[a], ids[b])) for a, b in itertools.pairwise(path)}
    on_path = [e["id"] for e in edges if frozenset((e["from"], e["to"])) in steps]
    return {"nodes": [ids[n] for n in path], "edges": on_path}


def _sha256(text: str) -> str:
    """Return the base64 SHA-256 of ``text`` as a CSP source expects."""
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _template_text(name: str) -> str:
    """Return a file from ``viz/template``."""
    return resources.files(__package__).joinpath("template", name).read_text(encoding="utf-8")


@cache
def _vis_network_js() -> str:
    """Return the newest vis-network standalone build that ships inside pyvis."""
    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    builds = sorted(
        lib.glob("vis-*/vis-network.min.js"),
        key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)),
    )
    if not builds:
        raise FileNotFoundError(f"no vis-network build found under {lib}; reinstall pyvis")
    js = builds[-1].read_text(encoding="utf-8")
    if "</script" in js.lower() or "<!--" in js:
        raise ValueError(f"{builds[-1]} cannot be inlined in a <script> element")
    return js


def _write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (:func:`graph.export.write_atomically`), its folder
    created when missing, readable by all."""
    return write_atomically([(path.absolute(), text_file(text))], make_parents=True, mode=0o644)[0]
