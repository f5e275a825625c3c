"""The real seeds, through the real CLI, in the real browser (network blocked)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

from graph.store import Store
from linkchart.cli import main
from tests.viz.browser import PageLog, offline_page
from tests.viz.test_page import counts, edge_id, hover_edge, hover_node

pytestmark = pytest.mark.browser


def write_html(db: Path, out: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["html", str(out), "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seeds_page(browser: Browser, seeds_db: Path, tmp_path_factory) -> Iterator[tuple[Page, PageLog]]:
    html = write_html(seeds_db, tmp_path_factory.mktemp("html") / "seeds.html")
    with offline_page(browser, html) as opened:
        yield opened


def test_seeds_page_draws_the_whole_graph_offline(seeds_page, seeds_db: Path):
    page, log = seeds_page
    with Store(seeds_db) as store:
        G = store.graph.load()
    main = sum(1 for _, _, k in G.edges(keys=True) if k in ("co-mention", "assertion"))
    assert counts(page) == (G.number_of_nodes(), main)  # the co-mention windows only when asked
    assert log.external_requests == [] and log.errors == [] and log.dialogs == []


def test_hovering_an_assertion_shows_its_quote_and_source(seeds_page):
    page, _ = seeds_page
    page.evaluate("linkchart.clearFocus()")
    page.evaluate("linkchart.setLayer('co-mention', false)")  # no co-mention line over the midpoint
    try:
        eid = edge_id(page, "person:han-dong", "person:michael-spavor", "assertion")
        text = hover_edge(page, eid)
    finally:
        page.evaluate("linkchart.setLayer('co-mention', true)")
    assert "I raised the status of Michael Spavor" in text
    assert "24CA News" in text


def test_outlet_filter_keeps_only_that_outlets_links(seeds_page):
    page, _ = seeds_page
    page.evaluate("linkchart.setSource('outlet:The Canadian Press')")
    shown = page.evaluate("linkchart.visibleEdgeIds().map(id => linkchart.data.edges.find(e => e.id === id))")
    assert shown and all("The Canadian Press" in e["outlets"] for e in shown)
    page.evaluate("linkchart.setSource('')")


def test_focus_and_path_options(browser: Browser, seeds_db: Path, tmp_path: Path):
    with Store(seeds_db) as store:
        G = store.graph.load()
    focus = write_html(seeds_db, tmp_path / "focus.html", "--focus", "Han Dong")
    with offline_page(browser, focus) as (page, log):
        nodes, _ = counts(page)
        main = ("co-mention", "assertion")  # the co-mention windows only when asked
        near = {v for _, v, k in G.out_edges("person:han-dong", keys=True) if k in main}
        near |= {u for u, _, k in G.in_edges("person:han-dong", keys=True) if k in main}
        assert nodes == 1 + len(near)
        assert not log.errors
    path = write_html(seeds_db, tmp_path / "path.html", "--path", "Han Dong", "Meng Wanzhou")
    with offline_page(browser, path) as (page, log):
        highlighted = page.evaluate("linkchart.data.highlight")
        assert (
            highlighted["nodes"][0] == "person:han-dong" and highlighted["nodes"][-1] == "person:meng-wanzhou"
        )
        assert len(highlighted["edges"]) >= len(highlighted["nodes"]) - 1
        assert not log.errors


def test_too_large_selection_is_refused_with_advice(seeds_db: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr("graph.query.drawing.MAX_DRAWN_NODES", 10)  # the seeds stand in for a big corpus
    result = CliRunner().invoke(main, ["html", str(tmp_path / "x.html"), "--db", str(seeds_db)])
    assert result.exit_code == 2
    assert "--focus NAME, --max-nodes N or --min-weight N" in result.output
    assert not (tmp_path / "x.html").exists()


HOSTILE = (
    "Michael Chong said <script>window.__pwned = 1</script> that Erin O’Toole was right. "
    'Michael Chong told Global News that <img src=x onerror="window.__pwned = 2"> and '
    "javascript:window.__pwned=3 and </textarea> and {{constructor.constructor('window.__pwned=4')()}} "
    "were in the Erin O’Toole memo.\n"
)


def test_hostile_article_renders_as_text_end_to_end(browser: Browser, tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text("Hostile headline <b>bold</b>\n" + HOSTILE * 2, "utf-8")
    db = tmp_path / "h.db"
    assert CliRunner().invoke(main, ["build", str(corpus), "--db", str(db)]).exit_code == 0
    html = write_html(db, tmp_path / "hostile.html")
    with offline_page(browser, html) as (page, log):
        eid = page.evaluate(
            "linkchart.data.edges.find(e => linkchart.data.nodes.find(n => n.id === e.from).label"
            " .includes('Chong')).id"
        )
        text = hover_edge(page, eid)
        assert "<script>window.__pwned = 1</script>" in text or "onerror" in text
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('img[src=x], b').length") == 0
        assert not log.dialogs and not log.errors and not log.external_requests


LONG_NAMES = (
    "International Bank for Reconstruction and Development",
    "Maria Magdalena Alexandra von Hohenzollern-Sigmaringen",
)
LONG_ARTICLE = (
    "Regulator fines payments firm\n\n"
    f"Markus Braun, the former chief executive of Wirecard, said the {LONG_NAMES[0]} knew nothing "
    "about the missing money.\n\n"
    f"{LONG_NAMES[1]} told Reuters that Markus Braun had acted late.\n"
)
#: Whether an element shows all its text: nothing overflows it, and it lies inside the window.
SHOWN_WHOLE = """el => {
    const box = el.getBoundingClientRect();
    return el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight
        && box.left >= 0 && box.top >= 0
        && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
}"""


def test_long_names_are_shown_whole_on_the_chart_in_the_tooltip_and_panel(
    browser: Browser, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(LONG_ARTICLE, "utf-8")
    db = tmp_path / "long.db"
    assert CliRunner().invoke(main, ["build", str(corpus), "--db", str(db)]).exit_code == 0
    html = write_html(db, tmp_path / "long.html")
    with offline_page(browser, html) as (page, log):
        ids = page.evaluate(
            "names => names.map(n => linkchart.data.nodes.find(x => x.label === n).id)", LONG_NAMES
        )
        for name, nid in zip(LONG_NAMES, ids, strict=True):
            assert page.evaluate("id => linkchart.nodes.get(id).label", nid) == name
            lines = page.evaluate(  # the lines vis draws on the canvas: wrapped, never cut
                "id => linkchart.network.body.nodes[id].labelModule.lines"
                ".map(l => l.blocks.map(b => b.text).join(''))",
                nid,
            )
            assert "".join(lines).replace(" ", "") == name.replace(" ", "")

            assert name in hover_node(page, nid)
            head = page.locator("#lc-tooltip .lc-head")
            assert head.inner_text() == name and head.evaluate(SHOWN_WHOLE)
            assert page.locator("#lc-tooltip").evaluate(SHOWN_WHOLE)

            page.evaluate("id => linkchart.focusNode(id, false)", nid)
            heading = page.locator("#lc-details h2")
            assert heading.inner_text() == name and heading.evaluate(SHOWN_WHOLE)

            page.fill("#lc-search", name.split()[-1])
            result = page.locator("#lc-results li button").first
            assert name in result.inner_text() and result.evaluate(SHOWN_WHOLE)
            page.press("#lc-search", "Escape")
        assert not log.errors
