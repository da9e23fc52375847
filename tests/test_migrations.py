"""Upgrades: a warehouse written by the previous release (contract v1) is migrated in place, nothing lost;
one written by a newer release is refused in one line and left as it was."""
from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import cli
from warehouse import registry

from conftest import SEEDS

V1_TABLES = ["documents", "actors", "actor_aliases", "meetings", "meeting_participants", "meeting_topics", "claims",
             "ingest_errors", "runs", "validation_results"]


@pytest.fixture()
def v1_warehouse(shared: Path, tmp_path: Path) -> Path:
    """A real warehouse of the previous contract, as ../shared/fixtures ships it."""
    path = tmp_path / "v1.duckdb"
    with gzip.open(shared / "fixtures" / "warehouse-v1.duckdb.gz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return path


def v1_columns(path: Path) -> dict[str, list[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {table: [c for c, in con.execute("select column_name from information_schema.columns where "
                                                "table_schema = 'main' and table_name = ?", [table]).fetchall()]
                for table in V1_TABLES}
    finally:
        con.close()


def rows(path: Path, columns: dict[str, list[str]]) -> dict[str, set[tuple]]:
    """Every row, by the v1 columns."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: set(con.execute(f"select {', '.join(c)} from main.{t}").fetchall()) for t, c in columns.items()}
    finally:
        con.close()


def test_migrations_v1_warehouse_is_migrated_by_migrate_keeping_every_row(prefect_server, v1_warehouse: Path,
                                                                           shared: Path) -> None:
    columns = v1_columns(v1_warehouse)
    before = rows(v1_warehouse, columns)
    result = CliRunner().invoke(cli, ["validate", "--warehouse", str(v1_warehouse)])
    assert result.exit_code == 1 and "communique migrate" in result.output  # one clear line, not a binder error
    result = CliRunner().invoke(cli, ["migrate", "--warehouse", str(v1_warehouse)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "contract v1 -> v2" in result.output
    after = rows(v1_warehouse, columns)
    for table in V1_TABLES:
        if table in ("runs", "validation_results"):
            assert before[table] <= after[table], table  # the migration is a run of its own, with its checks
        else:
            assert before[table] == after[table], table
    check = subprocess.run([sys.executable, str(shared / "tools" / "check_contract.py"), str(v1_warehouse),
                            "--version", "2"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    con = duckdb.connect(str(v1_warehouse), read_only=True)
    assert con.execute("select count(*) from meetings where event_id is null").fetchall() == [(0,)]
    assert con.execute("select count(*) from meetings m where not exists "
                       "(select 1 from events e where e.event_id = m.event_id)").fetchall() == [(0,)]
    assert con.execute("select sum(reports) from events").fetchall()[0][0] == len(before["meetings"])
    versions = con.execute("select version, migration from schema_version order by version").fetchall()
    con.close()
    assert [v for v, _ in versions] == [1, registry.CONTRACT_VERSION] and "from v1 by run" in versions[1][1]
    again = CliRunner().invoke(cli, ["migrate", "--warehouse", str(v1_warehouse)], catch_exceptions=False)
    assert "nothing to migrate" in again.output


def test_migrations_a_run_that_also_extracts_a_document_again_stages_it_once(prefect_server, v1_warehouse: Path) -> None:
    """`make run` after an upgrade: the seed, extracted by the old release, is read again by the new extractor
    in the run that migrates; its meetings and links are staged once, not quarantined as duplicates."""
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--warehouse", str(v1_warehouse)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "0 quarantined" in result.output and "contract v1 -> v2" in result.output
    con = duckdb.connect(str(v1_warehouse), read_only=True)
    try:
        seed = con.execute("select doc_id from documents where source_uri like '%000_3d36cd28c38cb913%'").fetchall()
        assert con.execute("select count(*), count(event_id) from meetings where doc_id = ?", seed[0]).fetchall() == [(5, 5)]
        assert con.execute("select count(*) from meeting_links where doc_id = ?", seed[0]).fetchall() == [(4,)]
        assert con.execute("select count(*) from meetings where event_id is null").fetchall() == [(0,)]
    finally:
        con.close()


def test_migrations_warehouse_from_a_newer_release_is_refused_and_left_as_it_was(prefect_server,
                                                                                 v1_warehouse: Path) -> None:
    con = duckdb.connect(str(v1_warehouse))
    con.execute("insert into schema_version (version) values (?)", [registry.CONTRACT_VERSION + 1])
    con.close()
    before = v1_warehouse.read_bytes()
    for command in (["run", "--warehouse"], ["migrate", "--warehouse"], ["validate", "--warehouse"]):
        result = CliRunner().invoke(cli, [*command, str(v1_warehouse)])
        assert result.exit_code != 0, command
        assert "newer communique" in result.output, command
        assert "Traceback" not in result.output
    assert v1_warehouse.read_bytes() == before
