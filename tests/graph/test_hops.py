"""A hop read with only each link's first documents shows the same best evidence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.query import Hop

DOCS = tuple(f"doc{i}" for i in range(6))


@st.composite
def link(draw, layer: str) -> dict:
    evidence = []
    for doc in sorted(draw(st.sets(st.sampled_from(DOCS), min_size=1))):
        for i in sorted(draw(st.sets(st.integers(0, 4), min_size=1, max_size=3))):
            piece = {"document": doc, "sent_index": i}
            if layer == "assertion":
                piece["quote"] = f"{doc}-{i}"
            evidence.append(piece)
    return {"layer": layer, "evidence": evidence}


def _first_documents(data: dict, n: int) -> dict:
    keep = sorted({e["document"] for e in data["evidence"]})[:n]
    return {**data, "evidence": [e for e in data["evidence"] if e["document"] in keep]}


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_the_first_documents_of_each_link_hold_the_best_evidence(data):
    layers = data.draw(
        st.lists(st.sampled_from(("co-mention", "assertion", "assertion")), min_size=1, max_size=3)
    )
    links = tuple(data.draw(link(layer)) for layer in layers)
    n = data.draw(st.integers(1, 4))
    cut = Hop("a", "b", tuple(_first_documents(x, n) for x in links))
    assert cut.best_evidence(n) == Hop("a", "b", links).best_evidence(n)
