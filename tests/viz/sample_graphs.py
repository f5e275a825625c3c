"""Small linkchart graphs built by hand, following graph/schema.py, for the viz tests."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.schema import ASSERTION, CO_MENTION

CANADA_FILES = "The Canada Files"
BUREAU = "The Bureau"
DOCUMENTS = {
    "d1": {
        "title": "Canada used the Huawei CFO case to promote messaging",
        "outlet": CANADA_FILES,
        "url": "https://example.org/canada-files/huawei",
        "date": "2025-02-10",
        "path": "seeds/d1.txt",
    },
    "d2": {
        "title": "Inside the Meng Wanzhou affair",
        "outlet": BUREAU,
        "url": "https://example.org/bureau/meng",
        "date": "2025-02-12",
        "path": "seeds/d2.txt",
    },
    "d3": {
        "title": "CSIS and the WeChat warning",
        "outlet": BUREAU,
        "url": "https://example.org/bureau/wechat",
        "date": "2025-03-01",
        "path": "seeds/d3.txt",
    },
}
# A sentence unique to one co-mention edge, and one quote unique to one assertion edge,
# so hover tests can look for them.
FREELAND_CARNEY_SENTENCE = "Chrystia Freeland faces Mark Carney in the Liberal leadership race."
CSIS_WECHAT_QUOTE = "WeChat is a vector for foreign interference"


def add_entity(
    G: nx.MultiDiGraph,
    nid: str,
    label: str,
    mentions: int,
    docs: list[str],
    aliases: list[str] | None = None,
    roles: list[str] | None = None,
    etype: str | None = None,
) -> None:
    """Add a node shaped like graph/schema.py."""
    G.add_node(
        nid,
        label=label,
        type=etype or nid.split(":")[0],
        aliases=aliases or [label],
        mentions=mentions,
        documents=docs,
        roles=roles or [],
    )


def _evidence(
    G: nx.MultiDiGraph,
    doc: str,
    sentence: str,
    i: int,
    quote: str | None = None,
    verb: str | None = None,
    stance: str | None = None,
) -> dict[str, Any]:
    meta = G.graph["documents"][doc]
    ev: dict[str, Any] = {
        "document": doc,
        "title": meta["title"],
        "outlet": meta["outlet"],
        "sentence": sentence,
        "sent_index": i,
    }
    if quote is not None:
        ev.update(quote=quote, verb=verb, stance=stance)
    return ev


def add_co_mention(G: nx.MultiDiGraph, a: str, b: str, sentences: list[tuple[str, str]]) -> None:
    """Add a co-mention edge (smaller id → larger id) from (doc, sentence) pairs."""
    u, v = sorted((a, b))
    evidence = [_evidence(G, doc, s, i) for i, (doc, s) in enumerate(sentences)]
    docs = sorted({doc for doc, _ in sentences})
    G.add_edge(
        u,
        v,
        key=CO_MENTION,
        layer=CO_MENTION,
        weight=len(sentences),
        documents=docs,
        outlets=sorted({G.graph["documents"][d]["outlet"] for d in docs}),
        corroboration=len(docs),
        evidence=evidence,
    )


def add_assertion(
    G: nx.MultiDiGraph,
    speaker: str,
    target: str,
    verb: str,
    stance: str,
    statements: list[tuple[str, str, str]],
) -> None:
    """Add an assertion edge from (doc, sentence, quote) triples."""
    evidence = [
        _evidence(G, doc, s, i, quote=q, verb=verb, stance=stance) for i, (doc, s, q) in enumerate(statements)
    ]
    docs = sorted({doc for doc, _, _ in statements})
    G.add_edge(
        speaker,
        target,
        key=ASSERTION,
        layer=ASSERTION,
        weight=len(statements),
        documents=docs,
        outlets=sorted({G.graph["documents"][d]["outlet"] for d in docs}),
        corroboration=len(docs),
        evidence=evidence,
        verb=verb,
        stance=stance,
        verbs=[verb],
        stances=[stance],
        quotes=[q for _, _, q in statements],
    )


def build_sample_graph() -> nx.MultiDiGraph:
    """Ten entities of all seven types (one isolated), 7 co-mention and 5 assertion edges.

    Expected counts used by the browser tests:
    - all: 10 nodes, 12 edges; hide persons: 6 nodes, 4 edges
    - assertion layer only: 7 nodes, 5 edges; co-mention only: 9 nodes, 7 edges
    - outlet The Bureau: 5 nodes, 7 edges; document d3: 3 nodes, 3 edges
    """
    G = nx.MultiDiGraph(documents={k: dict(v) for k, v in DOCUMENTS.items()})
    add_entity(
        G,
        "person:meng-wanzhou",
        "Meng Wanzhou",
        12,
        ["d1", "d2"],
        aliases=["Meng Wanzhou", "Meng", "Huawei CFO"],
        roles=["Huawei CFO"],
    )
    add_entity(
        G,
        "person:chrystia-freeland",
        "Chrystia Freeland",
        6,
        ["d1"],
        aliases=["Chrystia Freeland", "Freeland"],
        roles=["Liberal MP"],
    )
    add_entity(G, "person:mark-carney", "Mark Carney", 3, ["d1"])
    add_entity(G, "person:han-dong", "Han Dong", 1, ["d3"])  # isolated
    add_entity(
        G, "agency:csis", "CSIS", 5, ["d2", "d3"], aliases=["CSIS", "Canadian Security Intelligence Service"]
    )
    add_entity(G, "outlet:the-canada-files", CANADA_FILES, 2, ["d1"])
    add_entity(G, "organization:huawei", "Huawei", 8, ["d1", "d2"])
    add_entity(G, "platform:wechat", "WeChat", 2, ["d3"])
    add_entity(G, "place:china", "China", 7, ["d1", "d2", "d3"], aliases=["China", "Beijing"])
    add_entity(G, "group:liberal-party", "Liberal Party", 2, ["d1"])

    add_co_mention(
        G,
        "organization:huawei",
        "person:meng-wanzhou",
        [
            ("d1", "Huawei CFO Meng Wanzhou was detained in Vancouver in December 2018."),
            ("d2", "Meng Wanzhou returned to Huawei after three years."),
        ],
    )
    add_co_mention(G, "person:chrystia-freeland", "person:mark-carney", [("d1", FREELAND_CARNEY_SENTENCE)])
    add_co_mention(
        G,
        "place:china",
        "person:meng-wanzhou",
        [
            ("d1", "Meng Wanzhou flew back to China."),
            ("d2", "China welcomed Meng Wanzhou home."),
        ],
    )
    add_co_mention(G, "agency:csis", "platform:wechat", [("d3", "CSIS looked at WeChat.")])
    add_co_mention(
        G,
        "agency:csis",
        "place:china",
        [
            ("d2", "CSIS named China as the main threat."),
            ("d3", "CSIS says China targets diaspora groups."),
        ],
    )
    add_co_mention(
        G,
        "group:liberal-party",
        "person:chrystia-freeland",
        [("d1", "Freeland is running for the Liberal Party leadership.")],
    )
    add_co_mention(
        G,
        "outlet:the-canada-files",
        "person:meng-wanzhou",
        [("d1", "The Canada Files obtained documents about Meng Wanzhou.")],
    )

    add_assertion(
        G,
        "person:chrystia-freeland",
        "place:china",
        "accused",
        "accuses",
        [
            (
                "d1",
                "Freeland accused China of an interference campaign.",
                "China is running a campaign against me",
            )
        ],
    )
    add_assertion(
        G,
        "agency:csis",
        "platform:wechat",
        "warned",
        "warns",
        [("d3", f"CSIS warned that \u201c{CSIS_WECHAT_QUOTE}\u201d.", CSIS_WECHAT_QUOTE)],
    )
    add_assertion(
        G,
        "place:china",
        "agency:csis",
        "denied",
        "denies",
        [("d2", "Beijing denied the CSIS allegations.", "The allegations are groundless")],
    )
    add_assertion(
        G,
        "outlet:the-canada-files",
        "person:chrystia-freeland",
        "alleged",
        "alleges",
        [("d1", "The Canada Files alleged Freeland's claims lack evidence.", "claims without evidence")],
    )
    add_assertion(
        G,
        "person:meng-wanzhou",
        "organization:huawei",
        "said",
        "states",
        [("d2", "Meng said Huawei would keep growing.", "Huawei will keep growing")],
    )
    return G


# Strings that would run if any of them reached innerHTML, a template engine or a URL.
XSS_LABEL = '<img src=x onerror="window.__pwned=1;alert(1)">'
XSS_ALIAS = "</script><script>window.__pwned=2;alert(2)</script>"
XSS_TEMPLATE = "{{7*7}} ${window.__pwned=3} <b>bold?</b>"
XSS_SENTENCE = "He wrote <script>window.__pwned=4;alert(4)</script> on the wall\u2028today."
XSS_QUOTE = '<svg onload="window.__pwned=5;alert(5)"></svg>'
XSS_TITLE = "</title><script>alert(6)</script>"
XSS_URL = "javascript:window.__pwned=7;alert(7)"
XSS_OUTLET = "<iframe src=javascript:alert(8)>"
XSS_TYPE = "<img src=y onerror=alert(9)>"


def build_evil_graph() -> nx.MultiDiGraph:
    """A graph whose every text field is an injection attempt."""
    G = nx.MultiDiGraph(
        documents={
            "x1": {
                "title": XSS_TITLE,
                "outlet": XSS_OUTLET,
                "url": XSS_URL,
                "date": "<b>2025</b>",
                "path": "",
            }
        }
    )
    add_entity(G, "person:evil", XSS_LABEL, 3, ["x1"], aliases=[XSS_LABEL, XSS_ALIAS], roles=[XSS_TEMPLATE])
    add_entity(G, "group:template", XSS_TEMPLATE, 2, ["x1"])
    add_entity(G, "person:</script>", "Plain Name", 1, ["x1"], etype=XSS_TYPE)
    add_co_mention(G, "person:evil", "group:template", [("x1", XSS_SENTENCE)])
    add_assertion(
        G, "person:evil", "person:</script>", "<i>said</i>", "states", [("x1", XSS_SENTENCE, XSS_QUOTE)]
    )
    return G


def build_community_graph(communities: int = 6, size: int = 40, isolated: int = 12) -> nx.MultiDiGraph:
    """``communities`` dense groups of ``size`` people, each with a hub, joined by their hubs;
    plus ``isolated`` entities with no link. Deterministic.

    Ids: ``person:g{c}-{i}``; ``person:g{c}-0`` is group c's hub (linked to all its group, and
    backed by more documents); ``place:alone-{i}`` are the isolated ones.
    """
    docs = {f"d{i}": {"title": f"Story {i}", "outlet": f"Outlet {i % 3}"} for i in range(6)}
    G = nx.MultiDiGraph(documents=docs)
    for c in range(communities):
        for i in range(size):
            add_entity(G, f"person:g{c}-{i}", f"Group{c} Person{i}", 30 if i == 0 else 1 + i % 4, ["d0"])
        for i in range(1, size):
            hub_docs = [(f"d{j}", f"Hub {c} met person {i} ({j}).") for j in range(1 + (i % 3))]
            add_co_mention(G, f"person:g{c}-0", f"person:g{c}-{i}", hub_docs)
            add_co_mention(G, f"person:g{c}-{i}", f"person:g{c}-{i % (size - 1) + 1}", [("d1", f"P{c}-{i}.")])
        add_co_mention(G, f"person:g{c}-0", f"person:g{(c + 1) % communities}-0", [("d2", f"Hubs {c}.")])
    for i in range(isolated):
        add_entity(G, f"place:alone-{i}", f"Lonely Place {i}", 1, ["d3"])
    return G
