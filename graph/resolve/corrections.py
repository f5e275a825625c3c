"""An analyst's corrections to entities and claims, kept apart from the extracted data.

Corrections live in a JSON Lines file beside the store (``<store>.corrections.jsonl`` by
default), one correction a line, appended and never rewritten, so a desk can keep it in git,
diff it and share it::

    {"id": 1, "at": "2026-12-07T02:51:06Z", "op": "merge", "entity": "BaFin", "other": "Bafin"}
    {"id": 2, "at": "2026-12-07T02:53:40Z", "op": "type", "entity": "Wirecard", "type": "organization"}
    {"id": 3, "at": "2026-12-07T02:55:02Z", "op": "undo", "undoes": 2}

Entity corrections name entities by a name of theirs (the label when the fix was made): a name
is a key of the corpus vocabulary, so it keeps pointing at its entity whatever articles arrive.
They are applied inside resolution (:func:`apply_corrections`, called by
:func:`graph.resolve.merge.merge_groups`'s callers), after the automatic merges and in file order:

``merge A B``      B's entity joins A's; A's name stays the label
``split A ALIAS``  the names of A's entity with ALIAS's match key become an entity of their own
``type A T``       the entity's type is T
``rename A NEW``   the entity's label is NEW
``drop A``         the entity is no node: its mentions, links and claims are left out

Claim corrections name a claim by its id (:func:`claim_id`): ``drop-claim`` leaves it out,
``speaker`` gives it another speaker. ``undo`` cancels an earlier correction.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.resolve.merge import GlobalEntity, group_key
from graph.schema import ENTITY_TYPES
from ner.cleanup import match_key

#: Corrections to entities, to claims, and the one that cancels another.
ENTITY_OPS = ("merge", "split", "type", "rename", "drop")
CLAIM_OPS = ("drop-claim", "speaker")
UNDO = "undo"
#: The fields each correction carries besides ``id``, ``at`` and ``op``.
FIELDS = {
    "merge": ("entity", "other"),
    "split": ("entity", "alias"),
    "type": ("entity", "type"),
    "rename": ("entity", "name"),
    "drop": ("entity",),
    "drop-claim": ("claim", "document"),
    "speaker": ("claim", "document", "entity"),
    UNDO: ("undoes",),
}
#: The value ``corrected`` lists for an entity a correction of that op shaped.
CORRECTED = {"merge": "merge", "split": "split", "type": "type", "rename": "name", "drop": "drop"}


class CorrectionsError(ValueError):
    """A corrections file that cannot be read, or a correction that cannot be made."""


@dataclass(frozen=True)
class Correction:
    """One line of a corrections file."""

    id: int
    op: str
    at: str
    #: The op's fields (:data:`FIELDS`), as strings (``undoes``: an id).
    args: tuple[tuple[str, Any], ...] = ()

    def get(self, name: str) -> Any:
        """One of the op's fields."""
        return dict(self.args).get(name)

    def names(self) -> tuple[str, ...]:
        """The entity names the correction reads."""
        return tuple(v for k, v in self.args if k in ("entity", "other", "alias"))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at, "op": self.op, **dict(self.args)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Correction:
        op = data.get("op")
        if op not in FIELDS or not isinstance(data.get("id"), int):
            raise CorrectionsError(f"not a correction: {json.dumps(data, ensure_ascii=False)[:80]}")
        args = []
        for name in FIELDS[op]:
            value = data.get(name)
            if not isinstance(value, int if name == "undoes" else str) or value == "":
                raise CorrectionsError(f"correction {data['id']}: {op} needs {name!r}")
            args.append((name, value))
        if op == "type" and dict(args)["type"] not in ENTITY_TYPES:
            raise CorrectionsError(f"correction {data['id']}: unknown type {dict(args)['type']!r}")
        return cls(data["id"], op, str(data.get("at") or ""), tuple(args))

    def describe(self) -> str:
        """The correction as the command that made it."""
        quoted = [json.dumps(v, ensure_ascii=False) if isinstance(v, str) else str(v) for _, v in self.args]
        return " ".join([self.op, *quoted])


def default_path(db: Path) -> Path:
    """The corrections file of a store: ``linkchart.db`` → ``linkchart.corrections.jsonl``."""
    return db.with_name(f"{db.stem}.corrections.jsonl")


def read(path: Path) -> list[Correction]:
    """Every line of a corrections file (none if it does not exist), undos included."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise CorrectionsError(f"cannot read corrections file {path}: {error}") from error
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            found.append(Correction.from_json(json.loads(line)))
        except (json.JSONDecodeError, AttributeError, CorrectionsError) as error:
            raise CorrectionsError(f"{path}, line {number}: {error}") from error
    return found


def effective(lines: Iterable[Correction]) -> list[Correction]:
    """The corrections in force: every correction not undone (an undo can be undone), in order."""
    lines = list(lines)
    undone: set[int] = set()
    for c in reversed(lines):  # a later undo decides about an earlier one
        if c.op == UNDO and c.id not in undone:
            undone.add(c.get("undoes"))
    return [c for c in lines if c.op != UNDO and c.id not in undone]


def append(path: Path, op: str, clock: Any = None, **fields: Any) -> Correction:
    """Append one correction to the file (created if missing) under an exclusive lock; return it.

    ``clock`` returns the time stamp (a ``datetime``); the default is the wall clock.
    """
    now = (clock or (lambda: datetime.now(UTC)))()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        lines = [json.loads(line) for line in f.read().splitlines() if line.strip()]
        number = max((line.get("id", 0) for line in lines), default=0) + 1
        data = {"id": number, "at": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "op": op, **fields}
        correction = Correction.from_json(data)
        f.seek(0, os.SEEK_END)
        f.write(json.dumps(correction.to_json(), ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())
    return correction


def claim_id(claim: Mapping[str, Any]) -> str:
    """A claim's id: stable across builds while its document, sentence, verb and quote are."""
    basis = "\0".join(str(claim.get(k, "")) for k in ("document", "sent_index", "verb", "quote", "sentence"))
    return "c" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:8]


# -- applying them ---------------------------------------------------------------------------
@dataclass
class Applied:
    """What applying corrections to merged groups did."""

    #: Corrections whose entity (or alias) no longer exists: nothing was done.
    missing: list[int] = field(default_factory=list)
    #: ``{correction id: group}`` each correction naming an entity found it in (a later merge may
    #: take that group in: its keys still lead to the entity's node).
    groups: dict[int, GlobalEntity] = field(default_factory=dict)


class _Finder:
    """Group keys by the match keys of their names (and of the names corrections gave them)."""

    def __init__(self, groups: Mapping[str, GlobalEntity]):
        self.home: dict[str, str] = {}
        for mk, g in groups.items():
            self.note(mk, g)

    def note(self, mk: str, g: GlobalEntity) -> None:
        for key in g.keys:
            self.home[group_key(key)] = mk
        if g.label_override:
            self.home[group_key(g.label_override)] = mk

    def find(self, groups: Mapping[str, GlobalEntity], name: str) -> str | None:
        mk = self.home.get(group_key(name))
        return mk if mk in groups else None


def apply_corrections(
    groups: dict[str, GlobalEntity],
    corrections: Sequence[Correction],
    vocabulary: Mapping[str, Mapping[str, int]],
) -> Applied:
    """Apply the entity corrections in force to merged groups, in place and in order.

    ``vocabulary`` holds the counts of every key of ``groups`` (a split counts its parts again).
    """
    applied = Applied()
    finder = _Finder(groups)
    for c in corrections:
        if c.get("entity") is None:
            continue
        mk = finder.find(groups, c.get("entity"))
        if mk is None:
            applied.missing.append(c.id)
            continue
        g = groups[mk]
        if c.op not in ENTITY_OPS:  # a claim's new speaker: only found
            applied.groups[c.id] = g
            continue
        if c.op == "merge":
            other = finder.find(groups, c.get("other"))
            if other is None:
                applied.missing.append(c.id)
                continue
            if other != mk:
                label = g.label
                g.absorb(groups.pop(other))
                g.label_override = label
                finder.note(mk, g)
        elif c.op == "split":
            alias = group_key(c.get("alias"))
            moving = {k for k in g.keys if group_key(k) == alias}
            if not moving or moving == g.keys:
                applied.missing.append(c.id)
                continue
            groups[mk] = _regroup(g.keys - moving, vocabulary, like=g)
            part = f"{alias}\0split{c.id}"
            groups[part] = _regroup(moving, vocabulary)
            groups[part].corrected.add(CORRECTED["split"])
            finder.note(mk, groups[mk])
            finder.note(part, groups[part])
            g = groups[mk]
        elif c.op == "type":
            g.type_override = c.get("type")
        elif c.op == "rename":
            g.label_override = c.get("name")
            finder.note(mk, g)
        elif c.op == "drop":
            g.dropped = True
        g.corrected.add(CORRECTED[c.op])
        g.forget()
        applied.groups[c.id] = g
    return applied


def group_key_names(corrections: Iterable[Correction]) -> set[str]:
    """The group keys of every name the corrections read (their groups merge together)."""
    return {group_key(name) for c in corrections for name in c.names()}


def correction_rows(groups: Iterable[GlobalEntity], ids: Mapping[str, str]) -> dict[str, str]:
    """``entity_corrections`` rows: ``{node: {"label": name set by hand or null, "corrected": kinds}}``."""
    rows = {}
    for g in groups:
        node = ids[min(g.keys)] if g.keys else ""
        if g.corrected and node:
            data = {"label": g.label_override, "corrected": sorted(g.corrected)}
            rows[node] = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return rows


def _regroup(
    keys: set[str], vocabulary: Mapping[str, Mapping[str, int]], like: GlobalEntity | None = None
) -> GlobalEntity:
    """A group of these keys, counted again, with ``like``'s corrections (a label a merge kept
    goes when its name leaves)."""
    g = GlobalEntity()
    for key in sorted(keys):
        g.add(key, vocabulary.get(key, {}))
    if like is not None:
        g.label_override, g.type_override, g.dropped = like.label_override, like.type_override, like.dropped
        g.corrected = set(like.corrected)
        kept = {group_key(k) for k in keys}
        if (
            g.label_override
            and CORRECTED["rename"] not in g.corrected
            and group_key(g.label_override) not in kept
        ):
            g.label_override = None
    return g


def claim_fixes(corrections: Iterable[Correction]) -> Iterator[Correction]:
    """The claim corrections in force, in order."""
    return (c for c in corrections if c.op in CLAIM_OPS)


def corrected_attributes(attributes: dict[str, Any], row: str | None) -> dict[str, Any]:
    """A node's attributes with what corrections made of it (an ``entity_corrections`` row): the
    label set by hand (the computed one stays an alias) and ``corrected``, the kinds of fix."""
    if not row:
        return attributes
    data = json.loads(row)
    found = dict(attributes)
    label = data.get("label")
    if label and label != found["label"]:
        found["aliases"] = sorted({*found.get("aliases", []), found["label"]} - {label})
        found["label"] = label
    found["corrected"] = data.get("corrected", [])
    return found


#: The store's ``meta`` entry recording the corrections its graph applies.
META_KEY = "corrections"


@dataclass
class Fixes:
    """The corrections in force for one graph update, and what applying them found."""

    corrections: tuple[Correction, ...]
    #: ``{correction id: node}`` of the entity each correction ended in.
    nodes: dict[int, str] = field(default_factory=dict)
    #: Corrections whose entity no longer exists.
    missing: list[int] = field(default_factory=list)

    @property
    def splits(self) -> frozenset[str]:
        """Match keys of the names split off their entities (
        :func:`graph.aggregate.contribution.split_names`)."""
        return frozenset(match_key(c.get("alias")) for c in self.corrections if c.op == "split")

    def claims(self) -> dict[str, str]:
        """``{claim id: speaker node}``, ``""`` for a dropped claim (a new speaker that no longer
        exists leaves the claim as it was)."""
        found: dict[str, str] = {}
        for c in claim_fixes(self.corrections):
            if c.op == "drop-claim":
                found[c.get("claim")] = ""
            elif c.id in self.nodes:
                found[c.get("claim")] = self.nodes[c.id]
        return found

    def changed_splits(self, before: Fixes) -> list[str]:
        """The names of the splits made or undone since ``before`` (entity and alias): the
        documents naming either are summarised again (:func:`graph.store.documents_naming`)."""
        changed = set(self.corrections) ^ set(before.corrections)
        return [c.get(n) for c in changed if c.op == "split" for n in ("entity", "alias")]

    def claim_documents(self, before: Fixes) -> set[str]:
        """Documents whose claims a changed correction (or a new speaker's new node) reshapes."""
        changed = set(claim_fixes(set(self.corrections) ^ set(before.corrections)))
        moved = {
            c
            for c in claim_fixes(self.corrections)
            if c.op == "speaker" and self.nodes.get(c.id) != before.nodes.get(c.id)
        }
        return {c.get("document") for c in changed | moved}

    def to_json(self) -> dict[str, Any]:
        return {
            "applied": [c.to_json() for c in self.corrections],
            "nodes": {str(k): v for k, v in sorted(self.nodes.items())},
            "missing": sorted(self.missing),
        }

    @classmethod
    def stored(cls, store: Any) -> Fixes:
        """What a store's graph applies (nothing for a store that never had corrections)."""
        data = json.loads(store.get_meta(META_KEY) or "{}")
        return cls(
            tuple(Correction.from_json(c) for c in data.get("applied", [])),
            {int(k): v for k, v in data.get("nodes", {}).items()},
            list(data.get("missing", [])),
        )
