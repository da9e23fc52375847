"""The README is tested: its SQL examples run on the seed's warehouse, its commands exist."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import cli

from conftest import ROOT, SEEDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_warehouse(prefect_server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "seed.duckdb"
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--warehouse", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


def sql_blocks(text: str) -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL)
    return [s.strip() for block in blocks for s in block.split(";") if s.strip()]


def test_docs_readme_queries_run_on_the_seed(seed_warehouse: Path) -> None:
    con = duckdb.connect(str(seed_warehouse), read_only=True)
    examples = sql_blocks(README.split("## Example queries", 1)[1].split("\n## ", 1)[0])
    assert len(examples) == 8
    for query in examples:
        assert con.execute(query).fetchall(), query  # each analyst example returns rows on the seed
    for query in sql_blocks(README):
        con.execute(query).fetchall()  # and every other SQL in the README at least runs


def test_docs_quick_start_and_every_command_has_help() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick_start and "make test" in quick_start
    commands = ["run", "query", "validate", "report", "serve", "migrate", "bench dates", "bench claims", "bench extraction", "bench focus", "bench throughput"]
    for command in commands:
        result = CliRunner().invoke(cli, [*command.split(), "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, command
        assert f"communique {command.split()[0]}" in README, command
