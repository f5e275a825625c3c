"""The graph written to files other tools read: GraphML, GEXF, node-link JSON, CSV tables, claims CSV."""

from graph.export.formats import (
    CLAIM_COLUMNS,
    DEFAULT_COLOR,
    EDGE_FIELDS,
    FORMATS,
    NODE_FIELDS,
    TYPE_COLORS,
    claims_csv,
    export_graph,
    neutralize_cell,
    write_claims_csv,
    write_csv,
    write_gexf,
    write_graphml,
    write_node_link_json,
    xml_legal_text,
)

__all__ = [
    "CLAIM_COLUMNS",
    "DEFAULT_COLOR",
    "EDGE_FIELDS",
    "FORMATS",
    "NODE_FIELDS",
    "TYPE_COLORS",
    "claims_csv",
    "export_graph",
    "neutralize_cell",
    "write_claims_csv",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_node_link_json",
    "xml_legal_text",
]
