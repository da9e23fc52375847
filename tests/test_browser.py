"""The report site in a real browser: Debian's headless Chromium, driven by Playwright (which never downloads
a browser here: it launches /usr/bin/chromium), opens the pages from disk after a real run. No console
error, no request that leaves file://, the charts drawn, and an article title holding <script> shown as text.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import cli

from conftest import FIXTURES, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no chromium on this machine (apt-get install -y chromium): browser tests skipped", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE_TITLE = "<script>document.title = 'ran'</script> Ministers meet in Oslo"
# written for this test in the style of a readout
HOSTILE_ARTICLE = (f"{HOSTILE_TITLE}\n\nForeign Minister Ana Lind of Norway met Foreign Minister Bo Chen of China in "
                   "Oslo on Monday. The two ministers discussed fisheries and shipping. Lind said the talks were "
                   "productive.\n")


@dataclass
class Visit:
    """What one page did in the browser."""
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    profile = tempfile.mkdtemp(dir=tmp_path_factory.mktemp("chromium"))
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS, viewport={"width": 1200, "height": 900})
        yield context
        context.close()


@pytest.fixture(scope="module")
def site(prefect_server, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real run on the seed, six White House and Wikinews fixtures and a hostile article: the run itself
    writes the site and prints where."""
    folder = tmp_path_factory.mktemp("browser")
    inputs = folder / "inputs"
    inputs.mkdir()
    shutil.copytree(SEEDS, inputs / "seeds")
    shutil.copy(FIXTURES / "articles.jsonl", inputs)
    (inputs / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    warehouse = folder / "w.duckdb"
    result = CliRunner().invoke(cli, ["run", str(inputs), "--warehouse", str(warehouse)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    index = folder / "reports" / "w" / "index.html"
    assert f"  report: {index.resolve()}" in result.output.splitlines()
    return index, warehouse


def visit(browser, url: str, screenshot: Path, ready: str = "main") -> tuple:
    page = browser.new_page()
    seen = Visit()
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith("file://") else seen.outside.append(request.url))
    page.goto(url)
    page.wait_for_selector(ready, timeout=60_000)
    page.screenshot(path=str(screenshot), full_page=True)
    return page, seen


def test_browser_index_draws_the_timeline_and_the_network(browser, site, tmp_path: Path) -> None:
    index, _ = site
    page, seen = visit(browser, index.as_uri(), tmp_path / "index.png",
                       '#timeline[data-drawn="true"] >> nth=0')
    page.wait_for_selector('#network[data-drawn="true"]')
    assert page.locator("#timeline g.trace.bars path").count() > 0
    nodes = page.locator("#network g.trace.scatter path.point")
    assert nodes.count() >= 4
    everything = int(page.get_attribute("#timeline", "data-events"))
    months = page.get_attribute("#timeline-filters input[name=to]", "max")
    for field, choose in (("kind", lambda f: page.select_option(f, index=1)),
                          ("country", lambda f: page.select_option(f, index=1)),
                          ("actor", lambda f: page.select_option(f, index=1)),
                          ("from", lambda f: page.fill(f, months))):
        choose(f"#timeline-filters [name={field}]")
        page.dispatch_event(f"#timeline-filters [name={field}]", "change")
        page.wait_for_function(f"document.getElementById('timeline').dataset.events !== '{everything}'")
        assert int(page.get_attribute("#timeline", "data-events")) < everything, field
        page.click("#timeline-filters button[type=reset]")
        page.wait_for_function(f"document.getElementById('timeline').dataset.events === '{everything}'")
    assert seen.errors == [] and seen.outside == []
    page.close()


def test_browser_a_click_on_an_actor_opens_its_page(browser, site, tmp_path: Path) -> None:
    index, _ = site
    page, seen = visit(browser, index.as_uri(), tmp_path / "before.png", '#network[data-drawn="true"]')
    node = page.locator("#network g.trace.scatter path.point").last  # the last trace holds actors, not lines
    node.scroll_into_view_if_needed()
    box = node.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert "/actors/" in page.url
    page.wait_for_selector('[data-chart="figure"][data-drawn="true"], main:not(:has([data-chart]))')
    page.screenshot(path=str(tmp_path / "actor.png"), full_page=True)
    assert seen.errors == [] and seen.outside == []
    page.close()


def test_browser_event_page_shows_a_script_title_as_text(browser, site, tmp_path: Path) -> None:
    index, warehouse = site
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (event_id,), = con.execute("SELECT m.event_id FROM meetings m JOIN documents d USING (doc_id) "
                                   "WHERE d.title LIKE '<script>%' LIMIT 1").fetchall()
    page, seen = visit(browser, (index.parent / "events" / f"{event_id}.html").as_uri(), tmp_path / "event.png")
    assert HOSTILE_TITLE in page.inner_text("article.report header")
    assert page.title() != "ran"  # the article's script never ran
    assert page.locator("article.report mark").count() == 1
    assert seen.errors == [] and seen.outside == []
    page.close()


@pytest.mark.parametrize("name", ["quality.html", "events/index.html", "actors/index.html"])
def test_browser_other_pages_open_without_errors(browser, site, tmp_path: Path, name: str) -> None:
    index, _ = site
    page, seen = visit(browser, (index.parent / name).as_uri(), tmp_path / "page.png", "h1")
    assert page.locator("table").count() > 0
    assert seen.errors == [] and seen.outside == []
    page.close()
