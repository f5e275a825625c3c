"""The one atomic file writer: exports and the HTML page are never left half-written.

Each target is written to a temporary sibling, flushed to disk, then every one is
``os.replace``-d into place together; on any error the temporaries go and the old
files stay as they were.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

#: Writes a file's bytes to an open handle.
Writer = Callable[[IO[bytes]], None]


def check_dir(directory: Path) -> None:
    """Raise FileNotFoundError unless ``directory`` exists."""
    if not directory.is_dir():
        raise FileNotFoundError(f"output directory does not exist: {str(directory)!r} (create it first)")


def write_atomically(
    targets: Sequence[tuple[Path, Writer]], *, make_parents: bool = False, mode: int | None = None
) -> list[Path]:
    """Write every target to a temporary sibling, then ``os.replace`` them all into place.

    Parameters
    ----------
    targets : sequence of (Path, Writer)
        Each file and what writes it.
    make_parents : bool
        Create a missing folder (else a missing folder raises :class:`FileNotFoundError`).
    mode : int, optional
        The files' permissions (default: what the umask leaves of 0o666).

    Returns
    -------
    list of Path
        The files written, in order.
    """
    temps: list[Path] = []
    try:
        for path, write in targets:
            if make_parents:
                path.parent.mkdir(parents=True, exist_ok=True)
            check_dir(path.parent)
            if path.is_dir():
                raise IsADirectoryError(f"output path is a directory, not a file: {str(path)!r}")
            tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(tmp, flags, 0o666)  # umask applies, as for open()
            temps.append(tmp)
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            if mode is not None:
                os.chmod(tmp, mode)
        for tmp, (path, _) in zip(temps, targets, strict=True):
            os.replace(tmp, path)
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    return [path for path, _ in targets]


def text_writer(write_text: Callable[[IO[str]], None]) -> Writer:
    """Adapt a writer of UTF-8 text to a binary file handle."""

    def write(handle: IO[bytes]) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        write_text(text)
        text.flush()
        text.detach()

    return write


def text_file(text: str) -> Writer:
    """A :data:`Writer` of ``text`` in UTF-8, line ends as given."""
    return text_writer(lambda handle: handle.write(text))
