"""The ``linkchart_entities`` pipeline component: typed, cleaned, resolved mentions.

Runs after spaCy's ``ner`` (and the gazetteer ``entity_ruler`` before it) and
stores plain dicts in ``doc._.linkchart_mentions`` (plain data so documents
survive spaCy's multiprocessing). Types: person, agency, outlet, organization,
platform, place.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from ner import gazetteer
from ner.aliases import GENERIC_HEADS, ORG_TYPES, STANDALONE_HEADS, Candidate, resolve_document
from ner.cleanup import (
    NAME_PARTICLES,
    clean_mention,
    is_acronym,
    looks_like_name,
    match_key,
    party_name,
    rules,
    without_legal_forms,
)
from ner.layout import doc_text
from ner.spans import (
    AGENCY_NOUNS,
    GLUED_ARTICLE,
    GLUED_WORDS,
    LABEL_TYPES,
    ROLE_WORDS,
    TITLE_WORDS,
    candidate_spans,
    speaks,
)
from ner.type_votes import WORD_VOTE, LabelVotes, mention_votes

#: Head words of every kind of body, lower case: "UN Security Council" is not the UN's short form.
TYPE_HEADS = frozenset(
    head.lower()
    for kind in ("agency_heads", "outlet_heads", "organization_heads", "weak_heads")
    for head in rules()[kind]
)
#: Dependency labels of a subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

#: A possessor before an organisation's name: "G7’s", "China’s", "Trudeau’s".
LEADING_POSSESSOR = re.compile(r"^[\w.\-]+(?: [\w.\-]+)?['’]s\s+(?=[A-Z])")

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
    if len(words) > 1 and words[0] in r["outlet_first_words"]:
        return "outlet"  # "Radio Marca", "TV Azteca"
    if head in r["outlet_heads"] or " ".join(words[-2:]) in r["outlet_heads"]:
        return "outlet"
    if head in r["weak_heads"] and head not in r["agency_heads"]:  # "… Centre", "… Institute"
        return "agency" if any(w in r["agency_words"] for w in words) else "organization"
    if head in r["agency_heads"] or " ".join(words[-2:]) in r["agency_heads"]:
        return "agency"
    if head in r["organization_heads"]:
        return "organization"
    if any(w in r["agency_words"] for w in words):
        return "agency"
    return default


def _appositive_roles(span: Span) -> set[str]:
    """Words of an appositive describing the span ("Han Tao, China’s consul general")."""
    words: set[str] = set()
    for child in span.root.children:
        if child.dep_ == "appos":
            words |= {t.lower_ for t in child.subtree if t.is_alpha and not t.is_stop}
    return words


def _initial_type(span: Span) -> tuple[str, bool, str]:
    """The starting type of a span, whether the gazetteer fixed it, and its name."""
    name = clean_mention(span.text).name
    entry = gazetteer.lookup(name) or gazetteer.lookup(party_name(name) or "")
    if entry is not None:
        return entry.type, True, entry.name
    if span.label_ == "OUTLET":
        return "outlet", True, ""  # a site named after a headline: an outlet, whatever it is called
    kind = LABEL_TYPES[span.label_]
    words = clean_mention(span.text).name.split()
    if kind == "person" and len(words) > 1 and words[-1] in rules()["organization_heads"]:
        kind = "organization"  # "Redhill Roadways", "Kessler Klinikum" tagged as people
    elif kind == "person" and len(words) > 1 and any(w in rules()["agency_words"] for w in words):
        kind = "agency"  # "Audiencia Nacional", "Federal Court" tagged as people
    if kind in ("organization", "person") and _platform_cue(span):
        return "platform", False, ""
    if kind == "organization":
        kind = type_by_words(clean_mention(span.text).name, kind)
        if _is_reporting_subject(span) and kind == "organization":
            kind = "outlet"
    return kind, False, ""


def _platform_cue(span: Span) -> bool:
    """ "its short-video app Vidlo", "the messaging app NightChat": named as an app or platform."""
    before = span.doc[max(span.start - 2, 0) : span.start]
    return any(t.lower_ in rules()["platform_cues"] and t.pos_ == "NOUN" for t in before) and (
        span.start > 0 and span.doc[span.start - 1].lower_ in rules()["platform_cues"]
    )


def _is_reporting_subject(span: Span) -> bool:
    """An organisation that "reported" or "published" something is likely an outlet."""
    root = span.root
    return root.dep_ in SUBJECT_DEPS and root.head.lemma_ in rules()["reporting_outlet_verbs"]


def _organisation_name(name: str) -> str:
    """ "G7’s Rapid Response Unit" → "Rapid Response Unit"; "Huawei CFO" → "Huawei"."""
    unpossessed = LEADING_POSSESSOR.sub("", name)
    if unpossessed not in GENERIC_HEADS or unpossessed in STANDALONE_HEADS:
        name = unpossessed  # but "Prosecutor’s Office" is not an "Office"
    words = name.split()
    while len(words) > 1 and words[-1].lower() in ROLE_WORDS:
        words.pop()
    return " ".join(words)


def _is_junk(span: Span, name: str) -> bool:
    """Spans that are not entities: adjectives, bare titles, events, menu glue."""
    words = name.split()
    if not words:
        return True
    if name in STANDALONE_HEADS:
        return False  # "Parliament", "Congress", "Democrats"
    if len(span) == 1 and span.root.pos_ == "ADJ":
        return True  # "Liberal candidates", "Uncorroborated reporting"
    if all(w.lower() in TITLE_WORDS for w in words):
        return True  # "CFO", "Prime Minister"
    if len(words) > 2 and words[0].lower() in ROLE_WORDS | {"head"} and words[1] in ("of", "for"):
        return True  # "Head of Cyber Operations", "Minister of Justice": a role, not a body
    if (
        len(span) == 1
        and span.root.pos_ == "NOUN"
        and span.label_ in ("ORG", "PERSON")
        and not span.text.isupper()
    ):
        return True  # "Ransomware …", "Home …": a capitalised common noun
    if words[-1].lower() in NAME_PARTICLES:
        return True  # "PRC Strategy and"
    if any(GLUED_WORDS.search(w) and not GLUED_ARTICLE.match(w) for w in words):
        return True  # "ArticlesGlobal Affairs": navigation text glued to a headline
    heads = rules()["non_entity_heads"]
    return span.label_ in ("ORG", "PERSON") and (words[-1] in heads or " ".join(words[-2:]) in heads)


def _is_institution(name: str) -> bool:
    """ "Spanish government", "Munich prosecutors": a capitalised word and an agency noun."""
    words = name.split()
    return len(words) >= 2 and words[0][:1].isupper() and " ".join(words[1:]).lower() in AGENCY_NOUNS


@Language.component("linkchart_line_breaks")
def linkchart_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never run together."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws[len(token.text) :] or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def _join_defined_abbreviations(spans: list[Span], cands: list[Candidate]) -> None:
    """ "Federal Financial Supervisory Authority (BaFin)": the text defines the short form.

    A name and a one-word short form in parentheses right after it (or the other way round)
    are one entity. The short form becomes the key of both, so the documents that use only
    the short form join it across the corpus; initials ("CSIS") already join their expansion.
    """
    if not spans:
        return
    text = doc_text(spans[0].doc)
    for (a, ca), (b, cb) in pairwise(zip(spans, cands, strict=True)):
        between = text[a.end_char : b.start_char].strip()
        after = text[b.end_char : b.end_char + 2].strip()[:1]
        if between != "(" or after != ")" or {ca.type, cb.type} & {"person", "place"}:
            continue
        short, long_ = (cb, ca) if len(b) == 1 else (ca, cb) if len(a) == 1 else (None, None)
        if short is None or long_ is None or not short.key or not long_.key or short.key == long_.key:
            continue
        _rekey(cands, long_.key, short.key)


def _rekey(cands: list[Candidate], old: str, new: str) -> None:
    """Every mention keyed ``old`` is keyed ``new``."""
    for c in cands:
        if c.key == old:
            c.key = new


def _join_acronym_companies(cands: list[Candidate]) -> None:
    """ "BDO Unibank Inc" … "BDO": an acronym that starts the one longer name in the document
    is that name's short form, unless the rest is a kind of body of its own ("UN Security
    Council", "BBC News"). The acronym becomes the key of both, so documents that use only the
    acronym join it across the corpus."""
    acronyms = {c.name for c in cands if c.key == c.name and is_acronym(c.name) and c.type in ORG_TYPES}
    longer: dict[str, set[str]] = {}
    for c in cands:
        words = without_legal_forms(c.name).split()
        first = c.name.split()[0]
        short_form = first in acronyms and words[-1] not in TYPE_HEADS
        if c.key and c.type in ORG_TYPES and len(words) > 1 and short_form:
            longer.setdefault(first, set()).add(c.key)
    for acronym, keys in longer.items():
        if len(keys) == 1:
            _rekey(cands, keys.pop(), acronym)


def _site_spans(doc: Doc, spans: list[Span]) -> list[Span]:
    """The site part of a "Headline | Site" line is one outlet, whatever the model made of it."""
    for start, end in doc._.linkchart_site_spans or ():
        site = doc.char_span(start, end, label="OUTLET", alignment_mode="expand")
        if site is not None:
            spans = [s for s in spans if s.end <= site.start or site.end <= s.start] + [site]
    return sorted(spans, key=lambda s: s.start)


@Language.component("linkchart_entities")
def linkchart_entities(doc: Doc) -> Doc:
    """Type, clean and resolve the document's entity mentions into ``doc._.linkchart_mentions``."""
    sent_index = {sent.start: i for i, sent in enumerate(doc.sents)}
    headings = set(doc._.linkchart_headings or ())
    spans = _site_spans(doc, candidate_spans(doc))
    known_people = {
        match_key(clean_mention(s.text, is_person=True).name) for s in spans if s.label_ == "PERSON"
    }
    known_words = {w for k in known_people for w in k.split()}
    cands: list[Candidate] = []
    kept: list[Span] = []
    own_types: list[str] = []
    for span in spans:
        kind, fixed, canonical = _initial_type(span)
        as_person = kind == "person" or (not fixed and kind != "place")
        cleaned = clean_mention(span.text, is_person=as_person)
        if as_person and kind != "person":
            if cleaned.role and (
                match_key(cleaned.name).split()[-1:][0] in known_words
                or (len(cleaned.name.split()) >= 2 and cleaned.role.split()[-1].lower() in TITLE_WORDS)
                or (
                    clean_mention(span.text, is_person=True).role == cleaned.role
                    and cleaned.role.split()[0].lower() in ROLE_WORDS | TITLE_WORDS
                    and span.text.split()[0] == cleaned.role.split()[0]
                )
            ):
                kind = "person"  # "Huawei CFO Meng" tagged ORG: a titled person
            else:
                cleaned = clean_mention(span.text)
        name = canonical or cleaned.name
        if kind not in ("person", "place") and not fixed:
            name = _organisation_name(name)
        if not (looks_like_name(name) or _is_institution(name)) or (not fixed and _is_junk(span, name)):
            continue
        cand = Candidate(name, kind, cleaned.role, fixed)
        cand.extra_roles = _appositive_roles(span) if kind == "person" else set()
        cands.append(cand)
        kept.append(span)
        own_types.append(kind)
    resolve_document(cands)
    _join_defined_abbreviations(kept, cands)
    _join_acronym_companies(cands)
    mentions = []
    spoken: list[Span] = []  # the span of each mention, in order
    labels = LabelVotes()
    for span, cand, own in zip(kept, cands, own_types, strict=True):
        if cand.dropped:
            continue
        # A name the document's other mentions made a person ("EY" beside "EY" tagged PERSON,
        # "Getty Images") votes for its own type: the corpus weighs every mention
        # (GlobalEntity.type). A short form of a full person name ("Guevarra") votes person.
        form_type = type_by_words(cand.name, "")  # a legal form or head word, if any
        lent = cand.type == "person" and own != "person" and (" " not in (cand.key or cand.name) or form_type)
        kind = own if lent else cand.type
        head_type = form_type if kind not in ("person", "place") else ""
        titled = bool(cand.role) and cand.role.split()[-1].lower() in TITLE_WORDS
        votes = mention_votes(
            span,
            kind,
            fixed=cand.fixed,
            titled=titled,
            head_type=head_type or None,
            labels=labels,
            key=cand.key,
        )
        spoken.append(span)
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
                "votes": votes,
                "heading": sent_index.get(span.sent.start, 0) in headings,
            }
        )
    speaking = {i for i, span in enumerate(spoken) if speaks(span)}
    doc._.linkchart_mentions = _without_unsupported_words(mentions, speaking)
    return doc


def _without_unsupported_words(mentions: list[dict], speaking: set[int]) -> list[dict]:
    """Drop a one-word organisation named once with nothing but the model's label for it.

    The small model tags many capitalised words ORG once ("Video", "Partygate", a place);
    a real organisation in a story is named again, has a legal form or head word, a
    descriptor, speaks ("BaFin said"), is an acronym or is in the gazetteer. ``speaking``
    holds the indices of the mentions that speak.
    """
    uses = Counter(m["key"] for m in mentions if m["key"])
    return [
        m
        for i, m in enumerate(mentions)
        if i in speaking
        or not (
            uses[m["key"]] == 1
            and m["votes"] == {"organization": WORD_VOTE}
            and " " not in m["name"]
            and m["key"] == m["name"]
            and not is_acronym(m["name"])  # "HSBC", "UEFA": acronyms are rarely a slip
        )
    ]
