"""How the flow cuts its input into tasks."""
from __future__ import annotations

import json
import signal
from pathlib import Path

import duckdb
import pytest

from flows import pipeline
from flows.pipeline import batches, record_failure
from flows.summary import RunSummary
from transforms.ingest import Document

from conftest import FIXTURES


def test_batches_hold_fewer_documents_when_they_are_long() -> None:
    records = [json.loads(line) for line in (FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    documents = [Document(doc_id=r["id"], source_uri="fixture", title="", text=r["text"]) for r in records]
    longest = max(len(d.text) for d in documents)
    assert [len(b) for b in batches(documents, 4, 10**9)] == [4, 2]
    cut = list(batches(documents, 50, longest))
    assert [d for b in cut for d in b] == documents  # every document once, in order
    assert len(cut) > 1
    for batch in cut[:-1]:  # a batch closes with the document that reached the limit
        assert sum(len(d.text) for d in batch[:-1]) < longest <= sum(len(d.text) for d in batch)


def test_pipeline_a_stop_that_surfaces_as_another_error_is_recorded_as_interrupted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C's SystemExit raised inside pydantic's serializer comes out as a PydanticSerializationError:
    the run was still stopped by the signal, not failed."""
    warehouse = tmp_path / "w.duckdb"
    monkeypatch.setattr(pipeline, "stopped_by", lambda: signal.SIGINT)
    summary = RunSummary("r1", str(warehouse), "test", [], opened=True)
    record_failure(summary, ValueError("Error calling function `_ser_model`: SystemExit: 130"))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select status, message from runs").fetchall() == [
            ("interrupted", "stopped by a signal before publishing")]
