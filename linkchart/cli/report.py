"""What the graph is made of: ``sources`` and ``stats``."""

from __future__ import annotations

from pathlib import Path

import click

from linkchart.cli.common import load_graph, open_store, print_json, snippet
from linkchart.cli.errors import handle_errors
from linkchart.cli.options import db_option, json_option
from linkchart.records import source_records
from linkchart.text import plural


@click.command()
@db_option
@json_option
@handle_errors
def sources(db: Path, as_json: bool) -> None:
    """Documents and outlets, with what each contributes to the graph.

    "sole" counts links that no other document (or outlet) backs: what you
    would lose without that source.

    \b
    Example:
      linkchart sources --json
    """
    G = load_graph(db, evidence=False)
    with open_store(db) as store:
        record = source_records(G, store.reads.claim_counts())
    if as_json:
        print_json(record)
        return
    documents, outlets = record["documents"], record["outlets"]
    click.echo("Outlets:")
    for o in outlets:
        click.echo(
            f"  {o['outlet']}: {plural(o['documents'], 'doc')}, {plural(o['links'], 'link')} "
            f"({o['sole_source_links']} sole)"
        )
    click.echo("Documents:")
    for d in documents:
        outlet = f" ({d['outlet']})" if d["outlet"] else ""
        unnamed = f", {d['unnamed_claims']} by unnamed sources" if d["unnamed_claims"] else ""
        click.echo(
            f"  {d['id']}{outlet}: {plural(d['entities'], 'entity', 'entities')}, "
            f"{plural(d['co_mentions'], 'co-mention link')}, {plural(d['assertions'], 'assertion link')} "
            f"({d['sole_source_links']} sole); {plural(d['claims'], 'claim')}{unnamed}"
        )
        click.echo(f"      {snippet(d['title'])}")


@click.command()
@db_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000))
@json_option
@handle_errors
def stats(db: Path, top: int, as_json: bool) -> None:
    """Counts, connected components and the most central entities.

    \b
    Example:
      linkchart stats --top 5
    """
    from graph.query import graph_statistics

    s = graph_statistics(load_graph(db, evidence=False), top=top)
    if as_json:
        print_json(s)
        return
    by_type = ", ".join(f"{n} {t}" for t, n in s["entities_by_type"].items())
    by_layer = ", ".join(f"{n} {layer}" for layer, n in s["links_by_layer"].items())
    click.echo(
        f"{s['documents']} documents; {s['entities']} entities ({by_type}); {s['links']} links ({by_layer})"
    )
    click.echo(
        f"{s['components']} connected components; the largest has {s['largest_component']} entities; "
        f"{s['isolated_entities']} isolated"
    )
    for title, key, style in (
        ("Most connected (neighbours; one met only in lists counts its share)", "by_degree", ".1f"),
        ("Most between (brokers on shortest paths)", "by_betweenness", "g"),
    ):
        click.echo(f"{title}:")
        for r in s[key]:
            click.echo(f"  {r['name']} [{r['type']}] {r['score']:{style}}")
