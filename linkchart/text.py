"""Wording shared by the command line and the pages it writes."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 doc", "2 docs", "1 entity", "0 entities" (``many``: the plural, if not ``word`` + "s")."""
    return f"{count} {word if count == 1 else many or word + 's'}"
