"""The report site, rendered from small warehouses written straight into `main` (tests/sitedata.py): every
article value escaped, the pages an analyst opens, paging, the quality page, and a run's cheap update."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import cli
from warehouse import db
from warehouse.site import build, charts
from warehouse.site.context import in_context
from warehouse.site.quality import data_docs_index

import sitedata
from conftest import read_only_folder
from sitedata import CLOSER, IMAGE, SCRIPT

JSON_BLOCK = re.compile(r'<script type="application/json" id="([^"]+)">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    warehouse = folder / "w.duckdb"
    sitedata.publish(warehouse, sitedata.hostile_rows())
    with db.read_only(warehouse) as con:
        built = build(con, warehouse)
    assert built.full and built.index == folder / "reports" / "w" / "index.html"
    return built.index.parent


def page(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def test_site_escapes_every_value_from_an_article(site: Path) -> None:
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert {"index.html", "quality.html", "events/e1.html", "actors/a1.html", "events/index.html"} <= set(pages)
    for name, text in pages.items():
        outside_json = JSON_BLOCK.sub("", text)
        assert SCRIPT not in text and IMAGE not in text, name
        assert "<script>" not in outside_json and "<!--" not in outside_json, name
        assert "javascript:" not in text, name  # an article's address becomes a link only when it is http(s)
    assert html.escape(SCRIPT, quote=False) in pages["events/e1.html"]  # the title shows, as text
    assert html.escape(IMAGE, quote=False) in pages["actors/a1.html"]
    assert html.escape(SCRIPT, quote=False) in pages["quality.html"]  # a rejected input's name


def test_site_json_for_charts_cannot_close_its_script(site: Path) -> None:
    blocks = dict(JSON_BLOCK.findall(page(site, "index.html")))
    assert {"timeline-data", "timeline-links", "network-data"} <= set(blocks)
    for name, block in blocks.items():
        assert "</" not in block and "<!--" not in block and "<" not in block, name
    timeline = json.loads(blocks["timeline-data"])
    assert f"Bo {CLOSER} Chen" in [name for _, name in timeline["actors"]]  # the value itself survives
    network = json.loads(blocks["network-data"])
    labels = [text for trace in network["data"] for text in trace.get("text", [])]
    assert html.escape(f"Bo {CLOSER} Chen") in labels  # Plotly reads tags in labels: they are escaped for it


def test_site_event_page_shows_reports_in_context_and_each_side(site: Path) -> None:
    text = page(site, "events/e1.html")
    assert "<mark>Ana Lind met Bo Chen in Oslo on Monday.</mark>" in text
    assert "The agenda listed &lt;b&gt;fisheries&lt;/b&gt;." in text  # the sentences around it, escaped
    assert "Officials said the talks were productive." in text
    assert "1 h 30 min" in text and "Norway (NOR)" in text and "fisheries &lt;script&gt;" in text
    assert 'class="mark anonymous"' in text and "via Xinhua &lt;img" in text
    assert "<q>productive &lt;script&gt;alert(1)&lt;/script&gt;</q>" in text  # the view's characterization
    assert "China (CHN)" in text and text.index("China (CHN)") < text.index("Norway (NOR)</h3>")
    assert 'followed by\n    <a href="../events/e2.html">' in text
    assert 'follows\n    <a href="../events/e1.html">' in page(site, "events/e2.html")


def test_site_actor_page_shows_events_claims_and_aliases(site: Path) -> None:
    text = page(site, "actors/a1.html")
    assert "Lind &lt;script&gt;" in text and "Foreign Minister &lt;script&gt;" in text
    assert text.count('href="../events/e') == 2 and "fish stocks matter" in text
    assert 'data-chart="figure"' in text


def test_site_quality_page_summary_failures_and_folded_passes(site: Path) -> None:
    text = page(site, "quality.html")
    summary = text.split('<section class="summary', 1)[1].split("</section>", 1)[0]
    assert "r1" in summary and "<th>inputs rejected</th><td>1</td>" in summary
    assert summary.startswith(' warn"')  # a run that rejected an input is not shown green
    failures = text.split('id="failures"', 1)[1]
    assert failures.index("status is one of held") < failures.index("<details>") < failures.index("meeting_id is unique")
    assert "meeting_id is present" in text.split('id="validate"', 1)[1]  # `communique validate`'s results
    assert re.search(r"<td>claims</td><td>speaker_actor_id</td><td class=\"num\">1</td><td class=\"num\">3</td>", text)
    assert '<tr class="fail"><td>r0</td>' in text and '<tr class="warn"><td>r1</td>' in text
    assert "Data Docs" not in text


def test_site_links_gx_data_docs_when_validate_built_them(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    sitedata.publish(warehouse, sitedata.hostile_rows())
    docs = data_docs_index(warehouse)
    docs.parent.mkdir(parents=True)
    docs.write_text("<html></html>")
    with db.read_only(warehouse) as con:
        site = build(con, warehouse, tmp_path / "elsewhere" / "site").index.parent
    link = re.search(r'<a href="([^"]+)">Great Expectations Data Docs</a>', page(site, "quality.html")).group(1)
    assert (site / link).resolve() == docs.resolve()


def test_site_long_lists_are_paged_not_cut(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    rows = sitedata.plain_rows(230)
    rows["quarantine.meetings"] = [{**m, "failed_checks": "char_start points into the text", "quarantine_run_id": "r1"}
                                   for m in sitedata.plain_rows(250, first=1000)["meetings"]]
    rows["runs"] = [sitedata.run("r1")]
    sitedata.publish(warehouse, rows)
    with db.read_only(warehouse) as con:
        site = build(con, warehouse).index.parent
    assert (site / "events/page-3.html").exists() and not (site / "events/page-4.html").exists()
    assert "Meeting 0<" in page(site, "events/page-3.html")  # the oldest event, on the last page
    assert page(site, "quality/quarantine-meetings-3.html").count("<tr>") == 50 + 1  # rows 201-250 and the head
    assert "<th>rows quarantined</th>" in page(site, "quality.html")
    assert "char_start points into the text</td><td class=\"num\">250" in page(site, "quality.html")


def test_site_index_stays_small_with_many_events(tmp_path: Path) -> None:
    """10,000 events: the index carries counts per group of events, never the events."""
    warehouse = tmp_path / "w.duckdb"
    sitedata.publish(warehouse, sitedata.plain_rows(10_000))
    with db.read_only(warehouse) as con:
        built = build(con, warehouse)
    index = built.index.read_text(encoding="utf-8")
    timeline = json.loads(dict(JSON_BLOCK.findall(index))["timeline-data"])
    assert sum(group[-1] for group in timeline["groups"]) == 10_000
    assert len(index) < 400_000 and "Meeting 4321" not in index
    assert (built.index.parent / "events/page-100.html").exists()


def test_site_a_run_rewrites_only_the_pages_it_changed(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    sitedata.publish(warehouse, sitedata.hostile_rows())
    with db.read_only(warehouse) as con:
        site = build(con, warehouse).index.parent
    untouched = (site / "events/e1.html").stat().st_mtime_ns
    later = sitedata.plain_rows(1, run_id="r2", first=7)
    sitedata.publish(warehouse, {**later, "runs": [sitedata.run("r2")]}, remove={"events": ["e2"]})
    with db.read_only(warehouse) as con:
        built = build(con, warehouse, run_id="r2")
    assert not built.full
    assert (site / "events/pe7.html").exists() and not (site / "events/e2.html").exists()
    assert (site / "events/e1.html").stat().st_mtime_ns == untouched
    assert "r2" in page(site, "quality.html") and "pe7.html" in page(site, "index.html")


@pytest.mark.parametrize(("before", "after", "whole", "expected"), [
    ("One. Two. Three. ", " Four. Five. Six.", (False, False), ("… Two. Three. ", " Four. Five. …")),
    ("start of one. Two. ", " Three.", (True, True), ("start of one. Two. ", " Three.")),
    ("art of a sentence. Two. ", " Three", (False, False), ("… Two. ", " Three …")),
    ("tail without an end ", "", (False, True), ("… tail without an end ", "")),
    ("Para one\nPara two. ", " Then.\nNext para.", (True, True), ("Para one\nPara two. ", " Then.\nNext para.")),
])
def test_site_context_keeps_whole_sentences(before: str, after: str, whole: tuple[bool, bool],
                                            expected: tuple[str, str]) -> None:
    shown = in_context(before, "Evidence.", after, *whole)
    assert (shown.before, shown.after) == expected and shown.evidence == "Evidence."


def test_site_timeline_counts_groups_of_events() -> None:
    facts = [charts.EventFacts("2024-01", "call", ["a", "b"], ["USA"]),
             charts.EventFacts("2024-01", "call", ["b", "a"], ["USA"]),
             charts.EventFacts("2024-03", "visit", ["a", "c"], ["FRA", "USA"]),
             charts.EventFacts(None, "call", ["a"], [])]
    data = charts.timeline(facts, {"a": "Ann", "b": "Bea"}, ["a", "b"], earliest_article="2025-02")
    assert data["months"] == ["2024-01", "2024-02", "2024-03"] and data["undated"] == 1
    assert data["view"] == ["2024-02", "2024-03"]  # from a year before the earliest article
    assert data["groups"] == [[0, 0, [0, 1], [1], 2], [2, 1, [0], [0, 1], 1]]
    assert data["actors"] == [["a", "Ann"], ["b", "Bea"]]


@pytest.mark.parametrize(("earliest", "view"), [
    (None, ["1964-01", "2024-05"]), ("2021-03", ["2020-03", "2024-05"]), ("2021-01", ["2020-01", "2024-05"]),
    ("1960-01", ["1964-01", "2024-05"]), ("2030-01", ["2024-05", "2024-05"]),
])
def test_site_timeline_starts_a_year_before_the_earliest_article(earliest: str | None, view: list[str]) -> None:
    assert charts.first_view(["1964-01", "2020-06", "2024-05"], earliest) == view


def test_site_network_layout_is_stable_and_inside_the_frame() -> None:
    edges = [(0, 1, 5), (1, 2, 1), (2, 0, 2), (3, 4, 1)]
    first, again = charts.spring_layout(6, edges), charts.spring_layout(6, edges)
    assert (first == again).all() and abs(first).max() == pytest.approx(1.0)
    assert len({(round(x, 3), round(y, 3)) for x, y in first}) == 6  # nobody sits on another


def test_site_report_command_output_and_read_only_folder(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    sitedata.publish(warehouse, sitedata.hostile_rows())
    result = CliRunner().invoke(cli, ["report", "--warehouse", str(warehouse), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str((tmp_path / "out" / "index.html").resolve())
    with read_only_folder(tmp_path, holding=(warehouse,)) as folder:
        result = CliRunner().invoke(cli, ["report", "--warehouse", str(folder / "w.duckdb")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        f"Error: cannot write the report site to {folder}/reports/w: Read-only file system; "
        "choose another folder with --output DIR"] or "Permission denied" in result.output
