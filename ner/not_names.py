"""Spans the model tags that are not names of entities, by shape and context.

Adjectives and bare titles, caption markers ("FILES"), a role's body ("Vice President of the
European Parliament"), a minister's portfolio, numbered things ("737 MAX", "0700 GMT"), a common
noun's abbreviation ("cost-of-living adjustment (COLA)"), products named as products ("games like
Candy Crush"), events and documents by their head word. :func:`is_junk` is asked of every
candidate span that the gazetteer did not fix (:mod:`ner.entities`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ner.aliases import standalone_heads
from ner.cleanup import NAME_PARTICLES, initials, is_acronym, role_words, rules
from ner.rules import Rules, per_rules
from ner.spans import GLUED_ARTICLE, GLUED_WORDS, title_words
from ner.type_votes import CAPTION_MARKERS, exemplified


@per_rules
def type_heads(r: Rules) -> frozenset[str]:
    """Head words of every kind of body, lower case: "UN Security Council" is not the UN's short
    form."""
    kinds = ("agency_heads", "outlet_heads", "organization_heads", "weak_heads")
    return frozenset(head.lower() for kind in kinds for head in r[kind])


def is_junk(span: Span, name: str) -> bool:
    """Spans that are not entities: adjectives, bare titles, events, menu glue."""
    words = name.split()
    if not words:
        return True
    if name in standalone_heads():
        return False  # "Parliament", "Congress", "Democrats"
    if len(words) == 1 and any(t.text == words[0] and t.pos_ == "ADJ" for t in span):
        return True  # "Liberal candidates", "Uncorroborated reporting", "Greek MEP" less its role
    if all(w.lower() in title_words() for w in words) or name in CAPTION_MARKERS:
        return True  # "CFO", "Prime Minister", "FILES"
    of = words.index("of") if "of" in words[1:] else 0
    if of and all(w.lower() in title_words() for w in words[:of]):
        return True  # "Vice President of the European Parliament": a role, not a body
    if len(words) > 2 and words[0].lower() in role_words() | {"head"} and words[1] in ("of", "for"):
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
    if any(_glued(w, span.doc) for w in words):
        return True  # "ArticlesGlobal Affairs": navigation text glued to a headline
    if span.label_ in ("ORG", "PERSON") and _counted(span):
        return True  # "737 MAX", "(0700 GMT)", "Boeing 737 Max 9s": a model, a unit, a zone
    if len(span) == 1 and span.text.isupper() and (_ticker(span) or _time_zone(span)):
        return True  # "(NASDAQ:CRWD)", "(6am BST)"
    if span.label_ == "ORG" and _portfolio(span, words):
        return True  # "UK Energy Security [and Net Zero Minister]": a minister's brief, not a body
    if span.label_ == "ORG" and (_spelled_out_before(span) or span.text in _abbreviated_things(span.doc)):
        return True  # "cost-of-living adjustment (COLA)", "Digital Markets Act (DMA)": not a body
    if (len(words) >= 2 and words[0] in VESSEL_PREFIXES) or name in _vessels(span.doc):
        return True  # "MV Polar Prince", "RMS Titanic" (and "the Titanic" after it): a ship
    if span.label_ == "ORG" and _named_as_a_product(span):
        return True  # "franchises including Call of Duty", "Activision makes Candy Crush"
    if span.label_ in ("ORG", "PERSON") and _a_people(words, span.doc):
        return True  # "millions of Pakistanis", "A Pakistani [anti-graft court]": a people
    heads = rules()["non_entity_heads"]
    return span.label_ in ("ORG", "PERSON") and (words[-1] in heads or " ".join(words[-2:]) in heads)


#: Prefixes that name a ship ("MV Polar Prince", "HMS Victory", "USS Cole"): a vessel is no body.
VESSEL_PREFIXES = frozenset({"MV", "M/V", "RMS", "HMS", "USS", "HMCS", "HMAS", "HMNZS", "USNS", "USCGC"})
#: A prefix and the capitalised words after it.
VESSEL_NAME = re.compile(r"\b([A-Z/]{2,6}) ((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){0,2})")
#: Where :func:`_vessels` keeps a document's ships' names without their prefix.
VESSELS_KEY = "linkchart_vessels"


def _vessels(doc: Doc) -> set[str]:
    """The names the document gives ships after a prefix ("Titanic" of "RMS Titanic")."""
    found = doc.user_data.get(VESSELS_KEY)
    if found is None:
        found = doc.user_data[VESSELS_KEY] = {
            m.group(2) for m in VESSEL_NAME.finditer(doc.text) if m.group(1) in VESSEL_PREFIXES
        }
    return found


#: What a country's name takes to name its people: "Pakistan" → "Pakistanis", "Canada" →
#: "Canadians", "China" → "Chinese", "Germany" → "Germans".
DEMONYM_ENDINGS = frozenset({"i", "is", "n", "ns", "an", "ans", "ian", "ians", "ese", "s"})
#: The shortest stem of a country's name a people's name is read from.
MIN_DEMONYM_STEM = 4


#: Words that make a people of a demonym or a plural ("Indigenous Australians", "First Nations").
PEOPLE_QUALIFIERS = frozenset({"Indigenous", "Aboriginal", "Native", "First"})
#: Plurals that name a people after a qualifier.
PEOPLE_NOUNS = frozenset({"Nation", "Nations", "People", "Peoples", "Communities"})


def _a_people(words: list[str], doc: Doc) -> bool:
    """The name is a people of a place the document names: one word ("Pakistanis", or "A
    Pakistani", "Indigenous Australians"), the place's name (less a closing a, e or y) and a
    demonym's ending; or a people by a qualifier ("First Nations", "Indigenous Peoples")."""
    if len(words) == 2 and words[0] in PEOPLE_QUALIFIERS and words[1] in PEOPLE_NOUNS:
        return True  # "First Nations", "Indigenous Peoples"
    if len(words) == 2 and (words[0] in ("A", "An") or words[0] in PEOPLE_QUALIFIERS):
        words = words[1:]  # "A Pakistani", "Indigenous Australians"
    if len(words) != 1 or not words[0][:1].isupper():
        return False
    word = words[0]
    for place in {e.text for e in doc.ents if e.label_ == "GPE" and " " not in e.text}:
        stem = place[:-1] if place[-1:] in ("a", "e", "y") else place
        if len(stem) >= MIN_DEMONYM_STEM and word.startswith(stem) and word[len(stem) :] in DEMONYM_ENDINGS:
            return True
    return False


def _glued(word: str, doc: Doc) -> bool:
    """Two words run together: "ArticlesGlobal" (navigation glued to a headline), "MichaelKovrig".
    A name written in one word with inner capitals ("TotalEnergies", "FlightAware") is told by
    use: written so at least twice, and its second part never written apart in the document."""
    glue = GLUED_WORDS.search(word)
    if glue is None or GLUED_ARTICLE.match(word):
        return False
    second = re.match(r"[A-Z][a-z]+|[A-Z]+(?![a-z])", word[glue.end() - 1 :])
    texts = [t.text for t in doc]
    return texts.count(word) < 2 or (second is not None and second.group() in texts)


#: Capitalised titles a portfolio's name runs into ("Energy Security and Net Zero Minister").
PORTFOLIO_TITLES = frozenset(
    {"Minister", "Secretary", "Commissioner", "Spokesperson", "Envoy", "Czar", "Tsar", "Adviser", "Advisor"}
)


def _portfolio(span: Span, words: list[str]) -> bool:
    """The name runs on, through capitalised words and "and", into a minister's title, and has no
    head word of a body of its own: it names a portfolio ("Home Secretary", "UK Energy Security
    and Net Zero Minister"), not a ministry ("Foreign Office Minister" keeps its office)."""
    if words[-1].lower() in type_heads():
        return False
    doc = span.doc
    for token in doc[span.end : span.end + 6]:
        if token.text in PORTFOLIO_TITLES:
            return True
        if not (token.is_title or token.is_upper or token.lower_ in ("and", "&", "for", "of")):
            return False
    return False


def _ticker(span: Span) -> bool:
    """A share's symbol after its exchange's, written without spaces: "NASDAQ:CRWD", "NYSE:BA"."""
    doc, i = span.doc, span.start
    return (
        i >= 2
        and doc[i - 1].text == ":"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].text.isupper()
    )


def _time_zone(span: Span) -> bool:
    """Capitals right after a time of day: a zone ("6am BST", "noon ET")."""
    return span.start > 0 and span.doc[span.start - 1].ent_type_ == "TIME"


def _counted(span: Span) -> bool:
    """A number stands right before the name, or inside a person's name: no name is counted."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.like_num and len(span) == 1:
        return True
    return span.label_ == "PERSON" and any(any(ch.isdigit() for ch in t.text) for t in span)


#: Where :func:`_abbreviated_things` keeps a document's acronyms of things.
THINGS_KEY = "linkchart_abbreviated_things"


def _abbreviated_things(doc: Doc) -> set[str]:
    """The acronyms a document defines for what is not an entity, so that "the DMA's demand"
    is not a body where "Digital Markets Act (DMA)" said what the DMA is."""
    found = doc.user_data.get(THINGS_KEY)
    if found is None:
        found = doc.user_data[THINGS_KEY] = {
            doc[t.i : t.i + 1].text
            for t in doc
            if t.i > 0 and doc[t.i - 1].text == "(" and _spelled_out_before(doc[t.i : t.i + 1])
        }
    return found


def _spelled_out_before(span: Span) -> bool:
    """An acronym in brackets whose letters start the lower-case words before it: the
    abbreviation of a common noun ("cost-of-living adjustment (COLA)", "a public health
    emergency of international concern (PHEIC)": small words may give a letter or not), or of
    a thing's name ("Digital Markets Act (DMA)": a law, by its head)."""
    doc = span.doc
    text = span.text.upper()
    if not (is_acronym(span.text) and span.start > 0 and doc[span.start - 1].text == "("):
        return False
    window = doc[max(span.start - 1 - len(text) * 2, 0) : span.start - 1]
    words = [w for t in window for w in t.text.split("-") if w.isalpha()]
    thing = bool(words) and words[-1] in rules()["non_entity_heads"]  # "… Act (DMA)"
    for size in range(1, len(words) + 1):
        tail = words[-size:]
        if not (tail[0].islower() or thing):
            return False
        if text in ("".join(w[0] for w in tail).upper(), initials(" ".join(tail))):
            return True
    return False


def _named_as_a_product(span: Span) -> bool:
    """The name is an example of a kind of product ("games like X", "franchises including X",
    "titles such as X") or what a maker makes ("which makes X"): a product, not a body."""
    root = span.root
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ in rules()["product_verbs"]:
        return True
    kind = exemplified(root)
    return kind is not None and kind.pos_ == "NOUN" and kind.lemma_.lower() in rules()["product_nouns"]
