"""How the flow cuts its input into tasks."""
from __future__ import annotations

import json

from flows.pipeline import batches
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
