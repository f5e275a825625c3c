"""The ``linkchart_layout`` component: which lines of an article are not body text.

News pages carry lines that name entities without saying anything about how they
relate: subheads ("Fugitive Mastermind", "In a turtleneck sweater"), bylines ("By Tessa
Marsh, Courier political reporter"), photo credits ("Photo: Christof Stache/AFP via Getty
Images") and "Related:" / "Read more:" links. Their mentions still count, but they never
make a co-mention or an assertion. A headline line of the form "Headline | Site" or
"Headline - Site" names its site: that part is one outlet, never an entity of another type.

The rules read the line's shape, never its words' meaning: its length, its final
punctuation, its capitalisation and whether it has a finite verb.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from ner.credits import credit_line

#: A line of more words than this is body text, whatever its shape.
MAX_HEADING_WORDS = 12
#: A title-case line of more words than a subhead, up to this many, is a deck: a second headline.
MAX_DECK_WORDS = 25
#: ... when this share of its words at least start with a capital letter.
DECK_TITLE_CASE_SHARE = 0.75
#: Share of a line's words that start with a capital letter above which it is title case.
TITLE_CASE_SHARE = 0.6
#: Part-of-speech tags of a finite verb: a line with one is a sentence, not a subhead.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Lines that credit a picture or link to another story.
NOT_BODY_LINE = re.compile(
    r"^\s*(?:(?:related|read more|see also|more on this|recommended)\b"
    # a caption's or a player's label needs its mark: "Credit Suisse said …" is body text
    r"|(?:photo|image|picture|video|credit|file photo|watch|listen)\s*(?:[:|–—-]|$))",
    re.IGNORECASE,
)
#: A caption ending in its credit: "Barry Gardiner (House of Commons/PA)".
CREDIT_TAIL = re.compile(r"\([^()]*/[^()]*\)\s*$")
#: A line that signs or labels what it names, not a title: "— Joanna Wiśniewska, Head of …"
#: after a quote, "Press contact: Inês Carvalho, …".
SIGNATURE_LINE = re.compile(r"^\s*(?:[\u2014\u2013-]\s*[A-Z]|[A-Z][\w ]{0,30}:\s)")
#: A byline: "By Tessa Marsh", "By Tessa Marsh, Courier political reporter".
BYLINE = re.compile(r"^\s*(?:[Bb]y|BY|Written by|Words by)\s+[A-Z]")
#: A site named after a headline: "Headline | Manila Bulletin", "Headline - Reuters".
SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+([A-Z][^|–—]{1,40})\s*$")
#: A headline before a site's name has at least this many words ("Trump - Biden Debate" has not).
MIN_HEADLINE_WORDS = 4
#: A site's name after a headline has at most this many words.
MAX_SITE_WORDS = 4
#: A sentence ends with one of these (quotes and brackets stripped first).
SENTENCE_END = ".!?…"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins the tokens again on every access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


#: Where :func:`doc_text` keeps a document's text.
TEXT_KEY = "linkchart_text"

if not Doc.has_extension("linkchart_headings"):
    Doc.set_extension("linkchart_headings", default=None)
if not Doc.has_extension("linkchart_titles"):
    Doc.set_extension("linkchart_titles", default=None)
if not Doc.has_extension("linkchart_site_spans"):
    Doc.set_extension("linkchart_site_spans", default=None)


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each non-empty line."""
    found, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            found.append((start + lead, start + len(line.rstrip())))
        start += len(line) + 1
    return found


def is_heading_line(words: list[str], tags: list[str], text: str) -> bool:
    """A subhead, byline, credit or link line, from its shape.

    >>> is_heading_line(["Fugitive", "Mastermind"], ["NNP", "NNP"], "Fugitive Mastermind")
    True
    >>> is_heading_line(["Braun", "denied", "it", "."], ["NNP", "VBD", "PRP", "."], "Braun denied it.")
    False
    """
    if NOT_BODY_LINE.match(text) or BYLINE.match(text):
        return True
    alpha = [w for w in words if w[:1].isalpha()]
    if not alpha or text.rstrip("\"'”’)] ")[-1:] in SENTENCE_END:
        return False
    capitals = sum(w[:1].isupper() for w in alpha) / len(alpha)
    if len(alpha) > MAX_HEADING_WORDS:
        # a deck: a second headline in title case ("The Hong Kong Court's Liquidation Order
        # Marks a New Phase in China's Real Estate Debt Crisis")
        return len(alpha) <= MAX_DECK_WORDS and capitals >= DECK_TITLE_CASE_SHARE
    title_case = capitals >= TITLE_CASE_SHARE
    finite = any(tag in FINITE_TAGS for tag in tags)
    return title_case or not finite


def _signed(text: str) -> bool:
    """A byline, credit, link or signature line: a heading, but not a headline or a subhead."""
    return credit_line(text) or any(
        p.search(text) for p in (NOT_BODY_LINE, BYLINE, CREDIT_TAIL, SIGNATURE_LINE)
    )


#: Words that make a headline's tail a clause, not a site's name: "… — Here's Why", "… - What We Know".
CLAUSE_WORDS = frozenset(
    {"here's", "there's", "that's", "what's", "it's", "why", "how", "what", "who", "when"}
)


def _site_like(headline: str, site: str) -> bool:
    """A headline of a few words and a short name after it: "… charges | Manila Bulletin"; not
    a clause ("… — Here's Why")."""
    words = site.replace("’", "'").lower().split()
    return (
        len(headline.split()) >= MIN_HEADLINE_WORDS
        and len(words) <= MAX_SITE_WORDS
        and not CLAUSE_WORDS.intersection(words)
    )


def linkchart_layout(doc: Doc) -> Doc:
    """Mark the sentences on heading lines (``doc._.linkchart_headings``, sentence indices; those
    of headlines and subheads also in ``doc._.linkchart_titles``) and the site parts of
    "Headline | Site" lines (``doc._.linkchart_site_spans``, character ranges)."""
    whole = doc_text(doc)
    lines = _lines(whole)
    starts = [start for start, _ in lines]
    sentences = list(doc.sents)
    on_line: dict[int, list[int]] = {}  # line → the sentences that lie wholly on it
    for i, sent in enumerate(sentences):
        line = bisect_right(starts, sent.start_char) - 1
        on_its_line = line >= 0 and sent.end_char <= lines[line][1] + 1
        if on_its_line and whole[sent.start_char : sent.end_char].strip():
            on_line.setdefault(line, []).append(i)
    headings: set[int] = set()
    titles: set[int] = set()  # headlines and subheads: heading lines by shape alone
    sites: list[tuple[int, int]] = []
    for line, inside in on_line.items():
        start, end = lines[line]
        text = whole[start:end]
        tokens = [t for i in inside for t in sentences[i] if not t.is_space]
        if is_heading_line([t.text for t in tokens], [t.tag_ for t in tokens], text):
            headings.update(inside)
            if not _signed(text):
                titles.update(inside)
        site = SITE_SUFFIX.search(text) if line == 0 else None
        if site and _site_like(text[: site.start()], site.group(1)):
            sites.append((start + site.start(1), start + site.end(1)))
    doc._.linkchart_headings = sorted(headings)
    doc._.linkchart_titles = sorted(titles)
    doc._.linkchart_site_spans = sites
    return doc
