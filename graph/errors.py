"""Errors raised by graph queries, importable without networkx (the CLI starts faster)."""

from __future__ import annotations


class EntityNotFound(LookupError):
    """No entity has that name; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name, self.suggestions = name, suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class OutletNotFound(EntityNotFound):
    """No document's outlet has that name; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[str]):
        super().__init__(name, suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        self.args = (f"no outlet named {name!r}{hint}",)


class AmbiguousEntity(LookupError):
    """Several entities answer to that name; ``candidates`` lists ``(id, label, type)``."""

    def __init__(self, name: str, candidates: list[tuple[str, str, str]]):
        self.name, self.candidates = name, candidates
        listed = "; ".join(f"{label} ({kind}, id {node})" for node, label, kind in candidates)
        super().__init__(f"{name!r} is ambiguous: {listed}; use the full name or the id")

    def __str__(self) -> str:
        return str(self.args[0])


class NoPath(LookupError):
    """No path joins the two entities with the filters given."""
