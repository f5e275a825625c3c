"""The graph written to files other tools read: one module per format, one atomic writer.

``records``: the graph flattened to typed scalar records with clean text and safe ids;
``graphml``, ``gexf``, ``node_link`` (JSON), ``csv_tables`` and ``claims`` (claims CSV): one
format each; ``formats``: :func:`export_graph`, by format name; ``atomic``: the one atomic
file writer, which the HTML page (:mod:`viz`) writes through too.
"""

from graph.export.atomic import Writer, text_file, text_writer, write_atomically
from graph.export.claims import CLAIM_COLUMNS, claims_csv, write_claims_csv
from graph.export.csv_tables import write_csv
from graph.export.formats import FORMATS, export_graph
from graph.export.gexf import write_gexf
from graph.export.graphml import write_graphml
from graph.export.node_link import write_node_link_json
from graph.export.records import (
    DEFAULT_COLOR,
    EDGE_FIELDS,
    EVIDENCE_MAX_CHARS,
    NODE_FIELDS,
    TYPE_COLORS,
    neutralize_cell,
    xml_legal_text,
)

__all__ = [
    "CLAIM_COLUMNS",
    "DEFAULT_COLOR",
    "EDGE_FIELDS",
    "EVIDENCE_MAX_CHARS",
    "FORMATS",
    "NODE_FIELDS",
    "TYPE_COLORS",
    "Writer",
    "claims_csv",
    "export_graph",
    "neutralize_cell",
    "text_file",
    "text_writer",
    "write_atomically",
    "write_claims_csv",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_node_link_json",
    "xml_legal_text",
]
