"""Extraction quality through the published warehouse, scored by the shared scorer against gold files
(`communique bench extraction`, run here on the seed and tests/gold)."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.bench_extraction import bench_extraction, format_report


@pytest.fixture(scope="module")
def figures(prefect_server, shared: Path) -> dict[tuple[str, str], dict[str, float]]:
    rows = bench_extraction(shared, ["seed", "tests/gold"])
    print(format_report(rows))
    return {(name, outlet): figures for name, outlet, _, figures in rows}


@pytest.mark.parametrize("variant", ["undated", "dated"])
def test_quality_seed_meetings_claims_and_links(figures, variant: str) -> None:
    seed = figures[(f"seed, {variant}", "all")]
    for figure in ("meetings F1", "meetings fields", "claims F1", "claims fields"):
        assert seed[figure] == 1.0, figure


def test_quality_annotated_articles(figures) -> None:
    """Floors just under today's scores (README): a change that loses quality fails here."""
    gold = figures[("tests/gold", "all")]
    assert gold["meetings F1"] >= 0.80 and gold["meetings fields"] >= 0.85
    assert gold["claims F1"] >= 0.80 and gold["claims fields"] >= 0.80
    assert ("tests/gold", "Wikinews") in figures  # scored per outlet too
