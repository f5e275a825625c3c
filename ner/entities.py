"""The ``linkchart_entities`` pipeline component: typed, cleaned, resolved mentions.

Runs after spaCy's ``ner`` (and the gazetteer ``entity_ruler`` before it) and
stores plain dicts in ``doc._.linkchart_mentions`` (plain data so documents
survive spaCy's multiprocessing). Types: person, agency, outlet, organization,
platform, place.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ner import gazetteer
from ner.aliases import Candidate, resolve_document
from ner.cleanup import clean_mention, looks_like_name, match_key, rules

#: spaCy labels linkchart keeps, and the type each starts as.
LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "OUTLET": "outlet",
    "AGENCY": "agency",
    "PLATFORM": "platform",
}
#: Dependency labels of a subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

if not Doc.has_extension("linkchart_mentions"):
    Doc.set_extension("linkchart_mentions", default=None)


def type_by_words(name: str, default: str) -> str:
    """Type an organisation by its head words ("... Ministry" → agency, "... Times" → outlet).

    >>> type_by_words("Ministry of State Security", "organization")
    'agency'
    >>> type_by_words("Hill Times", "organization")
    'outlet'
    """
    words = name.split()
    if not words:
        return default
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    r = rules()
    if head in r["outlet_heads"] or " ".join(words[-2:]) in r["outlet_heads"]:
        return "outlet"
    if head in r["agency_heads"] or " ".join(words[-2:]) in r["agency_heads"]:
        return "agency"
    if head in r["organization_heads"]:
        return "organization"
    if any(w in r["agency_words"] for w in words):
        return "agency"
    return default


def _split_conjunction(span: Span, person_words: set[str]) -> list[Span]:
    """Split "Dong and Consul General Han" into its two people."""
    for token in span:
        if token.lower_ in ("and", "&") and span.start < token.i < span.end - 1:
            doc = span.doc
            left = Span(doc, span.start, token.i, label=span.label_)
            right = Span(doc, token.i + 1, span.end, label=span.label_)
            sides = [clean_mention(s.text, is_person=True).name for s in (left, right)]
            if all(looks_like_name(s) for s in sides) and all(
                match_key(s).split()[-1] in person_words for s in sides
            ):
                return [left, right]
    return [span]


def _appositive_roles(span: Span) -> set[str]:
    """Words of an appositive describing the span ("Han Tao, China’s consul general")."""
    words: set[str] = set()
    for child in span.root.children:
        if child.dep_ == "appos":
            words |= {t.lower_ for t in child.subtree if t.is_alpha and not t.is_stop}
    return words


def _initial_type(span: Span) -> tuple[str, bool, str]:
    """The starting type of a span, whether the gazetteer fixed it, and its name."""
    entry = gazetteer.lookup(clean_mention(span.text).name)
    if entry is not None:
        return entry.type, True, entry.name
    kind = LABEL_TYPES[span.label_]
    if kind == "organization":
        kind = type_by_words(clean_mention(span.text).name, kind)
        if _is_reporting_subject(span) and kind == "organization":
            kind = "outlet"
    return kind, False, ""


def _is_reporting_subject(span: Span) -> bool:
    """An organisation that "reported" or "published" something is likely an outlet."""
    root = span.root
    return root.dep_ in SUBJECT_DEPS and root.head.lemma_ in rules()["reporting_outlet_verbs"]


def candidate_spans(doc: Doc) -> list[Span]:
    """Entity spans worth keeping, with conjunctions of people split apart."""
    person_words = {w for e in doc.ents if e.label_ == "PERSON" for w in match_key(e.text).split()}
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES:
            continue
        if ent.label_ in ("ORG", "PERSON"):
            spans.extend(_split_conjunction(ent, person_words))
        else:
            spans.append(ent)
    return spans


@Language.component("linkchart_line_breaks")
def linkchart_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never run together."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws[len(token.text) :] or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("linkchart_entities")
def linkchart_entities(doc: Doc) -> Doc:
    """Type, clean and resolve the document's entity mentions into ``doc._.linkchart_mentions``."""
    sent_index = {sent.start: i for i, sent in enumerate(doc.sents)}
    spans = candidate_spans(doc)
    known_people = {
        match_key(clean_mention(s.text, is_person=True).name) for s in spans if s.label_ == "PERSON"
    }
    known_words = {w for k in known_people for w in k.split()}
    cands: list[Candidate] = []
    kept: list[Span] = []
    for span in spans:
        kind, fixed, canonical = _initial_type(span)
        as_person = kind == "person" or (not fixed and kind != "place")
        cleaned = clean_mention(span.text, is_person=as_person)
        if as_person and kind != "person":
            if cleaned.role and match_key(cleaned.name).split()[-1:][0] in known_words:
                kind = "person"  # "Huawei CFO Meng" tagged ORG: a titled person
            else:
                cleaned = clean_mention(span.text)
        name = canonical or cleaned.name
        if not looks_like_name(name):
            continue
        cand = Candidate(name, kind, cleaned.role, fixed)
        cand.extra_roles = _appositive_roles(span) if kind == "person" else set()
        cands.append(cand)
        kept.append(span)
    resolve_document(cands)
    mentions = []
    for span, cand in zip(kept, cands, strict=True):
        if cand.dropped:
            continue
        mentions.append(
            {
                "text": span.text,
                "name": cand.name,
                "type": cand.type,
                "sent_index": sent_index.get(span.sent.start, 0),
                "start": span.start_char,
                "end": span.end_char,
                "key": cand.key,
                "role": cand.role,
                "label": span.label_,
            }
        )
    doc._.linkchart_mentions = mentions
    return doc
