"""The command line as an analyst uses it: run a folder with bad inputs, re-run, query read-only."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import cli

from conftest import FIXTURES, SEEDS

COUNTS = "select (select count(*) from documents), (select count(*) from meetings), (select count(*) from claims)"


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, an empty file, a binary file, invalid UTF-8, and a .jsonl with one good and one bad line."""
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copy(SEEDS / "000_3d36cd28c38cb913.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Réunion à Genève".encode("latin-1"))
    good = json.loads((FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines()[1])
    (folder / "feed.jsonl").write_text(json.dumps(good) + "\n{\"title\": \"broken\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def first_run(prefect_server, mixed_folder: Path, tmp_path_factory: pytest.TempPathFactory):
    warehouse = tmp_path_factory.mktemp("wh") / "w.duckdb"
    result = CliRunner().invoke(cli, ["run", str(mixed_folder), "--warehouse", str(warehouse)],
                                catch_exceptions=False)
    return warehouse, result


def test_cli_run_with_bad_inputs_exits_zero_and_accounts_for_every_input(first_run) -> None:
    warehouse, result = first_run
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    docs = con.execute("select count(*) from documents").fetchone()[0]
    errors = dict(con.execute("select regexp_extract(source_uri, '[^/]+$'), error from ingest_errors").fetchall())
    con.close()
    assert docs == 2  # the seed and the good .jsonl line
    assert set(errors) == {"empty.txt", "image.txt", "latin1.txt", "feed.jsonl#L2"}
    assert "rejected inputs: 4" in result.output


def test_cli_run_again_changes_no_counts_and_starts_nothing(first_run, mixed_folder: Path, monkeypatch) -> None:
    """Nothing new (the rejected inputs are recorded already): the run is recorded without Prefect,
    worker processes or the gate."""
    warehouse, _ = first_run
    con = duckdb.connect(str(warehouse), read_only=True)
    before = con.execute(COUNTS).fetchone()
    runs_before = con.execute("select count(*) from runs").fetchone()[0]
    con.close()
    monkeypatch.setattr("flows.cli.run_flow", lambda *args: pytest.fail("an idle run started the flow"))
    result = CliRunner().invoke(cli, ["run", str(mixed_folder), "--warehouse", str(warehouse)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "rejected inputs: 4" in result.output  # still said, not recorded twice
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute(COUNTS).fetchone() == before
    assert con.execute("select count(*) from runs").fetchone()[0] == runs_before + 1
    assert con.execute("select status, processes, documents_new from runs order by started_at desc limit 1"
                       ).fetchall() == [("completed", None, 0)]
    assert con.execute("select count(*) from ingest_errors").fetchone()[0] == 4
    assert before[1] >= 1 and before[2] >= 3


def test_cli_strict_fails_on_rejected_inputs(first_run, mixed_folder: Path) -> None:
    warehouse, _ = first_run
    result = CliRunner().invoke(cli, ["run", str(mixed_folder), "--warehouse", str(warehouse), "--strict"])
    assert result.exit_code == 2


def test_cli_query_refuses_to_change_the_warehouse(first_run) -> None:
    warehouse, _ = first_run
    result = CliRunner().invoke(cli, ["query", "drop table documents", "--warehouse", str(warehouse)])
    assert result.exit_code != 0
    assert "read-only" in result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from documents").fetchone()[0] == 2


def test_cli_query_formats(first_run) -> None:
    warehouse, _ = first_run
    sql = "select doc_id, title from documents order by title"
    as_json = CliRunner().invoke(cli, ["query", sql, "--warehouse", str(warehouse), "--format", "json"])
    as_csv = CliRunner().invoke(cli, ["query", sql, "--warehouse", str(warehouse), "--format", "csv"])
    rows = json.loads(as_json.output)
    assert len(rows) == 2 and rows[1]["title"].startswith("U.S. notes China")
    assert as_csv.output.splitlines()[0] == "doc_id,title"


def test_cli_query_without_warehouse_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "select 1", "--warehouse", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0 and "communique run" in result.output


def test_cli_warehouse_honours_the_contract(first_run, shared: Path) -> None:
    warehouse, _ = first_run
    checked = subprocess.run([sys.executable, str(shared / "tools" / "check_contract.py"), str(warehouse)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith("contract v1:")


def test_cli_small_batches_stage_each_actor_once(prefect_server, tmp_path: Path) -> None:
    """Kamala Harris appears in several gold articles: batches of two must not make her a duplicate."""
    warehouse = tmp_path / "w.duckdb"
    gold = Path(__file__).parent / "gold" / "articles.jsonl"
    result = CliRunner().invoke(cli, ["run", str(gold), "--warehouse", str(warehouse), "--batch-size", "2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from quarantine.actors").fetchall() == [(0,)]
    assert con.execute("select count(*) from actors where name = 'Kamala Harris'").fetchall() == [(1,)]


def test_cli_missing_model_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNIQUE_SPACY_MODEL", "en_core_web_no_such_model")
    result = subprocess.run([str(Path(sys.executable).parent / "communique"), "run", "--warehouse",
                             str(tmp_path / "w.duckdb")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "en_core_web_no_such_model" in result.stderr and "not installed" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "w.duckdb").exists()


def test_cli_failed_run_says_why_without_a_traceback_and_keeps_the_file(tmp_path: Path) -> None:
    """A file that is not a DuckDB warehouse: the run fails, in one line, and touches nothing."""
    warehouse = tmp_path / "w.duckdb"
    warehouse.write_text("quarterly notes, not a database\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    result = subprocess.run([str(Path(sys.executable).parent / "communique"), "run", str(SEEDS), "--warehouse",
                             str(warehouse)], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "cannot be opened as a DuckDB warehouse" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Error logging to API" not in result.stderr  # logs were delivered before the server stopped
    assert warehouse.read_text(encoding="utf-8") == "quarterly notes, not a database\n"
    assert not list(tmp_path.glob("*.tmp"))
