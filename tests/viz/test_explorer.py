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
