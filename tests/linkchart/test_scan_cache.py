"""The scan cache: unchanged files are not read again, and every change is still seen."""

from __future__ import annotations

import json
import os
from pathlib import Path

from linkchart.corpus import LoadReport, load_corpus
from linkchart.scan import RACY_NS, ScanCache

BODY = "Michael Chong said the report was further evidence of interference by {who}. " * 3


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text("First\n\n" + BODY.format(who="Beijing"), "utf-8")
    front = "---\ntitle: Bee\noutlet: The Hive\n---\n"
    (folder / "b.md").write_text(front + BODY.format(who="Ottawa"), "utf-8")
    rows = [
        {"id": "f1", "text": BODY.format(who="Moscow")},
        "not json",
        {"id": "f2", "text": BODY.format(who="Lagos")},
    ]
    (folder / "feed.jsonl").write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", "utf-8"
    )


def scan(folder: Path, cache: ScanCache, wants_text=None) -> tuple[list, LoadReport]:
    """One scan; what it read is handed on to the next scan's cache, as a build saves it."""
    report = LoadReport()
    docs = list(load_corpus([folder], report, cache=cache, wants_text=wants_text))
    return docs, report


def next_cache(cache: ScanCache, racy_ns: int = 0) -> ScanCache:
    rows = dict(cache.rows)
    rows.update({key: record.to_row(key)[1:] for key, record in cache.changed.items()})
    return ScanCache(rows, racy_ns=racy_ns)


def plain(folder: Path) -> list:
    return list(load_corpus([folder]))


def test_an_unchanged_folder_is_not_read_again(tmp_path: Path):
    folder = tmp_path / "corpus"
    write_corpus(folder)
    first = ScanCache(racy_ns=0)
    docs, report = scan(folder, first)
    assert docs == plain(folder) and first.hits == 0 and len(first.changed) == 3
    second = next_cache(first)
    stubs, again = scan(folder, second)
    assert second.hits == 3 and not second.changed
    assert [d.text for d in stubs] == ["", "", "", ""]  # nothing was read
    strip = [(d.id, d.title, d.outlet, d.path, d.content_hash) for d in docs]
    assert [(d.id, d.title, d.outlet, d.path, d.content_hash) for d in stubs] == strip
    assert again.skipped == report.skipped and any("malformed JSON" in r for _, r in again.skipped)


def test_documents_the_caller_needs_come_with_their_text(tmp_path: Path):
    folder = tmp_path / "corpus"
    write_corpus(folder)
    first = ScanCache(racy_ns=0)
    scan(folder, first)
    wanted = {"b", "f2"}
    docs, _ = scan(folder, next_cache(first), wants_text=lambda d: d.id in wanted)
    fresh = {d.id: d for d in plain(folder)}
    for doc in docs:
        assert doc.text == (fresh[doc.id].text if doc.id in wanted else "")
        assert doc == fresh[doc.id] or doc.id not in wanted


def test_a_change_that_keeps_size_and_modification_time_is_seen(tmp_path: Path):
    folder = tmp_path / "corpus"
    write_corpus(folder)
    first = ScanCache(racy_ns=0)
    scan(folder, first)
    article = folder / "a.txt"
    info = article.stat()
    article.write_text(article.read_text("utf-8").replace("Beijing", "Bangkok"), "utf-8")
    os.utime(article, ns=(info.st_atime_ns, info.st_mtime_ns))  # as `touch -d` or `rsync -t` would
    assert article.stat().st_size == info.st_size and article.stat().st_mtime_ns == info.st_mtime_ns
    second = next_cache(first)
    docs, _ = scan(folder, second)
    assert second.hits == 2
    assert "Bangkok" in next(d for d in docs if d.id == "a").text  # read again: its change time moved


def test_a_file_written_just_before_its_read_is_read_again(tmp_path: Path):
    folder = tmp_path / "corpus"
    write_corpus(folder)
    first = ScanCache()  # the default margin: these files were written a moment ago
    scan(folder, first)
    assert not any(r.trusted for r in first.changed.values())
    second = next_cache(first, racy_ns=RACY_NS)
    scan(folder, second)
    assert second.hits == 0 and len(second.changed) == 3
    rows = {k: (r.stamp, 1, *r.to_row(k)[3:]) for k, r in second.changed.items()}  # as if read later
    third = ScanCache(rows)
    scan(folder, third)
    assert third.hits == 3  # trusted entries are served without reading


def test_new_deleted_and_renamed_files(tmp_path: Path):
    folder = tmp_path / "corpus"
    write_corpus(folder)
    first = ScanCache(racy_ns=0)
    scan(folder, first)
    (folder / "a.txt").rename(folder / "c.txt")
    (folder / "b.md").unlink()
    second = next_cache(first)
    docs, _ = scan(folder, second)
    assert second.hits == 1 and len(second.changed) == 1  # feed.jsonl unread; c.txt read
    assert sorted(d.id for d in docs) == ["c", "f1", "f2"]
    gone = {os.fsdecode(k).rsplit(os.sep, 1)[1] for k in second.stale([folder])}
    assert gone == {"a.txt", "b.md"}
    assert second.stale([tmp_path / "elsewhere"]) == []  # only files under the scanned roots


def test_a_remembered_duplicate_gets_its_text_when_the_original_goes(tmp_path: Path):
    folder = tmp_path / "corpus"
    write_corpus(folder)
    (folder / "z_copy.txt").write_bytes((folder / "a.txt").read_bytes())
    first = ScanCache(racy_ns=0)
    report = LoadReport()
    list(load_corpus([folder], report, cache=first))
    assert [dup.endswith("z_copy.txt") for dup, _ in report.duplicates] == [True]
    (folder / "a.txt").unlink()
    docs, _ = scan(folder, next_cache(first), wants_text=lambda d: d.id == "z_copy")
    copy = next(d for d in docs if d.id == "z_copy")
    assert "Beijing" in copy.text  # it was a duplicate when remembered; now it must be parsed


def test_a_file_that_changes_between_stat_and_read_is_skipped_and_forgotten(tmp_path: Path):
    folder = tmp_path / "corpus"
    write_corpus(folder)
    first = ScanCache(racy_ns=0)
    scan(folder, first)
    second = next_cache(first)
    article = folder / "a.txt"

    def wants(doc) -> bool:  # the file changes after its stamp was checked, before its text is read
        if doc.id == "a":
            article.write_text("Second\n\n" + BODY.format(who="Lima"), "utf-8")
        return doc.id == "a"

    docs, report = scan(folder, second, wants_text=wants)
    assert "a" not in {d.id for d in docs}
    assert any(w.endswith("a.txt") and "changed while being read" in r for w, r in report.skipped)
    third = next_cache(second)
    docs, _ = scan(folder, third, wants_text=lambda d: True)
    assert "Lima" in next(d for d in docs if d.id == "a").text
