"""The store survives: read-only folders, Ctrl-C, a failed first build."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkchart.cli import main


@contextmanager
def read_only(folder: Path, files: list[Path]) -> Iterator[None]:
    """Make ``folder`` and ``files`` unwritable even to root (chattr +i), or by mode bits when
    not root; skip when neither can be done here."""
    paths = [folder, *files]
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", *map(str, paths)]).returncode:
            pytest.skip("running as root without chattr: nothing here is read-only")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
        return
    modes = {p: p.stat().st_mode for p in paths}
    for p in paths:
        p.chmod(stat.S_IMODE(modes[p]) & ~0o222)
    try:
        yield
    finally:
        for p in paths:
            p.chmod(stat.S_IMODE(modes[p]))


def test_queries_work_on_a_read_only_store_and_a_build_is_refused(seeds_db: Path, tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "seeds.db"
    shutil.copy(seeds_db, db)
    runner = CliRunner()
    with read_only(folder, [db]):
        entities = runner.invoke(main, ["entities", "--limit", "1", "--db", str(db)])
        assert entities.exit_code == 0 and "Canada [place]" in entities.output
        path = runner.invoke(main, ["path", "Han Dong", "Meng Wanzhou", "--db", str(db)])
        assert path.exit_code == 0 and path.output.startswith("Path 1")
        build = runner.invoke(main, ["build", "--db", str(db)])
        assert build.exit_code == 2
        expected = f"linkchart: store is read-only: {db} (build into a copy you can write)"
        assert build.output.strip() == expected
        assert sorted(p.name for p in folder.iterdir()) == ["seeds.db"]  # no -wal, -shm or lock left


def test_ctrl_c_exits_130_in_one_line_and_leaves_the_store_whole(
    seeds_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import linkchart.pipeline

    db = tmp_path / "s.db"
    shutil.copy(seeds_db, db)
    before = CliRunner().invoke(main, ["stats", "--json", "--db", str(db)]).output

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # what Python raises in the main thread on SIGINT

    monkeypatch.setattr(linkchart.pipeline, "build", interrupted)
    result = CliRunner().invoke(main, ["build", "--db", str(db)])
    assert result.exit_code == 130
    assert result.output.strip().splitlines() == [
        "linkchart: interrupted; nothing was left half-written (a build picks up where this one stopped)"
    ]
    monkeypatch.undo()
    after = CliRunner().invoke(main, ["stats", "--json", "--db", str(db)])
    assert after.exit_code == 0 and after.output == before and json.loads(before)["entities"] > 100


def test_a_failed_first_build_leaves_no_store_behind(tmp_path: Path):
    """An unreachable Dask scheduler fails the first build; no empty store file is left."""
    import sys

    pytest.importorskip("dask.distributed")
    db = tmp_path / "first.db"
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    command = [sys.executable, "-m", "linkchart", "build", "--db", str(db), "--engine", "dask"]
    result = subprocess.run(
        [*command, "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert result.stderr.startswith("linkchart: cannot reach the dask scheduler at tcp://127.0.0.1:1")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_queries_on_a_store_whose_first_build_runs_say_so(tmp_path: Path):
    from graph.store import Store

    db = tmp_path / "new.db"
    with Store(db, create=True) as store, store.build_lock():  # a first build, still parsing
        result = CliRunner().invoke(main, ["entities", "--db", str(db)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"linkchart: the store {db} is being built (its first build is still running); try again later"
    )
    assert "being built" not in CliRunner().invoke(main, ["entities", "--db", str(db)]).output
