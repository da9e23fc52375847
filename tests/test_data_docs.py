"""Great Expectations Data Docs: each gate's results stored in a file data context beside the warehouse, one
validation result per table and run however many parts the gate validated, rendered by GX, kept bounded."""
from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import cli
from warehouse import audit, data_docs, db, events

from conftest import SEEDS
from test_audit import staged_batch
from warehouse.frames import frame


def gate_checks(path: Path, monkeypatch: pytest.MonkeyPatch | None = None, part_rows: int | None = None) -> dict:
    """The gate's results on test_audit's batch (with one more meeting whose status is markup), optionally
    validated in parts of `part_rows` rows."""
    if part_rows is not None:
        monkeypatch.setattr(audit, "PART_ROWS", part_rows)
    batch = staged_batch()
    markup = batch["meetings"].iloc[[0]].assign(meeting_id="markup", status="<script>alert(1)</script>")
    batch["meetings"] = frame("meetings", batch["meetings"].to_dict("records") + markup.to_dict("records"))
    with db.writable_copy(path) as con:
        db.start_staging(con)
        db.stage(con, batch)
        events.resolve(con, "run1")
        return audit.gate(con, "run1", 0.9).checks


def counts(checks: dict) -> dict:
    return {(table, check_name): (r["success"], r["result"].get("element_count"), r["result"].get("unexpected_count"))
            for table, check in checks.items() for check_name, r in check.gx.items()}


def test_data_docs_parts_add_up_to_one_result_per_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = gate_checks(tmp_path / "whole.duckdb")
    parted = gate_checks(tmp_path / "parted.duckdb", monkeypatch, part_rows=1)
    assert parted["meetings"].parts > 1 and whole["meetings"].parts == 1
    assert counts(parted) == counts(whole)
    status = parted["meetings"].gx["status is one of held, planned, cancelled"]["result"]
    assert status["unexpected_count"] == 2 and not parted["meetings"].gx["status is one of held, planned, cancelled"]["success"]
    assert set(status["partial_unexpected_list"]) == {"rumoured", "&lt;script&gt;alert(1)&lt;/script&gt;"}
    for check in parted.values():  # nothing that grows with the rows is kept
        for result in check.gx.values():
            assert not set(data_docs.PER_ROW) & set(result["result"])


def test_data_docs_a_run_and_validate_leave_gx_pages(prefect_server, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--warehouse", str(warehouse)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    index = tmp_path / "gx" / "w" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert index == data_docs.index_page(warehouse) and f"data docs: {index}" in result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    run_id = con.execute("select run_id from runs").fetchall()[0][0]
    tables = {t for t, in con.execute("select distinct table_name from validation_results").fetchall()}
    con.close()
    page = index.read_text(encoding="utf-8")
    assert "Great Expectations" in page and f"'run_name': '{run_id}'" in page  # GX's own index lists the run
    results = list((tmp_path / "gx" / "w" / "uncommitted" / "validations").glob(f"*/{run_id}/*/*.json"))
    assert {p.parent.parent.parent.name for p in results} == tables  # one result per table
    before = {t: rows for t, rows in db.counts(duckdb.connect(str(warehouse), read_only=True)).items()}

    checked = CliRunner().invoke(cli, ["validate", "--warehouse", str(warehouse)], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output
    con = duckdb.connect(str(warehouse), read_only=True)
    validations = con.execute("select distinct run_id from validation_results where target = 'main'").fetchall()
    assert db.counts(con) == before  # validate changes no table but validation_results
    con.close()
    assert len(validations) == 1 and validations[0][0].startswith("validate-")
    assert f"'run_name': '{validations[0][0]}'" in index.read_text(encoding="utf-8")
    assert f"data docs: {index}" in checked.output


def test_data_docs_keep_the_last_runs_only(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    checks = gate_checks(warehouse)
    start = dt.datetime(2024, 2, 21, 9, 0)
    for n in range(4):
        data_docs.record(warehouse, checks, f"run{n}", start + dt.timedelta(hours=n), "staging", keep_runs=2)
    root = data_docs.root(warehouse)
    stored = {p.parent.parent.name for p in (root / "uncommitted" / "validations").rglob("*.json")}
    pages = {p.parent.parent.name for p in (data_docs.index_page(warehouse).parent / "validations").rglob("*.html")}
    assert stored == pages == {"run2", "run3"}
    assert not [p for p in (root / "uncommitted").rglob("*") if p.is_dir() and not any(p.iterdir())]


def test_data_docs_escape_values_from_the_rows(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    data_docs.record(warehouse, gate_checks(warehouse), "run1", dt.datetime(2024, 2, 21), "staging")
    page = next((data_docs.index_page(warehouse).parent / "validations" / "meetings").rglob("*.html"))
    html = page.read_text(encoding="utf-8")
    assert "rumoured" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_data_docs_index_lists_results_without_its_scripts(tmp_path: Path) -> None:
    """GX's index tables are drawn by scripts from CDNs; opened offline, the plain rows beside them remain."""
    warehouse = tmp_path / "w.duckdb"
    data_docs.record(warehouse, gate_checks(warehouse), "run1", dt.datetime(2024, 2, 21), "staging")
    html = data_docs.index_page(warehouse).read_text(encoding="utf-8")
    static = html.split('-static" class="table table-sm">', 1)[1].split("</table>", 1)[0]
    assert "failed" in static and "run1" in static and 'href="validations/meetings/run1/' in static


def test_data_docs_need_no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = tmp_path / "w.duckdb"
    checks = gate_checks(warehouse)

    def refuse(self: socket.socket, address) -> None:
        raise AssertionError(f"network access during Data Docs: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert data_docs.record(warehouse, checks, "run1", dt.datetime(2024, 2, 21), "staging").exists()
