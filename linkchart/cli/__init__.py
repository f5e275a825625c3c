"""The ``linkchart`` command: a thin click shell over the library.

Exit codes: 0 success; 1 nothing found (no path, nothing could be built);
2 bad input (unknown entity, bad option, missing or foreign store);
70 an unexpected internal error (rerun with ``--debug`` for the traceback).
"""

from __future__ import annotations

import errno
import json
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graph.errors import AmbiguousEntity, EntityNotFound, NoPath
from graph.names import resolve_outlet
from graph.query import (
    RING_LIMIT,
    RING_PER_ENTITY,
    find_paths,
    next_ring,
    resolve_name,
    select_from_store,
    top_neighbours,
)
from graph.schema import (
    DRAWN_LAYER_CHOICES,
    ENTITY_TYPES,
    HUB_TYPES,
    LAYER_CHOICES,
    LAYERS,
    PATH_LAYER_CHOICES,
)
from graph.store import Store, StoreError
from linkchart.choices import Forgiving
from linkchart.dask_engine import DaskEngineError
from linkchart.workers import WorkerCrashed
from ner.errors import ModelNotFound

if TYPE_CHECKING:
    from networkx import MultiDiGraph

    from graph.hops import Hop
    from linkchart.pipeline import BuildSummary
    from linkchart.watch import Update

EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
DEFAULT_DB = "linkchart.db"
#: Characters of a sentence shown per hop in text output.
SNIPPET_CHARS = 240


class Failure(click.ClickException):
    """A one-line error with a chosen exit code."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.exit_code = code

    def show(self, file: Any = None) -> None:
        click.echo(f"linkchart: {self.message}", err=True)


def _disk_full(error: BaseException) -> bool:
    """True for SQLite's "database or disk is full" / "disk I/O error" and for ENOSPC."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return True
    text = str(error).lower()
    return "disk is full" in text or "disk i/o error" in text


def handle_errors(func: Callable) -> Callable:
    """Turn library exceptions into one-line messages and exit codes."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:  # Ctrl-C: not "nothing found" (1) but the shell's 130
            raise Failure(
                "interrupted; nothing was left half-written (a build picks up where this one stopped)",
                EXIT_INTERRUPTED,
            ) from None
        except BrokenPipeError:  # "linkchart path … | head": the reader left; stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except (StoreError, ModelNotFound, DaskEngineError, WorkerCrashed) as error:
            raise Failure(str(error)) from error
        except (EntityNotFound, AmbiguousEntity) as error:
            raise Failure(str(error)) from error
        except NoPath as error:
            raise Failure(str(error), EXIT_NOT_FOUND) from error
        except Exception as error:
            if _disk_full(error):
                raise Failure(
                    "disk full: nothing was left half-written; free some space and run the command again"
                ) from error
            if ctx.find_root().params.get("debug"):
                traceback.print_exc()
            raise Failure(
                f"internal error: {type(error).__name__}: {error} (rerun with --debug for details)",
                EXIT_INTERNAL,
            ) from error

    return wrapper


db_option = click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    envvar="LINKCHART_DB",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The linkchart store (SQLite).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (a stable contract).")
corrections_option = click.option(
    "--corrections",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Corrections file to apply (default: <store>.corrections.jsonl beside the store; see 'fix').",
)
layer_option = click.option(
    "--layer",
    type=Forgiving(LAYER_CHOICES),
    default="any",
    show_default=True,
    help="Which links to use.",
)


def _open(db: Path) -> Store:
    """The store for a query; warns (stderr) when a stopped build left the graph behind."""
    store = Store(db)
    if not store.db.execute("SELECT 1 FROM entities LIMIT 1").fetchone() and store.being_built():
        store.close()
        raise Failure(f"the store {db} is being built (its first build is still running); try again later")
    behind = store.documents_behind()
    if behind:
        click.echo(
            f"linkchart: the graph is behind {_n(behind, 'stored document')} (a build stopped before "
            "its graph step); 'linkchart build' catches up",
            err=True,
        )
    return store


def _graph(db: Path, *, evidence: bool = True) -> MultiDiGraph:
    with _open(db) as store:
        return store.load_graph(evidence=evidence)


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


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


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


# -- build --------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option("--model", envvar="LINKCHART_MODEL", help="Installed spaCy pipeline to use.")
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
        f"{_n(summary.documents, 'document')} ({summary.parsed} parsed, {summary.unchanged} unchanged"
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
@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option("--model", envvar="LINKCHART_MODEL", help="Installed spaCy pipeline to use.")
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
    from linkchart import watch as rounds
    from linkchart.corpus import default_corpus

    sources = list(paths) or [default_corpus()]
    for source in sources:
        if not source.exists():
            raise Failure(f"cannot watch {source}: no such file or folder")
    if html_out is not None:
        _require_dir(html_out)
    watcher = rounds.Watcher(sources, db, model=model, prune=prune, jobs=jobs, corrections=corrections)
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
                click.echo(_draw(db, html_out, title, max_nodes=max_nodes))
                page_written.append(html_out)
            except Failure as error:  # e.g. too big to draw: say so, keep watching
                click.echo(f"linkchart: {html_out} not updated: {error.message}", err=True)

    click.echo(f"watching {', '.join(map(str, sources))} every {interval:g} s; Ctrl-C to stop")
    try:
        while True:
            try:
                update = watcher.poll()
            except StoreError as error:
                if "another build is running" not in str(error):
                    raise
                click.echo(f"linkchart: {error}", err=True)  # wait for it, try again next round
                update = None
            if update is not None:
                report(update)
            rounds.pause(interval)
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


# -- entities -----------------------------------------------------------------------------
def entity_record(node: str, data: dict) -> dict:
    """The public JSON shape of an entity."""
    return {
        "id": node,
        "name": data["label"],
        "type": data["type"],
        "aliases": data.get("aliases", []),
        "mentions": data.get("mentions", 0),
        "documents": data.get("documents", []),
        "roles": data.get("roles", []),
        "corrected": data.get("corrected", []),
    }


@main.command()
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
    with _open(db) as store:
        rows = [entity_record(n, d) for n, d in store.entity_rows(kind, limit)]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        click.echo(f"no entities{f' of type {kind}' if kind else ''}")
    for r in rows:
        aliases = f"  aka {', '.join(r['aliases'][:6])}" if r["aliases"] else ""
        fixed = f"  (corrected: {', '.join(r['corrected'])})" if r["corrected"] else ""
        counts = f"{_n(r['mentions'], 'mention')} in {_n(len(r['documents']), 'doc')}"
        click.echo(f"{r['name']} [{r['type']}] {counts}{aliases}{fixed}")


# -- claims -------------------------------------------------------------------------------
@main.command()
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
    out = claim_records(db, speaker, about)
    if as_json:
        _print_json(out)
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
        click.echo(f"    {_snippet(c['quote'])}")
        outlet = f" ({c['outlet']})" if c["outlet"] else ""
        click.echo(f"    — {c['title']}{outlet} [{c['document']}] claim {c['id']}")


def claim_records(db: Path, speaker: str | None = None, about: str | None = None) -> list[dict]:
    """The public JSON shape of the stored claims (those by ``speaker`` and about ``about``)."""
    with _open(db) as store:  # reads only the matching claims and their entities' labels
        speaker_id = resolve_name(store, speaker) if speaker else None
        about_id = resolve_name(store, about) if about else None
        rows = store.claims(speaker=speaker_id, about=about_id)
        labels = store.labels_of({n for c in rows for n in [c["speaker_id"], *c["target_ids"]] if n})
    label = lambda n: labels.get(n, n)  # noqa: E731
    return [
        {
            "speaker": label(c["speaker_id"]) if c["speaker_id"] else c.get("speaker_text", ""),
            "verb": c["verb"],
            "targets": [label(t) for t in c["target_ids"]],
            "quote": c["quote"],
            "document": c["document"],
            "outlet": c["outlet"],
            "sentence": c["sentence"],
            "stance": c["stance"],
            "title": c["title"],
            "kind": c["kind"],
            "speaker_id": c["speaker_id"],
            "target_ids": c["target_ids"],
            "id": c.get("id", ""),
            "speaker_kind": c.get("speaker_kind", "named"),
            "speaker_text": c.get("speaker_text", ""),
            "verbs": c.get("verbs", [c["verb"]]),
        }
        for c in rows
    ]


# -- path ---------------------------------------------------------------------------------
def _n(count: int, word: str, plural: str | None = None) -> str:
    """ "1 doc", "2 docs", "1 entity", "0 entities"."""
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


def _quoted(text: str) -> str:
    text = _snippet(text)
    return text if text[:1] in "“\"‘'" else f"“{text}”"


def _evidence_text(e: Mapping[str, Any]) -> str:
    """How a piece of evidence is printed: the quote, the sentence, or a window's two
    sentences each shortened on its own (so the second one shows)."""
    if e.get("quote"):
        return _quoted(e["quote"])
    if len(set(e.get("sentences") or ())) == 2 and " … " in e["sentence"]:
        return " … ".join(_quoted(part) for part in e["sentence"].split(" … ", 1))
    return _quoted(e["sentence"])


#: Pieces of evidence ``neighbors`` shows per neighbour.
NEIGHBOUR_EVIDENCE = 1


def hop_record(labels: Mapping[str, str], hop: Hop, n_evidence: int) -> dict:
    """The public JSON shape of a hop (``labels``: ``{id: label}`` of its ends)."""
    layers = hop.layers
    return {
        "from": labels[hop.source],
        "to": labels[hop.target],
        "from_id": hop.source,
        "to_id": hop.target,
        "layer": "assertion" if "assertion" in layers else layers[0],
        "layers": layers,
        "corroboration": {"documents": len(hop.documents), "outlets": len(hop.outlets)},
        "evidence": [
            {
                "document": e["document"],
                "title": e["title"],
                "outlet": e["outlet"],
                "sentence": e["sentence"],
                **({"quote": e["quote"], "verb": e["verb"], "stance": e["stance"]} if "quote" in e else {}),
                **({"sentences": e["sentences"]} if "sentences" in e else {}),  # a window's two
            }
            for e in hop.best_evidence(n_evidence)
        ],
    }


@main.command()
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
    with _open(db) as store:
        u, v = resolve_name(store, source), resolve_name(store, target)
        avoided = [resolve_name(store, name) for name in avoid]
        outlets = store.outlets() if via_outlet or exclude_outlet else []
        via_outlet = resolve_outlet(outlets, via_outlet) if via_outlet else None
        exclude_outlet = resolve_outlet(outlets, exclude_outlet) if exclude_outlet else None
        paths, labels = find_paths(
            store,
            u,
            v,
            layer=layer,
            k=k,
            all_shortest=all_shortest,
            min_sources=min_sources,
            via_outlet=via_outlet,
            exclude_outlet=exclude_outlet,
            max_hops=max_hops,
            avoid_types=() if through_places else HUB_TYPES,
            avoid=avoided,
            avoid_hubs=avoid_hubs,
            rank=rank.lower(),
            evidence=n_evidence,
        )
    records = [{"hops": [hop_record(labels, h, n_evidence) for h in p]} for p in paths]
    if as_json:
        _print_json({"source": labels[u], "target": labels[v], "rank": rank.lower(), "paths": records})
        return
    for i, p in enumerate(records, start=1):
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
@main.command()
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
    with _open(db) as store:
        node = resolve_name(store, name)
        ranked = top_neighbours(store, node, layer=layer, limit=limit, evidence=NEIGHBOUR_EVIDENCE)
        labels = store.labels_of([node, *(other for other, _, _ in ranked)])
    rows = [
        {**entity_record(other, attributes), "link": hop_record(labels, hop, NEIGHBOUR_EVIDENCE)}
        for other, attributes, hop in ranked
    ]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        click.echo(f"{labels[node]} has no links{'' if layer == 'any' else f' in the {layer} layer'}")
    for r in rows:
        c = r["link"]["corroboration"]
        layers = "+".join(r["link"]["layers"])
        click.echo(
            f"{r['name']} [{r['type']}]  {layers}; {_n(c['documents'], 'doc')}, {_n(c['outlets'], 'outlet')}"
        )


# -- sources and stats -------------------------------------------------------------------
@main.command()
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
    from graph.summary import source_contributions

    documents, outlets = source_contributions(_graph(db, evidence=False))
    with _open(db) as store:
        kinds = store.claim_counts()
    for d in documents:  # claims, also those with no target or by a source the text does not name
        counts = kinds.get(d["id"], {})
        d["claims"] = sum(counts.values())
        d["unnamed_claims"], d["group_claims"] = counts.get("unnamed", 0), counts.get("group", 0)
    if as_json:
        _print_json({"documents": documents, "outlets": outlets})
        return
    click.echo("Outlets:")
    for o in outlets:
        click.echo(
            f"  {o['outlet']}: {_n(o['documents'], 'doc')}, {_n(o['links'], 'link')} "
            f"({o['sole_source_links']} sole)"
        )
    click.echo("Documents:")
    for d in documents:
        outlet = f" ({d['outlet']})" if d["outlet"] else ""
        unnamed = f", {d['unnamed_claims']} by unnamed sources" if d["unnamed_claims"] else ""
        click.echo(
            f"  {d['id']}{outlet}: {_n(d['entities'], 'entity', 'entities')}, "
            f"{_n(d['co_mentions'], 'co-mention link')}, {_n(d['assertions'], 'assertion link')} "
            f"({d['sole_source_links']} sole); {_n(d['claims'], 'claim')}{unnamed}"
        )
        click.echo(f"      {_snippet(d['title'])}")


@main.command()
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
    from graph.summary import graph_statistics

    s = graph_statistics(_graph(db, evidence=False), top=top)
    if as_json:
        _print_json(s)
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


# -- html and export ----------------------------------------------------------------------
@main.command()
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
    _require_dir(out)
    click.echo(_draw(db, out, title, focus, depth, layer, min_weight, max_nodes, path_ends, live_layout))


def _draw(
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
    with _open(db) as store:
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
        reasons.append(f"only the neighbourhood of {name}, {_n(depth, 'link')} out (--focus, --depth)")
    if max_nodes is not None and H.number_of_nodes() >= max_nodes:
        reasons.append(f"only the {max_nodes:,} most connected entities (--max-nodes)")
    if min_weight > 1:
        reasons.append(f"only links backed by at least {min_weight} sentences or statements (--min-weight)")
    return reasons


EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "claims-csv")


@main.command()
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

        _require_dir(out)
        click.echo(f"wrote {write_claims_csv(claim_records(db), out)}")
        return
    _require_dir(out, folder=fmt.lower() == "csv" and out.suffix.lower() != ".csv")
    G = _graph(db)
    from graph.export import export_graph

    for written in export_graph(G, fmt.lower(), out):
        click.echo(f"wrote {written}")


def _require_dir(out: Path, *, folder: bool = False) -> None:
    """Check an output path: a file's folder must exist and the file must not be a folder;
    a ``folder`` output (csv) must not be a file, and is created when missing."""
    if folder:
        if out.exists() and not out.is_dir():
            raise Failure(f"cannot write {out}: it is a file; csv writes nodes.csv and edges.csv in a folder")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise Failure(f"cannot create folder {out}: {error.strerror or error}") from None
        return
    if out.is_dir():
        raise Failure(
            f"cannot write {out}: it is a folder; give a file name, such as {out / 'graph'}.<format>"
        )
    if not out.parent.is_dir():
        raise Failure(f"cannot write {out}: folder {out.parent} does not exist")


from linkchart.cli.fix import fix  # noqa: E402  (the group builds on the helpers above)

main.add_command(fix)
