"""Writing the graph out: ``html`` (the offline explorer) and ``export`` (files for other tools)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from linkchart.choices import DRAWN_LAYER_CHOICES, Forgiving, drawn_layer
from linkchart.cli.common import load_graph, open_store, require_dir
from linkchart.cli.errors import Failure, handle_errors
from linkchart.cli.options import db_option
from linkchart.drawing import select_drawing, write_drawing
from linkchart.records import claim_records


@click.command()
@click.argument("out", default="linkchart.html", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--title", default="linkchart", show_default=True, help="Page title.")
@click.option("--focus", help="Draw only the neighbourhood of this entity.")
@click.option(
    "--depth", default=1, show_default=True, type=click.IntRange(1, 10), help="Links out from --focus."
)
@click.option(
    "--layer",
    type=Forgiving(DRAWN_LAYER_CHOICES),
    default="both",
    show_default=True,
    help="both (co-mention and assertion), one of them, or also the weaker windows "
    "(paragraph, document: drawn thin and dashed).",
)
@click.option("--min-weight", default=1, show_default=True, type=click.IntRange(1), help="Hide weaker links.")
@click.option("--max-nodes", type=click.IntRange(1), help="Keep only the N most connected entities.")
@click.option("--path", "path_ends", nargs=2, metavar="A B", help="Highlight the shortest path from A to B.")
@click.option(
    "--live-layout",
    is_flag=True,
    help="Lay the chart out in the browser (physics) instead of drawing the layout computed here.",
)
@handle_errors
def html(
    out: Path,
    db: Path,
    title: str,
    focus: str | None,
    depth: int,
    layer: str,
    min_weight: int,
    max_nodes: int | None,
    path_ends: tuple[str, str] | None,
    live_layout: bool,
) -> None:
    """Write the offline HTML explorer (one self-contained file).

    Colour and shape by entity type, assertions as coloured arrows; search,
    filter by type, layer and source; click to highlight a neighbourhood;
    hover a link to read its evidence. The layout is computed once here
    (seeded: the same store gives the same page) and drawn fixed.

    \b
    Examples:
      linkchart html case.html
      linkchart html --focus "Han Dong" --depth 2
      linkchart html --path "Han Dong" "Meng Wanzhou"
      linkchart html --layer assertion --max-nodes 300
    """
    require_dir(out)
    page = draw_page(
        db,
        out,
        title,
        live_layout=live_layout,
        focus=focus,
        depth=depth,
        layer=drawn_layer(layer),  # the command's "both" is the library's "any"
        min_weight=min_weight,
        max_nodes=max_nodes,
        path_ends=path_ends,
    )
    click.echo(page)


def draw_page(db: Path, out: Path, title: str, *, live_layout: bool = False, **choices: Any) -> str:
    """Draw the store's graph into the page ``out`` (``choices``: what to draw, as
    :func:`~linkchart.drawing.select_drawing` takes them); returns what was written."""
    from graph.query import TooLargeToDraw

    with open_store(db) as store:
        try:
            drawing = select_drawing(store, **choices)
        except TooLargeToDraw as error:  # bad input (exit 2), not an internal error
            raise Failure(str(error)) from error
    write_drawing(drawing, out, title=title, store=str(db), live_layout=live_layout)
    H = drawing.graph
    return f"wrote {out} ({H.number_of_nodes()} entities, {H.number_of_edges()} links)"  # as typed


EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "claims-csv")


@click.command()
@click.argument("fmt", metavar="FORMAT", type=Forgiving(EXPORT_FORMATS))
@click.argument("out", type=click.Path(path_type=Path))
@db_option
@handle_errors
def export(fmt: str, out: Path, db: Path) -> None:
    """Export the graph: graphml (Gephi), gexf, json (node-link), csv, or the claims (claims-csv).

    \b
    Examples:
      linkchart export graphml case.graphml
      linkchart export csv out/          # out/nodes.csv + out/edges.csv
      linkchart export claims-csv claims.csv
    """
    if fmt.lower() == "claims-csv":
        from graph.export import write_claims_csv

        require_dir(out)
        with open_store(db) as store:
            records = claim_records(store)
        click.echo(f"wrote {write_claims_csv(records, out)}")
        return
    require_dir(out, folder=fmt.lower() == "csv" and out.suffix.lower() != ".csv")
    G = load_graph(db)
    from graph.export import export_graph

    for written in export_graph(G, fmt.lower(), out):
        click.echo(f"wrote {written}")
