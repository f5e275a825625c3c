"""Type votes: the evidence each mention gives about what kind of entity it names.

An entity's type is decided over the whole corpus (:mod:`graph.resolve` sums the
votes of every mention in every document), not by its first mention. Each mention
votes for the type the document-local rules gave it, more strongly when that type
rests on more than the model's label, and adds votes from its context:

* **name form**: a corporate form or head word ("… AG", "… Ltd", "… Bank",
  "… Ministry", "… Times") votes for the type the head gives (:func:`ner.entities.type_by_words`);
* **descriptors**: a noun before or in apposition to the name ("payments company
  Wirecard", "auditor EY", "Wirecard, a payments company", "the regulator BaFin");
* **possessed nouns**: "Wirecard's shares", "EY's auditors" (organisation) against
  "Braun's wife" (person);
* **governing nouns**: "shares of Wirecard", "a stake in BDO", "speaker of the House";
* **compounds**: "Wirecard shares", "the House floor";
* **locative prepositions**: "in Dubai", "from Ibiza" (a place, when no article stands between);
* **media verbs**: "told Reuters" (an outlet, unless the model calls it a person);
* **credits**: a name beside a credit's slash ("Fernando Villar/Getty Images") supplies pictures:
  a picture agency, a company (news agencies are known to the gazetteer);
* **pronouns**: "he" or "she" as the next subject, no other person named between (a person);
* **titles**: "Mr", "Judge", "Prosecutor" before a name (person);
* **relative pronouns**: "Sony, which makes …" (not a person) against "Lafferty, who …" (a person);
* **attribution**: "according to NOS" (an outlet, unless the model calls it a person).

A single-word name the model alone calls a person casts the weakest vote, so a
company named a few times in organisation contexts is not a person however often
the model says so. Rules read word classes from ``rules.json``, never entity names.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from ner import gazetteer
from ner.cleanup import match_key, rules
from ner.credits import supplied
from ner.records import PERSON_EVIDENCE
from ner.rules import Rules, per_rules

#: A mention's vote for the type the gazetteer gives it (a known outlet, agency, platform).
GAZETTEER_VOTE = 8
#: A mention's vote for its type when the name has several words or a title.
NAME_VOTE = 2
#: A single-word mention's vote for its type (the model's label alone).
WORD_VOTE = 1
#: The most label votes one name casts for one type in one document.
MAX_LABEL_VOTES = 3
#: A vote from context: a name form, a descriptor, a possessed or governing noun, a title.
CONTEXT_VOTE = 3
#: Verbs whose object, when not a person, is most often a news outlet ("told Reuters").
MEDIA_VERBS = frozenset({"tell"})
#: Prepositions whose bare object is most often a place ("in Dubai", "from Ibiza").
LOCATIVE_PREPOSITIONS = frozenset({"in", "from", "near", "across", "throughout"})
#: Subject pronouns that can only stand for a person.
PERSON_PRONOUNS = frozenset({"he", "she"})
#: A weaker vote: "according to X" is most often a news outlet, but also a body's report.
ATTRIBUTION_VOTE = 2
#: Relative pronouns that stand for things and for people.
THING_PRONOUNS = frozenset({"which"})
PERSON_RELATIVES = frozenset({"who", "whom"})
#: How far after a list its quantified relative ends: ", all three of whom", ", both of which".
QUANTIFIED_RELATIVE_WINDOW = 6
#: How many tokens before a name a descriptor may stand ("the German payments company Wirecard").
DESCRIPTOR_WINDOW = 3


@per_rules
def descriptor_types(r: Rules) -> dict[str, str]:
    """``{noun: type}`` for nouns that say what a name is ("company", "regulator", "newspaper")."""
    table = {noun: kind for kind, nouns in r["reference_nouns"].items() for noun in nouns}
    table.update({title.lower(): "person" for title in r["titles"] if " " not in title})
    table.update({noun: "person" for noun in r["person_descriptors"]})
    return table


@per_rules
def possessed_types(r: Rules) -> dict[str, str]:
    """``{noun: type}`` for nouns whose possessor is of that type ("shares" → organization)."""
    return {noun: kind for kind, nouns in r["possessed_nouns"].items() for noun in nouns}


def descriptor_votes(span: Span, strong_only: bool = False) -> Counter:
    """Votes from nouns that say what ``span`` is: "payments company X", "X, a payments company"."""
    votes: Counter = Counter()
    descriptors = descriptor_types()
    root = span.root
    doc = span.doc
    for token in doc[max(span.start - DESCRIPTOR_WINDOW, 0) : span.start]:
        described = token.pos_ == "NOUN" or (
            (token.is_lower or token.is_sent_start) and token.dep_ in ("amod", "compound")
        )  # "payments company Wirecard"; "Pollsters IFOP" opening a sentence
        if described and token.head.i in range(span.start, span.end):
            kind = descriptor_kind(token, descriptors)
            if kind == "outlet" and span.label_ == "PERSON" and len(span) > 1:
                kind = None  # "broadcaster Bill Neely": one who broadcasts is a person too
            if kind:
                votes[kind] += CONTEXT_VOTE  # "payments company Wirecard", "auditor EY", "daily NRC"
    for token in [*root.children, root.head] if root.dep_ == "appos" else root.children:
        apposed = token.dep_ == "appos" or root.dep_ == "appos"
        one = _one_of(token)  # "Country Garden, one of China's largest builders"
        titled = one.pos_ == "PROPN" and descriptor_kind(one, descriptors) == "person"
        if apposed and (one.pos_ == "NOUN" or titled):  # "the Special Envoy of …, X"
            kind = descriptor_kind(one, descriptors)
            if strong_only and one is token and not any(c.dep_ == "det" for c in token.children):
                kind = None  # "Inês Carvalho, press office": a contact line, not "X, a company"
            if kind:
                votes[kind] += CONTEXT_VOTE  # "Wirecard, a payments company"
    if _beside_a_news_agency(span) and not votes["outlet"]:
        votes["outlet"] += CONTEXT_VOTE  # "the official news agency SUNA", "the RIA news agency"
    kind = _named_as(span, descriptors)
    if kind:
        votes[kind] += CONTEXT_VOTE  # "appointed X as his personal envoy", "hired X as its auditor"
    if club_name(span):
        votes["organization"] += CONTEXT_VOTE  # "Manchester City", "Atletico Madrid" in a sports story
    kind = listed_among_others(span)
    if kind:
        votes[kind] += CONTEXT_VOTE  # "Real Madrid, Barcelona, Juventus and nine other clubs"
    kind = body_head_after(span)
    if kind and span.label_ == "ORG":  # not "the Trump campaign", "the Hong Kong government"
        votes[kind] += CONTEXT_VOTE  # "the centrist Ensemble alliance", "his Renaissance party"
    return votes


#: Words that, two or more of them in an article, make it a sports story.
SPORT_CUES = frozenset({"club", "football", "soccer", "league", "stadium", "coach", "season", "fan", "goal"})
#: Where :func:`sports_story` keeps its answer for a document.
SPORTS_KEY = "linkchart_sports_story"


def sports_story(doc: Doc) -> bool:
    """The article is about sport: two or more kinds of sports word in it (a squad noun, "club",
    "league", "stadium", "fans" …)."""
    found = doc.user_data.get(SPORTS_KEY)
    if found is None:
        cues = SPORT_CUES | set(rules()["squad_nouns"])
        found = doc.user_data[SPORTS_KEY] = len({t.lemma_.lower() for t in doc} & cues) >= 2
    return found


def club_name(span: Span) -> bool:
    """A club's name by its form, in a sports story: a place with a club's suffix or prefix
    ("Manchester City", "Tottenham Hotspur", "Atletico Madrid", "Inter Milan"), not where it
    locates ("in Mexico City")."""
    words = [w.strip(",.;:") for w in span.text.split()]
    if len(words) < 2 or _located(span):
        return False
    r = rules()
    formed = words[-1] in r["club_suffixes"] or words[0] in r["club_prefixes"]
    return formed and sports_story(span.doc)


#: Prepositions that open examples of a noun: "airlines including Ryanair", "games like X".
EXAMPLE_PREPOSITIONS = frozenset({"including", "like", "as"})


def exemplified(token: Token) -> Token | None:
    """The noun a name is given as an example of: "airlines including [Ryanair]", "games like
    [X]", "banks such as [X]" (the parser hangs "such as" either way)."""
    opening = token.head
    if token.dep_ != "pobj" or opening.lower_ not in EXAMPLE_PREPOSITIONS:
        return None
    if opening.lower_ != "as":
        return opening.head
    if opening.head.lower_ == "such":
        return opening.head.head
    if any(c.lower_ == "such" for c in opening.children):
        return opening.head if opening.head.pos_ == "NOUN" else opening.head.head
    return None


def listed_among_others(span: Span) -> str | None:
    """The type of "other <descriptor>" closing a list the name is in ("X, Y and other banks"),
    or of the plural noun the list gives examples of ("airlines including Ryanair and easyJet",
    "banks such as X")."""
    first = span.root
    while first.dep_ == "conj" or (first.dep_ == "npadvmod" and first.head.pos_ == "PROPN"):
        first = first.head  # "Real Madrid, Barcelona, …": the parser hangs the list on its first name
    plural = exemplified(first)
    if plural is not None and plural.pos_ == "NOUN" and plural.tag_ == "NNS":
        kind = descriptor_kind(plural, descriptor_types())
        return kind if kind in ("organization", "agency", "outlet") else None
    todo, seen = [first], set()
    while todo:
        token = todo.pop()
        if token.i in seen:
            continue
        seen.add(token.i)
        if token.pos_ == "NOUN" and token.tag_ == "NNS" and any(c.lower_ == "other" for c in token.children):
            kind = descriptor_kind(token, descriptor_types())
            return kind if kind in ("organization", "agency", "outlet") else None
        todo += [c for c in token.children if c.dep_ in ("conj", "npadvmod") and c.pos_ in ("PROPN", "NOUN")]
    return None


#: Nouns a name before says who leads, not what the name is: "the Labour government".
LED_BODIES = frozenset({"government", "regime", "administration", "cabinet"})


def body_head_after(span: Span) -> str | None:
    """The body type of the descriptor noun right after ``span`` that the name modifies."""
    head = span.root.head
    if span.root.dep_ != "compound" or head.i != span.end or head.tag_ != "NN":
        return None  # a singular noun: not "Sikh groups"
    if head.lower_.endswith("maker"):
        return None  # "Call of Duty maker Activision": what the company makes
    if head.lower_ in LED_BODIES:
        return None  # "the new Labour government": the party that leads it
    kind = descriptor_kind(head, descriptor_types())
    return kind if kind in ("organization", "agency", "outlet") else None


def context_votes(span: Span, strong_only: bool = False) -> Counter:
    """Votes from the words around ``span`` (descriptors, possessed and governing nouns).

    ``strong_only``: only what says outright what the name is (a descriptor: "video game maker
    X", "X, a payments company"; "shares of X", "the acquisition of X"), as a full name needs to
    be read as something other than the person the model took it for.
    """
    votes = descriptor_votes(span, strong_only)
    possessed = possessed_types()
    root = span.root
    if not votes and span.label_ != "PERSON":  # a person's name is not re-read by shape
        head = described_after_comma(span)
        kind = descriptor_kind(head, descriptor_types()) if head is not None else None
        if kind:
            votes[kind] += CONTEXT_VOTE  # "Masdar, the UAE's state-owned renewable energy company"
    first = _first_conjunct(root)  # "the board of Block and Skillsoft": Skillsoft's too
    if first.dep_ == "pobj" and first.head.head.pos_ == "NOUN" and first.head.lower_ in ("of", "in"):
        kind = possessed.get(first.head.head.lemma_.lower())
        if kind in ("organization", "agency"):
            votes[kind] += CONTEXT_VOTE  # "shares of Wirecard", "a stake in BDO", "speaker of the House"
    if _staff_at(first):
        votes["organization"] += CONTEXT_VOTE  # "a board member at Shopify", "an analyst at Moody's"
    if plays(span):
        votes["organization"] += CONTEXT_VOTE  # "a 2-0 win at Empoli", "the former Manchester United player"
    relative = _relative_pronoun(span)
    if relative in THING_PRONOUNS and span.label_ in ("ORG", "PERSON"):
        votes["organization"] += CONTEXT_VOTE  # "rival Sony, which makes the PlayStation"
    elif relative in PERSON_RELATIVES:
        votes["person"] += CONTEXT_VOTE  # "Erica Lafferty, who …"
    if strong_only:
        return votes
    if root.dep_ in ("poss", "compound") and root.head.pos_ == "NOUN":
        kind = possessed.get(root.head.lemma_.lower())
        # an organisation owns ("Wirecard's shares", not "the Dubai subsidiary"); a place names
        # ("the Stadelheim courtroom", not "Trump's hotel")
        only = {"organization": "poss", "place": "compound"}.get(kind or "", root.dep_)
        if kind == "person" and root.dep_ == "compound" and root.head.tag_ == "NNS":
            kind = None  # "the Sandy Hook families" are a place's, "the Jones family" a person's
        if kind and root.dep_ == only:
            votes[kind] += CONTEXT_VOTE  # "Braun's wife", "the House floor"
    told = root.dep_ in ("dobj", "dative") and root.head.lemma_ in MEDIA_VERBS
    if span.label_ != "PERSON" and told and not _headed_as_a_body(span):
        votes["outlet"] += CONTEXT_VOTE  # "told LBC", "told Reuters"; not "told the House of Commons"
    owned = _whose(span)
    kind = possessed.get(owned.lemma_.lower()) if owned is not None else None
    if kind in ("person", "organization"):
        votes[kind] += CONTEXT_VOTE  # "Lafferty, whose mother …", "Wirecard, whose shares …"
    if span.label_ != "PERSON" and _according_to(span):
        votes["outlet"] += ATTRIBUTION_VOTE  # "According to NOS, …"
    dateline = _dateline(span)
    if span.label_ != "PERSON" and (dateline or _interviewed_by(span)):
        votes["outlet"] += CONTEXT_VOTE  # "Dec. 13 (UPI) --", "in an interview with Le Soir"
    if _located(span) or _dateline_place(span):
        votes["place"] += CONTEXT_VOTE  # "in Dubai", "from Ibiza", "ROME (AP) —"
    if _in_credit(span) and not dateline:
        # a credit's supplier the gazetteer does not know as a news agency is a picture
        # agency ("Getty Images", "Alamy"): a company; one ending in a known outlet's name is
        # that outlet's service ("CQ Roll Call")
        kind = "outlet" if _ends_in_an_outlet(span.text) else "organization"
        votes[kind] += CONTEXT_VOTE  # "Ralph Orlowski/Getty Images", "Credit: Alamy"
    if _followed_by_pronoun(span):
        votes["person"] += CONTEXT_VOTE  # "Olaf Scholz … because he is responsible"
    if span.label_ != "GPE" and _refers_back_as_it(span):
        votes["organization"] += ATTRIBUTION_VOTE  # "Binance said it would pay", "… repay its debt"
    return votes


#: How many words a description after a name's comma may run before its head noun.
DESCRIPTION_WORDS = 8


def described_after_comma(span: Span) -> Token | None:
    """The head noun of "X, the/a … noun" right after the name, read by shape when the parse
    missed the apposition ("Masdar, the UAE's state-owned renewable energy company")."""
    doc = span.doc
    start = span.end + 1
    if span.end >= len(doc) or doc[span.end].text != "," or start >= len(doc):
        return None
    if doc[start].pos_ != "DET":
        return None
    for token in doc[start + 1 : start + 1 + DESCRIPTION_WORDS]:
        if token.is_punct and token.text not in ("’", "'", "-"):
            return None
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.pos_ == "NOUN" and (
            after is None or (after.pos_ not in ("NOUN", "PROPN") and after.text != "-")
        ):
            # the last noun of the phrase ("state-owned" goes on), closing it: not "X, the
            # company said"
            closed = after is None or after.is_punct or after.tag_ in ("VBN", "VBG", "WDT", "IN")
            return token if closed else None
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            return None
    return None


#: Nouns said "of" a company and never of a country or town ("the board of X"), unlike
#: "revenue", "investors" or "headquarters" ("investors in China", "headquarters in The Hague").
COMPANY_ONLY_NOUNS = frozenset(
    {"share", "shareholder", "stock", "stake", "subsidiary", "board", "boardroom"}
    | {"ceo", "cfo", "coo", "auditor", "merger", "takeover", "buyout", "acquisition"}
    | {"founder", "co-founder", "cofounder", "chairman", "chairwoman"}
)
#: ... and "in" a company ("a stake in X", "shares in X").
COMPANY_ONLY_IN = frozenset({"share", "stake"})


def _governed_as_a_company(span: Span) -> bool:
    """A name the model took for a place that a company noun governs: "the board of Block and
    Skillsoft", "shares of X", "a board member at Shopify", "an analyst at X"."""
    first = _first_conjunct(span.root)
    prep, noun = first.head.lower_, first.head.head.lemma_.lower()
    nouns = {"of": COMPANY_ONLY_NOUNS, "in": COMPANY_ONLY_IN}.get(prep, ())
    return (first.dep_ == "pobj" and noun in nouns) or _staff_at(first)


def _staff_at(token: Token) -> bool:
    """ "a board member at X", "an analyst at X": X employs people."""
    at = token.head
    return token.dep_ == "pobj" and at.lower_ == "at" and at.head.lemma_.lower() in _staff_nouns()


def _headed_as_a_body(span: Span) -> bool:
    """The name's head word is an agency's or an organisation's ("… House of Commons",
    "Parliament", "… Committee")."""
    words = span.text.split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    r = rules()
    heads = (*r["agency_heads"], *r["organization_heads"], *r["standalone_heads"], "House")
    return head in heads


def _ends_in_an_outlet(name: str) -> bool:
    """The name's last words are a news outlet the gazetteer knows ("CQ Roll Call")."""
    words = name.split()
    for cut in range(1, len(words)):
        entry = gazetteer.lookup(" ".join(words[cut:]))
        if entry is not None and entry.type == "outlet":
            return True
    return False


def _first_conjunct(token: Token) -> Token:
    """The first of the conjuncts ``token`` is one of ("Block" for "Skillsoft" in "Block and
    Skillsoft"), or ``token``."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


@per_rules
def _staff_nouns(r: Rules) -> frozenset[str]:
    """Nouns for people who work at an organisation ("a board member at X", "an analyst at X")."""
    return frozenset(r["staff_nouns"])


#: Two words that say a name beside them is a news outlet, however the parser hangs them.
NEWS_AGENCY_WORDS = frozenset(
    {("news", "agency"), ("press", "agency"), ("news", "service"), ("wire", "service")}
)


def _beside_a_news_agency(span: Span) -> bool:
    """ "news agency SUNA", "the SUNA news agency": by the words' order alone, as the parser
    hangs an acronym beside them anywhere (an adverb, a compound)."""
    doc = span.doc
    before = tuple(t.lower_ for t in doc[max(span.start - 2, 0) : span.start])
    after = tuple(t.lower_ for t in doc[span.end : span.end + 2])
    return before in NEWS_AGENCY_WORDS or after in NEWS_AGENCY_WORDS


def _named_as(span: Span, descriptors: dict[str, str]) -> str | None:
    """The type of the noun ``span``'s verb names it as: "appointed X as his envoy" (person),
    "hired X as its auditor" (organization)."""
    root = span.root
    if root.dep_ not in ("dobj", "nsubjpass") or root.head.pos_ != "VERB":
        return None
    for prep in root.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i >= span.end:
            noun = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if noun is not None:
                return descriptor_kind(noun, descriptors)
    return None


def _one_of(token: Token) -> Token:
    """The noun of "one of the … nouns" standing for ``token`` ("one"), else ``token``."""
    if token.lower_ != "one":
        return token
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if noun is None or noun.pos_ != "NOUN":
        return token
    return noun


def descriptor_kind(token, descriptors: dict[str, str]) -> str | None:
    """The type a descriptor noun gives ("company" → organization); "news agency" is an outlet."""
    lemma = token.lemma_.lower()
    if lemma not in descriptors and lemma.endswith("s") and token.is_sent_start:
        lemma = lemma[:-1]  # "Pollsters …" opening a sentence, read as a proper noun
    kind = descriptors.get(lemma) or ("organization" if lemma.endswith("maker") else None)  # "drugmaker"
    if kind not in (None, "person") and any(c.lower_ in ("news", "press", "wire") for c in token.children):
        return "outlet"  # "news agency ANP", "press agency EFE"; not "ITV News correspondent X"
    return kind


#: What follows the agency in a dateline: "WASHINGTON (AP) —", "Dec. 13 (UPI) --", "(EFE).-".
DATELINE_DASHES = frozenset({"--", "—", "–", "-", ".-", ").-"})


def _dateline(span: Span) -> bool:
    """The name stands in a dateline's parentheses, near the start of its sentence."""
    doc = span.doc
    start, end = span.start, span.end
    while start > 2 and doc[start - 1].text == "/" and doc[start - 2].text[:1].isupper():
        start -= 2  # "(The Baltimore Sun/TNS) —": the parentheses hold every agency
        while start > 0 and doc[start - 1].text not in ("(", "/") and doc[start - 1].text[:1].isupper():
            start -= 1
    while end + 2 < len(doc) and doc[end].text == "/" and doc[end + 1].text[:1].isupper():
        end += 2
    if start < 2 or end + 1 >= len(doc) or start - span.sent.start > 8:
        return False
    before = doc[start - 2]
    if not (before.ent_type_ in ("GPE", "LOC", "DATE") or before.is_upper or before.is_digit):
        return False  # a dateline's agency follows a place or a date ("WASHINGTON (AP)")
    after = doc[end + 1].text
    closed = after in DATELINE_DASHES or after.startswith(".-")
    return doc[start - 1].text == "(" and doc[end].text == ")" and closed


#: Capitalised words that open captions, not datelines ("FILE - …").
CAPTION_MARKERS = frozenset(
    {
        "FILE",
        "FILES",
        "File",
        "PHOTO",
        "Photo",
        "UPDATE",
        "BREAKING",
        "EXCLUSIVE",
        "WATCH",
        "COMBO",
        "URGENT",
        "Illustration",
        "ILLUSTRATION",
    }
)


def _dateline_place(span: Span) -> bool:
    """A dateline's place: a capitalised name opening its sentence before "(AP)", a comma and a
    date, or a dash ("ROME (AP) —", "LONDON, Dec 5 (Reuters) -", "MADRID --")."""
    doc = span.doc
    if span.start != span.sent.start or not span.text.isupper() or span.end >= len(doc):
        return False
    if span.text in CAPTION_MARKERS:
        return False
    return doc[span.end].text in ("(", ",") or doc[span.end].text in DATELINE_DASHES


def _relative_openings(span: Span) -> list[Span]:
    """The words from the name to each relative clause's verb on it ("Sony, which makes"), or
    to the pronoun of a clause on the whole list it is in ("X, Y and Z, all three of whom …")."""
    root = span.root
    doc = span.doc
    openings = [
        doc[span.end : child.i + 1] for child in root.children if child.dep_ == "relcl" and child.i > root.i
    ]
    members = [root, *root.conjuncts]
    if len(members) > 1:
        last = max(t.i for t in members)
        after = doc[last + 1 : last + 1 + QUANTIFIED_RELATIVE_WINDOW]
        if len(after) > 2 and after[0].text == ",":
            for a, b in pairwise(after):
                if a.lower_ == "of" and b.tag_ in ("WP", "WDT"):
                    openings.append(doc[span.end : b.i + 1])  # "…, all three of whom worked"
                    break
    return openings


def _relative_pronoun(span: Span) -> str | None:
    """The pronoun opening a relative clause on the name ("Sony, which makes …" → "which")."""
    for opening in _relative_openings(span):
        pronoun = next((t.lower_ for t in opening if t.tag_ in ("WDT", "WP", "WP$")), None)
        if pronoun:
            return pronoun
    return None


def _whose(span: Span) -> Token | None:
    """The noun "whose" owns in a relative clause on the name ("X, whose mother …" → mother)."""
    for opening in _relative_openings(span):
        for token in opening[:-1]:
            if token.lower_ == "whose" and token.head.pos_ == "NOUN":
                return token.head
    return None


#: Prepositions before a side in a fixture: "a win at Empoli", "the match with Udinese".
FIXTURE_PREPOSITIONS = frozenset({"at", "against", "with", "over", "to", "versus", "vs"})


def plays(span: Span) -> bool:
    """The name is a side in a game ("a 3-0 win at Udinese", "play for Juventus against Lazio")
    or has players ("the former Manchester United player", "Manchester United's midfielder")."""
    root = span.root
    head = root.head
    r = rules()
    if root.dep_ == "pobj" and head.lower_ in FIXTURE_PREPOSITIONS | {"for"}:
        governor = head.head
        if governor.lemma_.lower() in r["fixture_nouns"] and head.lower_ != "for":
            return True
        if governor.lemma_ == "play" and head.lower_ in ("for", "against"):
            return True
    return root.dep_ in ("compound", "poss") and head.lemma_.lower() in r["squad_nouns"]


def _modifier_only(span: Span) -> bool:
    """The name only modifies a noun, a plural or one no person owns ("the Sandy Hook shooting",
    "Sandy Hook families"): the model's person label is read as a place's. Not "the Jones
    family", nor "Trump's lawyers" (a possessive)."""
    root = span.root
    head = root.head
    if root.dep_ != "compound" or head.pos_ != "NOUN" or head.i < span.end:
        return False
    return head.tag_ == "NNS" or possessed_types().get(head.lemma_.lower()) != "person"


def _according_to(span: Span) -> bool:
    """ "according to X": X the object of "to" after "according"."""
    root = span.root
    head = root.head
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _interviewed_by(span: Span) -> bool:
    """ "an interview with X", "speaking to X" (X not a person): X is an outlet."""
    root = span.root
    head = root.head
    return root.dep_ == "pobj" and (
        (head.lower_ == "with" and head.head.lemma_ == "interview")
        or (head.lower_ == "to" and head.head.lemma_ in ("speak", "talk"))
    )


def _in_credit(span: Span) -> bool:
    """The name supplies a photo credit (:mod:`ner.credits`: "Credit: Belga") or stands on one side
    of a credit's slash at the end of a caption ("(House of Commons/PA)", "Ralph Orlowski/Reuters");
    not "a joint Labour/Green ticket"."""
    doc = span.doc
    if supplied(span.start_char, span.end_char, doc):
        return True
    if span.start > 0 and doc[span.start - 1].text == "/":
        end = span.end
    elif span.end + 1 < len(doc) and doc[span.end].text == "/":
        end = span.end + 1
        while end < len(doc) and doc[end].text[:1].isupper():
            end += 1  # the name on the other side
    else:
        return False
    return end >= len(doc) or doc[end].is_punct or doc[end].is_space or doc[end].is_sent_start


def _followed_by_pronoun(span: Span) -> bool:
    """The name (of two words or more) is a subject, and a "he" or "she" subject follows in the
    same or the next sentence with no other person named in between: the name is most likely
    that person's."""
    if span.root.dep_ not in ("nsubj", "nsubjpass") or len(span) < 2:
        return False  # only a subject is picked up by the next subject pronoun; and a word alone
        # ("BaFin … he said") is more often an organisation whose officer the pronoun is
    doc = span.doc
    sentence = span.sent
    stop = sentence.end
    if stop < len(doc):
        stop = doc[stop].sent.end
    for token in doc[span.end : stop]:
        if token.ent_type_ == "PERSON" or token.lower_ in ("it", "they"):
            return False
        if token.lower_ in PERSON_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            return True
    return False


#: Words that take a thing's pronoun back to the subject before them.
THING_PRONOUNS_BACK = frozenset({"it", "its", "itself"})


def _refers_back_as_it(span: Span) -> bool:
    """The name is a subject and "it" or "its" in its own clause takes it up, nothing named in
    between: "Binance said it had agreed to pay", "Country Garden … is struggling to repay its
    debt". A person is "he" or "she"; "X said it was a hoax" (a copula, a passive) is about
    something else."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.pos_ not in ("VERB", "AUX"):
        return False
    subject = {t.i for t in root.subtree}  # "X, one of China's builders, …": X's own words
    for token in root.head.subtree:
        if token.i < span.end or token.i in subject:
            continue
        if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or token.lower_ in PERSON_PRONOUNS:
            return False
        if token.pos_ == "NOUN":
            return False  # "Teng joined the company … and climbed its ranks": the company's
        if token.lower_ == "its" and token.dep_ == "poss":
            return True
        if token.lower_ == "it" and token.dep_ == "nsubj":
            verb = token.head
            return verb.lemma_ != "be" and not any(c.dep_ == "auxpass" for c in verb.children)
    return False


def _located(span: Span) -> bool:
    """The name is the bare object of a locative preposition ("in Dubai"; not "in the House")."""
    root = span.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in LOCATIVE_PREPOSITIONS
        and not any(child.dep_ == "det" for child in root.children)
        and span.start > 0
        and span.doc[span.start - 1].i == root.head.i
    )


class LabelVotes:
    """The votes a document's names have cast for the type the model and the document's rules
    gave them: one label repeated is one piece of evidence, so each name casts at most
    :data:`MAX_LABEL_VOTES` for a type in one document. Context votes are not limited.
    """

    def __init__(self) -> None:
        self.cast: Counter = Counter()

    def take(self, key: str | None, kind: str, votes: int) -> int:
        """How many of ``votes`` the name ``key`` may still cast for ``kind``."""
        if key is None:
            return votes
        allowed = max(0, min(votes, MAX_LABEL_VOTES - self.cast[(key, kind)]))
        self.cast[(key, kind)] += allowed
        return allowed


def mention_votes(
    span: Span,
    kind: str,
    *,
    fixed: bool,
    titled: bool,
    head_type: str | None,
    labels: LabelVotes | None = None,
    key: str | None = None,
) -> dict[str, int]:
    """The votes one mention casts, ``{type: votes}``.

    Parameters
    ----------
    span : Span
        The mention in its parsed document.
    kind : str
        The type the document-local rules gave it.
    fixed : bool
        The gazetteer typed it.
    titled : bool
        A person's title or role stood before it ("Mr", "Judge", "Huawei CFO").
    head_type : str or None
        The type its name form gives (a corporate form or head word), if any.
    labels : LabelVotes, optional
        The label votes the document's names have cast so far (``key`` is this one's name).
    """
    votes: Counter = Counter()
    if fixed:
        votes[kind] += GAZETTEER_VOTE
        return dict(votes)
    several_words = len(span.text.split()) > 1
    label = NAME_VOTE if several_words or titled else WORD_VOTE
    read_as = kind
    if kind == "person" and not titled and _modifier_only(span):
        read_as, label = "place", WORD_VOTE  # "the Sandy Hook shooting", "Sandy Hook parents"
    votes[read_as] += labels.take(key, read_as, label) if labels is not None else label
    from_label = votes["person"]
    if titled and kind == "person":
        votes["person"] += CONTEXT_VOTE
    if head_type:
        votes[head_type] += CONTEXT_VOTE
    if kind != "place":  # a full name is evidence enough against all but outright descriptions
        votes.update(context_votes(span, strong_only=kind == "person" and several_words))
    else:  # the model's place, said outright to be something else: "streaming giant Spotify"
        votes.update(descriptor_votes(span, strong_only=True))
        if _governed_as_a_company(span):
            votes["organization"] += CONTEXT_VOTE  # "a board member at Shopify"
        if _dateline(span):
            votes["outlet"] += CONTEXT_VOTE  # "MAUI COUNTY, Hawaii (KITV4) --"
    if votes["person"] > from_label:
        votes[PERSON_EVIDENCE] = 1
    return {k: v for k, v in votes.items() if v}


def publisher_votes(name: str, votes: dict[str, int], publisher: str | None) -> dict[str, int]:
    """``votes`` with an outlet's vote added when ``name`` is the article's own publisher, or
    two words or more at the start or end of its name ("Civil Beat" of "Honolulu Civil Beat",
    "Courthouse News" of "Courthouse News Service")."""
    if not publisher or name.startswith(("@", "#")):
        return votes
    words, own = match_key(name).split(), match_key(publisher).split()
    whole = words == own
    part = 2 <= len(words) < len(own) and (own[: len(words)] == words or own[-len(words) :] == words)
    if whole or part:
        return {**votes, "outlet": votes.get("outlet", 0) + GAZETTEER_VOTE}
    return votes
