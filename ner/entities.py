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

from spacy.tokens import Doc, Span, Token

from ner import gazetteer
from ner.aliases import CLOSING_HEADS, ORG_TYPES, Candidate, generic_heads, resolve_document, standalone_heads
from ner.cleanup import (
    clean_mention,
    initials_variants,
    is_acronym,
    looks_like_name,
    match_key,
    party_name,
    role_words,
    rules,
    strip_leading_article,
    without_legal_forms,
)
from ner.credits import doc_credits, supplied
from ner.layout import doc_text
from ner.not_names import is_junk, type_heads
from ner.rules import Rules, per_rules
from ner.spans import (
    LABEL_TYPES,
    agency_nouns,
    candidate_spans,
    speaks,
    title_words,
)
from ner.type_votes import CONTEXT_VOTE, WORD_VOTE, LabelVotes, mention_votes

#: A byline without "By" is on one of the document's first lines.
BYLINE_LINES = 4
#: Dependency labels of a subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

#: A possessor before an organisation's name: "G7’s", "China’s", "Trudeau’s".
LEADING_POSSESSOR = re.compile(r"^[\w.\-]+(?: [\w.\-]+)?['’]s\s+(?=[A-Z])")

if not Doc.has_extension("linkchart_mentions"):
    Doc.set_extension("linkchart_mentions", default=None)


#: Heads of a sport's own bodies, private whatever they are called; a ministry, department or
#: council of sport is the state's.
SPORT_BODY_HEADS = frozenset({"Committee", "Court", "Unit", "Agency", "Panel", "Tribunal"})


#: Prepositions after a body's head word: "Bank of England", "Committee on Foreign Investment".
HEAD_PREPOSITIONS = frozenset({"of", "on", "for", "in", "to"})


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
    named = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    joins = [i for i, w in enumerate(words) if i and w in HEAD_PREPOSITIONS]
    head = words[joins[0] - 1] if joins else words[-1]  # "Committee on Foreign Investment in …"
    r = rules()
    if len(words) > 1 and words[0] in r["outlet_first_words"]:
        return "outlet"  # "Radio Marca", "TV Azteca"
    if named in r["outlet_heads"] or " ".join(words[-2:]) in r["outlet_heads"]:
        return "outlet"  # "Center for Climate Reporting"
    if len(words) > 1 and (words[-1] in r["place_heads"] or " ".join(words[-2:]) in r["place_heads"]):
        return "place"  # "Allianz Stadium", "Capitol Hill", "Sandy Hook Elementary School"
    if head in SPORT_BODY_HEADS and any(w in r["sport_words"] for w in words):
        return "organization"  # "International Olympic Committee", "Court of Arbitration for Sport"
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


def _initial_type(span: Span, listed: bool = True) -> tuple[str, bool, str]:
    """The starting type of a span, whether the gazetteer fixed it (unless not ``listed``), and
    its name."""
    name = clean_mention(span.text).name
    entry = (gazetteer.lookup(name) or gazetteer.lookup(party_name(name) or "")) if listed else None
    if entry is None and listed and is_acronym(name) and supplied(span.start_char, span.end_char, span.doc):
        entry = gazetteer.opened_by(name)  # "(Victoria Jones/PA)": PA Media
    if entry is not None and _the_place(span, entry.name):
        entry = None  # "both sides of the Atlantic" is not The Atlantic
    if entry is not None:
        return entry.type, True, entry.name
    if not listed:
        return type_by_words(name, "organization"), False, ""  # the ruler's label is the list's
    if span.label_ == "OUTLET":
        return "outlet", True, ""  # a site named after a headline: an outlet, whatever it is called
    if span.label_ == "PLATFORM":
        return "platform", True, ""  # "posted on X", "X, formerly Twitter"
    kind = LABEL_TYPES[span.label_]
    words = clean_mention(span.text).name.split()
    if kind == "person" and len(words) > 1 and words[-1] in rules()["organization_heads"]:
        kind = "organization"  # "Redhill Roadways", "Kessler Klinikum" tagged as people
    elif kind == "person" and len(words) > 1 and _a_facility(span, words):
        kind = "place"  # "released from Belmarsh Prison" tagged as a person
    elif kind == "person" and len(words) > 1 and any(w in rules()["agency_words"] for w in words):
        kind = "agency"  # "Audiencia Nacional", "Federal Court" tagged as people
    elif kind == "place" and len(words) > 1 and words[-1] in rules()["agency_heads"]:
        kind = "agency"  # "Travis County District Court" tagged as a place
    elif kind == "place" and len(words) > 1 and words[-1] in company_heads():
        kind = "organization"  # "the sale of Pandora Media" tagged as a place
    if kind in ("organization", "person") and _platform_cue(span):
        return "platform", False, ""
    if kind == "organization":
        kind = type_by_words(clean_mention(span.text).name, kind)
        if _is_reporting_subject(span) and kind == "organization":
            kind = "outlet"
    return kind, False, ""


#: Organisation heads that also end the names of places: "Soviet Union", "Christ Church".
PLACE_LIKE_HEADS = frozenset(
    {"Union", "Church", "College", "University", "Hospital", "Clinic", "Klinikum", "Trust", "Club"}
)


@per_rules
def company_heads(r: Rules) -> frozenset[str]:
    """Organisation heads no place's name ends in ("Media", "Group", "Ltd"): a name the model
    took for a place that ends in one is an organisation."""
    return frozenset(r["organization_heads"]) - PLACE_LIKE_HEADS


#: Prepositions before a place one is in, goes to or comes from.
FACILITY_PREPOSITIONS = frozenset({"in", "from", "at", "to", "into", "outside", "inside", "near"})


def _a_facility(span: Span, words: list[str]) -> bool:
    """A name ending in a place's head word ("Prison", "Stadium") after a preposition of place,
    whose last word the document does not give a person ("Belgian MEP, Maria Arena")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    if before is None or before.lower_ not in FACILITY_PREPOSITIONS:
        return False
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and e.start != span.start}
    return type_by_words(" ".join(words), "") == "place" and words[-1] not in surnames


def _the_place(span: Span, known: str) -> bool:
    """A place or people the model saw where a known name opens with "The" ("the Atlantic" for
    The Atlantic, "the Hindu" for The Hindu): without a capital "The", the name is not meant."""
    if not known.startswith("The ") or span.label_ not in ("GPE", "LOC", "NORP"):
        return False
    doc = span.doc
    return not (span[0].text == "The" or (span.start > 0 and doc[span.start - 1].text == "The"))


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


def _organisation_name(name: str, owned: frozenset[str] = frozenset()) -> str:
    """ "G7’s Rapid Response Unit" → "Rapid Response Unit"; "Huawei CFO" → "Huawei";
    "anti-Islam Party for Freedom" → "Party for Freedom"; not "Moody's Ratings" when the
    document writes "Moody's" as a name (``owned``, :func:`_owned_possessives`)."""
    unpossessed = LEADING_POSSESSOR.sub("", name)
    possessor = name.split("'")[0].split("’")[0]
    if possessor in rules()["possessive_name_words"] or match_key(possessor) in owned:
        unpossessed = name  # "People's Bank of China", "Workers' Party": the possessive is the name's
    if unpossessed not in generic_heads() or unpossessed in standalone_heads():
        name = unpossessed  # but "Prosecutor’s Office" is not an "Office"
    words = name.split()
    while len(words) > 1 and words[0][:1].islower() and words[1][:1].isupper():
        words.pop(0)  # a description the model took in: "anti-Islam", "far-right"
    while len(words) > 1 and words[-1].lower() in role_words():
        words.pop()
    return " ".join(words)


#: Punctuation that closes a name's own "'s": "an analyst at Moody's, …", "… cut by Moody's."
CLOSING_MARKS = frozenset({",", ".", ";", ":", ")"})
#: Finite verb tags: a past or present tense, a modal.
FINITE_VERBS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _owned_possessives(doc: Doc, spans: list[Span]) -> frozenset[str]:
    """Match keys of names whose "'s" is their own: somewhere in the document the name's "'s"
    stands where a possessive's noun cannot, before a closing mark ("at McDonald's.") or as the
    subject of the verb that follows it ("Moody’s said", "Standard & Poor's cut"). Not
    "for Microsoft's planned takeover" (no subject after a preposition), "Trump's going"
    ("'s" is "is": no finite verb follows)."""
    owned = set()
    for span in spans:
        mark = _possessive_mark(span)
        if mark is None or mark.i == span.start:
            continue
        after = doc[mark.i + 1] if mark.i + 1 < len(doc) else None
        subject = span.root if span.root != mark else mark.head
        if (
            after is None
            or after.text in CLOSING_MARKS
            or (
                after.tag_ in FINITE_VERBS
                and subject.dep_ in ("nsubj", "nsubjpass")
                and subject.head == after
                and not (span.start > 0 and doc[span.start - 1].tag_ == "IN")
            )
        ):
            owned.add(match_key(clean_mention(doc[span.start : mark.i].text).name))
    return frozenset(owned)


def _with_own_possessive(span: Span, name: str, owned: frozenset[str]) -> str:
    """``name`` with the "'s" the document writes as part of it ("Moody" → "Moody’s")."""
    if match_key(name) not in owned or name.endswith(("'s", "’s")):
        return name
    mark = _possessive_mark(span)
    if mark is None or mark.text.lower() not in ("'s", "’s"):
        return name
    return name + mark.text


def _possessive_mark(span: Span) -> Token | None:
    """The "'s" that closes ``span`` or follows it, if any."""
    doc = span.doc
    mark = span[-1] if span[-1].tag_ == "POS" else doc[span.end] if span.end < len(doc) else None
    return mark if mark is not None and mark.tag_ == "POS" else None


def _is_institution(name: str) -> bool:
    """ "Spanish government", "Munich prosecutors": a capitalised word and an agency noun."""
    words = name.split()
    return len(words) >= 2 and words[0][:1].isupper() and " ".join(words[1:]).lower() in agency_nouns()


def linkchart_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never run together;
    never after a line's first word ("NTSB | Chair Jennifer Homendy said", as the parser cut)."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws[len(token.text) :] or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
            second = token.i + 2
            if second < len(doc) and doc[token.i + 1].is_alpha and "\n" not in doc[token.i + 1].text_with_ws:
                doc[second].is_sent_start = False
    return doc


#: Words between two names that say they are one body: "MI5, officially known as the Security
#: Service", "MI5 — which is referred to as the Security Service", "the regulator, also called".
DEFINED_AS = re.compile(
    r"^[,(\u2014\u2013-]?\s*(?:(?:which|that) is\s+)?(?:[a-z]+ly\s+)?"
    r"(?:known|referred to|called)\s+as\s*(?:the\s*)?$"
    r"|^[,(]\s*(?:the [a-z ]+ )?formerly(?: known as)?$"  # "X, (the platform) formerly (known as) Twitter"
)


def short_form(word: str) -> bool:
    """A one-word short form: "CSIS", "BaFin", "MI5" (two capitals or more, no spaces)."""
    return " " not in word and sum(ch.isupper() for ch in word) >= 2 and word[:1].isupper()


def _glued_short_form(name: str) -> str | None:
    """The short form a body's name ends with ("Federal Financial Supervisory Authority BaFin"),
    if the words before it end with a kind of body."""
    words = name.split()
    if len(words) > 2 and short_form(words[-1]) and words[-2].lower() in type_heads():
        return words[-1]
    return None


def _join_defined_abbreviations(spans: list[Span], cands: list[Candidate]) -> None:
    """A body the text gives two names for is one entity, under its short name.

    "Federal Financial Supervisory Authority (BaFin)", "Federal Financial Supervisory Authority
    BaFin", "MI5, officially known as the Security Service": a name and a one-word short form in
    parentheses or right after it, or two names joined by "known as" / "referred to as". The
    short form (else the first) becomes the key of both; the document's vocabulary then records
    the other name as defined by it, so documents that use only one of the names join across the
    corpus (:func:`graph.resolve.merge_groups`).
    """
    if not spans:
        return
    text = doc_text(spans[0].doc)
    for (a, ca), (b, cb) in pairwise(zip(spans, cands, strict=True)):
        gap = text[a.end_char : b.start_char]
        between = gap.strip() if "\n" not in gap else "\n"  # a line's end parts two names
        after = text[b.end_char : b.end_char + 2].strip()[:1]
        bracketed = between == "(" and after == ")"
        if bracketed and ca.type in ORG_TYPES and cb.type == "person" and len(b) == 1 and is_acronym(b.text):
            cb.type = ca.type  # "National Cybersecurity Centre (CNCS)": a short form, not a person
        if {ca.type, cb.type} & {"person", "place", "outlet"} or not ca.key or not cb.key or ca.key == cb.key:
            continue  # "WASHINGTON (AP)" is a dateline
        if bracketed or (between == "" and short_form(b.text) and len(a) > 1):
            one_b, one_a = " " not in b.text, " " not in a.text  # "PML-N" is one word of three tokens
            short, long_ = (cb, ca) if one_b else (ca, cb) if one_a else (None, None)
        elif DEFINED_AS.match(between):
            short, long_ = (cb, ca) if len(b) == 1 and len(a) > 1 else (ca, cb)
        else:
            continue
        if short is None or long_ is None:
            continue
        _rekey(cands, long_.key, short.key)
    _join_untagged_short_forms(spans, cands)


#: A bracketed short form right after a name: "Democratic Republic of Congo (DRC)".
BRACKETED_SHORT = re.compile(r"\s*\(([A-Z][A-Za-z.]{1,7})\)")


def _defined_acronyms(doc: Doc, spans: list[Span]) -> dict[str, str]:
    """``{acronym: match key of its name}`` for the acronyms the document defines in brackets
    after a name ("Pakistan Tehreek-e-Insaf (PTI)"): there the text, not a list of bodies known
    in general (PTI, the Press Trust of India), says what they stand for."""
    text = doc_text(doc)
    found = {}
    for span in spans:
        acronym = _spelled_after(span, text)
        if acronym:
            found[acronym] = match_key(clean_mention(span.text).name)
    return found


def _spelled_after(span: Span, text: str) -> str:
    """The acronym in brackets right after ``span`` that spells its name ("… Insaf (PTI)"), or ""."""
    short = BRACKETED_SHORT.match(text, span.end_char)
    acronym = short.group(1) if short else ""
    spelled = acronym.replace(".", "").upper() in initials_variants(clean_mention(span.text).name)
    return acronym if is_acronym(acronym) and spelled else ""


#: Capitalised words (and the connectors of names) right before a bracketed acronym.
BEFORE_BRACKETED = re.compile(
    r"((?:[A-Z][\w'’.-]*|of|the|and)(?:\s+(?:[A-Z][\w'’.-]*|of|the|and))*)\s*\(([A-Z]{2,6})\)"
)


def _title_acronyms(doc: Doc) -> set[str]:
    """Acronyms the document defines for a title, not a body: "Chief Justice of Pakistan (CJP)",
    "Chief Executive Officer (CEO)". Their mentions name a person's post, not an entity."""
    found = set()
    for match in BEFORE_BRACKETED.finditer(doc_text(doc)):
        words, acronym = match.group(1).split(), match.group(2)
        for start in range(len(words) - 1):
            run = words[start:]
            if acronym in initials_variants(" ".join(run)):
                if run[0].lower() in title_words() and run[0][:1].isupper():
                    found.add(acronym)
                break
    return found


def _place_abbreviations(doc: Doc) -> set[str]:
    """Acronyms the document defines for a place ("Democratic Republic of Congo (DRC)",
    "United Arab Emirates (UAE)"): its other mentions of them name that place."""
    text = doc_text(doc)
    return {_spelled_after(ent, text) for ent in doc.ents if ent.label_ in ("GPE", "LOC")} - {""}


def _join_untagged_short_forms(spans: list[Span], cands: list[Candidate]) -> None:
    """ "Federal Financial Supervisory Authority BaFin (…)": the model tagged the short form
    elsewhere in the document but not right after the name (or in parentheses after it)."""
    doc = spans[0].doc
    tagged = {t for s in spans for t in range(s.start, s.end)}
    short_keys = {c.name: c.key for c in cands if c.key and c.type in ORG_TYPES and short_form(c.name)}
    for span, cand in zip(spans, cands, strict=True):
        if cand.type not in ORG_TYPES or not cand.key or len(span) < 2:
            continue
        at = span.end + (span.end < len(doc) and doc[span.end].text == "(")
        if at >= len(doc) or at in tagged or doc[at].text not in short_keys:
            continue
        if at > span.end and (at + 1 >= len(doc) or doc[at + 1].text != ")"):
            continue
        if short_keys[doc[at].text] != cand.key:
            _rekey(cands, cand.key, short_keys[doc[at].text])


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
        short_form = first in acronyms and words[-1] not in type_heads()
        if c.key and c.type in ORG_TYPES and len(words) > 1 and short_form:
            longer.setdefault(first, set()).add(c.key)
    for acronym, keys in longer.items():
        if len(keys) == 1:
            _rekey(cands, keys.pop(), acronym)


#: A clipped name keeps at least this many letters of the name it clips ("Juve" of "Juventus").
MIN_CLIPPED = 4


def _join_clipped_names(cands: list[Candidate]) -> None:
    """ "Juventus" … "Juve": a one-word name the model took for a person that is the start of
    the one one-word organisation name in the document it could clip is that organisation's
    nickname, unless it is also the given name or surname of a full name there."""
    full_words = {w for c in cands if c.type == "person" and " " in c.name for w in c.name.split()}
    bodies = {c.name: c for c in cands if c.type in ORG_TYPES and " " not in c.name and c.key == c.name}
    for c in cands:
        name = c.name
        if c.type != "person" or " " in name or len(name) < MIN_CLIPPED or name in full_words:
            continue
        clipped = [b for b in bodies.values() if b.name.startswith(name) and len(b.name) > len(name) + 1]
        if len(clipped) == 1:
            body = clipped[0]
            for other in cands:
                if other.key == c.key and other.type == "person":
                    other.key, other.type = body.key, body.type


def _site_spans(doc: Doc, spans: list[Span]) -> list[Span]:
    """The site part of a "Headline | Site" line is one outlet, whatever the model made of it."""
    for start, end in doc._.linkchart_site_spans or ():
        site = doc.char_span(start, end, label="OUTLET", alignment_mode="expand")
        if site is not None:
            spans = [s for s in spans if s.end <= site.start or site.end <= s.start] + [site]
    return sorted(spans, key=lambda s: s.start)


def linkchart_entities(doc: Doc) -> Doc:
    """Type, clean and resolve the document's entity mentions into ``doc._.linkchart_mentions``."""
    sent_index = {sent.start: i for i, sent in enumerate(doc.sents)}
    headings = set(doc._.linkchart_headings or ())
    titles = set(doc._.linkchart_titles or ())
    spans = _site_spans(doc, candidate_spans(doc))
    places = {strip_leading_article(e.text) for e in doc.ents if e.label_ in ("GPE", "NORP")}
    known_people = {
        match_key(clean_mention(s.text, is_person=True).name) for s in spans if s.label_ == "PERSON"
    }
    known_words = {w for k in known_people for w in k.split()}
    cands: list[Candidate] = []
    kept: list[Span] = []
    own_types: list[str] = []
    glued_short: dict[int, str] = {}  # candidate → the short form written right after its name
    place_abbreviations = _place_abbreviations(doc)
    owned = _owned_possessives(doc, spans)
    defined = _defined_acronyms(doc, spans)
    titles_short = _title_acronyms(doc)
    for span in spans:
        if span.text in titles_short:
            continue  # "Chief Justice of Pakistan (CJP)": a post
        kind, fixed, canonical = _initial_type(span)
        if fixed and span.text in defined and match_key(canonical) != defined[span.text]:
            kind, fixed, canonical = _initial_type(span, listed=False)  # "(PTI)" after its name
        if not fixed and span.text in place_abbreviations:
            kind = "place"  # "the DRC" where the text wrote "Democratic Republic of Congo (DRC)"
        as_person = kind == "person" or (not fixed and kind != "place")
        cleaned = clean_mention(span.text, is_person=as_person)
        if as_person and kind != "person":
            if cleaned.role and (
                match_key(cleaned.name).split()[-1:][0] in known_words
                or (len(cleaned.name.split()) >= 2 and cleaned.role.split()[-1].lower() in title_words())
                or (
                    clean_mention(span.text, is_person=True).role == cleaned.role
                    and cleaned.role.split()[0].lower() in role_words() | title_words()
                    and span.text.split()[0] == cleaned.role.split()[0]
                )
            ):
                kind = "person"  # "Huawei CFO Meng" tagged ORG: a titled person
            else:
                cleaned = clean_mention(span.text)
        name = canonical or cleaned.name
        if kind not in ("person", "place") and not fixed:
            name = _with_own_possessive(span, _organisation_name(name, owned), owned)
        known = fixed and gazetteer.lookup(name) is not None  # "dpa": a known name, lower-case
        if not (known or looks_like_name(name) or _is_institution(name)) or (
            not fixed and is_junk(span, name)
        ):
            continue
        glued = _glued_short_form(name) if kind in ORG_TYPES else None
        if glued:
            name = name[: -len(glued)].rstrip()  # "… Supervisory Authority BaFin"
            glued_short[len(cands)] = glued
        cand = Candidate(name, kind, cleaned.role, fixed)
        cand.extra_roles = _appositive_roles(span) if kind == "person" else set()
        cands.append(cand)
        kept.append(span)
        own_types.append(kind)
    headline = _headline_end(doc)
    in_title = [sent_index.get(s.sent.start, 0) in titles or s.end_char <= headline for s in kept]
    _trim_title_words(cands, kept, in_title)
    resolve_document(cands)
    for i, short in glued_short.items():
        if cands[i].key:
            _rekey(cands, cands[i].key, next((c.key for c in cands if c.name == short and c.key), short))
    _join_defined_abbreviations(kept, cands)
    _join_acronym_companies(cands)
    _join_clipped_names(cands)
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
        if span[-1].is_lower and span[-1].lower_ in agency_nouns():
            head_type = "agency"  # "the Qatar government", "Munich prosecutors": the head says so
        titled = bool(cand.role) and cand.role.split()[-1].lower() in title_words()
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
                "unqualified": _unqualified(cand.name, places) if cand.type in ORG_TYPES else "",
            }
        )
    _vote_with_list_mates(mentions, spoken, doc_text(doc))
    speaking = {i for i, span in enumerate(spoken) if speaks(span) or _after_a_title(span)}
    modifiers = {i for i, span in enumerate(spoken) if _modifies_a_common_noun(span)}
    mentions = _mark_unsupported_words(mentions, speaking, modifiers)
    on_headline = {sent_index.get(s.sent.start, 0) for s in spoken if s.end_char <= headline}
    doc._.linkchart_mentions = _without_title_only_names(mentions, spoken, titles | on_headline)
    return doc


def _unqualified(name: str, places: set[str]) -> str:
    """The name a body may go by elsewhere, shorter, or "":

    without a closing "of (the) <place>" the document names ("Securities and Exchange Commission
    of the United States of America" → "Securities and Exchange Commission"); without its first
    words when they are a place or nationality the document names, or the
    rest is a name the gazetteer knows, and two words or more remain ("Swiss Federal Council" →
    "Federal Council", "U.S. House of Representatives" → "House of Representatives", "Canadian
    House of Commons" → "House of Commons"); without a closing head word of a company or
    club ("Juventus Football Club" → "Juventus", "Credit Suisse Group" → "Credit Suisse").
    """
    body, of, place = name.rpartition(" of the ") if " of the " in name else name.rpartition(" of ")
    if of and place in places and len(body.split()) >= 2:
        return body  # "Securities and Exchange Commission of the United States of America"
    words = name.split()
    for cut in range(1, min(MAX_PLACE_WORDS, len(words) - 2) + 1):
        first, rest = " ".join(words[:cut]), " ".join(words[cut:])
        known = (
            cut == 1 and first[:1].isupper() and gazetteer.lookup(rest) is not None
        )  # "Canadian House of Commons"
        if (first in places or known) and rest[:1].isupper() and words[cut] != "of":
            return rest  # "United States Department of Justice" → "Department of Justice"
    for head in CLOSING_HEADS:
        short = name.removesuffix(" " + head)
        if short != name and short[:1].isupper() and short.split()[-1] not in ("of", "and", "&"):
            return short
    return ""


#: The most words of a place a body's name opens with ("United States", "New South Wales").
MAX_PLACE_WORDS = 3
#: A first line of at most this many words, with no full stop at its end, is a headline.
HEADLINE_WORDS = 30


def _headline_end(doc: Doc) -> int:
    """Where the document's first line ends when it reads as a headline (short, no final full
    stop: "Gobsmacked Microsoft president says …"), else 0. A headline with a verb is not a
    subhead (:mod:`ner.layout`), but its title case glues words to names all the same."""
    text = doc_text(doc)
    first = text.lstrip()
    line, _, rest = first.partition("\n")
    line = line.rstrip()
    closed = line.rstrip("\"'”’)").endswith((".", "!", "?")) or ". " in line
    if not line or not rest.strip() or closed or len(line.split()) > HEADLINE_WORDS:
        return 0  # a sentence, or the whole text: no headline
    return len(text) - len(first) + len(line)


def _trim_title_words(cands: list[Candidate], spans: list[Span], in_title: list[bool]) -> None:
    """A headline's name that is a body name with words of the headline glued on ("Gobsmacked
    Microsoft", "Wirecard Fugitive", "Binance To Pay") is that body name: title case hides
    where names end.

    Only when the longer form never occurs in the body; ``in_title`` says which spans stand on a
    headline or subhead line.
    """
    body: dict[str, Candidate] = {}
    for c, title in zip(cands, in_title, strict=True):
        if not title:
            body.setdefault(match_key(c.name), c)
    for c, span, title in zip(cands, spans, in_title, strict=True):
        words = c.name.split()
        if not title or len(words) < 2 or c.fixed or match_key(c.name) in body:
            continue
        cuts = [(words[cut:], words[0]) for cut in range(1, len(words))]
        cuts += [(words[:cut], words[-1]) for cut in range(len(words) - 1, 0, -1)]  # "Binance To Pay"
        for part, dropped in sorted(cuts, key=lambda c: -len(c[0])):
            other = body.get(match_key(" ".join(part)))
            one = len(part) == len(words) - 1
            given = one and any(t.text == dropped and t.pos_ == "PROPN" for t in span)
            person = other is not None and other.type == c.type == "person" and given  # "Jeremy Hunt"
            place = other is not None and other.type == "place" and one  # "Indo New York": a site's
            if other is not None and not place and span.label_ != "OUTLET" and not person:
                c.name, c.type, c.role = other.name, other.type, other.role
                break


def _without_title_only_names(mentions: list[dict], spans: list[Span], titles: set[int]) -> list[dict]:
    """Drop a name the document reads only in its headline or subheads ("MI5 Wrong to Issue…",
    "Fugitive Mastermind", "Protesters Storm Kenya …"): title case misleads the model, and the
    body confirms every real one.

    Kept: a name the body names too (under the same key), a site outlet ("… | Manila Bulletin"),
    a name that is its whole line near the top (a byline without "By": "Amy Gibbons"), a
    photo credit's photographer or supplier, and a person with a role ("Gabriel Boric,
    President of Chile").
    """
    in_body = {m["key"] for m in mentions if m["key"] and m["sent_index"] not in titles}
    starts = {s.start_char: s for s in spans}
    kept = []
    for m in mentions:
        if m["sent_index"] in titles and m["key"] not in in_body and m["label"] != "OUTLET":
            span = starts.get(m["start"])
            if span is None or not (_byline_name(span) or _credited(span) or _name_and_role_line(span)):
                continue
        kept.append(m)
    return kept


def _name_and_role_line(span: Span) -> bool:
    """A line naming a person and their role: "Gabriel Boric, President of Chile" (a caption or a
    list of reactions): the role says it is a person, whatever the line's title case."""
    doc = span.doc
    if len(span) < 2 or span.label_ != "PERSON" or span.end + 1 >= len(doc):
        return False
    if doc[span.end].text != ",":
        return False
    return any(t.lower_ in title_words() for t in doc[span.end + 1 : span.end + 4])


def _credited(span: Span) -> bool:
    """The name is a part of a photo credit (:mod:`ner.credits`)."""
    return any(p.start == span.start_char and p.end == span.end_char for p in doc_credits(span.doc))


def _byline_name(span: Span) -> bool:
    """A name that is its whole line (give or take a word), on one of the first lines."""
    line = span.sent.text.strip()
    top = doc_text(span.doc).count("\n", 0, span.start_char) < BYLINE_LINES
    return top and len(line.split()) <= len(span.text.split()) + 1


#: What stands between two names of one list: "A, B and C", "A, B, or C".
LIST_GLUE = frozenset({",", "and", ", and", "or", ", or", "&"})
#: A list has at least this many names, and this share of the others must agree.
MIN_LIST, LIST_AGREEMENT = 3, 2 / 3


def _vote_with_list_mates(mentions: list[dict], spans: list[Span], text: str) -> None:
    """Names listed together are of one kind: a name in a list of three or more whose other
    names mostly lean to one organisation type votes for that type too ("Manchester United,
    Liverpool, Manchester City, Chelsea …": Liverpool the club, not the city; Chelsea, named once,
    is confirmed)."""
    runs: list[list[dict]] = []
    for before, m, span in zip([None, *mentions], mentions, spans, strict=False):
        if span.root.dep_ == "compound":
            runs.append([])  # "Ford, General Motors and Jeep maker Stellantis": Jeep is no member
            continue
        glued = (
            before is not None
            and runs[-1]
            and before["sent_index"] == m["sent_index"]
            and text[before["end"] : m["start"]].strip() in LIST_GLUE
        )
        if glued:
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if len(run) < MIN_LIST:
            continue
        leans = [max(m["votes"], key=m["votes"].get) if m["votes"] else None for m in run]
        for i, m in enumerate(run):
            others = Counter(lean for j, lean in enumerate(leans) if j != i)
            kind, count = others.most_common(1)[0]
            if kind in ORG_TYPES and count >= LIST_AGREEMENT * (len(run) - 1):
                m["votes"] = {**m["votes"], kind: m["votes"].get(kind, 0) + CONTEXT_VOTE}


def _after_a_title(span: Span) -> bool:
    """A capitalised title right before the name the model tagged without it: "President [Obama]"."""
    before = span.doc[span.start - 1] if span.start else None
    return before is not None and before.is_title and before.lower_ in title_words()


#: The longest acronym read as a common word when it only qualifies a noun ("GP services", "AI
#: tools", "XY chromosomes"); a longer one is a body's ("HSBC accounts").
MAX_COMMON_ACRONYM = 2


def _modifies_a_common_noun(span: Span) -> bool:
    """A short acronym that only qualifies a lower-case noun: "GP services", "XY chromosomes"."""
    head = span.root.head
    return (
        len(span.text) <= MAX_COMMON_ACRONYM
        and span.root.dep_ == "compound"
        and head.pos_ == "NOUN"
        and head.is_lower
        and head.i == span.end
    )


def _mark_unsupported_words(
    mentions: list[dict], speaking: set[int], modifiers: set[int] = frozenset()
) -> list[dict]:
    """Mark ``weak`` a one-word organisation or person named once with nothing but the model's label.

    The small model tags many capitalised words ORG or PERSON once ("Video", "Partygate", a
    sentence's first word "Counter");
    a real organisation in a story is named again, has a legal form or head word, a
    descriptor, speaks ("BaFin said"), is an acronym or is in the gazetteer. A weak mention
    joins the entity other documents know by that name ("Ford" named once here, often
    elsewhere) but never makes one alone (:attr:`graph.resolve.GlobalEntity.unsupported`).
    ``speaking`` holds the indices of the mentions that speak or follow a title; an acronym is
    weak too when it only qualifies a common noun (``modifiers``: "GP services").
    """
    uses = Counter(m["key"] for m in mentions if m["key"])
    for i, m in enumerate(mentions):
        m["weak"] = i not in speaking and (
            uses[m["key"]] == 1
            and m["votes"] in ({"organization": WORD_VOTE}, {"person": WORD_VOTE})
            and " " not in m["name"]
            and m["key"] == m["name"]
            and (not is_acronym(m["name"]) or i in modifiers)  # "HSBC", "UEFA": rarely a slip
        )
    return mentions
