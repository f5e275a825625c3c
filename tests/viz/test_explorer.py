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
