"""No warning at import or on an HTML build: lxml's cleaner (``lxml.html.clean``, which
trafilatura's jusText imports) is a separate package since lxml 5.2, and linkchart depends on it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

import pytest

PAGE = (
    "<html><head><title>Regulator fines payments firm | Example News</title></head><body><article>"
    "<p>The International Bank for Reconstruction and Development said on Monday that Markus Braun "
    "had misled investors about the accounts of Wirecard.</p>"
    "<p>Jan Marsalek fled to Moscow, the Financial Times reported.</p></article></body></html>"
)


def test_the_html_cleaner_is_a_declared_dependency() -> None:
    names = {
        re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower().replace("-", "_") for r in requires("linkchart")
    }
    assert "lxml_html_clean" in names


def test_importing_the_cli_and_the_html_reader_warns_of_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", "import linkchart.cli, trafilatura, lxml.html.clean"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.slow
def test_an_html_build_with_warnings_as_errors(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, "utf-8")
    db = tmp_path / "w.db"
    result = subprocess.run(
        [sys.executable, "-m", "linkchart", "build", str(tmp_path / "page.html"), "--db", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"1 document (1 parsed, 0 unchanged) → {db}")
    assert result.stderr == ""
