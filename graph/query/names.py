"""Names typed by a user → entity ids: one set of rules for the store and for an in-memory graph.

A name is an entity id, a label or an alias, matched case-, accent- and
quote-insensitively (:func:`ner.cleanup.match_key`); a label match beats an alias
match; several equally good matches are ambiguous; no match gets "did you mean"
suggestions. :func:`find_entity` works on any :class:`NameIndex`: the store
(:class:`graph.store.facade.Store`, an indexed SQL lookup) or :class:`GraphNames` (a
networkx graph in memory).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from graph.errors import AmbiguousEntity, EntityNotFound, OutletNotFound
from ner.cleanup import match_key

#: Minimum rapidfuzz score for a "did you mean" suggestion.
SUGGESTION_CUTOFF = 60
#: How many suggestions to offer.
MAX_SUGGESTIONS = 3


class NameIndex(Protocol):
    """What :func:`find_entity` needs to look names up."""

    def types_of(self, nodes: Iterable[str]) -> dict[str, str]:
        """``{id: type}`` of the given ids that exist."""

    def labels_of(self, nodes: Iterable[str]) -> dict[str, str]:
        """``{id: label}`` of the given ids that exist."""

    def ids_named(self, key: str) -> tuple[list[str], list[str]]:
        """Sorted ids whose label, and whose aliases, have this match key."""

    def labels(self) -> dict[str, str]:
        """``{label: id}`` of every entity."""


class GraphNames:
    """A :class:`NameIndex` over a linkchart graph in memory."""

    def __init__(self, G):
        self.G = G

    def types_of(self, nodes: Iterable[str]) -> dict[str, str]:
        return {n: self.G.nodes[n].get("type", "") for n in nodes if n in self.G}

    def labels_of(self, nodes: Iterable[str]) -> dict[str, str]:
        return {n: self.G.nodes[n].get("label", n) for n in nodes if n in self.G}

    def ids_named(self, key: str) -> tuple[list[str], list[str]]:
        by_label, by_alias = set(), set()
        for node, data in self.G.nodes(data=True):
            if match_key(data.get("label", "")) == key:
                by_label.add(node)
            elif key in {match_key(a) for a in data.get("aliases", [])}:
                by_alias.add(node)
        return sorted(by_label), sorted(by_alias)

    def labels(self) -> dict[str, str]:
        return {data.get("label", node): node for node, data in self.G.nodes(data=True)}


def find_entity(index: NameIndex, name: str) -> str:
    """The entity id a user means by ``name`` (an id, a label or an alias).

    Raises
    ------
    EntityNotFound
        Nothing matches; the exception carries "did you mean" suggestions.
    AmbiguousEntity
        Several entities match equally well; it lists them with their types.
    """
    if index.types_of([name]):
        return name
    by_label, by_alias = index.ids_named(match_key(name))
    candidates = by_label or by_alias
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        labels, types = index.labels_of(candidates), index.types_of(candidates)
        raise AmbiguousEntity(name, [(n, labels[n], types[n]) for n in candidates])
    raise EntityNotFound(name, suggest(index.labels(), name))


def suggest(labels: Iterable[str], name: str) -> list[str]:
    """Labels close to ``name`` (rapidfuzz WRatio), best first."""
    from rapidfuzz import fuzz, process  # only a failed lookup needs it

    matches = process.extract(
        match_key(name),
        {label: match_key(label) for label in labels},
        scorer=fuzz.WRatio,
        limit=MAX_SUGGESTIONS,
        score_cutoff=SUGGESTION_CUTOFF,
    )
    return [m[2] for m in matches]


def find_outlet(outlets: Iterable[str], name: str) -> str:
    """The outlet a user means by ``name``, matched as entity names are (case, accents, quotes).

    Raises
    ------
    OutletNotFound
        No outlet matches; the exception carries "did you mean" suggestions.
    """
    outlets = sorted(set(outlets))
    wanted = match_key(name)
    for outlet in outlets:
        if match_key(outlet) == wanted:
            return outlet
    raise OutletNotFound(name, suggest(outlets, name))


def find_node(G, name: str) -> str:
    """The node a user means by ``name``: :func:`find_entity` on a graph in memory.

    Raises
    ------
    EntityNotFound
        Nothing matches; the exception carries "did you mean" suggestions.
    AmbiguousEntity
        Several nodes match equally well.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("person:a-b", label="A B", type="person", aliases=["B"])
    >>> find_node(G, "a b")
    'person:a-b'
    """
    return find_entity(GraphNames(G), name)
