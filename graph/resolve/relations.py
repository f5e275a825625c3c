"""How vocabulary keys relate in the merge: the ``(rel, key)`` rows of ``vocabulary_links``.

A relation is a :class:`Rel` kind and a value, stored as ``"{kind}:{value}"`` (``m:han dong``);
:mod:`graph.resolve.vocabulary` reads them to merge again only what a delta can move.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum

from graph.resolve.merge import (
    GlobalEntity,
    acronym_of,
    is_full_person_name,
    shorter_forms,
    spelling_blocks,
)
from graph.schema import DEFINES, UNQUALIFIED

Counts = Mapping[str, int]


class Rel(StrEnum):
    """The kinds of relation between vocabulary keys (see :mod:`graph.resolve.vocabulary`)."""

    #: every key: its group key
    MATCH = "m"
    #: keys of a person group with a full name: a spelling block and two letters of a word
    BLOCK = "b"
    #: keys of a two-word person group, and of a longer one that may be its longer form
    SHORTER = "r"
    #: keys of a full person name left after the spelling pass: its first and last word
    FITS = "f"
    #: keys of a non-person group whose one-word label is that acronym
    ACRONYM = "a"
    #: keys of a non-person group whose label that acronym could stand for, having taken in none
    EXPANSION = "e"
    #: ... having taken one in
    EXPANDED = "u"
    #: keys whose documents give their body that other name too
    DEFINED = "d"
    #: every key: its node id without collision suffixes
    FAMILY = "n"

    def of(self, value: str) -> str:
        """The stored relation of this kind to ``value``."""
        return f"{self.value}:{value}"


def kind_of(rel: str) -> Rel:
    """The kind of a stored relation."""
    return Rel(rel[0])


def family(node: str) -> str:
    """A node id without collision suffixes: ids that can collide share it."""
    return re.sub(r"(?:-\d+)+$", "", node)


def defined_name(entry: str) -> str:
    """The group key a :data:`~graph.schema.DEFINES` count entry names (loose or not)."""
    return entry[len(DEFINES) :].removeprefix(UNQUALIFIED)


def types_json(counts: Counts) -> str:
    """A key's type counts as stored in ``vocabulary.types``."""
    return json.dumps(dict(sorted(counts.items())), ensure_ascii=False)


def block_rels(name: str) -> list[str]:
    """The :attr:`Rel.BLOCK` relations of a full name: its spelling blocks
    (:func:`graph.resolve.merge.spelling_blocks`)."""
    rels = []
    for (n, position, *others), word in spelling_blocks(name):
        block = Rel.BLOCK.of(f"{n} {position} {' '.join(others)}")
        rels += [f"{block} <{word[:2]}", f"{block} >{word[-2:]}"]
    return rels


def shorter_names(key: str) -> set[str]:
    """A two-word person name, and the two-word names a longer one may be a longer form of
    (:func:`graph.resolve.merge.shorter_forms`): the names of its :attr:`Rel.SHORTER` rows."""
    return {key} if len(key.split()) == 2 else shorter_forms(key)


def group_rels(key: str, g: GlobalEntity) -> list[str]:
    """A match-key group's relations that do not depend on other groups (match, block, shorter,
    acronym)."""
    rels = [Rel.MATCH.of(key)]
    if is_full_person_name(key, g):
        rels += block_rels(key) + [Rel.SHORTER.of(name) for name in sorted(shorter_names(key))]
    acronym = acronym_of(g)
    if acronym:
        rels.append(Rel.ACRONYM.of(acronym))
    return rels


def family_links(ids: Mapping[str, str], keys: Iterable[str]) -> set[tuple[str, str]]:
    """The :attr:`Rel.FAMILY` rows of these keys."""
    return {(Rel.FAMILY.of(family(ids[k])), k) for k in keys}
