"""Shared fixtures: the real spaCy pipeline and a store built from the real seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkchart.cli import main

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline with linkchart's components (loaded once)."""
    from ner.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the bundled seeds through the real CLI."""
    db = tmp_path_factory.mktemp("store") / "seeds.db"
    result = CliRunner().invoke(main, ["build", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def run(seeds_db: Path):
    """Invoke the CLI against the seeds store; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [*args, "--db", str(seeds_db)])

    return invoke
