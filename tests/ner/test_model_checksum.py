"""The default pipeline is the package whose checksum the repository records."""

from __future__ import annotations

from click.testing import CliRunner

from linkchart.cli import main
from ner.version import DEFAULT_MODEL, known_fingerprint, pipeline_fingerprint


def test_the_installed_default_pipeline_has_the_recorded_checksum():
    found = pipeline_fingerprint(DEFAULT_MODEL)
    known = known_fingerprint(DEFAULT_MODEL)
    assert found is not None and known is not None
    assert (found["version"], found["sha256"]) == (known["version"], known["sha256"])


def test_version_names_the_pipeline_and_its_checksum(monkeypatch):
    monkeypatch.delenv("LINKCHART_MODEL", raising=False)
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("linkchart ")
    known = known_fingerprint(DEFAULT_MODEL)
    assert lines[1] == (
        f"pipeline {DEFAULT_MODEL} {known['version']}, weights sha256 {known['sha256']} "
        "(matches the checksum recorded in linkchart)"
    )
