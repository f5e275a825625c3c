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

import os
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from graph.export.csv_tables import write_csv
from graph.export.gexf import write_gexf
from graph.export.graphml import write_graphml
from graph.export.node_link import write_node_link_json

FORMATS = ("graphml", "gexf", "json", "csv")


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
