"""Writing the graph out: ``html`` (the offline explorer) and ``export`` (files for other tools)."""

from __future__ import annotations

from pathlib import Path

import click

from graph.query import RING_LIMIT, RING_PER_ENTITY, find_paths, next_ring, resolve_name, select_from_store
from graph.schema import DRAWN_LAYER_CHOICES
from graph.store import Store
from linkchart.choices import Forgiving
from linkchart.cli.common import load_graph, open_store, require_dir
from linkchart.cli.errors import Failure, handle_errors
from linkchart.cli.options import db_option
from linkchart.records import claim_records
from linkchart.text import plural


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
    click.echo(draw_page(db, out, title, focus, depth, layer, min_weight, max_nodes, path_ends, live_layout))


def draw_page(
    db: Path,
    out: Path,
    title: str,
    focus: str | None = None,
    depth: int = 1,
    layer: str = "both",
    min_weight: int = 1,
    max_nodes: int | None = None,
    path_ends: tuple[str, str] | None = None,
    live_layout: bool = False,
) -> str:
    """Select what to draw from the store, write the HTML explorer; returns what was written."""
    from graph.subgraph import EVIDENCE_DRAWN, TooLargeToDraw

    options = {"layer": layer, "min_link_weight": min_weight, "max_nodes": max_nodes}
    options["evidence"] = EVIDENCE_DRAWN  # what the page holds of each link's evidence
    with open_store(db) as store:
        center = resolve_name(store, focus) if focus else None
        highlight = None
        if path_ends:
            u, v = resolve_name(store, path_ends[0]), resolve_name(store, path_ends[1])
            hops = find_paths(store, u, v, layer="any" if layer == "both" else layer, evidence=0)[0][0]
            highlight = [hops[0].source, *(h.target for h in hops)]
        try:  # on a big store, read only what the drawing needs, or refuse before reading it all
            H = select_from_store(store, focus=center, depth=depth, keep=highlight or (), **options)
        except TooLargeToDraw as error:
            raise Failure(str(error)) from error
        ring, cut = None, _cut_reasons(store, H, center, depth, min_weight, max_nodes)
        if cut:  # the next ring of entities, hidden in the page until asked for
            ring, counts = next_ring(store, H.nodes, layer=layer)
            cut = {"reasons": cut, **counts, "per_entity": RING_PER_ENTITY, "limit": RING_LIMIT}
    from graph.layout import chart_layout
    from viz import render_html

    layout = chart_layout(H, positions=not live_layout)  # once, here: the page draws it fixed
    render_html(
        H,
        out,
        title=title,
        highlight_path=highlight,
        physics=live_layout,
        store=str(db),
        layout=layout,
        ring=ring,
        cut=cut,
        focus=center,
    )
    return f"wrote {out} ({H.number_of_nodes()} entities, {H.number_of_edges()} links)"  # as typed


def _cut_reasons(
    store: Store, H, center: str | None, depth: int, min_weight: int, max_nodes: int | None
) -> list[str]:
    """Why a drawing does not show the whole graph, one sentence per option that cut it."""
    reasons = []
    if center is not None:
        name = store.labels_of([center]).get(center, center)
        reasons.append(f"only the neighbourhood of {name}, {plural(depth, 'link')} out (--focus, --depth)")
    if max_nodes is not None and H.number_of_nodes() >= max_nodes:
        reasons.append(f"only the {max_nodes:,} most connected entities (--max-nodes)")
    if min_weight > 1:
        reasons.append(f"only links backed by at least {min_weight} sentences or statements (--min-weight)")
    return reasons


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
