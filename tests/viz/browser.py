"""Launch the system Chromium with Playwright, offline, and open pages that record what happens.

Reusable outside pytest::

    with chromium() as browser, offline_page(browser, "out/chart.html") as (page, log):
        page.screenshot(path="chart.png")
        assert not log.external_requests and not log.errors
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Dialog, Page, Route, sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "about:", "data:", "blob:")
VIEWPORT = {"width": 1400, "height": 900}
READY_TIMEOUT_MS = 20_000


def chromium_path() -> str | None:
    """Return the Chromium to use: $LINKCHART_CHROMIUM, /usr/bin/chromium, or one on PATH."""
    for candidate in (os.environ.get("LINKCHART_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def chromium() -> Iterator[Browser]:
    """Launch headless system Chromium (Playwright cannot download its own browsers here)."""
    path = chromium_path()
    if path is None:
        raise FileNotFoundError("no chromium found; install it or set LINKCHART_CHROMIUM")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageLog:
    """What a page did: requests to anything but local schemes, console errors, dialogs."""

    external_requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def offline_page(
    browser: Browser, html_path: str | os.PathLike[str], *, wait_ready: bool = True
) -> Iterator[tuple[Page, PageLog]]:
    """Open ``html_path`` with every non-local request aborted; yield the page and its log.

    Waits for ``window.linkchart.ready`` unless ``wait_ready`` is False.
    """
    log = PageLog()
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    page = context.new_page()

    def guard(route: Route) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            route.abort()

    def on_dialog(dialog: Dialog) -> None:
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.route("**/*", guard)
    page.on(
        "request", lambda r: None if r.url.startswith(LOCAL_SCHEMES) else log.external_requests.append(r.url)
    )
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: log.errors.append(f"pageerror: {exc}"))
    page.on("dialog", on_dialog)
    try:
        page.goto(Path(html_path).absolute().as_uri())
        if wait_ready:
            page.wait_for_function(
                "() => window.linkchart && window.linkchart.ready", timeout=READY_TIMEOUT_MS
            )
        yield page, log
    finally:
        context.close()
