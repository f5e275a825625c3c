"""An edge's evidence, stored one row per document, and the attributes summed from it.

An edge between two hubs (Canada and China) is evidenced by a sentence in most
documents of a corpus. Its evidence is stored in the ``evidence`` table, one row
per edge and document (the document's evidence for the edge, in order), with a
small summary of that row; the edge's own row holds only the attributes derived
from those summaries. So a document added or changed rewrites its own evidence
rows and re-sums the summaries of the edges it touches, and never rewrites the
evidence of the thousands of other documents behind a hub edge.

:func:`edge_attributes` is the one definition of an edge's derived attributes
(``documents``, ``outlets``, ``corroboration``, ``weight`` and, for assertions,
``verb``, ``stance``, ``verbs``, ``stances``, ``quotes``): whole builds and
deltas both sum per-document summaries with it, so they cannot disagree.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.schema import ASSERTION, CO_MENTION_LAYERS

#: Columns of the ``evidence`` table written for one edge and document: the summary's
#: ``weight`` and ``outlets`` (JSON) apart, so an edge's sums need not decode a row each.
EVIDENCE_COLUMNS = "edge, doc_id, weight, outlets, summary, data"


@dataclass(frozen=True)
class DocEvidence:
    """One document's evidence for one edge, summarised (what the edge's attributes need)."""

    doc_id: str
    outlets: tuple[str, ...]
    #: Co-mention: distinct sentences naming both (a list sentence counts its ``share``);
    #: assertion: assertions.
    weight: float
    #: Assertions only: verb, stance and quote of each piece of evidence, in order.
    verbs: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()

    @classmethod
    def of(cls, layer: str, doc_id: str, evidence: list[Mapping[str, Any]]) -> DocEvidence:
        """The summary of ``evidence``: one document's evidence for an edge of ``layer``."""
        outlets = tuple(sorted({e["outlet"] for e in evidence if e["outlet"]}))
        if layer in CO_MENTION_LAYERS:  # a window counts paragraphs (a document: one)
            shares = {e.get("paragraph", e["sent_index"]): e.get("share", 1) for e in evidence}
            return cls(doc_id, outlets, plain_number(sum(shares.values())))
        return cls(
            doc_id,
            outlets,
            len(evidence),
            tuple(e["verb"] for e in evidence),
            tuple(e["stance"] for e in evidence),
            tuple(e["quote"] for e in evidence),
        )

    def columns(self) -> tuple[float, str, str]:
        """``(weight, outlets, summary)`` as stored (``summary``: verbs, stances and quotes)."""
        summary = json.dumps([self.verbs, self.stances, self.quotes], ensure_ascii=False)
        return self.weight, json.dumps(self.outlets, ensure_ascii=False), summary

    @classmethod
    def from_columns(cls, doc_id: str, weight: float, outlets: str, summary: str) -> DocEvidence:
        verbs, stances, quotes = json.loads(summary)
        return cls(doc_id, tuple(json.loads(outlets)), weight, tuple(verbs), tuple(stances), tuple(quotes))


def plain_number(value: float) -> float | int:
    """``value`` rounded to 4 decimals, as an int when whole (weights stay 1, 2, 3 … unless a
    list sentence gave a fraction)."""
    value = round(value, 4)
    return int(value) if value == int(value) else value


def by_document(evidence: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """``{doc_id: that document's evidence, in order}``, documents in id order."""
    found: dict[str, list[Mapping[str, Any]]] = {}
    for e in evidence:
        found.setdefault(e["document"], []).append(e)
    return dict(sorted(found.items()))


def edge_attributes(layer: str, parts: Iterable[DocEvidence]) -> dict[str, Any]:
    """An edge's attributes (no ``evidence``) from its documents' summaries, in document-id order."""
    parts = list(parts)
    data = co_mention_attributes(
        layer, [p.doc_id for p in parts], {o for p in parts for o in p.outlets}, sum(p.weight for p in parts)
    )
    if layer == ASSERTION:
        verbs = Counter(v for p in parts for v in p.verbs)
        stances = Counter(s for p in parts for s in p.stances)
        data["verb"], data["stance"] = verbs.most_common(1)[0][0], stances.most_common(1)[0][0]
        data["verbs"], data["stances"] = sorted(verbs), sorted(stances)
        data["quotes"] = list(dict.fromkeys(q for p in parts for q in p.quotes))
    return data


def co_mention_attributes(
    layer: str, documents: list[str], outlets: set[str], weight: float
) -> dict[str, Any]:
    """The attributes every edge has (all a co-mention has), from its documents (in id order),
    outlets and summed weight."""
    return {
        "layer": layer,
        "documents": documents,
        "outlets": sorted(outlets),
        "corroboration": len(documents),
        "weight": plain_number(weight),
    }


def finish_edge(data: dict[str, Any]) -> None:
    """Put an edge's evidence in document-id order and derive its attributes from it."""
    docs = by_document(data["evidence"])
    data["evidence"] = [e for found in docs.values() for e in found]
    data.update(
        edge_attributes(data["layer"], (DocEvidence.of(data["layer"], d, e) for d, e in docs.items()))
    )
