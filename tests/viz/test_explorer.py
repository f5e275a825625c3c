"""Browser tests of the explorer at size: fixed layout, clicks, communities, expansion."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.viz.browser import PageLog, offline_page
from tests.viz.sample_graphs import build_community_graph

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def community_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 252-entity page with six communities and a grid of isolated entities, laid out fixed."""
    from viz import render_html

    out = tmp_path_factory.mktemp("explorer") / "communities.html"
    return render_html(build_community_graph(), out, title="Communities", physics=False)


@pytest.fixture()
def chart(browser: Browser, community_page: Path) -> Iterator[tuple[Page, PageLog]]:
    with offline_page(browser, community_page) as opened:
        yield opened


def canvas_point(page: Page, node: str) -> tuple[float, float]:
    """The page coordinates of a node's centre."""
    box = page.locator("#lc-network").bounding_box()
    assert box is not None
    p = page.evaluate("id => linkchart.nodeDOMPosition(id)", node)
    return box["x"] + p["x"], box["y"] + p["y"]


def test_fixed_positions_are_drawn_without_any_physics(chart: tuple[Page, PageLog]) -> None:
    page, log = chart
    assert page.evaluate("linkchart.stabilizationEvents") == 0
    assert page.evaluate("linkchart.stabilized") is False
    assert page.evaluate("linkchart.network.physics.options.enabled") is False
    moved = page.evaluate("""() => linkchart.data.nodes.filter(n => {
        const p = linkchart.network.getPositions([n.id])[n.id];
        return Math.abs(p.x - n.x) > 1 || Math.abs(p.y - n.y) > 1; }).length""")
    assert moved == 0
    assert log.errors == [] and log.external_requests == []


def test_live_layout_page_runs_physics(browser: Browser, tmp_path: Path) -> None:
    from viz import render_html

    out = render_html(build_community_graph(2, 10, 2), tmp_path / "live.html", physics=True)
    with offline_page(browser, out) as (page, log):
        assert page.evaluate("linkchart.stabilizationEvents") > 0
        assert page.evaluate("linkchart.stabilized") is True
        assert log.errors == []


def next_frame(page: Page) -> None:
    """Wait until the browser has drawn two more frames."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@pytest.mark.parametrize("node", ["person:g0-0", "person:g3-17", "place:alone-5"])
def test_a_click_opens_the_entity_under_the_pointer_and_redraws_only_the_focus(
    chart: tuple[Page, PageLog], node: str
) -> None:
    page, log = chart
    page.evaluate(
        "id => linkchart.network.moveTo({position: linkchart.network.getPositions([id])[id], scale: 1})", node
    )
    next_frame(page)
    label = page.evaluate("id => linkchart.data.nodes.find(n => n.id === id).label", node)
    full = page.evaluate("linkchart.fullDraws")
    page.mouse.click(*canvas_point(page, node))
    assert page.evaluate("linkchart.focus()") == {"kind": "node", "id": node}
    assert page.locator("#lc-details h2").inner_text() == label
    next_frame(page)
    # the veil and the neighbourhood are drawn over the kept chart: no full redraw
    assert page.evaluate("linkchart.fullDraws") == full
    assert page.evaluate("linkchart.quickDraws") > 0
    page.mouse.click(*canvas_point(page, node))  # again: still the same entity
    assert page.evaluate("linkchart.focus()") == {"kind": "node", "id": node}
    assert log.errors == []


def test_importance_sets_size_and_which_labels_show_at_each_zoom(chart: tuple[Page, PageLog]) -> None:
    page, _ = chart
    hubs = set(page.evaluate("linkchart.hubs()"))
    assert len(hubs) == 5 and hubs <= {f"person:g{c}-0" for c in range(6)}  # top 1%, at least 5
    size = "id => linkchart.network.body.nodes[id].options.size"
    leaf, alone = "person:g2-13", "place:alone-3"
    assert page.evaluate(size, "person:g2-0") > page.evaluate(size, leaf) > page.evaluate(size, alone)
    labelled = set(page.evaluate("linkchart.labelledIds()"))
    assert hubs <= labelled  # the most important are labelled at the fitted view...
    assert leaf not in labelled and alone not in labelled  # ...the rest wait for a zoom
    assert 20 < len(labelled) < 100
    fitted = page.evaluate("linkchart.network.getScale()")
    page.evaluate(
        """([id, s]) => linkchart.network.moveTo(
            {position: linkchart.network.getPositions([id])[id], scale: s})""",
        [leaf, fitted * 8],
    )
    next_frame(page)
    assert leaf in page.evaluate("linkchart.labelledIds()")
    page.evaluate("s => linkchart.network.moveTo({scale: s})", fitted / 4)
    next_frame(page)
    assert set(page.evaluate("linkchart.labelledIds()")) == hubs  # zoomed out: the hubs only


def test_colour_by_community_and_the_communities_listed_with_their_top_entities(
    chart: tuple[Page, PageLog],
) -> None:
    page, log = chart
    communities = page.evaluate("linkchart.communities()")
    assert sorted(len(c) for c in communities) == [40] * 6
    assert all(c[0].endswith("-0") for c in communities)  # each led by its hub
    person = page.evaluate("linkchart.nodeColour('person:g0-1')")
    assert page.evaluate("linkchart.nodeColour('person:g1-1')") == person  # by type: all people alike
    page.select_option("#lc-colour", "community")
    colours = {
        page.evaluate("id => linkchart.nodeColour(id)", c[1]) for c in communities
    }  # one colour per community
    assert len(colours) == 6 and person not in colours
    same = {page.evaluate("id => linkchart.nodeColour(id)", i) for i in communities[0][:10]}
    assert len(same) == 1
    rows = page.locator("#lc-communities li")
    assert rows.count() == 6
    first = rows.first.inner_text()
    assert "Community 1 · 40 entities" in first
    hub = page.evaluate("id => linkchart.data.nodes.find(n => n.id === id).label", communities[0][0])
    assert hub in first
    rows.first.locator(".lc-name-link").first.click()  # a top entity opens its panel
    assert page.evaluate("linkchart.focus()") == {"kind": "node", "id": communities[0][0]}
    page.select_option("#lc-colour", "type")
    assert page.evaluate("linkchart.nodeColour('person:g1-1')") == person
    assert log.errors == []


def test_a_community_collapses_into_one_node_and_expands_again(chart: tuple[Page, PageLog]) -> None:
    page, log = chart
    members = page.evaluate("linkchart.communities()[2]")
    before = set(page.evaluate("linkchart.visibleNodeIds()"))
    page.click("#lc-cluster-2")
    shown = set(page.evaluate("linkchart.visibleNodeIds()"))
    assert "lc-community:2" in shown and not shown & set(members)
    assert len(shown) == len(before) - len(members) + 1
    assert page.locator("#lc-cluster-2").inner_text() == "Expand"
    next_frame(page)
    page.mouse.click(*canvas_point(page, "lc-community:2"))  # its panel
    assert "Community 3" in page.locator("#lc-details").inner_text()
    page.mouse.dblclick(*canvas_point(page, "lc-community:2"))  # double-click: open again
    assert set(page.evaluate("linkchart.visibleNodeIds()")) == before
    assert page.locator("#lc-cluster-2").inner_text() == "Collapse"
    page.click("#lc-cluster-2")  # the list's button expands it too
    page.click("#lc-cluster-2")
    assert set(page.evaluate("linkchart.visibleNodeIds()")) == before
    page.click("#lc-cluster-4")
    page.evaluate("id => linkchart.focusNode(id)", "person:g4-7")
    assert "lc-community:4" not in page.evaluate("linkchart.visibleNodeIds()")  # focus opens it
    assert page.evaluate("linkchart.focus()") == {"kind": "node", "id": "person:g4-7"}
    assert log.errors == []


@pytest.fixture(scope="module")
def han_dong_page(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``linkchart html --focus "Han Dong"`` on the seeds: a cut page carrying its next ring."""
    from click.testing import CliRunner

    from linkchart.cli import main

    out = tmp_path_factory.mktemp("focus") / "han.html"
    result = CliRunner().invoke(main, ["html", str(out), "--focus", "Han Dong", "--db", str(seeds_db)])
    assert result.exit_code == 0, result.output
    return out


def test_focus_opens_on_the_named_entity_and_a_double_click_shows_its_hidden_ring(
    browser: Browser, han_dong_page: Path
) -> None:
    with offline_page(browser, han_dong_page) as (page, log):
        assert page.evaluate("linkchart.focus()") == {"kind": "node", "id": "person:han-dong"}
        assert page.locator("#lc-details h2").inner_text() == "Han Dong"
        hidden = page.locator("#lc-hidden").inner_text()
        assert "only the neighbourhood of Han Dong, 1 link out (--focus, --depth)" in hidden
        assert "one link further are in the page, hidden" in hidden
        before = set(page.evaluate("linkchart.visibleNodeIds()"))
        neighbour = page.evaluate("""() => linkchart.data.nodes.filter(n => !n.ring)
            .map(n => n.id).find(id => linkchart.hiddenNeighbours(id).length > 0)""")
        carried = set(page.evaluate("id => linkchart.hiddenNeighbours(id)", neighbour))
        assert carried and not carried & before
        page.evaluate("id => linkchart.focusNode(id)", neighbour)
        page.wait_for_function(
            """id => { const v = linkchart.network.getViewPosition();
            const p = linkchart.network.getPositions([id])[id];
            return Math.hypot(v.x - p.x, v.y - p.y) < 2; }""",
            arg=neighbour,
            timeout=3000,
        )
        assert "hidden neighbour" in page.locator("#lc-details").inner_text()
        page.mouse.dblclick(*canvas_point(page, neighbour))  # a real double-click: show them
        shown = set(page.evaluate("linkchart.visibleNodeIds()"))
        assert shown == before | carried
        assert "shown from the hidden ring" in page.locator("#lc-details").inner_text()
        assert f"({len(carried)} shown)" in page.locator("#lc-hidden").inner_text()
        page.mouse.dblclick(*canvas_point(page, neighbour))  # again: fold them
        assert set(page.evaluate("linkchart.visibleNodeIds()")) == before
        assert log.errors == [] and log.external_requests == []


def test_the_weight_slider_and_the_isolated_switch_filter_in_the_page(chart: tuple[Page, PageLog]) -> None:
    page, log = chart
    total = page.evaluate("linkchart.visibleNodeIds().length")
    links = page.evaluate("linkchart.visibleEdgeIds().length")
    page.check("#lc-hide-isolated")
    assert page.evaluate("linkchart.visibleNodeIds().length") == total - 12
    assert "Hidden by the filters above: 12 entities, 0 links" in page.locator("#lc-hidden").inner_text()
    page.uncheck("#lc-hide-isolated")
    page.locator("#lc-weight").fill("2")  # the third stop: weight at least 2
    assert page.locator("#lc-weight-value").inner_text() == "2"
    strong = page.evaluate("linkchart.data.edges.filter(e => e.weight >= 2).length")
    assert 0 < strong < links and page.evaluate("linkchart.visibleEdgeIds().length") == strong
    nodes = set(page.evaluate("linkchart.visibleNodeIds()"))
    assert {f"place:alone-{i}" for i in range(12)} <= nodes  # isolated ones stay unless switched off
    page.click("#lc-reset")
    assert page.evaluate("linkchart.visibleEdgeIds().length") == links
    assert log.errors == []


def test_hostile_names_and_sentences_stay_inert_in_every_new_panel(browser: Browser, tmp_path: Path) -> None:
    import networkx as nx

    from tests.viz.sample_graphs import (
        XSS_ALIAS,
        XSS_LABEL,
        XSS_QUOTE,
        XSS_SENTENCE,
        add_co_mention,
        add_entity,
        build_evil_graph,
    )
    from viz import render_html

    G = build_evil_graph()
    ring = nx.MultiDiGraph(documents=G.graph["documents"])
    add_entity(ring, "person:evil", XSS_LABEL, 3, ["x1"])
    add_entity(ring, "person:beyond", XSS_ALIAS, 1, ["x1"], roles=[XSS_QUOTE])
    add_co_mention(ring, "person:evil", "person:beyond", [("x1", XSS_SENTENCE)])
    cut = {"reasons": [f"only the neighbourhood of {XSS_LABEL}, 1 link out (--focus, --depth)"], "ring": 1}
    cut |= {"entities": 4, "links": 3, "not_carried": 0, "per_entity": 10, "limit": 1000}
    out = render_html(G, tmp_path / "evil.html", physics=False, ring=ring, cut=cut, focus="person:evil")
    with offline_page(browser, out) as (page, log):
        assert page.evaluate("linkchart.focus()") == {"kind": "node", "id": "person:evil"}
        assert XSS_LABEL in page.locator("#lc-hidden").inner_text()
        page.select_option("#lc-colour", "community")
        assert XSS_LABEL in page.locator("#lc-communities").inner_text()
        page.click("#lc-cluster-0")
        next_frame(page)
        page.mouse.click(*canvas_point(page, "lc-community:0"))
        assert XSS_LABEL in page.locator("#lc-details").inner_text()
        page.click("#lc-cluster-expand")
        page.evaluate("linkchart.toggleRing('person:evil')")
        page.evaluate("linkchart.focusNode('person:beyond')")
        assert XSS_ALIAS in page.locator("#lc-details").inner_text()
        page.evaluate("linkchart.focusNode('person:evil')")
        assert "shown from the hidden ring" in page.locator("#lc-details").inner_text()
        edge = page.evaluate("linkchart.data.edges.find(e => e.ring).id")
        page.evaluate("id => linkchart.selectEdge(id)", edge)
        assert XSS_SENTENCE in page.locator("#lc-details").text_content()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        tags = page.evaluate("""() => Array.from(document.querySelectorAll('img, iframe, svg script, b, i'))
            .map(e => e.tagName)""")
        assert tags == []
        assert page.locator("script").count() == 3
        assert log.dialogs == [] and log.errors == [] and log.external_requests == []
