"""Files → :class:`~ner.records.Document`: folders, text, Markdown, HTML and JSONL.

Loading never raises on one bad file: it yields what it could read and records
every skipped item with a reason in :class:`LoadReport`.

Policy for bad input
--------------------
* Text is decoded as UTF-8 (with or without BOM; a few stray bytes become U+FFFD), UTF-16/32
  by BOM, UTF-16 without BOM when every other byte is NUL, else cp1252 (latin-1 for the five
  bytes cp1252 leaves undefined). NUL bytes or more than 1% control characters: "binary file".
* Loaded text loses C0 control characters (other than tab, LF, FF, CR) and lone surrogates
  (U+FFFD instead); line ends become ``\\n``.
* Article files above :data:`MAX_ARTICLE_MB` (JSONL feeds: :data:`MAX_FEED_MB`) are skipped
  unread, and texts above :data:`MAX_ARTICLE_CHARS` (spaCy's limit) are skipped.
* Only regular files are read: FIFOs, devices and sockets are skipped (reading one would hang).
* Hidden files and folders (``.git``, ``.venv``) are not searched.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import math
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from linkchart.scan import ScanCache
from ner.records import Document

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
#: Lines at the top of a scraped page that are navigation, not a title.
BOILERPLATE_LINES = re.compile(
    r"^(skip to (main )?content|menu|search|home|subscribe|sign in|log ?in|advertisement|"
    r"share( this)?|close|toggle navigation|world|news|posted by.*|published.*|articles.*)$",
    re.IGNORECASE,
)
#: Title suffixes naming the site: "Headline | 24CA News", "Headline - Reuters".
TITLE_SITE_SUFFIX = re.compile(r"\s+[|–—]\s+([^|–—]{2,40})$")
_OUTLET_NAME = r"(?P<outlet>(?:The |the )?[A-Z][\w’'&.\-]*(?: (?:[A-Z][\w’'&.\-]*|of|and|&))*)"
#: Lines in which an article names its publisher ("This report by The Canadian Press was first
#: published …", "Originally published here in The Bureau", "© 2024 Reuters").
PUBLISHER_LINES = (
    re.compile(
        r"\b(?:report|story|article) (?:by|from) " + _OUTLET_NAME + r" was (?:first |originally )?published"
    ),
    re.compile(
        r"\b(?:[Oo]riginally|[Ff]irst) (?:published|appeared) (?:here )?(?:in|by|on|at) " + _OUTLET_NAME
    ),
    re.compile(r"(?:©|\(c\)|Copyright) (?:\d{4} )?" + _OUTLET_NAME),
)
#: A ``---`` front-matter block (no ``\s*`` around the fences: that backtracks quadratically).
FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.DOTALL)
#: A title longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 300
#: Fewer words than this extracted from a page means navigation, not an article.
MIN_HTML_WORDS = 15
#: Article files (text, Markdown, HTML) larger than this many MB are skipped unread: no news
#: article is that big (a long read is ~100 kB of text).
MAX_ARTICLE_MB = 8
#: A JSONL feed holds many articles, so it may be larger than one article (MB).
MAX_FEED_MB = 512
#: Longest article text accepted (characters): spaCy's default ``nlp.max_length``, above which
#: spaCy refuses a text (and would need ~10 GB of memory to parse it).
MAX_ARTICLE_CHARS = 1_000_000
#: Share of control characters above which a file is considered binary.
MAX_BINARY_SHARE = 0.01
#: Share of NUL bytes among every other byte that marks UTF-16 text written without a BOM.
UTF16_NUL_SHARE = 0.3
#: UTF-8 with stray bytes: at least this many well-formed non-ASCII characters per bad byte.
UTF8_GOOD_PER_BAD = 4
_MB = 1024 * 1024
#: Control characters that make text look binary (tab, LF, FF and CR are text).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: Control characters removed from loaded text: C0 other than tab/LF/FF/CR, and DEL.
_C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _cp1252_table() -> dict[int, str]:
    """latin-1 code point → cp1252 character for the bytes 0x80-0x9F that cp1252 defines."""
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252 = _cp1252_table()


@dataclass
class LoadReport:
    """What loading found: documents read, items skipped (with reasons), duplicates."""

    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)

    def skip(self, where: str | Path, reason: str) -> None:
        """Record an item that was not loaded."""
        self.skipped.append((display_path(where), reason))


def display_path(path: str | Path) -> str:
    """``path`` as printable text: undecodable bytes in file names become U+FFFD."""
    return _SURROGATES.sub("\ufffd", str(path))


def content_hash(text: str) -> str:
    """Stable hash of a document's text (whitespace-normalised)."""
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()


def default_corpus() -> Path:
    """The bundled demo corpus: the repository's ``seeds/`` folder."""
    here = Path(__file__).resolve().parent.parent / "seeds"
    if here.is_dir():
        return here
    return Path(str(resources.files("seeds")))


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of BOM-less UTF-16 text (NUL in every other byte), else ``None``."""
    half = len(data) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > UTF16_NUL_SHARE * half and even < 0.05 * half:
        return "utf-16-le"
    if even > UTF16_NUL_SHARE * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes) -> str:
    """UTF-8 (stray bad bytes become U+FFFD), else cp1252 with latin-1 for its undefined bytes."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED_BYTES.findall(escaped))
    if len(_NON_ASCII.findall(escaped)) >= UTF8_GOOD_PER_BAD * bad:
        return data.decode("utf-8", "replace")
    return data.decode("latin-1").translate(_CP1252)


def decode(data: bytes) -> str | None:
    """Decode bytes as text: UTF-8 (with BOM), UTF-16/32 by BOM or NUL pattern, else cp1252.

    Returns ``None`` for binary data (NUL bytes or many control characters). Never raises and
    never returns lone surrogates.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = data.decode("utf-32", "replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", "replace")
    elif data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")
    elif b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            return None
        text = data.decode(codec, "replace")
    else:
        text = _decode_8bit(data)
    if text and len(_CONTROLS.findall(text)) / len(text) > MAX_BINARY_SHARE:
        return None
    return text


def normalize_text(text: str) -> str:
    """Text as linkchart keeps it: ``\\n`` line ends, no C0 controls, no lone surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATES.sub("\ufffd", _C0_CONTROLS.sub("", text))


def title_and_outlet(text: str) -> tuple[str, str | None]:
    """First meaningful line as title; a "Headline | Site" suffix gives the outlet."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if len(line) > MAX_TITLE_CHARS or not any(c.isalnum() for c in line) or BOILERPLATE_LINES.match(line):
            continue
        line = re.sub(r"^(document|title):\s*", "", line, flags=re.IGNORECASE)
        match = TITLE_SITE_SUFFIX.search(line)
        if match:
            return line[: match.start()].strip(), match.group(1).strip()
        return line, None
    return "", None


def publisher_in_text(text: str) -> str | None:
    """The outlet an article names as its publisher, if it says so in a standard line."""
    for pattern in PUBLISHER_LINES:
        match = pattern.search(text)
        if match:
            return re.sub(r"^the ", "The ", match.group("outlet").strip(" .,"))
    return None


def _json_type(value: Any) -> str:
    """ "a number", "a list", … for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def _unquoted(value: str) -> str:
    """A front-matter value without the quotes that wrap it: ``"x"`` and ``'x'``, never a
    quote that is part of it ("'Sweeping' raids", "Ministers' meeting")."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---``-fenced ``key: value`` lines at the top of a text/Markdown file."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = _unquoted(value.strip())
    return meta, text[match.end() :]


def _too_long(text: str) -> str | None:
    """Why ``text`` is too long to be an article, or ``None``."""
    if len(text) <= MAX_ARTICLE_CHARS:
        return None
    return f"too long for an article ({len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,})"


def _meta_value(value: Any) -> str | None:
    """A metadata value as clean one-line text; ``None`` for empty or structured values."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = " ".join(normalize_text(str(value)).split())
    return text or None


def shown(text: str | None) -> str | None:
    """A title, outlet or author as linkchart displays it: no invisible format characters
    (right-to-left overrides, zero-width spaces and joiners), whitespace collapsed; entity
    names are cleaned the same way (:func:`ner.cleanup.tidy`)."""
    if text is None:
        return None
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split()) or None


def _document(doc_id: str, text: str, path: str, meta: dict) -> Document | None:
    text = text.strip()
    if not text:
        return None
    title, outlet = title_and_outlet(text)
    meta = {k: v for k, v in ((k, shown(_meta_value(v))) for k, v in meta.items()) if v}
    return Document(
        id=doc_id,
        text=text,
        title=meta.get("title") or shown(title) or doc_id,
        outlet=meta.get("outlet")
        or meta.get("sitename")
        or meta.get("source")
        or shown(outlet)
        or shown(publisher_in_text(text)),
        url=meta.get("url"),
        date=meta.get("date"),
        author=meta.get("author"),
        path=path,
        content_hash=content_hash(text),
    )


def read_text_file(path: Path, doc_id: str, report: LoadReport) -> Iterator[Document]:
    """A ``.txt``/``.md`` article; optional ``---`` front matter gives title/outlet/date."""
    text = _read(path, report, MAX_ARTICLE_MB)
    if text is None:
        return
    meta, body = _front_matter(text)
    problem = _too_long(body.strip())
    if problem:
        report.skip(path, problem)
        return
    doc = _document(doc_id, body, display_path(path), meta)
    if doc is None:
        report.skip(path, "empty file")
        return
    yield doc


def read_html_file(path: Path, doc_id: str, report: LoadReport) -> Iterator[Document]:
    """An HTML page: main text, title, site name and date via trafilatura."""
    text = _read(path, report, MAX_ARTICLE_MB)
    if text is None:
        return
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it
    from lxml import html as lxml_html

    try:
        # huge_tree: libxml2 otherwise stops at 255 nested elements and the text is lost
        tree = lxml_html.fromstring(text, parser=lxml_html.HTMLParser(huge_tree=True))
        result = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    except Exception as error:  # a parser failure on one page must not stop the build
        report.skip(path, f"HTML could not be parsed ({type(error).__name__})")
        return
    data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    body = normalize_text(data.get("text") or "").strip()
    if len(body.split()) < MIN_HTML_WORDS:
        report.skip(path, "HTML page has no article text")
        return
    problem = _too_long(body)
    if problem:
        report.skip(path, problem)
        return
    meta = {k: data.get(k) for k in ("title", "sitename", "date", "author", "url")}
    doc = _document(doc_id, body, display_path(path), meta)
    if doc is not None:
        yield doc


def _line_id(row: dict, default: str) -> str:
    """A JSONL line's ``id`` as clean text, else ``default``."""
    value = _meta_value(row.get("id"))
    return value if value is not None else default


def read_jsonl_file(path: Path, doc_id: str, report: LoadReport) -> Iterator[Document]:
    """One article per line: ``text`` plus optional ``id``, ``title``, ``url``, ``outlet``…

    Lines end at ``\\n`` only: JSON strings may hold U+2028 and other Unicode line breaks.
    """
    text = _read(path, report, MAX_FEED_MB)
    if text is None:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{display_path(path)}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            report.skip(where, f"malformed JSON ({error.msg})")
            continue
        except RecursionError:
            report.skip(where, "malformed JSON (nested too deeply)")
            continue
        except ValueError:  # json's only other ValueError: an integer of over 4,300 digits
            report.skip(where, "malformed JSON (number too long)")
            continue
        if not isinstance(row, dict):
            report.skip(where, 'not a JSON object (an article is {"text": …})')
            continue
        if "text" not in row:
            report.skip(where, "no 'text' field")
            continue
        if not isinstance(row["text"], str):
            report.skip(where, f"'text' is not a string (it is {_json_type(row['text'])})")
            continue
        body = normalize_text(row["text"]).strip()
        problem = _too_long(body)
        if problem:
            report.skip(where, problem)
            continue
        meta = {k: row[k] for k in ("title", "url", "outlet", "date", "author") if row.get(k)}
        doc = _document(_line_id(row, f"{doc_id}-{number}"), body, where, meta)
        if doc is None:
            report.skip(where, "empty text")
            continue
        yield doc


READERS = {
    **{s: read_text_file for s in TEXT_SUFFIXES},
    **{s: read_html_file for s in HTML_SUFFIXES},
    **{s: read_jsonl_file for s in JSONL_SUFFIXES},
}


def _read(path: Path, report: LoadReport, limit_mb: int) -> str | None:
    """The decoded, cleaned text of a regular file of at most ``limit_mb`` MB, else ``None``."""
    limit = limit_mb * _MB
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            report.skip(path, "not a regular file")
            return None
        if info.st_size > limit:
            what = "file too large for a feed" if limit_mb == MAX_FEED_MB else "not an article"
            report.skip(path, f"{what} ({math.ceil(info.st_size / _MB)} MB; the limit is {limit_mb} MB)")
            return None
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        report.skip(path, "broken link or missing file")
        return None
    except OSError as error:
        report.skip(path, f"unreadable ({error.strerror or error})")
        return None
    if len(data) > limit:  # the file grew, or stat does not know its size
        report.skip(path, f"not an article (over {limit_mb} MB)")
        return None
    text = decode(data)
    if text is None:
        report.skip(path, "binary file, not text")
        return None
    return normalize_text(text)


def _walk(root: Path, report: LoadReport) -> list[Path]:
    """Article files under the folder ``root``, hidden files and folders left out."""

    errors: list[OSError] = []

    def unreadable(error: OSError) -> None:
        errors.append(error)
        report.skip(error.filename or root, f"unreadable folder ({error.strerror or error})")

    found = []
    for folder, dirs, files in os.walk(root, onerror=unreadable):
        here = Path(folder)
        for name in list(dirs):
            if name.startswith(".") or (here / name).is_symlink():
                dirs.remove(name)
                if not name.startswith("."):
                    report.skip(here / name, "link to a folder, not followed")
        for name in files:
            path = here / name
            if name.startswith("."):
                continue
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(path)
            elif path.is_symlink() and not path.exists():
                report.skip(path, "broken link")
    if not found and not errors:
        report.skip(root, f"no article files ({', '.join(sorted(SUPPORTED_SUFFIXES))}) in this folder")
    return sorted(found)


def iter_files(paths: Iterable[Path], report: LoadReport) -> Iterator[Path]:
    """Article files under ``paths`` (folders recursively), in a stable order."""
    for root in paths:
        if root.is_dir():
            yield from _walk(root, report)
        elif root.is_symlink() and not root.exists():
            report.skip(root, "broken link")
        elif not root.exists():
            report.skip(root, "no such file or folder")
        elif root.suffix.lower() not in SUPPORTED_SUFFIXES:
            kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
            report.skip(root, f"unsupported file type '{root.suffix or '(none)'}' (linkchart reads {kinds})")
        else:
            yield root


def load_corpus(
    paths: Iterable[str | Path],
    report: LoadReport | None = None,
    *,
    cache: ScanCache | None = None,
    wants_text: Callable[[Document], bool] | None = None,
) -> Iterator[Document]:
    """Stream the documents under ``paths``, skipping bad items into ``report``.

    Document ids are file stems (or JSONL ``id``s), made unique with a short
    hash of the path when two files share a stem. Identical texts are loaded
    once; the later path is recorded in ``report.duplicates``.

    With a :class:`~linkchart.scan.ScanCache`, a file unchanged since its last
    read is not read: its documents come back with empty ``text``, unless
    ``wants_text(doc)`` says the caller needs it (then the file is read again).
    """
    report = report if report is not None else LoadReport()
    seen_ids: set[str] = set()
    seen_hashes: dict[str, str] = {}
    for path in iter_files([Path(p) for p in paths], report):
        for doc, text_of in file_documents(path, report, cache):
            if doc.content_hash in seen_hashes:
                report.duplicates.append((doc.path or "", seen_hashes[doc.content_hash]))
                continue
            if doc.id in seen_ids:
                suffix = hashlib.sha1(str(doc.path).encode("utf-8", "surrogateescape")).hexdigest()[:6]
                doc = replace(doc, id=f"{doc.id}-{suffix}")
            if text_of is not None and wants_text is not None and wants_text(doc):
                read = text_of()
                if read is None or read.content_hash != doc.content_hash:
                    report.skip(path, "changed while being read; build again to pick it up")
                    cache.forget(path)  # type: ignore[union-attr]  # text_of comes only with a cache
                    continue
                doc = replace(doc, text=read.text)
            seen_ids.add(doc.id)
            seen_hashes[doc.content_hash] = doc.id
            yield doc


def file_documents(
    path: Path, report: LoadReport, cache: ScanCache | None
) -> Iterator[tuple[Document, Callable[[], Document | None] | None]]:
    """One file's documents, each with ``None`` or, for a remembered one (empty text), a reader of it."""
    base_id = normalize_text(path.stem)
    reader = READERS[path.suffix.lower()]
    if cache is None:
        for doc in reader(path, base_id, report):
            yield doc, None
        return
    record, stamp, started = cache.lookup(path)
    if record is not None:
        report.skipped.extend(record.skipped)
        texts: list[list[Document]] = []

        def reread(index: int) -> Document | None:
            if not texts:  # read the file once for all of its documents that need their text
                texts.append(list(reader(path, base_id, LoadReport())))
            return texts[0][index] if index < len(texts[0]) else None

        for index, stub in enumerate(record.stubs()):
            yield stub, partial(reread, index)
        return
    before = len(report.skipped)
    read: list[Document] = []
    for doc in reader(path, base_id, report):
        read.append(doc)
        yield doc, None
    if stamp is not None:
        cache.remember(path, stamp, started, read, report.skipped[before:])
