"""The curated gazetteer: well-known outlets, agencies, platforms and organisations.

Entries live in ``ner/gazetteer/*.jsonl`` as data (``{"name", "type", "aliases"}``),
never in code. They feed spaCy's ``EntityRuler`` and the canonical-name lookup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ner.cleanup import match_key

GAZETTEER_FILES = ("outlets.jsonl", "agencies.jsonl", "platforms.jsonl", "organizations.jsonl")
#: ``doc.spans`` key under which the gazetteer's ``span_ruler`` stores its matches.
GAZETTEER_SPANS = "linkchart_gazetteer"
#: spaCy entity labels the ruler assigns, by linkchart type.
RULER_LABELS = {"outlet": "OUTLET", "agency": "AGENCY", "platform": "PLATFORM", "organization": "ORG"}


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: its canonical name, type and other names."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@lru_cache(maxsize=1)
def entries() -> tuple[GazetteerEntry, ...]:
    """All gazetteer entries shipped with linkchart."""
    folder = resources.files("ner").joinpath("gazetteer")
    found = []
    for filename in GAZETTEER_FILES:
        for line in folder.joinpath(filename).read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.append(GazetteerEntry(row["name"], row["type"], tuple(row.get("aliases", ()))))
    return tuple(found)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, GazetteerEntry]:
    table: dict[str, GazetteerEntry] = {}
    for entry in entries():
        for name in entry.names:
            table.setdefault(match_key(name), entry)
    return table


def lookup(name: str) -> GazetteerEntry | None:
    """The gazetteer entry ``name`` is a name of, if any (case-, accent-, "the"-insensitive)."""
    return _by_key().get(match_key(name))


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, set[GazetteerEntry]]:
    table: dict[str, set[GazetteerEntry]] = {}
    for entry in entries():
        for name in entry.names:
            if " " in name:
                table.setdefault(name.split()[0], set()).add(entry)
    return table


def opened_by(acronym: str) -> GazetteerEntry | None:
    """The one entry with a name of several words opening with ``acronym`` ("PA" of "PA Wire"),
    if exactly one has: how a credit shortens a news agency's name ("Jon Brady/PA")."""
    found = _by_first_word().get(acronym, set())
    return next(iter(found)) if len(found) == 1 else None


def ruler_patterns() -> list[dict]:
    """Phrase patterns for spaCy's ``EntityRuler`` (exact-case, plus a leading "The")."""
    patterns = []
    for entry in entries():
        label = RULER_LABELS[entry.type]
        for name in entry.names:
            patterns.append({"label": label, "pattern": name, "id": entry.name})
    return patterns
