"""The ``linkchart_attribution`` component: who said, claimed, reported or denied what.

Works over spaCy's dependency parse. For every reporting verb (a general lexicon
matched by lemma, in ``rules.json``) it finds the speaker (the verb's subject,
a passive agent, or "according to X"), resolves pronouns and "the agency"-style
references, takes what was said (the quotation the sentence holds or the verb's
complement clause) and lists the entities mentioned in it. Results are stored as
plain dicts in ``doc._.linkchart_assertions``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ner.aliases import ORG_TYPES
from ner.cleanup import match_key, rules
from ner.layout import doc_text

#: Opening quotation marks and the closing marks that end them: a curly quote closed by a
#: straight one (“…," she said) is one quotation.
QUOTE_PAIRS = {"“": ("”", '"'), '"': ('"', "”"), "«": ("»",), "„": ("“", "”")}
#: Quotation marks typed as two characters: ''…'' and ``…''.
DOUBLED_QUOTES = {"''": ("''", "”"), "``": ("''", '"')}
#: Titles that name a person when used with "the": "said the Minister".
TITLE_NOUNS = frozenset(t.lower() for t in rules()["titles"] if " " not in t and t[-1:] != ".")
#: Finite verb tags: a finite verb is never a participle modifying a noun.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
#: Punctuation that sets off an inverted attribution: "…, The Journal reported".
INVERSION_MARKS = frozenset({",", "—", "–"})
#: The most tokens an appositive or relative clause between a subject and its verb may have.
MAX_INSERT_TOKENS = 30
#: Marks that fence an attribution phrase inside what it reports: "…, Smith said, …", "… -- …".
FENCE_MARKS = INVERSION_MARKS | {"--", "-", ";"}
#: What may stand in an attribution phrase beside its verb and subject: "said on Tuesday in a
#: statement", "told The Journal", "wrote in a memo to the board".
PHRASE_DEPS = frozenset({"prep", "npadvmod", "advmod", "dative", "agent", "nsubj", "aux", "neg", "punct"})
#: Verbs whose object is who was told, not what: "told The Journal".
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "remind", "warn"})
#: Closing quotation marks after which "X said" names the speaker.
QUOTE_CLOSERS = frozenset({"”", '"', "»", "’’", "''"})
#: The longest name read between a closing quote and its verb.
MAX_SPEAKER_TOKENS = 6
#: A quotation shorter than this many words is a scare quote, not speech.
MIN_QUOTE_WORDS = 4
#: How many sentences back a pronoun may look for the person who last spoke.
PRONOUN_WINDOW = 6
#: Dependency labels of what a reporting verb reports.
CONTENT_DEPS = ("ccomp", "parataxis")
#: Verbs whose infinitive complement is what they assert: "RRM Canada claims to have reviewed …",
#: "Collins vowed to close the fund" (a commitment on record).
XCOMP_VERBS = frozenset(("claim", "deny", "allege", "report", "confirm", "admit", "acknowledge", "appear"))
XCOMP_VERBS |= {"vow", "pledge", "promise"}
#: Prepositions before a speech participle that leave its subject the main clause's: "by saying".
MANNER_PREPS = frozenset({"by", "upon", "on", "after", "before", "while", "in", "when"})
#: Dependency labels under which a participle ("warning", "saying") is not a finite report.
NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "compound", "amod", "acl", "attr", "appos"})
#: Verbs whose direct object is itself the content ("Dong confirmed the meeting").
OBJECT_CONTENT_STANCES = frozenset({"denies", "confirms", "reports", "alleges"})
#: Only an active subject speaks: "Spavor was denied rights" does not make Spavor a speaker.
SUBJECT_DEPS = ("nsubj",)
#: How many times as often as a namesake a person must be mentioned to own a bare surname.
SURNAME_DOMINANCE = 3
#: Words that negate a reporting verb: "did not deny", "neither confirm nor deny".
NEGATIONS = frozenset({"not", "n't", "never", "neither", "nor", "no"})
PERSON_PRONOUNS = frozenset({"he", "she"})
COUNSEL_WORDS = frozenset({"lawyer", "attorney", "counsel", "solicitor", "barrister"})
#: Nouns that name a person by their role ("the lawyer", "Microsoft's president").
ROLE_NOUNS = frozenset(rules()["role_nouns"]) | frozenset(rules()["person_descriptors"]) | COUNSEL_WORDS
#: Verbs that put a refusal to say something on record: "declined to comment".
DECLINING = frozenset({"decline", "refuse"})
#: Pronouns by grammatical gender, for matching "he"/"she" to a person the text has gendered.
GENDERED_PRONOUNS = {
    "m": frozenset({"he", "him", "his", "himself"}),
    "f": frozenset({"she", "her", "hers", "herself"}),
}
#: The weight of a pronoun the parse binds to a person, against one merely in the same sentence.
BOUND_VOTES = 3
#: Honorifics that give a person's gender: "Mr Braun", "Ms. Lee".
PRONOUN_GENDER = {word: gender for gender, words in GENDERED_PRONOUNS.items() for word in words}
GENDERED_TITLES = {
    "m": frozenset({"mr", "mr.", "sir", "lord", "mister"}),
    "f": frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "dame", "lady", "madam"}),
}
GROUP_PRONOUNS = frozenset({"it", "they"})
#: Possessive pronouns and the subject pronoun whose referent they share.
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}
#: Who can speak. Places cannot: "Canada claims" is left out rather than guessed at.
SPEAKER_TYPES = frozenset({"person", "agency", "outlet", "organization", "platform"})
#: Role nouns that never name a specific speaker on their own ("sources said").
ANONYMOUS_ROLES = frozenset(
    {"source", "sources", "expert", "experts", "critic", "critics", "analyst", "analysts"}
)

#: Nouns for people a text describes without naming ("a person familiar with the talks").
SOURCE_NOUNS = frozenset(rules()["source_nouns"])
#: Who speaks for a person without being them: "his lawyers said" is not the person.
COUNSEL = COUNSEL_WORDS
#: Nouns that describe one person by what they do ("the Indiana governor", "a New York judge"):
#: a subject the text does not resolve to a name is kept as an unnamed source with its phrase.
DESCRIBED_SPEAKERS = frozenset(rules()["speaker_nouns"]) | frozenset(rules()["person_descriptors"])
#: Nouns that report what their owner said, with the stance: "Sanders's claim that …".
NOMINAL_CUES = {
    "claim": "alleges",
    "assertion": "alleges",
    "allegation": "alleges",
    "accusation": "alleges",
    "charge": "alleges",
    "contention": "alleges",
    "warning": "warns",
    "denial": "denies",
    "admission": "confirms",
    "statement": "states",
    "argument": "states",
    "insistence": "states",
    "suggestion": "states",
    "promise": "states",
    "pledge": "states",
    "vow": "states",
    "call": "states",
    "view": "states",
    "testimony": "states",
    "conclusion": "assesses",
    "finding": "assesses",
    "concern": "warns",
}
#: Claim nouns whose infinitive is what was said ("his promise to be neutral"); for the
#: others it is a purpose ("statements to explain her decision").
INFINITIVE_NOUNS = frozenset({"claim", "promise", "pledge", "vow", "call"})
#: The most words a sentence that only attributes the quotation before it has ("Trump said
#: late last week.", "he told the cheering crowd in Iowa on Monday.").
BARE_REPORT_WORDS = 10
#: Nouns for a body of people ("Trump's campaign", "a civil rights group"): a group source
#: when the text does not name it ("the company" is left to the reference nouns).
COLLECTIVE_NOUNS = frozenset(rules()["reference_nouns"]["organization"]) | {
    *("campaign", "administration", "team", "staff", "committee", "panel", "office")
}
#: Nouns for a body that "the …" refers back to ("the tribunal", "the regulator").
REFERENCE_NOUNS = frozenset(n for nouns in rules()["reference_nouns"].values() for n in nouns)
#: What "according to" cites as a norm, not a source: "according to House rules".
NORM_NOUNS = frozenset(
    {"rule", "law", "procedure", "constitution", "regulation", "guideline", "statute", "protocol"}
    | {"schedule", "tradition", "custom", "plan", "standard", "requirement", "policy"}
)
#: Surveys of people, a source "according to" cites: "according to exit polls".
POLL_NOUNS = frozenset({"poll", "survey", "census"})
#: Words that say a source is kept anonymous.
UNNAMED_CUES = tuple(rules()["unnamed_cues"])
#: An unnamed source's phrase longer than this is cut to its head noun and what precedes it.
MAX_SOURCE_TOKENS = 14

if not Doc.has_extension("linkchart_assertions"):
    Doc.set_extension("linkchart_assertions", default=None)


@dataclass(frozen=True)
class Quote:
    """A quotation: character span including its marks."""

    start: int
    end: int

    def contains(self, char: int) -> bool:
        """True when ``char`` lies inside the quotation."""
        return self.start <= char < self.end


def find_quotes(text: str) -> list[Quote]:
    """Quotations in ``text``; an unclosed one runs to the end of its paragraph.

    >>> find_quotes('He said “we will not bend or give ground” today.')
    [Quote(start=8, end=40)]
    """
    quotes: list[Quote] = []
    i = 0
    while i < len(text):
        mark = text[i : i + 2] if text[i : i + 2] in DOUBLED_QUOTES else text[i]
        closes = DOUBLED_QUOTES.get(mark) or QUOTE_PAIRS.get(mark)
        if closes is None:
            i += 1
            continue
        paragraph_end = text.find("\n", i + 1)
        if paragraph_end == -1:
            paragraph_end = len(text)
        found = [e for e in (text.find(c, i + len(mark)) for c in closes) if 0 <= e < paragraph_end]
        end = min(found) if found else paragraph_end - 1
        close = next((c for c in closes if text.startswith(c, end)), "")
        body = text[i + len(mark) : end]
        # “The voter has spoken,” — speech punctuation inside the marks: a short quote, not a scare quote
        spoken = body.rstrip()[-1:] in (",", ".", "?", "!") and len(body.split()) > 1
        if len(body.split()) >= MIN_QUOTE_WORDS or spoken:
            quotes.append(Quote(i, end + max(1, len(close))))
        i = end + max(1, len(close))
    return quotes


class _Mentions:
    """Mentions of a document indexed by character, for span look-ups."""

    def __init__(self, mentions: list[dict]):
        self.items = [m for m in mentions if m.get("key")]
        self.items.sort(key=lambda m: m["start"])
        self.by_char = {char: m for m in self.items for char in range(m["start"], m["end"])}

    def at(self, char: int) -> dict | None:
        return self.by_char.get(char)

    def at_key(self, key: str) -> dict | None:
        """A mention of ``key`` (the first)."""
        return next((m for m in self.items if m["key"] == key), None)

    def within(self, start: int, end: int) -> list[dict]:
        return [m for m in self.items if m["start"] >= start and m["end"] <= end]

    def before_matching(self, char: int, test) -> dict | None:
        """The last mention before ``char`` that passes ``test``."""
        found = None
        for m in self.items:
            if m["start"] >= char:
                break
            if test(m):
                found = m
        return found

    def before(self, char: int, types: frozenset[str]) -> dict | None:
        found = None
        for m in self.items:
            if m["start"] >= char:
                break
            if m["type"] in types:
                found = m
        return found


def parataxis_like(token: Token) -> bool:
    """True for a clause loosely attached to its head ("…, X said")."""
    return token.dep_ == "parataxis"


def _is_negated(verb: Token) -> bool:
    """True for "did not deny", "neither confirm nor deny", "never said", "at no point described"."""
    if any(c.dep_ in ("neg", "preconj") or c.lower_ in NEGATIONS for c in verb.children):
        return True
    for prep in verb.children:  # "at no point", "at no time", "in no way"
        if prep.dep_ == "prep" and any(
            g.dep_ == "pobj" and any(d.lower_ == "no" for d in g.children) for g in prep.children
        ):
            return True
    return verb.dep_ == "conj" and any(c.lower_ in ("nor", "neither") for c in verb.head.children)


def _is_passive(verb: Token) -> bool:
    """ "was accused", and a participle with its agent: "a lawyer accused by MI5 of …"."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)
    )


def _dateline(token: Token) -> bool:
    """True for the place that opens a report before a dash: "Washington — …"."""
    doc = token.doc
    first = token.i == token.sent.start or doc[token.i - 1].is_space
    return first and token.i + 1 < len(doc) and doc[token.i + 1].text in ("—", "–", "-", "--")


def _manner_participle(token: Token) -> bool:
    """True for a participle after "by", "upon", "after", "while" … on a verb: "distanced himself
    by saying …", "drew boos upon saying …" (not "without saying", "from writing")."""
    prep = token.head
    return (
        token.dep_ == "pcomp"
        and token.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.lower_ in MANNER_PREPS
        and prep.head.pos_ in ("VERB", "AUX")
    )


def _subject(verb: Token, adverbial_ok: bool = True) -> Token | None:
    """The verb's subject, inherited through conjunctions ("Dong confirmed … but disputed …").

    A participle clause ("…, it continues, adding …") shares the main clause's
    subject only for speech verbs (``adverbial_ok``); "publishing reports" does not.
    """
    head = verb.head
    if (
        verb.dep_ == "acl"
        and head.i < verb.i
        and (verb.tag_ in FINITE_TAGS or (head.dep_ == "ROOT" and head.pos_ in ("PROPN", "NOUN")))
    ):
        return head  # "Charles Burton, a sinologist, called …" parsed as a clause on "Burton"
    token = verb
    for _ in range(4):
        if _is_passive(token) and token is not verb:
            return None
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if len(subjects) > 1:  # "Washington — Steve Scalise announced": a dateline is no subject
            subjects = [c for c in subjects if not _dateline(c)] or subjects
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and child in subjects:
                if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                    return token.head  # "Barry Gardiner, who told LBC …": the name the clause is on
                return child
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        climbs = ("conj", "xcomp", "advcl") if adverbial_ok else ("conj", "xcomp")
        if token.dep_ in climbs and token.head is not token:
            token = token.head
        elif _manner_participle(token) and adverbial_ok:
            token = token.head.head  # "… by saying he would …": the main clause's subject says it
        else:
            return None
    return None


class Attributor:
    """Finds assertions in one parsed document."""

    def __init__(self, doc: Doc, mentions: list[dict]):
        self.doc = doc
        self.mentions = _Mentions(mentions)
        self.text = doc_text(doc)
        self.quotes = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        self.rules = rules()
        self.verbs: dict[str, str] = self.rules["reporting_verbs"]
        self.sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        self.last_speaker: dict | None = None
        self.document_owner: dict | None = None
        self.last_speaker_sent = -(10**9)
        #: The last source that spoke without a name: ``(sentence index, kind, phrase)``.
        self.last_unnamed: tuple[int, str, str] | None = None
        #: Where each claim's sentence (or quotation) ends, for quotations that continue it.
        self.claim_ends: list[tuple[int, dict]] = []
        self.used_quotes: set[Quote] = set()
        #: Content spans cut around an attribution phrase, with that phrase's characters: its
        #: names (an inverted speaker's employer) are not what was said.
        self.fenced: dict[tuple[int, int], tuple[int, int]] = {}
        self.gender = self._genders()
        self.roles = self._role_index()

    # -- speakers -------------------------------------------------------------------------
    def _genders(self) -> dict[str, str]:
        """The grammatical gender the document gives each person key, where it gives one.

        Evidence: an honorific before a mention ("Mr Braun", "Ms Lee"), a possessive or
        reflexive pronoun in a clause whose subject is the person ("Braun apologised for his
        conduct") or the subject of what the person reports ("Lee said she would appeal"),
        weighed above sentences that name exactly one person and use pronouns of one gender
        only ("Lee said her firm …", where "her" may be someone the sentence does not name).
        A key whose votes disagree is left ungendered (compatible with either pronoun).
        """
        votes: dict[str, Counter] = defaultdict(Counter)
        for m in self.mentions.items:
            if m["type"] != "person":
                continue
            before = self.text[max(0, m["start"] - 8) : m["start"]].split()
            title = (before[-1].lower() if before else "") + " " + m["name"].split()[0].lower()
            for gender, titles in GENDERED_TITLES.items():
                if any(word in titles for word in title.split()):
                    votes[m["key"]][gender] += 2
        for t in self.doc:  # "Braun apologised for his conduct", "Lee said she would appeal"
            if t.lower_ in PRONOUN_GENDER and not self._in_quote(t.idx):
                key = self._bound_person(t)
                if key is not None:
                    votes[key][PRONOUN_GENDER[t.lower_]] += BOUND_VOTES
        people: dict[int, set[str]] = defaultdict(set)  # sentence index → person keys named there
        first: dict[int, int] = {}  # sentence index → where its first person is named
        for m in self.mentions.items:
            if m["type"] == "person" and not self._in_quote(m["start"]):
                people[m["sent_index"]].add(m["key"])
                first.setdefault(m["sent_index"], m["start"])
        for i, sent in enumerate(self.doc.sents):
            if len(people.get(i, ())) != 1:
                continue
            genders = {  # a pronoun before the name is someone else's: "she criticised Ruiz's acts"
                PRONOUN_GENDER[t.lower_]
                for t in sent
                if t.lower_ in PRONOUN_GENDER and not self._in_quote(t.idx) and t.idx > first[i]
            }
            if len(genders) == 1:
                votes[next(iter(people[i]))][genders.pop()] += 1
        return {
            key: count.most_common(1)[0][0]
            for key, count in votes.items()
            if len(count) == 1 or count.most_common(2)[0][1] >= 2 * count.most_common(2)[1][1]
        }

    def _bound_person(self, pronoun: Token) -> str | None:
        """The person key a pronoun is bound to by the parse, if any: the subject of the clause
        a possessive or reflexive sits in, or the speaker of the report whose subject it is."""
        if pronoun.tag_ == "PRP$" or pronoun.lower_ in ("himself", "herself"):
            node = pronoun.head  # up to the verb of the pronoun's own clause
            while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
                node = node.head
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.i > pronoun.i:
                return None
            between = self.mentions.within(subject.idx + len(subject.text), pronoun.idx)
            if any(m["type"] == "person" for m in between):
                return None  # "Rubiales kissed Hermoso on her cheek": her is Hermoso's
        elif pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "ccomp":
            report = pronoun.head.head
            if report.lemma_ not in self.verbs:
                return None
            subject = next((c for c in report.children if c.dep_ == "nsubj"), None)
        else:
            return None
        if subject is None:
            return None
        m = self.mentions.at(subject.idx)
        return m["key"] if m is not None and m["type"] == "person" else None

    @staticmethod
    def _anaphoric(head: Token) -> bool:
        """ "the Labour MP", "the minister": one person named before, not a new one."""
        definite = any(c.lower_ == "the" and c.dep_ == "det" for c in head.children)
        return head.tag_ in ("NN", "NNP") and definite

    def _role_owner(self, role: Token) -> str | None:
        """Whose role it is: "Kaili's lawyer", "Microsoft president", "the lawyer for Tarabella"."""
        for c in role.children:
            if c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ in ("for", "of", "at")):
                for t in c.subtree if c.dep_ == "prep" else [c]:
                    m = self.mentions.at(t.idx)
                    if m is not None:
                        return m["key"]
        return None

    def _role_index(self) -> list[tuple[str, str, str | None]]:
        """``(role noun, person key, owner key)`` for every person the text names with a role:
        "Kaili's Brussels lawyer, Andre Risopoulos", "Microsoft president Brad Smith"."""
        found = []
        for t in self.doc:
            if t.pos_ != "NOUN" and t.lower_ not in TITLE_NOUNS:
                continue
            if t.lemma_.lower() not in ROLE_NOUNS:
                continue
            m = self._appositive_person(t)
            if m is None and t.dep_ in ("appos", "compound") and t.head.pos_ == "PROPN":
                m = self.mentions.at(t.head.idx)
            if m is not None and m["type"] == "person":
                found.append((t.lemma_.lower(), m["key"], self._role_owner(t)))
        return found

    def _appositive_person(self, role: Token) -> dict | None:
        """The person set beside a role noun by apposition, wherever the parser hung it
        ("Kaili's lawyer in Athens, Michalis Dimitrakopoulos": on "Athens")."""
        for t in role.subtree:
            if t.dep_ != "appos":
                continue
            m = self.mentions.at(t.idx)
            on = self.mentions.at(t.head.idx) if t.head is not role else None
            if m is not None and m["type"] == "person" and (on is None or on["type"] != "person"):
                return m
        return None

    def _holder(self, role: Token) -> dict | None:
        """The one person the document names with this role (and owner, if given), if just one:
        "her lawyer said" once "Kaili's Brussels lawyer, Andre Risopoulos" is named."""
        if role.tag_ not in ("NN", "NNP"):
            return None  # "lawyers", "officials": a group
        if any(c.lower_ in ("a", "an", "another", "one") for c in role.children):
            return None  # "a senior officer at the council": someone not named
        owner = self._role_owner(role)
        lemma = role.lemma_.lower()
        # "Switzerland's finance minister" is the minister named without an owner ("Swiss Finance
        # Minister Karin Keller-Sutter"): a country owns its ministers, a company its officers
        place = owner is not None and (self.mentions.at_key(owner) or {}).get("type") == "place"
        held = {
            p
            for r, p, o in self.roles
            if r == lemma and (owner is None or o == owner or (o is None and place))
        }
        if owner is None:
            possessive = next((c.lower_ for c in role.children if c.dep_ == "poss" and c.pos_ == "PRON"), "")
            held = {p for p in held if possessive in ("", "his", "her", "its", "their")}
        if len(held) != 1:
            return None
        return self.mentions.at_key(next(iter(held)))

    def _in_quote(self, char: int) -> bool:
        """True when ``char`` lies inside a quotation (quotations do not overlap: a bisect)."""
        i = bisect_right(self.quote_starts, char) - 1
        return i >= 0 and self.quotes[i].contains(char)

    def _agrees(self, mention: dict | None, pronoun: str) -> bool:
        """True when ``mention`` is a person ``pronoun`` can stand for (an ungendered one can)."""
        if mention is None or mention["type"] != "person":
            return False
        gender = self.gender.get(mention["key"])
        return gender is None or not pronoun or pronoun in GENDERED_PRONOUNS[gender]

    def _owned_mentions(self, head: Token) -> list[dict]:
        """Mentions that modify ``head`` (compound, possessive, appositive), not clauses on it.

        "A document reviewed by The Bureau" is not The Bureau's document, so
        mentions inside relative and participle clauses are left out.
        """
        found: list[dict] = []
        authored = (
            head.lemma_.lower() in self.rules["document_nouns"]
            or head.lemma_.lower() in self.rules["role_nouns"]
            or head.lower_ in ("researchers", "analysts", "officials")
        )
        skip = {
            t.i
            for c in head.children
            if c.dep_ in ("acl", "relcl", "prep")
            and not (authored and c.lower_ in ("by", "from", "of", "at"))
            for t in c.subtree
        }
        for t in head.subtree:
            if t.i in skip:
                continue
            m = self.mentions.at(t.idx)
            if m is not None and m not in found:
                found.append(m)
        return found

    def _speaker_from_noun(self, head: Token) -> tuple[dict | None, dict | None]:
        """Speaker and affiliation for a subject noun phrase."""
        found = self.mentions.at(head.idx)
        inside = self._owned_mentions(head)
        if found is not None:
            affiliation = next((m for m in inside if m["key"] != found["key"]), None)
            return found, affiliation
        lemma = head.lemma_.lower()
        people = [m for m in inside if m["type"] == "person"]
        others = [m for m in inside if m["type"] in ("agency", "outlet", "organization")]
        appositive = [
            self.mentions.at(c.idx) for c in head.children if c.dep_ == "appos" and self.mentions.at(c.idx)
        ]
        if appositive:  # "Canada’s public broadcaster, CBC, explained"
            return appositive[0], None
        if lemma in ROLE_NOUNS:
            person = self._appositive_person(head)
            if person is not None:  # "Kaili's lawyer in Athens, Michalis Dimitrakopoulos, insisted"
                return person, others[0] if others else None
        for child in head.children:  # "The September 13 analysis by RRM Canada says"
            if child.dep_ == "appos" and child.lemma_.lower() in self.rules["document_nouns"]:
                return self._speaker_from_noun(child)
        if lemma in self.rules["role_nouns"] and lemma not in ANONYMOUS_ROLES:
            if people and lemma not in COUNSEL:  # "Braun's lawyers" speak for him, not as him
                return people[0], others[0] if others else None
            holder = self._holder(head)
            if holder is not None:  # "Microsoft's president said", "her lawyer said"
                return holder, others[0] if others else None
            if not people and lemma not in COUNSEL and self._anaphoric(head):
                # "Mr Gardiner received … The Labour MP said": the person just named
                person = self._titled(head) or self._previous_subject(head)
                if person is not None:
                    return person, others[0] if others else None
            if others:
                return others[0], None
        elif lemma in SOURCE_NOUNS and lemma not in ANONYMOUS_ROLES and others and not people:
            return others[0], None  # "CSIS investigators said", "BaFin officials said"
        if lemma in self.rules["document_nouns"] and others:
            return others[0], None
        if lemma in self.rules["document_nouns"] and not inside:
            return self._speaker_from_reference(head), None
        return None, None

    def _speaker_from_reference(self, token: Token) -> dict | None:
        """Resolve "he", "she", "it", "they" (or "his", "her", "its", "their": "his claims that …")
        or "the agency" to an entity."""
        lower = POSSESSIVE_PRONOUNS.get(token.lower_, token.lower_) if token.tag_ == "PRP$" else token.lower_
        sent = self.sent_index.get(token.sent.start, 0)
        recent = self.last_speaker if sent - self.last_speaker_sent <= PRONOUN_WINDOW else None
        if lower in PERSON_PRONOUNS:
            if token.tag_ == "PRP$":  # "a suit against Olberg over his claims": the nearest person
                sent = token.sent
                near = self.mentions.before_matching(
                    token.idx, lambda m: m["start"] >= sent.start_char and self._agrees(m, lower)
                )
                if near is not None:
                    return near
            if self._parenthetical(token.head):  # "Mr Omtzigt pulled out after …, he said, …"
                own = _subject(token.sent.root)
                named = self.mentions.at(own.idx) if own is not None and own.i < token.i else None
                if self._agrees(named, lower):
                    return named
            previous = self._previous_subject(token)
            if self._agrees(previous, lower):
                return previous
            if self._agrees(recent, lower):
                return recent
            # the nearest person the text has given this gender, else the nearest ungendered one
            gendered = self.mentions.before_matching(
                token.idx, lambda m: self._agrees(m, lower) and m["key"] in self.gender
            )
            return gendered or self.mentions.before_matching(token.idx, lambda m: self._agrees(m, lower))
        if lower in GROUP_PRONOUNS:
            if recent is not None and recent["type"] != "person":
                return recent
            if lower == "it" and recent is not None and self.document_owner is not None:
                return self.document_owner
            return self._previous_subject(token, ORG_TYPES)  # "The Civic Union met. It said …"
        definite = any(c.lower_ == "the" for c in token.children)
        titled = self._titled(token) if definite else None
        if titled is not None:
            return titled
        for kind, nouns in self.rules["reference_nouns"].items():
            if token.lemma_.lower() in nouns and definite:
                named = self.mentions.before_matching(  # "the Board" → "European Data Protection Board"
                    token.idx, lambda m: token.lemma_.lower() in m["key"].lower().split()
                )
                return named or self.mentions.before(token.idx, frozenset({kind}))
        determined = any(c.lower_ in ("the", "this", "that") for c in token.children)
        if token.lemma_.lower() in self.rules["document_nouns"] and determined:
            return self.document_owner  # "the document says": the last named document's author
        return None

    def _titled(self, token: Token) -> dict | None:
        """ "said the Minister": the last person named with that title."""
        if token.lower_ not in TITLE_NOUNS:
            return None

        def titled(m: dict) -> bool:
            if m["type"] != "person":
                return False
            if token.lower_ in (m.get("role") or "").lower().split():
                return True
            # the capitalised words just before the name: "Minister of Justice Dr. Teresa Albuquerque"
            line_start = self.text.rfind("\n", 0, m["start"]) + 1
            words = self.text[line_start : m["start"]].split()[-5:]
            while words and (words[-1][:1].isupper() or words[-1] in ("of", "for", "the", "and")):
                if words.pop().lower() == token.lower_:
                    return True
            return False

        return self.mentions.before_matching(token.idx, titled)

    def _previous_subject(self, token: Token, types: frozenset[str] = frozenset({"person"})) -> dict | None:
        """The person (or entity of ``types``) who is the main subject of the sentence before
        ``token``'s ("The Civic Union met on Monday. It said …").

        "Justin Trudeau defended his caucus member. “…,” he said." — the
        previous sentence's subject is who "he" most likely is.
        """
        sent = token.sent
        if sent.start == 0:
            return None
        previous = self.doc[sent.start - 1].sent
        if any(q.start <= previous.start_char and previous.end_char <= q.end for q in self.quotes):
            return None  # the previous sentence is itself a quotation
        subject = _subject(previous.root)
        if subject is None:
            return None
        m = self.mentions.at(subject.idx)
        return m if m is not None and m["type"] in types else None

    def _named_by_surname(self, token: Token) -> dict | None:
        """A capitalised subject the model left untagged that is the surname of the person the
        document names with it ("Johnson said" after "Secretary Jeh Johnson"). Of two people
        with that surname, only one mentioned at least three times as often as the other is
        meant ("Clinton" in a story about Hillary Clinton that names Bill Clinton once)."""
        word = token.text
        if not word[:1].isupper() or len(word) < 2 or token.lower_ in TITLE_NOUNS:
            return None
        key = match_key(word)
        people = Counter(
            m["key"]
            for m in self.mentions.items
            if m["type"] == "person" and match_key(m["key"]).split()[-1:] == [key]
        )
        ranked = people.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] < SURNAME_DOMINANCE * ranked[1][1]):
            return None
        return self.mentions.at_key(ranked[0][0])

    def speaker(self, subject: Token) -> tuple[dict | None, dict | None]:
        """The entity behind a subject token, with its affiliation if a role phrase gave one."""
        found, affiliation = self._speaker_from_noun(subject)
        if found is None and subject.pos_ in ("PRON", "NOUN"):
            found = self._speaker_from_reference(subject)
        if found is None and subject.pos_ in ("PROPN", "NOUN") and not self._owned_mentions(subject):
            found = self._named_by_surname(subject)
        if found is not None and found["type"] not in SPEAKER_TYPES:
            return None, None
        return found, affiliation

    # -- content --------------------------------------------------------------------------
    def _quotes_for(self, verb: Token) -> list[Quote]:
        sent = verb.sent
        inside = [q for q in self.quotes if q.start < sent.end_char and q.end > sent.start_char]
        if not inside and sent.text.rstrip().endswith(":"):
            inside = [q for q in self.quotes if 0 <= q.start - sent.end_char <= 3][:1]
        if not inside and self._bare_report(verb):  # “…,” ¶ split off by the parser: Trump said.
            inside = [
                q
                for q in self.quotes
                if 0 <= sent.start_char - q.end <= 2 and not self._attributed(q) and q not in self.used_quotes
            ]
        if not inside and self._bare_report(verb):  # Lau said in a statement. “There are no …”
            inside = [
                q
                for q in self.quotes
                if 0 <= q.start - sent.end_char <= 3 and not self._attributed(q) and q not in self.used_quotes
            ][:1]
        if not inside:
            return []
        result = list(inside)
        end = max(result[-1].end, sent.end_char)
        for q in self.quotes:  # "…,” he said. “And …”: a continuation with no speaker of its own
            if q.start >= end and not self.text[end : q.start].strip() and not self._attributed(q):
                result.append(q)
                end = q.end
            elif q.start >= end:
                break
        return result

    @staticmethod
    def _bare_report(verb: Token) -> bool:
        """True for a sentence that is only an attribution: "Trump said.", "he told the crowd.",
        "Sam Lau, the party's communications director, said in a statement." (the subject's words
        are not counted; the object of "told" is who was told, not what)."""
        sent = verb.sent
        who = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
        words = [t for t in sent if not t.is_punct and not t.is_space and t.i not in who]
        said = (
            (*CONTENT_DEPS, "xcomp") if verb.lemma_ in ADDRESSEE_VERBS else (*CONTENT_DEPS, "xcomp", "dobj")
        )
        own = {t.i for t in verb.subtree}
        if any(t.i not in own for t in words):
            return False  # "The union, he said, could not …": the sentence says more than who spoke
        return len(words) <= BARE_REPORT_WORDS and not any(c.dep_ in said for c in verb.children)

    def _attributed(self, quote: Quote) -> bool:
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return False
        for sent in {t.sent for t in span}:
            for t in sent:
                if t.lemma_ in self.verbs and not quote.contains(t.idx) and t.pos_ == "VERB":
                    return True
        return False

    def content(self, verb: Token, stance: str) -> tuple[int, int, str, list[Quote]] | None:
        """Character span and kind of what the verb reports, or ``None``."""
        quotes = [q for q in self._quotes_for(verb) if not q.contains(verb.idx)]
        if quotes:
            start, end = quotes[0].start, quotes[-1].end
            around = self._clause_around(verb, stance, start, end)
            if around is not None:  # "Lee said the board's plan was “a mistake”": the clause counts
                start, end = min(start, around[0]), max(end, around[1])
            return start, end, "quote", quotes
        if verb.lemma_ in self.rules["quote_only_verbs"]:
            return None
        clauses = [
            c
            for c in verb.children
            if (c.dep_ in CONTENT_DEPS and not self._is_inverted_attribution(c, verb))
            or (c.dep_ == "xcomp" and verb.lemma_ in XCOMP_VERBS)
        ]
        clauses += self._listed_infinitives(verb, clauses)
        if not clauses and verb.lemma_ in XCOMP_VERBS:  # "admitted to having given €120,000 to …"
            clauses = [
                c
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pcomp" for g in c.children)
            ]
        if not clauses and (stance in OBJECT_CONTENT_STANCES or verb.lemma_ in self.rules["object_verbs"]):
            clauses = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
            # "accusing Lee of facilitating donations": what she is accused of goes with her
            clauses += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" and clauses]
        if not clauses and _is_passive(verb) and any(c.dep_ == "agent" for c in verb.children):
            # "Dragan is accused by the Justice Department of laundering …"
            clauses = [c for c in verb.children if c.dep_ in ("nsubjpass", "prep")]
        as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        inverted = verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i
        # "… that Kestrel had ruled out more funding" is reported, not an inverted attribution
        inverted = inverted and not any(c.dep_ == "mark" for c in verb.children)
        trailing = inverted or self._parenthetical(verb)
        if not clauses and (as_clause or trailing) and verb.head is not verb:
            # "Chinese agents moderated their support, the CSIS report says": the head clause
            own = {t.i for t in verb.subtree}
            tokens = [t for t in verb.head.subtree if t.i not in own and not t.is_punct]
            if tokens:
                return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), "indirect", []
        if not clauses:
            clauses = self._that_clause(verb)
        if not clauses and (block := self._colon_block(verb)) is not None:
            return block
        fenced = self._fenced_report(verb) if not clauses else None
        if fenced is not None:
            return fenced
        if not clauses:  # "China’s support was refined across Canada, the document adds"
            clauses = [
                c
                for c in verb.children
                if c.i < verb.i
                and c.dep_ in ("advcl", "ccomp", "parataxis")
                and c.pos_ in ("VERB", "AUX")
                and verb.doc[c.right_edge.i + 1].text == ","
            ]
        if not clauses:
            return None
        tokens = [t for c in clauses for t in c.subtree]
        if all(t.pos_ in ("PRON", "PUNCT", "DET") for t in tokens):
            return None  # "CSIS reported that": nothing is said about anyone
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        return start, end, "indirect", []

    def _clause_around(self, verb: Token, stance: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of the verb's own complement clause when it holds part of the quotation
        (a quoted fragment inside what was reported), else ``None``."""
        clauses = [
            c
            for c in verb.children
            if (c.dep_ in CONTENT_DEPS and not self._is_inverted_attribution(c, verb))
            or (c.dep_ == "xcomp" and verb.lemma_ in XCOMP_VERBS)
            or (c.dep_ in ("dobj", "oprd") and stance in OBJECT_CONTENT_STANCES)
        ] or self._that_clause(verb)
        tokens = [t for c in clauses for t in c.subtree if t.sent == verb.sent and not t.is_punct]
        if not tokens:
            return None
        left, right = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return (left, right) if left < end and start < right else None

    @staticmethod
    def _listed_infinitives(verb: Token, clauses: list[Token]) -> list[Token]:
        """ "vowed to halt immigration, slash payments and block …": bare verbs after the
        infinitive that the parser coordinated with the reporting verb continue the list."""
        xcomps = [c for c in clauses if c.dep_ == "xcomp"]
        if not xcomps:
            return []
        return [
            c
            for c in verb.children
            if c.dep_ == "conj"
            and c.tag_ == "VB"
            and c.i > xcomps[-1].i
            and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)
        ]

    def _colon_block(self, verb: Token) -> tuple[int, int, str, list[Quote]] | None:
        """ "Hewitt writes:", "CNN noted the sparse attendance:" ending a paragraph: the next
        paragraph is what was written or said (a block quotation without marks)."""
        sent = verb.sent
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if last is None or last.text != ":" or last.i < verb.i or self._in_quote(verb.idx):
            return None
        line_end = self.text.find("\n", last.idx)
        if line_end == -1 or self.text[last.idx + 1 : line_end].strip():
            return None  # the colon does not end its paragraph
        start = line_end
        while start < len(self.text) and self.text[start].isspace():
            start += 1
        end = self.text.find("\n", start)
        end = len(self.text) if end == -1 else end
        block = self.text[start:end].rstrip()
        if len(block.split()) < MIN_QUOTE_WORDS:
            return None
        return start, start + len(block), "quote", []

    def _fenced_report(self, verb: Token) -> tuple[int, int, str, list[Quote]] | None:
        """What an attribution phrase set off by punctuation reports, however the parser hung
        the clauses around it: "If rates rise, Mr. Holt argued, lenders would suffer", "In both
        cases, Holt said, the donations paid for …", "Sales fell, his aide, Ann Holt, told The
        Journal.", "…, said Ann Holt, a director at Kestrel, the bank wants …".

        The phrase is the verb, its subject and its adverbials ("on Tuesday in a statement"),
        up to the first mark after the verb (and an appositive after an inverted subject); it
        must be fenced by marks or stand at the sentence's start or end. What the sentence
        holds outside the phrase is the content, when a clause with a verb is among it and no
        other source reports it. Only verbs used parenthetically (``parenthetical_verbs``: "said",
        "argued", not "agreed") count."""
        doc, sent = verb.doc, verb.sent
        if self._in_quote(verb.idx) or verb.lemma_ not in self.rules["parenthetical_verbs"]:
            return None
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not self._in_quote(c.idx)]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        start = subject.left_edge.i if subject.i < verb.i else verb.i
        if any(t.tag_ in FINITE_TAGS and t.i != verb.i for t in doc[start : verb.i]):
            return None  # a clause between the subject and the verb: not a bare phrase
        end = verb.i
        while end + 1 < sent.end and doc[end + 1].text not in FENCE_MARKS:
            t = doc[end + 1]
            node = t  # each token must hang from the verb through phrase words only
            while node.head.i != verb.i and node.head.i != node.i and node.head.i > verb.i:
                node = node.head
            allowed = PHRASE_DEPS | ({"dobj"} if verb.lemma_ in ADDRESSEE_VERBS else frozenset())
            stray = node.head.i != verb.i or node.dep_ not in allowed or t.pos_ in ("VERB", "AUX")
            if stray and not (t.is_punct and t.i == sent.end - 1):
                return None
            end += 1
        if any(
            verb.i < c.i <= end and c.right_edge.i > end and not c.is_punct and c.i != subject.i
            for c in verb.children
        ):
            return None  # the mark falls inside a phrase word's constituent: not the phrase's end
        if subject.i > verb.i and end + 1 < sent.end:  # "said Ann Holt, a director at Kestrel, …"
            after = doc[end + 2 : sent.end]
            mark = next((t.i for t in after if t.text in FENCE_MARKS), None)
            if mark is not None and not any(t.pos_ in ("VERB", "AUX") for t in doc[end + 2 : mark]):
                end = mark - 1
        first = next((t.i for t in sent if not (t.is_punct or t.is_space)), sent.start)
        fenced_left = start == first or (start > sent.start and doc[start - 1].text in FENCE_MARKS)
        if not fenced_left or subject.i < start or subject.i > end:
            return None
        kept = [
            t
            for t in sent
            if (t.i < start - 1 or t.i > end + 1 or (t.i == start - 1 and start == first))
            and not (t.is_punct or t.is_space)
        ]
        after = [t for t in kept if t.i > end]
        if after and after[0].dep_ == "cc":
            return None  # "Holt defended the plan, and the firm grew": a coordination
        clause = [t for t in kept if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" and t.dep_ != "prep"]
        if not clause or len(kept) < 3:  # "According to a release, …" is not a clause
            return None
        if any(t.lemma_ in self.verbs and any(c.dep_ in SUBJECT_DEPS for c in t.children) for t in kept):
            return None  # "…, The Journal reported, …": the rest is another source's report
        self.fenced[(kept[0].idx, kept[-1].idx + len(kept[-1].text))] = (doc[start].idx, doc[end].idx)
        return kept[0].idx, kept[-1].idx + len(kept[-1].text), "indirect", []

    @staticmethod
    def _parenthetical(verb: Token) -> bool:
        """ "The NSC, he said, could not …": a comma-fenced report inside what it reports."""
        doc = verb.doc
        left, right = verb.left_edge.i, verb.right_edge.i
        if verb.dep_ != "parataxis" or right + 1 >= len(doc):
            return False
        fenced_outside = left > 0 and doc[left - 1].text == "," and doc[right + 1].text == ","
        fenced_inside = doc[left].text == "," and doc[right].text == ","
        return fenced_outside or fenced_inside

    def _is_inverted_attribution(self, clause: Token, verb: Token) -> bool:
        """ "…agreed to terms, The Journal reported": the trailing clause is a source, not content."""
        if clause.lemma_ not in self.verbs or clause.i < verb.i:
            return False
        edge = clause.left_edge
        while edge.is_space or (edge.is_punct and edge.i < clause.i):
            if edge.text in INVERSION_MARKS:
                return True
            edge = clause.doc[edge.i + 1]
        before = clause.doc[edge.i - 1] if edge.i > 0 else None
        return parataxis_like(clause) or (before is not None and before.text in INVERSION_MARKS)

    @staticmethod
    def _that_clause(verb: Token) -> list[Token]:
        """A "that" clause the parser hung elsewhere: "wrote in an announcement that …"."""
        for t in verb.subtree:
            if (
                t.i > verb.i
                and t.dep_ == "mark"
                and t.lower_ == "that"
                and t.head.pos_ in ("VERB", "AUX", "ADJ")
            ):
                return [t.head]
        return []

    # -- assertions -----------------------------------------------------------------------
    def _record(
        self,
        speaker: dict | None,
        affiliation: dict | None,
        verb: str,
        stance: str,
        span: tuple[int, int, str, list[Quote]],
        sent: Span,
        subject_text: str,
        speaker_kind: str = "named",
    ) -> dict:
        """One assertion; ``speaker`` is ``None`` for an unnamed source or a group, whose
        ``subject_text`` is the phrase that describes it."""
        start, end, kind, quotes = span
        text = " … ".join(self.text[q.start : q.end] for q in quotes) if quotes else (self.text[start:end])
        own = speaker["key"] if speaker else None
        targets: list[str] = []
        phrase = self.fenced.get((start, end), (0, -1))
        for m in self._targets_in(start, end):
            if phrase[0] <= m["start"] <= phrase[1]:
                continue
            if m["key"] != own and m["key"] not in targets:
                targets.append(m["key"])
        sent_i = self.sent_index.get(sent.start, 0)
        if speaker is not None:
            self.last_speaker, self.last_speaker_sent = speaker, sent_i
        else:
            self.last_unnamed = (sent_i, speaker_kind, subject_text)
        self.used_quotes.update(quotes)
        record = {
            "speaker_kind": speaker_kind,
            "speaker": own or "",
            "speaker_type": speaker["type"] if speaker else "",
            "verb": verb,
            "stance": stance,
            "quote": text.strip(),
            "targets": targets,
            "sent_index": sent_i,
            "sentence": sent.text.strip(),
            "kind": kind,
            "speaker_text": subject_text,
            "affiliation": affiliation["key"] if affiliation else None,
        }
        self.claim_ends.append((max(sent.end_char, end if quotes else 0), record))
        return record

    def _targets_in(self, start: int, end: int) -> list[dict]:
        """The entities a span names, in reading order: its mentions, and the definite short
        forms the document's own names resolve ("the federation" after "Royal Kestrel Football
        Federation", "the council" after "Federal Council")."""
        found = self.mentions.within(start, end)
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return found
        for t in span:
            if t.pos_ != "NOUN" or t.tag_ != "NN" or self.mentions.at(t.idx) is not None:
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
                continue
            m = self._named_by_head(t)
            if m is not None:
                found.append({**m, "start": t.idx})
        return sorted(found, key=lambda m: m["start"])

    def _named_by_head(self, noun: Token) -> dict | None:
        """The entity named last before ``noun`` whose name ends in that noun, when it is not a
        person or place: "the federation" → "Royal Kestrel Football Federation"."""
        word = noun.lower_

        def ends_in(m: dict) -> bool:
            words = m["key"].lower().split()
            return m["type"] in ORG_TYPES and len(words) > 1 and words[-1] == word

        return self.mentions.before_matching(noun.idx, ends_in)

    def _continued_quotes(self) -> list[dict]:
        """Quotations with no speaker of their own.

        One followed by a credit line ("— Dr. Sofia Lindgren, research director") is the
        credited person's: a new claim. One that follows a claim with nothing but a paragraph
        break between (“The NSC, he said, could not …” ¶ “You do not build on sand.”) continues
        it: the claim's quote and targets grow.
        """
        found: list[dict] = []
        headings = set(self.doc._.linkchart_headings or ())
        for quote in self.quotes:
            if quote in self.used_quotes or self._attributed(quote):
                continue
            span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is None:
                continue
            credited, credit_line = self._credit_after(quote)
            if credited is not None:
                whole = (quote.start, quote.end, "quote", [quote])
                record = self._record(credited, None, "say", "states", whole, span[0].sent, credited["name"])
                record["sentence"] += "\n" + credit_line  # the evidence names who said it
                found.append(record)
                continue
            ends = [
                (e, r) for e, r in self.claim_ends if e <= quote.start and r["sent_index"] not in headings
            ]
            if not ends:
                continue
            last = max(e for e, _ in ends)
            claim = next(r for e, r in ends if e == last)  # the outermost claim that ends there
            if self.text[last : quote.start].strip() or not claim["speaker"]:
                continue
            claim["quote"] += " … " + self.text[quote.start : quote.end]
            for m in self._targets_in(quote.start, quote.end):
                if m["key"] != claim["speaker"] and m["key"] not in claim["targets"]:
                    claim["targets"].append(m["key"])
            self.used_quotes.add(quote)
            self.claim_ends.append((quote.end, claim))
        return found

    def _credit_after(self, quote: Quote) -> tuple[dict | None, str]:
        """The person a line like "— Dr. Sofia Lindgren, NIDD research director" right after
        ``quote`` credits, and that line; ``(None, "")`` if there is none."""
        rest = self.text[quote.end :]
        line_break = len(rest) - len(rest.lstrip())
        if "\n" not in rest[:line_break] or rest.lstrip()[:1] not in ("—", "–", "-"):
            return None, ""
        line_start = quote.end + line_break
        line_end = self.text.find("\n", line_start)
        line_end = len(self.text) if line_end == -1 else line_end
        people = [m for m in self.mentions.within(line_start, line_end) if m["type"] == "person"]
        return (people[0], self.text[line_start:line_end].strip()) if people else (None, "")

    def _according_to(self, token: Token) -> dict | None:
        """ "…, according to X." → X reports the rest of the sentence."""
        to = next((c for c in token.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if obj is None:
            return None
        speaker, affiliation = self.speaker(obj)
        owned = speaker is None
        if owned:  # "according to Axelrod's memoir", "… a CNN tally", "… a count by AP"
            speaker = self._cited_owner(obj)
        unnamed = self._cited_source(obj) if speaker is None else None
        if speaker is None and unnamed is None:
            return None
        sent = token.sent
        skip = {t.i for t in token.subtree}
        kept = [t for t in sent if t.i not in skip and not (t.is_punct or t.is_space)]
        if not kept:
            return None
        span = (kept[0].idx, kept[-1].idx + len(kept[-1].text), "indirect", [])
        in_quotes = [q for q in self._quotes_for(token) if q.start >= sent.start_char]
        if in_quotes:
            span = (span[0], span[1], "quote", [])
        if unnamed is not None:
            kind, phrase = unnamed
            return self._record(None, None, "according to", "reports", span, sent, phrase, kind)
        last = (self.last_speaker, self.last_speaker_sent)
        record = self._record(speaker, affiliation, "according to", "reports", span, sent, obj.text)
        if owned:  # the author of a cited memoir or tally is not who "he" or "she" goes on to be
            self.last_speaker, self.last_speaker_sent = last
        return record

    def _cited_owner(self, obj: Token) -> dict | None:
        """Who owns what "according to" cites, when it is a thing: the speaker named as its
        possessor or modifier ("Axelrod's memoir", "the RealClearPolitics average") or after
        "by", "from" or "in" ("a count by The Associated Press", "an article in Politico")."""
        if obj.pos_ not in ("NOUN", "PROPN") or self._in_quote(obj.idx) or obj.lemma_.lower() in NORM_NOUNS:
            return None
        owners = [c for c in obj.children if c.dep_ in ("poss", "compound") and c.i < obj.i]
        owners += [
            g
            for c in obj.children
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "in")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for owner in owners:  # the owner itself before names inside it ("DAZN's Alex Ibaceta")
            for t in sorted(owner.subtree, key=lambda t: t.i != owner.i):
                m = self.mentions.at(t.idx)
                if m is not None and m["type"] in SPEAKER_TYPES:
                    return m
        return None

    def _cited_source(self, obj: Token) -> tuple[str, str] | None:
        """``(kind, phrase)`` for what "according to" cites when it names no entity: people
        ("Democratic officials", "the officer in charge of the base") or a poll ("exit polls").
        Records an article cites ("a copy of the letter", "House rules") are left out."""
        if obj.pos_ != "NOUN" or self._in_quote(obj.idx):
            return None
        return self._unnamed_source(obj)

    def _subject_after_quote(self, verb: Token) -> Token | None:
        """“…,” CSIS reported: the name between a closing quote and the verb is the speaker,
        whatever the parser attached it to."""
        doc, i = self.doc, verb.i - 1
        between: list[Token] = []
        while (
            i >= 0
            and doc[i].text not in QUOTE_CLOSERS
            and doc[i].text != ","
            and len(between) < MAX_SPEAKER_TOKENS
        ):
            between.insert(0, doc[i])
            i -= 1
        if i < 0 or not between:
            return None
        closed = doc[i].text in QUOTE_CLOSERS or (
            i > 0 and doc[i].text == "," and doc[i - 1].text in QUOTE_CLOSERS
        )
        if not closed or "\n" in self.text[doc[i].idx : verb.idx]:
            return None  # a quotation that ends a paragraph does not name the next one's speaker
        named = [t for t in between if self.mentions.at(t.idx) is not None]
        if named:
            owner = named[-1]
            if owner.dep_ == "poss" and owner.head in between:
                return owner.head  # “…,” Kaili's lawyers said: the lawyers speak
            return owner
        pronouns = [t for t in between if t.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS]
        return pronouns[-1] if len(between) == 1 and pronouns else None

    def _nominal_cue(self, noun: Token) -> dict | None:
        """ "Sanders's argument that superdelegates should switch", "his promise to be neutral",
        "a warning from the regulator that ...": a claim noun whose owner speaks and whose
        "that" clause or infinitive is what was said."""
        if self._in_quote(noun.idx):
            return None
        # no denial check: a claim someone rejects was still made ("rejected Collins's claim that …")
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if owner is None:
            return None
        clauses = [
            c
            for c in noun.children
            if c.i > noun.i
            and c.dep_ in ("acl", "ccomp")
            and c.pos_ in ("VERB", "AUX")
            and any(
                (m.dep_ == "mark" and m.lower_ == "that")
                or (m.dep_ == "aux" and m.lower_ == "to" and noun.lemma_.lower() in INFINITIVE_NOUNS)
                for m in c.children
            )
        ]
        if not clauses:
            return None
        speaker, affiliation = self.speaker(owner)
        unnamed = self._unnamed_source(owner) if speaker is None else None
        if speaker is None and unnamed is None:
            return None
        tokens = [t for c in clauses for t in c.subtree if not t.is_punct]
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), "indirect", [])
        lemma, sent = noun.lemma_.lower(), noun.sent
        if unnamed is not None:
            kind, phrase = unnamed
            return self._record(None, None, lemma, NOMINAL_CUES[lemma], span, sent, phrase, kind)
        return self._record(speaker, affiliation, lemma, NOMINAL_CUES[lemma], span, sent, owner.text)

    def _continued_source(self, pronoun: Token) -> tuple[str, str] | None:
        """ "A senior banker said … He added …": a pronoun right after a source that spoke
        without a name, with no named speaker since, continues that source (a singular one
        for "he"/"she"), rather than going to a person named earlier."""
        lower = pronoun.lower_
        if lower not in (*PERSON_PRONOUNS, "they") or self.last_unnamed is None:
            return None
        sent_i, kind, phrase = self.last_unnamed
        here = self.sent_index.get(pronoun.sent.start, 0)
        if not 0 <= here - sent_i <= 1 or self.last_speaker_sent >= sent_i:
            return None
        if lower in PERSON_PRONOUNS and kind != "unnamed":
            return None
        return kind, phrase

    def _they_antecedent(self, they: Token) -> tuple[dict | None, tuple[str, str] | None]:
        """Who "they" are when no entity spoke just before: the nearest plural subject before
        it, in its sentence or the one before, that can speak ("Supporters have urged Congress
        to keep the program, although they say ..."): an entity, or a group source."""
        sent = they.sent
        previous = self.doc[sent.start - 1].sent if sent.start > 0 else None
        tokens = [t for t in sent if t.i < they.i] + (list(previous) if previous is not None else [])
        tokens.sort(key=lambda t: -t.i)
        for t in tokens:
            if t.dep_ not in ("nsubj", "nsubjpass") or t.tag_ not in ("NNS", "NNPS") or self._in_quote(t.idx):
                continue
            m = self.mentions.at(t.idx)
            if m is not None:
                return (m, None) if m["type"] in SPEAKER_TYPES else (None, None)
            return None, self._unnamed_source(t)
        return None, None

    def _subject_outside_quotes(self, verb: Token) -> Token | None:
        """ "“… it will at some point,” said James Acton": a verb outside the quotation is not
        spoken by a subject inside it; its other subject (after it, inverted) speaks."""
        return next(
            (c for c in verb.children if c.dep_ in SUBJECT_DEPS and not self._in_quote(c.idx)),
            None,
        )

    def _inside_denial(self, token: Token) -> bool:
        """True when the verb sits in what another verb denies or negates, or in a question.

        "Dong denied that he advised …", "CSIS deliberated whether … he believed …".
        """
        for node in (token, *token.ancestors):
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in node.children):
                return True
        node = token
        while node.head.i != node.i:
            ancestor, coordinated = node.head, node.dep_ == "conj"
            node = ancestor
            if coordinated:
                continue  # "denied any wrongdoing and said he would appeal": said beside, not inside
            lemma = ancestor.lemma_
            if lemma in self.verbs and (self.verbs[lemma] == "denies" or _is_negated(ancestor)):
                return True
        return False

    def _note_document_owner(self, token: Token) -> None:
        """Remember who wrote the last named document ("the June 2019 CSIS report", "Juventus
        issued a statement")."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.rules["document_nouns"]:
            return
        by = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
        candidates = [t for t in token.subtree if t.i < token.i] + [
            t for prep in by for t in prep.subtree if t.dep_ == "pobj" or t.head.dep_ == "pobj"
        ]
        if token.dep_ == "dobj":  # "Juventus issued a statement": the subject of its verb
            candidates += [c for c in token.head.children if c.dep_ == "nsubj"]
        for t in candidates:
            m = self.mentions.at(t.idx)
            if m is not None and m["type"] in ("agency", "organization", "outlet"):
                self.document_owner = m

    def run(self) -> list[dict]:
        """Every assertion in the document, in reading order."""
        found: list[dict] = []
        for token in self.doc:
            self._note_document_owner(token)
            if token.lower_ == "according" and token.dep_ in ("prep", "advmod", "ROOT", "pcomp"):
                record = self._according_to(token)
                if record:
                    found.append(record)
                continue
            if token.pos_ == "NOUN" and token.lemma_.lower() in NOMINAL_CUES:
                record = self._nominal_cue(token)
                if record:
                    found.append(record)
                continue
            cue = self._phrasal(token)  # "pointed out that …", "ruled out providing …"
            if token.pos_ != "VERB" or (cue is None and token.lemma_ not in self.verbs):
                continue
            if _is_negated(token) or (cue is None and any(c.dep_ == "prt" for c in token.children)):
                continue
            if token.tag_ == "VBG" and token.dep_ in NOMINAL_DEPS:
                continue  # "ignored CSIS warning on …", "a video saying …"
            if token.dep_ == "xcomp" and token.head.lemma_ in self.rules["implicative_negatives"]:
                if token.head.lemma_ in DECLINING and not _is_negated(token.head):
                    found.extend(self._declined(token))  # "X declined to comment": on record
                continue  # "Brightwave failed to tell parents": nothing was told
            if self._inside_denial(token):
                continue  # "Dong denied that he advised …": the advice is what is denied
            stance = self.rules["phrasal_reporting_verbs"][cue] if cue else self.verbs[token.lemma_]
            cue = cue or token.lemma_
            adverbial_ok = token.lemma_ in self.rules["adverbial_verbs"] or token.tag_ in FINITE_TAGS
            subject = self._subject_after_quote(token) or _subject(token, adverbial_ok=adverbial_ok)
            lost = subject is None  # "Beck, who backed Cruz, last week said …": the parser lost Beck
            if lost:
                subject = self._fenced_subject(token)
            quoted = self._in_quote(token.idx)
            if subject is not None and not quoted and self._in_quote(subject.idx):
                subject = self._subject_outside_quotes(token)
            if subject is None:
                continue
            if quoted and self.mentions.at(subject.idx) is None and not self._owned_mentions(subject):
                continue  # inside a quotation only a named speaker counts ("I think" does not)
            unnamed = self._continued_source(subject) if not quoted else None
            speaker, affiliation = self.speaker(subject) if unnamed is None else (None, None)
            if speaker is None and unnamed is None and not quoted:
                unnamed = self._unnamed_source(subject)
            if speaker is None and unnamed is None and subject.lower_ == "they" and not quoted:
                speaker, unnamed = self._they_antecedent(subject)
            if speaker is None and unnamed is None:
                continue
            span = self.content(token, stance)
            if span is None:
                continue
            if unnamed is not None:
                kind, phrase = unnamed
                found.append(self._record(None, None, cue, stance, span, token.sent, phrase, kind))
                continue
            found.append(self._record(speaker, affiliation, cue, stance, span, token.sent, subject.text))
            for member in (
                [] if lost else self._joint_speakers(subject, speaker)
            ):  # "Scalise and Jordan announced"
                found.append(self._record(member, None, cue, stance, span, token.sent, subject.text))
        found.extend(self._continued_quotes())
        found.extend(r for r in map(self._colon_line, self.doc.sents) if r is not None)
        return _one_claim_per_quote(sorted(found, key=lambda r: r["sent_index"]))

    def _fenced_subject(self, verb: Token) -> Token | None:
        """The subject of a finite verb the parser left without one because an appositive or
        relative clause stands between them: "Ramby Holt, a barrister representing Ms Lee and
        her son Dan Wilkes, said …", "The Kestrel Bank (KB), which was its largest shareholder,
        announced …". The subject is the first speaker named at the clause's start (after a mark
        or the sentence's start) and followed by a comma or bracket; the verb comes right after
        the comma that closes the inserted words (adverbs like "last week" aside)."""
        doc, sent = verb.doc, verb.sent
        finite = verb.tag_ in FINITE_TAGS or any(c.dep_ == "aux" for c in verb.children)
        if not finite or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
            return None
        skip = {
            t.i
            for c in verb.children
            if c.i < verb.i and c.dep_ in ("advmod", "npadvmod", "aux")
            for t in c.subtree
        }
        i = verb.i - 1
        while i > sent.start and i in skip:
            i -= 1
        if doc[i].text not in (",", ")") or self._in_quote(verb.idx):
            return None
        for m in self.mentions.within(sent.start_char, doc[i].idx):
            if m["type"] not in SPEAKER_TYPES or self._in_quote(m["start"]):
                continue
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None or span.end > i or i - span.end > MAX_INSERT_TOKENS:
                continue
            before = doc[span.start - 1] if span.start > sent.start else None
            if before is not None and before.lower_ == "the":
                before = doc[before.i - 1] if before.i > sent.start else None
            opens = before is None or before.text in FENCE_MARKS or before.text == ":"
            if not opens or doc[span.end].text not in (",", "("):
                continue
            if any(t.text in QUOTE_CLOSERS or t.text in QUOTE_PAIRS for t in doc[span.end : i]):
                continue
            return span.root
        return None

    def _phrasal(self, verb: Token) -> str | None:
        """The phrasal reporting verb ("point out", "rule out") a verb and its particle make, if any."""
        particle = next((c for c in verb.children if c.dep_ == "prt"), None)
        if particle is None:
            return None
        phrase = f"{verb.lemma_} {particle.lower_}"
        return phrase if phrase in self.rules["phrasal_reporting_verbs"] else None

    def _joint_speakers(self, subject: Token, speaker: dict) -> list[dict]:
        """The other named members of a coordinated subject ("Steve Scalise and Jim Jordan
        announced …"): each speaks, so each gets the claim."""
        found: list[dict] = []
        for t in subject.conjuncts:
            if self._in_quote(t.idx):
                continue
            m = self.mentions.at(t.idx)
            if m is not None and m["type"] in SPEAKER_TYPES and m["key"] != speaker["key"] and m not in found:
                found.append(m)
        return found

    def _colon_line(self, sent: Span) -> dict | None:
        """A line that opens with a name and a colon is that speaker's: a headline ("Pence:
        Flowers won't be at the debate") or an interview transcript ("WALLACE: Let's start").
        The name must be all that precedes the colon; what follows, to the end of the line
        (or the next line, when the name stands alone), is the claim."""
        start = sent.start_char
        if start > 0 and self.text[start - 1] != "\n":
            return None
        words = [t for t in sent[: MAX_SPEAKER_TOKENS + 2] if not (t.is_punct and t.text != ":")]
        colon = next((i for i, t in enumerate(words) if t.text == ":"), None)
        if not colon:
            return None
        name = words[:colon]
        if not all(t.text[:1].isupper() for t in name) or len(name) > 4:
            return None  # "Former AG Mukasey at RNC:", "Wait, it gets better:": more than a name
        speaker = self.mentions.at(name[-1].idx) or self._named_by_surname(name[-1])
        if speaker is None or speaker["type"] not in SPEAKER_TYPES or self._in_quote(name[0].idx):
            return None
        begin = words[colon].idx + 1
        line_end = self.text.find("\n", begin)
        line_end = len(self.text) if line_end == -1 else line_end
        if not self.text[begin:line_end].strip():  # "JOEL BENENSON:" ¶ what he said
            begin = line_end + 1
            line_end = self.text.find("\n", begin)
            line_end = len(self.text) if line_end == -1 else line_end
        content = self.text[begin:line_end]
        if len(content.split()) < 2:
            return None
        begin += len(content) - len(content.lstrip())
        end = begin + len(content.strip())
        kind = "quote" if content.lstrip()[:1] in QUOTE_PAIRS or content.lstrip()[:1] in "‘'" else "indirect"
        return self._record(speaker, None, "say", "states", (begin, end, kind, []), sent, name[-1].text)

    def _declined(self, token: Token) -> list[dict]:
        """ "Lee declined to comment", "BaFin refused to confirm the report": stance ``declines``,
        the refused report as content (its names are the claim's targets)."""
        refusal = token.head
        subject = _subject(refusal)
        if subject is None or self._in_quote(refusal.idx):
            return []
        speaker, affiliation = self.speaker(subject)
        unnamed = self._unnamed_source(subject) if speaker is None else None
        if speaker is None and unnamed is None:
            return []
        tokens = [t for t in token.subtree if not t.is_punct]
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), "indirect", [])
        if unnamed is not None:
            kind, phrase = unnamed
            return [self._record(None, None, refusal.lemma_, "declines", span, token.sent, phrase, kind)]
        verb, sent = refusal.lemma_, token.sent
        return [self._record(speaker, affiliation, verb, "declines", span, sent, subject.text)]

    def _unnamed_source(self, subject: Token) -> tuple[str, str] | None:
        """``(kind, phrase)`` for a subject that describes who speaks without naming them.

        "unnamed": a source kept anonymous ("a person familiar with the talks", "three sources",
        "a senior official who asked not to be named"); "group": a collective the text does not
        tie to a named entity ("analysts", "critics", "prosecutors", "his lawyers").
        """
        lemma = subject.lemma_.lower()
        if subject.pos_ not in ("NOUN", "PROPN"):
            return None
        owners = [
            c for c in subject.children if c.dep_ in ("compound", "poss") and c.pos_ in ("PROPN", "NOUN")
        ]
        # "an architect who said …": "who" says the noun is a person
        personal = any(
            c.dep_ == "relcl" and any(w.dep_ == "nsubj" and w.lower_ == "who" for w in c.children)
            for c in subject.children
        )
        described = (
            (lemma in DESCRIBED_SPEAKERS or personal)
            and subject.tag_ in ("NN", "NNS")
            # "Wirecard's former boss" is someone named; "the Florida senator" may not be
            and all(m["type"] == "place" for m in self._owned_mentions(subject))
            and not any(
                c.pos_ == "PROPN" and (c.dep_ == "poss" or self.mentions.at(c.idx) is None) for c in owners
            )
            # one person needs a determiner: "the former governor", not a headline's "Infowars host"
            and (subject.tag_ == "NNS" or any(c.dep_ in ("det", "poss") for c in subject.children))
        )
        # "Trump's campaign said", "a major civil rights group says": a body the text does not name
        collective = (
            lemma in COLLECTIVE_NOUNS
            and subject.tag_ in ("NN", "NNS")
            and any(c.dep_ in ("det", "poss", "compound") for c in subject.children)
            and not any(c.lower_ in ("the", "this", "that") for c in subject.children)
        )
        if collective:
            return "group", self._source_phrase(subject)
        # an active subject only: "was told by the court that …" stays unattributed
        definite = subject.dep_ == "nsubj" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.children
        )
        if lemma in REFERENCE_NOUNS and subject.tag_ in ("NN", "NNS") and subject.pos_ == "NOUN" and definite:
            return "group", self._source_phrase(subject)  # "The tribunal said", no tribunal named
        if lemma in POLL_NOUNS and subject.pos_ == "NOUN":  # "the new poll shows", "exit polls"
            return ("unnamed" if subject.tag_ == "NN" else "group"), self._source_phrase(subject)
        if not described and subject.lower_ not in SOURCE_NOUNS:
            return None
        if not described and subject.lower_ != lemma and lemma not in SOURCE_NOUNS:
            return None
        phrase = self._source_phrase(subject)
        singular = subject.tag_ in ("NN", "NNP") and any(
            t.lower_ in ("a", "an", "one", "another", "the", "this", "that") or t.dep_ == "poss"
            for t in subject.children
        )
        counted = any(t.dep_ == "nummod" for t in subject.children)
        described_as = subject.doc[subject.left_edge.i : subject.right_edge.i + 1].text.lower()
        anonymous = any(cue in described_as for cue in UNNAMED_CUES)  # "… who asked not to be named"
        kind = "unnamed" if anonymous or singular or counted else "group"
        return kind, phrase

    @staticmethod
    def _source_phrase(subject: Token) -> str:
        """The words that describe a source, without a relative clause ("a campaign surrogate
        who said …"), cut to its head noun when long."""
        left, right = subject.left_edge.i, subject.right_edge.i
        clauses = [c.left_edge.i for c in subject.children if c.dep_ == "relcl" and c.i > subject.i]
        right = min([right, *(i - 1 for i in clauses)])
        tokens = list(subject.doc[left : right + 1])
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        if not tokens or len(tokens) > MAX_SOURCE_TOKENS:
            tokens = [t for t in subject.doc[left : subject.i + 1] if not t.is_punct]
        while (
            len(tokens) > 1 and tokens[-1].i > subject.i and tokens[-1].pos_ not in ("NOUN", "PROPN", "NUM")
        ):
            tokens.pop()  # "the 2 sources mentioned, including" → "the 2 sources mentioned"
        return "".join(t.text_with_ws for t in tokens).strip()


def _one_claim_per_quote(found: list[dict]) -> list[dict]:
    """One claim per speaker, sentence and content, whatever number of cue verbs it has ("Smith
    said and added that …"): the first keeps its verb and stance, ``verbs`` lists them all."""
    kept: dict[tuple, dict] = {}
    for record in found:
        key = (
            record["speaker"],
            record["speaker_text"] if not record["speaker"] else "",
            record["sent_index"],
            record["quote"],
        )
        if key in kept:
            if record["verb"] not in kept[key]["verbs"]:
                kept[key]["verbs"].append(record["verb"])
        else:
            kept[key] = {**record, "verbs": [record["verb"]]}
    return list(kept.values())


@Language.component("linkchart_attribution")
def linkchart_attribution(doc: Doc) -> Doc:
    """Find assertions; needs ``linkchart_entities`` to have run first."""
    mentions = doc._.linkchart_mentions or []
    headings = set(doc._.linkchart_headings or ())  # subheads, bylines, credits: no assertions
    doc._.linkchart_assertions = [
        a for a in Attributor(doc, mentions).run() if a["sent_index"] not in headings
    ]
    return doc


def speaker_key(name: str) -> str:
    """Matching key for a speaker name given on the command line."""
    return match_key(re.sub(r"\s+", " ", name))
