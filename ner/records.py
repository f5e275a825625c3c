"""Plain records passed from ``ner`` to ``graph``: no spaCy objects inside.

Every record is a frozen dataclass that round-trips through ``to_dict`` /
``from_dict`` as JSON, so the store can keep them and other tools can read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: A type-vote entry counting a name's mentions whose person reading rests on more than the
#: model's label: a title, a "he"/"she" that follows, "who", a person's descriptor or noun
#: ("Braun's wife"). A one-word name with none of them anywhere is no person when anything in
#: the corpus reads it as a body (:meth:`graph.resolve.GlobalEntity.voted_type`).
PERSON_EVIDENCE = "person+"


@dataclass(frozen=True)
class Document:
    """One article as loaded from disk, before any NLP."""

    id: str
    text: str
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    author: str | None = None
    path: str | None = None
    content_hash: str = ""


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in a document.

    ``text`` is the surface form exactly as written; ``name`` is the cleaned
    display name ("Meng Wanzhou" for "Huawei CFO Meng Wanzhou’s"); ``key`` is
    the document-local canonical name the mention resolves to (its full name),
    or ``None`` when the short form was ambiguous and left unresolved.
    """

    text: str
    name: str
    type: str
    sent_index: int
    start: int
    end: int
    key: str | None = None
    role: str | None = None
    label: str = ""
    #: ``{type: votes}``: the evidence this mention gives about its entity's type (:mod:`ner.type_votes`).
    votes: dict[str, int] = field(default_factory=dict)
    #: On a subhead, byline, credit or link line (:mod:`ner.layout`): counted, but never an edge.
    heading: bool = False
    #: A body's name without the place before it ("Federal Council" of "Swiss Federal Council"),
    #: when the document names that place: the name the body may go by elsewhere.
    unqualified: str = ""
    #: A one-word organisation named once with nothing but the model's label: it joins an entity
    #: other documents name, never makes one alone.
    weak: bool = False


@dataclass(frozen=True)
class Assertion:
    """Someone said, claimed, reported or denied something about others."""

    speaker: str
    speaker_type: str
    verb: str
    stance: str
    quote: str
    targets: tuple[str, ...]
    sent_index: int
    sentence: str
    kind: str = "indirect"
    speaker_text: str = ""
    affiliation: str | None = None
    #: "named" (``speaker`` is an entity's key), "unnamed" (a source the text does not name: "a
    #: person familiar with the talks") or "group" ("analysts", "his lawyers"): then ``speaker``
    #: is empty and ``speaker_text`` holds the phrase.
    speaker_kind: str = "named"
    #: Every cue verb of this claim ("said and added"), ``verb`` first.
    verbs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """A sentence that carries evidence (it holds a mention or an assertion)."""

    index: int
    text: str
    start: int
    end: int
    #: Which paragraph (line) of the text it is on; -1 in analyses made before it was kept.
    paragraph: int = -1


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything ``ner`` found in one document."""

    doc_id: str
    mentions: tuple[Mention, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    n_tokens: int = 0
    entity_types: dict[str, str] = field(default_factory=dict)

    def type_votes(self) -> dict[str, dict[str, int]]:
        """``{key: {type: votes}}`` summed over the mentions of each key.

        A key none of whose mentions carries votes (an analysis made without them) votes once
        per mention for its type.
        """
        voted = {m.key for m in self.mentions if m.votes}
        found: dict[str, dict[str, int]] = {}
        for m in self.mentions:
            if m.key:
                mine = found.setdefault(m.key, {})
                for kind, n in (m.votes if m.key in voted else {m.type: 1}).items():
                    mine[kind] = mine.get(kind, 0) + n
        return found

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict (as :func:`dataclasses.asdict` gives, without its deep copies)."""
        return {
            "doc_id": self.doc_id,
            "mentions": [dict(vars(m)) for m in self.mentions],
            "assertions": [
                {**vars(a), "targets": list(a.targets), "verbs": list(a.verbs)} for a in self.assertions
            ],
            "sentences": [dict(vars(s)) for s in self.sentences],
            "n_tokens": self.n_tokens,
            "entity_types": dict(self.entity_types),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentAnalysis:
        """Rebuild from :meth:`to_dict` output."""
        return cls(
            doc_id=data["doc_id"],
            mentions=tuple(Mention(**m) for m in data.get("mentions", ())),
            assertions=tuple(
                Assertion(**{**a, "targets": tuple(a.get("targets", ())), "verbs": tuple(a.get("verbs", ()))})
                for a in data.get("assertions", ())
            ),
            sentences=tuple(Sentence(**s) for s in data.get("sentences", ())),
            n_tokens=data.get("n_tokens", 0),
            entity_types=dict(data.get("entity_types", {})),
        )

    def sentence_text(self, index: int) -> str:
        """Text of sentence ``index`` ("" when it carries no evidence)."""
        for sentence in self.sentences:
            if sentence.index == index:
                return sentence.text
        return ""
