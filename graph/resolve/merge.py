"""Entities across documents merged into corpus-wide entities.

:func:`merge_entities` joins the document-local entities from ``ner`` into
corpus-wide entities: identical normalised names merge; a near-identical
spelling of a person's full name ("Meng Wangzhou") joins the frequent spelling;
a lone surname with no full name in its own document joins the one full name
it fits in the corpus; an acronym joins the one expansion it spells.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from graph.canonical import canonical_name
from graph.schema import DEFINES, DOCUMENTS, MENTIONS, UNQUALIFIED, WEAK
from ner.aliases import MIN_FUZZY_TOKEN, spelling_variants
from ner.cleanup import (
    NAME_PARTICLES,
    initials_variants,
    is_acronym,
    match_key,
    party_name,
    without_legal_forms,
)
from ner.records import PERSON_EVIDENCE
from ner.rules import Rules, per_rules

#: The node of a key whose entity a correction dropped: no node.
DROPPED = ""
#: The organisation vote a weak mention casts (:data:`ner.type_votes.WORD_VOTE`).
WEAK_VOTE = 1
#: Types that a one-word name without person evidence is read as, if any mention says so.
NOT_PERSON_TYPES = ("agency", "outlet", "organization", "platform", "place")
#: When two documents disagree on an entity's type, the earlier type wins a tie.
TYPE_PRECEDENCE = ("person", "agency", "outlet", "organization", "platform", "place", "group")


@dataclass
class GlobalEntity:
    """A corpus-wide entity being assembled from document-local ones."""

    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    keys: set[str] = field(default_factory=set)
    #: ``{key: documents using it}``
    documents: Counter = field(default_factory=Counter)
    #: ``{group key: documents}``: other names documents give this body (:data:`~graph.schema.DEFINES`).
    defines: Counter = field(default_factory=Counter)
    #: A user's corrections (:mod:`graph.resolve.corrections`): name and type set by hand, dropped, and the
    #: kinds of correction that made the entity what it is.
    label_override: str | None = None
    type_override: str | None = None
    dropped: bool = False
    #: Weak mentions (:data:`~graph.schema.WEAK`).
    weak: int = 0
    corrected: set[str] = field(default_factory=set)

    @cached_property
    def label(self) -> str:
        """The name set by a correction, else the most frequent full form
        (:func:`graph.canonical.canonical_name`)."""
        return self.label_override or canonical_name(self.names, self.documents, self.type)

    @cached_property
    def type(self) -> str:
        """The type set by a correction, else :meth:`voted_type`."""
        return self.type_override or self.voted_type()

    def voted_type(self) -> str:
        """The type with the most votes (:mod:`ner.type_votes`).

        A tie goes to the earlier type of :data:`TYPE_PRECEDENCE`. A name of one word never
        seen in a longer form is no person unless some mention gives more than the model's
        label (:data:`~ner.records.PERSON_EVIDENCE`: a title, "he", "who") or nothing reads it
        as a body or a place ("Wirecard", "EY", "Congo" tagged PERSON in most documents). A
        weak mention joins without typing: its one organisation vote is not counted beside
        other mentions ("Emirati" once as a company, once as a place, is a place).
        """
        single_word = all(" " not in key for key in self.keys)
        types = Counter(self.types)
        person_evidence = types.pop(PERSON_EVIDENCE, 0)
        if 0 < self.weak < self.count:
            types["organization"] -= self.weak * WEAK_VOTE
            types = +types or Counter(self.types)
            types.pop(PERSON_EVIDENCE, None)
        if single_word and not person_evidence and any(types[kind] > 0 for kind in NOT_PERSON_TYPES):
            types.pop("person", None)  # never a given name, a title, "he": the model's label alone
        return max(
            types.items(),
            key=lambda kv: (
                kv[1],
                single_word and kv[0] != "person",
                -TYPE_PRECEDENCE.index(kv[0]),
            ),
        )[0]

    @cached_property
    def count(self) -> int:
        """Mentions of all its names."""
        return sum(self.names.values())

    def add(self, key: str, counts: Mapping[str, int]) -> None:
        """Take in a vocabulary key: its mentions (:data:`~graph.schema.MENTIONS`) and type votes."""
        for kind, count in counts.items():
            if kind == MENTIONS:
                self.names[key] += count
            elif kind == WEAK:
                self.weak += count
            elif kind == DOCUMENTS:
                self.documents[key] += count
            elif kind.startswith(DEFINES):
                self.defines[kind[len(DEFINES) :]] += count
            else:
                self.types[kind] += count
        self.names[key] += 0  # a key is a name of the group even before its mentions are counted
        self.keys.add(key)

    @property
    def unsupported(self) -> bool:
        """Every mention is weak: a one-word name no document gives more than the model's label."""
        return self.weak > 0 and self.weak >= self.count

    def absorb(self, other: GlobalEntity) -> None:
        """Take ``other``'s names, types and keys."""
        self.weak += other.weak
        self.names.update(other.names)
        self.types.update(other.types)
        self.documents.update(other.documents)
        self.defines.update(other.defines)
        self.keys |= other.keys
        self.corrected |= other.corrected
        self.forget()

    def forget(self) -> None:
        """Drop the cached label, type and count (after a change)."""
        for cached in ("label", "type", "count"):
            self.__dict__.pop(cached, None)


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
    vocabulary: dict[str, Counter] = defaultdict(Counter)
    for (_, key), (kind, count) in local.items():
        vocabulary[key].update({MENTIONS: count, kind: count})
    ids = merge_vocabulary(vocabulary)
    return {(doc_id, key): ids[key] for doc_id, key in local}


def merge_vocabulary(vocabulary: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    """Map every key of the corpus vocabulary to its node id.

    The merge looks only at the vocabulary (how often each key is used with
    each type, summed over documents), never at which document uses a key, so
    a key's node changes only when the vocabulary does. Ties are broken by
    key, so the result does not depend on the order of documents.

    Parameters
    ----------
    vocabulary : mapping
        ``{key: {type: mention_count}}``.

    Returns
    -------
    dict
        ``{key: node_id}`` with node ids of the form ``"type:slug"``; ids that
        collide get ``-2``, ``-3``… in order of (most mentioned, label).

    Examples
    --------
    >>> merge_vocabulary({"Meng Wanzhou": {"person": 3}, "Meng": {"person": 1}})
    {'Meng Wanzhou': 'person:meng-wanzhou', 'Meng': 'person:meng-wanzhou'}
    """
    groups = group_vocabulary(vocabulary)
    merge_groups(groups)
    ids = assign_ids(groups.values())
    return {key: ids[key] for key in vocabulary}


#: A hyphen between two letters, with the word before it ("Anti-Doping", "al-Jaber").
INNER_HYPHEN = re.compile(r"\b([^\W\d_]+)-(?=[^\W\d_])")
#: A possessive inside a name ("People's Power Party"): written with and without it.
INNER_POSSESSIVE = re.compile(r"(?<=\w)'s (?=\w)")
#: Prefixes written with or without a hyphen ("anti-doping", "antidoping"): joined in group keys.
JOINED_PREFIXES = frozenset(
    {"anti", "co", "non", "pre", "post", "re", "inter", "multi", "pro", "counter", "cyber", "e"}
)


#: Countries a body's name opens with, spelled out and as the initials its short form uses.
COUNTRY_INITIALS = {"united states": "us", "united kingdom": "uk"}
#: Words of bodies' names in British spelling, and the American one they are keyed by (not
#: "Labour": the British and the Australian Labor parties are two bodies).
SPELLINGS = {"defence": "defense", "centre": "center", "programme": "program", "organisation": "organization"}


@lru_cache(maxsize=65536)
def group_key(key: str) -> str:
    """The merge's first-pass key: :func:`~ner.cleanup.match_key` without trailing legal forms.

    "Wirecard AG", "Wirecard" and "WIRECARD" are one group; so are "BDO Unibank Inc" and
    "BDO Unibank". A legal form alone is left as it is. A party named by its members
    ("Liberals", "Democrats") is the party ("Liberal Party", "Democratic Party").

    >>> group_key("Harbourlock AG"), group_key("Northgate Paving Ltd."), group_key("Co")
    ('harbourlock', 'northgate paving', 'co')
    >>> group_key("Lee & Co (Solicitors) Ltd"), group_key("Lee & Co")
    ('lee & co', 'lee & co')
    >>> group_key("Democrats"), group_key("Free Democrats"), group_key("Liberals")
    ('democratic party', 'free democratic party', 'liberal party')

    A hyphen between two words is a space ("Sultan al-Jaber", "Yoon Suk-yeol"), except after a
    prefix that is written joined as often ("Anti-Doping" is "Antidoping").

    >>> group_key("Sultan al-Jaber") == group_key("Sultan Al Jaber")
    True
    >>> group_key("National Anti-Doping Tribunal") == group_key("National Antidoping Tribunal")
    True

    A possessive inside a name is written with and without it:

    >>> group_key("People's Power Party") == group_key("People Power Party")
    True

    A country opening a body's name is written spelled out and as initials, and a body's words
    in British and American spelling:

    >>> group_key("United States Steel Corp") == group_key("U.S. Steel")
    True
    >>> group_key("Defence Ministry") == group_key("Defense Ministry")
    True
    """
    joined = without_legal_forms(key)
    for spelled, initials in COUNTRY_INITIALS.items():
        if joined.startswith(spelled + " "):
            joined = initials + joined[len(spelled) :]
    joined = " ".join(SPELLINGS.get(w, w) for w in joined.split())
    folded = INNER_POSSESSIVE.sub(" ", match_key(party_name(joined) or joined))
    folded = INNER_HYPHEN.sub(lambda m: m.group(1) + ("" if m.group(1) in JOINED_PREFIXES else " "), folded)
    return body_word_order(folded)


@per_rules
def _agency_head_words(r: Rules) -> frozenset[str]:
    return frozenset(head.lower() for head in r["agency_heads"])


def body_word_order(key: str) -> str:
    """A public body's name in one word order: "Department of Justice" and "Justice Department",
    "High Court of Hong Kong" and "Hong Kong High Court" are written both ways.

    A name of two words or more ending in an agency's head word, or with one "of" right after
    one, is keyed by its words in sorted order, without "of" and "the".

    >>> body_word_order("department of justice") == body_word_order("justice department")
    True
    >>> body_word_order("high court of hong kong") == body_word_order("hong kong high court")
    True
    >>> body_word_order("council of europe") == body_word_order("european council")
    False
    >>> body_word_order("wirecard bank"), body_word_order("bank of england")
    ('wirecard bank', 'bank of england')
    """
    words = key.split()
    heads = _agency_head_words()
    if len(words) < 2:
        return key
    if words.count("of") == 1:
        at = words.index("of")
        ordered = 0 < at < len(words) - 1 and (
            words[at - 1] in heads or " ".join(words[at - 2 : at]) in heads
        )
    else:
        ordered = "of" not in words and (words[-1] in heads or " ".join(words[-2:]) in heads)
    if not ordered:
        return key
    return " ".join(sorted(w for w in words if w not in ("of", "the")))


def group_vocabulary(vocabulary: Mapping[str, Mapping[str, int]]) -> dict[str, GlobalEntity]:
    """The keys grouped by :func:`group_key` (the merge's first pass), by group key in order."""
    groups: dict[str, GlobalEntity] = defaultdict(GlobalEntity)
    for key in sorted(vocabulary):
        groups[group_key(key)].add(key, vocabulary[key])
    return dict(sorted(groups.items()))


def merge_groups(
    groups: dict[str, GlobalEntity],
    outside_fits: Mapping[str, int] | None = None,
    outside_spelled: Mapping[str, int] | None = None,
) -> set[str]:
    """Join the groups of :func:`group_vocabulary` in place: spelling variants, lone names, acronyms.

    When ``groups`` are a part of the vocabulary merged alone (see :mod:`graph.resolve.vocabulary`),
    ``outside_fits`` counts, per lone name, the full person names outside it that the name fits,
    and ``outside_spelled``, per acronym, the names outside it that it stands for.
    Returns the full person names left after the spelling pass: those a lone name can fit.
    """
    full = merge_spelling_variants(groups)
    _merge_lone_names(groups, full, outside_fits or {})
    merge_defined_names(groups)
    _merge_acronyms(groups, outside_spelled or {})
    return full


def assign_ids(groups: Iterable[GlobalEntity]) -> dict[str, str]:
    """``{key: node_id}``: ``"type:slug"``, ``-2``, ``-3``… in order of (most mentioned, label)."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for g in sorted(groups, key=lambda g: (-g.count, g.label)):
        if g.dropped or g.unsupported:
            ids.update(dict.fromkeys(g.keys, DROPPED))
            continue
        base = node = base_id(g)
        n = 2
        while node in used:
            node, n = f"{base}-{n}", n + 1
        used.add(node)
        for key in g.keys:
            ids[key] = node
    return ids


def base_id(g: GlobalEntity) -> str:
    """The node id of a group before any collision suffix."""
    return f"{g.type}:{slug(g.label)}"


def _absorb(groups: dict[str, GlobalEntity], source: str, target: str) -> None:
    groups[target].absorb(groups.pop(source))


def merge_spelling_variants(groups: dict[str, GlobalEntity]) -> set[str]:
    """The merge's full-name passes on ``groups`` (in place): spelling variants, then longer forms
    of a two-word name. Returns the full person names left: those a lone name can fit."""
    _merge_spelling_variants(groups)
    _merge_longer_names(groups)
    return full_person_names(groups)


#: A monarch's or pope's number closing a name ("Charles III").
REGNAL_NUMBERS = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "xiv", "xvi"})


def shorter_forms(name: str) -> set[str]:
    """The two-word names a person's name of three words or more may be a longer form of.

    "Christine Ching Kui Lee" → "christine lee" (middle names); "Enter Matt Gaetz" → "matt gaetz"
    (a word glued before the name). A name whose second word from the end is a particle has no
    middle name, but its surname with the particle stands for it ("Sultan Al Jaber" → "al jaber").

    >>> sorted(shorter_forms("Christine Ching Kui Lee")), shorter_forms("Han Dong")
    (['christine lee', 'kui lee'], set())
    >>> shorter_forms("Sultan Al Jaber"), shorter_forms("Maria de Souza"), shorter_forms("King Charles III")
    ({'al jaber'}, {'de souza'}, {'king charles'})
    """
    words = match_key(name).split()
    if len(words) < 3:
        return set()
    if words[-1] in REGNAL_NUMBERS:
        words = words[:-1]  # "King Charles III" is "King Charles"
        if len(words) == 2:
            return {" ".join(words)}
    if words[-2] in NAME_PARTICLES:
        return {" ".join(words[-2:])}
    return {f"{words[0]} {words[-1]}", f"{words[-2]} {words[-1]}"}


def _merge_longer_names(groups: dict[str, GlobalEntity]) -> None:
    """Join a person's name of three words or more to the two-word full names it is a longer
    form of (:func:`shorter_forms`: "Pier Antonio Panzeri" is "Pier Panzeri" and "Antonio
    Panzeri"), when it is the only longer form each of them has ("George W. Bush" and "George
    H. W. Bush" both leave "George Bush" alone)."""
    people = {k for k, g in groups.items() if g.type == "person"}
    short = {k for k in people if len(k.split()) == 2}
    fits = {k: shorter_forms(k) & short for k in sorted(people)}
    longer: dict[str, set[str]] = defaultdict(set)
    for name, targets in fits.items():
        for target in targets:
            longer[target].add(name)
    for name, targets in fits.items():
        if not targets or any(longer[t] != {name} for t in targets):
            continue
        first, *others = sorted(targets, key=lambda k: (-groups[k].count, k))
        for other in others:
            _absorb(groups, other, first)
        _absorb(groups, name, first)


def _merge_spelling_variants(groups: dict[str, GlobalEntity]) -> None:
    """Join each full person name to the most frequent other spelling of it.

    A name joins the first name before it (most mentioned first) that
    :func:`ner.aliases.spelling_variants` accepts: as many words, all equal but
    one of :data:`~ner.aliases.MIN_FUZZY_TOKEN` letters or more, one edit apart.
    So names are compared only within blocks that agree on all words but one,
    and within a block only when the remaining words share a spelling with at
    most one letter deleted (linear in names, not quadratic).
    """
    people = sorted(
        full_person_names(groups),
        key=lambda k: (-groups[k].count, k),
    )
    blocks: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
    for i, name in enumerate(people):
        for block, word in spelling_blocks(name):
            blocks[block].append((i, word))
    parent: dict[int, int] = {}
    for members in blocks.values():
        if len(members) < 2:
            continue
        spellings: dict[str, list[int]] = defaultdict(list)
        for i, word in members:
            for shorter in _spelling_keys(word):
                spellings[shorter].append(i)
        for i, word in members:
            for shorter in _spelling_keys(word):
                for j in spellings[shorter]:
                    if j < parent.get(i, i) and spelling_variants(people[i], people[j]):
                        parent[i] = j
    for i in sorted(parent, reverse=True):  # a rarer spelling is absorbed before a more frequent one
        _absorb(groups, people[i], people[parent[i]])


def _spelling_keys(word: str) -> set[str]:
    """Keys two spelling variants share: the word with at most one letter deleted, and its start
    (a short given name and its full form, "Jenni" / "Jennifer", share it)."""
    return {word, "\0" + word[:MIN_FUZZY_TOKEN]} | {word[:c] + word[c + 1 :] for c in range(len(word))}


def spelling_blocks(name: str) -> list[tuple[tuple, str]]:
    """``(block, word)`` for each long word of a full name: the other words, and that word.

    Two names can be spelling variants only if they share a block.
    """
    words = match_key(name).split()
    if len(words) < 2:
        return []
    return [
        ((len(words), j, *words[:j], *words[j + 1 :]), word)
        for j, word in enumerate(words)
        if len(word) >= MIN_FUZZY_TOKEN
    ]


def is_full_person_name(key: str, g: GlobalEntity) -> bool:
    """Whether the group ``g`` under match key ``key`` is a person with a full name (several words)."""
    return g.type == "person" and " " in key


def full_person_names(groups: Mapping[str, GlobalEntity]) -> set[str]:
    """Keys of the person groups with a full name (more than one word)."""
    return {k for k, g in groups.items() if is_full_person_name(k, g)}


def fitted_words(name: str) -> list[str]:
    """The words of a full name that a lone name can be: its first and last."""
    words = name.split()
    return list(dict.fromkeys((words[0], words[-1])))


def _merge_lone_names(groups: dict[str, GlobalEntity], full: set[str], outside: Mapping[str, int]) -> None:
    """Join a lone given name or surname to the one full person name it fits.

    ``full`` are the full person names; ``outside`` counts further ones per lone name.
    """
    fitting: dict[str, list[str]] = defaultdict(list)
    for k in groups:
        if k in full:
            for word in fitted_words(k):
                fitting[word].append(k)
    for key in [k for k, g in groups.items() if g.type == "person" and " " not in k]:
        fits = fitting.get(key, [])
        if len(fits) == 1 and not outside.get(key):
            _absorb(groups, key, fits[0])


def merge_defined_names(groups: dict[str, GlobalEntity]) -> None:
    """Join the names a document gave one body ("MI5" … "the Security Service") across the corpus.

    A group that some document also called ``name`` (:attr:`GlobalEntity.defines`) takes in the
    group of ``name``, unless either is a person or a place. A name given only as a longer form
    with a place before it (:data:`~graph.schema.UNQUALIFIED`: "Swiss Federal Council" for
    "Federal Council") joins only when one body gave it so ("National Bank" stays alone beside
    the Swiss and the Saudi National Bank). Joins are transitive; the group with the most
    mentions (then the first key) keeps its place.
    """
    home = {group_key(k): mk for mk, g in groups.items() for k in g.keys}
    parent: dict[str, str] = {}
    loose: dict[str, set[str]] = defaultdict(set)  # a name → the groups that gave it without a place

    def root(mk: str) -> str:
        while mk in parent:
            mk = parent[mk]
        return mk

    def organisation(mk: str) -> bool:
        return groups[mk].type not in ("person", "place")

    def join(mk: str, other: str) -> None:
        a, b = sorted((root(mk), root(other)), key=lambda k: (-groups[k].count, k))
        if a != b:
            parent[b] = a

    for mk in sorted(k for k, g in groups.items() if g.defines):
        for name in sorted(groups[mk].defines):
            if name.startswith(UNQUALIFIED):
                loose[name[len(UNQUALIFIED) :]].add(mk)
                continue
            other = home.get(name)
            if other is None or not organisation(mk) or not organisation(other):
                continue
            join(mk, other)
    for name, givers in sorted(loose.items()):
        other = home.get(name)
        if other is None or not organisation(other):
            continue
        bodies = {root(mk) for mk in givers if organisation(mk)} - {root(other)}
        if len(bodies) == 1 and len({root(mk) for mk in givers}) == 1:
            join(bodies.pop(), other)
    for mk in sorted(parent, key=lambda k: (groups[k].count, k)):
        _absorb(groups, mk, root(mk))


def acronym_of(g: GlobalEntity) -> str | None:
    """The acronym a non-person group's one-word label is ("C.S.I.S." → "CSIS"), if it is one."""
    label = g.label
    if " " in label or not is_acronym(label) or g.type == "person":
        return None
    return label.replace(".", "").upper()


def spelled_by(g: GlobalEntity) -> set[str]:
    """The acronyms that could stand for a non-person group's label of several words."""
    if g.type == "person" or len(g.label.split()) < 2:
        return set()
    return initials_variants(g.label)


def _merge_acronyms(groups: dict[str, GlobalEntity], outside: Mapping[str, int]) -> None:
    """Join an acronym to the one non-person name whose initials it spells (``outside``: more, per acronym).

    Non-person names are looked up by their initials; an entry is re-checked
    when used, and a group is indexed again when an absorbed acronym changes
    its label or type. Only a join changes a label, so without a single
    acronym there is nothing to index.
    """
    if not any(acronym_of(g) for g in groups.values()):
        return
    spelled: dict[str, set[str]] = defaultdict(set)

    def index(k: str) -> None:
        for initials in spelled_by(groups[k]):
            spelled[initials].add(k)

    for k in groups:
        index(k)
    for key in list(groups):
        acronym = acronym_of(groups[key]) if key in groups else None
        if not acronym:
            continue
        fits = [
            k
            for k in spelled.get(acronym, ())
            if k != key and k in groups and acronym in spelled_by(groups[k])
        ]
        if len(fits) == 1 and not outside.get(acronym):
            _absorb(groups, key, fits[0])
            index(fits[0])
