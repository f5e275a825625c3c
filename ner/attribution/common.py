"""What the attribution modules share: the lexicon read from ``rules.json``, quotations,
the mention index and the parse helpers (subjects, negation, passives)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ner.rules import Rules, per_rules

#: Opening quotation marks and the closing marks that end them: a curly quote closed by a
#: straight one (“…," she said) is one quotation.
QUOTE_PAIRS = {"“": ("”", '"'), '"': ('"', "”"), "«": ("»",), "„": ("“", "”")}
#: Quotation marks typed as two characters: ''…'' and ``…''.
DOUBLED_QUOTES = {"''": ("''", "”"), "``": ("''", '"')}


#: Titles that name a person when used with "the": "said the Minister".
@per_rules
def title_nouns(r: Rules) -> frozenset[str]:
    return frozenset(t.lower() for t in r["titles"] if " " not in t and t[-1:] != ".")


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
@per_rules
def role_nouns(r: Rules) -> frozenset[str]:
    return frozenset(r["role_nouns"]) | frozenset(r["person_descriptors"]) | COUNSEL_WORDS


#: Verbs whose participle names the source of what its clause reports: "…, citing a spokesperson".
CITING_VERBS = frozenset({"cite", "quote"})
#: Verbs that put a refusal to say something on record: "declined to comment".
DECLINING = frozenset({"decline", "refuse"})
#: Pronouns by grammatical gender, for matching "he"/"she" to a person the text has gendered.
GENDERED_PRONOUNS = {
    "m": frozenset({"he", "him", "his", "himself"}),
    "f": frozenset({"she", "her", "hers", "herself"}),
}
#: The weight of a pronoun the parse binds to a person, against one merely in the same sentence.
BOUND_VOTES = 3
#: The weight of an honorific before a person's name ("Mr Vos"): it outweighs pronouns the parse
#: only guesses are bound to them ("Mr Vos said that she had lied": "she" is not Vos).
TITLE_VOTES = 10
#: Honorifics that give a person's gender: "Mr Braun", "Ms. Lee".
PRONOUN_GENDER = {word: gender for gender, words in GENDERED_PRONOUNS.items() for word in words}
GENDERED_TITLES = {
    "m": frozenset({"mr", "mr.", "sir", "lord", "mister"}),
    "f": frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "dame", "lady", "madam"}),
}
GROUP_PRONOUNS = frozenset({"it", "they"})
#: Possessive pronouns and the subject pronoun whose referent they share.
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}
#: Object pronouns as the subject they stand for ("according to him").
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
#: Who can speak. Places cannot: "Canada claims" is left out rather than guessed at.
SPEAKER_TYPES = frozenset({"person", "agency", "outlet", "organization", "platform"})
#: Role nouns that never name a specific speaker on their own ("sources said").
ANONYMOUS_ROLES = frozenset(
    {"source", "sources", "expert", "experts", "critic", "critics", "analyst", "analysts"}
)

#: Roles whose work is to speak for a body: "a spokesperson for X" says what X says.
MOUTHPIECES = frozenset({"spokesperson", "spokesman", "spokeswoman", "representative"})

#: Quantifiers that stand for people when they speak: "some accused Gaetz", "most of them said".
SOURCE_QUANTIFIERS = frozenset(
    {"some", "others", "many", "most", "several", "few", "both", "another", "those"}
)


#: Nouns for people a text describes without naming ("a person familiar with the talks").
@per_rules
def source_nouns(r: Rules) -> frozenset[str]:
    return frozenset(r["source_nouns"])


#: Who speaks for a person without being them: "his lawyers said" is not the person.
COUNSEL = COUNSEL_WORDS


#: Nouns that describe one person by what they do ("the Indiana governor", "a New York judge"):
#: a subject the text does not resolve to a name is kept as an unnamed source with its phrase.
@per_rules
def described_speakers(r: Rules) -> frozenset[str]:
    return frozenset(r["speaker_nouns"]) | frozenset(r["person_descriptors"])


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
    "worry": "warns",
    "fear": "warns",
}
#: Claim nouns whose infinitive is what was said ("his promise to be neutral"); for the
#: others it is a purpose ("statements to explain her decision").
INFINITIVE_NOUNS = frozenset({"claim", "promise", "pledge", "vow", "call"})
#: The most words a sentence that only attributes the quotation before it has ("Trump said
#: late last week.", "he told the cheering crowd in Iowa on Monday.").
BARE_REPORT_WORDS = 10


#: Nouns for a body of people ("Trump's campaign", "a civil rights group"): a group source
#: when the text does not name it ("the company" is left to the reference nouns).
@per_rules
def collective_nouns(r: Rules) -> frozenset[str]:
    return frozenset(r["reference_nouns"]["organization"]) | {
        *("campaign", "administration", "team", "staff", "committee", "panel", "office")
    }


#: Nouns for a body that "the …" refers back to ("the tribunal", "the regulator").
@per_rules
def reference_nouns(r: Rules) -> frozenset[str]:
    return frozenset(n for nouns in r["reference_nouns"].values() for n in nouns)


@per_rules
def reference_kinds(r: Rules) -> dict[str, str]:
    """``{noun: type}`` of the reference nouns ("regulator" → agency); a noun of two lists keeps
    the first ("network": the outlet's)."""
    kinds: dict[str, str] = {}
    for kind, nouns in r["reference_nouns"].items():
        for noun in nouns:
            kinds.setdefault(noun, kind)
    return kinds


#: What "according to" cites as a norm, not a source: "according to House rules".
NORM_NOUNS = frozenset(
    {"rule", "law", "procedure", "constitution", "regulation", "guideline", "statute", "protocol"}
    | {"schedule", "tradition", "custom", "plan", "standard", "requirement", "policy"}
)
#: Surveys of people, a source "according to" cites: "according to exit polls".
POLL_NOUNS = frozenset({"poll", "survey", "census"})


#: Words that say a source is kept anonymous.
@per_rules
def unnamed_cues(r: Rules) -> tuple[str, ...]:
    return tuple(r["unnamed_cues"])


#: An unnamed source's phrase longer than this is cut to its head noun and what precedes it.
MAX_SOURCE_TOKENS = 14


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


def _fronted(token: Token) -> bool:
    """True for a phrase set off by a comma before its clause ("Outside court, Jones has
    bashed …"): an adverbial the parser took for a second subject."""
    doc = token.doc
    after = token.right_edge.i + 1
    return after < len(doc) and doc[after].text == "," and token.left_edge.i == token.sent.start


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


def _quoted_as_saying(verb: Token) -> Token | None:
    """Who "saying" is said of in "Lee was quoted as saying …" (the passive subject) or "the
    paper quoted Lee as saying …" (the object): the one quoted speaks, not who quotes."""
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.lower_ != "as" or prep.dep_ != "prep":
        return None
    quoting = prep.head
    if quoting.lemma_ not in ("quote", "cite", "hear", "record"):
        return None
    wanted = ("nsubjpass",) if _is_passive(quoting) else ("dobj",)
    return next((c for c in quoting.children if c.dep_ in wanted), None)


def _subject_hung_before(verb: Token) -> Token | None:
    """The name right before a main verb that has no subject, when the parser hung it on what
    comes before ("… off the coast of Newfoundland, Canada, the U.S. Coast Guard issued a report"
    read "Guard" as an apposition of "Newfoundland")."""
    if verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    misattached = before.head.i < before.i and before.dep_ in ("appos", "conj", "pobj", "dobj")
    return before if before.pos_ in ("PROPN", "NOUN") and misattached else None


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
    quoted = _quoted_as_saying(verb)
    if quoted is not None:
        return quoted
    token = verb
    for _ in range(4):
        if _is_passive(token) and token is not verb:
            return None
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if len(subjects) > 1:  # "Washington — Steve Scalise announced": a dateline is no subject
            subjects = [c for c in subjects if not _dateline(c) and not _fronted(c)] or subjects
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and child in subjects:
                if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                    return token.head  # "Barry Gardiner, who told LBC …": the name the clause is on
                return child
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if not subjects and token.dep_ == "ROOT" and token.tag_ in FINITE_TAGS:
            return _subject_hung_before(token)  # "…, Canada, the U.S. Coast Guard issued …"
        climbs = ("conj", "xcomp", "advcl") if adverbial_ok else ("conj", "xcomp")
        if token.dep_ in climbs and token.head is not token:
            token = token.head
        elif _manner_participle(token) and adverbial_ok:
            token = token.head.head  # "… by saying he would …": the main clause's subject says it
        else:
            return None
    return None
