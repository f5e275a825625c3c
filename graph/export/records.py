"""The graph flattened for the export formats: typed scalar records, clean text, safe ids."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from graph.schema import ASSERTION

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


def node_record(node: Hashable, data: Mapping[str, Any]) -> Record:
    """Return a node's exported attributes: every :data:`NODE_FIELDS` name, scalars only."""
    return {
        "label": xml_legal_text(data.get("label")) or xml_legal_text(node),
        "type": xml_legal_text(data.get("type")),
        "mentions": _as_int(data.get("mentions"), 0),
        "documents": LIST_SEP.join(_items(data.get("documents"))),
        "aliases": LIST_SEP.join(_items(data.get("aliases"))),
        "roles": LIST_SEP.join(_items(data.get("roles"))),
    }


def edge_record(key: Hashable, data: Mapping[str, Any]) -> Record:
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


def node_ids(G: nx.MultiDiGraph) -> dict[Hashable, str]:
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


def edge_records(G: nx.MultiDiGraph) -> Iterator[tuple[str, Hashable, Hashable, Record]]:
    """Yield ``(edge id, source, target, record)`` for every edge, ids ``e0 .. eN``."""
    for index, (u, v, key, data) in enumerate(G.edges(keys=True, data=True)):
        yield f"e{index}", u, v, edge_record(key, data)
