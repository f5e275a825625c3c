"""``linkchart watch``: one long-running process keeps the store equal to a fresh build."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.store import Store
from linkchart import watch
from linkchart.cli import main
from linkchart.watch import Watcher
from tests.cli.test_incremental import LONE_NAMES, _check_against_fresh_build
from tests.conftest import SEEDS

SHORT = "Michael Chong said the Privy Council Office had briefed Justin Trudeau about Han Dong.\n"


def generation(db: Path) -> str | None:
    with Store(db) as store:
        return store.get_meta("graph_generation")


@pytest.mark.slow
def test_each_round_parses_only_what_changed_and_equals_a_fresh_build(tmp_path: Path):
    corpus, db = tmp_path / "corpus", tmp_path / "watched.db"
    corpus.mkdir()
    shutil.copy(SEEDS / "003_f06a8f773a5c931e.txt", corpus)
    (corpus / "briefing.txt").write_text(SHORT, "utf-8")
    watcher = Watcher([corpus], db, prune=True)

    first = watcher.poll()
    assert first is not None and sorted(first.summary.parsed_ids) == ["003_f06a8f773a5c931e", "briefing"]
    before = generation(db)
    assert watcher.poll() is None and generation(db) == before  # nothing changed: no build at all

    (corpus / "lone.txt").write_text(LONE_NAMES, "utf-8")
    added = watcher.poll()
    assert added is not None and added.summary.parsed_ids == ["lone"] and added.summary.unchanged == 2
    assert added.summary.graph.adjacency_delta
    _check_against_fresh_build(corpus, db, tmp_path, "added")

    (corpus / "briefing.txt").write_text(SHORT.replace("Han Dong", "Meng Wanzhou"), "utf-8")
    changed = watcher.poll()
    assert changed is not None and changed.summary.parsed_ids == ["briefing"]
    assert changed.summary.graph.adjacency_delta
    _, nodes, _, _ = _check_against_fresh_build(corpus, db, tmp_path, "changed")
    assert "briefing" in nodes["person:meng-wanzhou"]["documents"]

    (corpus / "lone.txt").unlink()
    removed = watcher.poll()
    assert removed is not None and (removed.summary.parsed, removed.summary.removed) == (0, 1)
    assert removed.summary.graph.adjacency_delta
    _check_against_fresh_build(corpus, db, tmp_path, "removed")
    assert watcher.pipeline_loads == 1  # one model load for every round


def _watch(corpus: Path, db: Path, *options: str) -> subprocess.Popen:
    """``linkchart watch CORPUS --db DB OPTIONS`` in a child whose output the test reads."""
    return subprocess.Popen(
        [sys.executable, "-m", "linkchart", "watch", str(corpus), "--db", str(db), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )


def _interruptible() -> None:
    """Ctrl-C reaches the child as it would from a terminal, even when this suite was started
    in the background, where the shell makes children ignore SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _read_until(stream, needle: str, lines: list[str], timeout: float = 120) -> str:
    """Read lines from ``stream`` until one contains ``needle``; fails after ``timeout`` s."""
    found: list[str] = []

    def read() -> None:
        for line in stream:
            lines.append(line)
            if needle in line:
                found.append(line)
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    assert found, f"no line with {needle!r} in {lines}"
    return found[0]


@pytest.mark.slow
def test_the_command_updates_store_and_html_and_stops_cleanly_on_ctrl_c(tmp_path: Path):
    corpus, db, page = tmp_path / "corpus", tmp_path / "w.db", tmp_path / "w.html"
    corpus.mkdir()
    (corpus / "briefing.txt").write_text(SHORT, "utf-8")
    process = _watch(corpus, db, "--interval", "0.1", "--html", str(page))
    lines: list[str] = []
    try:
        _read_until(process.stdout, "wrote", lines)
        assert "Meng Wanzhou" not in page.read_text("utf-8")
        (corpus / "hearing.txt").write_text("Meng Wanzhou told the court that HSBC had known.\n", "utf-8")
        (corpus / "notes.bin").write_bytes(b"\x00\x01")  # not an article: ignored
        (corpus / "broken.txt").write_bytes(b"\x00\x00\x00\x00binary")
        update = _read_until(process.stdout, "parsed hearing", lines)
        assert "(1 parsed, 1 unchanged, 1 skipped)" in update
        _read_until(process.stdout, "wrote", lines)
        assert "Meng Wanzhou" in page.read_text("utf-8")
        result = CliRunner().invoke(main, ["entities", "--db", str(db), "--type", "person", "--json"])
        assert result.exit_code == 0 and "Meng Wanzhou" in result.output  # the store serves queries meanwhile
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.strip().endswith("stopped") and "Traceback" not in err
    assert err.count("skipped") == 1 and "broken.txt: binary file" in err  # reported once, not each round


@pytest.mark.slow
def test_a_watched_folder_deleted_and_made_again_is_seen_the_next_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rounds are driven by the pause between them, the clock stands still: no periodic walk
    of every file (once a minute) can be what notices the folder is back."""
    corpus, db = tmp_path / "corpus", tmp_path / "w.db"
    corpus.mkdir()
    (corpus / "briefing.txt").write_text(SHORT, "utf-8")

    def remake() -> None:
        corpus.mkdir()
        (corpus / "hearing.txt").write_text("Meng Wanzhou told the court that HSBC had known.\n", "utf-8")

    steps = iter([lambda: shutil.rmtree(corpus), remake])

    def next_round(seconds: float) -> None:
        step = next(steps, None)
        if step is None:
            raise KeyboardInterrupt  # Ctrl-C after the round that follows the last step
        step()

    monkeypatch.setattr(watch, "monotonic", lambda: 1000.0)
    monkeypatch.setattr(watch, "pause", next_round)
    result = CliRunner().invoke(main, ["watch", str(corpus), "--db", str(db), "--interval", "60"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "parsed briefing" in lines[1]
    assert lines[4].endswith(f"no articles yet in {corpus}")  # the round after the deletion
    assert "(1 parsed, 0 unchanged)" in lines[5] and lines[5].endswith("parsed hearing")  # the next one
    assert lines[-1] == "stopped"
    result = CliRunner().invoke(main, ["entities", "--db", str(db), "--type", "person", "--json"])
    assert "Meng Wanzhou" in result.output


def test_a_round_that_finds_another_build_running_says_so_and_the_next_tries_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "w.db"
    corpus.mkdir()
    (corpus / "briefing.txt").write_text(SHORT, "utf-8")
    with Store(db, create=True) as other, ExitStack() as held:
        held.enter_context(other.build_lock())  # another build, which ends after the first round
        steps = iter([held.close])

        def next_round(seconds: float) -> None:
            step = next(steps, None)
            if step is None:
                raise KeyboardInterrupt  # Ctrl-C after the round that follows the build's end
            step()

        monkeypatch.setattr(watch, "pause", next_round)
        result = CliRunner().invoke(main, ["watch", str(corpus), "--db", str(db), "--interval", "60"])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"linkchart: another build is running on {db}; try again when it ends\n"
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and lines[1].endswith("parsed briefing") and lines[-1] == "stopped"


def test_a_missing_folder_is_a_one_line_error(tmp_path: Path):
    result = CliRunner().invoke(main, ["watch", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert result.output.strip() == f"linkchart: cannot watch {tmp_path / 'nowhere'}: no such file or folder"
    assert not (tmp_path / "x.db").exists()


def test_a_round_runs_when_the_corrections_file_changes(tmp_path: Path):
    from graph.resolve import append, default_path

    corpus, db = tmp_path / "corpus", tmp_path / "watched.db"
    corpus.mkdir()
    (corpus / "briefing.txt").write_text(SHORT, "utf-8")
    watcher = Watcher([corpus], db)
    assert watcher.poll() is not None
    assert watcher.poll() is None  # nothing changed
    append(default_path(db), "type", entity="Justin Trudeau", type="organization")  # e.g. a git pull
    update = watcher.poll()
    assert update is not None and update.summary.parsed == 0
    with Store(db) as store:
        assert store.reads.types_of(["organization:justin-trudeau"])  # retyped by the round
    assert watcher.poll() is None
    watcher.close()


@pytest.mark.slow
def test_watch_writes_the_page_at_start_on_an_up_to_date_store(tmp_path: Path):
    corpus, db, page = tmp_path / "corpus", tmp_path / "w.db", tmp_path / "w.html"
    corpus.mkdir()
    (corpus / "briefing.txt").write_text(SHORT, "utf-8")
    assert CliRunner().invoke(main, ["build", str(corpus), "--db", str(db)]).exit_code == 0
    process = _watch(corpus, db, "--html", str(page))
    lines: list[str] = []
    try:
        line = _read_until(process.stdout, "wrote", lines)
        assert line.startswith(f"wrote {page} (") and page.is_file()
        assert "0 parsed, 1 unchanged" in "".join(lines)  # nothing changed, the page was written all the same
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
