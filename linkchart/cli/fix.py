"""``linkchart fix …``: the command group over :mod:`linkchart.fixes`."""

from __future__ import annotations

from pathlib import Path

import click

from graph.resolve import Correction, CorrectionsError
from graph.schema import ENTITY_TYPES
from graph.store import StoreError
from linkchart.cli.common import print_json
from linkchart.cli.errors import Failure, handle_errors
from linkchart.cli.options import corrections_option, db_option, json_option
from linkchart.fixes import corrections_path, fix_claim, fix_entity, listing, undo
from linkchart.text import plural


@click.group()
def fix() -> None:
    """Correct entities and claims; corrections survive every later build.

    Each correction is a line of a JSON Lines file beside the store
    (linkchart.corrections.jsonl for linkchart.db), with a time stamp: keep it
    in git, diff it, share it. Builds and watch rounds apply it after the
    automatic merges, also to new articles and to a store built from scratch.
    Names resolve as in 'path'; an unknown or ambiguous name writes nothing.

    \b
    Examples:
      linkchart fix merge BaFin "Federal Financial Supervisory Authority"
      linkchart fix type Wirecard organization
      linkchart fix split "Meng Wanzhou" Meng
      linkchart fix rename Bafin BaFin
      linkchart fix drop "Fugitive Mastermind"
      linkchart fix drop-claim c1a2b3c4d
      linkchart fix speaker c1a2b3c4d "Alfred Dierlamm"
      linkchart fix list
      linkchart fix undo --last
    """


def _record(db: Path, corrections: Path | None, make) -> None:
    """Make a correction (``make(path)`` returns it and what it does), then apply it to the store."""
    path = corrections_path(db, corrections)
    try:
        correction, said = make(path)
    except CorrectionsError as error:
        raise Failure(str(error)) from error
    click.echo(f"fix {correction.id}: {said}")
    _apply(db, path)


def _apply(db: Path, path: Path) -> None:
    from linkchart.pipeline import apply_corrections

    try:
        summary = apply_corrections(db, path, wait=True)
    except (StoreError, CorrectionsError) as error:
        raise Failure(f"saved in {path}, not yet applied: {error}") from error
    update = summary.graph
    rewritten = (
        f"{plural(update.nodes, 'entity', 'entities')} and {plural(update.edges, 'link')} rewritten"
        if update
        else "nothing to rewrite"
    )
    click.echo(f"{db}: {rewritten} ({plural(update.aggregated if update else 0, 'document')} re-aggregated)")


def _entity_command(op: str, second: str | None, help_text: str):
    """A ``fix`` subcommand on an entity (and ``second``, its other argument)."""

    def command(name: str, db: Path, corrections: Path | None, value: str | None = None) -> None:
        _record(db, corrections, lambda path: fix_entity(db, path, op, name, value))

    command.__doc__ = help_text
    command = handle_errors(command)
    command = corrections_option(command)
    command = db_option(command)
    if second:
        command = click.argument("value", metavar=second)(command)
    command = click.argument("name")(command)
    return fix.command(op)(command)


_entity_command(
    "merge",
    "OTHER",
    "OTHER joins NAME; NAME's label stays.\n\n\b\nExample:\n  linkchart fix merge BaFin Bafin",
)
_entity_command(
    "split",
    "ALIAS",
    "ALIAS, one of NAME's names, becomes an entity of its own.\n\n\b\n"
    'Example:\n  linkchart fix split "Meng Wanzhou" Meng',
)
_entity_command(
    "type",
    "TYPE",
    f"Type NAME as TYPE ({', '.join(ENTITY_TYPES)}).\n\n\b\nExample:\n"
    "  linkchart fix type Wirecard organization",
)
_entity_command("rename", "NEW", "Label NAME as NEW.\n\n\b\nExample:\n  linkchart fix rename Bafin BaFin")
_entity_command(
    "drop",
    None,
    "Drop NAME: never a node, never in links or claims.\n\n\b\nExample:\n  linkchart fix drop Dax",
)


@fix.command("drop-claim")
@click.argument("claim")
@db_option
@corrections_option
@handle_errors
def drop_claim(claim: str, db: Path, corrections: Path | None) -> None:
    """Drop the claim CLAIM (its id, from 'linkchart claims')."""
    _record(db, corrections, lambda path: fix_claim(db, path, "drop-claim", claim))


@fix.command("speaker")
@click.argument("claim")
@click.argument("name")
@db_option
@corrections_option
@handle_errors
def speaker(claim: str, name: str, db: Path, corrections: Path | None) -> None:
    """Give the claim CLAIM the speaker NAME."""
    _record(db, corrections, lambda path: fix_claim(db, path, "speaker", claim, name))


@fix.command("list")
@db_option
@corrections_option
@json_option
@handle_errors
def list_(db: Path, corrections: Path | None, as_json: bool) -> None:
    """The corrections in force, and whether the store shows them.

    "missing": its entity no longer exists (nothing was done); "pending": the
    next build applies it.
    """
    try:
        found = listing(db, corrections_path(db, corrections))
    except CorrectionsError as error:
        raise Failure(str(error)) from error
    if as_json:
        print_json([item.to_json() for item in found])
        return
    if not found:
        click.echo("no corrections")
    for item in found:
        c = item.correction
        state = "" if item.status == "applied" else f"  [{_STATES[item.status]}]"
        click.echo(f"{c.id:>4}  {c.at}  {c.describe()}{state}")


_STATES = {"missing": "its entity no longer exists", "pending": "not yet applied"}


@fix.command("undo")
@click.argument("number", required=False, type=int)
@click.option("--last", is_flag=True, help="Undo the last correction in force.")
@db_option
@corrections_option
@handle_errors
def undo_(number: int | None, last: bool, db: Path, corrections: Path | None) -> None:
    """Cancel correction NUMBER (see 'fix list'), or the last one with --last."""
    if (number is None) == (not last):
        raise Failure("give a correction NUMBER or --last")

    def make(path: Path) -> tuple[Correction, str]:
        made, undone = undo(path, number)
        return made, f"undoes {undone.id} ({undone.describe()})"

    _record(db, corrections, make)
