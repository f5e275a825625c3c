"""Mention cleanup: turn a raw entity span's text into a display name.

Pure string functions (no spaCy) so they can be tested on arbitrary Unicode.
Curly quotes are normalised only in :func:`match_key`, never in display names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ner.rules import Rules, per_rules
from ner.rules import active as rules  # noqa: F401  (the rules in force, read by the helpers)

#: Possessive endings: ASCII and curly apostrophes, and the bare apostrophe of "Jones'".
POSSESSIVE = re.compile(r"(?:['’‘`´]s|(?<=s)['’])$", re.IGNORECASE)
#: A possessive inside a span: "Justin Trudeau’s Liberals", "Dong’s 2019".
INTERNAL_POSSESSIVE = re.compile(r"['’]s\s+")
#: "Ex-" glued to a name: "Ex-Wirecard boss".
FORMER_PREFIX = re.compile(r"^[Ee]x-(?=[A-Z])")
#: An opening parenthesis never closed, at the end of a span.
UNCLOSED_PARENTHESIS = re.compile(r"\s*\([^)]*$")
#: A name ending in an initialism: "U.S.", "D.C." (its final full stop is part of it).
ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
#: Characters trimmed from both ends of a mention.
EDGE_PUNCTUATION = " \t\r\n\"'“”‘’«»()[]{}<>,.;:!?*_|/\\-–—•·"
#: A display name of more words than this (connectors aside) is a parse accident, not a name.
MAX_NAME_WORDS = 8
#: Words that connect name parts and may be lower case inside a name.
NAME_PARTICLES = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "de",
        "del",
        "della",
        "der",
        "di",
        "du",
        "da",
        "dos",
        "das",
        "la",
        "le",
        "van",
        "von",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "&",
        "on",
        "in",
        "at",
    ]
)
#: Particles that start a surname written without its given name ("Mr von Erffa", "de Mello").
SURNAME_PARTICLES = NAME_PARTICLES - {"of", "the", "and", "for", "&", "on", "in", "at", "y"}
#: A surname with a particle glued to it: "al-Marri", "el-Sisi", "d'Estaing", "bin-Salman".
GLUED_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|abu|d|l|dell|dall)[-'’][A-Z]")
#: A lower-case word this short inside a name is a particle of another language ("ng", "für").
MAX_INNER_PARTICLE = 3
#: Lower-case words a long name may hold besides particles ("… Threats to Elections Task Force").
NAME_CONNECTORS = NAME_PARTICLES | {"to"}
_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class CleanName:
    """A cleaned mention: the name to display and the role/title that preceded it."""

    name: str
    role: str | None = None


@per_rules
def _title_phrases(r: Rules) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title phrases by their first word, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in r["titles"]:
        phrase = tuple(title.lower().split())
        by_first.setdefault(phrase[0], []).append(phrase)
    return {w: tuple(sorted(set(ps), key=len, reverse=True)) for w, ps in by_first.items()}


@per_rules
def _upper_titles(r: Rules) -> frozenset[str]:
    """Title words written in capitals ("CFO", "MP"): in capitals, other titles ("DR", "MR")
    are not titles unless the whole text is."""
    return frozenset(w.lower() for t in r["titles"] for w in t.split() if w.isupper())


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """Key used to decide that two names are the same: accent-, case- and quote-folded.

    Examples
    --------
    >>> match_key("The  Ministry of State Security’s")
    "ministry of state security's"
    """
    text = unicodedata.normalize("NFKD", name.translate(_QUOTE_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\s+", " ", text.replace("[", "").replace("]", "")).strip().casefold()
    text = re.sub(r"^the ", "", text)
    return text.replace(".", "")


#: A parenthesised part of a name: "Christine Lee & Co (Solicitors) Ltd".
PARENTHESES = re.compile(r"\([^)]*\)")


#: Words that open a legal form of two: "Private Limited", "Pvt Ltd", "Public Limited".
FORM_QUALIFIERS = frozenset({"private", "pvt", "public"})


def without_legal_forms(name: str) -> str:
    """The match key of a company's name without trailing legal forms or parenthesised words.

    >>> without_legal_forms("BDO Unibank, Inc."), without_legal_forms("Lee & Co (Solicitors) Ltd")
    ('bdo unibank', 'lee & co')
    """
    words = PARENTHESES.sub(" ", match_key(name)).replace(",", " ").split()
    while len(words) > 1 and words[-1] in _legal_forms() and words[-2] not in ("&", "and"):
        words.pop()
        if len(words) > 1 and words[-1] in FORM_QUALIFIERS:
            words.pop()  # "Grace Ocean Private Ltd": "Private Limited" is one form
    return " ".join(words)


@per_rules
def _legal_forms(r: Rules) -> frozenset[str]:
    return frozenset(match_key(form) for form in r["legal_forms"])


@per_rules
def role_words(r: Rules) -> frozenset[str]:
    """One-word titles, lower case, that end a role phrase: "Huawei CFO", "PMO spokesperson"."""
    return frozenset(t.lower() for t in r["titles"] if " " not in t)


def party_name(name: str) -> str | None:
    """The party a plural of its members ("Liberals" → "Liberal Party") or a common nickname of
    it ("GOP" → "Republican Party") names, else ``None``.

    >>> party_name("Democrats"), party_name("Free Democrats"), party_name("Wirecard"), party_name("GOP")
    ('Democratic Party', 'Free Democratic Party', None, 'Republican Party')
    """
    nickname = party_nicknames().get(match_key(name))
    if nickname:
        return nickname  # "GOP", "Tories"
    if match_key(name) not in party_plurals():
        return None
    stem = name.strip()[:-1]
    return f"{stem}ic Party" if stem.lower().endswith("crat") else f"{stem} Party"


@per_rules
def party_nicknames(r: Rules) -> dict[str, str]:
    """``{match key: party}`` for parties' common nicknames ("GOP", "Tories")."""
    return {match_key(k): v for k, v in r["party_nicknames"].items()}


@per_rules
def party_plurals(r: Rules) -> frozenset[str]:
    """Parties named by their members ("Democrats", "Free Democrats"), as match keys."""
    return frozenset(match_key(p) for p in r["party_plurals"])


def strip_possessive(text: str) -> str:
    """Remove a trailing possessive ("Meng Wanzhou’s" → "Meng Wanzhou")."""
    return POSSESSIVE.sub("", text).rstrip()


def strip_leading_article(text: str) -> str:
    """Remove a leading "the" ("the Journal" → "Journal"; a glued "theWall …" → "Wall …")."""
    return re.sub(r"^(?:(?:the|The|THE)\s+|[Tt]he(?=[A-Z][a-z]))", "", text)


def tidy(text: str) -> str:
    """Collapse whitespace, drop control characters and edge punctuation, possessive."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = re.sub(r"\s+", " ", text.replace("[", "").replace("]", "")).strip()  # "[Stephen] Smith"
    previous = None
    while previous != text:  # until nothing changes: stripping can leave a parenthesis unclosed
        previous = text
        text = UNCLOSED_PARENTHESIS.sub("", text)  # "Polícia Judiciária (PJ" → "Polícia Judiciária"
        text = strip_possessive(text).strip()
        abbreviation = ABBREVIATION_END.search(text)
        text = text.strip(EDGE_PUNCTUATION)
        if abbreviation and not text.endswith("."):
            text += "."  # "U.S." keeps its last full stop
    return text


#: A plural title is longer than this ("Justices", "Senators"; not "Ms").
PLURAL_TITLE_MIN = 4


def split_title(text: str) -> CleanName:
    """Split a leading title or role off a person's name.

    "Huawei CFO Meng Wanzhou" → ("Meng Wanzhou", "Huawei CFO");
    "Liberal MP Han Dong" → ("Han Dong", "Liberal MP"); "Ms. Meng" → ("Meng", "Ms.").
    A name with no title word is returned unchanged. The words before the last
    title (an affiliation such as "Huawei" or "PMO") stay in the role.
    """
    words = text.split()
    lowered = [w.lower() for w in words]
    end = 0
    i = 0
    phrases = _title_phrases()
    shouting = text.isupper()
    while i < len(words):
        plural = lowered[i][:-1] if lowered[i].endswith("s") and len(lowered[i]) > PLURAL_TITLE_MIN else ""
        if plural in phrases and lowered[i] not in phrases and i + 1 < len(words):
            end = i + 1  # "Justices Muhammad Ali Mazhar and …", "Senators …": a title for each name
            i += 1
            continue
        for phrase in phrases.get(lowered[i], ()):
            capitals = words[i].isupper() and not shouting and lowered[i] not in _upper_titles()
            if tuple(lowered[i : i + len(phrase)]) == phrase and not capitals:  # "DR Congo"
                end = i + len(phrase)
                i = end - 1
                break
        i += 1
    rest = words[end:]
    if end == 0 or not rest or not looks_like_name(" ".join(rest)):
        return CleanName(text)
    return CleanName(" ".join(rest), " ".join(words[:end]))


def looks_like_name(text: str) -> bool:
    """True when ``text`` reads as a proper name: capitalised words, few of them."""
    words = text.split()
    if not words or sum(w.lower() not in NAME_CONNECTORS for w in words) > MAX_NAME_WORDS:
        return False  # "United States District Court for the Northern District of Texas": 7
    if not any(ch.isalpha() for ch in text) or text[0] in "@#":
        return False
    if words[0] in SURNAME_PARTICLES and len(words) > 1:
        return looks_like_name(" ".join(words[1:]))  # "von Erffa", a surname with its particle
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    inner = set(range(1, len(words) - 1))
    return all(
        w[:1].isupper()
        or GLUED_PARTICLE.match(w)  # "al-Marri", "d'Estaing"
        or w[:1].isdigit()
        or w.lower() in NAME_CONNECTORS
        or not w[:1].isalpha()
        or (i in inner and len(w) <= MAX_INNER_PARTICLE)  # "Bangko Sentral ng Pilipinas", "für"
        for i, w in enumerate(words)
    )


def clean_mention(text: str, *, is_person: bool = False) -> CleanName:
    """Clean a raw entity span into a display name and an optional role.

    Titles are split off only for people (``is_person``), so "General Motors"
    stays whole. Returns an empty name when nothing name-like is left.

    Examples
    --------
    >>> clean_mention("Meng Wanzhou’s", is_person=True)
    CleanName(name='Meng Wanzhou', role=None)
    """
    text = tidy(text)
    text = strip_leading_article(text)
    text = FORMER_PREFIX.sub("", text)  # "Ex-Wirecard" is Wirecard
    if is_person:
        text = INTERNAL_POSSESSIVE.split(text, maxsplit=1)[0]  # "Trudeau’s Liberals" → "Trudeau"
        cleaned = split_title(text)
        return CleanName(tidy(cleaned.name), cleaned.role)
    return CleanName(text)


def initials(name: str) -> str:
    """Upper-case initials of a name's significant words ("Ministry of State Security" → "MSS")."""
    words = re.split(r"[\s\-]+", strip_possessive(name))
    return "".join(w[0].upper() for w in words if w and w.lower() not in NAME_CONNECTORS and w[0].isalpha())


def initials_variants(name: str) -> set[str]:
    """Initials of a name, with and without a trailing type word.

    >>> sorted(initials_variants("Security and Intelligence Threats to Elections Task Force"))
    ['SITE', 'SITET', 'SITETF']
    """
    words = strip_possessive(name).split()
    heads = _type_heads()
    capitals = "".join(w[0] for w in re.split(r"[\s\-]+", strip_possessive(name)) if w[:1].isupper())
    found = {initials(name), capitals}  # "Pakistan Tehreek-e-Insaf" → "PTI"
    for cut in (1, 2):
        if len(words) > cut + 1 and " ".join(words[-cut:]) in heads:
            found.add(initials(" ".join(words[:-cut])))
    return found


@per_rules
def _type_heads(r: Rules) -> frozenset[str]:
    """Words that end agency and organisation names ("Task Force", "Ministry")."""
    return frozenset(w for key in ("agency_heads", "organization_heads") for w in r[key])


def is_acronym(word: str) -> bool:
    """True for an all-capitals token of 2–6 letters ("CSIS", "MSS", "U.S.")."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
