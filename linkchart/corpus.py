"""Files → :class:`~ner.records.Document`: folders, text, Markdown, HTML and JSONL.

Loading never raises on one bad file: it yields what it could read and records
every skipped item with a reason in :class:`LoadReport`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

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
#: A title longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 300
#: Fewer words than this extracted from a page means navigation, not an article.
MIN_HTML_WORDS = 15
#: Files larger than this are skipped as not an article.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Share of control characters above which a file is considered binary.
MAX_BINARY_SHARE = 0.01


@dataclass
class LoadReport:
    """What loading found: documents read, items skipped (with reasons), duplicates."""

    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)

    def skip(self, where: str | Path, reason: str) -> None:
        """Record an item that was not loaded."""
        self.skipped.append((str(where), reason))


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


def decode(data: bytes) -> str | None:
    """Decode bytes as text: UTF-8 (with BOM), else UTF-16 by BOM, else cp1252/latin-1.

    Returns ``None`` for binary data (NUL bytes or many control characters).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if text and controls / len(text) > MAX_BINARY_SHARE:
        return None
    return text


def title_and_outlet(text: str) -> tuple[str, str | None]:
    """First meaningful line as title; a "Headline | Site" suffix gives the outlet."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line or BOILERPLATE_LINES.match(line) or len(line) > MAX_TITLE_CHARS:
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


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---``-fenced ``key: value`` lines at the top of a text/Markdown file."""
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, flags=re.DOTALL)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def _document(doc_id: str, text: str, path: str, meta: dict) -> Document | None:
    text = text.strip()
    if not text:
        return None
    title, outlet = title_and_outlet(text)
    return Document(
        id=doc_id,
        text=text,
        title=str(meta.get("title") or title or doc_id),
        outlet=meta.get("outlet")
        or meta.get("sitename")
        or meta.get("source")
        or outlet
        or publisher_in_text(text),
        url=meta.get("url"),
        date=str(meta["date"]) if meta.get("date") else None,
        author=meta.get("author"),
        path=path,
        content_hash=content_hash(text),
    )


def read_text_file(path: Path, doc_id: str, report: LoadReport) -> Iterator[Document]:
    """A ``.txt``/``.md`` article; optional ``---`` front matter gives title/outlet/date."""
    text = _read(path, report)
    if text is None:
        return
    meta, body = _front_matter(text)
    doc = _document(doc_id, body, str(path), meta)
    if doc is None:
        report.skip(path, "empty file")
        return
    yield doc


def read_html_file(path: Path, doc_id: str, report: LoadReport) -> Iterator[Document]:
    """An HTML page: main text, title, site name and date via trafilatura."""
    text = _read(path, report)
    if text is None:
        return
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    result = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    body = (data.get("text") or "").strip()
    if len(body.split()) < MIN_HTML_WORDS:
        report.skip(path, "HTML page has no article text")
        return
    meta = {k: data.get(k) for k in ("title", "sitename", "date", "author", "url")}
    doc = _document(doc_id, body, str(path), {k: v for k, v in meta.items() if v})
    if doc is not None:
        yield doc


def read_jsonl_file(path: Path, doc_id: str, report: LoadReport) -> Iterator[Document]:
    """One article per line: ``text`` plus optional ``id``, ``title``, ``url``, ``outlet``…"""
    text = _read(path, report)
    if text is None:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            report.skip(where, f"malformed JSON ({error.msg})")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            report.skip(where, "no 'text' field")
            continue
        meta = {k: row[k] for k in ("title", "url", "outlet", "date", "author") if row.get(k)}
        line_id = str(row.get("id") or f"{doc_id}-{number}")
        doc = _document(line_id, row["text"], where, meta)
        if doc is None:
            report.skip(where, "empty text")
            continue
        yield doc


READERS = {
    **{s: read_text_file for s in TEXT_SUFFIXES},
    **{s: read_html_file for s in HTML_SUFFIXES},
    **{s: read_jsonl_file for s in JSONL_SUFFIXES},
}


def _read(path: Path, report: LoadReport) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.skip(path, f"file too large ({size // (1024 * 1024)} MB)")
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        report.skip(path, "broken link or missing file")
        return None
    except OSError as error:
        report.skip(path, f"unreadable ({error.strerror or error})")
        return None
    text = decode(data)
    if text is None:
        report.skip(path, "binary file, not text")
    return text


def iter_files(paths: Iterable[Path], report: LoadReport) -> Iterator[Path]:
    """Article files under ``paths`` (folders recursively), in a stable order."""
    for root in paths:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.name.startswith("."):
                    continue
                if path.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield path
                elif path.is_symlink() and not path.exists():
                    report.skip(path, "broken link")
        elif root.suffix.lower() in SUPPORTED_SUFFIXES or root.is_file():
            if not root.exists():
                report.skip(root, "no such file" if not root.is_symlink() else "broken link")
            elif root.suffix.lower() not in SUPPORTED_SUFFIXES:
                report.skip(root, f"unsupported file type '{root.suffix or '(none)'}'")
            else:
                yield root
        else:
            report.skip(root, "no such file or folder")


def load_corpus(paths: Iterable[str | Path], report: LoadReport | None = None) -> Iterator[Document]:
    """Stream the documents under ``paths``, skipping bad items into ``report``.

    Document ids are file stems (or JSONL ``id``s), made unique with a short
    hash of the path when two files share a stem. Identical texts are loaded
    once; the later path is recorded in ``report.duplicates``.
    """
    report = report if report is not None else LoadReport()
    seen_ids: set[str] = set()
    seen_hashes: dict[str, str] = {}
    for path in iter_files([Path(p) for p in paths], report):
        base_id = path.stem
        reader = READERS[path.suffix.lower()]
        for doc in reader(path, base_id, report):
            if doc.content_hash in seen_hashes:
                report.duplicates.append((doc.path or "", seen_hashes[doc.content_hash]))
                continue
            doc_id = doc.id
            if doc_id in seen_ids:
                suffix = hashlib.sha1(str(doc.path).encode()).hexdigest()[:6]
                doc_id = f"{doc_id}-{suffix}"
                doc = Document(**{**doc.__dict__, "id": doc_id})
            seen_ids.add(doc_id)
            seen_hashes[doc.content_hash] = doc_id
            yield doc
