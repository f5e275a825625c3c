"""Watch rounds that read only the changed files end exactly where a full build does."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from graph.store import Store
from linkchart import scan, watch
from linkchart.corpus import LoadReport, iter_files
from linkchart.pipeline import build
from linkchart.scan import path_key, stamp_of
from linkchart.scan_cache import untrusted_files
from linkchart.watch import Watcher, walk_stamps
from tests.cli.test_incremental import _check_against_fresh_build

ARTICLES = {
    "briefing.txt": "Michael Chong said the Privy Council Office briefed Justin Trudeau about Han Dong.\n",
    "hearing.txt": "Meng Wanzhou told the court in Vancouver that HSBC had known about Skycom.\n",
    "release.md": "---\ntitle: Two Michaels home\noutlet: The Gazette\n---\n"
    "Michael Kovrig and Michael Spavor landed in Calgary, Justin Trudeau said.\n",
    "sub/report.txt": "CSIS warned Michael Chong that the Ministry of State Security had targeted him.\n",
}
FEED = [
    {"id": "wire-1", "title": "Wire one", "text": "Bill Blair said CSIS had told him nothing of Zhao Wei."},
    {"id": "wire-2", "title": "Wire two", "text": "Jenny Kwan said the RCMP had questioned Han Dong."},
]


#: A short racy window for these tests (the filesystem's timestamps are far finer): a file is
#: trusted once :func:`settle` has waited past it, so each round reads only what it changed.
RACY_S = 0.05


@pytest.fixture(autouse=True)
def short_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "RACY_NS", int(RACY_S * 1e9))


def settle() -> None:
    """Wait until the files just written can be trusted when read."""
    time.sleep(RACY_S * 2)


def write(corpus: Path, name: str, text: str) -> Path:
    path = corpus / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def write_feed(corpus: Path, items: list[dict]) -> None:
    write(corpus, "feed.jsonl", "".join(json.dumps(item) + "\n" for item in items))


class Round:
    """Poll a watcher after each change and check it against a fresh full build."""

    def __init__(self, corpus: Path, db: Path, tmp_path: Path, prune: bool = True, events: bool = True):
        self.corpus, self.db, self.tmp_path = corpus, db, tmp_path
        self.watcher = Watcher([corpus], db, prune=prune, file_events=events)
        self.prune = prune
        self.steps = 0

    def poll(self, step: str, *, changed_only: bool) -> tuple:
        settle()
        before = self.watcher.changed_only_rounds
        update = self.watcher.poll()
        assert update is not None, step
        assert (self.watcher.changed_only_rounds > before) == changed_only, step
        assert self.watcher._last == walk_stamps([self.corpus]), step  # events missed nothing
        fresh = build([self.corpus], self.tmp_path / f"counts-{step}.db")
        assert (update.summary.documents, update.summary.built) == (fresh.documents, True), step
        if not self.prune:
            return update.summary, None
        return update.summary, _check_against_fresh_build(self.corpus, self.db, self.tmp_path, step)


@pytest.mark.slow
@pytest.mark.parametrize("events", [True, False], ids=["file events", "stat walk"])
def test_changed_only_rounds_equal_full_builds(tmp_path: Path, events: bool):
    corpus, db = tmp_path / "corpus", tmp_path / "watched.db"
    for name, text in ARTICLES.items():
        write(corpus, name, text)
    write_feed(corpus, FEED)
    settle()
    rounds = Round(corpus, db, tmp_path, events=events)
    first = rounds.watcher.poll()
    assert first is not None and first.summary.parsed == 6 and rounds.watcher.full_rounds == 1

    write(corpus, "briefing.txt", ARTICLES["briefing.txt"].replace("Han Dong", "Meng Wanzhou"))
    summary, (_, nodes, _, _) = rounds.poll("edited", changed_only=True)
    assert (summary.parsed_ids, summary.files_read, summary.unchanged) == (["briefing"], 1, 5)
    assert "briefing" in nodes["person:meng-wanzhou"]["documents"]

    write(corpus, "new.txt", "Jenny Kwan met Bill Blair in Ottawa to discuss the RCMP inquiry.\n")
    summary, _ = rounds.poll("added", changed_only=True)
    assert summary.parsed_ids == ["new"]

    release = ARTICLES["release.md"].replace("Two Michaels home", "The Michaels are home")
    write(corpus, "release.md", release)
    summary, (documents, _, _, _) = rounds.poll("retitled", changed_only=True)
    assert summary.parsed == 0 and documents["release"]["title"] == "The Michaels are home"

    write_feed(corpus, FEED[:1])  # a line dropped from the feed: its document goes
    summary, (documents, _, _, _) = rounds.poll("feed line dropped", changed_only=True)
    assert "wire-2" not in documents and summary.removed == 1

    (corpus / "new.txt").unlink()
    summary, (documents, _, _, _) = rounds.poll("removed", changed_only=True)
    assert "new" not in documents and summary.removed == 1
    assert rounds.watcher.walks == (1 if events else 6)  # with events, only the first round walked


@pytest.mark.slow
def test_changes_that_involve_other_files_scan_everything(tmp_path: Path):
    corpus, db = tmp_path / "corpus", tmp_path / "watched.db"
    for name, text in ARTICLES.items():
        write(corpus, name, text)
    write(corpus, "other/report.txt", "Jenny Kwan said the RCMP had questioned Zhao Wei.\n")  # the plain id
    write(corpus, "x/memo.txt", "Bill Blair met Jenny Kwan in Ottawa.\n")
    write(corpus, "y/memo.txt", "Mélanie Joly met Wang Yi in Beijing.\n")  # the suffixed id
    shutil.copy(corpus / "hearing.txt", corpus / "zz_copy.txt")  # a duplicate of hearing
    settle()
    rounds = Round(corpus, db, tmp_path)
    rounds.watcher.poll()
    with Store(db) as store:
        memo = [d for d in store.docs.listing() if d.startswith("memo-")]
        assert len(memo) == 1 and len(store.docs.listing(["hearing"])["hearing"]["paths"]) == 2

    write(corpus, "y/memo.txt", "Mélanie Joly met Wang Yi in Beijing on Tuesday.\n")
    summary, _ = rounds.poll("suffixed document edited", changed_only=False)
    assert summary.parsed_ids == memo
    (corpus / "other" / "report.txt").unlink()
    _, (documents, _, _, _) = rounds.poll("plain id freed", changed_only=False)
    assert "report" in documents and not any(d.startswith("report-") for d in documents)

    (corpus / "hearing.txt").unlink()  # the copy now holds the text alone
    _, (documents, _, _, _) = rounds.poll("duplicate's original removed", changed_only=False)
    assert "hearing" not in documents and "zz_copy" in documents

    write(corpus, "deep/briefing.txt", "Bill Blair said the RCMP had questioned Zhao Wei.\n")
    _, (documents, _, _, _) = rounds.poll("an id already taken", changed_only=False)
    assert sum(d.startswith("briefing") for d in documents) == 2
    shutil.copy(corpus / "release.md", corpus / "aa_release.md")
    summary, _ = rounds.poll("a new duplicate", changed_only=False)
    assert summary.parsed_ids == ["aa_release"]  # it sorts first: it holds the text now

    elsewhere = write(tmp_path, "elsewhere/wire.txt", "Bill Blair said CSIS had told him nothing.\n")
    build([elsewhere.parent], db, prune=True)  # another build forgot the watched documents
    write(corpus, "later.txt", "Meng Wanzhou left for Shenzhen on Friday.\n")
    _, (documents, _, _, _) = rounds.poll("store moved on", changed_only=False)  # so all are read again
    assert "wire" not in documents and "briefing" in documents
    write(corpus, "new.txt", "Jenny Kwan met Bill Blair in Ottawa to discuss the RCMP inquiry.\n")
    rounds.poll("back to changed only", changed_only=True)


@pytest.mark.slow
def test_without_prune_a_removed_file_keeps_its_document_as_a_full_build_does(tmp_path: Path):
    corpus, db = tmp_path / "corpus", tmp_path / "watched.db"
    for name, text in ARTICLES.items():
        write(corpus, name, text)
    rounds = Round(corpus, db, tmp_path, prune=False)
    rounds.watcher.poll()
    (corpus / "hearing.txt").unlink()
    summary, _ = rounds.poll("removed", changed_only=True)
    assert (summary.documents, summary.removed) == (3, 0)
    with Store(db) as store:
        assert "hearing" in store.docs.listing()


@pytest.mark.slow
def test_a_racy_read_is_read_again_once_its_stamp_can_be_trusted(tmp_path: Path, monkeypatch):
    """The clocks are set, not waited for: however slow the machine, the first read is racy."""
    corpus, db = tmp_path / "corpus", tmp_path / "watched.db"
    for name, text in ARTICLES.items():
        write(corpus, name, text)
    written = max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in corpus.iterdir())
    clock = {"wall": written + 1_000_000, "monotonic": 1000.0}  # 1 ms after the last write
    monkeypatch.setattr(scan, "wall_clock_ns", lambda: clock["wall"])
    monkeypatch.setattr(watch, "monotonic", lambda: clock["monotonic"])
    watcher = Watcher([corpus], db, prune=True)
    first = watcher.poll()
    assert first is not None and first.summary.files_racy == 4  # read right after the writes
    clock["monotonic"] += scan.RACY_NS / 1e9 / 2
    assert watcher.poll() is None and watcher._recheck_at is not None  # too soon, and nothing moved
    clock["monotonic"] += scan.RACY_NS / 1e9
    clock["wall"] += 2 * scan.RACY_NS
    assert watcher.poll() is None  # read again: nothing new, so nothing to report
    assert watcher.changed_only_rounds == 1 and watcher._recheck_at is None
    with Store(db) as store:
        assert untrusted_files(store) == []


def test_walk_stamps_finds_what_the_scan_finds(tmp_path: Path):
    root = tmp_path / "corpus"
    for name in ("a.txt", "b.MD", "c.html", "d.jsonl", "deep/er/e.txt", "notes.pdf", ".hidden.txt"):
        write(root, name, "x")
    write(root, ".git/f.txt", "x")
    write(tmp_path, "outside/g.txt", "x")
    os.symlink(tmp_path / "outside", root / "linked-folder")
    os.symlink(root / "a.txt", root / "linked-file.txt")
    os.symlink(root / "missing.txt", root / "broken.txt")
    single = write(tmp_path, "single.txt", "x")
    paths = [root, single, tmp_path / "nowhere.txt"]

    found = walk_stamps(paths)
    scanned = list(iter_files(paths, LoadReport()))
    assert sorted(found) == sorted(path_key(p) for p in scanned if p.exists())
    assert {str(Path(path)) for _, path in found.values()} == {str(p) for p in scanned if p.exists()}
    assert all(stamp == stamp_of(os.stat(path)) for stamp, path in found.values())
    assert len(found) == 7  # a, b, c, d, e, the linked file and single.txt
