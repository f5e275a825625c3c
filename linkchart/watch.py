"""Keep a store up to date with folders of articles: the ``linkchart watch`` loop as a library.

A one-off ``linkchart build`` pays Python start-up, the spaCy import and the model
load (~2 s) before it looks at a single file. A :class:`Watcher` pays them once:
it keeps the pipeline loaded, checks the corpus's stat stamps every few seconds
(no file is read while nothing changes) and, when a file appears, changes or
disappears, runs an incremental :func:`~linkchart.pipeline.build` that parses
only the changed documents and updates only what they contributed to the graph.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linkchart.corpus import LoadReport, iter_files
from linkchart.pipeline import BuildSummary, build
from linkchart.scan import path_key, stamp_of


def stamps(paths: Iterable[Path]) -> dict[bytes, str]:
    """The stat stamp of every article file under ``paths`` (nothing is read)."""
    found = {}
    for path in iter_files(paths, LoadReport()):
        try:
            found[path_key(path)] = stamp_of(path.stat())
        except OSError:  # vanished since the folder was listed: the build will see it gone
            continue
    return found


@dataclass
class Update:
    """One round of a :class:`Watcher` that found changes."""

    summary: BuildSummary
    seconds: float


@dataclass
class Watcher:
    """Rebuild ``db`` from ``paths`` whenever an article file appears, changes or disappears.

    Parameters
    ----------
    paths : list of path
        Files or folders, as for :func:`~linkchart.pipeline.build`.
    db : path
        The store; created by the first round if missing.
    model : str, optional
        Installed spaCy pipeline (loaded once, on the first round that has to parse).
    prune : bool
        Forget stored documents whose files are gone (``build --prune``).
    jobs : int
        Worker processes for a round that parses many documents (the first one,
        usually); smaller rounds run in this process with the loaded pipeline.
    """

    paths: list[Path]
    db: Path
    model: str | None = None
    prune: bool = False
    jobs: int = 1
    #: With ``jobs > 1``, rounds with at least this many new or changed files use the workers.
    parallel_from: int = 64
    #: How many times the spaCy pipeline was loaded (once, however many rounds parse).
    pipeline_loads: int = field(default=0, init=False)
    _last: dict[bytes, str] | None = field(default=None, init=False, repr=False)
    _nlp: Any = field(default=None, init=False, repr=False)

    def poll(self) -> Update | None:
        """Rebuild if any article file changed since the last round; ``None`` if nothing did."""
        now = stamps(self.paths)  # taken first: a change during the build is seen next round
        if now == self._last:
            return None
        moved = len(now) if self._last is None else sum(self._last.get(k) != s for k, s in now.items())
        started = time.perf_counter()
        if self.jobs > 1 and moved >= self.parallel_from:
            summary = build(self.paths, self.db, model=self.model, prune=self.prune, jobs=self.jobs)
        else:
            summary = build(self.paths, self.db, model=self.model, prune=self.prune, nlp=self._pipeline())
        self._last = now
        return Update(summary, time.perf_counter() - started)

    def _pipeline(self) -> Any:
        """The loaded spaCy pipeline, loaded now if this is the first time."""
        if self._nlp is None:
            from ner.pipeline import load_pipeline

            self._nlp = load_pipeline(self.model)
            self.pipeline_loads += 1
        return self._nlp

    def run(
        self, interval: float, on_update: Callable[[Update], None] | None = None, rounds: int | None = None
    ) -> None:
        """Poll every ``interval`` seconds (``rounds`` times, or until interrupted)."""
        done = 0
        while rounds is None or done < rounds:
            update = self.poll()
            if update is not None and on_update is not None:
                on_update(update)
            done += 1
            if rounds is None or done < rounds:
                time.sleep(interval)
