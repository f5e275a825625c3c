"""Document stream → ner → store → graph: the ``build`` job as a library call.

Only documents whose content hash or extractor version changed are parsed;
analyses are saved one transaction per batch; the graph is then updated in one
final transaction, re-aggregating only the documents that changed (or were
removed) and those whose entities merge differently because of them
(:mod:`graph.store.delta`). An interrupted build leaves the previous graph
queryable and the next build picks up where it stopped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.resolve import default_path, effective
from graph.resolve import read as read_corrections
from graph.store import GraphUpdate, Store, StoreError, graph_counts, update_graph
from linkchart.corpus import LoadReport, load_corpus
from linkchart.scan import ScanCache, reader_version
from linkchart.scan_cache import save_scan, scan_rows, untrusted_files
from ner.records import Document, DocumentAnalysis
from ner.version import DEFAULT_BATCH_SIZE, PARALLEL_BATCH_SIZE, extractor_version, model_name

if TYPE_CHECKING:
    from linkchart.changes import FileChanges


@dataclass
class BuildSummary:
    """What a build did."""

    documents: int = 0
    parsed: int = 0
    unchanged: int = 0
    removed: int = 0
    tokens: int = 0
    entities: Counter = field(default_factory=Counter)
    edges: Counter = field(default_factory=Counter)
    report: LoadReport = field(default_factory=LoadReport)
    built: bool = False
    #: Ids of the documents parsed, in order.
    parsed_ids: list[str] = field(default_factory=list)
    #: Files found unchanged since their last read, and so not read again.
    files_unread: int = 0
    #: What the graph update rewrote (``None``: the graph was already up to date).
    graph: GraphUpdate | None = None
    #: The store's graph generation after the build.
    generation: str | None = None
    #: Files read (the others were known unchanged), and files read too soon after a write to
    #: trust their stat stamp (they are read again by the next build).
    files_read: int = 0
    files_racy: int = 0
    #: Only the files known to have changed were looked at (:mod:`linkchart.changes`).
    changed_only: bool = False


#: Document metadata refreshed without parsing again when only it changed.
METADATA = ("title", "outlet", "url", "date", "author", "path")


def _metadata(doc: Document) -> tuple:
    return tuple(getattr(doc, k) for k in METADATA)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _remembered_reads(db_path: str | Path, version: str) -> dict:
    """The store's remembered corpus reads, if there is a readable store at ``db_path``."""
    if not Path(db_path).is_file():
        return {}
    try:
        with Store(db_path) as store:
            return scan_rows(store, version)
    except StoreError:  # an old, foreign or broken store: the build reports it when it opens it
        return {}


def build(
    paths: Iterable[str | Path],
    db_path: str | Path,
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int | None = None,
    prune: bool = False,
    on_parsed: Callable[[int], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    nlp: Any = None,
    changes: FileChanges | None = None,
    corrections: str | Path | None = None,
    timeout: float = 120.0,
) -> BuildSummary:
    """Analyse new or changed documents into the store at ``db_path`` and rebuild the graph.

    Parameters
    ----------
    paths : iterable of path
        Files or folders (searched recursively).
    db_path : path
        The store; created if missing.
    model : str, optional
        Installed spaCy pipeline name (default: ``$LINKCHART_MODEL`` or the bundled one).
    jobs : int
        Worker processes for spaCy (:mod:`linkchart.process_engine` when more than one).
    batch_size : int, optional
        Documents per batch (per task with several processes); default
        ``DEFAULT_BATCH_SIZE`` with one process, ``PARALLEL_BATCH_SIZE`` with several.
    prune : bool
        Remove stored documents that are no longer in ``paths``.
    on_parsed : callable, optional
        Called with the number of documents parsed after each batch (progress).
    engine : {"local", "dask"}
        Run NER in this process (``jobs`` spaCy processes) or on a Dask cluster
        (:mod:`linkchart.dask_engine`); results always flow back into the one store.
    scheduler : str, optional
        Dask scheduler address; without it ``engine="dask"`` starts a local cluster
        of ``jobs`` workers.
    nlp : spacy.language.Language, optional
        A pipeline from :func:`ner.pipeline.load_pipeline`, already loaded, to use in this
        process instead of loading ``model`` (a long-running caller such as ``linkchart watch``).
    changes : linkchart.changes.FileChanges, optional
        The files that changed since the last build (``linkchart watch`` knows): only they are
        read, unless they clash with other files (see :mod:`linkchart.changes`).
    corrections : path, optional
        The corrections file (:mod:`graph.resolve.corrections`; default: the store's, beside it).
    timeout : float
        With ``engine="dask"``: seconds to wait with no worker left before failing.

    Raises
    ------
    graph.store.StoreError
        If the store is not a linkchart store, or (:class:`~graph.store.BuildBusy`) another
        build holds it.
    ner.pipeline.ModelNotFound
        If the spaCy pipeline is not installed.
    """
    batch_size = batch_size or (DEFAULT_BATCH_SIZE if jobs == 1 else PARALLEL_BATCH_SIZE)
    name = model_name(model)
    fixes = Path(corrections) if corrections else default_path(Path(db_path))
    version = extractor_version(name)
    work = _Work(name, version, jobs, batch_size, prune, on_parsed, engine, scheduler, nlp, fixes, timeout)
    if changes is not None and Path(db_path).is_file():
        summary = _build_changes(db_path, changes, work)
        if summary is not None:
            return summary
    summary = BuildSummary()
    roots = [Path(p) for p in paths]
    cache = ScanCache(_remembered_reads(db_path, reader_version()))
    state: dict[str, tuple[str, str]] = {}  # filled once the store is open

    def wants_text(doc: Document) -> bool:
        return state.get(doc.id) != (doc.content_hash, work.version)

    corpus = load_corpus(roots, summary.report, cache=cache, wants_text=wants_text)
    first_doc = next(corpus, None)
    if first_doc is None:
        return summary  # nothing readable: the store is not created, nor touched
    with (
        _new_store_removed_on_failure(Path(db_path)),
        Store(db_path, create=True) as store,
        store.build_lock(),
    ):
        state.update(store.docs.document_state())
        stored = store.docs.listing()
        store_paths = {doc_id: data["paths"] for doc_id, data in stored.items()}
        seen = _ingest(store, chain([first_doc], corpus), state, stored, work, summary)
        summary.files_unread = cache.hits
        summary.files_read = len(cache.seen) - cache.hits
        stale = cache.stale(roots)
        if cache.changed or stale:
            save_scan(store, (r.to_row(k) for k, r in cache.changed.items()), stale, reader_version())
        for duplicate, doc_id in summary.report.duplicates:
            if duplicate:
                seen[doc_id].append(duplicate)
        _record_paths(store, seen, store_paths)
        if prune:
            summary.removed = store.docs.remove_documents(i for i in state if i not in seen)
        _finish(store, summary, work.corrections)
    return summary


@contextmanager
def _new_store_removed_on_failure(db_path: Path) -> Iterator[None]:
    """A store this build creates and then fails before saving a document is removed, with
    its side files, so a failed first build (an unreachable scheduler) leaves nothing behind."""
    existed = db_path.exists()
    try:
        yield
    except BaseException:
        if not existed and _holds_no_document(db_path):
            for extra in ("", "-wal", "-shm", ".lock"):
                Path(f"{db_path}{extra}").unlink(missing_ok=True)
        raise


def _holds_no_document(db_path: Path) -> bool:
    try:
        with Store(db_path) as store:
            return store.docs.is_empty()
    except StoreError:
        return True  # not even a schema: nothing worth keeping


@dataclass
class _Work:
    """How to parse: the build's settings."""

    model: str
    version: str
    jobs: int
    batch_size: int
    prune: bool
    on_parsed: Callable[[int], None] | None
    engine: str
    scheduler: str | None
    nlp: Any
    corrections: Path
    timeout: float


def _build_changes(db_path: str | Path, changes: FileChanges, work: _Work) -> BuildSummary | None:
    """A build that reads only the changed files, or ``None`` if a full scan is needed."""
    from linkchart.changes import scan_changes

    summary = BuildSummary()
    cache = ScanCache()
    try:
        store = Store(db_path)
    except StoreError:
        return None  # an old or broken store: the full build says what is wrong
    with store, store.build_lock():
        scan = scan_changes(store, changes, cache, summary.report)
        if scan is None:
            return None
        ids = [doc.id for doc in scan.documents]
        stored, state = store.docs.listing(ids), store.docs.document_state(ids)
        seen = _ingest(store, iter(scan.documents), state, stored, work, summary)
        _record_paths(store, seen, {doc_id: data["paths"] for doc_id, data in stored.items()})
        summary.documents, summary.unchanged = scan.total, scan.total - summary.parsed
        summary.files_unread, summary.files_read = len(changes.files) - scan.read, scan.read
        summary.changed_only = True
        rows = [r.to_row(k) for k, r in cache.changed.items()]
        if rows or scan.stale:
            save_scan(store, rows, scan.stale, reader_version())
        if work.prune:
            summary.removed = store.docs.remove_documents(scan.gone)
        _finish(store, summary, work.corrections)
    return summary


def _ingest(
    store: Store,
    documents: Iterator[Document],
    state: dict[str, tuple[str, str]],
    stored: dict[str, dict],
    work: _Work,
    summary: BuildSummary,
) -> dict[str, list[str]]:
    """Parse the new or changed documents, refresh retitled ones; returns ``{id: [path]}`` of those seen."""
    seen: dict[str, list[str]] = {}
    retitled: list[Document] = []

    def changed() -> Iterator[Document]:
        """Stream the documents, passing on only new or changed ones."""
        for doc in documents:
            seen[doc.id] = [doc.path] if doc.path else []
            summary.documents += 1
            if state.get(doc.id) == (doc.content_hash, work.version):
                summary.unchanged += 1
                if _metadata(doc) != tuple(stored[doc.id][k] for k in METADATA):
                    retitled.append(doc)  # e.g. a new title in front matter: no need to parse again
            else:
                yield doc

    todo = changed()
    first = next(todo, None)
    if first is not None:
        _parse(store, chain([first], todo), work, summary)
    if retitled:
        store.docs.update_metadata(retitled)
    return seen


def _record_paths(store: Store, seen: dict[str, list[str]], stored: dict[str, list[str]]) -> None:
    """Store the files that hold each seen document, where they are not what is stored."""
    moved = {doc_id: paths for doc_id, paths in seen.items() if sorted(set(paths)) != stored.get(doc_id)}
    if moved:
        store.docs.set_paths(moved)


def _finish(store: Store, summary: BuildSummary, corrections: Path) -> None:
    """Bring the graph up to date with the analyses and the corrections in force, and count it."""
    summary.graph = update_graph(store, effective(read_corrections(corrections)))
    summary.entities, summary.edges = graph_counts(store)
    summary.generation = store.get_meta("graph_generation")
    summary.files_racy = len(untrusted_files(store))
    summary.built = True


def apply_corrections(
    db_path: str | Path, corrections: str | Path | None = None, *, wait: bool = False
) -> BuildSummary:
    """Bring an existing store's graph up to date with its corrections file, by delta, parsing
    nothing (what ``linkchart fix`` runs after writing a correction). With ``wait``, a build
    running on the store is waited for (it may have applied the correction already).

    Raises
    ------
    graph.store.facade.StoreError
        If the store is missing, not a linkchart store, or another build holds it.
    """
    path = Path(corrections) if corrections else default_path(Path(db_path))
    summary = BuildSummary()
    with Store(db_path) as store, store.build_lock(wait=wait):
        _finish(store, summary, path)
        summary.documents = store.docs.count()
    return summary


def _parse(store: Store, todo: Iterable[Document], work: _Work, summary: BuildSummary) -> None:
    pending: dict[str, Document] = {}  # documents handed to spaCy whose analysis has not come back

    def feed() -> Iterator[Document]:
        for doc in todo:
            pending[doc.id] = doc
            yield doc

    if work.engine == "dask":
        from linkchart.dask_engine import analyze_on_dask

        analyses: Iterator[DocumentAnalysis] = analyze_on_dask(
            feed(),
            model=work.model,
            scheduler=work.scheduler,
            batch_size=work.batch_size,
            workers=work.jobs,
            timeout=work.timeout,
        )
    elif work.jobs > 1:
        from linkchart.process_engine import analyze_in_processes

        analyses = analyze_in_processes(
            feed(), model=work.model, workers=work.jobs, batch_size=work.batch_size
        )
    else:
        from ner.pipeline import analyze, load_pipeline  # spaCy loads only when there is work

        nlp = work.nlp if work.nlp is not None else load_pipeline(work.model)
        analyses = analyze(nlp, feed(), batch_size=work.batch_size)
    for batch in _batches(analyses, work.batch_size):
        store.docs.save_analyses(((pending.pop(a.doc_id), a) for a in batch), work.version)
        summary.parsed += len(batch)
        summary.parsed_ids.extend(a.doc_id for a in batch)
        summary.tokens += sum(a.n_tokens for a in batch)
        if work.on_parsed:
            work.on_parsed(len(batch))
