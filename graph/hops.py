"""One step of a path, with its evidence (no graph library needed to print it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hop:
    """One step of a path: the link between two entities and its evidence."""

    source: str
    target: str
    links: tuple[dict, ...]

    @property
    def layers(self) -> list[str]:
        """Layers this hop is supported by."""
        return sorted({link["layer"] for link in self.links})

    @property
    def documents(self) -> list[str]:
        """Distinct documents backing the hop."""
        return sorted({d for link in self.links for d in link["documents"]})

    @property
    def outlets(self) -> list[str]:
        """Distinct outlets backing the hop."""
        return sorted({o for link in self.links for o in link["outlets"]})

    def best_evidence(self, n: int = 1) -> list[dict]:
        """The ``n`` most telling pieces of evidence: quotes first, one per document."""
        pieces = sorted(
            (e for link in self.links for e in link["evidence"]),
            key=lambda e: ("quote" not in e, e["document"], e["sent_index"]),
        )
        chosen, seen = [], set()
        for e in pieces:
            if e["document"] not in seen:
                chosen.append(e)
                seen.add(e["document"])
        return chosen[:n]
