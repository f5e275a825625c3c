"""Entities across documents, and names typed by a user, resolved to graph nodes.

:func:`merge_entities` joins the document-local entities from ``ner`` into
corpus-wide entities: identical normalised names merge; a near-identical
spelling of a person's full name ("Meng Wangzhou") joins the frequent spelling;
a lone surname with no full name in its own document joins the one full name
it fits in the corpus; an acronym joins the one expansion it spells.
:func:`find_node` turns a name typed on the command line into a node id.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.names import GraphNames, resolve, suggest
from ner.aliases import spelling_variants
from ner.cleanup import initials_variants, is_acronym, match_key

#: When two documents disagree on an entity's type, the earlier type wins a tie.
TYPE_PRECEDENCE = ("person", "agency", "outlet", "organization", "platform", "place", "group")


@dataclass
class GlobalEntity:
    """A corpus-wide entity being assembled from document-local ones."""

    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    locals: set[tuple[str, str]] = field(default_factory=set)

    @property
    def label(self) -> str:
        """The most used full name (longest wins a tie)."""
        return max(self.names.items(), key=lambda kv: (kv[1], len(kv[0].split()), kv[0]))[0]

    @property
    def type(self) -> str:
        """The majority type."""
        return max(self.types.items(), key=lambda kv: (kv[1], -TYPE_PRECEDENCE.index(kv[0])))[0]


def slug(text: str) -> str:
    """ASCII slug for node ids ("Meng Wanzhou" → "meng-wanzhou")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "entity"


def merge_entities(local: dict[tuple[str, str], tuple[str, int]]) -> dict[tuple[str, str], str]:
    """Map each document-local entity to a corpus-wide node id.

    Parameters
    ----------
    local : dict
        ``{(doc_id, key): (type, mention_count)}`` for every resolved entity.

    Returns
    -------
    dict
        ``{(doc_id, key): node_id}`` with node ids of the form ``"type:slug"``.
    """
    groups: dict[str, GlobalEntity] = defaultdict(GlobalEntity)
    for (doc_id, key), (kind, count) in local.items():
        g = groups[match_key(key)]
        g.names[key] += count
        g.types[kind] += count
        g.locals.add((doc_id, key))
    _merge_spelling_variants(groups)
    _merge_lone_names(groups)
    _merge_acronyms(groups)
    ids: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for g in sorted(groups.values(), key=lambda g: (-sum(g.names.values()), g.label)):
        node = f"{g.type}:{slug(g.label)}"
        n = 2
        while node in used:
            node, n = f"{g.type}:{slug(g.label)}-{n}", n + 1
        used.add(node)
        for pair in g.locals:
            ids[pair] = node
    return ids


def _absorb(groups: dict[str, GlobalEntity], source: str, target: str) -> None:
    g, into = groups.pop(source), groups[target]
    into.names.update(g.names)
    into.types.update(g.types)
    into.locals |= g.locals


def _merge_spelling_variants(groups: dict[str, GlobalEntity]) -> None:
    people = sorted(
        (k for k, g in groups.items() if g.type == "person" and " " in k),
        key=lambda k: -sum(groups[k].names.values()),
    )
    for i, rare in reversed(list(enumerate(people))):
        for frequent in people[:i]:
            if frequent in groups and rare in groups and spelling_variants(rare, frequent):
                _absorb(groups, rare, frequent)
                break


def _merge_lone_names(groups: dict[str, GlobalEntity]) -> None:
    full = [k for k, g in groups.items() if g.type == "person" and " " in k]
    for key in [k for k, g in groups.items() if g.type == "person" and " " not in k]:
        fits = [f for f in full if key in (f.split()[0], f.split()[-1])]
        if len(fits) == 1:
            _absorb(groups, key, fits[0])


def _merge_acronyms(groups: dict[str, GlobalEntity]) -> None:
    for key in list(groups):
        label = groups[key].label if key in groups else ""
        if not label or " " in label or not is_acronym(label) or groups[key].type == "person":
            continue
        acronym = label.replace(".", "").upper()
        fits = [
            k
            for k, g in groups.items()
            if k != key
            and len(g.label.split()) > 1
            and acronym in initials_variants(g.label)
            and g.type != "person"
        ]
        if len(fits) == 1:
            _absorb(groups, key, fits[0])


# -- names typed by a user ----------------------------------------------------------------
__all__ = ["AmbiguousEntity", "EntityNotFound", "find_node", "merge_entities", "suggest"]


def find_node(G, name: str) -> str:
    """The node a user means by ``name``: :func:`graph.names.resolve` on a graph in memory.

    Raises
    ------
    EntityNotFound
        Nothing matches; the exception carries "did you mean" suggestions.
    AmbiguousEntity
        Several nodes match equally well.

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_node("person:a-b", label="A B", type="person", aliases=["B"])
    >>> find_node(G, "a b")
    'person:a-b'
    """
    return resolve(GraphNames(G), name)
