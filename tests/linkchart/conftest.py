"""Fixtures for the library tests of linkchart/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import Store


@pytest.fixture(scope="module")
def seeds_store(seeds_db: Path) -> Iterator[Store]:
    """The seeds store (:func:`tests.conftest.seeds_db`), open for a module's tests."""
    with Store(seeds_db) as opened:
        yield opened
