"""A flow run explains itself on the Prefect server: a markdown summary, a table of failed checks, a link to the
report, its progress lines in its logs, and ids that lead from the warehouse's run to the flow run and back."""
from __future__ import annotations

import os
import signal
import subprocess
import uuid
from pathlib import Path

import duckdb

from flows import artifacts
from flows.inputs import Tally
from flows.summary import RunSummary
from warehouse.audit import GateResult, TableCheck

from conftest import ROOT, SEEDS
from test_operations import BIN, env, free_port, start_server


def test_artifacts_a_run_on_a_real_prefect_server_leaves_artifacts_logs_and_ids(tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, LogFilter, LogFilterFlowRunId
    from prefect.settings import PREFECT_API_URL, temporary_settings

    port = free_port()
    server = start_server(port, tmp_path)
    api = f"http://127.0.0.1:{port}/api"
    warehouse = tmp_path / "w.duckdb"
    try:
        run = subprocess.run([str(BIN / "communique"), "run", str(SEEDS), "--warehouse", str(warehouse)], cwd=ROOT,
                             env={**env(tmp_path), "PREFECT_API_URL": api}, capture_output=True, text=True,
                             timeout=600)
        assert run.returncode == 0, run.stdout + run.stderr
        # the terminal shows what it showed before: progress lines, and none of Prefect's own
        assert "1 documents extracted" in run.stderr and "validating staged rows" in run.stderr
        assert "Finished in state" not in run.stdout + run.stderr
        con = duckdb.connect(str(warehouse), read_only=True)
        run_id, flow_run_id = con.execute("select run_id, flow_run_id from runs").fetchall()[0]
        con.close()
        with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
            flow_run = client.read_flow_run(uuid.UUID(flow_run_id))
            found = client.read_artifacts(artifact_filter=ArtifactFilter(
                flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id])))
            logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run.id])))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert flow_run.name == f"run-{run_id}" and flow_run.state.is_completed()
    by_key = {a.key: a for a in found}
    assert set(by_key) == {"communique-w-run", "communique-w-failed-checks", "communique-w-report"}
    summary = by_key["communique-w-run"].data
    assert f"run {run_id}: completed" in summary and "| meetings | 5 |" in summary and "| new | 1 |" in summary
    assert by_key["communique-w-failed-checks"].type == "table"
    report = (tmp_path / "reports" / "w" / "index.html").as_uri()
    assert report in by_key["communique-w-report"].data
    messages = [log.message for log in logs]
    assert "1 documents extracted; this batch: 5 meetings, 11 claims" in messages
    assert "validating staged rows with Great Expectations ..." in messages


def summary_with_failures() -> RunSummary:
    check = TableCheck("meetings", 4, results=[
        {"expectation": "expect_column_values_to_be_in_set", "check": "status is one of held, planned, cancelled",
         "success": False, "rows_failed": 2},
        {"expectation": "expect_column_values_to_not_be_null", "check": "meeting_id is present", "success": True,
         "rows_failed": 0}])
    gate = GateResult(staged=10, quarantined={"meetings": 2, "claims": 1}, checks={"meetings": check},
                      by_check={("meetings", "status is one of held, planned, cancelled"): 2,
                                ("claims", "depends on a quarantined meeting"): 1})
    return RunSummary("abc123", "/data/w.duckdb", "v1", ["feeds/"], status="completed", gate=gate,
                      tally=Tally(), published={"meetings": 3, "claims": 7})


def test_artifacts_failed_checks_table_lists_only_failures() -> None:
    assert artifacts.failed_checks(summary_with_failures()) == [
        {"table": "meetings", "check": "status is one of held, planned, cancelled",
         "expectation": "expect_column_values_to_be_in_set", "rows_failed": 2, "rows_checked": 4}]


def test_artifacts_markdown_counts_quarantined_rows_by_check() -> None:
    text = artifacts.markdown(summary_with_failures())
    assert "| meetings | status is one of held, planned, cancelled | 2 |" in text
    assert "| claims | depends on a quarantined meeting | 1 |" in text
    assert "| meetings | 3 |" in text and "3 quarantined" in text
    assert "file:///data/reports/w/index.html" in text


def test_artifacts_keys_are_what_prefect_accepts() -> None:
    assert artifacts.key(Path("/data/My Warehouse_2024.duckdb"), "run") == "communique-my-warehouse-2024-run"
