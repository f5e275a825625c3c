"""Which stretches of text are names: spaCy's entities, corrected by general rules.

The small model cuts, glues and mislabels names in ways that repeat across stories. These
rules mend the spans before they are typed (:mod:`ner.entities`): credits and labels split
at "/" and ":", people glued to conjunctions or job words, parties tagged as nationalities,
organisations the model tagged as facilities or products or missed (a legal form, an acronym
that speaks), and agencies named by a nationality and a noun ("Spanish government").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ner import gazetteer
from ner.aliases import generic_heads, standalone_heads
from ner.cleanup import (
    NAME_CONNECTORS,
    SURNAME_PARTICLES,
    clean_mention,
    initials_variants,
    is_acronym,
    looks_like_name,
    match_key,
    party_plurals,
    rules,
)
from ner.credits import doc_credits
from ner.gazetteer import GAZETTEER_SPANS
from ner.layout import doc_text
from ner.rules import Rules, per_rules
from ner.type_votes import (
    CAPTION_MARKERS,
    CONTEXT_VOTE,
    body_head_after,
    context_votes,
    described_after_comma,
    descriptor_kind,
    descriptor_types,
    descriptor_votes,
    plays,
)

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


@per_rules
def job_qualifiers(r: Rules) -> frozenset[str]:
    """Words that qualify a job in a byline ("Political Journalist", "Senior Correspondent")."""
    return frozenset(r["job_qualifiers"])


#: Labels of spans that may be organisations when their context says so.
RELABELLED = frozenset({"PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"})


@per_rules
def party_plural_words(r: Rules) -> frozenset[str]:
    """Party plurals a span tagged NORP may end in: "House Republicans", "Democrats"."""
    return frozenset(p.split()[-1] for p in r["party_plurals"])


@per_rules
def agency_nouns(r: Rules) -> frozenset[str]:
    """Lower-case nouns after a nationality, place or person that make an agency ("Spanish
    government")."""
    return frozenset(r["agency_nouns"])


@per_rules
def legal_forms(r: Rules) -> frozenset[str]:
    """Legal forms of companies ("Ltd", "AG", "Inc"): a span ending in one names an organisation."""
    return frozenset(form.rstrip(".") for form in r["legal_forms"])


#: Tokens that never stand inside a name: credits ("Stache/AFP") and labels ("Photo: …").
SEPARATORS = frozenset({"/", ":", "|"})


#: "the" glued to the next word by a lost space: "theWall".
GLUED_ARTICLE = re.compile(r"^[Tt]he[A-Z][a-z]+$")


#: A lower-case run glued to a capital inside one word: "ArticlesGlobal".
GLUED_WORDS = re.compile(r"[a-z]{4,}[A-Z]")


#: Shorter surnames are not propagated through a document (too easily a common word).
MIN_SURNAME_CHARS = 3


#: Lower-case words that may join the parts of an organisation's name.
CONNECTORS = frozenset({"and", "of", "to", "for", "on"})


@per_rules
def title_words(r: Rules) -> frozenset[str]:
    """Single title words never taken in as a given name."""
    return frozenset(w.lower() for t in r["titles"] for w in t.split())


@per_rules
def job_words(r: Rules) -> frozenset[str]:
    """Words that describe a person's job or title ("Journalist", "CEO"), never end their name."""
    heads = frozenset(w.lower() for w in r["organization_heads"])
    return (title_words.__wrapped__(r) | frozenset(r["person_descriptors"])) - heads


def _split_conjunction(span: Span, person_words: set[str], named: set[str] = frozenset()) -> list[Span]:
    """Split "Dong and Consul General Han" into its two people, "Facebook and Instagram" and
    "the UAW and General Motors" into two bodies (each known, an acronym or ``named`` alone
    elsewhere in the document)."""
    if span.label_ == "ORG" and gazetteer.lookup(span.text) is None:
        for token in span:
            if token.lower_ == "and" and span.start < token.i < span.end - 1:
                doc = span.doc
                left = Span(doc, span.start, token.i, label=span.label_)
                right = Span(doc, token.i + 1, span.end, label=span.label_)
                if all(_known_alone(side, named) for side in (left, right)):
                    return [left, right]  # "Facebook and Instagram", "UAW and General Motors"
    for token in span:
        if token.lower_ in ("and", "&") and span.start < token.i < span.end - 1:
            doc = span.doc
            left = Span(doc, span.start, token.i, label=span.label_)
            right = Span(doc, token.i + 1, span.end, label=span.label_)
            if token.text == "&":  # a firm's name, never two people or bodies: "Alvarez & Marsal"
                if span.label_ == "PERSON" and all(len(s) == 1 and s[0].is_title for s in (left, right)):
                    return [Span(doc, span.start, span.end, label="ORG")]
                break
            sides = [clean_mention(s.text, is_person=True).name for s in (left, right)]
            titles = [all(w.lower() in title_words() for w in s.split()) for s in sides]
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


def _with_jurisdiction(span: Span) -> Span:
    """A court's name takes in the place tagged right before it: "the [U.S.] [District Court of
    Western Washington]" (a court is named by its jurisdiction; not a nationality: "the Korean
    Constitutional Court" is the Constitutional Court)."""
    doc = span.doc
    if span.start == 0 or not any(t.text in COURT_HEADS for t in span):
        return span
    place = next((e for e in doc.ents if e.end == span.start and e.label_ == "GPE"), None)
    if place is None or doc[place.end - 1].whitespace_ != " ":
        return span
    start = place.start + (doc[place.start].lower_ == "the")
    return Span(doc, start, span.end, label=span.label_)


def _person_after_the_head(span: Span, person_words: set[str]) -> tuple[Span, Span | None]:
    """ "[CEO of] Adani Green Energy Vneet S Jaain" tagged ORG: the capitalised words after an
    organisation's head word, ending in a surname the document gives a person, are that person."""
    heads = run_heads()
    for i in range(span.start, span.end - 2):
        tail = span.doc[i + 1 : span.end]
        if (
            span.doc[i].lower_ in heads
            and all(t.is_title or (t.is_upper and len(t) == 1) for t in tail)
            and match_key(tail[-1].text) in person_words
        ):
            return Span(span.doc, span.start, i + 1, label="ORG"), Span(
                span.doc, i + 1, span.end, label="PERSON"
            )
    return span, None


def _listed_with_people(span: Span) -> bool:
    """A name of two capitalised words or more coordinated with a person's: "Justices Muhammad Ali
    Mazhar and [Musarrat Hilali]" (tagged NORP). A nationality is one word ("Russian")."""
    root = span.root
    mates = [root.head] if root.dep_ == "conj" else []
    mates += [t for t in root.children if t.dep_ == "conj"]
    return len(span) >= 2 and all(t.is_title for t in span) and any(m.ent_type_ == "PERSON" for m in mates)


def _known_alone(span: Span, named: set[str]) -> bool:
    """The gazetteer knows the name, it is an acronym, or the document names it on its own."""
    text = clean_mention(span.text).name
    return bool(gazetteer.lookup(text)) or is_acronym(text) or match_key(text) in named


def _a_cut_surname(token: Token) -> bool:
    """A one-word entity the model tagged apart from the full name before it, which the parse
    makes that name's head: "[Yusuf Naseem] [Khokhar]", "[Shah Mahmood] [Qureshi]" (ORG, GPE)."""
    doc = token.doc
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
    return (
        alone
        and token.ent_type_ in ("ORG", "GPE", "NORP")
        and token.is_alpha
        and gazetteer.lookup(token.text) is None
        and (token.i + 1 == len(doc) or not doc[token.i + 1].is_title)
    )


def _extend_person(span: Span) -> Span:
    """Take in name parts the model left out: "Han [Dong]" → "[Han Dong]", "[Erin] O’Toole"."""
    start = span.start
    while start > 0:
        prev = span.doc[start - 1]
        if (
            prev.pos_ == "PROPN"
            and prev.is_title
            # a nationality before a full name is not its first name: "Australian Marissa Williamson"
            and (prev.ent_type_ == "" or (prev.ent_type_ == "NORP" and len(span) == 1))
            and prev.dep_ == "compound"
            and span.start <= prev.head.i < span.end
            and prev.lower_ not in title_words()
            and not (start > 1 and span.doc[start - 2].lower_ == "of")  # "Archbishop of Canterbury X"
        ):
            start -= 1
        else:
            break
    end = _through_particles(span.doc, span.end)
    while end < len(span.doc):
        nxt, last = span.doc[end], span.doc[end - 1]
        if (
            nxt.pos_ in ("PROPN", "NOUN")
            and nxt.text[:1].isupper()
            and (nxt.ent_type_ not in LABEL_TYPES or _a_cut_surname(nxt))
            and nxt.lower_ not in title_words()  # "[Quora] CEO Adam D'Angelo"
            and last.dep_ == "compound"
            and last.head.i == nxt.i
        ):
            end += 1  # "[Erin] O’Toole" → "[Erin O’Toole]"
        else:
            break
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.doc, start, end, label=span.label_)


def _through_particles(doc: Doc, end: int) -> int:
    """Where a person's name ends when the model cut it at a surname's particles: "[Ursula von
    der] [Leyen]", "[Caroline van] [Plas]", "Caroline van der Plas" → the capitalised word after
    the particles is the surname."""
    probe = end
    while probe < len(doc) and doc[probe].lower_ in SURNAME_PARTICLES and doc[probe].text.islower():
        probe += 1
    cut = end > 0 and doc[end - 1].lower_ in SURNAME_PARTICLES and doc[end - 1].text.islower()
    if (probe > end or cut) and probe < len(doc) and doc[probe].text[:1].isupper() and doc[probe].is_alpha:
        return probe + 1
    return end


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


#: Tags of a finite verb, which no name holds: "Gives", "Says", "Slams".
FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP"})
#: The tokens of a score after a player's name: "3", "-", "6".
SCORE_TOKENS = 3


def _trim_person(span: Span) -> Span:
    """Drop a leading verb the model took into a name ("[Preventing Huawei]"), a finite verb after
    its first two words and what follows ("Alexander Zverev [Gives Blunt]") and a score after it
    ("Safiullin [3-6]")."""
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].pos_ in ("VERB", "AUX", "ADP", "DET"):
        start += 1
    doc = span.doc
    verb = next((t.i for t in doc[start + 2 : end] if t.tag_ in FINITE_VERB_TAGS), None)
    if verb is not None:
        end = verb  # "Alexander Zverev [Gives Blunt]": a headline's verb, capitalised
    score = doc[end - SCORE_TOKENS : end] if end - start > SCORE_TOKENS else None
    if score is not None and score[0].is_digit and score[1].text == "-" and score[2].is_digit:
        end -= SCORE_TOKENS  # "Safiullin [3-6]"
    return span if (start, end) == (span.start, span.end) else Span(span.doc, start, end, label=span.label_)


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


#: The longest lower-case particle a hyphenated name runs through: "Tehreek-e-Insaf", "al-Sham".
MAX_HYPHEN_PARTICLE = 3


def _through_hyphens(span: Span) -> Span:
    """ "[OVD]-Info", "[Pakistan Tehreek]-e-Insaf": a name the model cut at a hyphen written
    without spaces goes on through it (and a short lower-case particle between two hyphens) to
    the capitalised word after."""
    doc, end = span.doc, span.end

    def glued_hyphen(i: int) -> bool:
        return (
            i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
        )

    while glued_hyphen(end):
        after = end + 1
        particle = doc[after]
        if (
            particle.is_lower
            and particle.is_alpha
            and len(particle) <= MAX_HYPHEN_PARTICLE
            and glued_hyphen(after + 1)
        ):
            after += 2  # "-e-", "-al-"
        if not (doc[after].text[:1].isupper() and doc[after].ent_type_ in ("", span.label_)):
            break
        end = after + 1
    return span if end == span.end else Span(doc, span.start, end, label=span.label_)


def _extend_organisation_right(span: Span) -> Span:
    """ "[Nordic Institute] for Digital Democracy": take in "for/of" + capitalised words; after
    an agency's head, a place too ("[U.S. District Court] of the Northern Mariana Islands")."""
    doc, end = span.doc, span.end
    words = [t.text for t in span]
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    after_head = head in rules()["agency_heads"]  # "[US Court of Appeals] for the … Circuit"
    kinds = ("", span.label_, "NORP") + (("GPE", "LOC") if after_head else ())
    # "on" joins a head's topic ("Committee on Foreign Affairs"), not a name that has one
    # ("[Department of Environmental Protection] on Norfolk Southern")
    joins = ("for", "of") if any(w in ("of", "for", "on") for w in words) else ("for", "of", "on")
    while end + 1 < len(doc) and doc[end].lower_ in joins:
        stop = end + 1
        run_kinds = kinds
        if doc[stop].lower_ == "the" and after_head and stop + 1 < len(doc) and doc[stop + 1].is_title:
            stop += 1  # "of the Northern Mariana Islands": a place, not "of the National Assembly"
            run_kinds = ("", "GPE", "LOC")
        if not doc[stop].is_title:
            break
        while (
            stop < len(doc)
            and (doc[stop].is_title or doc[stop].lower_ in ("and", "of"))
            and doc[stop].ent_type_ in run_kinds
        ):
            stop += 1
        while doc[stop - 1].lower_ in ("and", "of"):
            stop -= 1
        if stop <= end + 1 or doc[stop - 1].lower_ == "the":
            break
        end = stop
    return span if end == span.end else Span(doc, span.start, end, label=span.label_)


#: Words that may join a name's capitalised words before the acronym it is given.
ACRONYM_JOINERS = frozenset({"in", "of", "for", "on", "the", "and", "to"})
#: The most words a name is extended by to reach the acronym that spells it.
MAX_ACRONYM_EXTENSION = 6


def _extend_to_its_acronym(span: Span) -> Span:
    """ "[Committee on Foreign Investment] in the United States (CFIUS)", "…, or Cfius,": the
    words up to an acronym that spells the whole run's capitalised words are the name's."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.end < MAX_ACRONYM_EXTENSION:
        token = doc[end]
        if not (token.is_title or token.lower_ in ACRONYM_JOINERS) or token.text in ("(", ","):
            break
        end += 1
    while end > span.end and doc[end - 1].lower_ in ACRONYM_JOINERS:
        end -= 1
    if end == span.end or end + 1 >= len(doc):
        return span
    after = None
    if doc[end].text == "(":
        after = doc[end + 1]
    elif doc[end : end + 2].text == ", or" and end + 2 < len(doc):
        after = doc[end + 2]
    if after is None or end + 2 >= len(doc):
        return span
    spelled = after.text.upper() in initials_variants(doc[span.start : end].text)
    return Span(doc, span.start, end, label=span.label_) if spelled else span


@per_rules
def run_heads(r: Rules) -> frozenset[str]:
    """Head words that end an organisation's name: a run of capitalised words after a tagged
    part of the name is taken in up to the last of them ("[House] Freedom Caucus Policy Chair")."""
    return frozenset(h.lower() for h in r["organization_heads"])


#: Lower-case words inside such a run ("All-Party Parliamentary Chinese in Britain Group").
RUN_CONNECTORS = frozenset({"in", "of", "for", "and", "on"})
#: A run takes in at most this many tokens after the tagged part.
MAX_RUN = 8


def _extend_to_head(span: Span) -> Span:
    """ "[the All-Party] Parliamentary Chinese in [Britain Group]", "[House] Freedom Caucus":
    the model cut a long name; the capitalised words after it, up to the last organisation head
    word among them, are the rest of it."""
    doc, end, head = span.doc, span.end, None
    while end < len(doc) and end - span.end < MAX_RUN and not doc[end].is_sent_start:
        token = doc[end]
        glued = token.text == "-" and not token.whitespace_ and not doc[end - 1].whitespace_
        inner = token.lower_ in RUN_CONNECTORS and end + 1 < len(doc) and doc[end + 1].is_title
        if not (token.is_title or glued or inner) or token.ent_type_ not in ("", "ORG", "NORP", "GPE"):
            break
        if token.lower_ in run_heads():
            head = end
        end += 1
    return span if head is None else Span(doc, span.start, head + 1, label=span.label_)


def _extend_organisation(span: Span) -> Span:
    """Take in the start of a long name the model cut: "[Security and Intelligence Threats to]
    [Elections Task Force]" — capitalised words joined by "and", "of", "to", "for", "on"."""
    doc, start = span.doc, span.start
    if span[0].lower_ == "the":
        return span  # "President of [the Sovereign Council of Sudan]": an article opens the name
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
    return last in legal_forms() or last in rules()["organization_heads"]


def _names_a_body(span: Span) -> bool:
    """A span of another label (FAC, NORP, WORK_OF_ART) that names an organisation by its form.

    It ends in a legal form ("Castlegate Surfacing Ltd"), a party's plural ("House
    Republicans", "Democrats") or, with two words or more, an agency head ("The Spanish Public
    Prosecutor’s Office"); or it joins capitalised names with "&" (a firm).
    """
    last = span[-1].text.rstrip(".")
    if last in legal_forms() or (span.label_ == "NORP" and last in party_plural_words()):
        return True
    if any(t.text == "&" for t in span[1:-1]) and all(t.is_title or t.is_punct for t in span):
        return True  # "Bernstein, Litowitz, Berger & Grossman" (FAC): a firm
    return len(span) > 1 and span.label_ != "NORP" and last in rules()["agency_heads"]


def _described_as_a_body(span: Span) -> bool:
    """A span of another label (PRODUCT, WORK_OF_ART, FAC) that its context calls a body
    ("Germany’s financial watchdog, Bafin" with "Bafin" tagged PRODUCT) or that speaks; a
    nationality that plays a game ("a win at Empoli", "the match with Udinese")."""
    if span.label_ == "NORP" and plays(span):
        return True
    if span.label_ == "NORP" and span[0].is_title and not span[0].is_sent_start:
        votes = descriptor_votes(span)  # "telco giant Telstra" tagged a nationality
        return sum(votes[k] for k in ("organization", "agency", "outlet")) >= CONTEXT_VOTE
    if span.label_ not in RELABELLED:
        return False
    if speaks(span):
        return True  # "BaFin said …" with "BaFin" tagged PRODUCT: a product does not speak
    votes = context_votes(span)
    return sum(votes[k] for k in ("organization", "agency", "outlet")) >= CONTEXT_VOTE > votes["person"]


def _untagged_name(token: Token) -> bool:
    """A capitalised proper noun the model gave no label."""
    return token.pos_ == "PROPN" and token.is_title and not token.ent_type_


#: Tagged organisations a list needs before its untagged capitalised members are taken as ones.
MIN_TAGGED_MATES = 2


def _untagged_list_members(doc: Doc, taken: set[int]) -> list[Span]:
    """A capitalised word the model left untagged in a list of organisations it tagged: "Invesco,
    M&G and [PIMCO]". The parse coordinates it with them."""
    found = []
    for token in doc:
        if not (
            token.dep_ == "conj" and token.pos_ == "PROPN" and token.ent_type_ == "" and token.i not in taken
        ):
            continue
        if not (token.is_title or token.is_upper) or token.is_sent_start:
            continue
        mates = [t for t in token.conjuncts if t.ent_type_ == "ORG"]
        if token.head.ent_type_ != "ORG" or len(mates) < MIN_TAGGED_MATES:
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token:
            start -= 1
        if not any(i in taken for i in range(start, token.i + 1)):
            found.append(Span(doc, start, token.i + 1, label="ORG"))
    return found


def _untagged_companies(doc: Doc, taken: set[int]) -> list[Span]:
    """Names the model missed that their form or role makes organisations.

    Capitalised words ending in a legal form ("Ernst & Young LLP") and an acronym that speaks
    ("ESMA said") or that a descriptor calls a body ("footballers' union FUTPRO"), when no entity
    covers them.
    """
    found = []
    people = {e.text for e in doc.ents if e.label_ == "PERSON"}  # not "the Xi Jinping regime"
    forms = legal_forms()
    for token in doc:
        if not token.text[:1].isupper() or token.i in taken:
            continue
        if token.text.rstrip(".") in forms and token.i > 0:
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
        elif token.pos_ == "PROPN" and token.i + 1 < len(doc) and doc[token.i + 1].text == ",":
            start = token.i
            while (
                start > 0
                and start - 1 not in taken
                and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text == "The")
            ):
                start -= 1  # "The Elders", "No Peace Without Justice"
            named = Span(doc, start, token.i + 1, label="ORG")
            if not any(i in taken for i in range(start, token.i + 1)) and _body_described(named):
                found.append(named)  # "The Elders, a group founded by Nelson Mandela"
        elif _untagged_name(token) and body_head_after(doc[token.i : token.i + 1]):
            start = token.i
            while start > 0 and start - 1 not in taken:
                prev = doc[start - 1]
                inner = prev.lower_ in NAME_CONNECTORS and start > 1 and _untagged_name(doc[start - 2])
                if not (_untagged_name(prev) or inner):
                    break
                start -= 1  # "the Union por la Patria party"
            before = doc[start - 1] if start else None  # "the Union por la Patria party": a longer name
            longer = before is not None and before.is_lower and before.pos_ in ("PROPN", "X", "ADP")
            if doc[start].is_title and not longer and doc[start : token.i + 1].text not in people:
                # "the centrist Ensemble alliance", "his Renaissance party"; not "the Xi Jinping regime"
                found.append(Span(doc, start, token.i + 1, label="ORG"))
        elif is_acronym(token.text) and token.pos_ in ("PROPN", "NOUN"):
            alone = doc[token.i : token.i + 1]
            votes = context_votes(alone)
            described = sum(votes[k] for k in ("organization", "agency", "outlet")) >= CONTEXT_VOTE
            if (token.pos_ == "PROPN" and speaks(alone)) or described:
                # "ESMA said", "the union FUTPRO", "Dutch newspaper AD" (tagged a common noun)
                found.append(Span(doc, token.i, token.i + 1, label="ORG"))
    return found


#: Verbs whose "on X" is the platform X: "posted on X", "wrote on X", "said on X".
POSTING_VERBS = frozenset(
    {"post", "write", "say", "tweet", "share", "announce", "comment", "reply", "publish"}
)


#: The most words before a bracketed acronym read as the name it abbreviates.
MAX_DEFINED_WORDS = 8
#: Lower-case words inside a name an acronym abbreviates: "Committee on … in the United States".
NAME_JOINERS = frozenset({"of", "the", "and", "for", "on", "in", "to", "de", "e", "al", "el"})


def _acronym_defined_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names the model missed or cut that a bracketed acronym after them spells: "the Pakistan
    Tehreek-e-Insaf (PTI)" (tagged "Pakistan"), "the Kestrel Harbour Authority (KHA)". The
    shortest run of capitalised words (joined by hyphens or "of", "the", …) right before the
    brackets whose initials are the acronym; the spans inside it give way."""
    found = []
    for token in doc[2:-1]:
        if (
            token.text != "("
            or doc[token.i + 2 : token.i + 3].text != ")"
            or not is_acronym(doc[token.i + 1].text)
        ):
            continue
        acronym = doc[token.i + 1].text
        start = token.i
        while start > 0 and token.i - start < MAX_DEFINED_WORDS:
            prev = doc[start - 1]
            if not (prev.is_title or prev.text == "-" or prev.lower_ in NAME_JOINERS) or prev.is_sent_end:
                break
            start -= 1
            run = doc[start : token.i]
            if not run[0].is_title:
                continue
            if acronym in initials_variants(run.text):
                covered = any(s.start == run.start and s.end == run.end for s in spans)
                if not covered:
                    found.append(Span(doc, run.start, run.end, label="ORG"))
                break
    return found


def _platform_x(doc: Doc) -> list[Span]:
    """The one-letter platform: "posted on X", "X, formerly Twitter", "X (formerly Twitter)";
    never "Malcolm X" or "Generation X"."""
    found = []
    for token in doc:
        if token.text != "X" or (token.i > 0 and doc[token.i - 1].is_title):
            continue
        after = doc[token.i + 1 : token.i + 4].text.lower()
        formerly = after.startswith((", formerly", "(formerly", "( formerly", ", the platform"))
        on = doc[token.i - 1] if token.i > 0 else token
        verbs = (on.head.lemma_, on.head.head.lemma_)
        posted = on.lower_ == "on" and any(v in POSTING_VERBS for v in verbs)
        if formerly or posted:
            found.append(Span(doc, token.i, token.i + 1, label="PLATFORM"))
    return found


#: A person's name after a title runs at most this many words ("Randhir Jaiswal").
MAX_TITLED_NAME = 3


def _untagged_titled_people(doc: Doc, taken: set[int]) -> list[Span]:
    """A full name the model missed right after a one-word title: "MEA spokesperson [Randhir
    Jaiswal] said", "CEO [Xu Mingfeng]": two or three capitalised proper nouns that no entity
    covers, none of them a title or an organisation's head word."""
    heads = set(rules()["agency_heads"]) | set(rules()["organization_heads"])
    titles = title_words()
    found = []
    for token in doc:
        if token.lower_ not in titles or token.i + 2 >= len(doc):
            continue
        end = token.i + 1
        while (
            end < len(doc)
            and end - token.i <= MAX_TITLED_NAME
            and end not in taken
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and doc[end].lower_ not in titles
            and doc[end].text not in heads
            and doc[end].ent_type_ in ("", "PERSON")  # not "former [Azure Power Global] director"
        ):
            end += 1
        closed = end >= len(doc) or not (doc[end].pos_ == "PROPN" and doc[end].is_title)
        if end - token.i - 1 >= 2 and closed:
            found.append(Span(doc, token.i + 1, end, label="PERSON"))
    return found


def _body_described(span: Span) -> bool:
    """ "X, a group founded by …", "X, the UAE's energy company": the words after the comma call
    the untagged name a body."""
    head = described_after_comma(span)
    kind = descriptor_types().get(head.lemma_.lower()) if head is not None else None
    return kind in ("organization", "agency", "outlet")


#: What a leader's name may head ("the Biden administration", "the Sunak government"); a
#: person's "police" or "army" is a capitalised word the model took for a name ("Riot police").
LEADERS_BODIES = frozenset({"government", "govt", "administration", "cabinet"})


def _institution_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """A nationality, place or person followed by an agency noun: "Spanish government", "Biden
    administration", "Munich prosecutors". The pair names an agency."""
    found = []
    nouns = agency_nouns()
    for ent in doc.ents:
        if ent.label_ not in ("NORP", "GPE", "PERSON") or ent.end >= len(doc):
            continue
        for size in (2, 1):
            words = doc[ent.end : ent.end + size]
            named = ent.end + size < len(doc) and doc[ent.end + size].ent_type_ == "PERSON"
            if (
                len(words) == size
                and words.text.lower() in nouns
                and (ent.label_ != "PERSON" or words.text.lower() in LEADERS_BODIES)  # "Riot police"
                and words[0].is_lower
                and not any(t.i in taken for t in words)
                and not named  # "Belgian prosecutor Michel Claise": a person's role
            ):
                found.append(Span(doc, ent.start, ent.end + size, label="AGENCY"))
                break
    return found


#: Words that go on a body's name past its head: "Court [for the] Northern District [of] Texas".
BODY_NAME_LINKS = frozenset({"of", "for"})


#: Head words of the courts the model leaves untagged or takes for places.
COURT_HEADS = frozenset({"Court", "Tribunal"})


def _untagged_courts(doc: Doc, taken: set[int]) -> list[Span]:
    """A run of capitalised words round a court's head word that the model left untagged or
    took for places: "the [United States District Court for the Northern District of Texas]",
    "[Eastern District Court of New York]". At least two words, the whole of a name (no glued
    or capitalised word on either side: not "Court Act"); a run never crosses a line."""
    found: list[Span] = []
    for token in doc:
        if token.text not in COURT_HEADS or token.i in taken or token.ent_type_ in ("ORG", "PERSON"):
            continue
        if found and found[-1].end > token.i:
            continue
        start = token.i
        while start > 0 and _body_word(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_:
            start -= 1
        end = token.i + 1
        while end + 1 < len(doc) and doc[end].lower_ in BODY_NAME_LINKS:
            stop = end + 1 + (doc[end + 1].lower_ == "the")
            run = stop
            while run < len(doc) and _body_word(doc[run]) and "\n" not in doc[run - 1].whitespace_:
                run += 1
            if run == stop:
                break
            end = run
        span = Span(doc, start, end, label="AGENCY")
        before = doc[start - 1] if start > 0 else None
        whole = (before is None or (before.whitespace_ and not before.is_title)) and (
            end == len(doc) or not doc[end].is_title
        )
        if len(span) >= 2 and whole and not any(i in taken for i in range(start, end)):
            found.append(span)
    return found


def _body_word(token: Token) -> bool:
    """A word of a body's name: capitalised, not tagged a person or a date ("U.S.", "District")."""
    capitalised = (token.is_title or (token.is_upper and len(token) > 1)) and token.is_alpha
    return (
        (capitalised or token.text in ("U.S.", "U.K."))
        and token.ent_type_ not in ("PERSON", "DATE", "ORG")
        and not token.is_sent_start
    )


#: Dashes that, spaced, separate two names inside one span.
SPACED_DASHES = frozenset({"-", "–", "—", "--"})


def _split_at_separators(span: Span) -> list[Span]:
    """Split a span at "/", ":" or "|": photo credits and labels, not names.

    "Christof Stache/AFP" is a photographer and an agency; "Photo: Getty Images" is an
    agency. A part of two or three capitalised words the gazetteer does not know is a person
    (a credit names photographers); any other part keeps the span's label, or is an
    organisation when the span was tagged a person.
    """
    doc = span.doc
    dashes = [t.i for t in span if t.text in SPACED_DASHES and t.whitespace_ and doc[t.i - 1].whitespace_]
    if dashes:  # "FILE - Paul Pogba", "Cremonese - Allianz Stadium": two names, each as tagged
        found = []
        for start, end in zip([span.start, *(d + 1 for d in dashes)], [*dashes, span.end], strict=True):
            part = Span(span.doc, start, end, label=span.label_)
            if start < end and part.text not in CAPTION_MARKERS:
                found += _split_at_separators(part)
        return found
    opened = [t.i for t in span if t.text == "("]
    if opened and ")" not in span.text and opened[0] > span.start and opened[0] + 1 < span.end:
        cut = opened[0]  # "Party for Freedom (PVV": a name and its short form, each a name
        return [
            *_split_at_separators(Span(doc, span.start, cut, label=span.label_)),
            *_split_at_separators(Span(doc, cut + 1, span.end, label=span.label_)),
        ]
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


def _split_known_possessor(span: Span) -> list[Span]:
    """ "[CBS]’s [Face the Nation]": a name the gazetteer knows, possessing the rest of a span
    the model tagged as one, is a name of its own."""
    if span.label_ != "ORG":
        return [span]
    mark = next((t for t in span[1:-1] if t.tag_ == "POS"), None)
    if mark is None:
        return [span]
    entry = gazetteer.lookup(span.doc[span.start : mark.i].text)
    if entry is None:
        return [span]
    doc = span.doc
    owner = Span(doc, span.start, mark.i, label=gazetteer.RULER_LABELS[entry.type])
    return [owner, Span(doc, mark.i + 1, span.end, label=span.label_)]


def _without_a_trailing_title(span: Span) -> Span:
    """ "[US Coast Guard Rear] Admiral John Mauger" → "US Coast Guard": an organisation's name
    does not end in the first words of a title its person's name follows."""
    doc = span.doc
    if span.end >= len(doc) or not (
        doc[span.end].lower_ in title_words() or doc[span.end].ent_type_ == "PERSON"
    ):
        return span
    end = span.end
    while end - span.start > 1 and doc[end - 1].is_title and doc[end - 1].lower_ in title_words():
        end -= 1
    if end == span.end or doc[end - 1].is_lower or doc[end - 1].is_punct:
        return span
    return Span(doc, span.start, end, label=span.label_)


def _trim_trailing_descriptors(span: Span) -> Span:
    """ "Mark Fitt Political Journalist" (a byline) → "Mark Fitt": a person's name does not end in
    a job ("Journalist", "Reporter") or the adjectives before one."""
    if span.label_ != "PERSON" or len(span) < 3:
        return span
    end = span.end
    while end - span.start > 2 and span.doc[end - 1].lower_ in job_words():
        end -= 1
    if end < span.end:
        while end - span.start > 2 and (
            span.doc[end - 1].pos_ == "ADJ" or span.doc[end - 1].lower_ in job_qualifiers()
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
            and span[-1].text in party_plural_words()
        ):
            joined[-1] = Span(span.doc, last.start, span.end, label="ORG")
        else:
            joined.append(span)
    return joined


#: A number written in digits ("482,832", "2024"), never the start of a name.
COUNT = re.compile(r"\d[\d,.]*")


def _a_nationality_before_a_name(span: Span) -> bool:
    """The span opens (after "the") on a capitalised adjective the parser reads as a modifier
    ("Algerian", "Russian") before a proper name of two words or more that has no body's head
    word: the adjective says where the name is from and is no part of it ("Algerian Ramtane
    Lamamra", "the Russian RIA Novosti"; not "the Russian Defense Ministry")."""
    if span.label_ not in ("PERSON", "ORG"):
        return False
    words = list(span[1:] if span[0].pos_ == "DET" else span)
    if len(words) < 3:
        return False  # a lone "The" the model tagged; a name of one word after its adjective
    adjective, rest = words[0], words[1:]
    if adjective.tag_ != "JJ" or adjective.dep_ != "amod" or not adjective.is_title:
        return False
    if not all(w.pos_ == "PROPN" for w in rest):
        return False
    return rest[-1].text not in generic_heads() and rest[-1].text not in standalone_heads()


def _without_leading_descriptor(span: Span) -> Span:
    """ "Pollsters IFOP", "Regulator Quorvan": a sentence's capitalised first word that says
    what the name is stands outside it (and votes as a descriptor, :mod:`ner.type_votes`); a
    count before a name is no part of it ("482,832 [Army] reports")."""
    first = span[0]
    if len(span) >= 2 and span.label_ == "ORG" and COUNT.fullmatch(first.text):
        return Span(span.doc, span.start + 1, span.end, label=span.label_)
    if _a_nationality_before_a_name(span):  # "Algerian [Ramtane Lamamra]", "the Russian [RIA Novosti]"
        start = span.start + (1 if first.pos_ == "DET" else 0) + 1
        return Span(span.doc, start, span.end, label=span.label_)
    if len(span) < 2 or not first.is_sent_start:
        return span
    if descriptor_kind(first, descriptor_types()) not in ("organization", "agency", "outlet"):
        return span
    return Span(span.doc, span.start + 1, span.end, label=span.label_)


def candidate_spans(doc: Doc) -> list[Span]:
    """Entity spans worth keeping, with conjunctions of people split apart."""
    person_words = {w for e in doc.ents if e.label_ == "PERSON" for w in match_key(e.text).split()}
    full_name_words = {
        w for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for w in match_key(e.text).split()
    }
    named = {match_key(clean_mention(e.text).name) for e in doc.ents if " and " not in e.text}
    spans: list[Span] = []
    parts = [
        piece
        for whole in merged_entities(doc)
        for part in _split_at_separators(whole)
        for piece in _split_known_possessor(part)
    ]
    for ent in _party_groups([_without_leading_descriptor(p) for p in parts]):
        if ent.label_ == "NORP" and _listed_with_people(ent):
            ent = Span(doc, ent.start, ent.end, label="PERSON")  # "Justices X and [Musarrat Hilali]"
        if ent.label_ == "PERSON" and _after_a_place(ent):
            ent = Span(doc, ent.start, ent.end, label="GPE")  # "Belvidere, Ill": a state
        if ent.label_ == "GPE" and plays(ent) and ent.root.head.lower_ not in ("over", "against", "to"):
            # "a 2-0 win at Empoli": a club; "the final win over England" is a country's team,
            # named as the country
            ent = Span(doc, ent.start, ent.end, label="ORG")
        elif ent.label_ not in LABEL_TYPES and (_names_a_body(ent) or _described_as_a_body(ent)):
            ent = _party_name_only(Span(doc, ent.start, ent.end, label="ORG"), ent.label_)
        if ent.label_ not in LABEL_TYPES:
            continue
        if spans and spans[-1].end > ent.start:
            continue  # inside the name the span before was extended to
        if ent.label_ != "PERSON" and _initialled_name(ent):
            ent = Span(doc, ent.start, ent.end, label="PERSON")  # "Marina E. Franco" tagged LOC
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text.rstrip(".") in legal_forms():
            ent = Span(doc, ent.start, ent.end, label="ORG")  # "Grace Ocean Pte": no person's name
        elif ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ in rules()["employer_titles"]:
            ent = Span(doc, ent.start, ent.end - 1, label="ORG")  # "[Binance] Founder, Changpeng Zhao"
        if ent.label_ == "PERSON":
            ent = _extend_person(_trim_person(ent))
            if _an_employer(ent, full_name_words):
                ent = Span(doc, ent.start, ent.end, label="ORG")  # "Quora CEO Adam D'Angelo"
        elif ent.label_ == "ORG":
            if len(ent) > 1 and ent[-1].lower_ in ("party", "parties") and ent[-1].is_lower:
                ent = Span(doc, ent.start, ent.end - 1, label="ORG")  # "the ruling [Labor] party"
            ent = _extend_organisation_right(_extend_to_head(_extend_organisation(ent)))
            ent = _extend_embassy(_extend_to_its_acronym(ent))
            ent = _without_a_trailing_title(_with_jurisdiction(ent))
            while spans and spans[-1].start >= ent.start:
                spans.pop()  # the place the court's name took in
            ent = _through_hyphens(ent)
            if spans and spans[-1].end > ent.start:
                continue  # the name, extended to its start, overlaps the span before
        person = None
        if ent.label_ == "ORG":
            ent, person = _person_after_the_head(ent, person_words)
        if ent.label_ in ("ORG", "PERSON"):
            spans.extend(_split_conjunction(ent, person_words, named))
        else:
            spans.append(ent)
        if person is not None:
            spans.append(person)  # "[Adani Green Energy] [Vneet S Jaain]"
    spans = _with_bylines(doc, _with_credits(doc, _trim_to_known_people(spans)))
    spans += _untagged_companies(doc, {i for s in spans for i in range(s.start, s.end)})
    spans += _untagged_list_members(doc, {i for s in spans for i in range(s.start, s.end)})
    spans += _untagged_titled_people(doc, {i for s in spans for i in range(s.start, s.end)})
    defined = _acronym_defined_names(doc, spans)
    spans = [s for s in spans if not any(d.start <= s.start and s.end <= d.end for d in defined)] + defined
    platforms = _platform_x(doc)
    spans = [s for s in spans if not any(p.start < s.end and s.start < p.end for p in platforms)] + platforms
    institutions = _institution_spans(doc, {i for s in spans for i in range(s.start, s.end)})
    starts = {s.start for s in institutions}
    spans = [s for s in spans if s.start not in starts] + institutions
    named = {i for s in spans if s.label_ not in ("GPE", "LOC") for i in range(s.start, s.end)}
    courts = _untagged_courts(doc, named)  # over the places the model took their words for
    inside = {i for s in courts for i in range(s.start, s.end)}
    spans = [s for s in spans if not any(i in inside for i in range(s.start, s.end))] + courts
    spans.extend(_propagated_surnames(doc, spans))
    return sorted(spans, key=lambda s: s.start)


#: A middle initial: "E." in "Marina E. Franco".
MIDDLE_INITIAL = re.compile(r"^[A-Z]\.$")


def _initialled_name(span: Span) -> bool:
    """A given name, a middle initial and a surname ("Marina E. Franco", "Brian A. Tsuchida"):
    the shape of a person's name, whatever label the model gave it."""
    words = [t.text for t in span]
    return (
        len(words) == 3
        and bool(MIDDLE_INITIAL.match(words[1]))
        and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in (words[0], words[2]))
    )


def _an_employer(span: Span, full_name_words: set[str]) -> bool:
    """A one-word "person" right before a company title and a person's name is the company:
    "Quora CEO Adam D'Angelo", "Twitch co-founder Emmett Shear" (not a word of a full name the
    document gives a person: "Trump chairman …" beside "Donald Trump")."""
    doc = span.doc
    at = span.end
    if len(span) != 1 or at + 1 >= len(doc) or match_key(span.text) in full_name_words:
        return False
    if doc[at].lower_ not in rules()["employer_titles"]:
        return False
    return doc[at + 1].ent_type_ == "PERSON" or (doc[at + 1].is_title and doc[at + 1].pos_ == "PROPN")


#: A state or province abbreviation after a town is at most this long ("Ill", "Conn.", "Calif.").
MAX_ABBREVIATION = 6


def _after_a_place(span: Span) -> bool:
    """One short word right after a place and a comma ("Belvidere, Ill", "Waterbury, Conn."):
    the place's state or country, whatever the model tagged it."""
    doc = span.doc
    if len(span) != 1 or span.start < 2 or len(span.text.rstrip(".")) > MAX_ABBREVIATION:
        return False
    return doc[span.start - 1].text == "," and doc[span.start - 2].ent_type_ in ("GPE", "LOC")


def _in_place_of(spans: list[Span], found: list[Span]) -> list[Span]:
    """``spans`` with ``found`` in place of those they overlap, in document order."""
    if not found:
        return spans
    kept = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in found)]
    return sorted(kept + found, key=lambda s: s.start)


def _with_credits(doc: Doc, spans: list[Span]) -> list[Span]:
    """The spans with each photo credit's parts (:mod:`ner.credits`) in place of what the model
    made of them: a photographer is a person, a supplier an organisation (a news agency the
    gazetteer knows votes outlet)."""
    found = []
    for part in doc_credits(doc):
        label = "PERSON" if part.kind == "person" else "ORG"
        span = doc.char_span(part.start, part.end, label=label, alignment_mode="contract")
        if span is not None and len(span) and (span.text[:1].isupper() or gazetteer.lookup(span.text)):
            found.append(span)
    return _in_place_of(spans, found)


#: A byline's names: "By Tessa Marsh", "By Tessa Marsh and Ed Orr, Courier reporters".
BYLINE_NAMES = re.compile(r"^\s*(?:[Bb]y|BY|Written by|Words by)\s+(.+?)\s*(?:[,|].*)?$")
#: A byline's name: two to four capitalised words, initials among them ("Bart H Meijer").
BYLINE_NAME = re.compile(r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){1,3}$")
#: What parts a byline's names: "By A and B", "By A Edited by B", "By A; Reviewed by B".
BYLINE_SEPARATORS = re.compile(r"\s+(?:and|[Ee]dited by|[Rr]eviewed by|[Ff]act[- ]checked by)\s+|\s*[&;]\s*")
#: Bylines stand on the first lines of an article.
BYLINE_TOP = 6


def _byline_people(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` characters of the people an article's byline names.

    A line opening with "By" names them ("By Justus Adejumoh", "By A Orr and B Lee, …"); lines
    that are a name alone name them when the lines run down to the outlet's name ("Bart H
    Meijer" / "Rohith Nair" / "Reuters"): a short title-case line without that is a subhead.
    """
    text = doc_text(doc)
    found: list[tuple[int, int]] = []
    lines, offset = [], 0
    for line in text.split("\n")[:BYLINE_TOP]:
        lines.append((offset, line))
        offset += len(line) + 1
    run: list[tuple[int, str]] = []
    for start, line in lines:
        match = BYLINE_NAMES.match(line)
        if match:
            at = start + match.start(1)
            for name in BYLINE_SEPARATORS.split(match.group(1)):
                where = text.index(name, at)
                if BYLINE_NAME.match(name) and gazetteer.lookup(name) is None:
                    found.append((where, where + len(name)))
            run = []
            continue
        known = gazetteer.lookup(line.strip())
        if known is None and BYLINE_NAME.match(line.strip()):
            run.append((start, line))
            continue
        if known is not None and known.type == "outlet":
            found += [(s + len(ln) - len(ln.lstrip()), s + len(ln.rstrip())) for s, ln in run]
        run = []
    return found


def _with_bylines(doc: Doc, spans: list[Span]) -> list[Span]:
    """The spans with each byline's people (:func:`_byline_people`) in place of what the model
    made of them ("Justus Adejumoh" tagged ORG, "Bart H" of "Bart H Meijer")."""
    found = []
    for start, end in _byline_people(doc):
        span = doc.char_span(start, end, label="PERSON", alignment_mode="contract")
        if span is None or not len(span):
            continue
        if not any(
            s.label_ == "PERSON" and span.start <= s.start < span.end for s in spans
        ):  # the model's person is trimmed by other rules ("… Fox News"), not "By" taken in
            found.append(span)
    return _in_place_of(spans, found)


def speaks(span: Span) -> bool:
    """The name is the subject of a reporting verb ("BaFin said …")."""
    return span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.lemma_ in rules()["reporting_verbs"]
