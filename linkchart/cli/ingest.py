"""Getting articles in: ``build`` (once) and ``watch`` (keep the store up to date)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from graph.schema import LAYERS
from linkchart.choices import Forgiving
from linkchart.cli.common import require_dir
from linkchart.cli.errors import EXIT_NOT_FOUND, Failure, handle_errors
from linkchart.cli.options import corrections_option, db_option, model_option
from linkchart.cli.output import draw_page
from linkchart.text import plural

if TYPE_CHECKING:
    from linkchart.pipeline import BuildSummary
    from linkchart.watch import Update


# -- build --------------------------------------------------------------------------------
@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@model_option
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), help="Processes.")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    help="Documents per batch (default 32 with one process, 8 with several, to keep them all busy).",
)
@click.option("--prune", is_flag=True, help="Forget stored documents that are not in PATHS.")
@corrections_option
@click.option(
    "--engine",
    type=Forgiving(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run NER in-process (--jobs processes) or on a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="LINKCHART_DASK_SCHEDULER",
    help="Dask scheduler, e.g. tcp://HOST:8786 (--engine dask; default: a local cluster of --jobs workers).",
)
@click.option(
    "--timeout",
    "dask_timeout",
    default=120.0,
    show_default=True,
    type=click.FloatRange(min=1),
    help="--engine dask: seconds to wait when every worker is gone before giving up.",
)
@handle_errors
def build(
    paths: tuple[Path, ...],
    db: Path,
    model: str | None,
    jobs: int,
    batch_size: int | None,
    prune: bool,
    corrections: Path | None,
    engine: str,
    scheduler: str | None,
    dask_timeout: float,
) -> None:
    """Read articles, extract entities and assertions, and store the graph.

    PATHS are files or folders (.txt, .md, .html, .jsonl); folders are read
    recursively. With no PATHS, the bundled seeds/ demo corpus is used.
    Unchanged documents are not parsed again.

    \b
    Examples:
      linkchart build
      linkchart build ~/scrapes/ --jobs 2
      linkchart build new.jsonl --db case.db
      linkchart build ~/scrapes/ --engine dask --scheduler tcp://HOST:8786
    """
    if scheduler and engine != "dask":
        raise Failure("--scheduler needs --engine dask")
    from linkchart.corpus import default_corpus
    from linkchart.pipeline import build as run_build

    sources = list(paths) or [default_corpus()]
    with _progress() as progress:
        summary = run_build(
            sources,
            db,
            model=model,
            jobs=jobs,
            batch_size=batch_size,
            prune=prune,
            on_parsed=progress,
            engine=engine,
            scheduler=scheduler,
            corrections=corrections,
            timeout=dask_timeout,
        )
    for where, reason in summary.report.skipped:
        click.echo(f"skipped {where}: {reason}", err=True)
    for dup, kept in summary.report.duplicates:
        click.echo(f"duplicate {dup}: same text as document {kept}", err=True)
    if summary.documents == 0 and not summary.parsed:
        raise Failure("no documents could be read; nothing was built", EXIT_NOT_FOUND)
    click.echo(_documents_line(summary, db))
    click.echo(_graph_lines(summary))


def _documents_line(summary: BuildSummary, db: Path) -> str:
    return (
        f"{plural(summary.documents, 'document')} ({summary.parsed} parsed, {summary.unchanged} unchanged"
        f"{f', {summary.removed} removed' if summary.removed else ''}"
        f"{f', {len(summary.report.skipped)} skipped' if summary.report.skipped else ''}) → {db}"
    )


def _graph_lines(summary: BuildSummary) -> str:
    entities = ", ".join(f"{n} {t}" for t, n in sorted(summary.entities.items(), key=lambda kv: -kv[1]))
    main_edges = {layer: n for layer, n in summary.edges.items() if layer in LAYERS}
    edges = ", ".join(f"{n} {layer}" for layer, n in sorted(main_edges.items()))
    windows = ", ".join(f"{n} {layer}" for layer, n in sorted(summary.edges.items()) if layer not in LAYERS)
    return (
        f"entities: {sum(summary.entities.values())} ({entities or 'none'})\n"
        f"edges: {sum(main_edges.values())} ({edges or 'none'})"
        + (f"\nwider co-mention windows (path --layer paragraph|document): {windows}" if windows else "")
    )


# -- watch --------------------------------------------------------------------------------
@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@model_option
@click.option(
    "--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), help="Processes for big rounds."
)
@click.option("--prune", is_flag=True, help="Forget documents whose files are deleted.")
@corrections_option
@click.option(
    "--interval",
    default=2.0,
    show_default=True,
    type=click.FloatRange(0.05, 3600),
    help="Seconds between checks for new or changed files.",
)
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also rewrite this HTML explorer after every update.",
)
@click.option("--title", default="linkchart", show_default=True, help="Page title (--html).")
@click.option("--max-nodes", type=click.IntRange(1), help="Draw only the N most connected entities (--html).")
@handle_errors
def watch(
    paths: tuple[Path, ...],
    db: Path,
    model: str | None,
    jobs: int,
    prune: bool,
    corrections: Path | None,
    interval: float,
    html_out: Path | None,
    title: str,
    max_nodes: int | None,
) -> None:
    """Keep the store up to date while articles arrive; Ctrl-C stops.

    Builds once, then checks PATHS every --interval seconds and re-parses only
    new or changed files, with the spaCy pipeline kept loaded: an update costs
    about as much as parsing the changed articles. Queries (path, neighbors,
    entities) can run against the store meanwhile.

    \b
    Examples:
      linkchart watch ~/scrapes/ --prune
      linkchart watch ~/scrapes/ --html case.html --max-nodes 500
    """
    from linkchart.corpus import default_corpus
    from linkchart.watch import Watcher

    sources = list(paths) or [default_corpus()]
    for source in sources:
        if not source.exists():
            raise Failure(f"cannot watch {source}: no such file or folder")
    if html_out is not None:
        require_dir(html_out)
    watcher = Watcher(sources, db, model=model, prune=prune, jobs=jobs, corrections=corrections)
    shown: set[tuple[str, str]] = set()
    page_written: list[Path] = []

    def report(update: Update) -> None:
        summary = update.summary
        for item in summary.report.skipped:
            if item not in shown:  # a file's skipped lines are reported once, not every round
                shown.add(item)
                click.echo(f"skipped {item[0]}: {item[1]}", err=True)
        stamp = time.strftime("%H:%M:%S")
        if not summary.built:
            click.echo(f"{stamp} no articles yet in {', '.join(map(str, sources))}")
            return
        names = ", ".join(summary.parsed_ids[:3]) + (", …" if summary.parsed > 3 else "")
        click.echo(
            f"{stamp} {_documents_line(summary, db)} in {update.seconds:.2f} s"
            + (f"; parsed {names}" if summary.parsed else "")
        )
        if summary.graph is not None:
            click.echo(_graph_lines(summary))
        if html_out is not None and (summary.graph is not None or not page_written):
            try:  # after every update, and at the start even when the store was up to date
                click.echo(draw_page(db, html_out, title, max_nodes=max_nodes))
                page_written.append(html_out)
            except Failure as error:  # e.g. too big to draw: say so, keep watching
                click.echo(f"linkchart: {html_out} not updated: {error.message}", err=True)

    click.echo(f"watching {', '.join(map(str, sources))} every {interval:g} s; Ctrl-C to stop")
    try:  # while another build runs on the store, say so each round and try again the next
        watcher.run(
            interval, on_update=report, on_busy=lambda error: click.echo(f"linkchart: {error}", err=True)
        )
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        watcher.close()


@contextmanager
def _progress() -> Iterator[Callable[[int], None]]:
    """A progress counter on a terminal; silent when output is piped."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    with click.progressbar(length=None, label="parsing documents", file=sys.stderr) as bar:
        yield bar.update
