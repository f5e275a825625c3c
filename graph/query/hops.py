"""One step of a path, with its evidence, and what a step costs (no graph library needed)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

#: Added to each hop's cost per unit of 1/corroboration. Small enough that the evidence
#: costs of a path of up to ``1 / EVIDENCE_COST`` hops sum to less than one hop, so fewer
#: hops always win and evidence only orders paths of equal length.
EVIDENCE_COST = 1 / 128
#: Scale of the per-link tie-breaking cost: far below any difference in evidence.
TIE_BREAK_SCALE = 1e-12 / 2**32


def _tie_break(u: str, v: str) -> float:
    """A tiny fixed cost per link (from a hash of its ends) so that no two paths cost the same.

    Paths of equal length and evidence would otherwise come out in whatever order
    the graph was built in; with it, the whole graph and the part of it read from
    the store rank them alike, and the same question always gets the same answer.
    """
    a, b = sorted((u, v))
    return zlib.crc32(f"{a}\x00{b}".encode()) * TIE_BREAK_SCALE


def link_cost(u: str, v: str, n_documents: int) -> float:
    """The cost of the link between ``u`` and ``v``: one hop, plus less for better evidence."""
    return 1 + EVIDENCE_COST / max(n_documents, 1) + _tie_break(u, v)


#: Which evidence a hop shows first: claims, then sentences, then the wider windows.
LAYER_RANK = {"assertion": 0, "co-mention": 1, "paragraph": 2, "document": 3}


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
        """The ``n`` most telling pieces of evidence: quotes first, then sentences naming
        both, then the wider windows' (:data:`LAYER_RANK`), one per document.

        Only each link's first ``n`` documents (by id) can give them, so a hop read
        with that much evidence per link shows the same: the quoted pieces come from
        the first ``n`` documents of the assertion links, and if there are ``a`` < ``n``
        of them the rest from the first co-mention documents not among those ``a``.
        """
        ranked = [
            (LAYER_RANK.get(link["layer"], len(LAYER_RANK)), e)
            for link in self.links
            for e in link["evidence"]
        ]
        ranked.sort(key=lambda item: (item[0], item[1]["document"], item[1]["sent_index"]))
        pieces = [e for _, e in ranked]
        chosen, seen = [], set()
        for e in pieces:
            if e["document"] not in seen:
                chosen.append(e)
                seen.add(e["document"])
        return chosen[:n]


def only_outlet(link: dict, outlet: str) -> dict:
    """The link as that outlet reports it: its evidence, documents and outlets only."""
    wanted = outlet.casefold()
    return _with_evidence(link, [e for e in link["evidence"] if e.get("outlet", "").casefold() == wanted])


def without_outlet(link: dict, outlet: str) -> dict:
    """The link as every other outlet reports it (what ``--exclude-outlet`` leaves)."""
    unwanted = outlet.casefold()
    return _with_evidence(link, [e for e in link["evidence"] if e.get("outlet", "").casefold() != unwanted])


def _with_evidence(link: dict, evidence: list[dict]) -> dict:
    documents = sorted({e["document"] for e in evidence})
    outlets = sorted({e["outlet"] for e in evidence if e.get("outlet")})
    return {
        **link,
        "evidence": evidence,
        "documents": documents,
        "outlets": outlets,
        "corroboration": len(documents),
    }
