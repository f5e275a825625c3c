"""Run NER in local worker processes: ``linkchart build --jobs N`` with N > 1.

Each of the N processes loads the spaCy pipeline once and turns batches of
documents into analyses (:func:`linkchart.workers.analyze_batch`); only the
small analysis records come back, so the parent process, which reads the files
and writes the store, stays nearly idle and N processes use N cores. (spaCy's own
``nlp.pipe(n_process=N)`` sends whole ``Doc`` objects back to the parent, which
then has to deserialise and analyse them beside its workers.) At most
:data:`BATCHES_PER_WORKER` batches per process are in flight, so memory stays
bounded, and analyses come back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from linkchart.workers import WorkerCrashed, analyze_batch, batches
from ner.records import Document, DocumentAnalysis

#: Batches queued per worker process beyond the one it is working on.
BATCHES_PER_WORKER = 2


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` where it exists (workers start at once, sharing what the parent imported)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def analyze_in_processes(
    documents: Iterable[Document], *, model: str, workers: int, batch_size: int
) -> Iterator[DocumentAnalysis]:
    """Analyse ``documents`` in ``workers`` processes, yielding analyses in input order.

    Raises
    ------
    ner.errors.ModelNotFound
        If the spaCy pipeline is not installed (raised in a worker, re-raised here).
    WorkerCrashed
        If a worker process died; the message names the batch's first document.
    """
    todo = batches(documents, batch_size)
    pending: deque[tuple[Future, str]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    try:

        def submit(batch: list[dict[str, str | None]]) -> None:
            pending.append((pool.submit(analyze_batch, batch, model, batch_size), batch[0]["id"]))

        for batch in islice(todo, workers * (1 + BATCHES_PER_WORKER)):
            submit(batch)
        while pending:
            future, first = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool as error:
                raise WorkerCrashed(
                    f"a worker process died while analysing the batch starting with document {first!r}"
                ) from error
            for batch in islice(todo, 1):
                submit(batch)
            for result in results:
                yield DocumentAnalysis.from_dict(result)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
