"""What the page carries of each link's evidence (no browser needed)."""

from __future__ import annotations

import json

import networkx as nx

from graph.schema import CO_MENTION
from viz.render import graph_payload


def hub_graph(documents: int) -> nx.MultiDiGraph:
    docs = {f"d{i:02d}": {"title": f"T{i}", "outlet": "O"} for i in range(documents)}
    G = nx.MultiDiGraph(documents=docs)
    for node in ("place:canada", "place:china", "person:meng"):
        G.add_node(node, label=node.split(":")[1].title(), type=node.split(":")[0], mentions=1)
    evidence = [
        {
            "document": d,
            "title": m["title"],
            "outlet": "O",
            "sentence": f"Canada and China, {d}.",
            "sent_index": 0,
        }
        for d, m in docs.items()
    ]
    common = {"layer": CO_MENTION, "outlets": ["O"], "documents": sorted(docs)}
    G.add_edge("place:canada", "place:china", key=CO_MENTION, **common, evidence=evidence, weight=documents)
    G.add_edge(
        "person:meng",
        "place:canada",
        key=CO_MENTION,
        **{**common, "documents": ["d00"]},
        evidence=evidence[:1],
        weight=1,
    )
    return G


def test_a_hub_link_carries_its_first_pieces_and_says_how_many_documents_are_left():
    hub, small = graph_payload(hub_graph(30), max_evidence=20)["edges"]
    assert [e["document"] for e in hub["evidence"]] == [f"d{i:02d}" for i in range(20)]
    assert hub["evidence_more_documents"] == 10
    assert len(small["evidence"]) == 1 and "evidence_more_documents" not in small
    whole, _ = graph_payload(hub_graph(30), max_evidence=None)["edges"]
    assert len(whole["evidence"]) == 30 and "evidence_more_documents" not in whole


def test_the_page_stores_each_sentence_once_and_reads_back_what_it_shows(sample_graph: nx.MultiDiGraph):
    from viz.render import compact_payload, expand_payload

    # one sentence naming four entities is evidence for their six links
    sentence = "Meng Wanzhou, Huawei, China and CSIS were all in the news."
    ends = ["person:meng-wanzhou", "organization:huawei", "place:china", "agency:csis"]
    for i, a in enumerate(ends):
        for b in ends[i + 1 :]:
            u, v = sorted((a, b))
            key = f"list-{u}-{v}"
            evidence = [{"document": "d2", "title": "Inside", "outlet": "The Bureau", "sentence": sentence}]
            sample_graph.add_edge(u, v, key=key, layer=CO_MENTION, weight=1 / 3, documents=["d2"])
            sample_graph.edges[u, v, key].update(outlets=["The Bureau"], corroboration=1, evidence=evidence)
    payload = graph_payload(sample_graph, physics=False)
    page = compact_payload(payload)
    assert page["texts"].count(sentence) == 1
    assert json.dumps(page).count(sentence) == 1
    back = expand_payload(page)
    shown = ("document", "title", "outlet", "sentence", "quote")
    for before, after in zip(payload["edges"], back["edges"], strict=True):
        expected = {k: v for k, v in before.items() if k != "quotes"}
        expected["evidence"] = [{k: e[k] for k in shown if k in e} for e in before["evidence"]]
        expected["weight"] = round(before["weight"], 3)
        assert after == expected
    for before, after in zip(payload["nodes"], back["nodes"], strict=True):
        assert after == {**before, "x": round(before["x"]), "y": round(before["y"])}
