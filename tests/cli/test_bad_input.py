"""The bad-input matrix: bad files, bad commands and hostile text through the real CLI.

Every case states the exact message (a substring of the output) and the exit code it expects
(0 ok, 1 nothing found, 2 bad input, 70 internal). No case may end in a Python traceback.

"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from graph.store import Store
from linkchart.cli import main
from linkchart.corpus import MAX_ARTICLE_CHARS, MAX_ARTICLE_MB, SUPPORTED_SUFFIXES
from tests.conftest import REPO

ARTICLE = "Michael Chong said the report was further evidence of interference by Beijing in Ottawa."
NOTHING_READ = "linkchart: no documents could be read; nothing was built"
KINDS = ", ".join(sorted(SUPPORTED_SUFFIXES))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# Payloads that must reach every export as inert text.
MARKUP = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "</textarea>",
    "{{constructor.constructor('alert(1)')()}}",
)
FORMULAS = ('=HYPERLINK("http://evil")', "+SUM(1)", "-2+3", "@cmd")

Setup = Callable[[Path, pytest.MonkeyPatch], list[str]]
Check = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One row of the matrix: make the input, run ``args``, expect ``code`` and ``messages``."""

    setup: Setup
    code: int
    messages: tuple[str, ...]
    store: str | None = None  # "seeds" or "hostile": the store fixture passed as --db
    unchanged: tuple[str, ...] = ()  # files (under tmp_path) that must stay byte-for-byte equal
    check: Check | None = None


def _folder(tmp: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp / "in"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def build_of(files: dict[str, str | bytes], db: str = "{tmp}/db.db") -> Setup:
    """Build the folder ``in/`` holding ``files`` into ``db`` ("{tmp}" stands for tmp_path)."""

    def setup(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        return ["build", str(_folder(tmp, files)), "--db", db.format(tmp=tmp)]

    return setup


def command(*args: str) -> Setup:
    """Run ``args`` ("{tmp}" stands for tmp_path); the store, if any, is appended by the case."""

    def setup(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        return [a.format(tmp=tmp) for a in args]

    return setup


def _fill(value: Any, tmp: Path) -> Any:
    """``value`` with "{tmp}" replaced by tmp_path (in strings and lists of strings)."""
    if isinstance(value, list):
        return [_fill(v, tmp) for v in value]
    return value.format(tmp=tmp) if isinstance(value, str) else value


def stored(doc_id: str, **expected: Any) -> Check:
    """The store ``db.db`` holds ``doc_id`` whose metadata includes ``expected``."""

    def check(tmp: Path) -> None:
        with Store(tmp / "db.db") as store:
            doc = store.docs.listing()[doc_id]
        for key, value in expected.items():
            assert doc[key] == _fill(value, tmp), (key, doc[key])

    return check


def title_contains(doc_id: str, *parts: str) -> Check:
    """The stored title of ``doc_id`` contains every one of ``parts`` (decoded correctly)."""

    def check(tmp: Path) -> None:
        with Store(tmp / "db.db") as store:
            title = store.docs.listing()[doc_id]["title"]
        assert all(p in title for p in parts), title

    return check


def absent(*names: str) -> Check:
    """None of ``names`` (under tmp_path) exists afterwards."""

    def check(tmp: Path) -> None:
        assert not [n for n in names if (tmp / n).exists()]

    return check


# -- inputs ------------------------------------------------------------------------------
def _large_file(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    folder = _folder(tmp, {})
    with (folder / "big.txt").open("wb") as handle:  # sparse: 50 MB on paper, never read
        handle.write((ARTICLE + "\n").encode())
        handle.truncate(50 * 1024 * 1024)
    return ["build", str(folder), "--db", str(tmp / "db.db")]


def _unreadable(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    folder = _folder(tmp, {"locked.txt": ARTICLE})
    locked = folder / "locked.txt"
    locked.chmod(0)
    if IS_ROOT:  # root reads mode-000 files: make open() fail as it would for anyone else
        real_open = Path.open

        def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", denied)
    return ["build", str(folder), "--db", str(tmp / "db.db")]


def _unreadable_folder(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    folder = _folder(tmp, {})
    locked = folder / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(ARTICLE)
    locked.chmod(0)
    if IS_ROOT:  # root lists mode-000 folders: make listing fail as it would for anyone else
        real_scandir = os.scandir

        def denied(path: Any = ".") -> Any:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", denied)
    return ["build", str(folder), "--db", str(tmp / "db.db")]


def _dangling_in_folder(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    folder = _folder(tmp, {})
    (folder / "dangling.txt").symlink_to(tmp / "gone.txt")
    return ["build", str(folder), "--db", str(tmp / "db.db")]


def _dangling_given(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (tmp / "dangling.txt").symlink_to(tmp / "gone.txt")
    return ["build", str(tmp / "dangling.txt"), "--db", str(tmp / "db.db")]


def _fifo(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    folder = _folder(tmp, {})
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    return ["build", str(folder), "--db", str(tmp / "db.db")]


def _pdf(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (tmp / "report.pdf").write_bytes(b"%PDF-1.7\n" + ARTICLE.encode())
    return ["build", str(tmp / "report.pdf"), "--db", str(tmp / "db.db")]


def _random_bytes(tmp: Path, name: str) -> Path:
    path = tmp / name
    path.write_bytes(bytes((i * 131 + 7) % 256 for i in range(4096)))
    return path


def _corrupt_store(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    _random_bytes(tmp, "random.db")
    return ["entities", "--db", str(tmp / "random.db")]


def _corrupt_sqlite(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (tmp / "corrupt.db").write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    return ["entities", "--db", str(tmp / "corrupt.db")]


def _text_as_store(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (tmp / "notastore.txt").write_text("my notes, not a database\n")
    folder = _folder(tmp, {"a.txt": ARTICLE})
    return ["build", str(folder), "--db", str(tmp / "notastore.txt")]


def _foreign_sqlite(tmp: Path) -> Path:
    path = tmp / "foreign.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.execute("INSERT INTO notes VALUES ('keep me')")
    db.commit()
    db.close()
    return path


def _foreign_query(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return ["entities", "--db", str(_foreign_sqlite(tmp))]


def _foreign_build(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    folder = _folder(tmp, {"a.txt": ARTICLE})
    return ["build", str(folder), "--db", str(_foreign_sqlite(tmp))]


JSONL_LINES = [
    json.dumps({"id": "first", "text": ARTICLE}),
    "{not json",
    json.dumps({"title": "no text"}),
    json.dumps({"text": "Han Dong told Justin Trudeau in Toronto that the story was false."}),
    json.dumps({"text": "x" * (MAX_ARTICLE_CHARS + 1)}),
    "[" * 100_000,
    json.dumps({"text": "   "}),
    json.dumps({"text": 5}),
    '"just a string"',
]
UNREADABLE = {
    "binary.txt": b"\x00\x01\x02PK\x03\x04" * 50,
    "empty.txt": b"",
    "nobody.html": "<html><body><nav>Menu</nav></body></html>",
}
MANY_CHARS = "x" * 1_200_000

# fmt: off
CASES: dict[str, Case | Any] = {
    # -- bad files --------------------------------------------------------------------------
    "binary file": Case(build_of({"binary.txt": UNREADABLE["binary.txt"]}), 1, (
        "skipped {tmp}/in/binary.txt: binary file, not text", NOTHING_READ)),
    "invisible characters in title and outlet": Case(
        build_of({"rtl.txt": "---\ntitle: Evil\u202e title\u200b here\noutlet: Bad\u2066 Outlet\n---\n"
                  + ARTICLE}),
        0, ("1 document (1 parsed, 0 unchanged) → {tmp}/db.db",),
        check=stored("rtl", title="Evil title here", outlet="Bad Outlet")),
    "front matter keeps a quote that is part of the title": Case(
        build_of({"fm.txt": f"---\ntitle: 'Sweeping' raids in Toronto\noutlet: 'The Star'\n---\n{ARTICLE}"}),
        0, ("1 document (1 parsed, 0 unchanged) → {tmp}/db.db",),
        check=title_contains("fm", "'Sweeping' raids in Toronto")),
    "latin-1 decodes": Case(
        build_of({"fr.txt": f"Le ministre a déclaré à Montréal\n\n{ARTICLE}".encode("latin-1")}), 0,
        ("1 document (1 parsed, 0 unchanged) → {tmp}/db.db",),
        check=title_contains("fr", "déclaré à Montréal")),
    "cp1252 decodes": Case(
        build_of({"cp.txt": f"“Quoted” for 5€ at Montréal\n\n{ARTICLE}".encode("cp1252")}), 0,
        ("1 document (1 parsed",), check=title_contains("cp", "“Quoted”", "5€", "Montréal")),
    "UTF-16 with BOM decodes": Case(
        build_of({"u16.txt": f"Déclaration à Québec\n\n{ARTICLE}".encode("utf-16")}), 0,
        ("1 document (1 parsed",), check=title_contains("u16", "Déclaration à Québec")),
    "UTF-16 without BOM decodes": Case(
        build_of({"u16le.txt": f"Déclaration à Québec\n\n{ARTICLE}".encode("utf-16-le")}), 0,
        ("1 document (1 parsed",), check=title_contains("u16le", "Déclaration à Québec")),
    "UTF-8 with a stray byte": Case(
        build_of({"stray.txt": f"Ünïcödé à Montréal\n\n{ARTICLE}".encode() + b"\xff"}), 0,
        ("1 document (1 parsed",), check=title_contains("stray", "Ünïcödé à Montréal")),
    "empty file": Case(build_of({"empty.txt": b"", "blank.md": " \n\t\n"}), 1, (
        "skipped {tmp}/in/blank.md: empty file", "skipped {tmp}/in/empty.txt: empty file", NOTHING_READ)),
    "50 MB file": Case(_large_file, 1, (
        f"skipped {{tmp}}/in/big.txt: not an article (50 MB; the limit is {MAX_ARTICLE_MB} MB)",
        NOTHING_READ)),
    "text over spaCy's max_length": Case(build_of({"long.txt": MANY_CHARS}), 1, (
        "skipped {tmp}/in/long.txt: too long for an article (1,200,000 characters; the limit is 1,000,000)",
        NOTHING_READ)),
    "HTML nested 300 levels deep": Case(
        build_of({"deep.html": "<html><head><title>Deep page</title></head><body>" + "<div>" * 300
                  + "<p>" + " ".join([ARTICLE] * 3) + "</p>" + "</div>" * 300 + "</body></html>"}), 0,
        ("1 document (1 parsed, 0 unchanged) → {tmp}/db.db",), check=stored("deep", title="Deep page")),
    "HTML with no article body": Case(build_of({"nobody.html": UNREADABLE["nobody.html"]}), 1, (
        "skipped {tmp}/in/nobody.html: HTML page has no article text", NOTHING_READ)),
    "malformed JSONL lines": Case(build_of({"feed.jsonl": "\n".join(JSONL_LINES)}), 0, (
        "skipped {tmp}/in/feed.jsonl:2: malformed JSON (Expecting property name enclosed in double quotes)",
        "skipped {tmp}/in/feed.jsonl:3: no 'text' field",
        "skipped {tmp}/in/feed.jsonl:5: too long for an article (1,000,001 characters; "
        "the limit is 1,000,000)",
        "skipped {tmp}/in/feed.jsonl:6: malformed JSON (nested too deeply)",
        "skipped {tmp}/in/feed.jsonl:7: empty text",
        "skipped {tmp}/in/feed.jsonl:8: 'text' is not a string (it is a number)",
        'skipped {tmp}/in/feed.jsonl:9: not a JSON object (an article is {{"text": …}})',
        "2 documents (2 parsed, 0 unchanged, 7 skipped) → {tmp}/db.db"),
        check=stored("feed-4", path="{tmp}/in/feed.jsonl:4")),
    "duplicate documents": Case(build_of({"a.txt": ARTICLE, "b.txt": ARTICLE + "\n"}), 0, (
        "duplicate {tmp}/in/b.txt: same text as document a", "1 document (1 parsed, 0 unchanged) →"),
        check=stored("a", paths=["{tmp}/in/a.txt", "{tmp}/in/b.txt"])),
    "unreadable file": Case(_unreadable, 1, (
        "skipped {tmp}/in/locked.txt: unreadable (Permission denied)", NOTHING_READ)),
    "unreadable folder": Case(_unreadable_folder, 1, (
        "skipped {tmp}/in/locked: unreadable folder (Permission denied)", NOTHING_READ)),
    "broken symlink in a folder": Case(_dangling_in_folder, 1, (
        "skipped {tmp}/in/dangling.txt: broken link or missing file", NOTHING_READ)),
    "broken symlink given": Case(_dangling_given, 1, (
        "skipped {tmp}/dangling.txt: broken link", NOTHING_READ)),
    "FIFO named .txt": Case(_fifo, 1, ("skipped {tmp}/in/pipe.txt: not a regular file", NOTHING_READ)),
    "nothing readable": Case(build_of(UNREADABLE), 1, (
        "skipped {tmp}/in/binary.txt: binary file, not text", "skipped {tmp}/in/empty.txt: empty file",
        "skipped {tmp}/in/nobody.html: HTML page has no article text", NOTHING_READ)),
    "nothing readable leaves no store": Case(
        build_of(UNREADABLE), 1, (NOTHING_READ,), check=absent("db.db", "db.db.lock")
    ),
    "empty folder": Case(build_of({}), 1, (
        f"skipped {{tmp}}/in: no article files ({KINDS}) in this folder", NOTHING_READ)),
    "path does not exist": Case(command("build", "{tmp}/nope", "--db", "{tmp}/db.db"), 1, (
        "skipped {tmp}/nope: no such file or folder", NOTHING_READ)),
    "unsupported file type": Case(_pdf, 1, (
        f"skipped {{tmp}}/report.pdf: unsupported file type '.pdf' (linkchart reads {KINDS})", NOTHING_READ)),
    "some skipped, rest built": Case(build_of({"good.txt": ARTICLE, "copy.txt": ARTICLE, **UNREADABLE}), 0, (
        "skipped {tmp}/in/binary.txt: binary file, not text", "skipped {tmp}/in/empty.txt: empty file",
        "skipped {tmp}/in/nobody.html: HTML page has no article text",
        "duplicate {tmp}/in/good.txt: same text as document copy",
        "1 document (1 parsed, 0 unchanged, 3 skipped) → {tmp}/db.db")),
    # -- bad commands -----------------------------------------------------------------------
    "unknown entity": Case(command("path", "Han Dongg", "Meng Wanzhou"), 2, (
        "linkchart: no entity named 'Han Dongg'; did you mean 'Han Dong'",), store="seeds"),
    "unknown entity (neighbors)": Case(command("neighbors", "Michael Kovrik"), 2, (
        "linkchart: no entity named 'Michael Kovrik'; did you mean 'Michael Kovrig'",), store="seeds"),
    "unknown speaker (claims)": Case(command("claims", "--speaker", "Charls Burton"), 2, (
        "linkchart: no entity named 'Charls Burton'; did you mean 'Charles Burton'",), store="seeds"),
    "missing --db": Case(command("entities", "--db", "{tmp}/none.db"), 2, (
        "linkchart: no store at {tmp}/none.db; run 'linkchart build' first (or pass --db)",),
        check=absent("none.db")),
    "corrupt --db (random bytes)": Case(_corrupt_store, 2, (
        "linkchart: {tmp}/random.db is not a linkchart store (not an SQLite file); refusing to touch it",),
        unchanged=("random.db",)),
    "corrupt --db (SQLite header, garbage)": Case(_corrupt_sqlite, 2, (
        "linkchart: {tmp}/corrupt.db is corrupt or not a linkchart store (file is not a database)",),
        unchanged=("corrupt.db",)),
    "build --db on a text file": Case(_text_as_store, 2, (
        "linkchart: {tmp}/notastore.txt is not a linkchart store (not an SQLite file); "
        "refusing to touch it",),
        unchanged=("notastore.txt",), check=absent("notastore.txt.lock")),
    "foreign SQLite --db (query)": Case(_foreign_query, 2, (
        "linkchart: {tmp}/foreign.db is an SQLite file but not a linkchart store; refusing to touch it",),
        unchanged=("foreign.db",), check=absent("foreign.db-wal", "foreign.db-shm")),
    "foreign SQLite --db (build)": Case(_foreign_build, 2, (
        "linkchart: {tmp}/foreign.db is an SQLite file but not a linkchart store; refusing to touch it",),
        unchanged=("foreign.db",)),
    "--db is a folder": Case(command("entities", "--db", "{tmp}"), 2, (
        "Invalid value for '--db': File '{tmp}' is a directory.",)),
    "build --db in a missing folder": Case(build_of({"a.txt": ARTICLE}, db="{tmp}/nodir/x.db"), 2, (
            "linkchart: cannot create {tmp}/nodir/x.db: folder {tmp}/nodir does not exist",)),
    "unknown export format": Case(command("export", "pdf", "{tmp}/out.pdf"), 2, (
        "Invalid value for 'FORMAT': 'pdf' is not one of 'graphml', 'gexf', 'json', 'csv', "
        "'claims-csv'.",), store="seeds"),
    "export into a missing folder": Case(command("export", "graphml", "{tmp}/nodir/g.graphml"), 2, (
        "linkchart: cannot write {tmp}/nodir/g.graphml: folder {tmp}/nodir does not exist",), store="seeds"),
    "export without suffix into a missing folder": Case(
        command("export", "graphml", "{tmp}/nodir/graph"), 2, (
            "linkchart: cannot write {tmp}/nodir/graph: folder {tmp}/nodir does not exist",), store="seeds"),
    "html into a missing folder": Case(command("html", "{tmp}/nodir/x.html"), 2, (
        "linkchart: cannot write {tmp}/nodir/x.html: folder {tmp}/nodir does not exist",), store="seeds"),
    "conflicting options": Case(command("path", "Han Dong", "Meng Wanzhou", "--all", "--k", "2"), 2, (
        "linkchart: --all and --k cannot be combined; pick one",), store="seeds"),
    "option out of range": Case(command("path", "Han Dong", "Meng Wanzhou", "--k", "0"), 2, (
        "Invalid value for '--k': 0 is not in the range 1<=x<=100.",), store="seeds"),
    # -- hostile text -----------------------------------------------------------------------
    "hostile text → graphml": Case(command("export", "graphml", "{tmp}/h.graphml"), 0, (
        "wrote {tmp}/h.graphml",), store="hostile", check=lambda tmp: check_xml(tmp / "h.graphml")),
    "hostile text → gexf": Case(command("export", "gexf", "{tmp}/h.gexf"), 0, (
        "wrote {tmp}/h.gexf",), store="hostile", check=lambda tmp: check_xml(tmp / "h.gexf")),
    "hostile text → csv": Case(command("export", "csv", "{tmp}"), 0, (
        "wrote {tmp}/nodes.csv", "wrote {tmp}/edges.csv"), store="hostile", check=lambda tmp: check_csv(tmp)),
    "hostile text → json": Case(command("export", "json", "{tmp}/h.json"), 0, (
        "wrote {tmp}/h.json",), store="hostile", check=lambda tmp: check_json(tmp / "h.json")),
}
# fmt: on


def _params() -> Iterator[Any]:
    for name, case in CASES.items():
        if isinstance(case, Case):
            yield pytest.param(case, id=name)
        else:  # already a pytest.param with marks
            yield pytest.param(*case.values, marks=case.marks, id=name)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from articles full of markup, script and spreadsheet formulas."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(
        "Michael Chong warns of interference | Hill Times\n\n"
        "Michael Chong said Justin Trudeau ignored <script>alert(1)</script> warnings. "
        "Michael Chong said Han Dong posted <img src=x onerror=alert(1)> and a javascript:alert(1) link "
        "on the site of Justin Trudeau. Han Dong denied that Justin Trudeau knew about </textarea> or "
        "{{constructor.constructor('alert(1)')()}} at all.\n"
    )
    rows = [
        {"id": FORMULAS[0], "text": f"{FORMULAS[0]} Jenny Kwan met Erin O'Toole in Vancouver last spring."},
        {"id": FORMULAS[1], "text": f"{FORMULAS[1]} Kenny Chiu told Pierre Poilievre the campaign was hit."},
        {"id": FORMULAS[2], "text": f"{FORMULAS[2]} Jagmeet Singh told Marco Mendicino it was late."},
        {"id": FORMULAS[3], "text": f"{FORMULAS[3]} Mary Ng said Bill Blair had read the report."},
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = folder / "hostile.db"
    result = CliRunner().invoke(main, ["build", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 documents (5 parsed, 0 unchanged)" in result.output
    return db


def _all_text(element: ET.Element) -> str:
    return "\n".join(t for e in element.iter() for t in (e.text or "", *e.attrib.values()))


def check_xml(path: Path) -> None:
    """The file parses; the markup is there as text and escaped in the raw XML."""
    raw = path.read_text("utf-8")
    text = _all_text(ET.fromstring(raw.encode("utf-8")))
    for payload in MARKUP:
        assert payload in text, payload
    for tag in ("<script>", "<img ", "</textarea>"):
        assert tag not in raw, tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in raw


def check_csv(folder: Path) -> None:
    """No cell starts a formula; every formula payload is there, neutralised with a quote."""
    cells = []
    for name in ("nodes.csv", "edges.csv"):
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    for payload in FORMULAS:
        assert "'" + payload in cells, payload
    assert any("<script>alert(1)</script>" in c for c in cells)


def check_json(path: Path) -> None:
    """Valid JSON whose strings carry every payload verbatim."""
    data = json.loads(path.read_text("utf-8"))

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    text = "\n".join(strings(data))
    for payload in (*MARKUP, *FORMULAS):
        assert payload in text, payload


def assert_clean(result: Result) -> None:
    """The command ended through click (an exit code), never through a Python exception."""
    assert "Traceback" not in result.output
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info


@pytest.mark.parametrize("case", list(_params()))
def test_bad_input_matrix(
    case: Case, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = case.setup(tmp_path, monkeypatch)
    args = [a.format(tmp=tmp_path) for a in args]
    if case.store:
        args += ["--db", str(request.getfixturevalue(f"{case.store}_db"))]
    before = {name: (tmp_path / name).read_bytes() for name in case.unchanged}
    result = CliRunner().invoke(main, args)
    assert_clean(result)
    for message in case.messages:
        assert message.format(tmp=tmp_path) in result.output, result.output
    assert result.exit_code == case.code, result.output
    for name, data in before.items():
        assert (tmp_path / name).read_bytes() == data, f"{name} was modified"
    if case.check:
        case.check(tmp_path)


# -- focused tests -----------------------------------------------------------------------
def test_partial_build_lists_every_skip_once_on_stderr(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"good.txt": ARTICLE, "copy.md": ARTICLE, **UNREADABLE})
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not an article type: ignored inside folders
    result = CliRunner().invoke(main, ["build", str(folder), "--db", str(tmp_path / "db.db")])
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert sorted(result.stderr.splitlines()) == [
        f"duplicate {folder}/good.txt: same text as document copy",
        f"skipped {folder}/binary.txt: binary file, not text",
        f"skipped {folder}/dangling.txt: broken link or missing file",
        f"skipped {folder}/empty.txt: empty file",
        f"skipped {folder}/nobody.html: HTML page has no article text",
    ]
    assert result.stdout.startswith(f"1 document (1 parsed, 0 unchanged, 4 skipped) → {tmp_path}/db.db\n")


def _boom(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError("boom")


def test_internal_error_is_one_line_exit_70(
    seeds_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("graph.export.export_graph", _boom)
    result = CliRunner().invoke(main, ["export", "json", str(tmp_path / "g.json"), "--db", str(seeds_db)])
    assert_clean(result)
    assert result.exit_code == 70
    assert result.stderr == "linkchart: internal error: RuntimeError: boom (rerun with --debug for details)\n"


def test_debug_shows_the_traceback_and_keeps_exit_70(
    seeds_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("graph.export.export_graph", _boom)
    args = ["--debug", "export", "json", str(tmp_path / "g.json"), "--db", str(seeds_db)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 70
    assert "Traceback" in result.stderr and "RuntimeError: boom" in result.stderr


def _subprocess_cases() -> Iterator[Any]:
    def mixed(tmp: Path) -> list[str]:
        return ["build", str(_folder(tmp, {"good.txt": ARTICLE, **UNREADABLE})), "--db", str(tmp / "db.db")]

    def nothing(tmp: Path) -> list[str]:
        return ["build", str(_folder(tmp, UNREADABLE)), "--db", str(tmp / "db.db")]

    def corrupt(tmp: Path) -> list[str]:
        return ["entities", "--db", str(_random_bytes(tmp, "random.db"))]

    yield pytest.param(mixed, 0, "skipped {tmp}/in/binary.txt: binary file, not text", id="partial build")
    yield pytest.param(nothing, 1, NOTHING_READ, id="nothing readable")
    yield pytest.param(corrupt, 2, "linkchart: {tmp}/random.db is not a linkchart store", id="corrupt store")


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
@pytest.mark.parametrize(("make", "code", "message"), list(_subprocess_cases()))
def test_real_process_never_prints_a_traceback(
    make: Callable[[Path], list[str]], code: int, message: str, debug: bool, tmp_path: Path
) -> None:
    args = [sys.executable, "-m", "linkchart", *(["--debug"] if debug else []), *make(tmp_path)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINKCHART_")}
    done = subprocess.run(args, capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    assert "Traceback" not in done.stderr
    assert message.format(tmp=tmp_path) in done.stderr
    assert done.returncode == code, done.stderr
