"""Options several commands share, as decorators."""

from __future__ import annotations

from pathlib import Path

import click

from graph.schema import LAYER_CHOICES
from linkchart.choices import Forgiving

DEFAULT_DB = "linkchart.db"

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
model_option = click.option("--model", envvar="LINKCHART_MODEL", help="Installed spaCy pipeline to use.")
