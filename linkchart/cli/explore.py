"""Reading the graph: ``entities``, ``claims``, ``path`` and ``neighbors``."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from graph.query import LinkFilter, find_outlet, find_paths, find_stored_entity, top_neighbours
from graph.schema import ENTITY_TYPES, HUB_TYPES, PATH_LAYER_CHOICES
from linkchart.choices import Forgiving
from linkchart.cli.common import open_store, print_json, snippet
from linkchart.cli.errors import Failure, handle_errors
from linkchart.cli.options import db_option, json_option, layer_option
from linkchart.records import (
    NEIGHBOUR_EVIDENCE,
    claim_records,
    entity_record,
    neighbour_record,
    paths_record,
)
from linkchart.text import plural


# -- entities -----------------------------------------------------------------------------
@click.command()
@db_option
@click.option(
    "--type",
    "kind",
    type=Forgiving(ENTITY_TYPES),
    help="Only this type (case and plurals forgiven: People, agencies).",
)
@click.option("--limit", type=click.IntRange(1), help="Show at most this many.")
@json_option
@handle_errors
def entities(db: Path, kind: str | None, limit: int | None, as_json: bool) -> None:
    """List entities, most mentioned first.

    \b
    Examples:
      linkchart entities --type person
      linkchart entities --json | jq '.[0]'
    """
    with open_store(db) as store:
        rows = [entity_record(n, d) for n, d in store.reads.entity_rows(kind, limit)]
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo(f"no entities{f' of type {kind}' if kind else ''}")
    for r in rows:
        aliases = f"  aka {', '.join(r['aliases'][:6])}" if r["aliases"] else ""
        fixed = f"  (corrected: {', '.join(r['corrected'])})" if r["corrected"] else ""
        counts = f"{plural(r['mentions'], 'mention')} in {plural(len(r['documents']), 'doc')}"
        click.echo(f"{r['name']} [{r['type']}] {counts}{aliases}{fixed}")


# -- claims -------------------------------------------------------------------------------
@click.command()
@db_option
@click.option("--speaker", help="Only claims by this entity.")
@click.option("--about", help="Only claims that mention this entity.")
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (formula-safe cells) for a spreadsheet.")
@handle_errors
def claims(db: Path, speaker: str | None, about: str | None, as_json: bool, as_csv: bool) -> None:
    """List who said, claimed, reported or denied what, about whom.

    \b
    Examples:
      linkchart claims --speaker "Han Dong"
      linkchart claims --about CSIS --json
      linkchart claims --csv > claims.csv      # for a fact-checking spreadsheet
    """
    if as_json and as_csv:
        raise Failure("choose --json or --csv")
    with open_store(db) as store:  # reads only the matching claims and their entities' labels
        out = claim_records(store, speaker, about)
    if as_json:
        print_json(out)
        return
    if as_csv:
        from graph.export import claims_csv

        claims_csv(out, sys.stdout)
        return
    if not out:
        said = f" by {speaker}" if speaker else ""
        click.echo(f"no claims{said}{f' about {about}' if about else ''}")
    for c in out:
        about_text = f" about {', '.join(c['targets'])}" if c["targets"] else ""
        who = c["speaker"] if c["speaker_kind"] == "named" else f"[{c['speaker_kind']}] {c['speaker']}"
        click.echo(f"{who} ({c['stance']}: {c['verb']}){about_text}")
        click.echo(f"    {snippet(c['quote'])}")
        outlet = f" ({c['outlet']})" if c["outlet"] else ""
        click.echo(f"    — {c['title']}{outlet} [{c['document']}] claim {c['id']}")


# -- path ---------------------------------------------------------------------------------
def _quoted(text: str) -> str:
    text = snippet(text)
    return text if text[:1] in "“\"‘'" else f"“{text}”"


def _evidence_text(e: Mapping[str, Any]) -> str:
    """How a piece of evidence is printed: the quote, the sentence, or a window's two
    sentences each shortened on its own (so the second one shows)."""
    if e.get("quote"):
        return _quoted(e["quote"])
    if len(set(e.get("sentences") or ())) == 2 and " … " in e["sentence"]:
        return " … ".join(_quoted(part) for part in e["sentence"].split(" … ", 1))
    return _quoted(e["sentence"])


@click.command()
@click.argument("source")
@click.argument("target")
@db_option
@click.option(
    "--layer",
    type=Forgiving(PATH_LAYER_CHOICES),
    default="any",
    show_default=True,
    help="Which links to use: any (co-mention and assertion), one of them, or also the weaker "
    "windows: paragraph (named in one paragraph) or document (in one article).",
)
@click.option(
    "--k",
    "k",
    default=1,
    show_default=True,
    type=click.IntRange(1, 100),
    help="Up to k paths; with --rank specific each avoids the stepping stones of those before it.",
)
@click.option("--all", "all_shortest", is_flag=True, help="Every fewest-hop path.")
@click.option(
    "--rank",
    type=Forgiving(["specific", "hops"]),
    default="specific",
    show_default=True,
    help="specific: prefer stepping stones specific to the two ends (see above); hops: fewest hops.",
)
@click.option("--avoid", "avoid", multiple=True, metavar="NAME", help="Never step through NAME (repeatable).")
@click.option(
    "--avoid-hubs",
    is_flag=True,
    help="Never step through the best-connected entities (the top 1%, at least 3).",
)
@click.option(
    "--min-sources",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Links backed by ≥ N documents.",
)
@click.option("--via-outlet", help="Only links reported by this outlet.")
@click.option("--exclude-outlet", help="Skip links reported only by this outlet.")
@click.option("--max-hops", type=click.IntRange(1), help="Longest path accepted.")
@click.option(
    "--through-places", is_flag=True, help="Allow paths to pass through places (countries, cities)."
)
@click.option(
    "--evidence",
    "n_evidence",
    default=2,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Evidence shown per hop.",
)
@json_option
@handle_errors
def path(
    source: str,
    target: str,
    db: Path,
    layer: str,
    k: int,
    all_shortest: bool,
    rank: str,
    avoid: tuple[str, ...],
    avoid_hubs: bool,
    min_sources: int,
    via_outlet: str | None,
    exclude_outlet: str | None,
    max_hops: int | None,
    through_places: bool,
    n_evidence: int,
    as_json: bool,
) -> None:
    """The best path(s) between two entities, each hop with its evidence.

    Ranking (--rank specific, the default): among paths at most one hop longer
    than the shortest, the cheapest wins. A hop costs 1 (a little less when
    more documents back it, 0.25 less when a claim backs it: one end said
    something about the other); each entity stepped through adds
    1.5 x its neighbours / the most neighbours any entity has, so the story's
    hub costs 1.5 hops and a path one hop longer through specific entities
    beats "X → hub → Y". --rank hops: fewest hops, then evidence.

    Places (countries, cities) are not used as stepping stones unless
    --through-places is given: "X → Canada → Y" explains nothing.
    Exit code 0 when a path is found, 1 when there is none, 2 for bad input.

    \b
    Examples:
      linkchart path "Han Dong" "Meng Wanzhou"
      linkchart path "Charles Burton" "Xi Jinping" --k 3
      linkchart path "Markus Braun" "Jan Marsalek" --avoid Wirecard
      linkchart path CSIS Trudeau --layer assertion --json
    """
    if all_shortest and k != 1:
        raise Failure("--all and --k cannot be combined; pick one")
    with open_store(db) as store:
        u, v = find_stored_entity(store, source), find_stored_entity(store, target)
        avoided = [find_stored_entity(store, name) for name in avoid]
        outlets = store.docs.outlets() if via_outlet or exclude_outlet else []
        via_outlet = find_outlet(outlets, via_outlet) if via_outlet else None
        exclude_outlet = find_outlet(outlets, exclude_outlet) if exclude_outlet else None
        paths, labels = find_paths(
            store,
            u,
            v,
            LinkFilter(layer, min_sources, via_outlet, exclude_outlet, () if through_places else HUB_TYPES),
            k=k,
            all_shortest=all_shortest,
            max_hops=max_hops,
            avoid=avoided,
            avoid_hubs=avoid_hubs,
            rank=rank.lower(),
            evidence=n_evidence,
        )
    record = paths_record(labels, u, v, rank.lower(), paths, n_evidence)
    if as_json:
        print_json(record)
        return
    for i, p in enumerate(record["paths"], start=1):
        names = " → ".join([p["hops"][0]["from"], *(h["to"] for h in p["hops"])])
        click.echo(f"Path {i} ({len(p['hops'])} hop{'s' * (len(p['hops']) != 1)}): {names}")
        for j, h in enumerate(p["hops"], start=1):
            c = h["corroboration"]
            click.echo(
                f"  {j}. {h['from']} — {h['to']}  [{'+'.join(h['layers'])}; "
                f"{c['documents']} document{'s' * (c['documents'] != 1)}, "
                f"{c['outlets']} outlet{'s' * (c['outlets'] != 1)}]"
            )
            for e in h["evidence"]:
                said = f"{e['verb']}: " if "verb" in e else ""
                click.echo(f"     {said}{_evidence_text(e)}")
                outlet = f", {e['outlet']}" if e["outlet"] else ""
                click.echo(f"     — {e['title']}{outlet} [{e['document']}]")
        click.echo("")


# -- neighbors ----------------------------------------------------------------------------
@click.command()
@click.argument("name")
@db_option
@layer_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1))
@json_option
@handle_errors
def neighbors(name: str, db: Path, layer: str, limit: int, as_json: bool) -> None:
    """Entities linked to NAME, best corroborated first.

    \b
    Example:
      linkchart neighbors "Han Dong" --layer assertion
    """
    with open_store(db) as store:
        node = find_stored_entity(store, name)
        ranked = top_neighbours(store, node, layer=layer, limit=limit, evidence=NEIGHBOUR_EVIDENCE)
        labels = store.reads.labels_of([node, *(other for other, _, _ in ranked)])
    rows = [neighbour_record(labels, other, attributes, hop) for other, attributes, hop in ranked]
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo(f"{labels[node]} has no links{'' if layer == 'any' else f' in the {layer} layer'}")
    for r in rows:
        c = r["link"]["corroboration"]
        layers = "+".join(r["link"]["layers"])
        click.echo(
            f"{r['name']} [{r['type']}]  {layers}; "
            f"{plural(c['documents'], 'doc')}, {plural(c['outlets'], 'outlet')}"
        )
