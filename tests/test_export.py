"""`communique export`: every published table and view as Parquet (or CSV) files that DuckDB (or Spark, or
Trino) reads back with the same rows, hive-partitioned by year and month, undated rows in a partition of
their own, the same files on a second export."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import cli
from warehouse import db
from warehouse.export import MANIFEST, PARTITION_DATES, names

from conftest import FIXTURES, SEEDS


@pytest.fixture(scope="module")
def warehouse(prefect_server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The undated seed (no publication date) and the dated fixture articles."""
    path = tmp_path_factory.mktemp("export") / "w.duckdb"
    result = CliRunner().invoke(cli, ["run", str(SEEDS), str(FIXTURES / "articles.jsonl"), "--warehouse", str(path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


def export(warehouse: Path, directory: Path, *options: str) -> None:
    result = CliRunner().invoke(cli, ["export", str(directory), "--warehouse", str(warehouse), *options],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


def read_back(directory: Path, table: str, fmt: str = "parquet") -> str:
    reader = "read_parquet" if fmt == "parquet" else "read_csv"
    return f"{reader}('{directory}/{table}/**/*.{fmt}', hive_partitioning = true)"


def files(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file() and p.name not in (MANIFEST, ".export.lock")}


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_round_trips_every_table(warehouse: Path, tmp_path: Path, fmt: str) -> None:
    export(warehouse, tmp_path, "--format", fmt)
    con = duckdb.connect(str(warehouse), read_only=True)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["tables"]) == set(names()) and {"event_links", "meeting_characterizations"} <= set(names())
    for table in names():
        rows = con.execute(f"select count(*) from main.{table}").fetchall()[0][0]
        assert con.execute(f"select count(*) from {read_back(tmp_path, table, fmt)}").fetchall()[0][0] == rows, table
        assert manifest["tables"][table]["rows"] == rows, table
    assert con.execute(f"select count(*) from {read_back(tmp_path, 'meetings', fmt)}").fetchall()[0][0] > 0
    assert manifest["contract_version"] == 2 and manifest["format"] == fmt
    assert manifest["last_run_id"] == con.execute("select run_id from runs").fetchall()[0][0]
    if fmt == "parquet":  # the columns and values come back as they were
        exported = con.execute(f"select * exclude (year, month) from {read_back(tmp_path, 'claims')} "
                               "order by claim_id").fetchall()
        assert exported == con.execute("select * from claims order by claim_id").fetchall()
    con.close()


def test_export_partitions_by_year_and_month_with_undated_rows_apart(warehouse: Path, tmp_path: Path) -> None:
    export(warehouse, tmp_path)
    con = duckdb.connect(str(warehouse), read_only=True)
    undated = {"meetings": "select count(*) from meetings where date_start is null",
               "events": "select count(*) from events where date_start is null",
               "claims": "select count(*) from claims join documents using (doc_id) where published_at is null"}
    for table, query in undated.items():
        expected = con.execute(query).fetchall()[0][0]
        assert expected > 0, table  # the seed has no publication date and no meeting dates
        folder = tmp_path / table / "year=undated" / "month=undated"
        assert con.execute(f"select count(*) from read_parquet('{folder}/*.parquet')").fetchall()[0][0] == expected
    dated = con.execute("select strftime(date_start, 'year=%Y/month=%m') from meetings where date_start is not null "
                        "limit 1").fetchall()[0][0]
    assert list((tmp_path / "meetings" / dated).glob("*.parquet"))
    assert set(PARTITION_DATES) == {"meetings", "events", "claims"}
    assert [p.name for p in (tmp_path / "documents").iterdir()] == ["data_0.parquet"]  # not partitioned
    con.close()


def test_export_again_gives_the_same_files_and_replaces_the_old(warehouse: Path, tmp_path: Path) -> None:
    export(warehouse, tmp_path)
    first, manifest = files(tmp_path), json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    stale = tmp_path / "meetings" / "year=1999" / "month=01" / "data_0.parquet"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"left by an older export")
    (tmp_path / "notes.txt").write_text("the analyst's own file", encoding="utf-8")
    export(warehouse, tmp_path)
    second = files(tmp_path)
    assert {k: v for k, v in second.items() if k != "notes.txt"} == first
    assert not stale.exists() and (tmp_path / "notes.txt").exists()
    again = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert {**again, "written_at": None} == {**manifest, "written_at": None}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_leaves_the_warehouse_as_it_was(warehouse: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    reader = duckdb.connect(str(warehouse), read_only=True)  # an analyst reading at the same time
    export(warehouse, tmp_path / "out")
    reader.close()
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before


def test_export_empty_partitioned_table_keeps_its_columns(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    with db.writable_copy(empty):
        pass
    export(empty, tmp_path / "out")
    con = duckdb.connect()
    columns = [c[0] for c in con.execute(f"describe select * from {read_back(tmp_path / 'out', 'meetings')}").fetchall()]
    assert "meeting_id" in columns and "date_start" in columns
    assert con.execute(f"select count(*) from {read_back(tmp_path / 'out', 'meetings')}").fetchall() == [(0,)]


def test_export_refuses_a_missing_warehouse_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "out"), "--warehouse", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no warehouse at" in result.output and "Traceback" not in result.output
