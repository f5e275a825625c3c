"""Corpus loading from real files on disk: every format, and what is skipped and why."""

from __future__ import annotations

import json
from pathlib import Path

from linkchart.corpus import LoadReport, default_corpus, load_corpus, publisher_in_text, title_and_outlet

ARTICLE = "Michael Chong said the report was further evidence of interference. " * 3


def load(*paths: Path) -> tuple[list, LoadReport]:
    report = LoadReport()
    return list(load_corpus(paths, report)), report


def test_seeds_are_bundled_and_load():
    docs, report = load(default_corpus())
    assert len(docs) == 5 and not report.skipped
    assert {d.id for d in docs} == {p.stem for p in default_corpus().glob("*.txt")}
    assert all(len(d.content_hash) == 64 for d in docs)
    assert next(d for d in docs if d.id.startswith("002")).title == "Cut a deal and bring the Michaels home"


def test_text_title_skips_boilerplate_and_reads_site_suffix():
    title, outlet = title_and_outlet("Skip to main content\n\nHan Dong quits caucus | 24CA News\nBody")
    assert (title, outlet) == ("Han Dong quits caucus", "24CA News")


def test_publisher_lines():
    assert (
        publisher_in_text("x\nThis report by The Canadian Press was first published June 2.")
        == "The Canadian Press"
    )
    assert publisher_in_text("(Originally published here in The Bureau, republished.)") == "The Bureau"
    assert publisher_in_text("Nothing here.") is None


def test_markdown_front_matter(tmp_path: Path):
    (tmp_path / "a.md").write_text(
        f"---\ntitle: Chong speaks\noutlet: Hill Times\ndate: 2023-05-01\n---\n{ARTICLE}"
    )
    (doc,), _ = load(tmp_path)
    assert (doc.id, doc.title, doc.outlet, doc.date) == ("a", "Chong speaks", "Hill Times", "2023-05-01")


def test_jsonl_keeps_good_lines_and_reports_bad_ones(tmp_path: Path):
    lines = [
        json.dumps({"id": "x1", "text": ARTICLE, "outlet": "Reuters", "url": "https://e.org/1"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": ARTICLE + " more"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    docs, report = load(tmp_path / "feed.jsonl")
    assert [d.id for d in docs] == ["x1", "feed-4"]
    assert docs[0].outlet == "Reuters" and docs[0].url == "https://e.org/1"
    assert [(w.rsplit(":", 1)[1], r.split(" (")[0]) for w, r in report.skipped] == [
        ("2", "malformed JSON"),
        ("3", "no 'text' field"),
    ]


def test_html_main_text_and_metadata(tmp_path: Path):
    body = "".join(f"<p>{ARTICLE} Paragraph {i}.</p>" for i in range(5))
    (tmp_path / "page.html").write_text(
        "<html><head><title>Chong warns of interference</title>"
        '<meta property="og:site_name" content="Hill Times"></head>'
        "<body><nav>Home | World</nav><article><h1>Chong warns of interference</h1>"
        f"{body}</article></body></html>"
    )
    (doc,), _ = load(tmp_path)
    assert "Michael Chong said" in doc.text and "Home | World" not in doc.text
    assert doc.title == "Chong warns of interference" and doc.outlet == "Hill Times"


def test_bad_files_are_skipped_with_reasons(tmp_path: Path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "copy.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré que Montréal était prête.".encode("latin-1"))
    (tmp_path / "nobody.html").write_text("<html><body><nav>Menu</nav></body></html>")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    docs, report = load(tmp_path)
    assert sorted(d.id for d in docs) == ["copy", "latin1"]
    assert "déclaré" in next(d for d in docs if d.id == "latin1").text
    reasons = {Path(w).name: r for w, r in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["nobody.html"] == "HTML page has no article text"
    assert reasons["dangling.txt"] == "broken link or missing file"
    assert [(Path(a).name, b) for a, b in report.duplicates] == [("good.txt", "copy")]


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path: Path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(f"{ARTICLE} {sub}")
    docs, _ = load(tmp_path)
    assert len({d.id for d in docs}) == 2 and docs[0].id == "story"
