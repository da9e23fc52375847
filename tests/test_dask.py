"""Extraction on a Dask cluster gives the same tables as a local run; only the flow process writes."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import cli

from conftest import FIXTURES, SEEDS

SNAPSHOT = {
    "documents": "select doc_id from documents order by 1",
    "meetings": "select meeting_id, kind, status, format, date_start, location from meetings order by 1",
    "participants": "select meeting_id, actor_id, role from meeting_participants order by 1, 2",
    "claims": "select claim_id, speaker_text, cue, content, meeting_id from claims order by 1",
    "actors": "select actor_id, name, kind, country from actors order by 1",
}


def snapshot(path: Path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in SNAPSHOT.items()}
    finally:
        con.close()


def test_dask_local_cluster_matches_a_local_run(prefect_server, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    inputs = [str(SEEDS), str(FIXTURES / "articles.jsonl")]
    local = tmp_path / "local.duckdb"
    result = CliRunner().invoke(cli, ["run", *inputs, "--warehouse", str(local), "--batch-size", "2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = tmp_path / "dask.duckdb"
        result = CliRunner().invoke(cli, ["run", *inputs, "--warehouse", str(remote), "--batch-size", "2",
                                          "--dask-address", cluster.scheduler_address], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert snapshot(remote) == snapshot(local)
    assert len(snapshot(local)["meetings"]) >= 5
