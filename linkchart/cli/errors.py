"""Errors in one place: exit codes, the one-line :class:`Failure` and :func:`handle_errors`.

Exit codes: 0 success; 1 nothing found (no path, nothing could be built);
2 bad input (unknown entity, bad option, missing or foreign store);
70 an unexpected internal error (rerun with ``--debug`` for the traceback);
130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from graph.errors import AmbiguousEntity, EntityNotFound, NoPath
from graph.store import StoreError
from linkchart.dask_engine import DaskEngineError
from linkchart.workers import WorkerCrashed
from ner.errors import ModelNotFound

EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class Failure(click.ClickException):
    """A one-line error with a chosen exit code."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.exit_code = code

    def show(self, file: Any = None) -> None:
        click.echo(f"linkchart: {self.message}", err=True)


def _disk_full(error: BaseException) -> bool:
    """True for SQLite's "database or disk is full" / "disk I/O error" and for ENOSPC."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return True
    text = str(error).lower()
    return "disk is full" in text or "disk i/o error" in text


def handle_errors(func: Callable) -> Callable:
    """Turn library exceptions into one-line messages and exit codes."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:  # Ctrl-C: not "nothing found" (1) but the shell's 130
            raise Failure(
                "interrupted; nothing was left half-written (a build picks up where this one stopped)",
                EXIT_INTERRUPTED,
            ) from None
        except BrokenPipeError:  # "linkchart path … | head": the reader left; stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except (StoreError, ModelNotFound, DaskEngineError, WorkerCrashed) as error:
            raise Failure(str(error)) from error
        except (EntityNotFound, AmbiguousEntity) as error:
            raise Failure(str(error)) from error
        except NoPath as error:
            raise Failure(str(error), EXIT_NOT_FOUND) from error
        except Exception as error:
            if _disk_full(error):
                raise Failure(
                    "disk full: nothing was left half-written; free some space and run the command again"
                ) from error
            if ctx.find_root().params.get("debug"):
                traceback.print_exc()
            raise Failure(
                f"internal error: {type(error).__name__}: {error} (rerun with --debug for details)",
                EXIT_INTERNAL,
            ) from error

    return wrapper
