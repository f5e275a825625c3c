"""The ``linkchart`` command: a thin click shell over the library.

One module per command group, each registered on :func:`main` here:
:mod:`~linkchart.cli.ingest` (build, watch), :mod:`~linkchart.cli.explore`
(entities, claims, path, neighbors), :mod:`~linkchart.cli.report` (sources,
stats), :mod:`~linkchart.cli.output` (html, export) and :mod:`~linkchart.cli.fix`
(the ``fix`` group). The options they share are decorators in
:mod:`~linkchart.cli.options`; errors and exit codes are in :mod:`~linkchart.cli.errors`.

Exit codes: 0 success; 1 nothing found (no path, nothing could be built);
2 bad input (unknown entity, bad option, missing or foreign store);
70 an unexpected internal error (rerun with ``--debug`` for the traceback).
"""

from __future__ import annotations

import click

from linkchart.cli import explore, fix, ingest, output, report


def _print_version(ctx: click.Context) -> None:
    """linkchart's version, then the pipeline: name, version, sha256 of its data and whether
    that is the checksum recorded in this repository (``ner/models.json``)."""
    from importlib.metadata import version

    from ner.version import known_fingerprint, model_name, pipeline_fingerprint

    click.echo(f"linkchart {version('linkchart')}")
    found = pipeline_fingerprint()
    if found is None:
        click.echo(f"pipeline {model_name()}: not an installed package (no checksum)")
    else:
        known = known_fingerprint(found["name"])
        verdict = (
            "matches the checksum recorded in linkchart"
            if known and known["sha256"] == found["sha256"]
            else "NOT the checksum recorded in linkchart"
            if known
            else "no checksum recorded in linkchart"
        )
        click.echo(
            f"pipeline {found['name']} {found['version']}, weights sha256 {found['sha256']} ({verdict})"
        )
    ctx.exit(0)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show Python tracebacks on errors.")
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _, on: _print_version(ctx) if on else None,
    help="Show linkchart's version and the spaCy pipeline it runs (name, version, weights' sha256).",
)
def main(debug: bool) -> None:
    """Map who is connected to whom in a folder of news articles, and through which source.

    \b
    Typical session:
      linkchart build articles/          # NER once, into linkchart.db
      linkchart entities --type person
      linkchart path "Han Dong" "Meng Wanzhou"
      linkchart html                     # offline explorer: linkchart.html
      linkchart export graphml graph.graphml
    """


main.add_command(ingest.build)
main.add_command(ingest.watch)
main.add_command(explore.entities)
main.add_command(explore.claims)
main.add_command(explore.path)
main.add_command(explore.neighbors)
main.add_command(report.sources)
main.add_command(report.stats)
main.add_command(output.html)
main.add_command(output.export)
main.add_command(fix.fix)

__all__ = ["main"]
