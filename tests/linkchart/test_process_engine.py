"""--jobs N: real worker processes give exactly the in-process analyses, in order, or fail clearly."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from linkchart.corpus import load_corpus
from linkchart.process_engine import analyze_in_processes
from linkchart.workers import WorkerCrashed
from ner.errors import ModelNotFound
from ner.pipeline import analyze, model_name
from ner.records import Document

REPO = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    documents = list(load_corpus([REPO / "seeds"]))
    assert len(documents) == 5
    return documents


def test_two_workers_give_the_local_analyses_in_input_order(nlp, docs: list[Document]):
    local = [a.to_dict() for a in analyze(nlp, docs)]
    parallel = [a.to_dict() for a in analyze_in_processes(docs, model=model_name(), workers=2, batch_size=2)]
    assert parallel == local
    assert [a["doc_id"] for a in parallel] == [d.id for d in docs]
    assert not multiprocessing.active_children()  # the pool is shut down


def test_missing_model_raises_model_not_found(docs: list[Document]):
    with pytest.raises(ModelNotFound):
        list(analyze_in_processes(docs, model="xx_no_such_model", workers=2, batch_size=1))


def test_a_killed_worker_is_a_clear_error(docs: list[Document]):
    analyses = analyze_in_processes(docs * 4, model=model_name(), workers=2, batch_size=1)
    next(analyses)
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    with pytest.raises(WorkerCrashed, match="batch starting with document"):
        list(analyses)


def test_batches_close_at_a_document_count_or_a_character_budget():
    from linkchart.workers import batches

    sizes = [5, 5, 30, 1, 1, 1, 1, 1, 12]
    docs = [Document(id=f"d{i}", text="x" * n) for i, n in enumerate(sizes)]
    got = [[d["id"] for d in batch] for batch in batches(docs, size=4, max_chars=10)]
    assert got == [["d0", "d1"], ["d2"], ["d3", "d4", "d5", "d6"], ["d7", "d8"]]
    assert [d["text"] for batch in batches(docs, 4, 10) for d in batch] == [d.text for d in docs]
