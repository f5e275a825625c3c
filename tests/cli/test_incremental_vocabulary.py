"""Incremental builds that merge only the part of the vocabulary a delta can move stay exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.resolve import VocabularyMerge, merge_delta
from tests.cli import test_incremental as steps


@pytest.mark.slow
def test_every_step_merging_only_the_part_equals_a_fresh_build(tmp_path: Path, monkeypatch):
    """The incremental steps again, with no delta merged whole, however large a share of the seeds it is."""
    parts: list[VocabularyMerge] = []

    def part_only(db, delta, **corrections):
        parts.append(merge_delta(db, delta, max_share=None, **corrections))
        return parts[-1]

    monkeypatch.setattr("graph.store.delta.merge_delta", part_only)
    steps.test_every_incremental_step_equals_a_fresh_build(tmp_path)
    assert len(parts) == 5 and not any(p.whole for p in parts)
