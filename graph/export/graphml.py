"""GraphML for Gephi, yEd, networkx and igraph (see :mod:`graph.export.formats` for the decisions)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import networkx as nx

from graph.export.atomic import text_writer, write_atomically
from graph.export.records import EDGE_FIELDS, NODE_FIELDS, Record, edge_records, node_ids, node_record

_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def _xml_text(text: str) -> str:
    """Escape clean text for XML element content (CR kept as a character reference)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _graphml_lines(G: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the lines of a GraphML document for ``G``."""
    ids = node_ids(G)
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
        yield from data("n", node_record(node, attrs))
        yield "    </node>\n"
    for eid, u, v, record in edge_records(G):
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

    return write_atomically([(Path(path), text_writer(write))])[0]
