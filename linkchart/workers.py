"""Worker-side NER shared by the process and Dask engines: one pipeline per worker process.

A worker receives a batch of ``{"id", "text", "outlet"}`` dicts and sends back
:meth:`~ner.records.DocumentAnalysis.to_dict` dicts, never spaCy ``Doc`` objects:
those are large to serialise, and turning them into analyses in the parent
process would make it a bottleneck beside its workers.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ner.records import Document
from ner.version import PARALLEL_BATCH_CHARS


class WorkerCrashed(RuntimeError):
    """A worker process died (killed, or out of memory) while analysing documents."""


# Worker-side state: one pipeline per model per worker process, and how often each was loaded.
_PIPELINES: dict[str, Any] = {}
_LOADS: Counter[str] = Counter()
_LOAD_LOCK = threading.Lock()


def _pipeline(model: str) -> Any:
    """The worker process's pipeline for ``model``, loaded on first use."""
    with _LOAD_LOCK:
        if model not in _PIPELINES:
            from ner.pipeline import load_pipeline

            _PIPELINES[model] = load_pipeline(model)
            _LOADS[model] += 1
        return _PIPELINES[model]


def pipeline_loads() -> dict[str, int]:
    """How many times this process loaded each model (for ``client.run``)."""
    return dict(_LOADS)


def analyze_batch(batch: list[dict[str, str | None]], model: str, batch_size: int) -> list[dict[str, Any]]:
    """Worker task: analyse ``{"id", "text", "outlet"}`` dicts, returning ``DocumentAnalysis.to_dict()``
    dicts."""
    from ner.pipeline import analyze
    from ner.records import Document

    nlp = _pipeline(model)
    documents = (Document(d["id"], d["text"], outlet=d.get("outlet")) for d in batch)
    return [analysis.to_dict() for analysis in analyze(nlp, documents, batch_size=batch_size)]


def batches(
    documents: Iterable[Document], size: int, max_chars: int = PARALLEL_BATCH_CHARS
) -> Iterator[list[dict[str, str | None]]]:
    """``{"id", "text", "outlet"}`` batches of at most ``size`` documents and about ``max_chars`` characters.

    The character budget keeps tasks of similar length whatever the articles' sizes, so at the
    end of a build no worker waits long for another's last batch. Read lazily.
    """
    batch: list[dict[str, str | None]] = []
    chars = 0
    for doc in documents:
        batch.append({"id": doc.id, "text": doc.text, "outlet": doc.outlet})
        chars += len(doc.text or "")
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch
