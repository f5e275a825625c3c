"""The dask engine on a real 2-worker LocalCluster gives exactly the local analyses."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from dask.distributed import Client, LocalCluster

from linkchart.corpus import load_corpus
from linkchart.dask_engine import DaskEngineError, analyze_on_dask, pipeline_loads
from ner.pipeline import analyze, model_name
from ner.records import Document

REPO = Path(__file__).parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    documents = list(load_corpus([REPO / "seeds"]))
    assert len(documents) == 5
    return documents


@pytest.fixture(scope="module")
def local(nlp, docs: list[Document]) -> list[dict]:
    """What the local path produces, sorted by doc_id."""
    return sorted((a.to_dict() for a in analyze(nlp, docs)), key=lambda a: a["doc_id"])


def test_own_local_cluster_matches_local(docs, local):
    """Without a scheduler it starts (and closes) its own cluster; runs before ``client`` starts one.

    One worker and two documents keep it cheap: the 2-worker run over all seeds is the next test.
    """
    results = list(analyze_on_dask(docs[:2], model=model_name(), batch_size=1, workers=1))
    expected = [a for a in local if a["doc_id"] in {d.id for d in docs[:2]}]
    assert sorted((a.to_dict() for a in results), key=lambda a: a["doc_id"]) == expected


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as c,
    ):
        yield c


def test_scheduler_matches_local_and_loads_once_per_worker(client: Client, docs, local):
    address = client.scheduler.address
    results = list(analyze_on_dask(docs, model=model_name(), scheduler=address, batch_size=1, workers=2))
    assert sorted((a.to_dict() for a in results), key=lambda a: a["doc_id"]) == local
    # 5 one-document tasks on 2 workers, yet each worker loaded the pipeline once.
    assert sorted(client.run(pipeline_loads).values(), key=str) == [{model_name(): 1}] * 2


def test_failed_batch_names_its_first_document(client: Client, docs):
    bad = dataclasses.replace(docs[0], id="broken-doc", text=None)
    address = client.scheduler.address
    with pytest.raises(DaskEngineError, match="'broken-doc'"):
        list(analyze_on_dask([bad, *docs], model=model_name(), scheduler=address, batch_size=2))


def test_every_worker_gone_fails_after_the_timeout(docs):
    """A real worker process killed mid-batch, none coming back: a clear error, not a hang."""
    import signal
    import subprocess
    import sys
    import threading
    import time

    cluster = LocalCluster(n_workers=0, processes=True, host="127.0.0.1", dashboard_address=None)
    with cluster, Client(cluster) as client:
        worker = subprocess.Popen(
            [str(Path(sys.executable).parent / "dask"), "worker", cluster.scheduler_address,
             "--no-nanny", "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            client.wait_for_workers(1, timeout=120)
            failure: list[BaseException] = []

            def run() -> None:
                try:
                    list(analyze_on_dask(docs, model=model_name(), scheduler=cluster.scheduler_address,
                                         batch_size=1, timeout=3))  # fmt: skip
                except BaseException as error:  # the test reads it
                    failure.append(error)

            build = threading.Thread(target=run, daemon=True)
            build.start()
            deadline = time.monotonic() + 120
            while not any(client.processing().values()) and time.monotonic() < deadline:
                time.sleep(0.05)  # waits for an event (a batch on the worker), not for time
            assert any(client.processing().values()), "no batch ever reached the worker"
            worker.send_signal(signal.SIGKILL)
            build.join(timeout=120)
            assert not build.is_alive(), "the build waited forever"
            assert failure and isinstance(failure[0], DaskEngineError)
            assert "every dask worker is gone and none came back within 3 s" in str(failure[0])
        finally:
            worker.kill()
            worker.wait()
