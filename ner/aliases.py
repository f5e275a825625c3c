"""Within-document alias resolution: which full name each short form stands for.

Pure Python over cleaned mentions (no spaCy), so every rule can be tested on a
few inline names. The rules, in order:

1. A name that is a person elsewhere in the document is a person ("Kovrig"
   tagged as a place beside "Michael Kovrig"; "Alison Murphy" tagged as an
   organisation beside "Murphy").
2. A surname or given name joins the one full name it fits ("Meng" → "Meng
   Wanzhou"). When it fits several ("Han" beside "Han Dong" and "Han Tao"), the
   mention's title or role decides ("Consul General Han" joins the one described
   as consul); otherwise it is left unresolved (key ``None``), never guessed.
3. A near-identical spelling of a full person name ("Meng Wangzhou") joins the
   more frequent spelling.
4. An acronym joins the name whose initials it spells ("MSS" → "Ministry of
   State Security", "RRM Canada" → "Rapid Response Mechanism Canada"), and a
   lone head word joins the one longer name it ends ("the Journal" → "Wall
   Street Journal").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ner.cleanup import (
    NAME_PARTICLES,
    SURNAME_PARTICLES,
    initials_variants,
    is_acronym,
    match_key,
    without_legal_forms,
)
from ner.rules import Rules, per_rules

#: Organisation-like types that acronyms and head words may join.
ORG_TYPES = frozenset({"agency", "outlet", "organization", "platform"})
#: The longest single token (in characters) two spellings may differ by one edit in.
MIN_FUZZY_TOKEN = 5
#: Role words too common to tell two people apart.
GENERIC_ROLE_WORDS = frozenset(
    [
        "the",
        "of",
        "a",
        "an",
        "in",
        "at",
        "for",
        "and",
        "former",
        "then",
        "mr",
        "mr.",
        "ms",
        "ms.",
        "mrs",
        "mrs.",
        "dr",
        "dr.",
        "miss",
        "sir",
    ]
)


@per_rules
def generic_heads(r: Rules) -> frozenset[str]:
    """One-word names that only ever abbreviate a longer name ("the Commission", "the Party")."""
    keys = ("agency_heads", "outlet_heads", "organization_heads", "weak_heads")
    return frozenset(h for key in keys for h in r[key] if " " not in h)


@per_rules
def standalone_heads(r: Rules) -> frozenset[str]:
    """Head words that name one institution when they stand alone ("Parliament", "Congress",
    "Democrats")."""
    return frozenset(r["standalone_heads"] + r["party_plurals"])


@per_rules
def _party_plurals(r: Rules) -> frozenset[str]:
    """Parties named by their members: never the short form of a longer party name."""
    return frozenset(r["party_plurals"])


@dataclass
class Candidate:
    """A cleaned mention waiting for its document-local key and final type."""

    name: str
    type: str
    role: str | None = None
    fixed: bool = False
    key: str | None = None
    dropped: bool = False
    extra_roles: set[str] = field(default_factory=set)


def _words(name: str) -> list[str]:
    return match_key(name).split()


def _role_words(text: str | None) -> set[str]:
    if not text:
        return set()
    return {w.strip(",.’'") for w in match_key(text).split()} - GENERIC_ROLE_WORDS - {""}


def one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or (len(a) == len(b) and a[i + 1 :] == b[i + 1 :])


def spelling_variants(a: str, b: str) -> bool:
    """True for two multi-word names that differ by one edit in one long word, or whose
    given names differ as a short form and its full form ("Jenni" / "Jennifer").

    >>> spelling_variants("Meng Wangzhou", "Meng Wanzhou")
    True
    >>> spelling_variants("Jenni Hermoso", "Jennifer Hermoso")
    True
    >>> spelling_variants("Han Dong", "Han Tao")
    False
    """
    wa, wb = _words(a), _words(b)
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diffs = [(i, x, y) for i, (x, y) in enumerate(zip(wa, wb, strict=True)) if x != y]
    if len(diffs) != 1:
        return False
    i, x, y = diffs[0]
    if min(len(x), len(y)) < MIN_FUZZY_TOKEN:
        return False
    return one_edit_apart(x, y) or (i == 0 and (x.startswith(y) or y.startswith(x)))


#: Words closing a company's or club's name that its short name drops ("Juventus Football Club",
#: "Thames Water Group").
CLOSING_HEADS = ("Football Club", "FC", "Club", "Group", "Holdings", "Company", "Corporation")


def _company_short_forms(name: str) -> set[str]:
    """Match keys of a company's name without its legal forms and without a closing head word
    (of a name of three words or more)."""
    short = without_legal_forms(name)
    forms = {short}
    for head in CLOSING_HEADS:
        shorter = short.removesuffix(" " + match_key(head))
        if shorter != short and len(short.split()) > 2:
            forms.add(shorter)
    return forms


def _fix_person_types(cands: list[Candidate]) -> None:
    # "Oxy Vinyls" beside "Oxy Vinyls LP", "Thames Water" beside "Thames Water Group": a
    # company's name less its legal form or closing head word is no person's
    companies = {
        short: c.type
        for c in cands
        if c.type in ORG_TYPES
        for short in _company_short_forms(c.name)
        if short != match_key(c.name)
    }
    person_keys = {match_key(c.name) for c in cands if c.type == "person"} - set(companies)
    full = [
        _words(c.name)
        for c in cands
        if c.type == "person" and len(c.name.split()) > 1 and match_key(c.name) not in companies
    ]
    name_tokens = {w for words in full for w in (words[0], words[-1])}
    company_words = {w for short in companies for w in short.split()} - name_tokens  # "Water"
    surnames = ({words[-1] for words in full} | {k for k in person_keys if " " not in k}) - company_words
    org_starts = {_words(c.name)[0]: c.type for c in cands if c.type in ORG_TYPES and len(c.name.split()) > 1}
    for c in cands:
        words = _words(c.name)
        if c.fixed:
            continue
        if c.type == "person" and match_key(c.name) in companies:
            c.type = companies[match_key(c.name)]
            continue
        if c.type == "person" and len(words) == 1 and words[0] in company_words:
            c.type = "organization"  # "Water" of "Thames Water (Group)": the company's word
            continue
        if c.type == "person":
            if len(words) == 1 and words[0] in org_starts and words[0] not in name_tokens:
                c.type = org_starts[words[0]]  # "Brightwave" beside "Brightwave Media": the company
            continue
        if (
            match_key(c.name) in person_keys
            or (len(words) == 1 and words[0] in name_tokens)
            or (2 <= len(words) <= 3 and c.type == "organization" and words[-1] in surnames)
        ):
            c.type = "person"
        elif c.type == "place" and len(words) == 1 and words[0][:-1] in name_tokens and words[0][-1:] == "s":
            c.dropped = True  # "the Two Michaels": a plural of a first name, not a place


def _surname_only(name: str) -> bool:
    """ "von Erffa", "de Mello": a surname with its particle, not a given name and a surname."""
    words = name.split()
    if len(words) < 2:
        return False
    return words[0] in SURNAME_PARTICLES or words[0].lower() in CAPITAL_PARTICLES  # "Le Pen"


#: Particles that open a surname capitalised too ("Le Pen", "Van Dijk", "De Niro"); not "Al",
#: "El" or "Bin", which also open given names ("Al Gore").
CAPITAL_PARTICLES = frozenset(
    {"le", "la", "de", "du", "van", "von", "der", "di", "da", "del", "della", "dos"}
)


def _fits(word: str, full_name: str) -> bool:
    """A lone name (one word, or a particle surname) is the first or the last name of a full name."""
    words, full = word.split(), _words(full_name)
    return len(full) > len(words) and (full[: len(words)] == words or full[-len(words) :] == words)


def _resolve_people(cands: list[Candidate]) -> None:
    people = [c for c in cands if c.type == "person" and not c.dropped]
    counts = Counter(c.name for c in people if len(c.name.split()) > 1 and not _surname_only(c.name))
    canonical: dict[str, str] = {}
    for name, _ in counts.most_common():
        # "Reed O‘Connor" and "Reed O'Connor": one name, however its apostrophe was typed
        same = (
            k for k in canonical.values() if match_key(k) == match_key(name) or spelling_variants(name, k)
        )
        target = next(same, name)
        canonical[name] = target
    for name in canonical:
        short = _without_middle_names(name, counts) or _without_leading_words(name, counts)
        if short is not None:
            canonical[name] = canonical[short]  # "Christine Ching Kui Lee" is "Christine Lee"
    roles: dict[str, set[str]] = {}
    for c in people:
        if c.name in canonical:
            roles.setdefault(canonical[c.name], set()).update(_role_words(c.role) | c.extra_roles)
    full_names = sorted(set(canonical.values()))
    for c in people:
        if c.name in canonical:
            c.key = canonical[c.name]
            continue
        word = match_key(c.name)
        fits = [n for n in full_names if _fits(word, n)]
        if len(fits) > 1:
            mine = _role_words(c.role) | c.extra_roles
            fits = [n for n in fits if mine & roles.get(n, set())] if mine else []
        if len(fits) == 1:
            c.key = fits[0]
        elif not fits and not _fits_any(word, full_names):
            c.key = c.name
        else:
            c.key = None  # ambiguous: never guess between two people


def _without_middle_names(name: str, names: Counter) -> str | None:
    """The one two-word name in ``names`` with the same first and last word as ``name`` (of three
    words or more), if there is exactly one."""
    words = _words(name)
    if len(words) < 3 or words[1] in NAME_PARTICLES:
        return None
    fits = [n for n in names if len(n.split()) == 2 and _words(n) == [words[0], words[-1]]]
    return fits[0] if len(fits) == 1 else None


def _without_leading_words(name: str, names: Counter) -> str | None:
    """The longest other name in ``names`` that ``name`` ends with: "Anti-Islam Geert Wilders"
    (a headline's descriptor the model took into the name) is "Geert Wilders"."""
    words = _words(name)
    fits = [n for n in names if 2 <= len(n.split()) < len(words) and words[-len(n.split()) :] == _words(n)]
    return max(fits, key=lambda n: len(n.split())) if fits else None


def _fits_any(word: str, full_names: list[str]) -> bool:
    return any(_fits(word, n) for n in full_names)


def _acronym_expansion(name: str, longer: list[Candidate]) -> Candidate | None:
    words = name.split()
    if not words or not is_acronym(words[0]):
        return None
    acronym, tail = words[0].replace(".", "").upper(), [w.lower() for w in words[1:]]
    found = []
    for c in longer:
        cwords = c.name.split()
        if tail and [w.lower() for w in cwords[-len(tail) :]] != tail:
            continue
        head = cwords[: len(cwords) - len(tail)]
        if len(head) > 1 and acronym in initials_variants(" ".join(head)):
            found.append(c)
    return found[0] if len({c.key for c in found}) == 1 else None


def _merge_qualified(orgs: list[Candidate]) -> None:
    """A known name behind a qualifier joins it: "PRC Ministry of State Security"."""
    known = {match_key(c.name): c for c in orgs if c.fixed}
    for c in orgs:
        words = c.name.split()
        if c.fixed or len(words) < 3:
            continue
        for cut in (1, 2):
            target = known.get(match_key(" ".join(words[cut:])))
            if target is not None:
                c.key, c.type = target.key, target.type
                break


def _merge_suffixes(orgs: list[Candidate]) -> None:
    """ "Interference Commission" joins "Foreign Interference Commission" when that is the one fit."""
    names = sorted({c.name for c in orgs if len(c.name.split()) > 1}, key=lambda n: -len(n.split()))
    for c in orgs:
        words = _words(c.name)
        if c.fixed or len(words) < 2:
            continue
        longer = {n for n in names if len(n.split()) > len(words) and _words(n)[-len(words) :] == words}
        if len(longer) == 1:
            target = next(o for o in orgs if o.name in longer)
            c.key, c.type = target.key, target.type


def _merge_leading_words(orgs: list[Candidate]) -> None:
    """A company's first words alone join its one longer name in the document that starts with
    them and came first: "Northgate" and "Spirit" after "Northgate Paving Ltd" and "Spirit
    AeroSystems". Not when two bodies start so, or the longer one is not an organisation, or
    the short form came first ("Apple" … "Apple Music"), or the words are a type's head ("Bank"
    of "Bank of England")."""
    first: dict[str, int] = {}
    for i, c in enumerate(orgs):
        first.setdefault(c.name, i)
    words_of = {c.name: _words(c.name) for c in orgs}
    longer = [o for o in orgs if len(words_of[o.name]) > 1]
    for c in orgs:
        words = words_of[c.name]
        if not words or c.fixed or c.type != "organization" or c.key != c.name:
            continue
        if words[0] in generic_heads() or is_acronym(c.name):
            continue  # "Bank"; "BDO" of "BDO Unibank Inc" joins by the acronym rule
        n = len(words)
        fits = [o for o in longer if len(words_of[o.name]) > n and words_of[o.name][:n] == words]
        keys = {o.key for o in fits}
        earlier = any(first[o.name] < first[c.name] for o in fits)
        if len(keys) == 1 and earlier and all(o.type == "organization" for o in fits):
            c.key = keys.pop()


def _heads(name: str) -> set[str]:
    """The words a lone head word can stand for: the last, and the one before "of" ("House" of
    "House of Representatives", "Ministry" of "Ministry of State Security")."""
    words = _words(name)
    heads = {words[-1]}
    if "of" in words[1:]:
        heads.add(words[words.index("of") - 1])
    return heads


def _resolve_organisations(cands: list[Candidate]) -> None:
    orgs = [c for c in cands if c.type in ORG_TYPES and not c.dropped]
    for c in orgs:
        c.key = c.key or c.name
    _merge_qualified(orgs)
    _merge_suffixes(orgs)
    longer = [c for c in orgs if len(c.name.split()) > 1 and not is_acronym(c.name.split()[0])]
    for c in orgs:
        if c.fixed:
            continue
        expansion = _acronym_expansion(c.name, longer)
        if (
            expansion is None
            and len(c.name.split()) == 1
            and c.name[:1].isupper()
            and c.name not in _party_plurals()
        ):
            word = match_key(c.name)
            ends = {o.key for o in longer if word in _heads(o.name) and o.type == c.type}
            ends |= {o.key for o in longer if word in _heads(o.name) and c.type == "organization"}
            # "Parliament" alone is the one parliament the document names, if it names it often
            # ("the European Parliament" … "the Parliament"), else the country's own
            often = c.name not in standalone_heads() or sum(o.key in ends for o in longer) >= 2
            if len(ends) == 1 and often:
                expansion = next(o for o in longer if o.key in ends)
            elif c.name in generic_heads() and c.name not in standalone_heads():
                c.key = None  # "the Party" beside two parties: not an entity of its own
        if expansion is not None:
            c.key, c.type = expansion.key, expansion.type
    _merge_leading_words(orgs)


def resolve_document(cands: list[Candidate]) -> list[Candidate]:
    """Give every candidate its document-local key and final type, in place.

    Parameters
    ----------
    cands : list of Candidate
        The cleaned mentions of one document, in reading order.

    Returns
    -------
    list of Candidate
        The same objects; ``key`` is the full name a mention stands for, or
        ``None`` when it is ambiguous; ``dropped`` marks non-entities.

    Examples
    --------
    >>> cs = [Candidate("Meng Wanzhou", "person"), Candidate("Meng", "place")]
    >>> [c.key for c in resolve_document(cs)]
    ['Meng Wanzhou', 'Meng Wanzhou']
    """
    _fix_person_types(cands)
    _resolve_people(cands)
    _resolve_organisations(cands)
    for c in cands:
        if c.type == "place" and not c.dropped:
            c.key = c.name
    return cands


__all__ = ["NAME_PARTICLES", "Candidate", "one_edit_apart", "resolve_document", "spelling_variants"]
