"""HTML explorer in headless Chromium: file size, time to interactive, click → panel, frames.

Pages of 500, 2,000 and 5,000 entities are written through the library (``graph.query.layout``
then ``viz.render_html``, as ``linkchart html`` does; 5,000 entities is past the CLI's
drawing limit) from ``bench/synthetic.py`` graphs with the issue's link counts, and opened
in the system Chromium (Playwright, ``executable_path``; the network blocked), each
``--repeats`` times in a fresh tab:

- time to interactive: navigation start → the end of the first full drawing of the chart
  (data parsed, controls live, every entity and link drawn), the page's own
  ``performance.now()``;
- click → panel: a real mouse click on an entity (the view centred on it at 4 × the fitted
  zoom) → the frame after its panel is filled, for a typical entity (the median importance
  among those not covered by another at their centre) and the biggest hub; the table says
  whether every click opened the entity under the pointer;
- frames per second while the page is zoomed by wheel events (60 frames) and then panned
  (60 frames), one step per animation frame: drawn frames ÷ seconds.

    python bench/html_browser.py [--quick] [--repeats R] [--sizes 500,2000,5000]
    python bench/html_browser.py --screenshot docs/explorer-2000.png   # also a 2,000-entity shot
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import machine, table, tmpdir

#: Links per size, as in the issue's "before" table (5,000 / 22,500 there too).
LINKS = {500: 7_750, 2_000: 15_000, 5_000: 22_500}

CLICK = """() => {
    const api = window.linkchart;
    api.panelPaintedAt = 0;
    const start = performance.now();
    window.__lcClick = new Promise(resolve => {
        const wait = () => api.panelPaintedAt ? resolve([api.panelPaintedAt - start,
            api.focus() && api.focus().id]) : requestAnimationFrame(wait);
        requestAnimationFrame(wait);
    });
}"""

PICK = """scale => {
    const net = linkchart.network;
    const onTop = id => {
        net.moveTo({position: net.getPositions([id])[id], scale: scale});
        return net.getNodeAt(linkchart.nodeDOMPosition(id)) === id;
    };
    const nodes = linkchart.data.nodes.filter(n => n.importance > 0 && !n.ring)
        .sort((a, b) => a.importance - b.importance);
    const middle = Math.floor(nodes.length / 2);
    let typical = nodes[middle].id;
    for (let step = 0; step < nodes.length; step++) {
        const i = middle + (step % 2 ? -1 : 1) * Math.ceil(step / 2);
        if (i >= 0 && i < nodes.length && onTop(nodes[i].id)) { typical = nodes[i].id; break; }
    }
    return [typical, nodes[nodes.length - 1].id];
}"""

FRAMES = """async () => {
    const api = window.linkchart, net = api.network;
    const canvas = document.querySelector('#lc-network canvas');
    const box = canvas.getBoundingClientRect();
    let drawn = 0;
    const count = () => { drawn += 1; };
    net.on('afterDrawing', count);
    const start = performance.now();
    for (let i = 0; i < 120; i++) {
        await new Promise(r => requestAnimationFrame(r));
        if (i < 60) {
            canvas.dispatchEvent(new WheelEvent('wheel', {deltaY: (i % 30) < 15 ? -120 : 120,
                clientX: box.left + box.width / 2, clientY: box.top + box.height / 2,
                bubbles: true, cancelable: true}));
        } else {
            const p = net.getViewPosition();
            net.moveTo({position: {x: p.x + 40 / net.getScale(), y: p.y + 25 / net.getScale()}});
        }
    }
    await new Promise(r => requestAnimationFrame(r));
    const seconds = (performance.now() - start) / 1000;
    net.off('afterDrawing', count);
    return drawn / seconds;
}"""


def write_pages(sizes: list[int], folder: Path) -> dict[int, tuple[Path, int]]:
    """One page per size, written as ``linkchart html`` writes them (layout computed here)."""
    from synthetic import synthetic_graph

    from graph.query import chart_layout
    from viz import render_html

    pages = {}
    for n in sizes:
        G = synthetic_graph(n, LINKS.get(n, int(n * 4.5)), seed=n, evidence="seeds")
        out = folder / f"explorer-{n}.html"
        render_html(G, out, title=f"{n:,} entities", physics=False, layout=chart_layout(G))
        pages[n] = (out, G.number_of_edges())
    return pages


def take_screenshot(page_path: Path, out: Path) -> None:
    """The page at 1200 × 760, an entity with a few dozen links clicked (the README's picture)."""
    from tests.viz.browser import chromium, offline_page

    with chromium() as browser, offline_page(browser, page_path) as (page, log):
        page.set_viewport_size({"width": 1200, "height": 760})
        page.evaluate("linkchart.network.fit({animation: false})")
        chosen = page.evaluate("""() => linkchart.data.nodes.filter(n => !n.ring)
            .sort((a, b) => b.importance - a.importance)[60].id""")
        page.evaluate("id => linkchart.focusNode(id, false)", chosen)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        page.screenshot(path=str(out))
        assert not log.errors and not log.external_requests, (log.errors, log.external_requests)


def measure(page_path: Path, repeats: int) -> dict:
    """Open the page ``repeats`` times; return the medians and the ranges."""
    from tests.viz.browser import chromium, offline_page

    ready, typical, hub, fps, right = [], [], [], [], []
    with chromium() as browser:
        for _ in range(repeats):
            with offline_page(browser, page_path) as (page, log):
                page.wait_for_function("() => linkchart.drawnAt > 0")
                ready.append(page.evaluate("linkchart.drawnAt") / 1000)
                fitted = page.evaluate("linkchart.network.getScale()")
                ids = page.evaluate(PICK, fitted * 4)
                for node, into in zip(ids, (typical, hub), strict=True):
                    page.evaluate(
                        """([id, s]) => linkchart.network.moveTo(
                        {position: linkchart.network.getPositions([id])[id], scale: s})""",
                        [node, fitted * 4],
                    )
                    page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
                    box = page.locator("#lc-network").bounding_box()
                    p = page.evaluate("id => linkchart.nodeDOMPosition(id)", node)
                    page.evaluate(CLICK)
                    page.mouse.click(box["x"] + p["x"], box["y"] + p["y"])
                    seconds, opened = page.evaluate("() => window.__lcClick")
                    into.append(seconds / 1000)
                    right.append(opened == node)
                    page.evaluate("linkchart.clearFocus()")
                page.evaluate("linkchart.network.fit({animation: false})")
                fps.append(page.evaluate(FRAMES))
                assert not log.errors and not log.external_requests, (log.errors, log.external_requests)
    return {
        "ready": ready,
        "typical": typical,
        "hub": hub,
        "fps": fps,
        "right": all(right),
    }


def spread(values: list[float], digits: int = 2) -> str:
    """min–median (max) of a few runs, as the issue's table gives them."""
    low, mid = min(values), statistics.median(values)
    return f"{low:.{digits}f}–{mid:.{digits}f}" if len(values) > 1 else f"{mid:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="500 and 2,000 entities, one load each")
    parser.add_argument("--repeats", type=int, help="page loads per size (default 3, quick 1)")
    parser.add_argument("--sizes", help="comma-separated entity counts (default 500,2000,5000)")
    parser.add_argument("--screenshot", type=Path, help="save the first 2,000-entity load's screenshot here")
    args = parser.parse_args()
    repeats = args.repeats or (1 if args.quick else 3)
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else [500, 2000]
        if args.quick
        else [500, 2000, 5000]
    )
    folder = tmpdir("html-browser")
    rows = []
    try:
        pages = write_pages(sizes, folder)
        for n, (path, links) in pages.items():
            if args.screenshot and n == 2000:
                take_screenshot(path, args.screenshot)
            m = measure(path, repeats)
            rows.append(
                [
                    f"{n:,} / {links:,}",
                    f"{path.stat().st_size / 2**20:.1f} MB",
                    spread(m["ready"]) + " s",
                    f"{spread([t * 1000 for t in m['typical']], 0)} · "
                    f"{spread([t * 1000 for t in m['hub']], 0)} ms" + ("" if m["right"] else ", wrong node"),
                    spread(m["fps"], 0),
                ]
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        table(
            ["entities / links", "file", "interactive", "click → panel (typical · hub)", "frames/s zoom+pan"],
            rows,
            title=f"linkchart html in headless Chromium (min–median of {repeats} loads)",
        )
    )
    print()
    print(machine())


if __name__ == "__main__":
    main()
