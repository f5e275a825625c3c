"""The public JSON records of ``linkchart … --json``: one function per record, no click.

These shapes are a stable contract (keys are only ever added); the command line
prints them as JSON, and its text output is written from them too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from graph.query import find_stored_entity

if TYPE_CHECKING:
    from networkx import MultiDiGraph

    from graph.query import Hop
    from graph.store import Store

#: Pieces of evidence ``neighbors`` shows per neighbour.
NEIGHBOUR_EVIDENCE = 1


def entity_record(node: str, data: Mapping[str, Any]) -> dict:
    """An entity: ``node`` is its id, ``data`` its stored attributes."""
    return {
        "id": node,
        "name": data["label"],
        "type": data["type"],
        "aliases": data.get("aliases", []),
        "mentions": data.get("mentions", 0),
        "documents": data.get("documents", []),
        "roles": data.get("roles", []),
        "corrected": data.get("corrected", []),
    }


def hop_record(labels: Mapping[str, str], hop: Hop, n_evidence: int) -> dict:
    """A hop with its ``n_evidence`` best pieces of evidence (``labels``: ``{id: label}`` of its ends)."""
    layers = hop.layers
    return {
        "from": labels[hop.source],
        "to": labels[hop.target],
        "from_id": hop.source,
        "to_id": hop.target,
        "layer": "assertion" if "assertion" in layers else layers[0],
        "layers": layers,
        "corroboration": {"documents": len(hop.documents), "outlets": len(hop.outlets)},
        "evidence": [
            {
                "document": e["document"],
                "title": e["title"],
                "outlet": e["outlet"],
                "sentence": e["sentence"],
                **({"quote": e["quote"], "verb": e["verb"], "stance": e["stance"]} if "quote" in e else {}),
                **({"sentences": e["sentences"]} if "sentences" in e else {}),  # a window's two
            }
            for e in hop.best_evidence(n_evidence)
        ],
    }


def paths_record(
    labels: Mapping[str, str],
    source: str,
    target: str,
    rank: str,
    paths: Sequence[Sequence[Hop]],
    n_evidence: int,
) -> dict:
    """The paths from ``source`` to ``target`` (ids), each a list of hop records."""
    return {
        "source": labels[source],
        "target": labels[target],
        "rank": rank,
        "paths": [{"hops": [hop_record(labels, h, n_evidence) for h in p]} for p in paths],
    }


def neighbour_record(labels: Mapping[str, str], node: str, data: Mapping[str, Any], hop: Hop) -> dict:
    """A neighbour ``node`` (with its attributes ``data``) and the hop that links it."""
    return {**entity_record(node, data), "link": hop_record(labels, hop, NEIGHBOUR_EVIDENCE)}


def claim_record(claim: Mapping[str, Any], labels: Mapping[str, str]) -> dict:
    """A stored claim, its entities named by ``labels`` (``{id: label}``)."""
    label = lambda n: labels.get(n, n)  # noqa: E731
    return {
        "speaker": label(claim["speaker_id"]) if claim["speaker_id"] else claim.get("speaker_text", ""),
        "verb": claim["verb"],
        "targets": [label(t) for t in claim["target_ids"]],
        "quote": claim["quote"],
        "document": claim["document"],
        "outlet": claim["outlet"],
        "sentence": claim["sentence"],
        "stance": claim["stance"],
        "title": claim["title"],
        "kind": claim["kind"],
        "speaker_id": claim["speaker_id"],
        "target_ids": claim["target_ids"],
        "id": claim.get("id", ""),
        "speaker_kind": claim.get("speaker_kind", "named"),
        "speaker_text": claim.get("speaker_text", ""),
        "verbs": claim.get("verbs", [claim["verb"]]),
    }


def claim_records(store: Store, speaker: str | None = None, about: str | None = None) -> list[dict]:
    """The stored claims by the entity named ``speaker`` and about the one named ``about``.

    Reads only the matching claims and their entities' labels.

    Raises
    ------
    graph.errors.EntityNotFound, graph.errors.AmbiguousEntity
        If a name does not resolve to one entity.
    """
    speaker_id = find_stored_entity(store, speaker) if speaker else None
    about_id = find_stored_entity(store, about) if about else None
    rows = store.reads.claims(speaker=speaker_id, about=about_id)
    labels = store.reads.labels_of({n for c in rows for n in [c["speaker_id"], *c["target_ids"]] if n})
    return [claim_record(c, labels) for c in rows]


def source_records(G: MultiDiGraph, claim_counts: Mapping[str, Mapping[str, int]]) -> dict:
    """The documents and outlets of ``G`` with what each contributes, and each document's claims.

    ``claim_counts`` is ``{document: {speaker kind: claims}}`` (:meth:`graph.store.Store.claim_counts`):
    claims count also those with no target or by a source the text does not name.
    """
    from graph.query import source_contributions

    documents, outlets = source_contributions(G)
    for d in documents:
        counts = claim_counts.get(d["id"], {})
        d["claims"] = sum(counts.values())
        d["unnamed_claims"], d["group_claims"] = counts.get("unnamed", 0), counts.get("group", 0)
    return {"documents": documents, "outlets": outlets}
