"""``linkchart fix``: record an analyst's corrections and apply them to the store by delta.

A correction names entities as the user typed them; they are resolved against the store as
``path`` resolves names (case-, accent- and apostrophe-insensitive, aliases, "did you mean"),
and the entity's label is what the corrections file records. Nothing is written when a name is
unknown or ambiguous. After the file is written, the store's graph follows by delta
(:func:`linkchart.pipeline.apply_corrections`); the file is the record, so a store built from
scratch later with the same file shows the same corrections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from graph.query import find_stored_entity
from graph.resolve import (
    Correction,
    CorrectionsError,
    Fixes,
    append,
    default_path,
    effective,
    read,
)
from graph.schema import ENTITY_TYPES
from graph.store import Store
from linkchart.choices import normalise
from ner.cleanup import match_key

Clock = Callable[[], datetime]


@dataclass
class Listed:
    """A correction in force and whether the store's graph shows it."""

    correction: Correction
    #: "applied", "missing" (its entity no longer exists) or "pending" (the next build applies it)
    status: str

    def to_json(self) -> dict[str, Any]:
        return {**self.correction.to_json(), "status": self.status}


def corrections_path(db: Path, corrections: Path | None) -> Path:
    """The corrections file in use: the one given, else the store's (beside it)."""
    return corrections or default_path(db)


def _entity(store: Store, name: str) -> tuple[str, dict]:
    """The entity a user means by ``name``: its id and attributes."""
    node = find_stored_entity(store, name)
    return node, store.reads.entity_attributes([node])[node]


def fix_entity(
    db: Path, path: Path, op: str, name: str, value: str | None = None, *, clock: Clock | None = None
) -> tuple[Correction, str]:
    """Record one entity correction; returns it and a sentence saying what it does.

    ``value``: the other entity (merge), the alias (split), the type (type) or the new name
    (rename). Raises :class:`~graph.errors.EntityNotFound`, :class:`~graph.errors.AmbiguousEntity`
    or :class:`~graph.resolve.corrections.CorrectionsError` with nothing written.
    """
    with Store(db) as store:
        node, entity = _entity(store, name)
        label = entity["label"]
        fields: dict[str, str] = {"entity": label}
        if op == "merge":
            other, other_entity = _entity(store, value or "")
            if other == node:
                raise CorrectionsError(f"{name!r} and {value!r} are already one entity ({label})")
            fields["other"] = other_entity["label"]
            said = f"{other_entity['label']} [{other_entity['type']}] joins {label} [{entity['type']}]"
        elif op == "split":
            names = {match_key(a): a for a in entity.get("aliases", [])}
            alias = names.get(match_key(value or ""))
            if alias is None:
                shown = ", ".join(sorted(names.values())) or "none"
                raise CorrectionsError(f"{value!r} is not another name of {label} (its names: {shown})")
            fields["alias"] = alias
            said = f"{alias} becomes an entity of its own, apart from {label}"
        elif op == "type":
            kind = normalise(value or "")  # "Organisation", "agencies" forgiven
            if kind not in ENTITY_TYPES:
                raise CorrectionsError(f"unknown type {value!r} (choose from {', '.join(ENTITY_TYPES)})")
            fields["type"] = kind
            said = f"{label} is typed {kind} (was {entity['type']})"
        elif op == "rename":
            if not (value or "").strip():
                raise CorrectionsError("the new name is empty")
            fields["name"] = value.strip()
            said = f"{label} is named {fields['name']}"
        elif op == "drop":
            said = f"{label} [{entity['type']}] is dropped: no node, no links, no claims"
        else:
            raise CorrectionsError(f"unknown correction {op!r}")
    return append(path, op, clock, **fields), said


def fix_claim(
    db: Path, path: Path, op: str, claim: str, name: str | None = None, *, clock: Clock | None = None
) -> tuple[Correction, str]:
    """Record one claim correction (``drop-claim``, or ``speaker`` with the new speaker's name)."""
    with Store(db) as store:
        found = store.reads.claim(claim)
        if found is None:
            raise CorrectionsError(f"no claim {claim!r} (see the ids in 'linkchart claims')")
        doc_id, data = found
        fields = {"claim": claim, "document": doc_id}
        if op == "speaker":
            _, entity = _entity(store, name or "")
            fields["entity"] = entity["label"]
            said = f"claim {claim} ({data['verb']}, {doc_id}) is {entity['label']}'s"
        else:
            said = f"claim {claim} ({data['verb']}, {doc_id}) is dropped"
    return append(path, op, clock, **fields), said


def undo(path: Path, number: int | None, *, clock: Clock | None = None) -> tuple[Correction, Correction]:
    """Cancel the correction ``number`` in force (``None``: the last one); returns (undo, undone)."""
    in_force = effective(read(path))
    if not in_force:
        raise CorrectionsError(f"no correction in force in {path}")
    undone = in_force[-1] if number is None else next((c for c in in_force if c.id == number), None)
    if undone is None:
        raise CorrectionsError(f"no correction {number} in force (see 'linkchart fix list')")
    return append(path, "undo", clock, undoes=undone.id), undone


def listing(db: Path, path: Path) -> list[Listed]:
    """The corrections in force, each with its state in the store (when there is one)."""
    in_force = effective(read(path))
    if not db.is_file():
        return [Listed(c, "pending") for c in in_force]
    with Store(db) as store:
        stored = Fixes.stored(store)
    applied, missing = set(stored.corrections), set(stored.missing)
    return [
        Listed(c, "pending" if c not in applied else "missing" if c.id in missing else "applied")
        for c in in_force
    ]
