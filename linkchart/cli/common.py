"""What the commands share: opening the store, printing, output paths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graph.store import Store
from linkchart.cli.errors import Failure
from linkchart.text import plural

if TYPE_CHECKING:
    from networkx import MultiDiGraph

#: Characters of a sentence shown per hop in text output.
SNIPPET_CHARS = 240


def open_store(db: Path) -> Store:
    """The store for a query; warns (stderr) when a stopped build left the graph behind."""
    store = Store(db)
    if not store.reads.has_entities() and store.being_built():
        store.close()
        raise Failure(f"the store {db} is being built (its first build is still running); try again later")
    behind = store.reads.documents_behind()
    if behind:
        click.echo(
            f"linkchart: the graph is behind {plural(behind, 'stored document')} (a build stopped before "
            "its graph step); 'linkchart build' catches up",
            err=True,
        )
    return store


def load_graph(db: Path, *, evidence: bool = True) -> MultiDiGraph:
    """The whole stored graph (``evidence``: with each link's evidence)."""
    with open_store(db) as store:
        return store.graph.load(evidence=evidence)


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON, non-ASCII as is."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def snippet(text: str) -> str:
    """``text`` on one line, cut to :data:`SNIPPET_CHARS`."""
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


def require_dir(out: Path, *, folder: bool = False) -> None:
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
