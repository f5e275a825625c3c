"""Run NER on a Dask cluster: the ``--engine dask`` path of ``linkchart build``.

Documents go out in batches of ``batch_size`` (``{"id", "text"}`` dicts); each
worker process loads the spaCy pipeline once and turns every batch into a list of
:meth:`~ner.records.DocumentAnalysis.to_dict` dicts with the same
``ner.pipeline`` functions as the local path, so both paths produce identical
analyses. Results come back as batches complete (not in input order), with at most
about two batches per worker thread in flight, so memory stays bounded however
large the corpus; the caller writes them into its one SQLite store.

Pointing it at a real cluster
-----------------------------
Every worker host needs linkchart and the spaCy model installed in the same
environment (same versions) as the host that runs ``build``::

    dask scheduler                                        # on HOST; listens on :8786
    dask worker tcp://HOST:8786 --nworkers N --nthreads 1  # on each worker host
    linkchart build PATH --engine dask --scheduler tcp://HOST:8786

``--nthreads 1`` gives each worker process its own pipeline; use ``--nworkers``
(about one per core) to use more cores. Dask itself is optional:
``pip install dask[distributed]`` (or ``linkchart[dask]``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from typing import Any

from linkchart.workers import analyze_batch, batches, pipeline_loads
from ner.errors import ModelNotFound
from ner.records import Document, DocumentAnalysis

#: Seconds to wait for at least one worker to join an external scheduler.
WORKER_WAIT_SECONDS = 60
#: How long a build waits with work pending and no worker left before giving up (``--timeout``).
NO_WORKER_TIMEOUT = 120.0
#: How often the pending batches are checked while waiting.
POLL_SECONDS = 1.0
#: Batches kept in flight per worker thread.
BATCHES_PER_THREAD = 2

__all__ = ["DaskEngineError", "analyze_on_dask", "pipeline_loads"]


class DaskEngineError(RuntimeError):
    """dask is missing, the cluster could not be reached, or a batch failed on it."""


def _connect(stack: ExitStack, scheduler: str | None, workers: int) -> Any:
    """A Client on ``scheduler``, or on a LocalCluster that ``stack`` closes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise DaskEngineError("the dask engine needs 'pip install dask[distributed]'") from error
    if scheduler is None:
        cluster = stack.enter_context(
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        )
        return stack.enter_context(Client(cluster))
    try:
        client = stack.enter_context(Client(scheduler))
    except OSError as error:
        raise DaskEngineError(f"cannot reach the dask scheduler at {scheduler}: {error}") from error
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError as error:
        raise DaskEngineError(
            f"no dask worker joined the scheduler at {scheduler} within {WORKER_WAIT_SECONDS} s"
        ) from error
    return client


def _finished(client: Any, pending: dict[Any, list[str]], timeout: float) -> Iterator[Any]:
    """Pending futures as they finish (the caller removes each and may add more); raises
    :class:`DaskEngineError` when the cluster has had no worker for ``timeout`` seconds."""
    from dask.distributed import wait

    alone_since: float | None = None
    while pending:
        try:
            done = wait(list(pending), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED").done
        except TimeoutError:
            done = set()
        if done:
            alone_since = None
            yield from [f for f in pending if f in done]
            continue
        if client.nthreads():
            alone_since = None
        elif alone_since is None:
            alone_since = time.monotonic()
        elif time.monotonic() - alone_since >= timeout:
            raise DaskEngineError(
                f"every dask worker is gone and none came back within {timeout:g} s; the documents "
                "finished so far are stored (run the build again, or give more time with --timeout)"
            )


def analyze_on_dask(
    documents: Iterable[Document],
    *,
    model: str,
    scheduler: str | None = None,
    batch_size: int = 32,
    workers: int = 2,
    timeout: float = NO_WORKER_TIMEOUT,
) -> Iterator[DocumentAnalysis]:
    """Analyse ``documents`` on a Dask cluster, yielding each analysis once, in completion order.

    Parameters
    ----------
    documents : iterable of Document
        Read lazily, one batch at a time.
    model : str
        spaCy pipeline name, installed on every worker.
    scheduler : str, optional
        Address of a running scheduler (``tcp://HOST:8786``); without it a LocalCluster
        of ``workers`` single-threaded processes is started and closed at the end.
    batch_size : int
        Documents per task.
    workers : int
        LocalCluster size; in-flight batches are capped at 2 × max(workers, cluster threads).
    timeout : float
        Seconds to wait, with batches pending, while the cluster has no worker at all (every
        worker died): then :class:`DaskEngineError`. Slow batches on live workers never time out.

    Raises
    ------
    DaskEngineError
        A ``RuntimeError``: dask.distributed is not installed, the scheduler cannot be reached
        or has no workers, or a batch failed (the message names the batch's first document id).
    ner.errors.ModelNotFound
        If a worker does not have the spaCy pipeline.
    """
    with ExitStack() as stack:
        client = _connect(stack, scheduler, workers)
        window = BATCHES_PER_THREAD * max(workers, sum(client.nthreads().values()))
        pending_batches = batches(documents, batch_size)
        pending: dict[Any, list[str]] = {}  # future → the ids it was sent

        def submit(batch: list[dict[str, str | None]]) -> None:
            future = client.submit(analyze_batch, batch, model, batch_size, pure=False)
            pending[future] = [d["id"] for d in batch]

        try:
            for batch in islice(pending_batches, window):
                submit(batch)
            for future in _finished(client, pending, timeout):
                ids = pending.pop(future)
                try:
                    results = future.result()
                except ModelNotFound:
                    raise
                except Exception as error:
                    raise DaskEngineError(
                        f"NER failed on the batch starting with document {ids[0]!r}: "
                        f"{type(error).__name__}: {error}"
                    ) from error
                if sorted(r["doc_id"] for r in results) != sorted(ids):
                    raise DaskEngineError(
                        f"the batch starting with document {ids[0]!r} came back with the wrong documents"
                    )
                for following in islice(pending_batches, 1):
                    submit(following)
                for result in results:
                    yield DocumentAnalysis.from_dict(result)
        finally:
            if pending:
                client.cancel(list(pending))
