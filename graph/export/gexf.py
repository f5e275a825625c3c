"""GEXF 1.2draft, nodes coloured by entity type (see :mod:`graph.export.formats`)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO

import networkx as nx

from graph.export.atomic import write_atomically
from graph.export.records import DEFAULT_COLOR, TYPE_COLORS, edge_records, node_ids, node_record


def _gexf_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a flat copy of ``G`` for GEXF: scalar attributes, viz colours, edge ids."""
    ids = node_ids(G)
    H = nx.MultiDiGraph()
    for node, attrs in G.nodes(data=True):
        record = node_record(node, attrs)
        r, g, b = TYPE_COLORS.get(str(record["type"]), DEFAULT_COLOR)
        H.add_node(ids[node], **record, viz={"color": {"r": r, "g": g, "b": b, "a": 1.0}})
    for eid, u, v, record in edge_records(G):
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

    return write_atomically([(Path(path), write)])[0]


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
