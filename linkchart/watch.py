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
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.resolve import default_path
from graph.store import BuildBusy
from linkchart import scan
from linkchart.changes import FileChanges
from linkchart.corpus import SUPPORTED_SUFFIXES
from linkchart.file_events import EventsUnavailable, FolderEvents
from linkchart.pipeline import BuildSummary, build
from linkchart.scan import path_key, stamp_of

#: The clock rounds are timed by, and the pause between rounds (tests set them rather than sleep).
monotonic = time.monotonic
pause = time.sleep


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


@dataclass
class Update:
    """One round of a :class:`Watcher` that found changes."""

    summary: BuildSummary
    seconds: float


@dataclass
class _Seen:
    """The files after a look: their stamps, and which moved since the last round."""

    state: dict[bytes, tuple[str, str]]
    changed: list[bytes]
    added: list[bytes]
    removed: list[bytes]
    #: ``{key: (stamp, path) or None}`` of the files looked at again.
    updates: dict[bytes, tuple[str, str] | None]

    @property
    def moved(self) -> int:
        return len(self.changed) + len(self.added) + len(self.removed)

    @classmethod
    def from_walk(cls, last: dict[bytes, tuple[str, str]], now: dict[bytes, tuple[str, str]]) -> _Seen:
        changed = [k for k, (s, _) in now.items() if k in last and last[k][0] != s]
        added = [k for k in now if k not in last]
        return cls(now, changed, added, [k for k in last if k not in now], dict(now))

    @classmethod
    def from_touched(cls, last: dict[bytes, tuple[str, str]], paths: list[str]) -> _Seen:
        """Only ``paths`` stat'ed again; the other files are as they were."""
        updates: dict[bytes, tuple[str, str] | None] = {}
        for path in paths:
            try:
                info = os.stat(path)
                found = None if stat.S_ISDIR(info.st_mode) else (stamp_of(info), path)
            except OSError:
                found = None
            updates[path_key(path)] = found
        changed = [k for k, v in updates.items() if v and k in last and last[k][0] != v[0]]
        added = [k for k, v in updates.items() if v and k not in last]
        removed = [k for k, v in updates.items() if v is None and k in last]
        if not (changed or added or removed):
            return cls(last, [], [], [], updates)
        state = dict(last)
        state.update((k, v) for k, v in updates.items() if v is not None)
        for key in removed:
            del state[key]
        return cls(state, changed, added, removed, updates)


class _Paths(Mapping[bytes, str]):
    """``{key: path}`` view of a ``{key: (stamp, path)}`` dict (no copy of a big corpus's files)."""

    def __init__(self, state: dict[bytes, tuple[str, str]]):
        self._state = state

    def __getitem__(self, key: bytes) -> str:
        return self._state[key][1]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._state)

    def __len__(self) -> int:
        return len(self._state)


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
    corrections : path, optional
        The corrections file (default: the store's): a round also runs when it changes.
    """

    paths: list[Path]
    db: Path
    model: str | None = None
    prune: bool = False
    jobs: int = 1
    corrections: Path | None = None
    #: With ``jobs > 1``, rounds with at least this many new or changed files use the workers.
    parallel_from: int = 64
    #: Learn of changed files from the kernel (Linux inotify) rather than by stat-ing every file.
    file_events: bool = True
    #: With file events, still walk every file this often (seconds), to see changes events miss.
    walk_every: float = 60.0
    #: How many times the spaCy pipeline was loaded (once, however many rounds parse).
    pipeline_loads: int = field(default=0, init=False)
    #: Rounds that read only the changed files, and rounds that scanned everything.
    changed_only_rounds: int = field(default=0, init=False)
    full_rounds: int = field(default=0, init=False)
    #: Walks of every file (with file events: the first round, the periodic ones, and after a
    #: change events cannot follow, such as a new folder).
    walks: int = field(default=0, init=False)
    _last: dict[bytes, tuple[str, str]] | None = field(default=None, init=False, repr=False)
    _after: BuildSummary | None = field(default=None, init=False, repr=False)
    _recheck_at: float | None = field(default=None, init=False, repr=False)
    _events: FolderEvents | None = field(default=None, init=False, repr=False)
    _walked_at: float = field(default=0.0, init=False, repr=False)
    _nlp: Any = field(default=None, init=False, repr=False)
    _fixes_seen: tuple[int, int] | None = field(default=None, init=False, repr=False)

    def poll(self) -> Update | None:
        """Rebuild if any article file changed since the last round; ``None`` if nothing did.

        A file read within :data:`~linkchart.scan.RACY_NS` of a write is read again once
        that time has passed (its stamp could have missed a second write), as any build would.
        """
        seen = self._look()  # taken first: a change during the build is seen next round
        moved = seen.moved if self._last is not None else max(len(seen.updates), 1)
        recheck = self._recheck_at is not None and monotonic() >= self._recheck_at
        fixes = self._fixes_stamp()
        if moved == 0 and not recheck and fixes == self._fixes_seen:
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
            changes=self._changes(seen),
            corrections=self.corrections,
        )
        self._fixes_seen = fixes
        if summary.changed_only:
            self.changed_only_rounds += 1
        else:
            self.full_rounds += 1
        self._last, self._after = seen.state, summary  # only now: a failed build is tried again
        racy = summary.built and summary.files_racy > 0
        self._recheck_at = monotonic() + scan.RACY_NS / 1e9 if racy else None
        if moved == 0 and summary.parsed == summary.removed == 0 and summary.graph is None:
            return None  # a re-read found nothing new
        return Update(summary, time.perf_counter() - started)

    def _fixes_stamp(self) -> tuple[int, int] | None:
        """The corrections file's modification time and size (``None``: no file)."""
        try:
            st = (self.corrections or default_path(self.db)).stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def close(self) -> None:
        """Stop listening to file events."""
        if self._events is not None:
            self._events.close()
            self._events = None

    def _look(self) -> _Seen:
        """The files now, from file events when they can say, else from a walk of every file."""
        last = self._last
        if last is not None and self._events is not None and monotonic() - self._walked_at < self.walk_every:
            touched = self._events_changed()
            if touched is not None:
                return _Seen.from_touched(last, [*touched, *(str(p) for p in self.paths if not p.is_dir())])
        if self.file_events and self._events is None and self._walked_at == 0.0:
            try:  # before the walk, so no change between the two is missed
                self._events = FolderEvents(self.paths)
            except EventsUnavailable:
                self._events = None
        elif self._events is not None:
            self._events_changed()  # what they say is in the walk
        now = walk_stamps(self.paths)
        self._walked_at = monotonic()
        self.walks += 1
        return _Seen.from_walk(last or {}, now)

    def _events_changed(self) -> set[str] | None:
        """The files events name (``None``: walk); without events from now on if they fail."""
        if self._events is None:
            return None
        try:
            return self._events.changed()
        except EventsUnavailable:  # too many folders now: every round walks, as without events
            self.close()
            return None

    def _changes(self, seen: _Seen) -> FileChanges | None:
        """What moved since the last round, for a build that reads only that; ``None``: scan all."""
        last, after = self._last, self._after
        if last is None or after is None or not after.built or not _separate(self.paths):
            return None
        return FileChanges(
            files=_Paths(seen.state),
            changed=seen.changed,
            added=seen.added,
            removed=[Path(last[k][1]) for k in seen.removed],
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
        self,
        interval: float,
        on_update: Callable[[Update], None] | None = None,
        rounds: int | None = None,
        on_busy: Callable[[BuildBusy], None] | None = None,
    ) -> None:
        """Poll every ``interval`` seconds (``rounds`` times, or until interrupted).

        ``on_update`` is called with each round that found changes. A round that finds another
        build running on the store does nothing but call ``on_busy``: the next round tries again.
        """
        done = 0
        while rounds is None or done < rounds:
            try:
                update = self.poll()
            except BuildBusy as error:
                if on_busy is not None:
                    on_busy(error)
                update = None
            if update is not None and on_update is not None:
                on_update(update)
            done += 1
            if rounds is None or done < rounds:
                pause(interval)
