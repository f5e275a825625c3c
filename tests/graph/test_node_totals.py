"""Node totals kept by delta give exactly the attributes summed from scratch."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.aggregate import NodeTotals, node_attributes

NAMES = ("Meng Wanzhou", "Meng", "Ms. Meng", "Wanzhou")
ROLES = ("CFO", "executive", "daughter", "defendant")
DOCS = tuple(f"doc{i:02d}" for i in range(12))


@st.composite
def share(draw) -> dict:
    names = draw(st.dictionaries(st.sampled_from(NAMES), st.integers(1, 3), min_size=1, max_size=3))
    roles = draw(st.lists(st.sampled_from(ROLES), unique=True, max_size=3))
    return {
        "names": names,
        "aliases": sorted(draw(st.sets(st.sampled_from(("", *NAMES)), max_size=3))),
        "mentions": sum(names.values()),
        "roles": [[role, draw(st.integers(1, 3))] for role in roles],
    }


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_adding_and_removing_shares_equals_summing_the_rest(data):
    shares = data.draw(st.dictionaries(st.sampled_from(DOCS), share(), min_size=1))
    order = data.draw(st.permutations(sorted(shares)))
    totals = NodeTotals()
    for doc_id in order:  # in any order
        totals.add(doc_id, shares[doc_id])
    gone = data.draw(st.sets(st.sampled_from(sorted(shares)), max_size=len(shares) - 1))
    recount = False
    for doc_id in sorted(gone, reverse=True):
        recount |= not totals.remove(doc_id, shares[doc_id])
    kept = sorted((d, s) for d, s in shares.items() if d not in gone)
    if recount:  # a role's first mention went: the caller counts the node again
        totals = NodeTotals.of(kept)
    totals = NodeTotals.from_json(json.loads(json.dumps(totals.to_json())))  # as stored
    assert totals.attributes("person:meng-wanzhou") == node_attributes("person:meng-wanzhou", kept)


def test_removing_the_first_mention_of_a_role_asks_for_a_recount():
    first = {"names": {"Meng": 1}, "aliases": ["Meng"], "mentions": 1, "roles": [["CFO", 1]]}
    later = {"names": {"Meng": 1}, "aliases": ["Meng"], "mentions": 1, "roles": [["CFO", 1]]}
    totals = NodeTotals.of([("a", first), ("b", later)])
    assert totals.remove("b", later)  # the first mention stays
    totals.add("b", later)
    assert not totals.remove("a", first)
