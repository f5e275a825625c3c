"""Two CSV tables, nodes and edges, for Gephi's spreadsheet importer or neo4j-admin import."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import IO, Literal

import networkx as nx

from graph.export.atomic import Writer, text_writer, write_atomically
from graph.export.records import EDGE_FIELDS, LIST_SEP, edge_records, neutralize_cell, node_ids, node_record
from graph.schema import CO_MENTION_LAYERS


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
    ids = node_ids(G)
    nodes: list[list[str | int]] = []
    edges: list[list[str | int]] = []
    if flavor == "gephi":
        node_header = ["Id", "Label", "type", "mentions", "documents", "aliases", "roles"]
        for node, attrs in G.nodes(data=True):
            nodes.append([ids[node], *node_record(node, attrs).values()])
        edge_header = ["Source", "Target", "Type", "Kind", "Id", "Label"]
        edge_header += [name for name, _ in EDGE_FIELDS[1:]]
        for eid, u, v, rec in edge_records(G):
            direction = "Undirected" if rec["layer"] in CO_MENTION_LAYERS else "Directed"
            edges.append([ids[u], ids[v], direction, rec["layer"], eid, *rec.values()])
        return node_header, nodes, edge_header, edges

    def arr(text: str | int) -> str:
        return str(text).replace(LIST_SEP, ";")

    node_header = ["id:ID", "label", "type", "mentions:int"]
    node_header += ["documents:string[]", "aliases:string[]", "roles:string[]", ":LABEL"]
    for node, attrs in G.nodes(data=True):
        rec = node_record(node, attrs)
        labels = ";".join(["Entity", str(rec["type"]).capitalize()] if rec["type"] else ["Entity"])
        lists = [arr(rec[name]) for name in ("documents", "aliases", "roles")]
        nodes.append([ids[node], rec["label"], rec["type"], rec["mentions"], *lists, labels])
    edge_header = [":START_ID", ":END_ID", ":TYPE", "id", "layer", "weight:float"]
    edge_header += ["documents:string[]", "outlets:string[]", "corroboration:int"]
    edge_header += ["verb", "stance", "evidence"]
    for eid, u, v, rec in edge_records(G):
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

        return text_writer(write)

    written = write_atomically(
        [(nodes_path, table(node_header, nodes)), (edges_path, table(edge_header, edges))]
    )
    return written[0], written[1]
