"""Which links a path or neighbour search may use: one record for the filters they share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.schema import ANY_LAYER, HUB_TYPES, layers_of


@dataclass(frozen=True)
class LinkFilter:
    """The filters of a search over the graph's links.

    Parameters
    ----------
    layer : {"any", "co-mention", "assertion", "paragraph", "document"}
        Which links may be used (:data:`graph.schema.PATH_LAYER_CHOICES`; "any" is the two
        main layers, "paragraph" adds the paragraph window, "document" both windows).
    min_sources : int
        Use only links backed by at least this many distinct documents.
    via_outlet, exclude_outlet : str, optional
        Use only links reported by that outlet / not reported only by it (case-insensitive).
    avoid_types : tuple of str
        Entity types that may be a path's ends but not its steps (default: places, which
        connect everything and explain nothing).
    """

    layer: str = ANY_LAYER
    min_sources: int = 1
    via_outlet: str | None = None
    exclude_outlet: str | None = None
    avoid_types: tuple[str, ...] = HUB_TYPES

    @property
    def layers(self) -> tuple[str, ...]:
        """The layers :attr:`layer` stands for."""
        return layers_of(self.layer)

    @property
    def by_outlet(self) -> bool:
        """True when an outlet filter is set (the links' evidence is then needed)."""
        return bool(self.via_outlet or self.exclude_outlet)

    def keeps(self, data: Mapping[str, Any]) -> bool:
        """Whether a layer edge with these attributes passes the source and outlet filters."""
        if data["corroboration"] < self.min_sources:
            return False
        outlets = {o.casefold() for o in data["outlets"]}
        if self.via_outlet and self.via_outlet.casefold() not in outlets:
            return False
        return not (self.exclude_outlet and outlets and outlets <= {self.exclude_outlet.casefold()})


#: The filters a search uses unless told otherwise: the main layers, places not stepped through.
DEFAULT_LINKS = LinkFilter()
