"""Render the seeds explorer and save docs/seeds.png (the README's screenshot).

Usage: python docs/screenshot.py   (needs Debian chromium; builds the seeds into a temp store)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from click.testing import CliRunner  # noqa: E402

from linkchart.cli import main  # noqa: E402
from tests.viz.browser import chromium, offline_page  # noqa: E402

#: The entity selected in the screenshot, so the side panel shows its evidence.
SELECTED = "person:han-dong"


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    if result.exit_code != 0:
        raise SystemExit(result.output)


def main_() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, html = f"{tmp}/seeds.db", f"{tmp}/seeds.html"
        run("build", "--db", db)
        run("html", html, "--db", db, "--title", "linkchart: the seeds")
        with chromium() as browser, offline_page(browser, html) as (page, log):
            page.evaluate("id => linkchart.focusNode(id, false)", SELECTED)
            page.wait_for_timeout(300)
            page.screenshot(path=str(REPO / "docs" / "seeds.png"))
            assert not log.external_requests and not log.errors, (log.external_requests, log.errors)
    print(f"wrote {REPO / 'docs' / 'seeds.png'}")


if __name__ == "__main__":
    main_()
