"""Linux inotify tells which article files changed; what it cannot follow asks for a walk."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from linkchart.file_events import FolderEvents
from linkchart.watch import Watcher, walk_stamps


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("a", "utf-8")
    (root / "sub" / "b.md").write_text("b", "utf-8")
    return root


def test_file_changes_are_reported_by_name(corpus: Path):
    events = FolderEvents([corpus])
    try:
        assert events.changed() == set()
        (corpus / "new.html").write_text("n", "utf-8")
        (corpus / "sub" / "b.md").write_text("b, edited", "utf-8")
        assert events.changed() == {f"{corpus}/new.html", f"{corpus}/sub/b.md"}
        (corpus / "a.txt").unlink()
        (corpus / ".a.txt.swp").write_text("editor", "utf-8")  # hidden: not an article
        (corpus / "notes.pdf").write_text("pdf", "utf-8")  # not an article either
        (corpus / ".git" / "c.txt").write_text("c", "utf-8")  # in a hidden folder: not watched
        assert events.changed() == {f"{corpus}/a.txt"}
        (corpus / ".tmp-save").write_text("atomic", "utf-8")
        os.replace(corpus / ".tmp-save", corpus / "sub" / "b.md")  # how editors save
        assert events.changed() == {f"{corpus}/sub/b.md"}
    finally:
        events.close()


def test_folders_that_appear_or_go_ask_for_a_walk_and_are_watched(corpus: Path):
    events = FolderEvents([corpus])
    try:
        (corpus / "2026" / "11").mkdir(parents=True)
        assert events.changed() is None
        (corpus / "2026" / "11" / "c.txt").write_text("c", "utf-8")
        assert events.changed() == {f"{corpus}/2026/11/c.txt"}  # the new folders are watched
        shutil.rmtree(corpus / "sub")
        assert events.changed() is None
        assert events.changed() == set()
    finally:
        events.close()


def test_a_root_folder_deleted_and_made_again_is_watched_again(corpus: Path) -> None:
    events = FolderEvents([corpus])
    try:
        shutil.rmtree(corpus)
        assert events.changed() is None  # its files went: walk
        assert events.changed() == set()  # gone: nothing to say, nothing to walk
        corpus.mkdir()
        (corpus / "c.txt").write_text("c", "utf-8")
        assert events.changed() is None  # back: walk once, for what was written before the watch
        (corpus / "d.txt").write_text("d", "utf-8")
        assert events.changed() == {f"{corpus}/d.txt"}
    finally:
        events.close()


def test_a_root_folder_replaced_between_two_calls_is_watched_again(corpus: Path) -> None:
    """``rm -r corpus; mkdir corpus`` at once: the new folder may even reuse the old inode."""
    events = FolderEvents([corpus])
    try:
        shutil.rmtree(corpus)
        corpus.mkdir()
        assert events.changed() is None
        (corpus / "c.txt").write_text("c", "utf-8")
        assert events.changed() == {f"{corpus}/c.txt"}
    finally:
        events.close()


def test_a_root_folder_moved_away_is_not_followed(corpus: Path, tmp_path: Path) -> None:
    events = FolderEvents([corpus])
    try:
        corpus.rename(tmp_path / "old")
        corpus.mkdir()
        assert events.changed() is None
        (tmp_path / "old" / "a.txt").write_text("edited", "utf-8")  # no longer the corpus
        (corpus / "e.txt").write_text("e", "utf-8")
        assert events.changed() == {f"{corpus}/e.txt"}
    finally:
        events.close()


@pytest.mark.slow
def test_a_watcher_walks_only_when_events_cannot_say(corpus: Path, tmp_path: Path):
    db = tmp_path / "w.db"
    (corpus / "a.txt").write_text("Michael Chong said CSIS had briefed Justin Trudeau.\n", "utf-8")
    watcher = Watcher([corpus], db, walk_every=3600)
    try:
        assert watcher.poll() is not None and watcher.walks == 1
        assert watcher.poll() is None and watcher.walks == 1  # quiet: nothing is stat'ed
        (corpus / "c.txt").write_text("Jenny Kwan met Bill Blair in Ottawa.\n", "utf-8")
        update = watcher.poll()
        assert update is not None and update.summary.parsed_ids == ["c"] and watcher.walks == 1
        (corpus / "later").mkdir()
        (corpus / "later" / "d.txt").write_text("Mélanie Joly met Wang Yi.\n", "utf-8")
        update = watcher.poll()
        assert update is not None and update.summary.parsed_ids == ["d"] and watcher.walks == 2
        assert watcher._last == walk_stamps([corpus])
        watcher.walk_every = 0.0  # every round walks too: what events cannot see is seen then
        time.sleep(0.01)
        watcher.poll()
        assert watcher.walks == 3
    finally:
        watcher.close()
