"""Which article files changed under some folders, told by the kernel (Linux inotify).

``linkchart watch`` stats every file each round to find what changed (a few µs a
file: a second per round at a few hundred thousand files). With inotify the kernel
says which files were written, created, moved or deleted, so a quiet round costs
nothing and a busy one costs its changes. :class:`FolderEvents` reports file names
only; anything it cannot follow exactly (a folder created, moved or deleted, the
kernel's event queue overflowing) makes :meth:`FolderEvents.changed` return
``None``, and the caller walks every file once, as it does without events. A watched
root folder that is deleted, moved away or replaced (``rm -r corpus; mkdir corpus``)
is watched again as soon as it is back, on the next call, which asks for a walk.

Events are not delivered for changes made through links to files elsewhere, or on
network file systems; the watcher also walks every file now and then, so such a
change is still seen, later.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import stat
import struct
from pathlib import Path

from linkchart.corpus import SUPPORTED_SUFFIXES

IN_MODIFY = 0x00000002
IN_ATTRIB = 0x00000004
IN_CLOSE_WRITE = 0x00000008
IN_MOVED_FROM = 0x00000040
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_DELETE = 0x00000200
IN_DELETE_SELF = 0x00000400
IN_MOVE_SELF = 0x00000800
IN_Q_OVERFLOW = 0x00004000
IN_IGNORED = 0x00008000
IN_ONLYDIR = 0x01000000
IN_DONT_FOLLOW = 0x02000000
IN_ISDIR = 0x40000000
IN_NONBLOCK = os.O_NONBLOCK
IN_CLOEXEC = os.O_CLOEXEC
#: What a watched folder reports: its files' writes, metadata, moves, creation and deletion.
MASK = (
    IN_MODIFY
    | IN_ATTRIB
    | IN_CLOSE_WRITE
    | IN_MOVED_FROM
    | IN_MOVED_TO
    | IN_CREATE
    | IN_DELETE
    | IN_DELETE_SELF
    | IN_MOVE_SELF
    | IN_ONLYDIR
    | IN_DONT_FOLLOW
)
_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len (then len bytes of NUL-padded name)


class EventsUnavailable(OSError):
    """The kernel cannot watch these folders (no inotify, or too many folders for its limit)."""


def _libc() -> ctypes.CDLL:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if not hasattr(libc, "inotify_init1"):
        raise EventsUnavailable("no inotify on this system")
    libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
    return libc


class FolderEvents:
    """Watch every folder under ``roots`` (hidden and linked folders left out, as a scan does).

    Raises
    ------
    EventsUnavailable
        If inotify is missing or the folders exceed the kernel's watch limit.
    """

    def __init__(self, roots: list[Path]):
        self.fd = -1
        self._libc = _libc()
        self.roots = [str(root) for root in roots]
        self.folders: dict[int, str] = {}  # watch descriptor → folder, named as a scan names it
        #: ``{root: (watch descriptor, identity)}`` of each root folder as it was when watched.
        self._root_watches: dict[str, tuple[int | None, tuple[int, int] | None]] = {}
        self._start()

    def _start(self) -> None:
        """A fresh inotify instance watching every folder under the roots as they are now."""
        self.close()
        self.fd = self._libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if self.fd < 0:
            raise EventsUnavailable(os.strerror(ctypes.get_errno()))
        self.folders = {}
        self._root_watches = {}
        try:
            for root in self.roots:
                identity = _folder_identity(root)  # before the watch: a swap in between is seen later
                wd = self._watch_tree(root) if identity is not None else None
                self._root_watches[root] = (wd, identity)
        except BaseException:
            self.close()
            raise

    def _roots_moved(self) -> bool:
        """Whether a root folder went, came, or is another folder than the one watched."""
        return any(
            _folder_identity(root) != identity or (wd is not None and wd not in self.folders)
            for root, (wd, identity) in self._root_watches.items()
        )

    def _watch_tree(self, folder: str) -> int | None:
        """Watch ``folder`` and the folders under it; the watch descriptor of ``folder``."""
        top: int | None = None
        stack = [folder]
        while stack:
            here = stack.pop()
            wd = self._libc.inotify_add_watch(self.fd, os.fsencode(here), MASK)
            if wd < 0:
                code = ctypes.get_errno()
                if code in (errno.ENOSPC, errno.ENOMEM):
                    raise EventsUnavailable(f"too many folders to watch ({os.strerror(code)})")
                continue  # gone or unreadable: a walk reports it
            self.folders[wd] = here
            if top is None and here == folder:
                top = wd
            try:
                with os.scandir(here) as entries:
                    for entry in entries:
                        if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                            stack.append(os.path.join(here, entry.name))
            except OSError:
                continue
        return top

    def changed(self) -> set[str] | None:
        """Article files written, created, moved or deleted since the last call.

        ``None`` when the events do not say exactly (a folder appeared, moved or went, or
        events were lost): walk every file. New folders are watched from now on, and so is
        a root folder that was deleted or replaced, once it is back (one stat per root).

        Raises
        ------
        EventsUnavailable
            If the folders now exceed the kernel's watch limit.
        """
        touched: set[str] = set()
        exact = True
        while chunk := self._read():
            at = 0
            while at + _HEADER.size <= len(chunk):
                wd, mask, _, size = _HEADER.unpack_from(chunk, at)
                name = os.fsdecode(chunk[at + _HEADER.size : at + _HEADER.size + size].rstrip(b"\0"))
                at += _HEADER.size + size
                exact &= self._event(wd, mask, name, touched)
        if self._roots_moved():
            self._start()  # the old watches follow folders that are no longer the roots
            return None
        return touched if exact else None

    def _event(self, wd: int, mask: int, name: str, touched: set[str]) -> bool:
        """Record one event; ``False`` if it cannot be followed file by file."""
        if mask & IN_Q_OVERFLOW:
            return False
        folder = self.folders.get(wd)
        if mask & IN_IGNORED:  # the watch is gone (its folder was deleted or moved)
            self.folders.pop(wd, None)
            return False
        if folder is None:
            return False
        if mask & (IN_DELETE_SELF | IN_MOVE_SELF):
            return False
        if mask & IN_ISDIR:
            if name.startswith("."):
                return True
            if mask & (IN_CREATE | IN_MOVED_TO):
                self._watch_tree(os.path.join(folder, name))
            return not mask & (IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)
        if not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES:
            touched.add(os.path.join(folder, name))
        return True

    def _read(self) -> bytes:
        try:
            return os.read(self.fd, 1 << 16)
        except BlockingIOError:
            return b""

    def close(self) -> None:
        """Stop watching (once: a second Ctrl-C during the first close must not close it again)."""
        fd, self.fd = self.fd, -1
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __del__(self) -> None:
        self.close()


def _folder_identity(path: str) -> tuple[int, int] | None:
    """``(device, inode)`` of the folder at ``path`` (links followed); ``None`` if it is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None
