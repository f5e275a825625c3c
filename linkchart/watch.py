"""Keep a store up to date with folders of articles: the ``linkchart watch`` loop as a library.

A one-off ``linkchart build`` pays Python start-up, the spaCy import and the model
load (~2 s) before it looks at a single file. A :class:`Watcher` pays them once:
it keeps the pipeline loaded, checks the corpus's stat stamps every few seconds
(no file is read while nothing changes) and, when a file appears, changes or
disappears, runs an incremental :func:`~linkchart.pipeline.build` that parses
only the changed documents and updates only what they contributed to the graph.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linkchart import scan
from linkchart.changes import FileChanges
from linkchart.corpus import SUPPORTED_SUFFIXES
from linkchart.pipeline import BuildSummary, build
from linkchart.scan import path_key, stamp_of


def walk_stamps(paths: Iterable[Path]) -> dict[bytes, tuple[str, str]]:
    """``{path_key: (stat stamp, path)}`` of every article file under ``paths``; nothing is read.

    The same files as :func:`linkchart.corpus.iter_files` (hidden files and folders
    and linked folders left out), found with ``os.scandir`` (about 3 µs a file);
    ``Path(path)`` is the name that function gives a file.
    """
    found: dict[bytes, tuple[str, str]] = {}
    for root in paths:
        if root.is_dir():
            _walk_folder(str(root), found)
        elif root.suffix.lower() in SUPPORTED_SUFFIXES:
            try:
                found[path_key(root)] = (stamp_of(root.stat()), str(root))
            except OSError:
                continue  # missing or a broken link: the build reports it
    return found


def _walk_folder(root: str, found: dict[bytes, tuple[str, str]]) -> None:
    base = os.path.abspath(root)
    folders = [""]
    while folders:
        relative = folders.pop()
        try:
            entries = list(os.scandir(os.path.join(base, relative)))
        except OSError:
            continue  # unreadable: the build reports it
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                if is_dir and not entry.is_symlink():
                    folders.append(os.path.join(relative, name))
                if is_dir or os.path.splitext(name)[1].lower() not in SUPPORTED_SUFFIXES:
                    continue
                stamp = stamp_of(entry.stat())
            except OSError:
                continue  # vanished, or a broken link
            found[os.fsencode(entry.path)] = (stamp, os.path.join(root, relative, name))


def _separate(paths: Iterable[Path]) -> bool:
    """Whether no path lies inside another (a file under two paths is read twice by a scan)."""
    keys = [path_key(p) for p in paths]
    sep = os.sep.encode()
    return not any(
        i != j and (a == b or b.startswith(a.rstrip(sep) + sep))
        for i, a in enumerate(keys)
        for j, b in enumerate(keys)
    )


def stamps(paths: Iterable[Path]) -> dict[bytes, str]:
    """The stat stamp of every article file under ``paths`` (nothing is read)."""
    return {key: stamp for key, (stamp, _) in walk_stamps(paths).items()}


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
    #: Rounds that read only the changed files, and rounds that scanned everything.
    changed_only_rounds: int = field(default=0, init=False)
    full_rounds: int = field(default=0, init=False)
    _last: dict[bytes, tuple[str, str]] | None = field(default=None, init=False, repr=False)
    _after: BuildSummary | None = field(default=None, init=False, repr=False)
    _recheck_at: float | None = field(default=None, init=False, repr=False)
    _nlp: Any = field(default=None, init=False, repr=False)

    def poll(self) -> Update | None:
        """Rebuild if any article file changed since the last round; ``None`` if nothing did.

        A file read within :data:`~linkchart.scan.RACY_NS` of a write is read again once
        that time has passed (its stamp could have missed a second write), as any build would.
        """
        now = walk_stamps(self.paths)  # taken first: a change during the build is seen next round
        moved = self._moved(now)
        recheck = self._recheck_at is not None and time.monotonic() >= self._recheck_at
        if moved == 0 and not recheck:
            return None
        started = time.perf_counter()
        parallel = self.jobs > 1 and moved >= self.parallel_from
        summary = build(
            self.paths,
            self.db,
            model=self.model,
            prune=self.prune,
            jobs=self.jobs if parallel else 1,
            nlp=None if parallel else self._pipeline(),
            changes=self._changes(now),
        )
        if summary.changed_only:
            self.changed_only_rounds += 1
        else:
            self.full_rounds += 1
        self._last, self._after = now, summary
        racy = summary.built and summary.files_racy > 0
        self._recheck_at = time.monotonic() + scan.RACY_NS / 1e9 if racy else None
        if moved == 0 and summary.parsed == summary.removed == 0 and summary.graph is None:
            return None  # a re-read found nothing new
        return Update(summary, time.perf_counter() - started)

    def _moved(self, now: dict[bytes, tuple[str, str]]) -> int:
        """How many files appeared, went or changed since the last round."""
        if self._last is None:
            return len(now) or 1  # the first round always builds
        last = self._last
        return sum(last.get(k, ("",))[0] != s for k, (s, _) in now.items()) + len(last.keys() - now.keys())

    def _changes(self, now: dict[bytes, tuple[str, str]]) -> FileChanges | None:
        """What moved since the last round, for a build that reads only that; ``None``: scan all."""
        last, after = self._last, self._after
        if last is None or after is None or not after.built or not _separate(self.paths):
            return None
        return FileChanges(
            files={k: path for k, (_, path) in now.items()},
            changed=[k for k, (s, _) in now.items() if k in last and last[k][0] != s],
            added=[k for k in now if k not in last],
            removed=[Path(last[k][1]) for k in last.keys() - now.keys()],
            generation=after.generation,
            documents=after.documents,
        )

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
