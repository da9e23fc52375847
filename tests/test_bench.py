"""`communique bench throughput`: both sides measured on the same texts, memory over the whole process tree."""
from __future__ import annotations

import json

from flows.bench_throughput import bench_throughput, format_report
from flows.settings import Settings

from conftest import FIXTURES


def test_bench_throughput_measures_the_command_line_and_bare_spacy_on_the_same_texts() -> None:
    path = FIXTURES / "articles.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()[:4]]
    result = bench_throughput(path, 4, Settings().spacy_model)
    assert result["documents"] == 4 and result["processes"] == 1  # four readouts fit in one batch
    assert result["words"] == sum(len(text.split()) for text in texts)
    assert result["rerun_seconds"] < result["pipeline_seconds"]  # the re-run skips every known document
    assert result["pipeline_tree_mb"] > 150  # sampled while the run held spaCy's model, not left at zero
    assert result["spacy_tree_mb"] > 150  # bare spaCy's own process tree, sampled the same way
    assert result["spacy_seconds"] > 0 and result["spacy_one_thread_seconds"] > 0
    report = format_report(result)
    assert "words/s" in report and "all processes" in report and "1 maths thread" in report
