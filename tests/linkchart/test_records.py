"""The public JSON records (:mod:`linkchart.records`) on the seeds store: their keys, in order,
and that what they say is what the store holds."""

from __future__ import annotations

from itertools import pairwise

import pytest

from graph.errors import EntityNotFound
from graph.query import find_paths, find_stored_entity, top_neighbours
from graph.store import Store
from linkchart.records import (
    NEIGHBOUR_EVIDENCE,
    claim_records,
    entity_record,
    hop_record,
    neighbour_record,
    paths_record,
    source_records,
)

ENTITY_KEYS = ["id", "name", "type", "aliases", "mentions", "documents", "roles", "corrected"]
HOP_KEYS = ["from", "to", "from_id", "to_id", "layer", "layers", "corroboration", "evidence"]
CLAIM_KEYS = [
    "speaker",
    "verb",
    "targets",
    "quote",
    "document",
    "outlet",
    "sentence",
    "stance",
    "title",
    "kind",
    "speaker_id",
    "target_ids",
    "id",
    "speaker_kind",
    "speaker_text",
    "verbs",
]


def test_an_entity_record_is_the_stored_entity_under_its_public_keys(seeds_store: Store):
    rows = list(seeds_store.reads.entity_rows())
    documents = set(seeds_store.docs.listing())
    assert len(rows) > 50
    for node, data in rows:
        record = entity_record(node, data)
        assert list(record) == ENTITY_KEYS
        assert (record["id"], record["name"], record["type"]) == (node, data["label"], data["type"])
        assert record["mentions"] >= 1 and record["documents"] and set(record["documents"]) <= documents
    han = dict(rows)[find_stored_entity(seeds_store, "Han Dong")]
    assert entity_record("person:han-dong", han)["name"] == "Han Dong"


def test_an_entity_record_fills_in_what_the_store_left_out():
    assert entity_record("person:x", {"label": "X", "type": "person"}) == {
        "id": "person:x",
        "name": "X",
        "type": "person",
        "aliases": [],
        "mentions": 0,
        "documents": [],
        "roles": [],
        "corrected": [],
    }


def test_a_hop_record_counts_its_backing_and_cites_its_best_evidence(seeds_store: Store):
    u, v = find_stored_entity(seeds_store, "Han Dong"), find_stored_entity(seeds_store, "Meng Wanzhou")
    paths, labels = find_paths(seeds_store, u, v, evidence=2)
    stored = seeds_store.docs.listing()
    quoted = 0
    for hop in paths[0]:
        record = hop_record(labels, hop, 2)
        assert list(record) == HOP_KEYS
        assert (record["from"], record["to"]) == (labels[hop.source], labels[hop.target])
        assert (record["from_id"], record["to_id"]) == (hop.source, hop.target)
        assert record["layers"] == hop.layers
        assert record["layer"] == ("assertion" if "assertion" in hop.layers else hop.layers[0])
        assert record["corroboration"] == {"documents": len(hop.documents), "outlets": len(hop.outlets)}
        assert 1 <= len(record["evidence"]) <= 2
        for e in record["evidence"]:
            assert list(e)[:4] == ["document", "title", "outlet", "sentence"]
            assert e["document"] in hop.documents
            assert (e["title"], e["outlet"]) == (
                stored[e["document"]]["title"],
                stored[e["document"]]["outlet"],
            )
            if "quote" in e:
                quoted += 1
                assert e["quote"] in e["sentence"] and e["verb"] and e["stance"]
        assert len(hop_record(labels, hop, 1)["evidence"]) == 1
    assert quoted  # Han Dong's advice about the Two Michaels is a claim


def test_a_paths_record_chains_its_hops_from_source_to_target(seeds_store: Store):
    u, v = find_stored_entity(seeds_store, "Han Dong"), find_stored_entity(seeds_store, "Meng Wanzhou")
    paths, labels = find_paths(seeds_store, u, v, k=2, evidence=2)
    record = paths_record(labels, u, v, "specific", paths, 2)
    assert list(record) == ["source", "target", "rank", "paths"]
    assert (record["source"], record["target"], record["rank"]) == ("Han Dong", "Meng Wanzhou", "specific")
    assert len(record["paths"]) == len(paths) >= 1
    for shown, hops in zip(record["paths"], paths, strict=True):
        assert list(shown) == ["hops"]
        assert [h["from_id"] for h in shown["hops"]] == [h.source for h in hops]
        assert shown["hops"][0]["from_id"] == u and shown["hops"][-1]["to_id"] == v
        assert all(a["to_id"] == b["from_id"] for a, b in pairwise(shown["hops"]))


def test_a_neighbour_record_is_the_entity_and_the_link_to_it(seeds_store: Store):
    node = find_stored_entity(seeds_store, "Han Dong")
    ranked = top_neighbours(seeds_store, node, layer="any", limit=5, evidence=NEIGHBOUR_EVIDENCE)
    labels = seeds_store.reads.labels_of([node, *(other for other, _, _ in ranked)])
    assert len(ranked) == 5
    for other, attributes, hop in ranked:
        record = neighbour_record(labels, other, attributes, hop)
        assert list(record) == [*ENTITY_KEYS, "link"]
        assert record["id"] == other and record["name"] == labels[other]
        assert record["link"] == hop_record(labels, hop, NEIGHBOUR_EVIDENCE)
        assert {record["link"]["from_id"], record["link"]["to_id"]} == {node, other}
        assert len(record["link"]["evidence"]) == NEIGHBOUR_EVIDENCE


def test_claim_records_are_every_stored_claim_with_its_entities_named(seeds_store: Store):
    records = claim_records(seeds_store)
    labels = seeds_store.reads.labels_of(node for node, _ in seeds_store.reads.entity_rows())
    stored = seeds_store.docs.listing()
    assert len(records) == len(seeds_store.reads.claims()) > 50
    for c in records:
        assert list(c) == CLAIM_KEYS
        assert c["speaker"] == (labels[c["speaker_id"]] if c["speaker_id"] else c["speaker_text"])
        assert c["targets"] == [labels[t] for t in c["target_ids"]]
        assert c["verb"] in c["verbs"] and c["id"]
        assert (c["title"], c["outlet"]) == (
            stored[c["document"]]["title"],
            stored[c["document"]]["outlet"] or "",
        )
    assert {c["speaker_kind"] for c in records} >= {"named", "unnamed"}


def test_claim_records_by_a_speaker_about_an_entity(seeds_store: Store):
    by = claim_records(seeds_store, speaker="Han Dong")
    assert by and all(c["speaker"] == "Han Dong" for c in by)
    about = claim_records(seeds_store, speaker="Han Dong", about="Michael Spavor")
    assert about and all("Michael Spavor" in c["targets"] for c in about)
    assert {c["id"] for c in about} <= {c["id"] for c in by}
    with pytest.raises(EntityNotFound):
        claim_records(seeds_store, speaker="Nobody Anybody")


def test_source_records_add_each_documents_claims(seeds_store: Store):
    record = source_records(seeds_store.graph.load(evidence=False), seeds_store.reads.claim_counts())
    claims = claim_records(seeds_store)
    assert list(record) == ["documents", "outlets"]
    assert {d["id"] for d in record["documents"]} == set(seeds_store.docs.listing())
    for d in record["documents"]:
        mine = [c for c in claims if c["document"] == d["id"]]
        assert d["claims"] == len(mine)
        assert d["unnamed_claims"] == sum(c["speaker_kind"] == "unnamed" for c in mine)
        assert d["group_claims"] == sum(c["speaker_kind"] == "group" for c in mine)
    assert sum(d["unnamed_claims"] for d in record["documents"]) > 0
    assert {"24CA News", "The Bureau"} <= {o["outlet"] for o in record["outlets"]}
