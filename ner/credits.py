"""Photo credits: who took a picture and who supplied it.

News pages credit pictures in a few fixed shapes: after a label ("Photo: Robin Utrecht ANP",
"Credit: Belga", "File Photo by Jalal Morchidi/EPA-EFE", "Picture: Alamy"), in brackets at the
end of a caption ("(Chip Somodevilla/Getty Images)", "[Yves Herman/Reuters]", "[Getty]"), after its last
sentence ("… New Caledonia. Theo Rouby/AFP/dpa") or as a line of
their own ("Arnd Wiegmann | Reuters"). Each part between "/", "|" or "via" is a photographer
(two to four capitalised words) or a supplier: a news or picture agency. The model misses most
of them, being untrained on such lines; these rules read their shape, never their names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from ner import gazetteer
from ner.cleanup import is_acronym, rules

#: A credit's label; the credit runs from its end to the end of the line.
LABEL = re.compile(
    r"(?:\b(?:Photo(?:graph)?s?|Photographer|Pictures?|Images?|Credits?|Image credit|File photo|Source"
    r"|PHOTO(?:GRAPH)?S?|PHOTOGRAPHER|PICTURES?|IMAGES?|CREDITS?|IMAGE CREDIT|FILE PHOTO|SOURCE)\s*:"
    r"|\b(?:[Pp]hoto(?:graph)?|[Pp]icture|[Ii]mage)\s+by\b|\bFile [Pp]hoto by\b)\s*"
)
#: A credit in brackets closing a caption: "(Chip Somodevilla/Getty Images)".
BRACKETED = re.compile(r"[(\[]([A-Z][^()\[\]\n]*?(?:/|\s\|\s|\svia\s)[^()\[\]\n]*?)\.?[)\]]\s*\.?\s*$")
#: One name in square brackets closing a caption: "… at a polling station [Getty]".
SQUARE = re.compile(r"\s\[([A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,2})\]\s*$")
#: A line that is only a credit: "Arnd Wiegmann | Reuters", "Ralph Orlowski/Reuters".
WHOLE_LINE = re.compile(r"^\s*([A-Z][^\n|/]{0,40}(?:\s*/\s*|\s+\|\s+)[A-Z][^\n|]{0,40})\s*$")
#: Lower-case words a name in a credit may hold ("House of Commons/PA").
NAME_CONNECTORS = frozenset({"of", "and", "de", "van", "von", "der", "da", "di", "la", "le", "via"})
#: A credit after a spaced dash closing a caption: "Chaos reigns in Nairobi - LUIS TATO/GETTY IMAGES".
DASHED = re.compile(r"\s[-–—]\s+([A-Z][^\n/|]{0,40}/[A-Z][^\n/|]{0,40})\.?\s*$")
#: A credit after a caption's last sentence: "… of New Caledonia. Theo Rouby/AFP/dpa".
TRAILING = re.compile(r"[.!?]\s+([A-Z][^\n/|.!?]{0,40}(?:/[^\n/|.!?]{1,40})+)\s*$")
#: What separates a credit's parts.
PART_BREAK = re.compile(r"\s*(?:/|\s\|\s|\bvia\b|;)\s*")
#: Words that say a credit is for a picture, not who took or supplied it ("AP Photo").
CAPTION_WORDS = frozenset({"File", "FILE", "Photo", "PHOTO", "Photograph", "Picture"})
#: A credit is at most this many words long.
MAX_WORDS = 10


@dataclass(frozen=True)
class CreditPart:
    """One part of a credit: ``kind`` is "person" (a photographer) or "supplier"."""

    start: int
    end: int
    kind: str


def credit_line(line: str) -> bool:
    """The line is a credit and nothing else ("Arnd Wiegmann | Reuters", "Credit: Belga")."""
    label = LABEL.match(line.strip())
    return bool(label or WHOLE_LINE.match(line)) and len(line.split()) <= MAX_WORDS


def _segments(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each credit's text (labels and brackets left out)."""
    found = []
    offset = 0
    for line in text.split("\n"):
        label = LABEL.search(line)
        if label:
            start, end = label.end(), len(line.rstrip().rstrip(".)]").rstrip())
            if start < end and len(line[start:end].split()) <= MAX_WORDS:
                found.append((offset + start, offset + end))
        else:
            match = (
                BRACKETED.search(line)
                or SQUARE.search(line)
                or DASHED.search(line)
                or TRAILING.search(line)
                or WHOLE_LINE.match(line)
            )
            if match and len(match.group(1).split()) <= MAX_WORDS and _names_only(match.group(1)):
                found.append((offset + match.start(1), offset + match.end(1)))
        offset += len(line) + 1
    return found


#: A year closing a credit.
YEAR = re.compile(r"(?:19|20)\d\d")


def _names_only(text: str) -> bool:
    """Every part but an editor's initials or a year at the end is capitalised words
    ("Keystone-SDA/AP/sb", "Kevin Fujii/Civil Beat/2023")."""
    pieces = PART_BREAK.split(text.strip())
    if pieces and _initials_or_year(pieces[-1]):
        pieces = pieces[:-1]
    words = [w.strip(",.") for piece in pieces for w in piece.split()]
    return bool(words) and all(w[:1].isupper() or w in NAME_CONNECTORS or w == "&" for w in words)


def _initials_or_year(piece: str) -> bool:
    """A credit's closing part that names nobody: an editor's initials ("sb") or a year ("2023")."""
    return (piece.isalpha() and piece.islower() and len(piece) <= 3) or bool(YEAR.fullmatch(piece))


#: Particles inside a photographer's name ("Bernd von Jutrczenka", "Ahmad al Rubaye").
NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "al", "bin", "el"}
)


def _is_name_word(word: str) -> bool:
    """A capitalised word of letters, or an initial ("C." in "Jae C. Hong")."""
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True
    return word[:1].isupper() and word.replace("-", "").replace("'", "").replace("’", "").isalpha()


def _person_words(words: list[str]) -> bool:
    """Capitalised words, with particles inside ("Bernd von Jutrczenka")."""
    inner = words[1:-1]
    return (
        _is_name_word(words[0])
        and _is_name_word(words[-1])
        and all(_is_name_word(w) or w in NAME_PARTICLES for w in inner)
    )


def _capital_surname(words: list[str]) -> bool:
    """Given names, then a surname in capitals, as agencies credit photographers: "Ludovic MARIN"."""
    *given, surname = words
    return len(surname) > 2 and surname.isupper() and all(w.istitle() for w in given)


def credit_parts(text: str, bodies: Iterable[tuple[int, str]] = ()) -> list[CreditPart]:
    """The photographers and suppliers the credits of ``text`` name, in order; a part whose
    first word opens one of ``bodies`` (``(start, name)`` of names tagged as organisations) outside
    the credits is a supplier ("OceanGate Expeditions/PA" where the text names "OceanGate").

    >>> text = "Talks resumed. Photo: Robin Utrecht ANP\\nCredit: Belga"
    >>> [(text[p.start : p.end], p.kind) for p in credit_parts(text)]
    [('Robin Utrecht', 'person'), ('ANP', 'supplier'), ('Belga', 'supplier')]
    """
    heads = set(rules()["organization_heads"]) | set(rules()["outlet_heads"])
    segments = _segments(text)
    named = (
        {
            name.split()[0]
            for start, name in bodies
            if name.strip() and not any(a <= start < b for a, b in segments)
        }
        - heads
        - {"The"}
    )
    parts: list[CreditPart] = []
    for seg_start, seg_end in segments:
        position = seg_start
        photographer = False  # a credit names one photographer; the parts after are suppliers
        for piece in PART_BREAK.split(text[seg_start:seg_end]):
            start = text.index(piece, position) if piece else position
            position = start + len(piece)
            piece = piece.split(",")[0]  # "Peter Morgan, File"
            words = piece.split()
            while words and words[-1] in CAPTION_WORDS:
                words.pop()  # "AP Photo", "AFP File Photo"
            piece = " ".join(words)
            if not words or not (words[0][:1].isupper() or gazetteer.lookup(piece)):
                continue  # "sb": an editor's initials; but "dpa" is an agency
            the = words[0].lower() == "the"  # "(The Oregonian via AP)", "THE CANADIAN PRESS"
            if photographer:
                parts.append(CreditPart(start, start + len(piece), "supplier"))  # "Kevin Fujii/Civil Beat"
            elif len(words) >= 3 and not the and is_acronym(words[-1]) and _person_words(words[:-1]):
                photographer = True
                cut = start + piece.rindex(words[-1])
                parts.append(CreditPart(start, start + len(" ".join(words[:-1])), "person"))
                parts.append(CreditPart(cut, cut + len(words[-1]), "supplier"))  # "Robin Utrecht ANP"
            elif (
                2 <= len(words) <= 4
                and not the
                and _person_words(words)
                and (
                    all(w.isupper() for w in words)
                    or not any(len(w) > 1 and w.isupper() and not w.endswith(".") for w in words)
                    or _capital_surname(words)
                )
                and words[-1].title() not in heads
                and words[0] not in named
            ):
                photographer = True
                parts.append(CreditPart(start, start + len(piece), "person"))
            else:
                parts.append(CreditPart(start, start + len(piece), "supplier"))
    return parts


#: Where :func:`doc_credits` keeps a document's credit parts.
CREDITS_KEY = "linkchart_credits"


def doc_credits(doc: Doc) -> list[CreditPart]:
    """:func:`credit_parts` of a parsed document, found once."""
    from ner.layout import doc_text  # the layout reads credit lines too (:func:`credit_line`)

    parts = doc.user_data.get(CREDITS_KEY)
    if parts is None:
        bodies = [(e.start_char, e.text) for e in doc.ents if e.label_ == "ORG"]
        parts = doc.user_data[CREDITS_KEY] = credit_parts(doc_text(doc), bodies)
    return parts


def supplied(start: int, end: int, doc: Doc) -> bool:
    """The characters ``start:end`` are a credit's supplier ("Credit: Belga")."""
    return any(p.kind == "supplier" and p.start <= start and end <= p.end for p in doc_credits(doc))
