"""The typing and cleanup rules as one record, and the rules in force while a component runs.

:class:`Rules` is a read-only mapping of the shape of ``ner/gazetteer/rules.json`` that caches
the tables derived from it on itself. The component running holds its rules in a context
variable (:func:`using`), so two pipelines with different rules in one process never see each
other's; outside a component the packaged rules are in force. A table derived from the rules is
a function of a :class:`Rules` under :func:`per_rules`, called without arguments::

    @per_rules
    def title_words(rules: Rules) -> frozenset[str]:
        return frozenset(w.lower() for t in rules["titles"] for w in t.split())

    title_words()  # for the rules in force, computed once per Rules object
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, wraps
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class Rules(Mapping[str, Any]):
    """Rules' data (``{"titles": [...], "legal_forms": [...], ...}``), read-only, with the tables
    derived from it cached per object (:meth:`derived`). Its lists are not copied: treat them
    as read-only too."""

    __slots__ = ("_data", "_derived")

    def __init__(self, data: Mapping[str, Any]):
        self._data = dict(data)
        self._derived: dict[Callable[[Rules], Any], Any] = {}

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"Rules({len(self._data)} keys)"

    def __reduce__(self) -> tuple:
        return (Rules, (self._data,))

    def derived(self, fn: Callable[[Rules], T]) -> T:
        """``fn(self)``, computed once for this object."""
        try:
            return self._derived[fn]
        except KeyError:
            value = self._derived[fn] = fn(self)
            return value


@cache
def packaged() -> Rules:
    """The rules shipped in ``ner/gazetteer/rules.json``."""
    text = resources.files("ner").joinpath("gazetteer/rules.json").read_text("utf-8")
    return Rules(json.loads(text))


_ACTIVE: ContextVar[Rules] = ContextVar("linkchart_rules", default=packaged())  # noqa: B039 (read-only)


def active() -> Rules:
    """The rules in force: the running component's (:func:`using`), else the packaged ones."""
    return _ACTIVE.get()


@contextmanager
def using(rules: Rules) -> Iterator[Rules]:
    """Put ``rules`` in force in this context until the block ends."""
    token = _ACTIVE.set(rules)
    try:
        yield rules
    finally:
        _ACTIVE.reset(token)


def load(source: Mapping[str, Any] | str | Path | None) -> Rules:
    """The rules ``source`` names: the packaged ones for ``None``, a :class:`Rules` as it is, a
    mapping wrapped, else the JSON file at that path."""
    if source is None:
        return packaged()
    if isinstance(source, Rules):
        return source
    if isinstance(source, Mapping):
        return Rules(source)
    return Rules(json.loads(Path(source).read_text(encoding="utf-8")))


def per_rules(fn: Callable[[Rules], T]) -> Callable[[], T]:
    """``fn`` as a table of the rules in force: ``fn(rules)`` computed once per :class:`Rules`
    object, called without arguments."""
    get = _ACTIVE.get

    @wraps(fn)
    def table() -> T:
        rules = get()
        try:
            return rules._derived[fn]
        except KeyError:
            return rules.derived(fn)

    return table
