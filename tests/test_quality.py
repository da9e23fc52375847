"""Extraction quality through the published warehouse, scored by the shared scorer against gold files."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import cli

from conftest import SEEDS

GOLD = Path(__file__).parent / "gold"

TOTAL = re.compile(r"meetings P=[\d.]+ R=[\d.]+ F1=([\d.]+) fields=([\d.]+) \| claims P=[\d.]+ R=[\d.]+ "
                   r"F1=([\d.]+) fields=([\d.]+)")


def score(shared: Path, gold: Path, warehouse: Path, variant: str) -> tuple[float, ...]:
    out = subprocess.run([sys.executable, str(shared / "tools" / "score_extraction.py"), str(gold), str(warehouse),
                          "--variant", variant], capture_output=True, text=True, check=True).stdout
    return tuple(float(x) for x in TOTAL.search(out.splitlines()[-1]).groups())


@pytest.fixture(scope="module")
def seed_warehouses(prefect_server, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed as a plain .txt (no date) and as a .jsonl record published 2024-02-21."""
    folder = tmp_path_factory.mktemp("seed")
    text = (SEEDS / "000_3d36cd28c38cb913.txt").read_text(encoding="utf-8")
    record = {"id": "seed", "title": text.splitlines()[0], "published": "2024-02-21", "source": "test", "text": text}
    (folder / "seed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = {}
    for variant, source in (("undated", SEEDS), ("dated", folder / "seed.jsonl")):
        out[variant] = folder / f"{variant}.duckdb"
        result = CliRunner().invoke(cli, ["run", str(source), "--warehouse", str(out[variant])], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("variant", ["undated", "dated"])
def test_quality_seed_meetings_and_claims(seed_warehouses: dict[str, Path], shared: Path, variant: str) -> None:
    meetings_f1, meeting_fields, claims_f1, claim_fields = score(
        shared, shared / "spec" / "seed-gold.yaml", seed_warehouses[variant], variant)
    assert meetings_f1 >= 0.9 and meeting_fields >= 0.9
    assert claims_f1 >= 0.9 and claim_fields >= 0.9


@pytest.fixture(scope="module")
def gold_warehouse(prefect_server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 15 annotated White House and Wikinews articles (tests/gold), with their publication dates."""
    path = tmp_path_factory.mktemp("gold") / "gold.duckdb"
    result = CliRunner().invoke(cli, ["run", str(GOLD / "articles.jsonl"), "--warehouse", str(path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


def test_quality_annotated_articles(gold_warehouse: Path, shared: Path) -> None:
    """Floors just under today's scores (README): a change that loses quality fails here."""
    meetings_f1, meeting_fields, claims_f1, claim_fields = score(
        shared, GOLD / "annotated.yaml", gold_warehouse, "dated")
    assert meetings_f1 >= 0.74 and meeting_fields >= 0.72
    assert claims_f1 >= 0.80 and claim_fields >= 0.80
