"""A build killed with SIGKILL never costs the previous graph; two builds never corrupt the store."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS

#: Seconds into a rebuild at which it is killed: while loading, while parsing, near the end.
KILL_POINTS = (0.5, 2.5, 4.5)


def linkchart(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "linkchart", *args], capture_output=True, text=True, **kwargs
    )


def entity_names(db: Path) -> set[str]:
    result = linkchart("entities", "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    return {e["name"] for e in json.loads(result.stdout)}


def wait_until_locked(lock: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until ``process`` holds the build lock, read from /proc/locks (without touching it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if lock.exists():
            inode = f":{lock.stat().st_ino} "
            held = Path("/proc/locks").read_text().splitlines()
            if any("FLOCK" in line and f" {process.pid} " in line and inode in line for line in held):
                return
        time.sleep(0.05)
    raise AssertionError("the first build never took the lock")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.mark.slow
def test_sigkill_during_rebuild_keeps_the_previous_graph(corpus: Path, tmp_path: Path):
    db = tmp_path / "k.db"
    assert linkchart("build", str(corpus), "--db", str(db)).returncode == 0
    before = entity_names(db)
    added = corpus / "zz_new.txt"
    added.write_text("Zelda Quartermaine said the Xanthe Institute had warned Wilbur Pemberton.\n" * 3)
    for delay in KILL_POINTS:
        process = subprocess.Popen(
            [sys.executable, "-m", "linkchart", "build", str(corpus), "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        names = entity_names(db)  # always queryable: the old graph or, if it got that far, the new one
        assert before <= names
        assert linkchart("path", "Han Dong", "Meng Wanzhou", "--db", str(db)).returncode == 0
    finished = linkchart("build", str(corpus), "--db", str(db))
    assert finished.returncode == 0, finished.stderr
    assert "Zelda Quartermaine" in entity_names(db)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_a_second_concurrent_build_fails_clearly_and_the_first_completes(corpus: Path, tmp_path: Path):
    db = tmp_path / "c.db"
    first = subprocess.Popen(
        [sys.executable, "-m", "linkchart", "build", str(corpus), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_locked(Path(f"{db}.lock"), first)
    second = linkchart("build", str(corpus), "--db", str(db))
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 2
    assert f"another build is running on {db}" in second.stderr
    assert "Traceback" not in second.stderr
    assert "Meng Wanzhou" in entity_names(db)
