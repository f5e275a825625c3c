"""What one document contributes to the graph, given the corpus-wide key → node map.

A document's share of the graph depends only on its own analysis, its title
and outlet, and the node each of its keys maps to. :func:`summarize` reduces an
analysis to what the graph needs (:class:`LocalDoc`); :func:`contribute` turns
that into node shares, edge evidence and claims; :func:`node_attributes` sums
the shares of one node over documents. :func:`graph.aggregate.build.build_graph` (from
scratch) and :mod:`graph.store.delta` (by delta) both build on these, so they
agree exactly.

Canonical order: documents are taken in id order; within a document, evidence
follows sentences and assertions, and roles follow mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

from graph.canonical import canonical_name
from graph.resolve import claim_id, group_key
from graph.schema import (
    ASSERTION,
    CO_MENTION,
    DEFINES,
    DOCUMENT,
    DOCUMENTS,
    MENTIONS,
    PARAGRAPH,
    UNQUALIFIED,
    WEAK,
    EdgeKey,
)
from ner.cleanup import (
    FORMER_PREFIX,
    INTERNAL_POSSESSIVE,
    clean_mention,
    match_key,
    role_words,
    strip_leading_article,
    tidy,
)
from ner.records import Assertion, DocumentAnalysis

#: A sentence naming this many entities or more is a list: each of its co-mention pairs weighs
#: ``1 / (entities - 1)`` (its evidence carries that ``share``), so a list of five defendants'
#: home towns does not make them hubs.
LIST_SIZE = 5
#: ... and so is one that enumerates this many names in a row ("London, Leeds and Hull").
ENUMERATION = 3
#: What may stand between two names of an enumeration.
ENUMERATION_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|;\s*)")
#: The co-mention windows read at most this many entities of a paragraph (its first named) and
#: of a document (its most mentioned): at most 66 and 28 pairs (``bench/windows.py``).
PARAGRAPH_CAP = 12
DOCUMENT_CAP = 8


@dataclass
class KeyUse:
    """How one document uses one key: mentions, surface forms and roles."""

    mentions: int = 0
    aliases: set[str] = field(default_factory=set)
    #: ``{role: [count, index of its first mention in the document]}``
    roles: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class LocalDoc:
    """The part of a :class:`~ner.records.DocumentAnalysis` the graph is built from."""

    doc_id: str
    #: ``{key: type}`` as resolved in the document.
    types: dict[str, str]
    uses: dict[str, KeyUse]
    #: ``(sentence index, keys named in it, text)`` for sentences naming two keys or more.
    sentences: list[tuple[int, tuple[str, ...], str]]
    assertions: tuple[Assertion, ...]

    #: ``{key: {type: votes}}`` summed over the key's mentions (:mod:`ner.type_votes`).
    votes: dict[str, dict[str, int]] = field(default_factory=dict)
    #: ``{key: group keys of its other names}``: a body the document gives two names
    #: ("MI5" … "the Security Service"), so that documents using either join.
    defined: dict[str, set[str]] = field(default_factory=dict)
    #: ``(paragraph, ((key, sentence index of its first mention there), …))`` in reading order,
    #: for paragraphs naming two keys or more (the paragraph window).
    paragraphs: list[tuple[int, tuple[tuple[str, int], ...]]] = field(default_factory=list)
    #: ``{sentence index: text}`` of the sentences the windows' evidence quotes.
    texts: dict[int, str] = field(default_factory=dict)
    #: ``{key: weak mentions}`` (:attr:`ner.records.Mention.weak`).
    weak: dict[str, int] = field(default_factory=dict)

    def vocabulary(self) -> dict[str, dict[str, int]]:
        """``{key: {MENTIONS: mentions, type: votes, …}}``: the document's share of the vocabulary."""
        found = {}
        for key, kind in self.types.items():
            mentions = self.uses[key].mentions if key in self.uses else 1
            found[key] = {MENTIONS: mentions, DOCUMENTS: 1, **(self.votes.get(key) or {kind: mentions})}
            found[key].update((DEFINES + name, 1) for name in sorted(self.defined.get(key, ())))
            if self.weak.get(key):
                found[key][WEAK] = self.weak[key]
        return found


@dataclass
class NodeShare:
    """One document's share of one node."""

    names: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    #: ``[(role, count)]`` in order of first mention.
    roles: list[tuple[str, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict (for the store)."""
        return {
            "names": dict(self.names),
            "aliases": sorted(self.aliases),
            "mentions": self.mentions,
            "roles": self.roles,
        }


@dataclass
class Contribution:
    """A document's node shares, edge evidence (in order) and claims."""

    nodes: dict[str, NodeShare]
    edges: dict[EdgeKey, list[dict]]
    claims: list[dict]


def enumerates(sentence: str, names: Iterable[str]) -> bool:
    """True when :data:`ENUMERATION` of ``names`` or more follow each other in ``sentence``
    with only commas, "and" or "or" between them."""
    folded = sentence.casefold()
    spans = sorted(
        (m.start(), m.end()) for name in names for m in re.finditer(re.escape(name.casefold()), folded)
    )
    run, end = 1, None
    for start, stop in spans:
        if end is not None and start >= end and ENUMERATION_GAP.fullmatch(folded[end:start]):
            run += 1
            if run >= ENUMERATION:
                return True
        elif end is None or start >= end:
            run = 1
        end = max(end or 0, stop)
    return False


def decorated(surface: str) -> bool:
    """An organisation's surface form with a role or a prefix around its name ("Ex-Wirecard COO",
    "Huawei CFO"): not an alias a reader would search for."""
    words = surface.split()
    return bool(FORMER_PREFIX.match(surface)) or (len(words) > 1 and words[-1].lower() in role_words())


def distinctive(name: str) -> bool:
    """A name that says which body it is outside its document: several words, or a short form of
    two capitals or more ("BaFin", "MI5"); not a lone common word ("Parliament", "the Court")."""
    return " " in name.strip() or sum(ch.isupper() for ch in name) >= 2


def leading_words(name: str, key: str) -> bool:
    """Whether ``name`` is the first words of ``key``: a company's short form ("Ford" of "Ford
    Motor Co"), which says which body it is in a corpus where one document used it so."""
    return group_key(key).startswith(group_key(name) + " ")


def split_names(analysis: DocumentAnalysis, splits: Collection[str]) -> DocumentAnalysis:
    """The analysis with every mention whose name has one of these match keys keyed by that name:
    a name a correction split off its entity (:mod:`graph.resolve.corrections`) is its own key in every
    document, even where the document had resolved it to a longer name ("Meng" → "Meng Wanzhou").
    A claim whose speaker was written so goes with it."""
    moved = {
        i: m.name
        for i, m in enumerate(analysis.mentions)
        if m.key and m.key != m.name and match_key(m.name) in splits
    }
    if not moved:
        return analysis
    mentions = tuple(replace(m, key=moved[i]) if i in moved else m for i, m in enumerate(analysis.mentions))
    types = dict(analysis.entity_types)
    types.update((m.key, m.type) for m in mentions if m.key in moved.values())
    assertions = tuple(
        replace(a, speaker=moved_name)
        if (moved_name := _split_speaker(a.speaker_text, moved.values()))
        else a
        for a in analysis.assertions
    )
    return replace(analysis, mentions=mentions, assertions=assertions, entity_types=types)


def _split_speaker(text: str, names: Iterable[str]) -> str | None:
    """The split-off name a claim's speaker was written as, if any."""
    key = match_key(clean_mention(text, is_person=True).name) if text else ""
    return next((name for name in names if match_key(name) == key), None)


def summarize(analysis: DocumentAnalysis, splits: Collection[str] = ()) -> LocalDoc:
    """Reduce an analysis to what :func:`contribute` needs (``splits``: :func:`split_names`)."""
    if splits:
        analysis = split_names(analysis, splits)
    uses: dict[str, KeyUse] = defaultdict(KeyUse)
    by_sentence: dict[int, set[str]] = defaultdict(set)
    defined: dict[str, set[str]] = defaultdict(set)
    weak: Counter = Counter()
    for position, m in enumerate(analysis.mentions):
        if not m.key:
            continue
        kinds = {m.type, analysis.entity_types.get(m.key)}
        if (
            not kinds & {"person", "place"}
            and group_key(m.name) != group_key(m.key)
            and (distinctive(m.name) or (kinds == {"organization"} and leading_words(m.name, m.key)))
        ):
            defined[m.key].add(group_key(m.name))
        if m.unqualified and not kinds & {"person", "place"}:
            defined[m.key].add(UNQUALIFIED + group_key(m.unqualified))
        use = uses[m.key]
        use.mentions += 1
        if m.weak:
            weak[m.key] += 1
        surface = strip_leading_article(tidy(m.text))
        use.aliases.add(m.name)
        if not INTERNAL_POSSESSIVE.search(surface) and (m.type == "person" or not decorated(surface)):
            use.aliases.add(surface)  # "CSIS", "Consul General Han"; not "Trudeau’s Liberals"
        if m.role:
            use.roles.setdefault(m.role, [0, position])[0] += 1
        if not m.heading:  # a subhead, byline or credit names entities but relates none
            by_sentence[m.sent_index].add(m.key)
    sentences = [
        (index, tuple(sorted(keys)), analysis.sentence_text(index))
        for index, keys in sorted(by_sentence.items())
        if len(keys) > 1
    ]
    paragraph_of = {s.index: s.paragraph for s in analysis.sentences if s.paragraph >= 0}
    firsts: dict[int, dict[str, int]] = defaultdict(dict)  # paragraph → key → first sentence there
    for index in sorted(by_sentence):
        if index in paragraph_of:
            for key in sorted(by_sentence[index]):
                firsts[paragraph_of[index]].setdefault(key, index)
    paragraphs = [(p, tuple(keys.items())) for p, keys in sorted(firsts.items())]
    used = {i for _, keys in paragraphs for _, i in keys}
    return LocalDoc(
        analysis.doc_id,
        dict(analysis.entity_types),
        dict(uses),
        sentences,
        analysis.assertions,
        analysis.type_votes(),
        dict(defined),
        paragraphs,
        {i: analysis.sentence_text(i) for i in sorted(used)},
        dict(weak),
    )


def evidence(doc_id: str, meta: Mapping[str, Any], sent_index: int, sentence: str) -> dict:
    """One piece of evidence: where a link was read."""
    return {
        "document": doc_id,
        "title": meta.get("title") or doc_id,
        "outlet": meta.get("outlet") or "",
        "sentence": sentence,
        "sent_index": sent_index,
    }


def contribute(
    doc: LocalDoc, ids: Mapping[str, str], meta: Mapping[str, Any], fixes: Mapping[str, str] | None = None
) -> Contribution:
    """A document's contribution to the graph.

    Parameters
    ----------
    doc : LocalDoc
        The document, from :func:`summarize`.
    ids : mapping
        ``{key: node_id}`` for (at least) every key of the document (``""``: a dropped entity).
    meta : mapping
        The document's metadata (``title``, ``outlet``).
    fixes : mapping, optional
        ``{claim id: speaker node}`` from corrections (``""``: the claim is dropped).
    """
    local = {key: node for key in doc.types if (node := ids[key])}  # a dropped entity has no node
    nodes: dict[str, NodeShare] = {}
    first_role: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for key, use in doc.uses.items():
        if key not in local:
            continue
        node = local[key]
        share = nodes.setdefault(node, NodeShare())
        share.names[key] += use.mentions
        share.aliases |= use.aliases
        share.mentions += use.mentions
        for role, (count, first) in use.roles.items():
            seen = first_role[node].setdefault(role, [0, first])
            seen[0], seen[1] = seen[0] + count, min(seen[1], first)
    for node, roles in first_role.items():
        nodes[node].roles = [(r, c) for r, (c, _) in sorted(roles.items(), key=lambda kv: kv[1][1])]

    edges: dict[EdgeKey, list[dict]] = defaultdict(list)
    for sent_index, keys, text in doc.sentences:
        members = sorted({local[k] for k in keys if k in local})
        if len(members) > 1:
            found = evidence(doc.doc_id, meta, sent_index, text)
            if len(members) >= LIST_SIZE or enumerates(text, keys):  # one list makes no hubs
                found["share"] = round(1 / (len(members) - 1), 4)
            for u, v in combinations(members, 2):
                edges[(u, v, CO_MENTION)].append(found)
    _add_windows(doc, local, meta, edges)
    claims = []
    for assertion in doc.assertions:
        found = {
            **evidence(doc.doc_id, meta, assertion.sent_index, assertion.sentence),
            "quote": assertion.quote,
            "verb": assertion.verb,
            "stance": assertion.stance,
        }
        cid = claim_id(found)
        fixed = fixes is not None and cid in fixes
        speaker = fixes[cid] if fixed else local.get(assertion.speaker)
        unnamed = not fixed and assertion.speaker_kind != "named"
        if not speaker and not unnamed:  # no speaker, a dropped one, or a claim a correction dropped
            continue
        targets = [local[t] for t in assertion.targets if t in local]
        targets = [t for t in dict.fromkeys(targets) if t != speaker]
        for target in targets if speaker else ():  # an unnamed source is never a node
            edges[(speaker, target, ASSERTION)].append(found)
        claims.append(
            {
                **found,
                "id": cid,
                "speaker_id": speaker or None,
                "speaker_kind": "named" if speaker else assertion.speaker_kind,
                "speaker_text": assertion.speaker_text,
                "verbs": list(assertion.verbs or (assertion.verb,)),
                "target_ids": targets,
                "kind": assertion.kind,
                "affiliation_id": local.get(assertion.affiliation or ""),
            }
        )
    return Contribution(nodes, dict(edges), claims)


def _add_windows(
    doc: LocalDoc, local: Mapping[str, str], meta: Mapping[str, Any], edges: dict[EdgeKey, list[dict]]
) -> None:
    """The weaker co-mention windows: pairs named in one paragraph but no one sentence
    (:data:`PARAGRAPH`), and pairs named in the document but no one paragraph
    (:data:`DOCUMENT`). Evidence: the first sentence naming each, joined by " … ".

    Capped so a long article stays cheap: a paragraph's first :data:`PARAGRAPH_CAP`
    entities, the document's :data:`DOCUMENT_CAP` most mentioned ones.
    """
    linked = {(u, v) for u, v, layer in edges if layer == CO_MENTION}
    first: dict[str, tuple[int, int]] = {}  # node → (its first sentence, that sentence's paragraph)
    for paragraph, keys in doc.paragraphs:
        nodes: dict[str, int] = {}
        for key, index in keys:
            node = local.get(key)
            if node and node not in nodes:
                nodes[node] = index
                first.setdefault(node, (index, paragraph))
        chosen = sorted(nodes.items(), key=lambda kv: kv[1])[:PARAGRAPH_CAP]
        for (u, i), (v, j) in combinations(sorted(chosen), 2):
            if (u, v) not in linked:
                edges[(u, v, PARAGRAPH)].append({**_window_evidence(doc, meta, i, j), "paragraph": paragraph})
    near = linked | {(u, v) for u, v, layer in edges if layer == PARAGRAPH}
    mentions: Counter = Counter()
    for key, use in doc.uses.items():
        if local.get(key) in first:
            mentions[local[key]] += use.mentions
    top = sorted(first, key=lambda n: (-mentions[n], first[n][0], n))[:DOCUMENT_CAP]
    for u, v in combinations(sorted(top), 2):
        if (u, v) not in near:
            edges[(u, v, DOCUMENT)].append(_window_evidence(doc, meta, first[u][0], first[v][0]))


def _window_evidence(doc: LocalDoc, meta: Mapping[str, Any], i: int, j: int) -> dict:
    """Evidence for a window pair: the two sentences, in reading order."""
    a, b = sorted((i, j))
    text = doc.texts.get(a, "") if a == b else f"{doc.texts.get(a, '')} … {doc.texts.get(b, '')}"
    return {**evidence(doc.doc_id, meta, a, text), "sentences": [a, b]}


@dataclass
class NodeTotals:
    """A node's shares summed over documents, so one document's change applies by delta.

    :meth:`attributes` gives exactly :func:`node_attributes` over the shares added
    and not removed, whatever the order of :meth:`add` and :meth:`remove` calls.
    """

    names: dict[str, int] = field(default_factory=dict)
    #: ``{name: documents using it}``
    name_documents: dict[str, int] = field(default_factory=dict)
    #: ``{alias: documents using it}``
    aliases: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    #: Document ids, sorted.
    documents: list[str] = field(default_factory=list)
    #: ``{role: [count, first document, position in that document's roles]}``
    roles: dict[str, list] = field(default_factory=dict)

    @classmethod
    def of(cls, shares: Iterable[tuple[str, Mapping[str, Any]]]) -> NodeTotals:
        """The totals of these ``(doc_id, share)`` pairs."""
        totals = cls()
        for doc_id, share in shares:
            totals.add(doc_id, share)
        return totals

    def add(self, doc_id: str, share: Mapping[str, Any]) -> None:
        """Count one document's share (as :meth:`NodeShare.to_json` gives it)."""
        for name, count in share["names"].items():
            self.names[name] = self.names.get(name, 0) + count
            self.name_documents[name] = self.name_documents.get(name, 0) + 1
        for alias in share["aliases"]:
            self.aliases[alias] = self.aliases.get(alias, 0) + 1
        self.mentions += share["mentions"]
        insort(self.documents, doc_id)
        for position, (role, count) in enumerate(share["roles"]):
            total = self.roles.setdefault(role, [0, doc_id, position])
            total[0] += count
            total[1:] = min(total[1:], [doc_id, position])

    def remove(self, doc_id: str, share: Mapping[str, Any]) -> bool:
        """Uncount a share added before; ``False`` if a role's first mention went with it.

        Then the role's new first mention is unknown (and after ``False`` the totals are
        left half-updated): count the node again with :meth:`of`. A share that was never
        added also gives ``False``.
        """
        at = bisect_left(self.documents, doc_id)
        if at == len(self.documents) or self.documents[at] != doc_id:
            return False
        try:
            return self._remove(at, doc_id, share)
        except KeyError:  # not what was added
            return False

    def _remove(self, at: int, doc_id: str, share: Mapping[str, Any]) -> bool:
        for name, count in share["names"].items():
            _decrement(self.names, name, count)
            _decrement(self.name_documents, name, 1)
        for alias in share["aliases"]:
            _decrement(self.aliases, alias, 1)
        self.mentions -= share["mentions"]
        del self.documents[at]
        known = True
        for role, count in share["roles"]:
            total = self.roles[role]
            total[0] -= count
            if total[0] <= 0:
                del self.roles[role]
            elif total[1] == doc_id:
                known = False
        return known

    def attributes(self, node: str) -> dict[str, Any]:
        """The node's attributes, as :func:`node_attributes` makes them."""
        label = canonical_name(self.names, self.name_documents, node.split(":", 1)[0])
        return {
            "label": label,
            "type": node.split(":", 1)[0],
            "aliases": sorted(a for a in self.aliases if a and a != label),
            "mentions": self.mentions,
            "documents": list(self.documents),
            "roles": sorted(self.roles, key=lambda role: (-self.roles[role][0], *self.roles[role][1:])),
        }

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict (for the store)."""
        keys = ("names", "name_documents", "aliases", "mentions", "documents", "roles")
        return {k: getattr(self, k) for k in keys}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NodeTotals:
        """Inverse of :meth:`to_json`."""
        return cls(**data)


def _decrement(counts: dict[str, int], key: str, by: int) -> None:
    counts[key] -= by
    if counts[key] <= 0:
        del counts[key]


def node_attributes(node: str, shares: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, Any]:
    """A node's attributes from its ``(doc_id, share)`` pairs, in document order.

    Each share is in the form of :meth:`NodeShare.to_json` (as stored).
    """
    names: dict[str, int] = {}
    name_documents: dict[str, int] = {}
    aliases: set[str] = set()
    roles: dict[str, int] = {}  # in order of first mention
    mentions, documents = 0, []
    for doc_id, share in shares:
        for name, count in share["names"].items():
            names[name] = names.get(name, 0) + count
            name_documents[name] = name_documents.get(name, 0) + 1
        aliases.update(share["aliases"])
        mentions += share["mentions"]
        documents.append(doc_id)
        for role, count in share["roles"]:
            roles[role] = roles.get(role, 0) + count
    label = canonical_name(names, name_documents, node.split(":", 1)[0])
    return {
        "label": label,
        "type": node.split(":", 1)[0],
        "aliases": sorted(a for a in aliases if a and a != label),
        "mentions": mentions,
        "documents": sorted(documents),
        "roles": sorted(roles, key=lambda role: -roles[role]),  # stable: the first mentioned wins a tie
    }
