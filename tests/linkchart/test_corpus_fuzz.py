"""Property tests: arbitrary bytes and Unicode through loading, decoding and title extraction.

Whatever a file holds, :func:`load_corpus` neither raises nor hangs: each file gives a
document, a duplicate or a recorded skip, and every document is text SQLite and XML writers
accept (UTF-8 encodable, no C0 controls, at most ``MAX_ARTICLE_CHARS``).
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import trafilatura  # noqa: F401  (imported up front so its slow import is not timed by hypothesis)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graph.store import Store
from linkchart.corpus import (
    MAX_ARTICLE_CHARS,
    MAX_TITLE_CHARS,
    LoadReport,
    decode,
    load_corpus,
    publisher_in_text,
    title_and_outlet,
)
from ner.records import Document, DocumentAnalysis

# Characters that break naive text handling: controls, bidi marks, zero-width and line-break
# characters, emoji sequences, combining marks, markup and the title/outlet separators.
AWKWARD = (
    [chr(c) for c in range(0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + list("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")
    + list("\u200b\u200c\u200d\ufeff\u2028\u2029\u00ad\ufffd\ufffe\uffff")
    + list("😀\U0001f9ff\U0010ffff\u0301|–—-#:©<>&\"'{}=+@ \n\t")
)
#: Multi-code-point sequences: emoji joined by ZWJ, flags, combining marks.
SEQUENCES = st.sampled_from(["👩‍👩‍👧", "🇨🇦", "🏳️‍🌈", "e\u0301", "\u202eevil\u202c", "\r\n"])
WORDS = st.sampled_from(
    ["Michael", "Chong", "said", "The", "Canadian", "Press", "report", "by", "was", "first", "published",
     "Originally", "in", "---", "title:", "outlet:", "Headline", "|", "—", "24CA", "News", "©", "2024"]
)  # fmt: skip
LONE_SURROGATES = st.characters(categories=["Cs"])
CHARS = st.one_of(st.characters(), st.sampled_from(AWKWARD), LONE_SURROGATES)


def strings(max_size: int) -> st.SearchStrategy[str]:
    """Strings of :data:`CHARS` (``st.text`` would silently drop the surrogates)."""
    return st.lists(CHARS, max_size=max_size).map("".join)


LONG_TOKEN = st.builds(
    lambda c, n: c * n, st.one_of(st.sampled_from(AWKWARD), st.characters()), st.integers(1, 20_000)
)
PIECES = st.one_of(strings(40), WORDS, SEQUENCES, LONG_TOKEN)
#: Arbitrary Unicode, lone surrogates included, mixing words, awkward characters and long tokens.
TEXT = st.lists(PIECES, max_size=30).map(" ".join)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1")
SUFFIXES = (".txt", ".md", ".html", ".jsonl")
C0 = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f]")


def encode(text: str, encoding: str) -> bytes:
    """``text`` as bytes; lone surrogates go through ``surrogateescape``/``surrogatepass``."""
    if encoding in ("cp1252", "latin-1"):
        return text.encode(encoding, "replace")
    try:
        return text.encode(encoding, "surrogateescape")  # U+DC80..U+DCFF become raw bytes
    except UnicodeEncodeError:
        return text.encode(encoding, "surrogatepass")  # other surrogates: their 3-byte forms


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh temporary folder per example (pytest's tmp_path is per test, not per example)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def load(*paths: Path) -> tuple[list[Document], LoadReport]:
    report = LoadReport()
    return list(load_corpus(paths, report)), report


def assert_storable(doc: Document) -> None:
    """A document the store, the exports and spaCy accept."""
    assert doc.text and doc.text == doc.text.strip()
    assert len(doc.text) <= MAX_ARTICLE_CHARS
    assert not C0.search(doc.text), "C0 control left in the text"
    assert re.fullmatch(r"[0-9a-f]{64}", doc.content_hash)
    for value in (doc.id, doc.text, doc.title, doc.outlet, doc.url, doc.date, doc.author, doc.path):
        if value is not None:
            value.encode("utf-8")  # strict: no lone surrogates
    assert doc.id and doc.title and "\n" not in doc.title


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4000))
@example(b"\xff\xfe" + "caf\udce9".encode("utf-16-le", "surrogatepass"))
@example("Le ministre a déclaré".encode("latin-1"))
@example(b"\xed\xa0\x80 lone surrogate, surrogatepass bytes")
def test_decode_never_raises_and_never_returns_surrogates(data: bytes) -> None:
    text = decode(data)
    if text is not None:
        text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(ENCODINGS))
def test_decoding_round_trips_plain_text(text: str, encoding: str) -> None:
    clean = C0.sub("", re.sub("[\ud800-\udfff\x80-\x9f]", "", text))
    data = clean.encode(encoding, "ignore")
    decoded = decode(data)
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32") and "\x00" not in clean:  # self-evident
        assert decoded is not None
        assert decoded.lstrip("\ufeff") == data.decode(encoding).lstrip("\ufeff")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=TEXT, encoding=st.sampled_from(ENCODINGS), suffix=st.sampled_from(SUFFIXES))
@example(text="---" + "\n" * 30_000 + "x", encoding="utf-8", suffix=".md")
@example(text="\ud800\udfff\udc80 Michael Chong said so.", encoding="utf-8", suffix=".txt")
@example(text='{"text": "a\u2028b Michael Chong", "id": "\\ud800"}', encoding="utf-8", suffix=".jsonl")
def test_any_file_gives_a_document_or_a_reason(text: str, encoding: str, suffix: str) -> None:
    with folder() as tmp:
        path = tmp / f"fuzz{suffix}"
        path.write_bytes(encode(text, encoding))
        docs, report = load(tmp)
    for doc in docs:
        assert_storable(doc)
    if suffix == ".jsonl":
        assert docs or report.skipped or report.duplicates or not text.strip()
    else:
        assert len(docs) + len(report.skipped) == 1, (docs, report.skipped)
    assert all(reason for _, reason in report.skipped)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | strings(20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
ROWS = st.fixed_dictionaries(
    {"text": TEXT},
    optional={k: JSON_VALUES | strings(60) for k in ("id", "title", "url", "outlet", "date", "author")},
)
JUNK = st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=60)
#: JSONL lines: rows, other JSON values (both ASCII, surrogates escaped) and non-JSON junk.
LINES = st.lists(st.one_of(ROWS.map(json.dumps), JSON_VALUES.map(json.dumps), JUNK), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_every_jsonl_line_is_a_document_a_duplicate_or_a_numbered_skip(lines: list[str]) -> None:
    with folder() as tmp:
        path = tmp / "feed.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        docs, report = load(path)
    for doc in docs:
        assert_storable(doc)
    assert len({d.id for d in docs}) == len(docs)
    if any(where == str(path) for where, _ in report.skipped):  # the whole file, e.g. binary
        return
    outcomes = [d.path for d in docs] + [w for w, _ in report.skipped] + [p for p, _ in report.duplicates]
    numbers = sorted(int(where.rsplit(":", 1)[1]) for where in outcomes)
    expected = [n for n, line in enumerate("\n".join(lines).split("\n"), start=1) if line.strip()]
    assert numbers == expected


@settings(max_examples=400, deadline=2000)
@given(TEXT)
@example("x" * 200_000)
@example("Headline " + "| " * 5000 + "Site")
@example("This report by " + "The " * 5000 + "was first published")
@example(" \u2028".join(["\u202eRTL title | \U0001f600 News", "body"]))
def test_title_and_outlet_never_raise_and_stay_short(text: str) -> None:
    title, outlet = title_and_outlet(text)
    assert len(title) <= MAX_TITLE_CHARS
    assert title == title.strip() and not any(c in title for c in "\n\r\u2028\u2029")
    assert title in text
    if outlet is not None:
        assert 0 < len(outlet) <= 40
    publisher = publisher_in_text(text)
    assert publisher is None or publisher.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(ENCODINGS))
def test_loaded_documents_survive_the_store(text: str, encoding: str) -> None:
    with folder() as tmp:
        (tmp / "in").mkdir()
        (tmp / "in" / "fuzz.txt").write_bytes(encode(text, encoding))
        row = {"text": text[::-1], "id": text[:20], "title": text[:80], "outlet": text[-30:]}
        (tmp / "in" / "feed.jsonl").write_text(json.dumps(row))  # lone surrogates as \ud800 escapes
        docs, _ = load(tmp / "in")
        with Store(tmp / "s.db", create=True) as store:
            store.docs.save_analyses([(d, DocumentAnalysis(d.id)) for d in docs], "v")
            back = store.docs.listing()
    assert {d.id: d.title for d in docs} == {i: d["title"] for i, d in back.items()}


def test_unclosed_front_matter_is_linear(tmp_path: Path) -> None:
    """``---`` then 30,000 blank lines: quadratic backtracking took ~10 s before."""
    path = tmp_path / "a.md"
    path.write_text("---" + "\n" * 30_000 + "Michael Chong said so.")
    start = time.perf_counter()
    (doc,), _ = load(path)
    assert time.perf_counter() - start < 2
    assert doc.title == "Michael Chong said so."
