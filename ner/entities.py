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
from ner.aliases import GENERIC_HEADS, STANDALONE_HEADS, Candidate, resolve_document
from ner.cleanup import (
    NAME_PARTICLES,
    clean_mention,
    is_acronym,
    looks_like_name,
    match_key,
    party_name,
    party_plurals,
    rules,
)
from ner.gazetteer import GAZETTEER_SPANS
from ner.layout import doc_text
from ner.type_votes import CONTEXT_VOTE, WORD_VOTE, LabelVotes, context_votes, mention_votes

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
#: Words that qualify a job in a byline ("Political Journalist", "Senior Correspondent").
JOB_QUALIFIERS = frozenset(rules()["job_qualifiers"])
#: Labels of spans that may be organisations when their context says so.
RELABELLED = frozenset({"PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"})
#: Party plurals a span tagged NORP may end in: "House Republicans", "Democrats".
PARTY_PLURALS = frozenset(p.split()[-1] for p in rules()["party_plurals"])
#: Lower-case nouns after a nationality, place or person that make an agency ("Spanish government").
AGENCY_NOUNS = frozenset(rules()["agency_nouns"])
#: Legal forms of companies ("Ltd", "AG", "Inc"): a span ending in one names an organisation.
LEGAL_FORMS = frozenset(form.rstrip(".") for form in rules()["legal_forms"])
#: Tokens that never stand inside a name: credits ("Stache/AFP") and labels ("Photo: …").
SEPARATORS = frozenset({"/", ":", "|"})
#: Dependency labels of a subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

#: "the" glued to the next word by a lost space: "theWall".
GLUED_ARTICLE = re.compile(r"^[Tt]he[A-Z][a-z]+$")
#: A lower-case run glued to a capital inside one word: "ArticlesGlobal".
GLUED_WORDS = re.compile(r"[a-z]{4,}[A-Z]")
#: A possessor before an organisation's name: "G7’s", "China’s", "Trudeau’s".
LEADING_POSSESSOR = re.compile(r"^[\w.\-]+(?: [\w.\-]+)?['’]s\s+(?=[A-Z])")
#: Shorter surnames are not propagated through a document (too easily a common word).
MIN_SURNAME_CHARS = 3
#: Lower-case words that may join the parts of an organisation's name.
CONNECTORS = frozenset({"and", "of", "to", "for", "on"})
#: One-word titles that end a role phrase: "Huawei CFO", "PMO spokesperson".
ROLE_WORDS = frozenset(t.lower() for t in rules()["titles"] if " " not in t)
#: Single title words never taken in as a given name.
TITLE_WORDS = frozenset(w.lower() for t in rules()["titles"] for w in t.split())
#: Words that describe a person's job or title ("Journalist", "CEO"), never end their name.
PERSON_WORDS = (TITLE_WORDS | frozenset(rules()["person_descriptors"])) - frozenset(
    w.lower() for w in rules()["organization_heads"]
)

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


def _split_conjunction(span: Span, person_words: set[str]) -> list[Span]:
    """Split "Dong and Consul General Han" into its two people."""
    if span.label_ == "ORG" and gazetteer.lookup(span.text) is None:
        for token in span:
            if token.lower_ == "and" and span.start < token.i < span.end - 1:
                doc = span.doc
                left = Span(doc, span.start, token.i, label=span.label_)
                right = Span(doc, token.i + 1, span.end, label=span.label_)
                if gazetteer.lookup(left.text) and gazetteer.lookup(right.text):
                    return [left, right]  # "Facebook and Instagram"
    for token in span:
        if token.lower_ in ("and", "&") and span.start < token.i < span.end - 1:
            doc = span.doc
            left = Span(doc, span.start, token.i, label=span.label_)
            right = Span(doc, token.i + 1, span.end, label=span.label_)
            sides = [clean_mention(s.text, is_person=True).name for s in (left, right)]
            titles = [all(w.lower() in TITLE_WORDS for w in s.split()) for s in sides]
            if any(titles) and not all(titles):
                return [(left, right)[titles.index(False)]]  # "Dong and Consul General": keep Dong
            if all(looks_like_name(s) for s in sides) and all(
                match_key(s).split()[-1] in person_words for s in sides
            ):
                return [left, right]
            known = [bool(s) and match_key(s).split()[-1] in person_words for s in sides]
            other = sides[known.index(False)] if sum(known) == 1 else ""
            if span.label_ == "ORG" and other and not _names_a_company(other):
                person = (left, right)[known.index(True)]  # "[Scalise] and Judiciary (Chairman …)"
                return [Span(doc, person.start, person.end, label="PERSON")]
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


def _extend_person(span: Span) -> Span:
    """Take in name parts the model left out: "Han [Dong]" → "[Han Dong]", "[Erin] O’Toole"."""
    start = span.start
    while start > 0:
        prev = span.doc[start - 1]
        if (
            prev.pos_ == "PROPN"
            and prev.is_title
            and prev.ent_type_ in ("", "NORP")
            and prev.dep_ == "compound"
            and span.start <= prev.head.i < span.end
            and prev.lower_ not in TITLE_WORDS
        ):
            start -= 1
        else:
            break
    end = span.end
    while end < len(span.doc):
        nxt, last = span.doc[end], span.doc[end - 1]
        if (
            nxt.pos_ in ("PROPN", "NOUN")
            and nxt.text[:1].isupper()
            and nxt.ent_type_ not in LABEL_TYPES
            and last.dep_ == "compound"
            and last.head.i == nxt.i
        ):
            end += 1  # "[Erin] O’Toole" → "[Erin O’Toole]"
        else:
            break
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.doc, start, end, label=span.label_)


def merged_entities(doc: Doc) -> list[Span]:
    """spaCy's entities and the gazetteer's matches, one span per stretch of text.

    A gazetteer match replaces the model's entities it overlaps ("Douyin" tagged
    PERSON becomes a platform), except a longer entity that contains it whole
    ("UN Human Rights Council" is not cut down to "UN").
    """
    gazetteer_spans = sorted(doc.spans.get(GAZETTEER_SPANS, []), key=lambda s: (s.start, -len(s)))
    spans = list(doc.ents)
    for g in gazetteer_spans:
        overlapping = [e for e in spans if e.start < g.end and g.start < e.end]
        if any(e.start <= g.start and g.end <= e.end and len(e) > len(g) for e in overlapping):
            continue
        spans = [e for e in spans if e not in overlapping] + [g]
    return sorted(spans, key=lambda s: s.start)


def _organisation_name(name: str) -> str:
    """ "G7’s Rapid Response Unit" → "Rapid Response Unit"; "Huawei CFO" → "Huawei"."""
    unpossessed = LEADING_POSSESSOR.sub("", name)
    if unpossessed not in GENERIC_HEADS or unpossessed in STANDALONE_HEADS:
        name = unpossessed  # but "Prosecutor’s Office" is not an "Office"
    words = name.split()
    while len(words) > 1 and words[-1].lower() in ROLE_WORDS:
        words.pop()
    return " ".join(words)


def _trim_person(span: Span) -> Span:
    """Drop a leading verb the model took into a name: "[Preventing Huawei]"."""
    start = span.start
    while start < span.end - 1 and span.doc[start].pos_ in ("VERB", "AUX", "ADP", "DET"):
        start += 1
    return span if start == span.start else Span(span.doc, start, span.end, label=span.label_)


def _extend_embassy(span: Span) -> Span:
    """ "Canadian Embassy" + "in the People’s Republic of China": an embassy is named by its place."""
    doc = span.doc
    if span[-1].text not in rules()["located_heads"] or span.end + 1 >= len(doc):
        return span
    if doc[span.end].lower_ != "in":
        return span
    i = span.end + 1
    starts = {i, i + 1} if doc[i].lower_ == "the" else {i}
    place = next((e for e in doc.ents if e.start in starts and e.label_ in ("GPE", "LOC")), None)
    return span if place is None else Span(doc, span.start, place.end, label=span.label_)


def _extend_organisation_right(span: Span) -> Span:
    """ "[Nordic Institute] for Digital Democracy": take in "for/of" + capitalised words."""
    doc, end = span.doc, span.end
    while end + 1 < len(doc) and doc[end].lower_ in ("for", "of", "on") and doc[end + 1].is_title:
        stop = end + 1
        while (
            stop < len(doc)
            and (doc[stop].is_title or doc[stop].lower_ in ("and", "of"))
            and doc[stop].ent_type_ in ("", span.label_, "NORP")
        ):
            stop += 1
        while doc[stop - 1].lower_ in ("and", "of"):
            stop -= 1
        if stop <= end + 1:
            break
        end = stop
    return span if end == span.end else Span(doc, span.start, end, label=span.label_)


def _extend_organisation(span: Span) -> Span:
    """Take in the start of a long name the model cut: "[Security and Intelligence Threats to]
    [Elections Task Force]" — capitalised words joined by "and", "of", "to", "for", "on"."""
    doc, start = span.doc, span.start
    while start > 1:
        prev = doc[start - 1]
        if (
            prev.is_title
            and prev.ent_type_ == ""
            and not prev.is_sent_start
            and prev.pos_ in ("PROPN", "NOUN")
        ):
            start -= 1
        elif GLUED_ARTICLE.match(prev.text):  # "theWall Street Journal": a scraped space lost
            start -= 1
            break
        elif prev.lower_ in CONNECTORS and doc[start - 2].is_title and doc[start - 2].ent_type_ == "":
            start -= 2 if not doc[start - 2].is_sent_start else 1
            if doc[start].lower_ in CONNECTORS:
                start += 1
                break
        else:
            break
    return span if start == span.start else Span(doc, start, span.end, label=span.label_)


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


def _propagated_surnames(doc: Doc, spans: list[Span]) -> list[Span]:
    """Repeats of a person's surname the model left untagged ("O’Toole" after "Erin O’Toole").

    One sense per document: a capitalised proper-noun token equal to the last
    word of a multi-word person name found elsewhere in the document is that person.
    """
    taken = {i for s in spans for i in range(s.start, s.end)}
    surnames = set()
    for span in spans:
        if span.label_ == "PERSON":
            words = clean_mention(span.text, is_person=True).name.split()
            if len(words) >= 2 and len(words[-1]) >= MIN_SURNAME_CHARS:
                surnames.add(words[-1])
    return [
        Span(doc, t.i, t.i + 1, label="PERSON")
        for t in doc
        if t.i not in taken and t.text in surnames and t.pos_ in ("PROPN", "NOUN")
    ]


def _names_a_company(name: str) -> bool:
    """ "… & Co", "… Ltd", "… Partners": a name ending in a legal form or an organisation head."""
    last = name.split()[-1].rstrip(".")
    return last in LEGAL_FORMS or last in rules()["organization_heads"]


def _names_a_body(span: Span) -> bool:
    """A span of another label (FAC, NORP, WORK_OF_ART) that names an organisation by its form.

    It ends in a legal form ("Castlegate Surfacing Ltd"), a party's plural ("House
    Republicans", "Democrats") or, with two words or more, an agency head ("The Spanish Public
    Prosecutor’s Office").
    """
    last = span[-1].text.rstrip(".")
    if last in LEGAL_FORMS or (span.label_ == "NORP" and last in PARTY_PLURALS):
        return True
    return len(span) > 1 and span.label_ != "NORP" and last in rules()["agency_heads"]


def _described_as_a_body(span: Span) -> bool:
    """A span of another label (PRODUCT, WORK_OF_ART, FAC) that its context calls a body
    ("Germany’s financial watchdog, Bafin" with "Bafin" tagged PRODUCT) or that speaks."""
    if span.label_ not in RELABELLED:
        return False
    if _speaks(span):
        return True  # "BaFin said …" with "BaFin" tagged PRODUCT: a product does not speak
    votes = context_votes(span)
    return sum(votes[k] for k in ("organization", "agency", "outlet")) >= CONTEXT_VOTE > votes["person"]


def _untagged_companies(doc: Doc, taken: set[int]) -> list[Span]:
    """Names the model missed that their form or role makes organisations.

    Capitalised words ending in a legal form ("Ernst & Young LLP") and an acronym that speaks
    ("ESMA said"), when no entity covers them.
    """
    found = []
    for token in doc:
        if not token.text[:1].isupper() or token.i in taken:
            continue
        if token.text.rstrip(".") in LEGAL_FORMS and token.i > 0:
            start = token.i
            while start > 0 and start - 1 not in taken:
                prev = doc[start - 1]
                if prev.is_title or prev.is_upper or (prev.lower_ in ("&", "and") and start - 2 >= 0):
                    start -= 1
                else:
                    break
            while start < token.i and (doc[start].lower_ in ("&", "and") or doc[start].is_stop):
                start += 1  # "An Ernst & Young LLP partner": the article is not part of the name
            if start < token.i:
                found.append(Span(doc, start, token.i + 1, label="ORG"))
        elif is_acronym(token.text) and token.pos_ == "PROPN" and _speaks(doc[token.i : token.i + 1]):
            found.append(Span(doc, token.i, token.i + 1, label="ORG"))
    return found


def _institution_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """A nationality, place or person followed by an agency noun: "Spanish government", "Biden
    administration", "Munich prosecutors". The pair names an agency."""
    found = []
    nouns = AGENCY_NOUNS
    for ent in doc.ents:
        if ent.label_ not in ("NORP", "GPE", "PERSON") or ent.end >= len(doc):
            continue
        for size in (2, 1):
            words = doc[ent.end : ent.end + size]
            if (
                len(words) == size
                and words.text.lower() in nouns
                and words[0].is_lower
                and not any(t.i in taken for t in words)
            ):
                found.append(Span(doc, ent.start, ent.end + size, label="AGENCY"))
                break
    return found


def _is_institution(name: str) -> bool:
    """ "Spanish government", "Munich prosecutors": a capitalised word and an agency noun."""
    words = name.split()
    return len(words) >= 2 and words[0][:1].isupper() and " ".join(words[1:]).lower() in AGENCY_NOUNS


def _split_at_separators(span: Span) -> list[Span]:
    """Split a span at "/", ":" or "|": photo credits and labels, not names.

    "Christof Stache/AFP" is a photographer and an agency; "Photo: Getty Images" is an
    agency. A part of two or three capitalised words the gazetteer does not know is a person
    (a credit names photographers); any other part keeps the span's label, or is an
    organisation when the span was tagged a person.
    """
    cuts = [t.i for t in span if t.text in SEPARATORS]
    if not cuts:
        return [span]
    parts = []
    for start, end in zip([span.start, *(c + 1 for c in cuts)], [*cuts, span.end], strict=True):
        if start >= end:
            continue
        part = Span(span.doc, start, end, label=span.label_)
        words = part.text.split()
        if (
            gazetteer.lookup(part.text) is None
            and 2 <= len(words) <= 3
            and all(w[:1].isupper() and w.isalpha() for w in words)
            and (all(w.isupper() for w in words) or not any(w.isupper() and len(w) > 1 for w in words))
            and words[-1] not in rules()["organization_heads"]
        ):
            part = Span(span.doc, start, end, label="PERSON")
        elif span.label_ == "PERSON":
            part = Span(span.doc, start, end, label="ORG")  # "Tom Williams/[CQ Roll Call]"
        parts.append(part)
    if cuts and span.doc[cuts[0]].text == ":" and len(parts) > 1:
        parts = parts[1:]  # "Photo: …", "Source: …": the label before the colon is not a name
    return parts


def _trim_trailing_descriptors(span: Span) -> Span:
    """ "Mark Fitt Political Journalist" (a byline) → "Mark Fitt": a person's name does not end in
    a job ("Journalist", "Reporter") or the adjectives before one."""
    if span.label_ != "PERSON" or len(span) < 3:
        return span
    end = span.end
    while end - span.start > 2 and span.doc[end - 1].lower_ in PERSON_WORDS:
        end -= 1
    if end < span.end:
        while end - span.start > 2 and (
            span.doc[end - 1].pos_ == "ADJ" or span.doc[end - 1].lower_ in JOB_QUALIFIERS
        ):
            end -= 1  # "… Political Journalist", "… Senior Correspondent"
    return span if end == span.end else Span(span.doc, span.start, end, label="PERSON")


def _trim_to_known_people(spans: list[Span]) -> list[Span]:
    """Drop words glued before a person's name when the document names the person without them.

    "Whip Steve Scalise" and "Republican Kevin McCarthy" become "Steve Scalise" and "Kevin
    McCarthy" when those names stand alone elsewhere in the document.
    """
    people = {match_key(s.text) for s in spans if s.label_ == "PERSON" and len(s) >= 2}
    trimmed = []
    for span in map(_trim_trailing_descriptors, spans):
        if span.label_ == "PERSON" and len(span) >= 3:
            for start in range(span.start + 1, span.end - 1):
                rest = Span(span.doc, start, span.end, label="PERSON")
                if match_key(rest.text) in people:
                    span = rest
                    break
        trimmed.append(span)
    return trimmed


def _party_name_only(span: Span, label: str) -> Span:
    """ "Hardline Republicans" tagged NORP → "Republicans": the party's name, not its adjectives
    ("Free Democrats" stays whole)."""
    if label != "NORP":
        return span
    for start in range(span.start, span.end):
        if match_key(span.doc[start : span.end].text) in party_plurals():
            return Span(span.doc, start, span.end, label="ORG")
    return span


def _party_groups(spans: list[Span]) -> list[Span]:
    """ "[House] [Republicans]" tagged ORG + NORP is one group: "House Republicans"."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label_ == "ORG"
            and span.label_ == "NORP"
            and last.end == span.start
            and span[-1].text in PARTY_PLURALS
        ):
            joined[-1] = Span(span.doc, last.start, span.end, label="ORG")
        else:
            joined.append(span)
    return joined


def candidate_spans(doc: Doc) -> list[Span]:
    """Entity spans worth keeping, with conjunctions of people split apart."""
    person_words = {w for e in doc.ents if e.label_ == "PERSON" for w in match_key(e.text).split()}
    spans: list[Span] = []
    parts = [part for whole in merged_entities(doc) for part in _split_at_separators(whole)]
    for ent in _party_groups(parts):
        if ent.label_ not in LABEL_TYPES and (_names_a_body(ent) or _described_as_a_body(ent)):
            ent = _party_name_only(Span(doc, ent.start, ent.end, label="ORG"), ent.label_)
        if ent.label_ not in LABEL_TYPES:
            continue
        if ent.label_ == "PERSON":
            ent = _extend_person(_trim_person(ent))
        elif ent.label_ == "ORG":
            ent = _extend_embassy(_extend_organisation_right(_extend_organisation(ent)))
        if ent.label_ in ("ORG", "PERSON"):
            spans.extend(_split_conjunction(ent, person_words))
        else:
            spans.append(ent)
    spans = _trim_to_known_people(spans)
    spans += _untagged_companies(doc, {i for s in spans for i in range(s.start, s.end)})
    institutions = _institution_spans(doc, {i for s in spans for i in range(s.start, s.end)})
    starts = {s.start for s in institutions}
    spans = [s for s in spans if s.start not in starts] + institutions
    spans.extend(_propagated_surnames(doc, spans))
    return sorted(spans, key=lambda s: s.start)


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
        old = long_.key
        for c in cands:
            if c.key == old:
                c.key = short.key


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
    speaking = {i for i, span in enumerate(spoken) if _speaks(span)}
    doc._.linkchart_mentions = _without_unsupported_words(mentions, speaking)
    return doc


def _speaks(span: Span) -> bool:
    """The name is the subject of a reporting verb ("BaFin said …")."""
    return span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.lemma_ in rules()["reporting_verbs"]


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
