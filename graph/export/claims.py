"""Claims as CSV for a fact-checking spreadsheet."""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from graph.export.atomic import text_writer, write_atomically
from graph.export.records import neutralize_cell, xml_legal_text

#: Columns of the claims CSV, in order (the keys of ``linkchart claims --json`` records).
CLAIM_COLUMNS = (
    "id",
    "document",
    "title",
    "outlet",
    "speaker",
    "speaker_kind",
    "speaker_id",
    "verb",
    "verbs",
    "stance",
    "kind",
    "targets",
    "target_ids",
    "quote",
    "sentence",
)


def claims_csv(claims: list[Mapping[str, Any]], handle: IO[str]) -> None:
    """Write claim records (as ``linkchart claims --json`` gives them) as CSV for a fact-checking
    spreadsheet: one row per claim, lists joined with ``"; "``, every text cell cleaned and a
    cell a spreadsheet would run as a formula prefixed with ``'``."""
    writer = csv.writer(handle)
    writer.writerow(CLAIM_COLUMNS)
    for claim in claims:
        row = []
        for column in CLAIM_COLUMNS:
            value = claim.get(column)
            text = (
                "; ".join(xml_legal_text(v) for v in value)
                if isinstance(value, list | tuple)
                else xml_legal_text(value)
            )
            row.append(neutralize_cell(text))
        writer.writerow(row)


def write_claims_csv(claims: list[Mapping[str, Any]], path: str | os.PathLike[str]) -> Path:
    """Write :func:`claims_csv` to ``path`` atomically."""
    return write_atomically([(Path(path), text_writer(lambda handle: claims_csv(claims, handle)))])[0]
