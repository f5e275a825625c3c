"""The stored corpus vocabulary, merged again after a delta by reading only what the delta can move.

:func:`graph.resolve.merge.merge_vocabulary` is a function of the whole vocabulary, but each of its rules
relates a key to few others. The store keeps those relations as ``(rel, key)`` rows in
``vocabulary_links``, next to ``vocabulary`` and written with it (:class:`graph.resolve.relations.Rel`
names their kinds):

``m:{group key}``
    every key: its group key (:func:`graph.resolve.merge.group_key`, the merge's first pass);
``b:{words} {position} {other words} <{first two letters}`` and ``… >{last two letters}``
    keys of a person group with a full name: for each long word, the spelling block (the other
    words) with the word's first two letters, and with its last two (one edit in a word of five
    letters or more keeps one of them, so spelling variants share a row);
``r:{two words}``
    keys of a person group of two words, and of a longer one that may be its longer form
    (:func:`graph.resolve.merge.shorter_forms`: middle names, a word glued before the name);
``f:{word}``
    keys of a full person name left after the spelling pass: its first and last word (the lone
    names that can join it);
``a:{acronym}``
    keys of a non-person group whose one-word label is that acronym;
``e:{acronym}`` and ``u:{acronym}``
    keys of a non-person group whose label of several words that acronym could stand for: ``e``
    when the group took in no acronym (so it stays a candidate through the whole acronym pass),
    ``u`` when it did;
``d:{group key}``
    keys whose documents give their body that other name too (:data:`~graph.schema.DEFINES`),
    or a longer form of it with a place before it (:data:`~graph.schema.UNQUALIFIED`): the
    defined name's group and the key's join (:func:`graph.resolve.merge.merge_defined_names`; a loose
    name joins only the one body that gave it, and all such bodies are in the part with it);
``n:{family}``
    every key: its node id without collision suffixes (``org:route-66-2`` → ``org:route``); ids
    are numbered within a family.

:func:`merge_delta` starts from the keys whose counts changed and adds, to a fixed point, every
group whose node can then change or that the rules read to decide one: the whole match-key group;
the spelling variants (in the old and the new counts: parents are chosen among them); a lone name's
fits, and the lone name of a full name whose join can change (:func:`_lone_related`); the
acronyms a name in the part could stand for, and an acronym's names unless two that never change
are outside the part (:func:`_acronym_related`); then it merges that part alone with
:func:`graph.resolve.merge.merge_groups`, told how many full names outside the part each lone name fits
and how many names each acronym stands for, and numbers ids again in every family the part touched,
with the unchanged groups of those families read back from their stored nodes. The result is
exactly ``merge_vocabulary`` over the whole new vocabulary (``tests/graph/test_vocabulary_delta.py``).
When the part grows past :data:`MAX_SHARE` of the vocabulary, the whole vocabulary is merged.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from graph.resolve.corrections import Applied, Correction, apply_corrections, correction_rows, group_key_names
from graph.resolve.merge import (
    GlobalEntity,
    acronym_of,
    assign_ids,
    base_id,
    fitted_words,
    full_person_names,
    group_key,
    group_vocabulary,
    is_full_person_name,
    merge_groups,
    merge_spelling_variants,
    spelled_by,
)
from graph.resolve.relations import (
    Counts,
    Rel,
    block_rels,
    defined_name,
    family,
    family_links,
    group_rels,
    kind_of,
    shorter_names,
    types_json,
)
from graph.schema import DEFINES
from ner.aliases import spelling_variants

#: The whole vocabulary is merged when the part to merge again holds more than this share of it.
MAX_SHARE = 0.25


class StoredVocabulary(Protocol):
    """The stored vocabulary a delta merge reads (the store's ``vocabulary``,
    ``vocabulary_links`` and ``entity_corrections`` tables: :class:`graph.store.VocabularyTables`)."""

    def related(self, rels: Iterable[str]) -> Iterator[tuple[str, str]]:
        """``(rel, key)`` rows of these relations."""
        ...

    def keys_related(self, rel: str) -> Iterator[str]:
        """Keys of one relation, lazily (a caller may stop early)."""
        ...

    def rows(self, keys: Iterable[str] | None = None) -> Iterator[tuple[str, str, str]]:
        """``(key, types, node)`` rows of these keys (``None``: every key)."""
        ...

    def size(self) -> int:
        """How many keys are stored."""
        ...

    def links_of(self, keys: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        """``(rel, key)`` rows of these keys (``None``: every row)."""
        ...

    def correction_rows(self, nodes: Iterable[str]) -> dict[str, str]:
        """Stored ``entity_corrections`` data of these nodes."""
        ...

    def node_of(self, key: str) -> str | None:
        """The stored node of a key."""
        ...

    def all_keys(self) -> Iterator[str]:
        """Every stored key."""
        ...


@dataclass
class VocabularyMerge:
    """A merged vocabulary: every key's node, and the rows that record it."""

    #: The node of every key of the new vocabulary.
    ids: Mapping[str, str]
    #: Keys whose node changed, that are new, or that are gone.
    moved: set[str]
    #: ``vocabulary`` rows to write, ``{key: (types, node)}``, or ``None`` to delete.
    rows: dict[str, tuple[str, str] | None]
    #: ``vocabulary_links`` rows to delete and to insert.
    unlink: set[tuple[str, str]] = field(default_factory=set)
    link: set[tuple[str, str]] = field(default_factory=set)
    #: Keys merged again (the part), and whether that was the whole vocabulary.
    merged: int = 0
    whole: bool = False
    #: ``entity_corrections`` rows of the part's nodes (``{node: data}``), and the nodes whose
    #: stored rows go first; the nodes whose row changed (their entity rows are written again).
    corrections: dict[str, str] = field(default_factory=dict)
    uncorrect: set[str] = field(default_factory=set)
    relabelled: set[str] = field(default_factory=set)
    #: ``{correction id: node}`` of the entity each correction in force ended in, and the
    #: corrections whose entity no longer exists.
    nodes_of: dict[int, str] = field(default_factory=dict)
    missing: list[int] = field(default_factory=list)


def merge_all(vocabulary: Mapping[str, Counts], corrections: Sequence[Correction] = ()) -> VocabularyMerge:
    """Merge a whole vocabulary for an empty store (a full build): every row and link."""
    groups, links, applied = _merge(vocabulary, corrections=corrections)
    ids = assign_ids(groups)
    links |= family_links(ids, vocabulary)
    rows = {k: (types_json(vocabulary[k]), ids[k]) for k in vocabulary}
    merged = VocabularyMerge(ids, set(vocabulary), rows, link=links, merged=len(vocabulary), whole=True)
    merged.corrections = correction_rows(groups, ids)
    merged.relabelled = set(merged.corrections)
    merged.nodes_of, merged.missing = _nodes_of(applied.groups, ids), applied.missing
    return merged


def merge_delta(
    stored: StoredVocabulary,
    delta: Mapping[str, Counts],
    max_share: float | None = MAX_SHARE,
    corrections: Sequence[Correction] = (),
    changed: Iterable[Correction] = (),
) -> VocabularyMerge:
    """Merge the stored vocabulary plus ``delta`` (``{key: {type: change}}``) by reading only its part.

    ``max_share`` (``None``: no limit) is the share of the vocabulary past which the whole of it is
    merged. The groups the ``corrections`` in force name are always in the part (a correction relates
    them), and so are those of the ``changed`` ones (made or undone since the stored merge).
    Nothing is written: see :func:`graph.store.write_vocabulary`.
    """
    changed = tuple(changed)
    part = _Part(stored, delta, max_share, corrections, changed)
    try:
        _close(part)
    except _TooBig:
        part = _Part(stored, delta, None, corrections, changed)
        part.load_everything()
    return _merge_part(part)


def _nodes_of(applied: dict[int, GlobalEntity], ids: Mapping[str, str]) -> dict[int, str]:
    return {cid: ids[min(g.keys)] for cid, g in applied.items() if g.keys}


def _merge(
    vocabulary: Mapping[str, Counts],
    outside: tuple[Mapping[str, int], Mapping[str, int]] = ({}, {}),
    corrections: Sequence[Correction] = (),
) -> tuple[list[GlobalEntity], set[tuple[str, str]], Applied]:
    """Merge (part of) a vocabulary: its final groups, its keys' links but ``n:``, and the group
    each correction in force ended in.

    ``outside``: the lone names' fits and the acronyms' expansions outside the part.
    """
    groups = group_vocabulary(vocabulary)
    links = {(rel, k) for mk, g in groups.items() for rel in group_rels(mk, g) for k in g.keys}
    links |= {
        (Rel.DEFINED.of(defined_name(c)), k)
        for k, counts in vocabulary.items()
        for c in counts
        if c[:1] == DEFINES
    }
    members = {mk: set(g.keys) for mk, g in groups.items()}
    expansions = {mk: spelled_by(g) for mk, g in groups.items()}
    full = merge_groups(groups, *outside)
    links |= {(Rel.FITS.of(w), k) for mk in full for w in fitted_words(mk) for k in members[mk]}
    for mk, acronyms in expansions.items():
        kind = Rel.EXPANSION if mk in groups and groups[mk].keys == members[mk] else Rel.EXPANDED
        links |= {(kind.of(a), k) for a in acronyms for k in members[mk]}
    applied = apply_corrections(groups, corrections, vocabulary)
    return list(groups.values()), links, applied


class _TooBig(Exception):
    """The part to merge again is too large a share of the vocabulary."""


class _Part:
    """The groups whose nodes a vocabulary delta can change, with their stored and new counts.

    It reads the stored vocabulary; which groups come in is decided by the closure rules
    below (:func:`_close`), and the part is merged by :func:`_merge_part`.
    """

    def __init__(
        self,
        stored: StoredVocabulary,
        delta: Mapping[str, Counts],
        max_share: float | None,
        corrections: Sequence[Correction] = (),
        changed: Sequence[Correction] = (),
    ):
        self.source = stored
        self.corrections = corrections
        self.changed = changed
        self.delta = {k: Counter(v) for k, v in delta.items()}
        self.max_share = max_share
        self.limit: float | None = None
        self.whole = False
        #: match key → keys (stored or in the delta) of each group in the part
        self.groups: dict[str, set[str]] = {}
        #: stored types and node of the keys read
        self.old: dict[str, Counter] = {}
        self.stored: dict[str, tuple[str, str]] = {}
        #: lone name → full names outside the part that it fits (two at most: more make no difference)
        self.outside: dict[str, set[str]] = {}
        #: acronym → names outside the part it stands for (when two never change, they stay outside)
        self.spelled_outside: dict[str, int] = {}
        self.dirty: dict[str, set[str]] = defaultdict(set)
        for key in self.delta:
            self.dirty[group_key(key)].add(key)

    # -- reading --------------------------------------------------------------------------
    def links(self, rels: Iterable[str]) -> dict[str, set[str]]:
        """Stored keys by relation."""
        found: dict[str, set[str]] = defaultdict(set)
        for rel, key in self.source.related(rels):
            found[rel].add(key)
        return found

    def outside_groups(self, rel: str, enough: int = 2) -> set[str]:
        """Groups outside the part with a stored relation, until ``enough`` of them are found."""
        found: set[str] = set()
        for key in self.source.keys_related(rel):
            group = group_key(key)
            if group not in self.groups:
                found.add(group)
                if len(found) == enough:
                    break
        return found

    def read(self, keys: Iterable[str]) -> None:
        """Read the stored rows of these keys."""
        keys = set(keys) - self.stored.keys()
        self._keep(self.source.rows(keys))

    def add(self, match_keys: set[str]) -> None:
        """Take these groups into the part, with all their keys."""
        fresh = match_keys - self.groups.keys()
        stored = self.links(Rel.MATCH.of(mk) for mk in fresh)
        for mk in fresh:
            self.groups[mk] = stored.get(Rel.MATCH.of(mk), set()) | self.dirty.get(mk, set())
        self.read(k for mk in fresh for k in stored.get(Rel.MATCH.of(mk), ()))
        self.check_size()

    def check_size(self) -> None:
        """Raise :class:`_TooBig` when the part outgrows its share of the vocabulary."""
        if self.max_share is None:
            return
        size = sum(len(keys) for keys in self.groups.values())
        if self.limit is None:
            self.limit = self.max_share * self.source.size()
        if size > self.limit:
            raise _TooBig

    def load_everything(self) -> None:
        """Make the part the whole vocabulary."""
        self.whole = True
        self._keep(self.source.rows())
        for key in self.old.keys() | self.delta.keys():
            self.groups.setdefault(group_key(key), set()).add(key)

    def _keep(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Keep stored ``(key, types, node)`` rows."""
        for key, types, node in rows:
            self.stored[key] = (types, node)
            self.old[key] = Counter(json.loads(types))

    # -- the part's counts ------------------------------------------------------------------
    def keys(self) -> set[str]:
        return {k for keys in self.groups.values() for k in keys}

    def vocabulary(self, new: bool, match_keys: Iterable[str] | None = None) -> dict[str, Counter]:
        """Counts of the part's keys (or of these groups'), stored or new; keys without any left out."""
        found = {}
        for mk in self.groups if match_keys is None else match_keys:
            for key in self.groups[mk]:
                counts = self.old.get(key, Counter())
                if new:
                    counts = counts + self.delta.get(key, Counter())  # keeps positive counts only
                if counts:
                    found[key] = counts
        return found

    # -- the merge --------------------------------------------------------------------------


# -- the closure: which groups a delta can move -------------------------------------------
def _close(part: _Part) -> None:
    """Add groups until none outside the part can change or decide a node inside it."""
    pending = set(part.dirty) | group_key_names([*part.corrections, *part.changed])
    while pending:
        while pending:
            part.add(pending)
            pending = _related(part, pending)
        pending = _lone_related(part) | _acronym_related(part)


def _related(part: _Part, match_keys: set[str]) -> set[str]:
    """Groups outside the part that are spelling variants of these, acronyms standing for them,
    names they were given, or groups that gave them their name."""
    asking: dict[str, set[str]] = defaultdict(set)  # relation → groups asking for it
    defined: set[str] = set()
    for new in (False, True):
        for mk, g in group_vocabulary(part.vocabulary(new, match_keys)).items():
            asking[Rel.DEFINED.of(mk)].add(mk)
            defined |= {defined_name(DEFINES + name) for name in g.defines}
            for name in shorter_names(mk) if is_full_person_name(mk, g) else ():
                asking[Rel.SHORTER.of(name)].add(mk)
            for rel in block_rels(mk) if is_full_person_name(mk, g) else ():
                asking[rel].add(mk)
            for acronym in spelled_by(g):
                asking[Rel.ACRONYM.of(acronym)].add(mk)
    found = defined - part.groups.keys()
    for rel, keys in part.links(asking).items():
        for other in {group_key(k) for k in keys} - part.groups.keys():
            if kind_of(rel) is not Rel.BLOCK or any(spelling_variants(other, mk) for mk in asking[rel]):
                found.add(other)
    return found


def _acronym_related(part: _Part) -> set[str]:
    """The names outside the part that an acronym in it stands for, unless two never change.

    Acronyms are joined one after another, and a join can change the label or type of the
    name joined, so an acronym's fits depend on the acronyms joined before it. But a name that
    took in no acronym (``e:`` rows) never changes: with two of them outside the part, an
    acronym in it never joins, whatever happens inside. Otherwise all its names come in (the
    part is then closed over the acronyms they could stand for by :meth:`related`).
    """
    acronyms = set()
    for new in (False, True):
        acronyms |= {acronym_of(g) for g in group_vocabulary(part.vocabulary(new)).values()} - {None}
    part.spelled_outside, found = {}, set()
    for acronym in acronyms:
        if len(part.outside_groups(Rel.EXPANSION.of(acronym))) == 2:
            part.spelled_outside[acronym] = 2
        else:
            rows = part.links([Rel.EXPANSION.of(acronym), Rel.EXPANDED.of(acronym)]).values()
            found |= {group_key(k) for keys in rows for k in keys} - part.groups.keys()
    return found


def _lone_related(part: _Part) -> set[str]:
    """Lone names and full names outside the part whose joins can change or decide one inside it.

    A lone name joins the one full name left after the spelling pass that it fits. With the
    part closed over spelling variants, the full names left inside it are known in both
    counts, and those outside are the same in both (``f:`` rows). A lone name inside the part
    needs the full name it joins; one outside it needs to come in when its join changes or
    goes to a full name inside the part.
    """
    states = []
    for new in (False, True):
        groups = group_vocabulary(part.vocabulary(new))
        lone = {k for k, g in groups.items() if g.type == "person" and " " not in k}
        people = full_person_names(groups)
        fits: dict[str, set[str]] = defaultdict(set)
        for name in merge_spelling_variants(groups):
            for word in fitted_words(name):
                fits[word].add(name)
        states.append((lone, people, fits))
    words = {w for lone, people, _ in states for w in lone | {w for p in people for w in fitted_words(p)}}
    part.outside = {w: part.outside_groups(Rel.FITS.of(w)) for w in words}
    found = set()
    for word in words:
        joins = []
        for lone, _, fits in states:
            fit = part.outside[word] | fits[word]
            joins.append(
                next(iter(fit)) if len(fit) == 1 and (word in lone or word not in part.groups) else None
            )
        targets = {j for j in joins if j}
        if word in part.groups:
            found |= targets
        elif joins[0] != joins[1] or targets & part.groups.keys():
            found |= targets | {word}
    return found - part.groups.keys()


# -- the merge of the part ----------------------------------------------------------------
def _merge_part(part: _Part) -> VocabularyMerge:
    """Merge the part, and number ids again in the families it touches."""
    new = part.vocabulary(True)
    fits = {w: len(found) for w, found in part.outside.items() if found}
    groups, links, applied = _merge(new, (fits, part.spelled_outside), part.corrections)
    keys = part.keys()
    frozen = _frozen(part, groups, keys)
    ids = assign_ids([*groups, *frozen])
    corrections = correction_rows(groups, ids)
    old_nodes = {part.stored[k][1] for k in keys if k in part.stored}
    stored_rows = part.source.correction_rows(old_nodes | set(corrections))
    relabelled = {
        n for n in stored_rows.keys() | corrections.keys() if stored_rows.get(n) != corrections.get(n)
    }
    links |= family_links(ids, new)
    rows: dict[str, tuple[str, str] | None] = {}
    for key in keys:
        row = (types_json(new[key]), ids[key]) if key in new else None
        if part.stored.get(key) != row:
            rows[key] = row
    for g in frozen:  # the same keys and counts: only the number can change
        rows.update((k, (part.stored[k][0], ids[k])) for k in g.keys if ids[k] != part.stored[k][1])
    moved = {k for k in keys if (k in new) != (k in part.stored)} | {
        k for k, row in rows.items() if row and k in part.stored and row[1] != part.stored[k][1]
    }
    old_links = set(_stored_links(part, keys))
    thawed = {k for g in frozen for k in g.keys}
    fresh = {k: ids[k] for k in new.keys() | thawed}
    return VocabularyMerge(
        _Nodes(part.source, fresh, keys - new.keys()),
        moved,
        rows,
        old_links - links,
        links - old_links,
        len(keys | thawed),
        part.whole,
        corrections,
        set(stored_rows),
        relabelled,
        _nodes_of(applied.groups, ids),
        applied.missing,
    )


def _frozen(part: _Part, groups: list[GlobalEntity], keys: set[str]) -> list[GlobalEntity]:
    """The unchanged groups in the id families the part has or had, from their stored rows."""
    families = {family(base_id(g)) for g in groups}
    families |= {family(part.stored[k][1]) for k in keys if k in part.stored}
    stored = part.links(Rel.FAMILY.of(f) for f in families)
    others = {k for found in stored.values() for k in found} - keys
    part.read(others)
    by_node: dict[str, GlobalEntity] = defaultdict(GlobalEntity)
    for key in sorted(others):
        by_node[part.stored[key][1]].add(key, part.old[key])
    return list(by_node.values())


def _stored_links(part: _Part, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    """The stored relation rows of these keys."""
    yield from part.source.links_of(None if part.whole else keys)


class _Nodes(Mapping[str, str]):
    """Every key's node: merged again, or as stored."""

    def __init__(self, stored: StoredVocabulary, fresh: dict[str, str], gone: set[str]):
        self.source, self.fresh, self.gone = stored, fresh, gone

    def __getitem__(self, key: str) -> str:
        if key in self.fresh:
            return self.fresh[key]
        node = self.source.node_of(key)
        if node is None or key in self.gone:
            raise KeyError(key)
        return node

    def __iter__(self) -> Iterator[str]:
        yield from self.fresh
        for key in self.source.all_keys():
            if key not in self.fresh and key not in self.gone:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)
