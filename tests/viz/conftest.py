"""Fixtures for the viz tests: hand-built graphs, one shared Chromium, rendered pages."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from playwright.sync_api import Browser

from tests.viz.browser import chromium, chromium_path
from tests.viz.sample_graphs import build_evil_graph, build_sample_graph


@pytest.fixture()
def sample_graph() -> nx.MultiDiGraph:
    """A fresh copy of the sample graph."""
    return build_sample_graph()


@pytest.fixture()
def evil_graph() -> nx.MultiDiGraph:
    """A fresh copy of the injection graph."""
    return build_evil_graph()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session; skips when none is installed."""
    if chromium_path() is None:
        if os.environ.get("LINKCHART_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (LINKCHART_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("chromium is not installed")
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Render a graph once per distinct call, reusing files across tests."""
    from viz import render_html

    cache: dict[str, Path] = {}

    def render(name: str, G: nx.MultiDiGraph, **kwargs: Any) -> Path:
        if name not in cache:
            cache[name] = render_html(G, tmp_path_factory.mktemp("viz") / f"{name}.html", **kwargs)
        return cache[name]

    return render
