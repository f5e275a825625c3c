"""Browser tests: the rendered page in the real Chromium, with the network blocked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page

from graph.query import select_layer
from tests.viz.browser import PageLog, offline_page
from tests.viz.sample_graphs import (
    CSIS_WECHAT_QUOTE,
    FREELAND_CARNEY_SENTENCE,
    XSS_ALIAS,
    XSS_LABEL,
    XSS_OUTLET,
    XSS_QUOTE,
    XSS_SENTENCE,
    XSS_TEMPLATE,
    XSS_TITLE,
    XSS_TYPE,
    XSS_URL,
    add_co_mention,
    add_entity,
)

pytestmark = pytest.mark.browser

PATH = ["person:chrystia-freeland", "place:china", "agency:csis"]
HIGHLIGHT = "#ff9f00"


@pytest.fixture()
def chart(
    browser: Browser, rendered: Callable[..., Path], sample_graph: nx.MultiDiGraph
) -> Iterator[tuple[Page, PageLog]]:
    """The sample graph's page, opened offline and laid out."""
    html = rendered("sample", sample_graph, title="Sample", highlight_path=PATH)
    with offline_page(browser, html) as opened:
        yield opened


def counts(page: Page) -> tuple[int, int]:
    """Return how many nodes and edges vis-network currently draws."""
    return tuple(
        page.evaluate("() => [linkchart.visibleNodeIds().length, linkchart.visibleEdgeIds().length]")
    )


def visible_ids(page: Page) -> tuple[set[str], set[str]]:
    """Return the drawn node ids and the drawn edges as (from, to, layer)."""
    nodes, edges = page.evaluate("""() => [linkchart.visibleNodeIds(),
        linkchart.visibleEdgeIds().map(id => {
            const e = linkchart.data.edges.find(x => x.id === id);
            return [e.from, e.to, e.layer];
        })]""")
    return set(nodes), {tuple(e) for e in edges}


def edge_id(page: Page, source: str, target: str, layer: str) -> str:
    """Return the page's id for an edge."""
    return page.evaluate(
        "([s, t, l]) => linkchart.data.edges.find(e => e.from === s && e.to === t && e.layer === l).id",
        [source, target, layer],
    )


def to_page(page: Page, point: dict[str, float]) -> tuple[float, float]:
    """Convert a point relative to the network canvas into page coordinates."""
    box = page.locator("#lc-network").bounding_box()
    assert box is not None
    return box["x"] + point["x"], box["y"] + point["y"]


def hover_node(page: Page, node: str) -> str:
    """Move the real mouse onto a node and return the tooltip's text."""
    x, y = to_page(page, page.evaluate("id => linkchart.nodeDOMPosition(id)", node))
    page.mouse.move(5, 5)
    page.mouse.move(x, y, steps=3)
    page.wait_for_selector("#lc-tooltip:not([hidden])")
    return page.locator("#lc-tooltip").inner_text()


#: Where along an edge :func:`hover_edge` tries to point, middle first.
EDGE_POINTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)


def hover_edge(page: Page, eid: str) -> str:
    """Move the real mouse onto an edge, at the point nearest its middle where no node lies over
    it (the layout decides where nodes fall), and return the tooltip's text."""
    free = page.evaluate(
        """([id, points]) => {
            for (const t of points) {
                const p = linkchart.edgeDOMPosition(id, t);
                if (linkchart.network.getNodeAt(p) === undefined) return p;
            }
            return linkchart.edgeDOMPosition(id);
        }""",
        [eid, list(EDGE_POINTS)],
    )
    x, y = to_page(page, free)
    page.mouse.move(5, 5)
    page.mouse.move(x, y, steps=3)
    page.wait_for_selector("#lc-tooltip:not([hidden])")
    return page.locator("#lc-tooltip").inner_text()


def click_node(page: Page, node: str) -> None:
    """Click a node with the real mouse."""
    page.mouse.click(*to_page(page, page.evaluate("id => linkchart.nodeDOMPosition(id)", node)))


def test_harness_records_and_blocks_external_requests(browser: Browser, tmp_path: Path) -> None:
    probe = tmp_path / "probe.html"
    probe.write_text(
        '<img src="https://example.invalid/x.png"><script>window.linkchart={ready:true}</script>',
        encoding="utf-8",
    )
    with offline_page(browser, probe) as (_, log):
        pass
    assert log.external_requests == ["https://example.invalid/x.png"]


def test_loads_offline_draws_everything_and_settles(chart: tuple[Page, PageLog]) -> None:
    page, log = chart
    assert counts(page) == (10, 12)
    assert page.evaluate("linkchart.stabilized") is True
    assert page.evaluate("linkchart.network.physics.options.enabled") is False
    assert page.locator("#lc-stats").inner_text() == "Showing 10 of 10 entities · 12 of 12 links"
    assert page.locator("#lc-title").inner_text() == "Sample"
    legend = page.locator("#lc-controls").inner_text()
    for text in (
        "Person",
        "Agency",
        "Outlet",
        "Organization",
        "Platform",
        "Place",
        "Group",
        "denies / disputes",
        "alleges / accuses",
        "highlighted path",
    ):
        assert text in legend
    assert log.external_requests == [] and log.errors == [] and log.dialogs == []


def test_search_by_alias_focuses_node(chart: tuple[Page, PageLog]) -> None:
    page, log = chart
    page.fill("#lc-search", "huawei CFO")
    first = page.locator("#lc-results li").first
    assert "Meng Wanzhou" in first.inner_text()
    page.press("#lc-search", "Enter")
    assert page.evaluate("linkchart.network.getSelectedNodes()") == ["person:meng-wanzhou"]
    assert page.evaluate("linkchart.focus()") == {"kind": "node", "id": "person:meng-wanzhou"}
    panel = page.locator("#lc-details").inner_text()
    assert "Meng Wanzhou" in panel and "Huawei CFO" in panel
    # neighbours stay bright, the rest is dimmed
    dimmed = set(page.evaluate("linkchart.dimmedIds()"))
    assert {
        "person:meng-wanzhou",
        "organization:huawei",
        "place:china",
        "outlet:the-canada-files",
    }.isdisjoint(dimmed)
    assert {"agency:csis", "person:mark-carney", "person:han-dong"} <= dimmed
    # the view is centred on the node once the animation ends
    page.wait_for_function(
        """() => {
        const v = linkchart.network.getViewPosition();
        const p = linkchart.network.getPositions(['person:meng-wanzhou'])['person:meng-wanzhou'];
        return Math.hypot(v.x - p.x, v.y - p.y) < 2; }""",
        timeout=3000,
    )
    assert page.evaluate("linkchart.search('BEIJING')") == ["place:china"]
    assert log.errors == []


def test_type_filter(chart: tuple[Page, PageLog]) -> None:
    page, _ = chart
    page.uncheck("input[data-type=person]")
    assert counts(page) == (6, 4)
    nodes, _ = visible_ids(page)
    assert not any(n.startswith("person:") for n in nodes)
    page.check("input[data-type=person]")
    assert counts(page) == (10, 12)


def test_layer_filter_matches_select_layer(
    chart: tuple[Page, PageLog], sample_graph: nx.MultiDiGraph
) -> None:
    page, _ = chart
    for hide, keep in (("co-mention", "assertion"), ("assertion", "co-mention")):
        page.uncheck(f"input[data-layer={hide}]")
        expected = select_layer(sample_graph, keep)
        assert visible_ids(page) == (set(expected.nodes), set(expected.edges(keys=True)))
        page.check(f"input[data-layer={hide}]")
    assert counts(page) == (10, 12)
    page.uncheck("input[data-layer=co-mention]")
    assert counts(page) == (7, 5)


def test_outlet_and_document_filter(chart: tuple[Page, PageLog]) -> None:
    page, _ = chart
    page.select_option("#lc-source", "outlet:The Bureau")
    assert counts(page) == (5, 7)
    nodes, _ = visible_ids(page)
    assert nodes == {
        "organization:huawei",
        "person:meng-wanzhou",
        "place:china",
        "agency:csis",
        "platform:wechat",
    }
    page.select_option("#lc-source", "doc:d3")
    assert counts(page) == (3, 3)
    page.uncheck("input[data-type=platform]")  # filters combine
    assert counts(page) == (2, 1)
    page.click("#lc-reset")
    assert counts(page) == (10, 12)


def test_click_node_highlights_neighbourhood(chart: tuple[Page, PageLog]) -> None:
    page, _ = chart
    click_node(page, "agency:csis")
    assert page.evaluate("linkchart.focus()") == {"kind": "node", "id": "agency:csis"}
    dimmed = set(page.evaluate("linkchart.dimmedIds()"))
    bright_nodes = {"agency:csis", "platform:wechat", "place:china"}
    assert len([d for d in dimmed if not d.startswith("e")]) == 10 - len(bright_nodes)
    assert bright_nodes.isdisjoint(dimmed)
    assert "Links shown (4)" in page.locator("#lc-details").text_content()
    page.mouse.click(*to_page(page, {"x": 3, "y": 3}))  # empty canvas corner clears focus
    assert page.evaluate("linkchart.focus()") is None
    assert page.evaluate("linkchart.dimmedIds()") == []


def test_hover_node_shows_details(chart: tuple[Page, PageLog]) -> None:
    page, _ = chart
    text = hover_node(page, "person:chrystia-freeland")
    assert "Chrystia Freeland" in text
    assert "Person · Liberal MP" in text
    assert "Also: Freeland" in text
    assert "Mentioned 6 times in 1 document" in text
    assert "Canada used the Huawei CFO case" in text


def test_hover_edges_show_evidence(chart: tuple[Page, PageLog]) -> None:
    page, _ = chart
    text = hover_edge(page, edge_id(page, "person:chrystia-freeland", "person:mark-carney", "co-mention"))
    assert FREELAND_CARNEY_SENTENCE in text
    assert "Backed by 1 document from 1 outlet" in text
    assert "The Canada Files" in text
    text = hover_edge(page, edge_id(page, "agency:csis", "platform:wechat", "assertion"))
    assert "CSIS → WeChat" in text and "warns" in text
    assert CSIS_WECHAT_QUOTE in text and "CSIS and the WeChat warning" in text


def test_click_edge_shows_all_evidence(chart: tuple[Page, PageLog]) -> None:
    page, _ = chart
    eid = edge_id(page, "organization:huawei", "person:meng-wanzhou", "co-mention")
    page.mouse.click(*to_page(page, page.evaluate("id => linkchart.edgeDOMPosition(id)", eid)))
    assert page.evaluate("linkchart.focus()") == {"kind": "edge", "id": eid}
    panel = page.locator("#lc-details").inner_text()
    assert "Backed by 2 documents from 2 outlets" in panel
    assert "detained in Vancouver" in panel and "returned to Huawei" in panel
    assert page.locator("#lc-details a[href='https://example.org/bureau/meng']").count() == 1


def test_highlight_path_is_emphasised(chart: tuple[Page, PageLog]) -> None:
    page, _ = chart
    styles = page.evaluate("""() => {
        const hi = new Set(linkchart.data.highlight.edges);
        return linkchart.edges.get().map(e => [hi.has(e.id), e.color.color, e.width]); }""")
    on_path = [s for s in styles if s[0]]
    off_path = [s for s in styles if not s[0]]
    assert len(on_path) == 3
    assert all(color == HIGHLIGHT for _, color, _ in on_path)
    assert min(w for *_, w in on_path) > max(w for *_, w in off_path)
    borders = page.evaluate("""() => Object.fromEntries(
        linkchart.nodes.get().map(n => [n.id, n.borderWidth]))""")
    assert {n for n, w in borders.items() if w > 1} == set(PATH)
    assert [li.strip() for li in page.locator("#lc-path li").all_inner_texts()] == [
        "Chrystia Freeland",
        "China",
        "CSIS",
    ]


def test_fixed_layout_without_physics(
    browser: Browser, rendered: Callable[..., Path], sample_graph: nx.MultiDiGraph
) -> None:
    html = rendered("fixed", sample_graph, physics=False)
    with offline_page(browser, html) as (page, log):
        assert counts(page) == (10, 12)
        assert page.evaluate("linkchart.stabilized") is False
        x = page.evaluate("""() => {
            const n = linkchart.data.nodes[0];
            return [n.x, linkchart.network.getPositions([n.id])[n.id].x]; }""")
        assert x[0] == pytest.approx(x[1], abs=1)  # getPositions rounds
        assert log.errors == [] and log.external_requests == []


def test_busy_chart_labels_assertions_only_around_focus(
    browser: Browser, rendered: Callable[..., Path], sample_graph: nx.MultiDiGraph
) -> None:
    for i in range(60):  # past the page's 60-edge limit for always-on edge labels
        add_entity(sample_graph, f"person:extra-{i}", f"Extra {i}", 1, ["d2"])
        add_co_mention(sample_graph, "agency:csis", f"person:extra-{i}", [("d2", f"CSIS met Extra {i}.")])
    with offline_page(browser, rendered("busy", sample_graph)) as (page, log):
        assert counts(page) == (70, 72)
        eid = edge_id(page, "agency:csis", "platform:wechat", "assertion")
        label = f"() => linkchart.network.body.edges['{eid}'].options.label"
        assert page.evaluate(label) == " "  # blank: vis cannot unset a label
        page.evaluate("linkchart.focusNode('agency:csis')")
        assert page.evaluate(label) == "warned"
        page.evaluate("linkchart.clearFocus()")
        assert page.evaluate(label) == " "
        assert log.errors == []


def test_injection_strings_render_as_text(
    browser: Browser, rendered: Callable[..., Path], evil_graph: nx.MultiDiGraph
) -> None:
    html = rendered("evil", evil_graph, title=XSS_TITLE, highlight_path=["person:evil"])
    with offline_page(browser, html) as (page, log):
        assert counts(page) == (3, 2)
        assert page.title() == XSS_TITLE
        assert page.locator("#lc-title").inner_text() == XSS_TITLE

        tip = page.locator("#lc-tooltip")
        hover_node(page, "person:evil")
        assert XSS_LABEL in tip.text_content() and XSS_ALIAS in tip.text_content()
        assert XSS_TEMPLATE in tip.text_content() and XSS_OUTLET in tip.text_content()

        hover_edge(page, edge_id(page, "person:evil", "person:</script>", "assertion"))
        assert XSS_SENTENCE in tip.text_content() and XSS_QUOTE in tip.text_content()

        page.evaluate(
            "id => linkchart.selectEdge(id)", edge_id(page, "person:evil", "person:</script>", "assertion")
        )
        panel = page.locator("#lc-details").text_content()
        for text in (XSS_SENTENCE, XSS_QUOTE, XSS_TITLE, XSS_URL, XSS_OUTLET):
            assert text in panel
        page.fill("#lc-search", "<img")
        assert XSS_LABEL in page.locator("#lc-results").text_content()
        page.press("#lc-search", "Enter")
        assert XSS_TEMPLATE in page.locator("#lc-details").text_content()
        assert XSS_TYPE in page.locator("#lc-type-filters").text_content()

        # nothing the data said became markup, and nothing ran
        assert (
            page.evaluate("""() => document.querySelectorAll(
            '#lc-details img, #lc-details script, #lc-details iframe, #lc-details svg,'
            + '#lc-results img, #lc-tooltip img, #lc-tooltip svg, [onerror], [onload],'
            + 'a[href^="javascript"], b, i').length""")
            == 0
        )
        assert page.evaluate("document.scripts.length") == 3
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert log.dialogs == [] and log.errors == [] and log.external_requests == []


def test_a_hub_link_shows_its_first_evidence_and_how_much_is_left_out(
    browser: Browser, rendered: Callable[..., Path]
) -> None:
    from tests.viz.test_payload import hub_graph

    with offline_page(browser, rendered("hub", hub_graph(30))) as (page, log):
        eid = edge_id(page, "place:canada", "place:china", "co-mention")
        assert "click the link to read the first 20" in hover_edge(page, eid)
        page.mouse.click(*to_page(page, page.evaluate("id => linkchart.edgeDOMPosition(id)", eid)))
        panel = page.locator("#lc-details")
        assert "evidence (20+)" in panel.inner_text().lower()  # the heading is shown in capitals
        assert panel.locator(".lc-evidence li").count() == 20
        assert "+ evidence from 10 more documents, not in this page" in panel.inner_text()
        assert not log.errors


def test_entity_panel_copies_exact_fix_commands_and_runs_nothing(
    browser: Browser, tmp_path: Path, evil_graph: nx.MultiDiGraph
) -> None:
    import shlex

    from viz import render_html

    html = render_html(evil_graph, tmp_path / "fix.html", store="case files/it's.db")
    with offline_page(browser, html) as (page, log):
        page.evaluate("linkchart.focusNode('person:evil')")
        assert "Correct this entity" in page.locator("#lc-details").text_content()
        tail = ["--db", "case files/it's.db"]

        page.select_option("#lc-fix-type", "organization")
        page.click("#lc-fix-retype")
        command = page.locator("#lc-fix-command").text_content()
        assert shlex.split(command) == ["linkchart", "fix", "type", XSS_LABEL, "organization", *tail]

        page.fill("#lc-fix-other", XSS_ALIAS)
        page.click("#lc-fix-merge")
        command = page.locator("#lc-fix-command").text_content()
        assert shlex.split(command) == ["linkchart", "fix", "merge", XSS_LABEL, XSS_ALIAS, *tail]

        page.click("#lc-fix-drop")
        command = page.locator("#lc-fix-command").text_content()
        assert shlex.split(command) == ["linkchart", "fix", "drop", XSS_LABEL, *tail]
        assert page.evaluate("() => window.__pwned") is None
        assert log.errors == [] and log.dialogs == [] and log.external_requests == []


def test_a_quote_that_has_its_own_marks_is_not_quoted_twice(browser: Browser, tmp_path: Path) -> None:
    from tests.viz.sample_graphs import DOCUMENTS, add_assertion
    from viz import render_html

    G = nx.MultiDiGraph(documents={k: dict(v) for k, v in DOCUMENTS.items()})
    add_entity(G, "person:brad-smith", "Brad Smith", 3, ["d1"])
    add_entity(G, "agency:cma", "CMA", 2, ["d1"])
    said = "\u201cThe CMA got this wrong,\u201d Brad Smith said."
    add_assertion(
        G,
        "person:brad-smith",
        "agency:cma",
        "say",
        "states",
        [("d1", said, "\u201cThe CMA got this wrong,\u201d")],
    )
    add_assertion(
        G, "agency:cma", "person:brad-smith", "reply", "states", [("d1", said, "the deal harms gamers")]
    )
    html = render_html(G, tmp_path / "quotes.html")
    with offline_page(browser, html) as (page, log):
        page.evaluate(
            "id => linkchart.selectEdge(id)", edge_id(page, "person:brad-smith", "agency:cma", "assertion")
        )
        panel = page.locator("#lc-details").text_content()
        assert "\u201cThe CMA got this wrong,\u201d" in panel and "\u201c\u201c" not in panel
        page.evaluate(
            "id => linkchart.selectEdge(id)", edge_id(page, "agency:cma", "person:brad-smith", "assertion")
        )
        assert "\u201cthe deal harms gamers\u201d" in page.locator("#lc-details").text_content()
        assert log.errors == []


def test_co_mention_windows_are_drawn_thin_and_dashed(
    browser: Browser, rendered: Callable[..., Path], sample_graph: nx.MultiDiGraph
) -> None:
    G = sample_graph.copy()
    u, v = sorted(("person:chrystia-freeland", "agency:csis"))
    co = next(data for _, _, data in G.edges(data=True) if data["layer"] == "co-mention")
    G.add_edge(u, v, key="paragraph", **{**co, "layer": "paragraph", "weight": 1})
    html = rendered("windows", G, title="Windows")
    with offline_page(browser, html) as (page, log):
        eid = edge_id(page, u, v, "paragraph")
        drawn = page.evaluate("id => linkchart.edges.get(id)", eid)
        widest_co = page.evaluate(
            "() => Math.min(...linkchart.data.edges.filter(e => e.layer === 'co-mention')"
            ".map(e => linkchart.edges.get(e.id).width))"
        )
        assert drawn["dashes"] and drawn["width"] < widest_co
        assert "Same paragraph" in page.locator("#lc-layer-filters").inner_text()
        assert "same paragraph" in hover_edge(page, eid)
        assert not log.errors


def test_search_folds_accents_and_apostrophes_as_the_cli_does(
    browser: Browser, rendered: Callable[..., Path], sample_graph: nx.MultiDiGraph
) -> None:
    G = sample_graph.copy()
    docs = sorted(G.graph["documents"])[:1]
    add_entity(G, "person:jose-ramirez", "José Ramírez", 1, docs, aliases=["Ramírez"])
    add_entity(G, "person:siobhan-oneill", "Siobhán O'Neill", 1, docs, aliases=["O’Neill"])
    html = rendered("folded", G, title="Folded")
    with offline_page(browser, html) as (page, log):
        assert page.evaluate("linkchart.search('jose')") == ["person:jose-ramirez"]
        assert page.evaluate("linkchart.search('oneill')") == ["person:siobhan-oneill"]
        assert page.evaluate("linkchart.search('SIOBHAN O NEILL')") == []  # a space is not an apostrophe
        assert page.evaluate("linkchart.search('ramirez')") == ["person:jose-ramirez"]
        assert not log.errors


def test_the_panel_follows_the_filters_and_reset_resets_everything(chart: tuple[Page, PageLog]) -> None:
    page, log = chart
    page.evaluate("linkchart.focusNode('person:meng-wanzhou', false)")
    heading = page.locator("#lc-details h3", has_text="Links shown")
    before = int(heading.inner_text().split("(")[1].rstrip(")"))
    page.uncheck("input[data-layer=co-mention]")  # the panel recounts what is still drawn
    after = int(heading.inner_text().split("(")[1].rstrip(")"))
    assert 0 < after < before
    scale_filtered = page.evaluate("linkchart.network.getScale()")
    page.fill("#lc-search", "huawei")
    page.click("#lc-reset")
    assert page.input_value("#lc-search") == ""
    assert page.evaluate("linkchart.focus()") is None
    assert page.evaluate("linkchart.network.getSelectedNodes()") == []
    assert "Links shown" not in page.evaluate("linkchart.panelText()")
    assert counts(page) == (10, 12)
    assert page.is_checked("input[data-layer=co-mention]")
    assert scale_filtered > 0 and not log.errors


def test_search_and_enter_leave_no_stale_tooltip(chart: tuple[Page, PageLog]) -> None:
    page, _ = chart
    hover_node(page, "agency:csis")
    assert page.evaluate("linkchart.tooltipText()")
    page.fill("#lc-search", "meng")
    page.press("#lc-search", "Enter")
    assert page.evaluate("linkchart.focus()") == {"kind": "node", "id": "person:meng-wanzhou"}
    assert page.evaluate("linkchart.tooltipText()") == ""


#: The view against the drawn entities' bounding box (labels included): how far its centre is
#: from the view's, in pixels; whether it lies inside the canvas; how much of the canvas it fills.
VIEW_FIT = """() => {
    const net = linkchart.network;
    let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
    linkchart.visibleNodeIds().forEach(id => {
        const b = net.getBoundingBox(id);
        left = Math.min(left, b.left); right = Math.max(right, b.right);
        top = Math.min(top, b.top); bottom = Math.max(bottom, b.bottom);
    });
    const canvas = document.getElementById('lc-network');
    const a = net.canvasToDOM({x: left, y: top}), z = net.canvasToDOM({x: right, y: bottom});
    const view = net.getViewPosition();
    return {
        off: Math.hypot(view.x - (left + right) / 2, view.y - (top + bottom) / 2) * net.getScale(),
        inside: a.x >= 0 && a.y >= 0 && z.x <= canvas.clientWidth && z.y <= canvas.clientHeight,
        fill: Math.max((z.x - a.x) / canvas.clientWidth, (z.y - a.y) / canvas.clientHeight),
        scale: net.getScale()
    };
}"""
MAX_FIT_ZOOM = 1.25  # page.js: a fit never zooms in further


def assert_fitted(page: Page, step: str) -> dict:
    """The drawn entities are centred, inside the canvas and fill it (unless at the zoom limit)."""
    view = page.evaluate(VIEW_FIT)
    assert view["off"] < 1 and view["inside"], (step, view)
    assert view["fill"] > 0.85 or view["scale"] == pytest.approx(MAX_FIT_ZOOM), (step, view)
    return view


def test_a_filtered_view_is_fitted_to_what_is_still_shown(
    browser: Browser, tmp_path: Path, sample_graph: nx.MultiDiGraph
) -> None:
    from viz import render_html

    G = sample_graph.copy()  # and a ring of 30 people from a fourth article: the whole chart is wide
    G.graph["documents"]["d4"] = {"title": "Thirty names", "outlet": "The Ledger", "path": "d4.txt"}
    ring = [f"person:p{i:02d}" for i in range(30)]
    for i, nid in enumerate(ring):
        add_entity(G, nid, f"Person {i:02d}", 1, ["d4"])
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
        add_co_mention(G, a, b, [("d4", f"{a} met {b}.")])
    html = render_html(G, tmp_path / "ring.html", title="Ring")
    with offline_page(browser, html) as (page, log):
        whole = assert_fitted(page, "laid out")
        assert whole["scale"] < MAX_FIT_ZOOM  # room to zoom in on a part
        for step, on, off in (
            ("source", "linkchart.setSource('doc:d3')", "linkchart.setSource('')"),
            ("layer", "linkchart.setLayer('co-mention', false)", "linkchart.setLayer('co-mention', true)"),
            ("type", "linkchart.setType('person', false)", "linkchart.setType('person', true)"),
        ):
            page.evaluate(on)
            part = assert_fitted(page, step)
            assert counts(page)[0] < len(G) and part["scale"] > whole["scale"], step
            page.evaluate(off)
            assert counts(page)[0] == len(G)
            assert_fitted(page, f"{step} off")  # the whole chart again
        assert not log.errors
