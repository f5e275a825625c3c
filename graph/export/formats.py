"""Write a linkchart graph to GraphML, GEXF, node-link JSON or CSV.

The graph shape is described in :mod:`graph.schema`. Every writer is atomic: it writes a
temporary file next to the target and ``os.replace``-s it into place, so an existing export
is never left half-written (the CSV pair is replaced together, after both files are
written). A missing output directory raises :class:`FileNotFoundError`; none is created.

Decisions
---------
* **One directed graph, both layers.** GraphML and GEXF are written with
  ``edgedefault="directed"`` and no per-edge ``directed`` attribute: ``networkx.read_graphml``
  rejects a ``directed="false"`` edge in a directed graph (and ``read_gexf`` an undirected
  edge), so a mixed file would not read back. Co-mention edges keep their stored direction
  (smaller id -> larger id) and are told apart by the ``layer`` attribute; only the CSV
  carries ``Type=Undirected`` for them, which Gephi's spreadsheet importer honours.
* **Flat, typed attributes.** GraphML, GEXF and CSV hold scalars only: lists are joined with
  ``"; "``, ``evidence`` becomes the first three sentences joined with ``" | "`` (cut to
  :data:`EVIDENCE_MAX_CHARS`), ``None`` becomes ``""`` (or ``0``; a missing ``weight`` is
  ``1``). Every node carries all of :data:`NODE_FIELDS` and every edge all of
  :data:`EDGE_FIELDS`, each with one type; co-mention edges get ``""`` for ``verb`` and
  ``stance``. Node-link JSON keeps lists and full evidence.
* **Clean text.** Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone
  surrogates, U+FFFE/U+FFFF) are removed from all text in every format; markup
  characters are escaped, never stripped.
* **Ids.** GraphML ids must be ``xs:NMTOKEN``: a node id that is not (never the case for
  ``"<type>:<slug>"`` ids) is replaced by ``n<index>``; GEXF and CSV use the same ids. Edges
  are ``e0 .. eN`` in edge order. Key ids are ``n_<name>``/``e_<name>`` (unique across node
  and edge keys, and never ``d3``/``d7``, which Gephi reads as yEd labels).
* **CSV.** ``write_csv`` takes an existing directory (-> ``nodes.csv``, ``edges.csv``) or a
  path ending in ``.csv`` used as a prefix (``out/run.csv`` -> ``out/run_nodes.csv``,
  ``out/run_edges.csv``). Text cells starting with ``= + - @``, tab or CR get a leading
  ``'`` (formula injection); numeric cells are left alone.

Gephi
-----
Open GraphML or GEXF with *File > Open*. Node ``label`` and edge ``label``/``weight`` become
Gephi's Label/Weight; the other attributes become columns. A co-mention and an assertion
edge running the same way between the same pair are parallel edges: in the import report
set the edge merge strategy to *Don't merge*, or Gephi merges them into one edge (summing
the weights by default). The GEXF file
colours nodes by type (:data:`TYPE_COLORS`). For the CSV pair use *File > Import
spreadsheet*, nodes table first, then edges (UTF-8); its ``Kind`` column keeps the layers
apart and ``Type`` makes co-mention edges undirected.

neo4j
-----
``write_csv(G, path, flavor="neo4j")`` writes headers for ``neo4j-admin database import
full --nodes=nodes.csv --relationships=edges.csv --array-delimiter=";"
--multiline-fields=true``: ``id:ID``, ``:LABEL`` (``Entity;<Type>``), ``:START_ID``,
``:END_ID``, ``:TYPE`` (``CO_MENTION``/``ASSERTION``, and the windows ``PARAGRAPH``/``DOCUMENT``),
``:int`` and ``:string[]`` columns.
Relationships are directed in neo4j; match co-mentions undirected, ``(a)-[:CO_MENTION]-(b)``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import uuid
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal

import networkx as nx

from graph.schema import ASSERTION, CO_MENTION_LAYERS

__all__ = [
    "DEFAULT_COLOR",
    "EDGE_FIELDS",
    "EVIDENCE_MAX_CHARS",
    "FORMATS",
    "NODE_FIELDS",
    "TYPE_COLORS",
    "export_graph",
    "neutralize_cell",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_node_link_json",
    "xml_legal_text",
]

FORMATS = ("graphml", "gexf", "json", "csv")

#: Entity type -> RGB node colour for GEXF: the HTML explorer's legend (``viz/template/page.js``,
#: tested to agree), so a graph looks the same in Gephi and in the page.
TYPE_COLORS: dict[str, tuple[int, int, int]] = {
    "person": (0x4E, 0x79, 0xA7),
    "agency": (0x59, 0xA1, 0x4F),
    "outlet": (0xD4, 0xA0, 0x17),
    "organization": (0xF2, 0x8E, 0x2B),
    "platform": (0xB0, 0x7A, 0xA1),
    "place": (0x9C, 0x75, 0x5F),
    "group": (0x17, 0xA2, 0xB8),
}
DEFAULT_COLOR = (0x8A, 0x8F, 0x98)

#: Exported node attributes and their one GraphML ``attr.type``.
NODE_FIELDS: tuple[tuple[str, str], ...] = (
    ("label", "string"),
    ("type", "string"),
    ("mentions", "int"),
    ("documents", "string"),
    ("aliases", "string"),
    ("roles", "string"),
)
#: Exported edge attributes and their one GraphML ``attr.type``.
EDGE_FIELDS: tuple[tuple[str, str], ...] = (
    ("label", "string"),
    ("layer", "string"),
    ("weight", "double"),
    ("documents", "string"),
    ("outlets", "string"),
    ("corroboration", "int"),
    ("verb", "string"),
    ("stance", "string"),
    ("evidence", "string"),
)

LIST_SEP = "; "
EVIDENCE_SEP = " | "
EVIDENCE_SENTENCES = 3
EVIDENCE_MAX_CHARS = 500

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NAME_START = (
    ":A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_XML_NMTOKEN = re.compile(f"[{_NAME_START}\\-.0-9\u00b7\u0300-\u036f\u203f\u2040]+")
_WORD_NMTOKEN = re.compile(r"[\w.\-:\u00b7\u0300-\u036f\u203f\u2040]+")  # what XSD tools test
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

Writer = Callable[[IO[bytes]], None]
Record = dict[str, str | int]


def xml_legal_text(value: object) -> str:
    """Return ``value`` as text without the characters XML 1.0 forbids.

    Parameters
    ----------
    value : object
        Anything; ``None`` gives ``""``, other objects go through ``str``.

    Returns
    -------
    str
        The text minus C0 controls other than tab/LF/CR, lone surrogates and U+FFFE/U+FFFF.
    """
    return "" if value is None else _XML_ILLEGAL.sub("", str(value))


def neutralize_cell(value: str | int) -> str | int:
    """Prefix a text cell that a spreadsheet would run as a formula with ``'``.

    Parameters
    ----------
    value : str or int
        A cell value; numbers pass through unchanged.

    Returns
    -------
    str or int
        ``"'" + value`` when text starts with ``= + - @``, tab or CR, else ``value``.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _as_float(value: Any, default: float) -> float:
    """Return ``value`` as a finite float, ``default`` when it is missing or not a number."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _as_int(value: Any, default: int) -> int:
    """Return ``value`` as an int, ``default`` when it is missing or not a number."""
    if isinstance(value, int):
        return int(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return int(number) if math.isfinite(number) else default


def _items(value: Any) -> list[str]:
    """Return a list-valued attribute as clean strings (a bare string is one item)."""
    if value is None:
        return []
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        value = [value]
    return [xml_legal_text(item) for item in value if item is not None]


def _evidence_summary(evidence: Any) -> str:
    """Return the first sentences of ``evidence`` joined by ``" | "`` and truncated."""
    if isinstance(evidence, Mapping):
        evidence = [evidence]
    items = evidence if isinstance(evidence, list | tuple) else _items(evidence)
    sentences = []
    for item in items:
        text = xml_legal_text(item.get("sentence") if isinstance(item, Mapping) else item).strip()
        if text:
            sentences.append(text)
        if len(sentences) == EVIDENCE_SENTENCES:
            break
    summary = EVIDENCE_SEP.join(sentences)
    if len(summary) > EVIDENCE_MAX_CHARS:
        summary = summary[: EVIDENCE_MAX_CHARS - 1].rstrip() + "\u2026"
    return summary


def _node_record(node: Hashable, data: Mapping[str, Any]) -> Record:
    """Return a node's exported attributes: every :data:`NODE_FIELDS` name, scalars only."""
    return {
        "label": xml_legal_text(data.get("label")) or xml_legal_text(node),
        "type": xml_legal_text(data.get("type")),
        "mentions": _as_int(data.get("mentions"), 0),
        "documents": LIST_SEP.join(_items(data.get("documents"))),
        "aliases": LIST_SEP.join(_items(data.get("aliases"))),
        "roles": LIST_SEP.join(_items(data.get("roles"))),
    }


def _edge_record(key: Hashable, data: Mapping[str, Any]) -> Record:
    """Return an edge's exported attributes: every :data:`EDGE_FIELDS` name, scalars only."""
    layer = xml_legal_text(data.get("layer", key))
    documents = _items(data.get("documents"))
    return {
        "label": xml_legal_text(data.get("verb")) if layer == ASSERTION else "",  # what was said; none
        "layer": layer,
        "weight": _as_float(data.get("weight"), 1.0),
        "documents": LIST_SEP.join(documents),
        "outlets": LIST_SEP.join(_items(data.get("outlets"))),
        "corroboration": _as_int(data.get("corroboration"), len(set(documents))),
        "verb": xml_legal_text(data.get("verb")),
        "stance": xml_legal_text(data.get("stance")),
        "evidence": _evidence_summary(data.get("evidence")),
    }


def _is_nmtoken(text: str) -> bool:
    """Return whether ``text`` is an ``xs:NMTOKEN`` by XML 1.0 and by regex-based validators."""
    return bool(_XML_NMTOKEN.fullmatch(text) and _WORD_NMTOKEN.fullmatch(text))


def _node_ids(G: nx.MultiDiGraph) -> dict[Hashable, str]:
    """Map every node to a unique NMTOKEN id: its own id when valid, else ``n<index>``."""
    ids: dict[Hashable, str] = {}
    used: set[str] = set()
    for node in G:
        text = xml_legal_text(node)
        if _is_nmtoken(text) and text not in used:
            ids[node] = text
            used.add(text)
    for index, node in enumerate(G):
        if node not in ids:
            candidate, bump = f"n{index}", 0
            while candidate in used:
                bump += 1
                candidate = f"n{index}_{bump}"
            ids[node] = candidate
            used.add(candidate)
    return ids


def _edges(G: nx.MultiDiGraph) -> Iterator[tuple[str, Hashable, Hashable, Record]]:
    """Yield ``(edge id, source, target, record)`` for every edge, ids ``e0 .. eN``."""
    for index, (u, v, key, data) in enumerate(G.edges(keys=True, data=True)):
        yield f"e{index}", u, v, _edge_record(key, data)


def _check_dir(directory: Path) -> None:
    """Raise FileNotFoundError unless ``directory`` exists."""
    if not directory.is_dir():
        raise FileNotFoundError(f"output directory does not exist: {str(directory)!r} (create it first)")


def _atomic_write(targets: list[tuple[Path, Writer]]) -> list[Path]:
    """Write every target to a temporary sibling, then ``os.replace`` them all into place."""
    temps: list[Path] = []
    try:
        for path, write in targets:
            _check_dir(path.parent)
            if path.is_dir():
                raise IsADirectoryError(f"output path is a directory, not a file: {str(path)!r}")
            tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(tmp, flags, 0o666)  # umask applies, as for open()
            temps.append(tmp)
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, (path, _) in zip(temps, targets, strict=True):
            os.replace(tmp, path)
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    return [path for path, _ in targets]


def _text_writer(write_text: Callable[[IO[str]], None]) -> Writer:
    """Adapt a writer of UTF-8 text to a binary file handle."""

    def write(handle: IO[bytes]) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        write_text(text)
        text.flush()
        text.detach()

    return write


def _xml_text(text: str) -> str:
    """Escape clean text for XML element content (CR kept as a character reference)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _graphml_lines(G: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the lines of a GraphML document for ``G``."""
    ids = _node_ids(G)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<graphml xmlns="{_GRAPHML_NS}">\n'
    for prefix, scope, fields in (("n", "node", NODE_FIELDS), ("e", "edge", EDGE_FIELDS)):
        for name, kind in fields:
            yield (f'  <key id="{prefix}_{name}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>\n')
    yield '  <graph id="G" edgedefault="directed">\n'

    def data(prefix: str, record: Record) -> Iterator[str]:
        for name, value in record.items():
            text = str(value) if isinstance(value, int | float) else _xml_text(value)
            yield f'      <data key="{prefix}_{name}">{text}</data>\n'

    for node, attrs in G.nodes(data=True):
        yield f'    <node id="{ids[node]}">\n'
        yield from data("n", _node_record(node, attrs))
        yield "    </node>\n"
    for eid, u, v, record in _edges(G):
        yield f'    <edge id="{eid}" source="{ids[u]}" target="{ids[v]}">\n'
        yield from data("e", record)
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GraphML for Gephi, yEd, networkx and igraph.

    Both layers go in one directed graph, told apart by the edge attribute ``layer``
    (see the module notes). The file validates against the GraphML 1.0 XSD.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph.
    path : str or os.PathLike
        Output file; its directory must exist.

    Returns
    -------
    pathlib.Path
        The written file.
    """

    def write(handle: IO[str]) -> None:
        for line in _graphml_lines(G):
            handle.write(line)

    return _atomic_write([(Path(path), _text_writer(write))])[0]


def _gexf_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a flat copy of ``G`` for GEXF: scalar attributes, viz colours, edge ids."""
    ids = _node_ids(G)
    H = nx.MultiDiGraph()
    for node, attrs in G.nodes(data=True):
        record = _node_record(node, attrs)
        r, g, b = TYPE_COLORS.get(str(record["type"]), DEFAULT_COLOR)
        H.add_node(ids[node], **record, viz={"color": {"r": r, "g": g, "b": b, "a": 1.0}})
    for eid, u, v, record in _edges(G):
        H.add_edge(ids[u], ids[v], key=record["layer"], id=eid, **record)
    return H


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GEXF 1.2draft with nodes coloured by entity type.

    Attributes are flattened as for GraphML; colours come from :data:`TYPE_COLORS`.
    The ``networkx_key`` attribute networkx adds to multigraph edges is taken out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph.
    path : str or os.PathLike
        Output file; its directory must exist.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    H = _gexf_graph(G)

    def write(handle: IO[bytes]) -> None:
        buffer = io.BytesIO()
        nx.write_gexf(H, buffer, version="1.2draft")
        handle.write(_without_networkx_key(buffer.getvalue()))

    return _atomic_write([(Path(path), write)])[0]


def _without_networkx_key(gexf: bytes) -> bytes:
    """The GEXF networkx wrote, without the ``networkx_key`` attribute it adds to a
    multigraph's edges (the key is the layer, already an attribute of its own)."""
    from xml.etree import ElementTree

    ns = "http://www.gexf.net/1.2draft"
    ElementTree.register_namespace("", ns)
    root = ElementTree.fromstring(gexf)
    dropped = set()
    for attributes in root.iter(f"{{{ns}}}attributes"):
        for attribute in list(attributes):
            if attribute.get("title") == "networkx_key":
                dropped.add(attribute.get("id"))
                attributes.remove(attribute)
    for values in root.iter(f"{{{ns}}}attvalues"):
        for value in list(values):
            if value.get("for") in dropped:
                values.remove(value)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _json_safe(value: Any) -> Any:
    """Return ``value`` with clean strings, lists for tuples/sets and no NaN/inf."""
    if isinstance(value, str):
        return xml_legal_text(value)
    if isinstance(value, bool | int) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {xml_legal_text(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(item) for item in value]
    return xml_legal_text(value)


def write_node_link_json(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as networkx node-link JSON (``edges="edges"``), lists kept as lists.

    All attributes are kept, full evidence included; strings are cleaned like the XML
    formats and the ``/`` of ``</`` is escaped so the JSON can be inlined in HTML.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph.
    path : str or os.PathLike
        Output file; its directory must exist.

    Returns
    -------
    pathlib.Path
        The written UTF-8 file.
    """
    data = _json_safe(nx.node_link_data(G, edges="edges"))

    def write(handle: IO[str]) -> None:
        text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
        handle.write(text.replace("</", "<\\/") + "\n")

    return _atomic_write([(Path(path), _text_writer(write))])[0]


def _csv_paths(target: Path) -> tuple[Path, Path]:
    """Return the nodes and edges paths for a directory or a ``.csv`` prefix."""
    if target.suffix.lower() == ".csv":
        stem = target.name[: -len(target.suffix)]
        return target.with_name(f"{stem}_nodes.csv"), target.with_name(f"{stem}_edges.csv")
    if target.is_dir():
        return target / "nodes.csv", target / "edges.csv"
    if target.exists():
        raise NotADirectoryError(f"CSV output must be a directory or end in .csv: {str(target)!r}")
    raise FileNotFoundError(
        f"CSV output directory does not exist: {str(target)!r} "
        "(create it, or pass a path ending in .csv to use as a file-name prefix)"
    )


def _csv_tables(
    G: nx.MultiDiGraph, flavor: str
) -> tuple[list[str], list[list[str | int]], list[str], list[list[str | int]]]:
    """Return node and edge headers and rows for the Gephi or neo4j CSV flavour."""
    ids = _node_ids(G)
    nodes: list[list[str | int]] = []
    edges: list[list[str | int]] = []
    if flavor == "gephi":
        node_header = ["Id", "Label", "type", "mentions", "documents", "aliases", "roles"]
        for node, attrs in G.nodes(data=True):
            nodes.append([ids[node], *_node_record(node, attrs).values()])
        edge_header = ["Source", "Target", "Type", "Kind", "Id", "Label"]
        edge_header += [name for name, _ in EDGE_FIELDS[1:]]
        for eid, u, v, rec in _edges(G):
            direction = "Undirected" if rec["layer"] in CO_MENTION_LAYERS else "Directed"
            edges.append([ids[u], ids[v], direction, rec["layer"], eid, *rec.values()])
        return node_header, nodes, edge_header, edges

    def arr(text: str | int) -> str:
        return str(text).replace(LIST_SEP, ";")

    node_header = ["id:ID", "label", "type", "mentions:int"]
    node_header += ["documents:string[]", "aliases:string[]", "roles:string[]", ":LABEL"]
    for node, attrs in G.nodes(data=True):
        rec = _node_record(node, attrs)
        labels = ";".join(["Entity", str(rec["type"]).capitalize()] if rec["type"] else ["Entity"])
        lists = [arr(rec[name]) for name in ("documents", "aliases", "roles")]
        nodes.append([ids[node], rec["label"], rec["type"], rec["mentions"], *lists, labels])
    edge_header = [":START_ID", ":END_ID", ":TYPE", "id", "layer", "weight:float"]
    edge_header += ["documents:string[]", "outlets:string[]", "corroboration:int"]
    edge_header += ["verb", "stance", "evidence"]
    for eid, u, v, rec in _edges(G):
        rel = str(rec["layer"]).upper().replace("-", "_") or "RELATED"
        row = [ids[u], ids[v], rel, eid, rec["layer"], rec["weight"], arr(rec["documents"])]
        row += [arr(rec["outlets"]), rec["corroboration"], rec["verb"], rec["stance"]]
        edges.append([*row, rec["evidence"]])
    return node_header, nodes, edge_header, edges


def write_csv(
    G: nx.MultiDiGraph,
    target: str | os.PathLike[str],
    flavor: Literal["gephi", "neo4j"] = "gephi",
) -> tuple[Path, Path]:
    """Write ``G`` as a nodes CSV and an edges CSV.

    ``flavor="gephi"`` gives the columns Gephi's spreadsheet importer recognises
    (``Id``/``Label``; ``Source``/``Target``/``Type``/``Kind``/``Id``/``Label``);
    ``flavor="neo4j"`` gives ``neo4j-admin`` import headers (see the module notes).
    Text cells that would run as spreadsheet formulas are prefixed with ``'``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph.
    target : str or os.PathLike
        An existing directory (writes ``nodes.csv`` and ``edges.csv`` in it) or a path
        ending in ``.csv`` whose stem prefixes the names (``run.csv`` -> ``run_nodes.csv``,
        ``run_edges.csv``) in its existing directory.
    flavor : {"gephi", "neo4j"}
        Column layout.

    Returns
    -------
    tuple of pathlib.Path
        The nodes file and the edges file.
    """
    if flavor not in ("gephi", "neo4j"):
        raise ValueError(f"unknown CSV flavor {flavor!r}; expected 'gephi' or 'neo4j'")
    nodes_path, edges_path = _csv_paths(Path(target))
    node_header, nodes, edge_header, edges = _csv_tables(G, flavor)

    def table(header: list[str], rows: list[list[str | int]]) -> Writer:
        def write(handle: IO[str]) -> None:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows([neutralize_cell(cell) for cell in row] for row in rows)

        return _text_writer(write)

    written = _atomic_write(
        [(nodes_path, table(node_header, nodes)), (edges_path, table(edge_header, edges))]
    )
    return written[0], written[1]


#: Columns of the claims CSV, in order (the keys of ``linkchart claims --json`` records).
CLAIM_COLUMNS = (
    "id",
    "document",
    "title",
    "outlet",
    "speaker",
    "speaker_kind",
    "speaker_id",
    "verb",
    "verbs",
    "stance",
    "kind",
    "targets",
    "target_ids",
    "quote",
    "sentence",
)


def claims_csv(claims: list[Mapping[str, Any]], handle: IO[str]) -> None:
    """Write claim records (as ``linkchart claims --json`` gives them) as CSV for a fact-checking
    spreadsheet: one row per claim, lists joined with ``"; "``, every text cell cleaned and a
    cell a spreadsheet would run as a formula prefixed with ``'``."""
    writer = csv.writer(handle)
    writer.writerow(CLAIM_COLUMNS)
    for claim in claims:
        row = []
        for column in CLAIM_COLUMNS:
            value = claim.get(column)
            text = (
                "; ".join(xml_legal_text(v) for v in value)
                if isinstance(value, list | tuple)
                else xml_legal_text(value)
            )
            row.append(neutralize_cell(text))
        writer.writerow(row)


def write_claims_csv(claims: list[Mapping[str, Any]], path: str | os.PathLike[str]) -> Path:
    """Write :func:`claims_csv` to ``path`` atomically."""
    return _atomic_write([(Path(path), _text_writer(lambda handle: claims_csv(claims, handle)))])[0]


_WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], Path]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_node_link_json,
}


def export_graph(G: nx.MultiDiGraph, fmt: str, out_path: str | os.PathLike[str]) -> list[Path]:
    """Export ``G`` in one of :data:`FORMATS`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A linkchart graph.
    fmt : str
        ``"graphml"``, ``"gexf"``, ``"json"`` (node-link) or ``"csv"`` (Gephi flavour).
    out_path : str or os.PathLike
        The output file; for ``"csv"`` a directory or a ``.csv`` prefix (see
        :func:`write_csv`).

    Returns
    -------
    list of pathlib.Path
        The files written (two for CSV).

    Raises
    ------
    ValueError
        If ``fmt`` is not one of :data:`FORMATS`.
    FileNotFoundError
        If the output directory does not exist.
    """
    name = str(fmt).strip().lower()
    if name == "csv":
        return list(write_csv(G, out_path))
    if name not in _WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return [_WRITERS[name](G, Path(out_path))]
