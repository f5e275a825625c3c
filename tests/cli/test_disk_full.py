"""A build that runs out of disk says "disk full" in one line (exit 2) and keeps the store."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkchart.cli import main
from tests.conftest import SEEDS

#: Bytes left free on the small file system once the store is on it.
LEFT_FREE = 64 * 1024


@pytest.fixture()
def small_disk(tmp_path: Path):
    """A 16 MB tmpfs (root only; skipped where mounting is not allowed)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("cannot mount a small file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_disk_full_during_a_build_is_one_line_and_the_store_survives(seeds_db: Path, small_disk: Path):
    db = small_disk / "seeds.db"
    shutil.copy(seeds_db, db)
    corpus = small_disk / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "zz_new.txt").write_text(
        "Zelda Quartermaine said the Xanthe Institute had warned Wilbur Pemberton.\n" * 40
    )
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * (free - LEFT_FREE))
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "linkchart: disk full: nothing was left half-written; free some space and run the command again"
    )
    (small_disk / "filler").unlink()
    entities = runner.invoke(main, ["entities", "--json", "--db", str(db)])
    assert entities.exit_code == 0 and "Zelda Quartermaine" not in entities.output
    assert '"Meng Wanzhou"' in entities.output
    again = runner.invoke(main, ["build", str(corpus), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "Zelda Quartermaine" in runner.invoke(main, ["entities", "--db", str(db)]).output
