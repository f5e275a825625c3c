"""networkx node-link JSON: every attribute kept, lists as lists, full evidence."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graph.export.atomic import text_writer, write_atomically
from graph.export.records import xml_legal_text


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

    return write_atomically([(Path(path), text_writer(write))])[0]
